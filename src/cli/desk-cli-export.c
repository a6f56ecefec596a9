/* desk-cli-export.c: the export-pdf command of dialogue-desk-cli: a PDF
 * brief of axes, document sections, facts and review notes */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "desk-axes.h"
#include "desk-brief.h"
#include "desk-cli-private.h"
#include "desk-section.h"

/* What the options of export-pdf set */
static struct
{
  char *out;
  GPtrArray *brief_items;   /* "axis:ID", "section:DOC:N", "facts:FILTER", "notes", in order */
  char *lang;
  char *paper;
  char *title;
  char *mark;
  char *reviewer;
  gboolean approved_only;
} opts;

/* Options */

/* --axis, --section, --facts and --notes, each a part of the brief in the
 * order they are given */
static void
add_brief_item (char *item)
{
  if (opts.brief_items == NULL)
    opts.brief_items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (opts.brief_items, item);
}

static gboolean
parse_axis (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  if (value == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s needs a value"), option_name);
      return FALSE;
    }
  add_brief_item (g_strconcat ("axis:", value, NULL));
  return TRUE;
}

/* --section DOC-ID:SECTION and --facts FILTER; either one last, without
 * its value, has always been refused as an unknown option */
static gboolean
parse_section_or_facts (const char  *option_name,
                        const char  *value,
                        gpointer     data,
                        GError     **error)
{
  if (value == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, _("Unknown option “%s”"), option_name);
      return FALSE;
    }
  add_brief_item (g_strconcat (option_name + 2, ":", value, NULL));
  return TRUE;
}

static gboolean
parse_notes (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  add_brief_item (g_strdup ("notes"));
  return TRUE;
}

/* Helpers */

/* DOC-ID:SECTION — the section's number ("4.2"), its place in the outline
 * as `show --outline` lists it (counting from 1), the start of its title,
 * or "all" for every section of the document. */
static gboolean
add_sections_to_brief (DeskStore         *store,
                       DeskBriefOptions  *options,
                       const char        *spec,
                       GError           **error)
{
  const char *colon = strrchr (spec, ':');
  g_autofree char *doc_id = colon ? g_strndup (spec, colon - spec) : NULL;
  g_autoptr(DeskDocument) doc = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  const char *which = colon ? colon + 1 : NULL;
  guint64 position;

  if (doc_id == NULL || *doc_id == '\0' || *which == '\0')
    {
      g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND,
                   _("“%s” is not DOC-ID:SECTION (for example 4:2.1, 4:3 or 4:all)"), spec);
      return FALSE;
    }
  if (!(doc = desk_store_find_document (store, doc_id, error)) ||
      !(sections = desk_store_get_sections (store, desk_document_get_id (doc), error)))
    return FALSE;
  if (g_str_equal (which, "all"))
    {
      for (guint i = 0; i < sections->len; i++)
        desk_brief_options_add_section (options, desk_document_get_id (doc), i);
      return TRUE;
    }
  for (guint i = 0; i < sections->len; i++)
    if (g_strcmp0 (desk_section_get_number (g_ptr_array_index (sections, i)), which) == 0)
      {
        desk_brief_options_add_section (options, desk_document_get_id (doc), i);
        return TRUE;
      }
  if (g_ascii_string_to_unsigned (which, 10, 1, sections->len, &position, NULL))
    {
      desk_brief_options_add_section (options, desk_document_get_id (doc), position - 1);
      return TRUE;
    }
  {
    g_autofree char *wanted = g_utf8_casefold (which, -1);

    for (guint i = 0; i < sections->len; i++)
      {
        g_autofree char *title = g_utf8_casefold (desk_section_get_title (g_ptr_array_index (sections, i)), -1);

        if (g_str_has_prefix (title, wanted))
          {
            desk_brief_options_add_section (options, desk_document_get_id (doc), i);
            return TRUE;
          }
      }
  }
  g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND,
               _("Document %s has no section “%s” (see “dialogue-desk-cli show %s --outline”)"), doc_id, which, doc_id);
  return FALSE;
}

/* --facts FILTER: "all", or kind=K, modality=M and document=ID joined by commas */
static gboolean
add_facts_to_brief (DeskStore         *store,
                    DeskBriefOptions  *options,
                    const char        *spec,
                    GError           **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);
  int kind = -1, modality = -1;
  gint64 document = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      const char *key = parts[i], *value = eq ? eq + 1 : NULL;

      if (eq != NULL)
        *eq = '\0';
      if (g_str_equal (key, "all") && value == NULL)
        continue;
      if (value != NULL && g_str_equal (key, "kind") && desk_fact_kind_from_string (value, (DeskFactKind *) &kind))
        continue;
      if (value != NULL && g_str_equal (key, "modality") && desk_modality_from_string (value, (DeskModality *) &modality))
        continue;
      if (value != NULL && g_str_equal (key, "document"))
        {
          g_autoptr(DeskDocument) doc = desk_store_find_document (store, value, error);

          if (doc == NULL)
            return FALSE;
          document = desk_document_get_id (doc);
          continue;
        }
      g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND,
                   _("“%s” is not a fact filter (all, or kind=K, modality=M and document=ID joined by commas)"), spec);
      return FALSE;
    }
  desk_brief_options_add_facts (options, kind, modality, document);
  return TRUE;
}

static void
print_export_progress (double   fraction,
                       gpointer user_data)
{
  fprintf (stderr, "\r\033[K");
  /* TRANSLATORS: progress of a PDF export, in percent */
  fprintf (stderr, _("Exporting… %d%%"), (int) (fraction * 100));
  fflush (stderr);
}

/* Commands */

static int
cmd_export_pdf (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new (opts.lang ? opts.lang : (_desk_cli_ui_language () == 0 ? "es" : "en"));
  g_autoptr(GPtrArray) items = g_steal_pointer (&opts.brief_items);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (opts.out == NULL)
    return _desk_cli_usage_error (_("export-pdf needs --out FILE"));
  if (cli->args->len > 0)
    return _desk_cli_usage_error (_("export-pdf takes no arguments; choose what goes in with --axis, --section, --facts and --notes"));
  if (items == NULL || items->len == 0)
    return _desk_cli_usage_error (_("export-pdf needs something to export: --axis, --section, --facts or --notes"));
  if (opts.lang != NULL && !g_str_equal (opts.lang, "es") && !g_str_equal (opts.lang, "en"))
    {
      g_autofree char *msg = g_strdup_printf (_("--lang takes “es” or “en”, not “%s”"), opts.lang);
      return _desk_cli_usage_error (msg);
    }
  if (opts.paper != NULL && !desk_brief_parse_paper (opts.paper, &options->paper))
    {
      g_autofree char *msg = g_strdup_printf (_("--paper takes “a4” or “letter”, not “%s”"), opts.paper);
      return _desk_cli_usage_error (msg);
    }
  options->title = g_strdup (opts.title);
  options->mark = g_strdup (opts.mark);
  options->approved_only = opts.approved_only;

  if (!(axes = desk_axes_load_default (&error)) || !(store = _desk_cli_open_store (cli, &error)) ||
      desk_store_update_axes (store, axes, NULL, &error) < 0)
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  options->reviewer = opts.reviewer ? g_strdup (opts.reviewer) : desk_review_default_reviewer (store);
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      gboolean ok = TRUE;

      if (g_str_has_prefix (item, "axis:"))
        {
          if (desk_axes_lookup (axes, item + 5) == NULL)
            return _desk_cli_no_axis_error (item + 5);
          desk_brief_options_add_axis (options, item + 5);
        }
      else if (g_str_has_prefix (item, "section:"))
        ok = add_sections_to_brief (store, options, item + 8, &error);
      else if (g_str_has_prefix (item, "facts:"))
        ok = add_facts_to_brief (store, options, item + 6, &error);
      else
        desk_brief_options_add_notes (options);
      if (!ok)
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
    }

  if (!desk_brief_export (store, axes, options, opts.out, isatty (STDERR_FILENO) ? print_export_progress : NULL, NULL,
                          NULL, &n_pages, &error))
    {
      if (isatty (STDERR_FILENO))
        fprintf (stderr, "\r\033[K");
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r\033[K");
  /* TRANSLATORS: after an export: pages, file */
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages), n_pages, opts.out);
  return DESK_CLI_EXIT_OK;
}

/* The table */

static const GOptionEntry export_pdf_entries[] = {
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opts.out, N_("Write the brief to FILE"), "FILE" },
  { "axis", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_axis,
    N_("Add an axis with its proposals, facts and comparable mechanisms"), "ID" },
  { "section", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_section_or_facts,
    N_("Add a section of a document: its number, its place in the outline, the start of its title, or all"),
    "DOC-ID:SECTION" },
  { "facts", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_section_or_facts,
    N_("Add the facts a filter selects: all, or kind=K, modality=M and document=ID joined by commas"), "FILTER" },
  { "notes", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) parse_notes,
    N_("Add the review notes"), NULL },
  { "lang", 0, 0, G_OPTION_ARG_STRING, &opts.lang,
    N_("The language of the brief (default: that of the interface)"), "es|en" },
  { "paper", 0, 0, G_OPTION_ARG_STRING, &opts.paper, N_("The paper size (default: a4)"), "a4|letter" },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opts.title, N_("The title of the brief"), "T" },
  { "mark", 0, 0, G_OPTION_ARG_STRING, &opts.mark,
    N_("The handling mark on every page (default: “INTERNAL USE” in the brief’s language)"), "M" },
  { "reviewer", 0, 0, G_OPTION_ARG_STRING, &opts.reviewer,
    N_("Who prepared the brief (default: the reviewer of the last session)"), "R" },
  { "approved-only", 0, 0, G_OPTION_ARG_NONE, &opts.approved_only, N_("Leave out facts not approved"), NULL },
  { NULL }
};

static const DeskCliUsage export_pdf_usage[] = {
  { "export-pdf --out FILE [--axis ID]… [--section DOC-ID:SECTION]… [--facts FILTER]… [--notes]\n"
    "             [--lang es|en] [--paper a4|letter] [--title T] [--mark M] [--reviewer R] [--approved-only]",
    N_("Export a PDF brief of axes, sections and facts") },
  { NULL }
};

const DeskCliCommand _desk_cli_export_pdf_command = { "export-pdf", cmd_export_pdf, export_pdf_entries,
                                                      export_pdf_usage };
