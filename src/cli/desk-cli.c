/* desk-cli.c: the commands of dialogue-desk-cli
 *
 * Results go to standard output (text or --json), errors to standard
 * error, progress to standard error only when it is a terminal. */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-axes.h"
#include "desk-brief.h"
#include "desk-cli.h"
#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-reader.h"
#include "desk-review.h"
#include "desk-section.h"
#include "desk-store.h"

typedef struct
{
  char *library;
  gboolean json;
  gboolean text;
  gboolean outline;
  guint limit;
  gint64 max_size;
  char *kind;
  char *modality;
  char *document;
  char *axis;
  char *status;
  char *reviewer;
  char *prefer;
  gint64 session;
  char *out;
  char *lang;
  char *paper;
  char *title;
  char *mark;
  gboolean approved_only;
  GPtrArray *brief_items;   /* "axis:ID", "section:DOC:N", "facts:FILTER", "notes", in order */
  GPtrArray *args;
} Options;

enum { EXIT_OK = 0, EXIT_FAILURE_ = 1, EXIT_USAGE = 2 };

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _("Usage: dialogue-desk-cli [--library PATH] COMMAND [OPTIONS] [ARGUMENTS]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  fprintf (out, "  import PATH…                         %s\n", _("Import files and folders into the library"));
  fprintf (out, "  documents [--json]                   %s\n", _("List the documents of the library"));
  fprintf (out, "  show DOC-ID [--text|--outline|--json] %s\n", _("Show a document, its text or its outline"));
  fprintf (out, "  search [--json] [--limit N] QUERY    %s\n", _("Search the library’s documents"));
  fprintf (out, "  extract [--json] FILE…               %s\n", _("Print the facts of files, without a library"));
  fprintf (out, "  facts [--json] [--kind K] [--document ID] [--modality M] [--axis AXIS] [--status S]\n                                       %s\n", _("List the facts of the library"));
  fprintf (out, "  axes [--json]                        %s\n", _("List the dialogue axes and the axes found in documents"));
  fprintf (out, "  axes show AXIS [--json] [--kind K]   %s\n", _("Show an axis with its proposals and supporting facts"));
  fprintf (out, "  axes assign|unassign AXIS FACT-UID   %s\n", _("Put a fact under an axis, or take it off"));
  fprintf (out, "  axes merge FOUND-AXIS AXIS           %s\n", _("Count an axis found in a document as a dialogue axis"));
  fprintf (out, "  review start NAME [--reviewer NAME]  %s\n", _("Start a review session (the reviewer is remembered)"));
  fprintf (out, "  review end|list [--json]             %s\n", _("End the open review session, or list the sessions"));
  fprintf (out, "  review undo|redo                     %s\n", _("Take back the last review change, or bring it back"));
  fprintf (out, "  review history FACT-UID [--json]     %s\n", _("Who changed what of a fact, and when"));
  fprintf (out, "  review export FILE [--session ID]    %s\n", _("Write a session’s changes to a review file"));
  fprintf (out, "  review import FILE [--prefer mine|theirs]\n                                       %s\n", _("Merge a colleague’s review file"));
  fprintf (out, "  fact set FACT-UID… FIELD VALUE       %s\n", _("Review facts: status (pending, approved, rejected), note, text or value"));
  fprintf (out, "  export-pdf --out FILE [--axis ID]… [--section DOC-ID:SECTION]… [--facts FILTER]… [--notes]\n"
                "             [--lang es|en] [--paper a4|letter] [--title T] [--mark M] [--reviewer R] [--approved-only]\n"
                "                                       %s\n", _("Export a PDF brief of axes, sections and facts"));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --library PATH   %s\n", _("Use the library at PATH (default: $DIALOGUE_DESK_LIBRARY or the user’s library)"));
  fprintf (out, "  --help           %s\n", _("Show this help"));
  fprintf (out, "  --version        %s\n", _("Show the version"));
}

static void
print_error (const char *message)
{
  /* TRANSLATORS: prefix of error messages of the command line tool */
  fprintf (stderr, _("dialogue-desk-cli: %s\n"), message);
}

static int
usage_error (const char *message)
{
  print_error (message);
  fprintf (stderr, "%s\n", _("Run “dialogue-desk-cli --help” to see the commands."));
  return EXIT_USAGE;
}

static DeskStore *
open_store (Options  *opts,
            GError  **error)
{
  g_autofree char *path = opts->library ? g_strdup (opts->library) : desk_store_default_path ();

  return desk_store_open (path, error);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  fputs (data, stdout);
  fputc ('\n', stdout);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_document_members (JsonBuilder  *builder,
                      DeskDocument *doc)
{
  add_int (builder, "id", desk_document_get_id (doc));
  add_string (builder, "uid", desk_document_get_uid (doc));
  add_string (builder, "title", desk_document_get_title (doc));
  add_string (builder, "path", desk_document_get_path (doc));
  add_string (builder, "format", desk_document_get_format (doc));
  add_string (builder, "language", desk_document_get_language (doc));
  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  {
    g_auto(GStrv) langs = g_strsplit (desk_document_get_languages (doc), " ", -1);
    for (guint i = 0; langs[i]; i++)
      if (*langs[i])
        json_builder_add_string_value (builder, langs[i]);
  }
  json_builder_end_array (builder);
  add_string (builder, "published", desk_document_get_published (doc));
  add_string (builder, "imported", desk_document_get_imported (doc));
  add_int (builder, "size", desk_document_get_size (doc));
  add_int (builder, "characters", desk_document_get_n_chars (doc));
  add_int (builder, "sections", desk_document_get_n_sections (doc));
}

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

static int
cmd_import (Options *opts)
{
  g_autoptr(DeskImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = opts->library ? g_strdup (opts->library) : desk_store_default_path ();
  guint added = 0, duplicates = 0, failed = 0, not_read = 0;
  g_autofree char *stop = NULL;

  if (opts->args->len == 0)
    return usage_error (_("import needs at least one file or folder"));

  g_ptr_array_add (opts->args, NULL);
  importer = desk_importer_new (path);
  if (opts->max_size > 0)
    desk_importer_set_max_size (importer, opts->max_size);
  results = desk_importer_run (importer, (const char * const *) opts->args->pdata,
                               isatty (STDERR_FILENO) ? print_progress : NULL, NULL, NULL, &error);
  g_ptr_array_remove_index (opts->args, opts->args->len - 1);
  if (results == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE_;
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
              print_error (note);
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
          print_error (r->error->message);
          break;
        }
    }
  if ((stop = desk_import_describe_stop (results)) != NULL)
    print_error (stop);

  fprintf (stderr, "%s\n", "");
  /* TRANSLATORS: summary of an import */
  fprintf (stderr, _("%u added, %u already in the library, %u failed\n"), added, duplicates, failed + not_read);

  return failed + not_read > 0 ? EXIT_FAILURE_ : EXIT_OK;
}

static int
cmd_documents (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (opts->args->len > 0)
    return usage_error (_("documents takes no arguments"));

  if (!(store = open_store (opts, &error)) || !(docs = desk_store_list_documents (store, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }

  if (opts->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < docs->len; i++)
        {
          json_builder_begin_object (builder);
          add_document_members (builder, g_ptr_array_index (docs, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_OK;
    }

  if (docs->len == 0)
    {
      fprintf (stderr, "%s\n", _("The library is empty. Import documents with “dialogue-desk-cli import PATH”."));
      return EXIT_OK;
    }

  /* TRANSLATORS: column headings of the document list; keep the widths */
  printf ("%5s  %-12s  %-5s  %-10s  %8s  %s\n", _("ID"), _("UID"), _("LANG"), _("DATE"), _("SECTIONS"), _("TITLE"));
  for (guint i = 0; i < docs->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (docs, i);

      printf ("%5" G_GINT64_FORMAT "  %.12s  %-5s  %-10s  %8u  %s\n",
              desk_document_get_id (doc), desk_document_get_uid (doc),
              desk_document_get_languages (doc),
              desk_document_get_published (doc) ? desk_document_get_published (doc) : "—",
              desk_document_get_n_sections (doc), desk_document_get_title (doc));
    }
  return EXIT_OK;
}

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

static int
cmd_show (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskDocument) doc = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  if (opts->args->len != 1)
    return usage_error (_("show needs one document: its number or identifier"));
  if ((opts->text + opts->outline + opts->json) > 1)
    return usage_error (_("choose one of --text, --outline and --json"));

  if (!(store = open_store (opts, &error)) ||
      !(doc = desk_store_find_document (store, g_ptr_array_index (opts->args, 0), &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  id = desk_document_get_id (doc);

  if (opts->text)
    {
      if (!(text = desk_store_get_text (store, id, &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      fputs (text, stdout);
      fputc ('\n', stdout);
      return EXIT_OK;
    }

  if (!(sections = desk_store_get_sections (store, id, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }

  if (opts->outline)
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
      return EXIT_OK;
    }

  if (opts->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) paragraphs = NULL;
      static const char * const kinds[] = { "paragraph", "heading", "list-item" };

      if (!(text = desk_store_get_text (store, id, &error)) ||
          !(paragraphs = desk_store_get_paragraphs (store, id, &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      json_builder_begin_object (builder);
      add_document_members (builder, doc);
      json_builder_set_member_name (builder, "outline");
      json_builder_begin_array (builder);
      for (guint i = 0; i < sections->len; i++)
        {
          DeskSection *s = g_ptr_array_index (sections, i);

          json_builder_begin_object (builder);
          add_string (builder, "uid", desk_section_get_uid (s));
          add_int (builder, "position", desk_section_get_position (s));
          add_int (builder, "depth", desk_section_get_depth (s));
          add_string (builder, "number", desk_section_get_number (s));
          add_string (builder, "title", desk_section_get_title (s));
          add_int (builder, "start", desk_section_get_start (s));
          add_int (builder, "end", desk_section_get_end (s));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "paragraphs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < paragraphs->len; i++)
        {
          DeskParagraph *p = &g_array_index (paragraphs, DeskParagraph, i);

          json_builder_begin_object (builder);
          add_string (builder, "kind", kinds[p->kind]);
          add_int (builder, "start", p->start);
          add_int (builder, "end", p->end);
          add_string (builder, "language", p->language);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_string (builder, "text", text);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_OK;
    }

  printf ("%s\n", desk_document_get_title (doc));
  printf ("  %-12s %" G_GINT64_FORMAT "\n", _("Number:"), id);
  printf ("  %-12s %s\n", _("Identifier:"), desk_document_get_uid (doc));
  printf ("  %-12s %s\n", _("Source:"), desk_document_get_path (doc));
  printf ("  %-12s %s\n", _("Format:"), desk_document_get_format (doc));
  printf ("  %-12s %s\n", _("Languages:"), desk_document_get_languages (doc));
  printf ("  %-12s %s\n", _("Published:"), desk_document_get_published (doc) ? desk_document_get_published (doc) : "—");
  printf ("  %-12s %s\n", _("Imported:"), desk_document_get_imported (doc));
  printf ("  %-12s %" G_GINT64_FORMAT "\n", _("Characters:"), desk_document_get_n_chars (doc));
  printf ("  %-12s %u\n", _("Sections:"), sections->len);
  return EXIT_OK;
}

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

static void
add_fact_members (JsonBuilder    *builder,
                  const DeskFact *fact,
                  const char     *section)
{
  add_string (builder, "kind", desk_fact_kind_to_string (fact->kind));
  add_string (builder, "text", fact->text);
  add_string (builder, "value", fact->value);
  add_int (builder, "start", fact->start);
  add_int (builder, "end", fact->end);
  add_string (builder, "modality", desk_modality_to_string (fact->modality));
  add_string (builder, "section", section);
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, fact->confidence);
  if (fact->extra != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, fact->extra, -1, NULL) &&
          json_parser_get_root (parser) != NULL && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *extra = json_node_get_object (json_parser_get_root (parser));
          GList *members = json_object_get_members (extra);

          for (GList *l = members; l; l = l->next)
            {
              json_builder_set_member_name (builder, l->data);
              json_builder_add_value (builder, json_node_copy (json_object_get_member (extra, l->data)));
            }
          g_list_free (members);
        }
    }
}

static int
cmd_extract (Options *opts)
{
  g_autoptr(DeskExtractor) extractor = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  if (opts->args->len == 0)
    return usage_error (_("extract needs at least one file"));

  extractor = desk_extractor_new (&error);
  if (extractor == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }

  for (guint i = 0; i < opts->args->len; i++)
    {
      const char *path = g_ptr_array_index (opts->args, i);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(DeskParsedDocument) doc = NULL;
      g_autoptr(GError) file_error = NULL;

      doc = desk_parse_file (file, opts->max_size > 0 ? opts->max_size : DESK_READER_DEFAULT_MAX_SIZE,
                             extractor, NULL, &file_error);
      if (doc == NULL)
        {
          print_error (file_error->message);
          status = EXIT_FAILURE_;
          continue;
        }

      if (opts->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          add_string (builder, "file", path);
          add_string (builder, "language", doc->language);
          json_builder_set_member_name (builder, "facts");
          json_builder_begin_array (builder);
          for (guint j = 0; j < doc->facts->len; j++)
            {
              const DeskFact *fact = &g_array_index (doc->facts, DeskFact, j);
              g_autofree char *section = outline_label (doc->outline, fact->section);

              json_builder_begin_object (builder);
              add_fact_members (builder, fact, section);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          print_json (builder);
          continue;
        }

      printf ("%s\n", path);
      for (guint j = 0; j < doc->facts->len; j++)
        {
          const DeskFact *fact = &g_array_index (doc->facts, DeskFact, j);

          printf ("  %-9s %-10s %s  «%s»\n", desk_fact_kind_to_string (fact->kind),
                  desk_modality_to_string (fact->modality), fact->value, fact->text);
        }
    }
  return status;
}

/* The officer's review of a fact, as JSON members (@state NULL: none) */
static void
add_review_members (JsonBuilder           *builder,
                    const DeskReviewState *state)
{
  json_builder_set_member_name (builder, "review");
  json_builder_begin_object (builder);
  add_string (builder, "status", state && state->status ? state->status : "pending");
  add_string (builder, "note", state ? state->note : NULL);
  add_string (builder, "text", state ? state->text : NULL);
  add_string (builder, "value", state ? state->value : NULL);
  json_builder_end_object (builder);
}

static int
cmd_facts (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskExtractor) extractor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GError) error = NULL;
  DeskFactFilter filter = { -1, -1, 0 };
  int updated;

  if (opts->args->len > 0)
    return usage_error (_("facts takes no arguments; filter with --kind, --document and --modality"));
  if (opts->kind != NULL)
    {
      DeskFactKind kind;
      if (!desk_fact_kind_from_string (opts->kind, &kind))
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown kind of fact “%s” (date, quantity, money, percent, person, org, place, citation, quote, proposal, meeting)"), opts->kind);
          return usage_error (msg);
        }
      filter.kind = kind;
    }
  if (opts->status != NULL && !g_str_equal (opts->status, "pending") && !g_str_equal (opts->status, "approved") &&
      !g_str_equal (opts->status, "rejected"))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown review status “%s” (pending, approved, rejected)"), opts->status);
      return usage_error (msg);
    }
  if (opts->modality != NULL)
    {
      DeskModality modality;
      if (!desk_modality_from_string (opts->modality, &modality))
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown modality “%s” (asserted, proposed, expected, intended, negated, reported)"), opts->modality);
          return usage_error (msg);
        }
      filter.modality = modality;
    }

  if (!(store = open_store (opts, &error)) || !(extractor = desk_extractor_new (&error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  if ((updated = desk_store_update_facts (store, extractor, NULL, &error)) < 0 ||
      (updated > 0 && !desk_store_update_conflicts (store, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  if (opts->document != NULL)
    {
      g_autoptr(DeskDocument) doc = desk_store_find_document (store, opts->document, &error);
      if (doc == NULL)
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      filter.document_id = desk_document_get_id (doc);
    }

  if (opts->axis != NULL)
    {
      g_autoptr(DeskAxes) axes = desk_axes_load_default (&error);

      if (axes == NULL || desk_store_update_axes (store, axes, NULL, &error) < 0)
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      if (desk_axes_lookup (axes, opts->axis) == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"), opts->axis);
          return usage_error (msg);
        }
      rows = desk_store_list_axis_facts (store, opts->axis, filter.kind, &error);
      if (rows != NULL)
        for (guint i = rows->len; i > 0; i--)
          {
            DeskFactRow *row = g_ptr_array_index (rows, i - 1);
            if ((filter.modality >= 0 && row->fact.modality != (DeskModality) filter.modality) ||
                (filter.document_id > 0 && row->document_id != filter.document_id))
              g_ptr_array_remove_index (rows, i - 1);
          }
    }
  else
    rows = desk_store_list_facts (store, &filter, &error);
  if (rows == NULL || !(states = desk_review_load_states (store, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  if (opts->status != NULL)
    for (guint i = rows->len; i > 0; i--)
      {
        DeskFactRow *row = g_ptr_array_index (rows, i - 1);
        DeskReviewState *state = g_hash_table_lookup (states, row->uid);

        if (!g_str_equal (state && state->status ? state->status : "pending", opts->status))
          g_ptr_array_remove_index (rows, i - 1);
      }

  if (opts->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          DeskFactRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          add_string (builder, "uid", row->uid);
          add_int (builder, "document", row->document_id);
          add_fact_members (builder, &row->fact, row->section_title);
          add_review_members (builder, g_hash_table_lookup (states, row->uid));
          {
            g_autoptr(GPtrArray) others = desk_store_list_conflicts (store, row->uid, NULL);

            json_builder_set_member_name (builder, "conflicts");
            json_builder_begin_array (builder);
            for (guint j = 0; others != NULL && j < others->len; j++)
              json_builder_add_string_value (builder, ((DeskFactRow *) g_ptr_array_index (others, j))->uid);
            json_builder_end_array (builder);
          }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_OK;
    }

  if (rows->len == 0)
    fprintf (stderr, "%s\n", _("No facts match."));
  for (guint i = 0; i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);

      DeskReviewState *state = g_hash_table_lookup (states, row->uid);

      printf ("%5" G_GINT64_FORMAT "  %-9s %-10s %-9s %s  «%s»  %s\n", row->document_id,
              desk_fact_kind_to_string (row->fact.kind), desk_modality_to_string (row->fact.modality),
              state && state->status ? state->status : "pending", row->fact.value, row->fact.text, row->uid);
    }
  return EXIT_OK;
}

static int
ui_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "es") ? 0 : 1;
}

/* How many facts an axis has, from how many documents, and the newest
 * date among them: counted by the library, not listed (an axis of a large
 * library has hundreds of thousands) */
typedef struct
{
  guint facts;
  guint documents;
  char *newest;
} AxisSummary;

static void
summarize (DeskStore   *store,
           DeskAxis    *axis,
           AxisSummary *summary)
{
  g_autoptr(GError) error = NULL;

  if (!desk_store_summarize_axis (store, axis->id, &summary->facts, &summary->documents, &summary->newest, &error))
    g_warning ("Axis %s not counted: %s", axis->id, error->message);
}

static void
add_axis_json (JsonBuilder *builder,
               DeskStore   *store,
               DeskAxis    *axis)
{
  AxisSummary summary = { 0 };

  summarize (store, axis, &summary);
  json_builder_begin_object (builder);
  add_string (builder, "id", axis->id);
  add_string (builder, "name_es", axis->name[0]);
  add_string (builder, "name_en", axis->name[1]);
  add_string (builder, "description_es", axis->description[0]);
  add_string (builder, "description_en", axis->description[1]);
  if (axis->agreed[0] != NULL)
    {
      add_string (builder, "agreed_es", axis->agreed[0]);
      add_string (builder, "agreed_en", axis->agreed[1]);
    }
  json_builder_set_member_name (builder, "maps_to");
  json_builder_begin_array (builder);
  for (guint i = 0; axis->maps_to && axis->maps_to[i]; i++)
    json_builder_add_string_value (builder, axis->maps_to[i]);
  json_builder_end_array (builder);
  add_int (builder, "facts", summary.facts);
  add_int (builder, "documents", summary.documents);
  add_string (builder, "newest", summary.newest);
  if (axis->dialogue->proposed)
    {
      g_autoptr(GPtrArray) rows = desk_store_list_axis_facts (store, axis->id, DESK_FACT_PROPOSAL, NULL);

      json_builder_set_member_name (builder, "proposals");
      json_builder_begin_array (builder);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          DeskFactRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          add_string (builder, "uid", row->uid);
          add_string (builder, "text", row->fact.value);
          add_int (builder, "document", row->document_id);
          add_string (builder, "document_title", row->document_title);
          add_string (builder, "section", row->section_title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "subaxes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < axis->subaxes->len; i++)
    add_axis_json (builder, store, g_ptr_array_index (axis->subaxes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_free (summary.newest);
}

static void
print_axis (DeskStore *store,
            DeskAxis  *axis,
            guint      depth,
            int        lang)
{
  AxisSummary summary = { 0 };

  summarize (store, axis, &summary);
  for (guint d = 0; d < depth; d++)
    fputs ("  ", stdout);
  /* TRANSLATORS: an axis in the list: name, id, facts, documents, newest date */
  printf (_("%s [%s] — %u facts from %u documents, newest %s\n"), axis->name[lang], axis->id,
          summary.facts, summary.documents, summary.newest ? summary.newest : "—");
  g_free (summary.newest);
  for (guint i = 0; i < axis->subaxes->len; i++)
    print_axis (store, g_ptr_array_index (axis->subaxes, i), depth + 1, lang);
}

static int
cmd_axes (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = opts->args->len > 0 ? g_ptr_array_index (opts->args, 0) : NULL;
  int lang = ui_language ();
  GPtrArray *dialogues;

  if (!(axes = desk_axes_load_default (&error)) || !(store = open_store (opts, &error)) ||
      desk_store_update_axes (store, axes, NULL, &error) < 0)
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  dialogues = desk_axes_get_dialogues (axes);

  if (action != NULL && (g_str_equal (action, "assign") || g_str_equal (action, "unassign")))
    {
      if (opts->args->len != 3)
        return usage_error (_("axes assign and axes unassign need an axis and a fact"));
      if (desk_axes_lookup (axes, g_ptr_array_index (opts->args, 1)) == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"),
                                                  (char *) g_ptr_array_index (opts->args, 1));
          return usage_error (msg);
        }
      g_autofree char *field = g_strconcat ("axis:", (char *) g_ptr_array_index (opts->args, 1), NULL);

      /* through the review, so that the assignment is logged, undone and exchanged */
      if (!desk_review_set (store, g_ptr_array_index (opts->args, 2), field,
                            g_str_equal (action, "assign") ? "assigned" : "unassigned", &error))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      return EXIT_OK;
    }

  if (action != NULL && g_str_equal (action, "merge"))
    {
      const char *target = opts->args->len == 3 ? g_ptr_array_index (opts->args, 2) : NULL;

      if (opts->args->len != 3)
        return usage_error (_("axes merge needs an axis found in a document and a dialogue axis"));
      if (desk_axes_lookup (axes, target) == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"), target);
          return usage_error (msg);
        }
      if (!desk_store_merge_found_axis (store, g_ptr_array_index (opts->args, 1), target, &error))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      return EXIT_OK;
    }

  if (action != NULL && g_str_equal (action, "show"))
    {
      DeskAxis *axis;
      g_autoptr(GPtrArray) rows = NULL;
      int kind = -1;

      if (opts->args->len != 2)
        return usage_error (_("axes show needs an axis"));
      axis = desk_axes_lookup (axes, g_ptr_array_index (opts->args, 1));
      if (axis == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"),
                                                  (char *) g_ptr_array_index (opts->args, 1));
          return usage_error (msg);
        }
      if (opts->kind != NULL)
        {
          DeskFactKind k;
          if (!desk_fact_kind_from_string (opts->kind, &k))
            {
              g_autofree char *msg = g_strdup_printf (_("Unknown kind of fact “%s” (date, quantity, money, percent, person, org, place, citation, quote, proposal, meeting)"), opts->kind);
              return usage_error (msg);
            }
          kind = k;
        }
      rows = desk_store_list_axis_facts (store, axis->id, kind, &error);
      if (rows == NULL)
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      if (opts->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "axis");
          add_axis_json (builder, store, axis);
          json_builder_set_member_name (builder, "comparators");
          json_builder_begin_array (builder);
          for (guint d = 0; d < dialogues->len; d++)
            {
              DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);
              const DeskAxis *top = axis;

              while (top->parent != NULL)
                top = top->parent;
              for (guint k = 0; !dialogue->proposed && k < dialogue->axes->len; k++)
                {
                  DeskAxis *other = g_ptr_array_index (dialogue->axes, k);

                  if (other->maps_to == NULL || !g_strv_contains ((const char * const *) other->maps_to, top->id))
                    continue;
                  json_builder_begin_object (builder);
                  add_string (builder, "dialogue", dialogue->id);
                  add_string (builder, "dialogue_name", dialogue->name[lang]);
                  add_string (builder, "axis", other->id);
                  add_string (builder, "name", other->name[lang]);
                  add_string (builder, "agreed", other->agreed[lang]);
                  json_builder_end_object (builder);
                }
            }
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "facts");
          json_builder_begin_array (builder);
          for (guint i = 0; i < rows->len; i++)
            {
              DeskFactRow *row = g_ptr_array_index (rows, i);

              json_builder_begin_object (builder);
              add_string (builder, "uid", row->uid);
              add_int (builder, "document", row->document_id);
              add_string (builder, "document_title", row->document_title);
              json_builder_set_member_name (builder, "score");
              json_builder_add_double_value (builder, row->score);
              add_fact_members (builder, &row->fact, row->section_title);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          print_json (builder);
          return EXIT_OK;
        }
      printf ("%s [%s]\n", axis->name[lang], axis->id);
      if (axis->description[lang])
        printf ("  %s\n", axis->description[lang]);
      for (guint i = 0; i < rows->len; i++)
        {
          DeskFactRow *row = g_ptr_array_index (rows, i);

          printf ("  %6.1f  %-9s %-10s %s  «%s» — %s\n", row->score, desk_fact_kind_to_string (row->fact.kind),
                  desk_modality_to_string (row->fact.modality), row->fact.value, row->fact.text, row->document_title);
        }
      return EXIT_OK;
    }

  if (action != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), action);
      return usage_error (msg);
    }

  {
    g_autoptr(GPtrArray) found = desk_store_list_found_axes (store, &error);

    if (found == NULL)
      {
        print_error (error->message);
        return EXIT_FAILURE_;
      }
    if (opts->json)
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "dialogues");
        json_builder_begin_array (builder);
        for (guint i = 0; i < dialogues->len; i++)
          {
            DeskDialogue *d = g_ptr_array_index (dialogues, i);

            json_builder_begin_object (builder);
            add_string (builder, "id", d->id);
            add_string (builder, "kind", d->proposed ? "proposed" : "comparator");
            add_string (builder, "name_es", d->name[0]);
            add_string (builder, "name_en", d->name[1]);
            add_string (builder, "level", d->level[lang]);
            add_string (builder, "frequency", d->frequency[lang]);
            add_string (builder, "venues", d->venues[lang]);
            json_builder_set_member_name (builder, "meetings");
            json_builder_begin_array (builder);
            for (guint k = 0; k < d->meetings->len; k++)
              {
                DeskMeeting *m = &g_array_index (d->meetings, DeskMeeting, k);
                json_builder_begin_object (builder);
                add_string (builder, "name", m->name);
                add_string (builder, "date", m->date);
                add_string (builder, "place", m->place);
                json_builder_end_object (builder);
              }
            json_builder_end_array (builder);
            json_builder_set_member_name (builder, "axes");
            json_builder_begin_array (builder);
            for (guint k = 0; k < d->axes->len; k++)
              add_axis_json (builder, store, g_ptr_array_index (d->axes, k));
            json_builder_end_array (builder);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_set_member_name (builder, "found");
        json_builder_begin_array (builder);
        for (guint i = 0; i < found->len; i++)
          {
            DeskFoundAxisRow *row = g_ptr_array_index (found, i);

            json_builder_begin_object (builder);
            add_string (builder, "id", row->id);
            add_string (builder, "name", row->name);
            add_int (builder, "document", row->document_id);
            add_string (builder, "document_title", row->document_title);
            add_int (builder, "proposals", row->n_proposals);
            add_string (builder, "merged_into", row->merged_into);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_end_object (builder);
        print_json (builder);
        return EXIT_OK;
      }

    for (guint i = 0; i < dialogues->len; i++)
      {
        DeskDialogue *d = g_ptr_array_index (dialogues, i);

        printf ("%s%s\n", d->name[lang], d->proposed ? _(" (proposed)") : "");
        for (guint k = 0; k < d->axes->len; k++)
          print_axis (store, g_ptr_array_index (d->axes, k), 1, lang);
      }
    if (found->len > 0)
      printf ("\n%s\n", _("Axes found in the documents:"));
    for (guint i = 0; i < found->len; i++)
      {
        DeskFoundAxisRow *row = g_ptr_array_index (found, i);

        printf ("  %s [%s] — %s%s%s\n", row->name, row->id, row->document_title,
                row->merged_into ? " → " : "", row->merged_into ? row->merged_into : "");
      }
  }
  return EXIT_OK;
}

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

static int
cmd_search (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  if (opts->args->len == 0)
    return usage_error (_("search needs something to look for"));

  g_ptr_array_add (opts->args, NULL);
  query = g_strjoinv (" ", (char **) opts->args->pdata);
  g_ptr_array_remove_index (opts->args, opts->args->len - 1);

  if (!(store = open_store (opts, &error)) ||
      !(hits = desk_store_search (store, query, opts->limit, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }

  if (opts->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          DeskSearchHit *hit = g_ptr_array_index (hits, i);
          const GArray *ranges = desk_search_hit_get_highlights (hit);

          json_builder_begin_object (builder);
          add_int (builder, "id", desk_search_hit_get_document_id (hit));
          add_string (builder, "uid", desk_search_hit_get_uid (hit));
          add_string (builder, "title", desk_search_hit_get_title (hit));
          add_string (builder, "language", desk_search_hit_get_language (hit));
          json_builder_set_member_name (builder, "rank");
          json_builder_add_double_value (builder, desk_search_hit_get_rank (hit));
          add_string (builder, "snippet", desk_search_hit_get_snippet (hit));
          json_builder_set_member_name (builder, "highlights");
          json_builder_begin_array (builder);
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
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_OK;
    }

  if (hits->len == 0)
    {
      fprintf (stderr, _("No document matches “%s”.\n"), query);
      return EXIT_OK;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      DeskSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = highlighted_snippet (hit, isatty (STDOUT_FILENO));

      printf ("%u. [%" G_GINT64_FORMAT "] %s (%s)\n   %s\n", i + 1,
              desk_search_hit_get_document_id (hit), desk_search_hit_get_title (hit),
              desk_search_hit_get_language (hit), snippet);
    }
  return EXIT_OK;
}

/* A stored UTC time as local "YYYY-MM-DD HH:MM" */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

static void
print_session (DeskReviewSession *s)
{
  g_autofree char *started = local_time (s->started);
  g_autofree char *ended = local_time (s->ended);

  printf ("%4" G_GINT64_FORMAT "  %-28s %-20s %s → %-16s  ", s->id, s->name, s->reviewer, started,
          s->ended ? ended : s->origin ? "…" : _("open"));
  /* TRANSLATORS: changes in force in a review session */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", s->n_events), s->n_events);
  if (s->origin != NULL)
    printf ("  %s", _("(merged from a review file)"));
  putchar ('\n');
}

static void
add_session_json (JsonBuilder       *builder,
                  DeskReviewSession *s)
{
  json_builder_begin_object (builder);
  add_int (builder, "id", s->id);
  add_string (builder, "uid", s->uid);
  add_string (builder, "name", s->name);
  add_string (builder, "reviewer", s->reviewer);
  add_string (builder, "started", s->started);
  add_string (builder, "ended", s->ended);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_boolean_value (builder, s->origin != NULL);
  add_int (builder, "changes", s->n_events);
  json_builder_end_object (builder);
}

static void
print_conflict (DeskStore          *store,
                DeskReviewConflict *c)
{
  g_autoptr(DeskFactRow) row = desk_store_get_fact (store, c->target, NULL);
  g_autofree char *mine = desk_review_describe_value (c->field, c->mine);
  g_autofree char *theirs = desk_review_describe_value (c->field, c->theirs);

  printf ("  %s  %s  «%s»\n", c->target, c->field, row ? row->fact.text : "");
  /* TRANSLATORS: the two values of a field in conflict after merging a review file */
  printf (_("    here: %s    in the file: %s\n"), mine, theirs);
}

static int
cmd_review (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = opts->args->len > 0 ? g_ptr_array_index (opts->args, 0) : NULL;

  if (action == NULL)
    return usage_error (_("review needs an action: start, end, list, undo, redo, history, export or import"));
  if (opts->prefer != NULL && !g_str_equal (opts->prefer, "mine") && !g_str_equal (opts->prefer, "theirs"))
    {
      g_autofree char *msg = g_strdup_printf (_("--prefer takes “mine” or “theirs”, not “%s”"), opts->prefer);
      return usage_error (msg);
    }
  if (!(store = open_store (opts, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }

  if (g_str_equal (action, "start"))
    {
      g_autoptr(DeskReviewSession) session = NULL;
      g_autofree char *reviewer = opts->reviewer ? g_strdup (opts->reviewer) : desk_review_default_reviewer (store);

      if (opts->args->len != 2 || *(char *) g_ptr_array_index (opts->args, 1) == '\0')
        return usage_error (_("review start needs the session’s name"));
      if (*reviewer == '\0')
        return usage_error (_("--reviewer needs a name"));
      if (!(session = desk_review_start (store, g_ptr_array_index (opts->args, 1), reviewer, &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      /* TRANSLATORS: %d is the session's number, %s its name, %s the reviewer */
      printf (_("Started review session %d “%s” for %s\n"), (int) session->id, session->name, session->reviewer);
      return EXIT_OK;
    }
  if (g_str_equal (action, "end"))
    {
      if (opts->args->len != 1)
        return usage_error (_("review end takes no arguments"));
      if (!desk_review_end (store, &error))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      return EXIT_OK;
    }
  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) sessions = NULL;

      if (opts->args->len != 1)
        return usage_error (_("review list takes no arguments"));
      if (!(sessions = desk_review_list_sessions (store, &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      if (opts->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_array (builder);
          for (guint i = 0; i < sessions->len; i++)
            add_session_json (builder, g_ptr_array_index (sessions, i));
          json_builder_end_array (builder);
          print_json (builder);
          return EXIT_OK;
        }
      if (sessions->len == 0)
        fprintf (stderr, "%s\n", _("No review sessions yet."));
      for (guint i = 0; i < sessions->len; i++)
        print_session (g_ptr_array_index (sessions, i));
      return EXIT_OK;
    }
  if (g_str_equal (action, "undo") || g_str_equal (action, "redo"))
    {
      gboolean undo = g_str_equal (action, "undo");
      gboolean done;

      if (opts->args->len != 1)
        return usage_error (undo ? _("review undo takes no arguments") : _("review redo takes no arguments"));
      if (!(undo ? desk_review_undo : desk_review_redo) (store, &done, &error))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      if (!done)
        {
          print_error (undo ? _("There is nothing to undo") : _("There is nothing to redo"));
          return EXIT_FAILURE_;
        }
      return EXIT_OK;
    }
  if (g_str_equal (action, "history"))
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(DeskFactRow) row = NULL;

      if (opts->args->len != 2)
        return usage_error (_("review history needs a fact"));
      if (!(row = desk_store_get_fact (store, g_ptr_array_index (opts->args, 1), &error)) ||
          !(events = desk_review_history (store, row->uid, &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      if (opts->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_array (builder);
          for (guint i = 0; i < events->len; i++)
            {
              DeskReviewEvent *e = g_ptr_array_index (events, i);

              json_builder_begin_object (builder);
              add_string (builder, "time", e->time);
              add_string (builder, "reviewer", e->reviewer);
              add_string (builder, "session", e->session_name);
              add_string (builder, "field", e->field);
              add_string (builder, "old", e->old_value);
              add_string (builder, "new", e->new_value);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          print_json (builder);
          return EXIT_OK;
        }
      printf ("«%s»\n", row->fact.text);
      if (events->len == 0)
        fprintf (stderr, "%s\n", _("Nobody has reviewed this fact yet."));
      for (guint i = 0; i < events->len; i++)
        {
          DeskReviewEvent *e = g_ptr_array_index (events, i);
          g_autofree char *old = desk_review_describe_value (e->field, e->old_value);
          g_autofree char *new = desk_review_describe_value (e->field, e->new_value);

          g_autofree char *time = local_time (e->time);

          printf ("%s  %-20s %-10s %s → %s  (%s)\n", time, e->reviewer, e->field, old, new, e->session_name);
        }
      return EXIT_OK;
    }
  if (g_str_equal (action, "export"))
    {
      if (opts->args->len != 2)
        return usage_error (_("review export needs the file to write"));
      if (!desk_review_export (store, opts->session, g_ptr_array_index (opts->args, 1), &error))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      return EXIT_OK;
    }
  if (g_str_equal (action, "import"))
    {
      g_autoptr(DeskReviewImport) result = NULL;
      guint undecided = 0;

      if (opts->args->len != 2)
        return usage_error (_("review import needs a review file"));
      if (!(result = desk_review_import (store, g_ptr_array_index (opts->args, 1), &error)))
        {
          print_error (error->message);
          return EXIT_FAILURE_;
        }
      for (guint i = 0; i < result->conflicts->len; i++)
        {
          DeskReviewConflict *c = g_ptr_array_index (result->conflicts, i);

          if (opts->prefer == NULL)
            undecided++;
          else if (!desk_review_resolve (store, c, g_str_equal (opts->prefer, "theirs"), &error))
            {
              print_error (error->message);
              return EXIT_FAILURE_;
            }
        }
      /* TRANSLATORS: %s is the session's name, %s its reviewer */
      printf (_("Merged “%s” by %s:\n"), result->session_name, result->reviewer);
      printf (g_dngettext (GETTEXT_PACKAGE, "  %u change applied\n", "  %u changes applied\n", result->applied), result->applied);
      printf (g_dngettext (GETTEXT_PACKAGE, "  %u change already here\n", "  %u changes already here\n", result->unchanged),
              result->unchanged);
      if (result->pending > 0)
        printf (g_dngettext (GETTEXT_PACKAGE, "  %u change waits for a document this library does not have\n",
                             "  %u changes wait for documents this library does not have\n", result->pending),
                result->pending);
      if (result->conflicts->len == 0)
        ;
      else if (opts->prefer != NULL)
        printf (g_dngettext (GETTEXT_PACKAGE, "  %u conflict settled: kept %s\n", "  %u conflicts settled: kept %s\n",
                             result->conflicts->len),
                result->conflicts->len,
                g_str_equal (opts->prefer, "theirs") ? _("the file’s values") : _("this library’s values"));
      else
        {
          printf (g_dngettext (GETTEXT_PACKAGE, "  %u conflict (the same field changed differently):\n",
                               "  %u conflicts (the same field changed differently):\n", undecided), undecided);
          for (guint i = 0; i < result->conflicts->len; i++)
            print_conflict (store, g_ptr_array_index (result->conflicts, i));
          if (undecided > 0)
            fprintf (stderr, "%s\n", _("Conflicts are left as they are here; import again with --prefer mine or --prefer theirs to settle them."));
        }
      return EXIT_OK;
    }

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown review action “%s” (start, end, list, undo, redo, history, export, import)"), action);
    return usage_error (msg);
  }
}

static int
cmd_fact (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  const char *action = opts->args->len > 0 ? g_ptr_array_index (opts->args, 0) : NULL;
  const char *field, *value;
  guint changed = 0;

  if (action == NULL || !g_str_equal (action, "set"))
    return usage_error (_("fact needs an action: fact set FACT-UID… status|note|text|value VALUE"));
  if (opts->args->len < 4)
    return usage_error (_("fact set needs facts, a field (status, note, text or value) and a value"));
  field = g_ptr_array_index (opts->args, opts->args->len - 2);
  value = g_ptr_array_index (opts->args, opts->args->len - 1);
  if (!g_str_equal (field, "status") && !g_str_equal (field, "note") && !g_str_equal (field, "text") &&
      !g_str_equal (field, "value"))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not something a review can change (status, note, text or value)"), field);
      return usage_error (msg);
    }
  for (guint i = 1; i < opts->args->len - 2; i++)
    g_ptr_array_add (uids, g_ptr_array_index (opts->args, i));
  g_ptr_array_add (uids, NULL);

  if (!(store = open_store (opts, &error)) ||
      /* an empty note or correction clears it */
      !desk_review_set_many (store, (const char * const *) uids->pdata, field,
                             *value == '\0' && !g_str_equal (field, "status") ? NULL : value, &changed, &error))
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  return EXIT_OK;
}

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

static int
cmd_export_pdf (Options *opts)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new (opts->lang ? opts->lang : (ui_language () == 0 ? "es" : "en"));
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (opts->out == NULL)
    return usage_error (_("export-pdf needs --out FILE"));
  if (opts->args->len > 0)
    return usage_error (_("export-pdf takes no arguments; choose what goes in with --axis, --section, --facts and --notes"));
  if (opts->brief_items->len == 0)
    return usage_error (_("export-pdf needs something to export: --axis, --section, --facts or --notes"));
  if (opts->lang != NULL && !g_str_equal (opts->lang, "es") && !g_str_equal (opts->lang, "en"))
    {
      g_autofree char *msg = g_strdup_printf (_("--lang takes “es” or “en”, not “%s”"), opts->lang);
      return usage_error (msg);
    }
  if (opts->paper != NULL && !desk_brief_parse_paper (opts->paper, &options->paper))
    {
      g_autofree char *msg = g_strdup_printf (_("--paper takes “a4” or “letter”, not “%s”"), opts->paper);
      return usage_error (msg);
    }
  options->title = g_strdup (opts->title);
  options->mark = g_strdup (opts->mark);
  options->approved_only = opts->approved_only;

  if (!(axes = desk_axes_load_default (&error)) || !(store = open_store (opts, &error)) ||
      desk_store_update_axes (store, axes, NULL, &error) < 0)
    {
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  options->reviewer = opts->reviewer ? g_strdup (opts->reviewer) : desk_review_default_reviewer (store);
  for (guint i = 0; i < opts->brief_items->len; i++)
    {
      const char *item = g_ptr_array_index (opts->brief_items, i);
      gboolean ok = TRUE;

      if (g_str_has_prefix (item, "axis:"))
        {
          if (desk_axes_lookup (axes, item + 5) == NULL)
            {
              g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"), item + 5);
              return usage_error (msg);
            }
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
          print_error (error->message);
          return EXIT_FAILURE_;
        }
    }

  if (!desk_brief_export (store, axes, options, opts->out, isatty (STDERR_FILENO) ? print_export_progress : NULL, NULL,
                          NULL, &n_pages, &error))
    {
      if (isatty (STDERR_FILENO))
        fprintf (stderr, "\r\033[K");
      print_error (error->message);
      return EXIT_FAILURE_;
    }
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r\033[K");
  /* TRANSLATORS: after an export: pages, file */
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages), n_pages, opts->out);
  return EXIT_OK;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 1, max, out, NULL);
}

int
desk_cli_run (int    argc,
              char **argv)
{
  Options opts = { 0 };
  const char *command = NULL;
  int status;

  opts.args = g_ptr_array_new ();
  opts.brief_items = g_ptr_array_new_with_free_func (g_free);
  opts.limit = 20;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          g_ptr_array_unref (opts.args);
          return EXIT_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          printf ("dialogue-desk-cli %s\n", VERSION);
          g_ptr_array_unref (opts.args);
          return EXIT_OK;
        }
      if (g_str_equal (arg, "--library") || g_str_has_prefix (arg, "--library="))
        {
          const char *value = arg[9] == '=' ? arg + 10 : (i + 1 < argc ? argv[++i] : NULL);
          if (value == NULL || *value == '\0')
            {
              g_ptr_array_unref (opts.args);
              return usage_error (_("--library needs a path"));
            }
          g_free (opts.library);
          opts.library = g_strdup (value);
        }
      else if (g_str_equal (arg, "--json"))
        opts.json = TRUE;
      else if (g_str_equal (arg, "--approved-only"))
        opts.approved_only = TRUE;
      else if (g_str_equal (arg, "--notes"))
        g_ptr_array_add (opts.brief_items, g_strdup ("notes"));
      else if ((g_str_equal (arg, "--section") || g_str_equal (arg, "--facts")) && i + 1 < argc)
        {
          g_ptr_array_add (opts.brief_items, g_strconcat (arg + 2, ":", argv[i + 1], NULL));
          i++;
        }
      else if (g_str_equal (arg, "--axis") && i + 1 < argc)
        {
          /* one --axis filters facts; for export-pdf each one is a part of the brief */
          g_ptr_array_add (opts.brief_items, g_strconcat ("axis:", argv[i + 1], NULL));
          g_free (opts.axis);
          opts.axis = g_strdup (argv[++i]);
        }
      else if (g_str_equal (arg, "--text"))
        opts.text = TRUE;
      else if (g_str_equal (arg, "--outline"))
        opts.outline = TRUE;
      else if (g_str_equal (arg, "--kind") || g_str_equal (arg, "--modality") || g_str_equal (arg, "--document") ||
               g_str_equal (arg, "--axis") || g_str_equal (arg, "--status") || g_str_equal (arg, "--reviewer") ||
               g_str_equal (arg, "--prefer") || g_str_equal (arg, "--out") || g_str_equal (arg, "--lang") ||
               g_str_equal (arg, "--paper") || g_str_equal (arg, "--title") || g_str_equal (arg, "--mark"))
        {
          char **slot = g_str_equal (arg, "--kind") ? &opts.kind
                      : g_str_equal (arg, "--modality") ? &opts.modality
                      : g_str_equal (arg, "--status") ? &opts.status
                      : g_str_equal (arg, "--reviewer") ? &opts.reviewer
                      : g_str_equal (arg, "--prefer") ? &opts.prefer
                      : g_str_equal (arg, "--out") ? &opts.out
                      : g_str_equal (arg, "--lang") ? &opts.lang
                      : g_str_equal (arg, "--paper") ? &opts.paper
                      : g_str_equal (arg, "--title") ? &opts.title
                      : g_str_equal (arg, "--mark") ? &opts.mark
                      : g_str_equal (arg, "--axis") ? &opts.axis : &opts.document;
          if (i + 1 >= argc)
            {
              g_autofree char *msg = g_strdup_printf (_("%s needs a value"), arg);
              g_ptr_array_unref (opts.args);
              g_free (opts.library);
              return usage_error (msg);
            }
          g_free (*slot);
          *slot = g_strdup (argv[++i]);
        }
      else if (g_str_equal (arg, "--limit") || g_str_equal (arg, "--max-size") || g_str_equal (arg, "--session"))
        {
          guint64 value;
          if (i + 1 >= argc || !parse_uint (argv[i + 1], g_str_equal (arg, "--limit") ? 10000 : G_MAXINT64, &value))
            {
              g_autofree char *msg = g_strdup_printf (_("%s needs a positive number"), arg);
              g_ptr_array_unref (opts.args);
              g_free (opts.library);
              return usage_error (msg);
            }
          i++;
          if (g_str_equal (arg, "--limit"))
            opts.limit = value;
          else if (g_str_equal (arg, "--session"))
            opts.session = value;
          else
            opts.max_size = value;
        }
      else if (g_str_equal (arg, "--"))
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (opts.args, argv[i]);
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown option “%s”"), arg);
          g_ptr_array_unref (opts.args);
          g_free (opts.library);
          return usage_error (msg);
        }
      else if (command == NULL)
        command = arg;
      else
        g_ptr_array_add (opts.args, (gpointer) arg);
    }

  if (command == NULL)
    {
      print_usage (stderr);
      status = EXIT_USAGE;
    }
  else if (g_str_equal (command, "import"))
    status = cmd_import (&opts);
  else if (g_str_equal (command, "documents"))
    status = cmd_documents (&opts);
  else if (g_str_equal (command, "show"))
    status = cmd_show (&opts);
  else if (g_str_equal (command, "search"))
    status = cmd_search (&opts);
  else if (g_str_equal (command, "extract"))
    status = cmd_extract (&opts);
  else if (g_str_equal (command, "facts"))
    status = cmd_facts (&opts);
  else if (g_str_equal (command, "axes"))
    status = cmd_axes (&opts);
  else if (g_str_equal (command, "review"))
    status = cmd_review (&opts);
  else if (g_str_equal (command, "fact"))
    status = cmd_fact (&opts);
  else if (g_str_equal (command, "export-pdf"))
    status = cmd_export_pdf (&opts);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), command);
      status = usage_error (msg);
    }

  g_ptr_array_unref (opts.args);
  g_free (opts.library);
  g_free (opts.kind);
  g_free (opts.modality);
  g_free (opts.document);
  g_free (opts.axis);
  g_free (opts.status);
  g_free (opts.reviewer);
  g_free (opts.prefer);
  g_free (opts.out);
  g_free (opts.lang);
  g_free (opts.paper);
  g_free (opts.title);
  g_free (opts.mark);
  g_ptr_array_unref (opts.brief_items);
  return status;
}
