/* desk-cli-entities.c: the commands of dialogue-desk-cli on people,
 * organizations and places: list them (entities), show one, and the
 * officer's decisions on them (entity rename|merge|split|kind|reject) */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"
#include "desk-importer.h"
#include "desk-locale.h"

/* Mentions and claims that entity show prints, at most */
#define SHOW_LIMIT 1000

/* Entities read from the library at a time */
#define PAGE_SIZE 256

/* What the options of entities and entity set */
static struct
{
  gboolean json;
  char *kind;
  char *search;
} opts;

static const char *
kind_label (DeskFactKind kind)
{
  switch (kind)
    {
    case DESK_FACT_PERSON:
      return _("person");
    case DESK_FACT_ORG:
      return _("organization");
    case DESK_FACT_PLACE:
    default:
      return _("place");
    }
}

static void
add_entity_members (JsonBuilder         *builder,
                    const DeskEntityRow *row)
{
  _desk_cli_add_string (builder, "id", row->uid);
  _desk_cli_add_string (builder, "name", row->name);
  _desk_cli_add_string (builder, "name_es", row->renamed ? row->name : row->name_es);
  _desk_cli_add_string (builder, "name_en", row->renamed ? row->name : row->name_en);
  _desk_cli_add_string (builder, "kind", desk_fact_kind_to_string (row->kind));
  _desk_cli_begin_array_member (builder, "aliases");
  for (guint i = 0; row->aliases != NULL && row->aliases[i] != NULL; i++)
    json_builder_add_string_value (builder, row->aliases[i]);
  json_builder_end_array (builder);
  _desk_cli_add_int (builder, "mentions", row->n_mentions);
  _desk_cli_add_int (builder, "documents", row->n_documents);
  _desk_cli_add_string (builder, "newest", row->newest);
  if (row->note != NULL)
    _desk_cli_add_string (builder, "note", row->note);
}

/* Opens the library and brings its entities up to date */
static DeskStore *
open_entities (DeskCli  *cli,
               GError  **error)
{
  g_autoptr(DeskStore) store = _desk_cli_open_store (cli, error);

  if (store == NULL || desk_store_update_facts (store, NULL, NULL, error) < 0 || !desk_store_update_entities (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static int
fail (GError *error)
{
  _desk_cli_print_error (error->message);
  return DESK_CLI_EXIT_FAILURE;
}

/* Commands */

static int
cmd_entities (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskCliJson) json = NULL;
  g_autoptr(GError) error = NULL;
  DeskEntityFilter filter = { -1, opts.search, NULL, DESK_ENTITY_SORT_MENTIONS, TRUE, FALSE };
  guint offset = 0, written = 0;

  if (opts.kind != NULL)
    {
      DeskFactKind kind;

      if (!desk_fact_kind_from_string (opts.kind, &kind) || !desk_fact_kind_is_name (kind))
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown kind of entity “%s” (person, org, place)"), opts.kind);
          return _desk_cli_usage_error (msg);
        }
      filter.kind = kind;
    }
  if (!(store = open_entities (cli, &error)))
    return fail (error);

  if (opts.json)
    {
      json = _desk_cli_json_new ();
      _desk_cli_json_begin_array (json, NULL);
    }
  for (;;)
    {
      g_autoptr(GPtrArray) rows = desk_store_list_entities (store, &filter, offset, PAGE_SIZE, &error);

      if (rows == NULL)
        {
          fflush (stdout);
          return fail (error);
        }
      for (guint i = 0; i < rows->len; i++)
        {
          DeskEntityRow *row = g_ptr_array_index (rows, i);

          if (json != NULL)
            {
              g_autoptr(JsonBuilder) builder = json_builder_new ();

              json_builder_begin_object (builder);
              add_entity_members (builder, row);
              json_builder_end_object (builder);
              _desk_cli_json_add (json, NULL, builder);
            }
          else
            {
              g_autofree char *aliases = row->aliases != NULL ? g_strjoinv (", ", row->aliases) : g_strdup ("");

              printf ("%5" G_GINT64_FORMAT "  %-12s %5" G_GINT64_FORMAT " %3" G_GINT64_FORMAT "  %s  (%s)  %s\n",
                      row->id, kind_label (row->kind), row->n_mentions, row->n_documents, row->name, aliases, row->uid);
            }
          written++;
        }
      if (rows->len < PAGE_SIZE)
        break;
      offset += rows->len;
    }
  if (json != NULL)
    _desk_cli_json_end (json);
  else if (written == 0)
    fprintf (stderr, "%s\n", _("No entities match."));
  return DESK_CLI_EXIT_OK;
}

static int
show_entity (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskEntityRow) row = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 2)
    return _desk_cli_usage_error (_("entity show needs one entity (its number or identifier)"));
  if (!(store = open_entities (cli, &error)) ||
      !(row = desk_store_get_entity (store, g_ptr_array_index (cli->args, 1), NULL, &error)) ||
      !(mentions = desk_store_list_entity_mentions (store, row->uid, NULL, 0, SHOW_LIMIT, &error)) ||
      !(documents = desk_store_list_entity_documents (store, row->uid, &error)) ||
      !(claims = desk_store_list_entity_claims (store, row->uid, SHOW_LIMIT, &error)))
    return fail (error);

  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_entity_members (builder, row);
      _desk_cli_begin_array_member (builder, "mention_list");
      for (guint i = 0; i < mentions->len; i++)
        {
          DeskMentionRow *m = g_ptr_array_index (mentions, i);

          json_builder_begin_object (builder);
          _desk_cli_add_int (builder, "document", m->document_id);
          _desk_cli_add_string (builder, "text", m->form);
          _desk_cli_add_int (builder, "start", m->start);
          _desk_cli_add_int (builder, "end", m->end);
          _desk_cli_add_string (builder, "before", m->before);
          _desk_cli_add_string (builder, "after", m->after);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_begin_array_member (builder, "document_list");
      for (guint i = 0; i < documents->len; i++)
        {
          json_builder_begin_object (builder);
          _desk_cli_add_document_members (builder, g_ptr_array_index (documents, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_begin_array_member (builder, "claims");
      for (guint i = 0; i < claims->len; i++)
        {
          DeskFactRow *claim = g_ptr_array_index (claims, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "uid", claim->uid);
          _desk_cli_add_int (builder, "document", claim->document_id);
          _desk_cli_add_fact_members (builder, &claim->fact, claim->section_title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }

  printf ("%s (%s)  %s\n", row->name, kind_label (row->kind), row->uid);
  if (row->aliases != NULL && row->aliases[0] != NULL)
    {
      g_autofree char *aliases = g_strjoinv (", ", row->aliases);
      printf ("%s %s\n", _("Written:"), aliases);
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "%lu mention", "%lu mentions", row->n_mentions), (gulong) row->n_mentions);
  printf (" · ");
  printf (g_dngettext (GETTEXT_PACKAGE, "%lu document", "%lu documents", row->n_documents), (gulong) row->n_documents);
  printf ("\n");
  printf ("\n%s\n", _("Mentions:"));
  for (guint i = 0; i < mentions->len; i++)
    {
      DeskMentionRow *m = g_ptr_array_index (mentions, i);
      g_autofree char *before = g_strdelimit (g_strdup (m->before ? m->before : ""), "\n", ' ');
      g_autofree char *after = g_strdelimit (g_strdup (m->after ? m->after : ""), "\n", ' ');

      printf ("%5" G_GINT64_FORMAT "  …%s[%s]%s…\n", m->document_id, before, m->form, after);
    }
  printf ("\n%s\n", _("Documents:"));
  for (guint i = 0; i < documents->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (documents, i);
      printf ("%5" G_GINT64_FORMAT "  %s\n", desk_document_get_id (doc), desk_document_get_title (doc));
    }
  printf ("\n%s\n", _("Claims:"));
  for (guint i = 0; i < claims->len; i++)
    {
      DeskFactRow *claim = g_ptr_array_index (claims, i);
      printf ("%5" G_GINT64_FORMAT "  %-9s %s  «%s»\n", claim->document_id, desk_fact_kind_to_string (claim->fact.kind),
              claim->fact.value, claim->fact.text);
    }
  return DESK_CLI_EXIT_OK;
}

static int
cmd_entity (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;
  const char *id = cli->args->len > 1 ? g_ptr_array_index (cli->args, 1) : NULL;
  const char *value = cli->args->len > 2 ? g_ptr_array_index (cli->args, 2) : NULL;
  gboolean ok;

  if (action == NULL)
    return _desk_cli_usage_error (_("entity needs an action: show, rename, merge, split, kind or reject"));
  if (g_str_equal (action, "show"))
    return show_entity (cli);
  if (opts.json)
    return _desk_cli_usage_error (_("--json goes with entity show only"));

  if (g_str_equal (action, "reject") ? cli->args->len != 2 : cli->args->len != 3)
    {
      if (g_str_equal (action, "rename"))
        return _desk_cli_usage_error (_("entity rename needs an entity and its new name"));
      if (g_str_equal (action, "merge"))
        return _desk_cli_usage_error (_("entity merge needs an entity and the entity to merge it into"));
      if (g_str_equal (action, "split"))
        return _desk_cli_usage_error (_("entity split needs an entity and the alias to split off"));
      if (g_str_equal (action, "kind"))
        return _desk_cli_usage_error (_("entity kind needs an entity and its kind (person, org, place)"));
      if (g_str_equal (action, "reject"))
        return _desk_cli_usage_error (_("entity reject needs one entity"));
      {
        g_autofree char *msg = g_strdup_printf (_("Unknown action “%s” (show, rename, merge, split, kind, reject)"), action);
        return _desk_cli_usage_error (msg);
      }
    }
  if (g_str_equal (action, "kind"))
    {
      DeskFactKind kind;

      if (!desk_fact_kind_from_string (value, &kind) || !desk_fact_kind_is_name (kind))
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown kind of entity “%s” (person, org, place)"), value);
          return _desk_cli_usage_error (msg);
        }
      if (!(store = open_entities (cli, &error)))
        return fail (error);
      ok = desk_review_set_entity_kind (store, id, kind, &error);
    }
  else
    {
      if (!(store = open_entities (cli, &error)))
        return fail (error);
      if (g_str_equal (action, "rename"))
        ok = desk_review_rename_entity (store, id, value, &error);
      else if (g_str_equal (action, "merge"))
        ok = desk_review_merge_entity (store, id, value, &error);
      else if (g_str_equal (action, "split"))
        {
          g_autofree char *new_uid = NULL;

          if ((ok = desk_review_split_alias (store, id, value, &new_uid, &error)))
            printf ("%s\n", new_uid);
        }
      else
        ok = desk_review_reject_entity (store, id, TRUE, &error);
    }
  return ok ? DESK_CLI_EXIT_OK : fail (error);
}

/* The table */

static const GOptionEntry entities_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the entities as JSON"), NULL },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opts.kind,
    /* TRANSLATORS: K stands for the option's value; the kinds are typed in English */
    N_("Only entities of kind K: person, org or place"), "K" },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opts.search, N_("Only entities whose names hold WORDS"), "WORDS" },
  { NULL }
};

static const DeskCliUsage entities_usage[] = {
  { "entities [--json] [--kind K] [--search WORDS]", N_("List the people, organizations and places the documents name") },
  { NULL }
};

const DeskCliCommand _desk_cli_entities_command = { "entities", cmd_entities, entities_entries, entities_usage };

static const GOptionEntry entity_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the entity as JSON (with show)"), NULL },
  { NULL }
};

static const DeskCliUsage entity_usage[] = {
  { "entity show ID [--json]", N_("Show an entity: its aliases, mentions, documents and claims") },
  { "entity rename ID NAME", N_("Rename an entity") },
  { "entity merge ID INTO-ID", N_("Merge an entity into another") },
  { "entity split ID ALIAS", N_("Split one way of writing an entity off into an entity of its own") },
  { "entity kind ID person|org|place", N_("Change what kind of entity it is") },
  { "entity reject ID", N_("Mark a name as not an entity") },
  { NULL }
};

const DeskCliCommand _desk_cli_entity_command = { "entity", cmd_entity, entity_entries, entity_usage };
