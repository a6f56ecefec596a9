/* desk-cli-facts.c: the commands of dialogue-desk-cli that list facts
 * (facts) and review them (fact set) */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-axes.h"
#include "desk-cli-private.h"
#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-locale.h"
#include "desk-value.h"

/* What the options of facts set */
static struct
{
  gboolean json;
  char *kind;
  char *document;
  char *modality;
  char *axis;
  char *status;
  gboolean mentions;
} opts;

/* Output */

/* Facts are written as they are read from the library, a page at a time:
 * the review of a page's facts is read in one query, and nothing of a
 * page stays once it is written, so that listing a million facts takes
 * the memory of one page */
#define PAGE_SIZE 256

typedef struct
{
  DeskStore *store;
  DeskCliJson *json;          /* NULL: as text */
  JsonBuilder *builder;
  GPtrArray *page;            /* DeskFactRow, read and not written yet */
  const DeskFactFilter *filter; /* its modality and document, when the library did not apply them */
  guint written;
} FactsOutput;

static void
write_fact_json (FactsOutput           *out,
                 DeskFactRow           *row,
                 const DeskReviewState *state)
{
  JsonBuilder *builder = out->builder;
  g_autoptr(GPtrArray) others = desk_store_list_conflicts (out->store, row->uid, NULL);

  json_builder_begin_object (builder);
  _desk_cli_add_string (builder, "uid", row->uid);
  _desk_cli_add_int (builder, "document", row->document_id);
  _desk_cli_add_fact_members (builder, &row->fact, row->section_title);
  _desk_cli_add_review_members (builder, state);
  /* what the claim is about: the entities its sentence names */
  {
    g_auto(GStrv) about = desk_store_list_sentence_entities (out->store, row->document_id, row->fact.sentence, NULL, NULL);

    _desk_cli_begin_array_member (builder, "about");
    for (guint j = 0; about != NULL && about[j] != NULL; j++)
      json_builder_add_string_value (builder, about[j]);
    json_builder_end_array (builder);
  }
  _desk_cli_begin_array_member (builder, "conflicts");
  for (guint j = 0; others != NULL && j < others->len; j++)
    json_builder_add_string_value (builder, ((DeskFactRow *) g_ptr_array_index (others, j))->uid);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  _desk_cli_json_add (out->json, NULL, builder);
}

/* The value as people write it, in the language of the messages */
static void
write_fact_text (FactsOutput           *out,
                 DeskFactRow           *row,
                 const DeskReviewState *state)
{
  g_auto(GStrv) about = desk_store_list_sentence_entities (out->store, row->document_id, row->fact.sentence, NULL, NULL);
  g_autofree char *names = about != NULL && about[0] != NULL ? g_strjoinv (", ", about) : NULL;
  g_autofree char *value = desk_value_format (row->fact.kind, row->fact.value, desk_locale_language ());

  printf ("%5" G_GINT64_FORMAT "  %-9s %-10s %-9s %s  «%s»  %s", row->document_id,
          desk_fact_kind_to_string (row->fact.kind), desk_modality_to_string (row->fact.modality),
          state && state->status ? state->status : "pending", value, row->fact.text, row->uid);
  if (names != NULL)
    /* TRANSLATORS: after a fact in the list: the entities its sentence names */
    printf ("  %s %s", _("about"), names);
  printf ("\n");
}

/* Writes the page's facts whose review status is --status's, and empties it */
static gboolean
write_page (FactsOutput  *out,
            GError      **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_sized_new (out->page->len);
  g_autoptr(GHashTable) states = NULL;

  if (out->page->len == 0)
    return TRUE;
  for (guint i = 0; i < out->page->len; i++)
    g_ptr_array_add (uids, ((DeskFactRow *) g_ptr_array_index (out->page, i))->uid);
  if (!(states = desk_review_load_states_of (out->store, (const char * const *) uids->pdata, uids->len, error)))
    return FALSE;

  for (guint i = 0; i < out->page->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (out->page, i);
      DeskReviewState *state = g_hash_table_lookup (states, row->uid);

      if (opts.status != NULL && !g_str_equal (state && state->status ? state->status : "pending", opts.status))
        continue;
      if (out->json != NULL)
        write_fact_json (out, row, state);
      else
        write_fact_text (out, row, state);
      out->written++;
    }
  g_ptr_array_set_size (out->page, 0);
  return TRUE;
}

static gboolean
take_fact (DeskFactRow  *row,
           gpointer      user_data,
           GError      **error)
{
  FactsOutput *out = user_data;
  const DeskFactFilter *filter = out->filter;

  if (filter != NULL && ((filter->modality >= 0 && row->fact.modality != (DeskModality) filter->modality) ||
                         (filter->document_id > 0 && row->document_id != filter->document_id)))
    {
      desk_fact_row_free (row);
      return TRUE;
    }
  g_ptr_array_add (out->page, row);
  return out->page->len < PAGE_SIZE || write_page (out, error);
}

/* facts --mentions: the names of the documents, as mentions of entities */
static gboolean
write_mention (DeskMentionRow  *row,
               gpointer         user_data,
               GError         **error)
{
  DeskCliJson *json = user_data;

  if (json != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _desk_cli_add_string (builder, "kind", desk_fact_kind_to_string (row->kind));
      _desk_cli_add_string (builder, "text", row->form);
      _desk_cli_add_string (builder, "value", row->entity_name);
      _desk_cli_add_string (builder, "entity", row->entity_uid);
      _desk_cli_add_int (builder, "document", row->document_id);
      _desk_cli_add_int (builder, "start", row->start);
      _desk_cli_add_int (builder, "end", row->end);
      json_builder_end_object (builder);
      _desk_cli_json_add (json, NULL, builder);
    }
  else
    printf ("%5" G_GINT64_FORMAT "  %-9s %s  «%s»  %s\n", row->document_id, desk_fact_kind_to_string (row->kind),
            row->entity_name, row->form, row->entity_uid);
  desk_mention_row_free (row);
  return TRUE;
}

static int
list_mentions (DeskStore *store,
               gint64     document_id)
{
  g_autoptr(DeskCliJson) json = opts.json ? _desk_cli_json_new () : NULL;
  g_autoptr(GError) error = NULL;

  if (json != NULL)
    _desk_cli_json_begin_array (json, NULL);
  if (!desk_store_update_entities (store, &error) ||
      !desk_store_foreach_mention (store, document_id, NULL, write_mention, json, &error))
    {
      fflush (stdout);
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (json != NULL)
    _desk_cli_json_end (json);
  return DESK_CLI_EXIT_OK;
}

/* Commands */

static int
cmd_facts (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskExtractor) extractor = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(DeskCliJson) json = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  DeskFactFilter filter = { -1, -1, 0 };
  FactsOutput out = { 0 };
  gboolean done;
  int updated;

  if (cli->args->len > 0)
    return _desk_cli_usage_error (_("facts takes no arguments; filter with --kind, --document and --modality"));
  if (opts.kind != NULL)
    {
      DeskFactKind kind;
      if (!desk_fact_kind_from_string (opts.kind, &kind))
        return _desk_cli_unknown_kind_error (opts.kind);
      filter.kind = kind;
    }
  if (opts.status != NULL && !g_str_equal (opts.status, "pending") && !g_str_equal (opts.status, "approved") &&
      !g_str_equal (opts.status, "rejected"))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown review status “%s” (pending, approved, rejected)"), opts.status);
      return _desk_cli_usage_error (msg);
    }
  if (opts.modality != NULL)
    {
      DeskModality modality;
      if (!desk_modality_from_string (opts.modality, &modality))
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown modality “%s” (asserted, proposed, expected, intended, negated, reported)"), opts.modality);
          return _desk_cli_usage_error (msg);
        }
      filter.modality = modality;
    }

  if (!(store = _desk_cli_open_store (cli, &error)) || !(extractor = desk_extractor_new (&error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if ((updated = desk_store_update_facts (store, extractor, NULL, &error)) < 0 ||
      (updated > 0 && !desk_store_update_conflicts (store, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.document != NULL)
    {
      g_autoptr(DeskDocument) doc = desk_store_find_document (store, opts.document, &error);
      if (doc == NULL)
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
      filter.document_id = desk_document_get_id (doc);
    }
  /* names are mentions of entities, not claims */
  if (opts.mentions)
    {
      if (opts.kind != NULL || opts.modality != NULL || opts.axis != NULL || opts.status != NULL)
        return _desk_cli_usage_error (_("--mentions goes with --document and --json only"));
      return list_mentions (store, filter.document_id);
    }
  if (filter.kind >= 0 && desk_fact_kind_is_name (filter.kind))
    return _desk_cli_usage_error (_("People, organizations and places are entities, not facts: "
                                    "see “dialogue-desk-cli entities” and “facts --mentions”"));
  if (opts.axis != NULL)
    {
      if (!(axes = desk_axes_load_default (&error)) || desk_store_update_axes (store, axes, NULL, &error) < 0)
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
      if (desk_axes_lookup (axes, opts.axis) == NULL)
        return _desk_cli_no_axis_error (opts.axis);
    }

  page = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  out = (FactsOutput) { store, NULL, NULL, page, NULL, 0 };
  if (opts.json)
    {
      out.json = json = _desk_cli_json_new ();
      out.builder = builder = json_builder_new ();
      _desk_cli_json_begin_array (json, NULL);
    }
  if (opts.axis != NULL)
    {
      /* the library lists an axis's facts by kind only */
      out.filter = &filter;
      done = desk_store_foreach_axis_fact (store, opts.axis, filter.kind, 0, take_fact, &out, &error);
    }
  else
    done = desk_store_foreach_fact (store, &filter, take_fact, &out, &error);
  if (!done || !write_page (&out, &error))
    {
      fflush (stdout);
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (json != NULL)
    _desk_cli_json_end (json);
  else if (out.written == 0)
    fprintf (stderr, "%s\n", _("No facts match."));
  return DESK_CLI_EXIT_OK;
}

static int
cmd_fact (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  const char *action = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;
  const char *field, *value;
  guint changed = 0;

  if (action == NULL || !g_str_equal (action, "set"))
    return _desk_cli_usage_error (_("fact needs an action: fact set FACT-UID… status|note|text|value VALUE"));
  if (cli->args->len < 4)
    return _desk_cli_usage_error (_("fact set needs facts, a field (status, note, text or value) and a value"));
  field = g_ptr_array_index (cli->args, cli->args->len - 2);
  value = g_ptr_array_index (cli->args, cli->args->len - 1);
  if (!g_str_equal (field, "status") && !g_str_equal (field, "note") && !g_str_equal (field, "text") &&
      !g_str_equal (field, "value"))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not something a review can change (status, note, text or value)"), field);
      return _desk_cli_usage_error (msg);
    }
  for (guint i = 1; i < cli->args->len - 2; i++)
    g_ptr_array_add (uids, g_ptr_array_index (cli->args, i));
  g_ptr_array_add (uids, NULL);

  if (!(store = _desk_cli_open_store (cli, &error)) ||
      /* an empty note or correction clears it */
      !desk_review_set_many (store, (const char * const *) uids->pdata, field,
                             *value == '\0' && !g_str_equal (field, "status") ? NULL : value, &changed, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}


/* The table */

static const GOptionEntry facts_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the facts as JSON"), NULL },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opts.kind,
    /* TRANSLATORS: K stands for the option's value, as in “--kind K”; the kinds are typed in English */
    N_("Only facts of kind K: date, quantity, money, percent, citation, quote, proposal or meeting"),
    "K" },
  { "document", 0, 0, G_OPTION_ARG_STRING, &opts.document,
    N_("Only facts of document ID (its number or identifier)"), "ID" },
  { "modality", 0, 0, G_OPTION_ARG_STRING, &opts.modality,
    N_("Only facts of modality M: asserted, proposed, expected, intended, negated or reported"), "M" },
  { "axis", 0, 0, G_OPTION_ARG_STRING, &opts.axis,
    N_("Only facts under axis AXIS (see “dialogue-desk-cli axes”)"), "AXIS" },
  { "status", 0, 0, G_OPTION_ARG_STRING, &opts.status,
    N_("Only facts whose review status is S: pending, approved or rejected"), "S" },
  { "mentions", 0, 0, G_OPTION_ARG_NONE, &opts.mentions,
    N_("List the names of people, organizations and places instead, as mentions of entities"), NULL },
  { NULL }
};

static const DeskCliUsage facts_usage[] = {
  { "facts [--json] [--kind K] [--document ID] [--modality M] [--axis AXIS] [--status S]",
    N_("List the facts of the library") },
  { "facts --mentions [--json] [--document ID]", N_("List the names the documents mention") },
  { NULL }
};

const DeskCliCommand _desk_cli_facts_command = { "facts", cmd_facts, facts_entries, facts_usage };

/* fact set takes no options: a review session says who changes what */
static const GOptionEntry fact_entries[] = {
  { NULL }
};

static const DeskCliUsage fact_usage[] = {
  { "fact set FACT-UID… FIELD VALUE", N_("Review facts: status (pending, approved, rejected), note, text or value") },
  { NULL }
};

const DeskCliCommand _desk_cli_fact_command = { "fact", cmd_fact, fact_entries, fact_usage };
