/* desk-pdf.c: the text of a PDF, page by page, through poppler */
#define G_LOG_DOMAIN "desk-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "desk-reader.h"

/* poppler-glib 22.12 declares no autoptr cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* What PDF writers put in Author when nobody typed a name */
static const char * const placeholder_authors[] = {
  "user", "usuario", "windows user", "microsoft office user", "usuario de windows", "administrator",
  "administrador", "admin", "owner", "propietario", "unknown", "author", "autor", NULL,
};

static gboolean
is_placeholder_author (const char *author)
{
  g_autofree char *lower = g_utf8_strdown (author, -1);

  return g_strv_contains (placeholder_authors, lower);
}

/* Author, creation date and title of @document into @meta */
static void
read_info (PopplerDocument *document,
           DeskRawDocument *meta)
{
  if (meta->title == NULL)
    {
      g_autofree char *t = poppler_document_get_title (document);

      /* converters often fill the title with the file name */
      if (t != NULL && !(g_str_has_suffix (t, ".txt") || g_str_has_suffix (t, ".doc") ||
                         g_str_has_suffix (t, ".docx") || g_str_has_suffix (t, ".pdf") ||
                         g_str_has_prefix (t, "Microsoft Word")))
        meta->title = desk_reader_clean_meta (t);
    }
  if (meta->author == NULL)
    {
      g_autofree char *a = poppler_document_get_author (document);

      if (a != NULL && (meta->author = desk_reader_clean_meta (a)) != NULL && is_placeholder_author (meta->author))
        g_clear_pointer (&meta->author, g_free);
    }
  if (meta->date == NULL)
    {
      g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (document);

      if (created != NULL)
        meta->date = g_date_time_format (created, "%Y-%m-%d");
    }
}

GPtrArray *
desk_pdf_read_pages (const char      *name,
                     GBytes          *bytes,
                     DeskRawDocument *meta,
                     GError         **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  int n_pages;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_PDF_ENCRYPTED,
                     _("“%s” is protected by a password; open it, save an unprotected copy and import that"),
                     name);
      else
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_PDF_DAMAGED,
                     _("“%s” is not a readable PDF (it may be damaged or incomplete)"), name);
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_PDF_DAMAGED,
                   _("“%s” is not a readable PDF (it has no pages)"), name);
      return NULL;
    }

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      char *text = page ? poppler_page_get_text (page) : NULL;

      g_ptr_array_add (pages, text ? text : g_strdup (""));
    }

  if (meta != NULL)
    read_info (document, meta);

  return g_steal_pointer (&pages);
}
