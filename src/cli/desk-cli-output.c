/* desk-cli-output.c: the messages and the JSON that every command of
 * dialogue-desk-cli prints
 *
 * Results go to standard output (text or --json), errors to standard
 * error. */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
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

/* Streamed JSON
 *
 * A list of every fact of a large library is written as it is read, not
 * built whole first: the arrays and objects that hold the list are opened
 * and closed here, and each value in them is made with a JsonBuilder and
 * laid out by json-glib, then indented to its depth.  The bytes are those
 * json-glib's pretty printer gives for the whole tree (an indent of two
 * spaces, " : " after a name, a value a line, "[]" and "{}" when empty),
 * in the memory of one value. */

/* Spaces per level, as json-glib indents */
#define JSON_INDENT 2

typedef struct
{
  char close;             /* ']' or '}' */
  gboolean has_values;
} JsonLevel;

struct _DeskCliJson
{
  JsonGenerator *generator;
  GString *buffer;
  GArray *levels;         /* JsonLevel: the arrays and objects open, outermost first */
  gboolean started;       /* something is written */
};

static void
write_indent (guint depth)
{
  for (guint i = 0; i < depth * JSON_INDENT; i++)
    putchar (' ');
}

/* What goes before a value: the separator and indent in the array or
 * object around it, then its name, if it is a member */
static void
begin_value (DeskCliJson *json,
             const char  *name)
{
  json->started = TRUE;
  if (json->levels->len > 0)
    {
      JsonLevel *level = &g_array_index (json->levels, JsonLevel, json->levels->len - 1);

      fputs (level->has_values ? ",\n" : "\n", stdout);
      level->has_values = TRUE;
      write_indent (json->levels->len);
    }
  if (name != NULL)
    {
      /* names are this program's own, plain words: nothing to escape */
      g_assert (strpbrk (name, "\"\\") == NULL);
      printf ("\"%s\" : ", name);
    }
}

DeskCliJson *
_desk_cli_json_new (void)
{
  DeskCliJson *json = g_new0 (DeskCliJson, 1);

  json->generator = json_generator_new ();
  json_generator_set_pretty (json->generator, TRUE);
  json->buffer = g_string_new (NULL);
  json->levels = g_array_new (FALSE, FALSE, sizeof (JsonLevel));
  return json;
}

/* Ends the output with a new line, as _desk_cli_print_json () does, when
 * every array and object begun is ended (not when an error cut it short) */
void
_desk_cli_json_free (DeskCliJson *json)
{
  if (json->started && json->levels->len == 0)
    putchar ('\n');
  g_object_unref (json->generator);
  g_string_free (json->buffer, TRUE);
  g_array_unref (json->levels);
  g_free (json);
}

static void
begin_level (DeskCliJson *json,
             const char  *name,
             char         open,
             char         close)
{
  JsonLevel level = { close, FALSE };

  begin_value (json, name);
  putchar (open);
  g_array_append_val (json->levels, level);
}

/* Opens an array: a member @name of the object open, or (NULL) a value
 * of the array open or the whole output */
void
_desk_cli_json_begin_array (DeskCliJson *json,
                            const char  *name)
{
  begin_level (json, name, '[', ']');
}

void
_desk_cli_json_begin_object (DeskCliJson *json,
                             const char  *name)
{
  begin_level (json, name, '{', '}');
}

/* Closes the array or object opened last */
void
_desk_cli_json_end (DeskCliJson *json)
{
  JsonLevel level;

  g_assert (json->levels->len > 0);
  level = g_array_index (json->levels, JsonLevel, json->levels->len - 1);
  g_array_set_size (json->levels, json->levels->len - 1);
  if (level.has_values)
    {
      putchar ('\n');
      write_indent (json->levels->len);
    }
  putchar (level.close);
}

/* Writes @node as the next value: a member @name of the object open, or
 * a value of the array open */
static void
write_node (DeskCliJson *json,
            const char  *name,
            JsonNode    *node)
{
  guint depth = json->levels->len;
  const char *line;
  const char *end;

  begin_value (json, name);
  g_string_truncate (json->buffer, 0);
  json_generator_set_root (json->generator, node);
  json_generator_to_gstring (json->generator, json->buffer);
  json_generator_set_root (json->generator, NULL);

  /* json-glib lays it out as the whole output: each line after the first
   * one level deeper per array or object around it (strings hold no line
   * breaks: they are escaped) */
  for (line = json->buffer->str; (end = strchr (line, '\n')) != NULL; line = end + 1)
    {
      fwrite (line, 1, end + 1 - line, stdout);
      write_indent (depth);
    }
  fputs (line, stdout);
}

/* Writes the array or object @builder holds as the next value, and
 * empties @builder for the next */
void
_desk_cli_json_add (DeskCliJson *json,
                    const char  *name,
                    JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);

  write_node (json, name, node);
  json_builder_reset (builder);
}

/* A string member of the object open, null when @value is NULL */
void
_desk_cli_json_add_string (DeskCliJson *json,
                           const char  *name,
                           const char  *value)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (value != NULL)
    json_node_init_string (node, value);
  else
    json_node_init_null (node);
  write_node (json, name, node);
}

void
_desk_cli_json_add_int (DeskCliJson *json,
                        const char  *name,
                        gint64       value)
{
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), value);

  write_node (json, name, node);
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
  _desk_cli_add_string (builder, "author", desk_document_get_author (doc));
  _desk_cli_add_string (builder, "source", desk_document_get_source (doc));
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
