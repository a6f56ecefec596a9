/* desk-cli-library.c: the commands of dialogue-desk-cli that fill and read
 * the library (import, documents, show, search) and the one that reads
 * files without it (extract) */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"
#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-reader.h"
#include "desk-locale.h"
#include "desk-section.h"
#include "desk-value.h"

/* The hits search lists without --limit, and the most --limit takes */
#define SEARCH_LIMIT 20
#define SEARCH_LIMIT_MAX 10000

/* What the options of these commands set */
static struct
{
  gboolean json;
  gboolean text;
  gboolean outline;
  guint limit;
  gint64 max_size;    /* 0: the reader's own limit */
} opts = { .limit = SEARCH_LIMIT };

/* Options */

static gboolean
parse_limit (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  guint64 limit;

  if (!_desk_cli_parse_number (option_name, value, SEARCH_LIMIT_MAX, &limit, error))
    return FALSE;
  opts.limit = limit;
  return TRUE;
}

static gboolean
parse_max_size (const char  *option_name,
                const char  *value,
                gpointer     data,
                GError     **error)
{
  guint64 size;

  if (!_desk_cli_parse_number (option_name, value, G_MAXINT64, &size, error))
    return FALSE;
  opts.max_size = size;
  return TRUE;
}

/* Helpers */

/* Import progress, on a terminal only */
static void
print_progress (guint       done,
                guint       total,
                const char *current,
                gpointer    user_data)
{
  if (current != NULL)
    {
      g_autofree char *base = g_path_get_basename (current);
      /* TRANSLATORS: import progress: files done, files in all, file name */
      fprintf (stderr, "\r\033[K%s", "");
      fprintf (stderr, _("Importing %u of %u: %s"), done + 1, total, base);
    }
  else
    fprintf (stderr, "\r\033[K");
  fflush (stderr);
}

/* A stored section's line in show --outline */
static char *
section_label (DeskSection *section)
{
  const char *number = desk_section_get_number (section);
  const char *title = desk_section_get_title (section);

  /* chapter headings carry their number in their title */
  if (number != NULL && strstr (title, number) == NULL)
    return g_strdup_printf ("%s %s", number, title);
  return g_strdup (title);
}

/* The label of an extracted fact's section, or NULL for none */
static char *
outline_label (GArray *outline,
               int     section)
{
  const DeskOutlineEntry *e;

  if (outline == NULL || section < 0 || (guint) section >= outline->len)
    return NULL;
  e = &g_array_index (outline, DeskOutlineEntry, section);
  if (e->number != NULL && strstr (e->title, e->number) == NULL)
    return g_strdup_printf ("%s %s", e->number, e->title);
  return g_strdup (e->title);
}

/* A hit's snippet with its matches in bold on a terminal, else in brackets */
static char *
highlighted_snippet (DeskSearchHit *hit,
                     gboolean       terminal)
{
  const char *snippet = desk_search_hit_get_snippet (hit);
  const GArray *ranges = desk_search_hit_get_highlights (hit);
  GString *out = g_string_new (NULL);
  guint last = 0;

  for (guint i = 0; i < ranges->len; i++)
    {
      const DeskRange *r = &g_array_index (ranges, DeskRange, i);
      const char *a = g_utf8_offset_to_pointer (snippet, last);
      const char *b = g_utf8_offset_to_pointer (snippet, r->start);
      const char *c = g_utf8_offset_to_pointer (snippet, r->end);

      g_string_append_len (out, a, b - a);
      g_string_append (out, terminal ? "\033[1m" : "[");
      g_string_append_len (out, b, c - b);
      g_string_append (out, terminal ? "\033[0m" : "]");
      last = r->end;
    }
  g_string_append (out, g_utf8_offset_to_pointer (snippet, last));
  return g_string_free (out, FALSE);
}

/* Commands */

static int
cmd_import (DeskCli *cli)
{
  g_autoptr(DeskImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = _desk_cli_library_path (cli);
  guint added = 0, duplicates = 0, failed = 0, not_read = 0;
  g_autofree char *stop = NULL;

  if (cli->args->len == 0)
    return _desk_cli_usage_error (_("import needs at least one file or folder"));

  g_ptr_array_add (cli->args, NULL);
  importer = desk_importer_new (path);
  if (opts.max_size > 0)
    desk_importer_set_max_size (importer, opts.max_size);
  desk_importer_set_waiting_func (importer, _desk_cli_print_waiting, NULL);
  results = desk_importer_run (importer, (const char * const *) cli->args->pdata,
                               isatty (STDERR_FILENO) ? print_progress : NULL, NULL, NULL, &error);
  g_ptr_array_remove_index (cli->args, cli->args->len - 1);
  if (results == NULL)
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      DeskImportResult *r = g_ptr_array_index (results, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, r->document_id);

      switch (r->status)
        {
        case DESK_IMPORT_ADDED:
          added++;
          /* TRANSLATORS: document number, title, file */
          printf (_("Added %s: “%s” (%s)\n"), number, r->title, r->path);
          {
            g_autofree char *note = desk_import_result_note (r);
            if (note != NULL)
              _desk_cli_print_error (note);
          }
          break;
        case DESK_IMPORT_DUPLICATE:
          duplicates++;
          /* TRANSLATORS: document number, file */
          printf (_("Already in the library as %s: %s\n"), number, r->path);
          break;
        case DESK_IMPORT_NOT_READ:
          /* one reason for all of them, given once below */
          not_read++;
          break;
        case DESK_IMPORT_FAILED:
        default:
          failed++;
          _desk_cli_print_error (r->error->message);
          break;
        }
    }
  if ((stop = desk_import_describe_stop (results)) != NULL)
    _desk_cli_print_error (stop);

  fprintf (stderr, "%s\n", "");
  /* TRANSLATORS: summary of an import */
  fprintf (stderr, _("%u added, %u already in the library, %u failed\n"), added, duplicates, failed + not_read);

  return failed + not_read > 0 ? DESK_CLI_EXIT_FAILURE : DESK_CLI_EXIT_OK;
}

/* documents, written as they are read: a library of any size in the
 * memory of one document */
typedef struct
{
  DeskCliJson *json;          /* NULL: as text */
  JsonBuilder *builder;
  guint written;
} DocumentsOutput;

static gboolean
write_document (DeskDocument  *doc,
                gpointer       user_data,
                GError       **error)
{
  DocumentsOutput *out = user_data;

  if (out->json != NULL)
    {
      json_builder_begin_object (out->builder);
      _desk_cli_add_document_members (out->builder, doc);
      json_builder_end_object (out->builder);
      _desk_cli_json_add (out->json, NULL, out->builder);
    }
  else
    {
      if (out->written == 0)
        /* TRANSLATORS: column headings of the document list; keep the widths */
        printf ("%5s  %-12s  %-5s  %-10s  %8s  %s\n", _("ID"), _("UID"), _("LANG"), _("DATE"), _("SECTIONS"), _("TITLE"));
      printf ("%5" G_GINT64_FORMAT "  %.12s  %-5s  %-10s  %8u  %s\n",
              desk_document_get_id (doc), desk_document_get_uid (doc),
              desk_document_get_languages (doc),
              desk_document_get_published (doc) ? desk_document_get_published (doc) : "—",
              desk_document_get_n_sections (doc), desk_document_get_title (doc));
    }
  out->written++;
  g_object_unref (doc);
  return TRUE;
}

static int
cmd_documents (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskCliJson) json = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  DocumentsOutput out = { NULL, NULL, 0 };

  if (cli->args->len > 0)
    return _desk_cli_usage_error (_("documents takes no arguments"));

  if (!(store = _desk_cli_open_store (cli, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.json)
    {
      out.json = json = _desk_cli_json_new ();
      out.builder = builder = json_builder_new ();
      _desk_cli_json_begin_array (json, NULL);
    }
  if (!desk_store_foreach_document (store, write_document, &out, &error))
    {
      fflush (stdout);
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (json != NULL)
    _desk_cli_json_end (json);
  else if (out.written == 0)
    fprintf (stderr, "%s\n", _("The library is empty. Import documents with “dialogue-desk-cli import PATH”."));
  return DESK_CLI_EXIT_OK;
}

static int
cmd_show (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskDocument) doc = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  if (cli->args->len != 1)
    return _desk_cli_usage_error (_("show needs one document: its number or identifier"));
  if ((opts.text + opts.outline + opts.json) > 1)
    return _desk_cli_usage_error (_("choose one of --text, --outline and --json"));

  if (!(store = _desk_cli_open_store (cli, &error)) ||
      !(doc = desk_store_find_document (store, g_ptr_array_index (cli->args, 0), &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  id = desk_document_get_id (doc);

  if (opts.text)
    {
      if (!(text = desk_store_get_text (store, id, &error)))
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
      fputs (text, stdout);
      fputc ('\n', stdout);
      return DESK_CLI_EXIT_OK;
    }

  if (!(sections = desk_store_get_sections (store, id, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  if (opts.outline)
    {
      if (sections->len == 0)
        fprintf (stderr, "%s\n", _("This document has no sections."));
      for (guint i = 0; i < sections->len; i++)
        {
          DeskSection *s = g_ptr_array_index (sections, i);
          g_autofree char *label = section_label (s);

          for (guint d = 1; d < desk_section_get_depth (s); d++)
            fputs ("  ", stdout);
          printf ("%s\n", label);
        }
      return DESK_CLI_EXIT_OK;
    }

  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) paragraphs = NULL;
      static const char * const kinds[] = { "paragraph", "heading", "list-item" };

      if (!(text = desk_store_get_text (store, id, &error)) ||
          !(paragraphs = desk_store_get_paragraphs (store, id, &error)))
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
      json_builder_begin_object (builder);
      _desk_cli_add_document_members (builder, doc);
      _desk_cli_begin_array_member (builder, "outline");
      for (guint i = 0; i < sections->len; i++)
        {
          DeskSection *s = g_ptr_array_index (sections, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "uid", desk_section_get_uid (s));
          _desk_cli_add_int (builder, "position", desk_section_get_position (s));
          _desk_cli_add_int (builder, "depth", desk_section_get_depth (s));
          _desk_cli_add_string (builder, "number", desk_section_get_number (s));
          _desk_cli_add_string (builder, "title", desk_section_get_title (s));
          _desk_cli_add_int (builder, "start", desk_section_get_start (s));
          _desk_cli_add_int (builder, "end", desk_section_get_end (s));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_begin_array_member (builder, "paragraphs");
      for (guint i = 0; i < paragraphs->len; i++)
        {
          DeskParagraph *p = &g_array_index (paragraphs, DeskParagraph, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "kind", kinds[p->kind]);
          _desk_cli_add_int (builder, "start", p->start);
          _desk_cli_add_int (builder, "end", p->end);
          _desk_cli_add_string (builder, "language", p->language);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_add_string (builder, "text", text);
      json_builder_end_object (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }

  printf ("%s\n", desk_document_get_title (doc));
  printf ("  %-12s %" G_GINT64_FORMAT "\n", _("Number:"), id);
  printf ("  %-12s %s\n", _("Identifier:"), desk_document_get_uid (doc));
  /* TRANSLATORS: who wrote a document */
  printf ("  %-12s %s\n", _("Author:"), desk_document_get_author (doc) ? desk_document_get_author (doc) : "—");
  printf ("  %-12s %s\n", _("Published:"), desk_document_get_published (doc) ? desk_document_get_published (doc) : "—");
  /* TRANSLATORS: the site or publisher of a document */
  printf ("  %-12s %s\n", _("Source:"), desk_document_get_source (doc) ? desk_document_get_source (doc) : "—");
  /* TRANSLATORS: the file a document was imported from */
  printf ("  %-12s %s\n", _("File:"), desk_document_get_path (doc));
  printf ("  %-12s %s\n", _("Format:"), desk_document_get_format (doc));
  printf ("  %-12s %s\n", _("Languages:"), desk_document_get_languages (doc));
  printf ("  %-12s %s\n", _("Imported:"), desk_document_get_imported (doc));
  printf ("  %-12s %" G_GINT64_FORMAT "\n", _("Characters:"), desk_document_get_n_chars (doc));
  printf ("  %-12s %u\n", _("Sections:"), sections->len);
  return DESK_CLI_EXIT_OK;
}

static int
cmd_search (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  if (cli->args->len == 0)
    return _desk_cli_usage_error (_("search needs something to look for"));

  g_ptr_array_add (cli->args, NULL);
  query = g_strjoinv (" ", (char **) cli->args->pdata);
  g_ptr_array_remove_index (cli->args, cli->args->len - 1);

  if (!(store = _desk_cli_open_store (cli, &error)) ||
      !(hits = desk_store_search (store, query, opts.limit, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  if (opts.json)
    {
      g_autoptr(DeskCliJson) json = _desk_cli_json_new ();
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      /* a hit at a time: up to --limit of them, with their snippets */
      _desk_cli_json_begin_array (json, NULL);
      for (guint i = 0; i < hits->len; i++)
        {
          DeskSearchHit *hit = g_ptr_array_index (hits, i);
          const GArray *ranges = desk_search_hit_get_highlights (hit);

          json_builder_begin_object (builder);
          _desk_cli_add_int (builder, "id", desk_search_hit_get_document_id (hit));
          _desk_cli_add_string (builder, "uid", desk_search_hit_get_uid (hit));
          _desk_cli_add_string (builder, "title", desk_search_hit_get_title (hit));
          _desk_cli_add_string (builder, "language", desk_search_hit_get_language (hit));
          _desk_cli_add_double (builder, "rank", desk_search_hit_get_rank (hit));
          _desk_cli_add_string (builder, "snippet", desk_search_hit_get_snippet (hit));
          _desk_cli_begin_array_member (builder, "highlights");
          for (guint j = 0; j < ranges->len; j++)
            {
              const DeskRange *r = &g_array_index (ranges, DeskRange, j);
              json_builder_begin_array (builder);
              json_builder_add_int_value (builder, r->start);
              json_builder_add_int_value (builder, r->end);
              json_builder_end_array (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          _desk_cli_json_add (json, NULL, builder);
        }
      _desk_cli_json_end (json);
      return DESK_CLI_EXIT_OK;
    }

  if (hits->len == 0)
    {
      fprintf (stderr, _("No document matches “%s”.\n"), query);
      return DESK_CLI_EXIT_OK;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      DeskSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = highlighted_snippet (hit, isatty (STDOUT_FILENO));

      printf ("%u. [%" G_GINT64_FORMAT "] %s (%s)\n   %s\n", i + 1,
              desk_search_hit_get_document_id (hit), desk_search_hit_get_title (hit),
              desk_search_hit_get_language (hit), snippet);
    }
  return DESK_CLI_EXIT_OK;
}

static int
cmd_extract (DeskCli *cli)
{
  g_autoptr(DeskExtractor) extractor = NULL;
  g_autoptr(GError) error = NULL;
  int status = DESK_CLI_EXIT_OK;

  if (cli->args->len == 0)
    return _desk_cli_usage_error (_("extract needs at least one file"));

  extractor = desk_extractor_new (&error);
  if (extractor == NULL)
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *path = g_ptr_array_index (cli->args, i);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(DeskParsedDocument) doc = NULL;
      g_autoptr(GError) file_error = NULL;

      doc = desk_parse_file (file, opts.max_size > 0 ? opts.max_size : DESK_READER_DEFAULT_MAX_SIZE,
                             extractor, NULL, &file_error);
      if (doc == NULL)
        {
          _desk_cli_print_error (file_error->message);
          status = DESK_CLI_EXIT_FAILURE;
          continue;
        }

      if (opts.json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "file", path);
          _desk_cli_add_string (builder, "language", doc->language);
          _desk_cli_begin_array_member (builder, "facts");
          for (guint j = 0; j < doc->facts->len; j++)
            {
              const DeskFact *fact = &g_array_index (doc->facts, DeskFact, j);
              g_autofree char *section = outline_label (doc->outline, fact->section);

              json_builder_begin_object (builder);
              _desk_cli_add_fact_members (builder, fact, section);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          _desk_cli_print_json (builder);
          continue;
        }

      printf ("%s\n", path);
      for (guint j = 0; j < doc->facts->len; j++)
        {
          const DeskFact *fact = &g_array_index (doc->facts, DeskFact, j);
          g_autofree char *value = desk_value_format (fact->kind, fact->value, desk_locale_language ());

          printf ("  %-9s %-10s %s  «%s»\n", desk_fact_kind_to_string (fact->kind),
                  desk_modality_to_string (fact->modality), value, fact->text);
        }
    }
  return status;
}

/* The table */

static const GOptionEntry import_entries[] = {
  { "max-size", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_max_size,
    N_("Refuse files larger than BYTES (default: 64 MiB)"), "BYTES" },
  { NULL }
};

static const DeskCliUsage import_usage[] = {
  { "import PATH…", N_("Import files and folders into the library") },
  { NULL }
};

const DeskCliCommand _desk_cli_import_command = { "import", cmd_import, import_entries, import_usage,
                                                    _desk_cli_paths_from_first };

static const GOptionEntry documents_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the documents as JSON"), NULL },
  { NULL }
};

static const DeskCliUsage documents_usage[] = {
  { "documents [--json]", N_("List the documents of the library") },
  { NULL }
};

const DeskCliCommand _desk_cli_documents_command = { "documents", cmd_documents, documents_entries, documents_usage };

static const GOptionEntry show_entries[] = {
  { "text", 0, 0, G_OPTION_ARG_NONE, &opts.text, N_("Print the document’s text"), NULL },
  { "outline", 0, 0, G_OPTION_ARG_NONE, &opts.outline, N_("Print the document’s sections, as an outline"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the document, its outline, paragraphs and text as JSON"), NULL },
  { NULL }
};

static const DeskCliUsage show_usage[] = {
  { "show DOC-ID [--text|--outline|--json]", N_("Show a document, its text or its outline") },
  { NULL }
};

const DeskCliCommand _desk_cli_show_command = { "show", cmd_show, show_entries, show_usage };

static const GOptionEntry search_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the documents found as JSON"), NULL },
  { "limit", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_limit,
    N_("List at most N documents (default: 20, at most 10000)"), "N" },
  { NULL }
};

static const DeskCliUsage search_usage[] = {
  { "search [--json] [--limit N] QUERY", N_("Search the library’s documents") },
  { NULL }
};

const DeskCliCommand _desk_cli_search_command = { "search", cmd_search, search_entries, search_usage };

static const GOptionEntry extract_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the facts as JSON"), NULL },
  { "max-size", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_max_size,
    N_("Refuse files larger than BYTES (default: 64 MiB)"), "BYTES" },
  { NULL }
};

static const DeskCliUsage extract_usage[] = {
  { "extract [--json] FILE…", N_("Print the facts of files, without a library") },
  { NULL }
};

const DeskCliCommand _desk_cli_extract_command = { "extract", cmd_extract, extract_entries, extract_usage,
                                                     _desk_cli_paths_from_first };
