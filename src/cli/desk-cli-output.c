/* desk-cli-output.c: the messages and the JSON that every command of
 * dialogue-desk-cli prints
 *
 * Results go to standard output (text or --json), errors to standard
 * error. */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"
#include "desk-json.h"

/* Messages */

void
_desk_cli_print_error (const char *message)
{
  /* TRANSLATORS: prefix of error messages of the command line tool */
  fprintf (stderr, _("dialogue-desk-cli: %s\n"), message);
}

/* A command typed wrong: the message, then where to look */
int
_desk_cli_usage_error (const char *message)
{
  _desk_cli_print_error (message);
  fprintf (stderr, "%s\n", _("Run “dialogue-desk-cli --help” to see the commands."));
  return DESK_CLI_EXIT_USAGE;
}

int
_desk_cli_no_axis_error (const char *axis_id)
{
  g_autofree char *msg = g_strdup_printf (_("There is no axis “%s” (see “dialogue-desk-cli axes”)"), axis_id);

  return _desk_cli_usage_error (msg);
}

int
_desk_cli_unknown_kind_error (const char *kind)
{
  g_autofree char *msg = g_strdup_printf (_("Unknown kind of fact “%s” (date, quantity, money, percent, person, org, place, citation, quote, proposal, meeting)"), kind);

  return _desk_cli_usage_error (msg);
}

/* Which of an axis's two names and descriptions to print: 0 Spanish, 1 English */
int
_desk_cli_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "es") ? 0 : 1;
}

/* A stored UTC time as local "YYYY-MM-DD HH:MM" */
char *
_desk_cli_local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

/* JSON */

void
_desk_cli_print_json (JsonBuilder *builder)
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

/* A string member, null when @value is NULL */
void
_desk_cli_add_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_desk_cli_add_int (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_desk_cli_add_double (JsonBuilder *builder,
                      const char  *name,
                      double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

void
_desk_cli_add_boolean (JsonBuilder *builder,
                       const char  *name,
                       gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* An array member, for the caller to fill and end */
void
_desk_cli_begin_array_member (JsonBuilder *builder,
                              const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
}

void
_desk_cli_add_document_members (JsonBuilder  *builder,
                                DeskDocument *doc)
{
  g_auto(GStrv) langs = g_strsplit (desk_document_get_languages (doc), " ", -1);

  _desk_cli_add_int (builder, "id", desk_document_get_id (doc));
  _desk_cli_add_string (builder, "uid", desk_document_get_uid (doc));
  _desk_cli_add_string (builder, "title", desk_document_get_title (doc));
  _desk_cli_add_string (builder, "path", desk_document_get_path (doc));
  _desk_cli_add_string (builder, "format", desk_document_get_format (doc));
  _desk_cli_add_string (builder, "language", desk_document_get_language (doc));
  _desk_cli_begin_array_member (builder, "languages");
  for (guint i = 0; langs[i]; i++)
    if (*langs[i])
      json_builder_add_string_value (builder, langs[i]);
  json_builder_end_array (builder);
  _desk_cli_add_string (builder, "published", desk_document_get_published (doc));
  _desk_cli_add_string (builder, "imported", desk_document_get_imported (doc));
  _desk_cli_add_int (builder, "size", desk_document_get_size (doc));
  _desk_cli_add_int (builder, "characters", desk_document_get_n_chars (doc));
  _desk_cli_add_int (builder, "sections", desk_document_get_n_sections (doc));
}

/* A fact's members, then those of its kind-specific details (its "extra"
 * JSON object) at the same level */
void
_desk_cli_add_fact_members (JsonBuilder    *builder,
                            const DeskFact *fact,
                            const char     *section)
{
  _desk_cli_add_string (builder, "kind", desk_fact_kind_to_string (fact->kind));
  _desk_cli_add_string (builder, "text", fact->text);
  _desk_cli_add_string (builder, "value", fact->value);
  _desk_cli_add_int (builder, "start", fact->start);
  _desk_cli_add_int (builder, "end", fact->end);
  _desk_cli_add_string (builder, "modality", desk_modality_to_string (fact->modality));
  _desk_cli_add_string (builder, "section", section);
  _desk_cli_add_double (builder, "confidence", fact->confidence);
  if (fact->extra != NULL)
    {
      g_autoptr(JsonParser) parser = desk_json_parse (fact->extra, -1, NULL);

      if (parser != NULL &&
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

/* The officer's review of a fact, as JSON members (@state NULL: none) */
void
_desk_cli_add_review_members (JsonBuilder           *builder,
                              const DeskReviewState *state)
{
  json_builder_set_member_name (builder, "review");
  json_builder_begin_object (builder);
  _desk_cli_add_string (builder, "status", state && state->status ? state->status : "pending");
  _desk_cli_add_string (builder, "note", state ? state->note : NULL);
  _desk_cli_add_string (builder, "text", state ? state->text : NULL);
  _desk_cli_add_string (builder, "value", state ? state->value : NULL);
  json_builder_end_object (builder);
}
