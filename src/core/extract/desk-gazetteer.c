/* desk-gazetteer.c: the names the extractor knows — organizations,
 * places, people and their titles, from data/extraction — and the
 * patterns that find them in a text */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-core-resources.h"
#include "desk-extract-private.h"
#include "desk-json.h"

void
_desk_extract_entity_free (gpointer data)
{
  Entity *e = data;

  g_free (e->canonical);
  g_free (e->name_es);
  g_free (e);
}

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  return (int) strlen (*(const char * const *) b) - (int) strlen (*(const char * const *) a);
}

/* The names of one list of a gazetteer ("places", "organizations",
 * "people"): entries of a "canonical" name and the "names" it is written
 * as.  Anything else makes the whole file invalid. */
static gboolean
add_entity_names (DeskExtractor  *self,
                  JsonObject     *root,
                  const char     *member,
                  DeskFactKind    kind,
                  const char     *label,
                  GError        **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *entries;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” must be a list"), member);
      g_set_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA,
                   _("The gazetteer “%s” is not valid: %s"), label, what);
      return FALSE;
    }
  entries = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *item = json_array_get_element (entries, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *canonical = entry ? json_object_get_member (entry, "canonical") : NULL;
      JsonNode *names = entry ? json_object_get_member (entry, "names") : NULL;
      gboolean valid = canonical != NULL && JSON_NODE_HOLDS_VALUE (canonical) &&
                       json_node_get_value_type (canonical) == G_TYPE_STRING &&
                       names != NULL && JSON_NODE_HOLDS_ARRAY (names);

      for (guint j = 0; valid && j < json_array_get_length (json_node_get_array (names)); j++)
        {
          JsonNode *name = json_array_get_element (json_node_get_array (names), j);
          valid = JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING;
        }
      if (!valid)
        {
          g_autofree char *what = g_strdup_printf (_("entry %u of “%s” must have a “canonical” name and a list of “names”"),
                                                   i + 1, member);
          g_set_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA,
                       _("The gazetteer “%s” is not valid: %s"), label, what);
          return FALSE;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (names)); j++)
        {
          const char *name = json_array_get_string_element (json_node_get_array (names), j);
          Entity *e;

          if (*name == '\0' || *json_node_get_string (canonical) == '\0')
            continue;
          e = g_new0 (Entity, 1);
          e->kind = kind;
          e->canonical = g_strdup (json_node_get_string (canonical));
          e->name_es = g_strdup (json_object_get_string_member_with_default (entry, "es", NULL));
          if (e->name_es != NULL && (*e->name_es == '\0' || g_str_equal (e->name_es, e->canonical)))
            g_clear_pointer (&e->name_es, g_free);
          g_hash_table_replace (self->names, g_strdup (name), e);
          if (e->name_es != NULL)
            g_hash_table_replace (self->spanish, g_strdup (e->canonical), g_strdup (e->name_es));
        }
    }
  return TRUE;
}

gboolean
_desk_extract_load_gazetteer (DeskExtractor *self,
                              const char    *label,
                              const char    *data,
                              gsize          len,
                              GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;

  if (!(parser = desk_json_parse (data, len, &local_error)) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA,
                   _("The gazetteer “%s” is not valid: %s"), label,
                   local_error ? local_error->message : _("it is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  return add_entity_names (self, root, "places", DESK_FACT_PLACE, label, error) &&
         add_entity_names (self, root, "organizations", DESK_FACT_ORG, label, error) &&
         add_entity_names (self, root, "people", DESK_FACT_PERSON, label, error);
}

/* @names (as written, in the order they are to be tried) as one
 * alternation for a pattern, grouped by their first character: at each
 * place the pattern then tries only the names that begin with the
 * character there (in the same order), where it tried every name */
static char *
alternation_by_first_char (GPtrArray *names)
{
  g_autoptr(GPtrArray) heads = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *rest;
      g_autofree char *head = NULL;
      GPtrArray *group;

      if (*name == '\0')
        continue;
      rest = g_utf8_next_char (name);
      head = g_strndup (name, rest - name);
      if ((group = g_hash_table_lookup (groups, head)) == NULL)
        {
          group = g_ptr_array_new ();
          g_ptr_array_add (heads, g_steal_pointer (&head));
          g_hash_table_insert (groups, g_ptr_array_index (heads, heads->len - 1), group);
        }
      g_ptr_array_add (group, (gpointer) rest);
    }
  for (guint i = 0; i < heads->len; i++)
    {
      const char *head = g_ptr_array_index (heads, i);
      GPtrArray *group = g_hash_table_lookup (groups, head);
      g_autofree char *escaped = g_regex_escape_string (head, -1);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_printf (out, "%s(?:", escaped);
      for (guint k = 0; k < group->len; k++)
        {
          g_autofree char *rest = g_regex_escape_string (g_ptr_array_index (group, k), -1);

          if (k > 0)
            g_string_append_c (out, '|');
          g_string_append (out, rest);
        }
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

static char *
titles_alternation (JsonObject *titles)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  GList *members = json_object_get_members (titles);

  for (GList *l = members; l; l = l->next)
    {
      JsonArray *list = json_object_get_array_member (titles, l->data);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          const char *title = json_array_get_string_element (list, i);
          gunichar first = g_utf8_get_char (title);
          const char *rest = g_utf8_next_char (title);
          g_autofree char *other = NULL;
          char buf[8] = { 0 };

          /* "embajador" and "Embajador" at the head of a sentence */
          g_unichar_to_utf8 (g_unichar_isupper (first) ? g_unichar_tolower (first) : g_unichar_toupper (first), buf);
          other = g_strconcat (buf, rest, NULL);
          g_ptr_array_add (all, g_strdup (title));
          g_ptr_array_add (all, g_steal_pointer (&other));
        }
    }
  g_list_free (members);
  /* the longest first: of two titles at the same place, the longer */
  g_ptr_array_sort (all, compare_length_desc);
  return alternation_by_first_char (all);
}

gboolean
_desk_extract_load_people (DeskExtractor *self,
                           const char    *data,
                           gsize          len,
                           GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *title_pattern = NULL;
  g_autofree char *given_pattern = NULL;
  g_autofree char *given = NULL;
  g_autoptr(GPtrArray) given_names = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *names;

  if (!(parser = desk_json_parse (data, len, error)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_array_member (root, "given_names");
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);

      g_hash_table_add (self->given, g_strdup (name));
      g_ptr_array_add (given_names, (gpointer) name);
    }
  given = alternation_by_first_char (given_names);
  titles = titles_alternation (json_object_get_object_member (root, "titles"));

  /* "el presidente de Estados Unidos, Donald Trump", "President José Jerí" */
  title_pattern = g_strdup_printf ("(?<![\\w])(?:%s)\\s+(?:(?:de|del|of)\\s+(?:la\\s+|the\\s+)?" CAP "(?:\\s+" CAP ")*,\\s+)?"
                                   "(?P<name>" CAP "(?:\\s+[A-Z]\\.)?(?:\\s+(?:de\\s+la\\s+|de\\s+|del\\s+)?" CAP "){0,3})",
                                   titles);
  given_pattern = g_strdup_printf ("(?<![\\w])(?P<name>(?:%s)(?:\\s+(?:%s))?(?:\\s+[A-Z]\\.)?"
                                   "(?:\\s+(?:de\\s+la\\s+|de\\s+|del\\s+)?" CAP "){1,3})(?![\\w])",
                                   given, given);
  self->title_person_re = _desk_extract_regex (title_pattern, FALSE);
  self->given_person_re = _desk_extract_regex (given_pattern, FALSE);
  return TRUE;
}

/* What \\w matches in the patterns (GRegex matches with Unicode
 * properties): letters, numbers and the underscore */
static gboolean
is_pattern_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The end of the run of word characters at @p */
static const char *
pattern_word_end (const char *p)
{
  while (*p && is_pattern_word_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static int
compare_names_longest_first (gconstpointer a,
                             gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The gazetteer's names by their first word, to find them as its pattern
 * does without trying every name at every place of a paragraph */
static void
build_gazetteer_heads (DeskExtractor *self)
{
  GHashTableIter iter;
  gpointer key;

  self->gazetteer_heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;
      const char *end = pattern_word_end (name);
      g_autofree char *head = g_strndup (name, end - name);
      GPtrArray *names;

      if (end == name)
        {
          g_clear_pointer (&self->gazetteer_heads, g_hash_table_unref);
          return;
        }
      if (!(names = g_hash_table_lookup (self->gazetteer_heads, head)))
        {
          names = g_ptr_array_new ();
          g_hash_table_insert (self->gazetteer_heads, g_strdup (head), names);
        }
      g_ptr_array_add (names, (gpointer) name);
      self->gazetteer_head_max = MAX (self->gazetteer_head_max, (gsize) (end - name));
    }
  g_hash_table_iter_init (&iter, self->gazetteer_heads);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    g_ptr_array_sort (key, compare_names_longest_first);
}

/* The next name of the gazetteer in @par from byte *@pos on, as its
 * pattern finds them: at the first place that starts a word, the longest
 * name there that no word character follows.  Sets [*@start, *@end) and
 * moves *@pos past it.  Without the names by first word, the pattern is
 * searched, its matches in *@m (NULL at first). */
gboolean
_desk_extract_next_gazetteer_name (DeskExtractor  *self,
                                   const char     *par,
                                   gsize          *pos,
                                   GMatchInfo    **m,
                                   gsize          *start,
                                   gsize          *end)
{
  const char *p = par + *pos;
  char head[256];

  if (self->gazetteer_heads == NULL)
    {
      int s, e;

      if (*m == NULL)
        g_regex_match (self->gazetteer_re, par, 0, m);
      else
        g_match_info_next (*m, NULL);
      if (!g_match_info_matches (*m) || !g_match_info_fetch_pos (*m, 0, &s, &e))
        return FALSE;
      *start = s;
      *end = e;
      return TRUE;
    }

  /* word by word: *@pos is where the paragraph or a word begins, or the
   * end of a name, which no word character follows */
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *word_end;
      GPtrArray *names;

      if (!is_pattern_word_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      word_end = pattern_word_end (p);
      if ((gsize) (word_end - p) <= self->gazetteer_head_max && (gsize) (word_end - p) < sizeof head)
        {
          memcpy (head, p, word_end - p);
          head[word_end - p] = '\0';
          names = g_hash_table_lookup (self->gazetteer_heads, head);
          for (guint i = 0; names != NULL && i < names->len; i++)
            {
              const char *name = g_ptr_array_index (names, i);
              gsize len = strlen (name);

              if (strncmp (p, name, len) == 0 && (p[len] == '\0' || !is_pattern_word_char (g_utf8_get_char (p + len))))
                {
                  *start = p - par;
                  *end = *start + len;
                  *pos = *end;
                  return TRUE;
                }
            }
        }
      p = word_end;
    }
  *pos = p - par;
  return FALSE;
}

void
_desk_extract_build_gazetteer_regex (DeskExtractor *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) pattern = g_string_new ("(?<![\\w])(?:");
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_regex_escape_string (key, -1));
  g_ptr_array_sort (names, compare_length_desc);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append_c (pattern, '|');
      g_string_append (pattern, g_ptr_array_index (names, i));
    }
  g_string_append (pattern, ")(?![\\w])");
  self->gazetteer_re = _desk_extract_regex (pattern->str, FALSE);
  build_gazetteer_heads (self);
}

GBytes *
_desk_extract_lookup_data (const char  *name,
                           GError     **error)
{
  g_autofree char *path = g_strconcat ("/org/dialoguedesk/DialogueDesk/data/extraction/", name, NULL);

  /* referencing the resource keeps it in a static link, and registers it */
  g_assert (desk_core_get_resource () != NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
