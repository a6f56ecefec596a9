/* desk-extract.c: rule- and gazetteer-based extraction of facts
 *
 * One pass per paragraph: figures, dates, citations, quotes, entities;
 * then per sentence: modality, proposals and meetings.  Overlapping
 * candidates of the figure family (dates, money, percentages, quantities,
 * citations) keep the longest; entities may sit inside quotes, proposals
 * and meetings. */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-core-resources.h"
#include "desk-extract.h"
#include "desk-stemmer.h"

#define MONTHS_ES "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
#define MONTHS_EN "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
/* Digits in the patterns are ASCII ones, [0-9]: GRegex matches with
 * Unicode rules, where \\d also takes the digits of other scripts, which
 * the values are read with (atoi, g_ascii_strtod) could not read, and
 * which keep PCRE from skipping ahead to the next digit (a search for
 * \\d{1,2} de marzo took four times as long) */
#define NUM "[+\\-−]?[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|[+\\-−]?[0-9]+(?:[.,][0-9]+)?"
#define SCALE "mil\\s+millones|millones|mill[oó]n|mil|billones|bill[oó]n|thousand|millions?|billions?|trillions?"
#define CUR_PREFIX "US\\$|U\\$S|USD|S/\\.?|PEN|€|EUR|£|\\$"
#define CUR_WORD "d[oó]lares(?:\\s+(?:americanos|estadounidenses|norteamericanos))?|d[oó]lar|soles|euros?|(?:US\\s+)?dollars?|libras|pounds"
#define UNIT "TM|toneladas\\s+m[eé]tricas|toneladas|metric\\s+tons|tons|tonnes|t|km2|km²|kil[oó]metros\\s+cuadrados|square\\s+kilomet(?:er|re)s|sq\\s?km|km|kil[oó]metros|kilomet(?:er|re)s|hect[aá]reas|hectares|ha|kg|kilogramos|kilos|kilograms|MW|megavatios|megawatts|barriles|barrels"
#define CAP "[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"

G_DEFINE_QUARK (desk-extract-error-quark, desk_extract_error)

typedef struct
{
  DeskFactKind kind;
  char *canonical;
} Entity;

struct _DeskExtractor
{
  DeskStemmer *stemmer;
  GHashTable *plain;     /* word as written → whether it is plain (+1), see word_is_plain */
  GHashTable *names;     /* surface name → Entity */
  GHashTable *given;     /* given names */
  GRegex *gazetteer_re;
  GHashTable *gazetteer_heads;  /* first word of a name → GPtrArray of the names
                                 * it begins, longest first; NULL when a name
                                 * begins with no word character */
  gsize gazetteer_head_max;     /* bytes of the longest first word */
  GRegex *title_person_re;
  GRegex *given_person_re;
  GRegex *acronym_re;
  GRegex *money_prefix_re;
  GRegex *money_suffix_re;
  GRegex *percent_re;
  GRegex *quantity_re;
  GRegex *date_re[10];
  GRegex *citation_re;
  GRegex *quote_re;
  GRegex *meeting_noun_re;
  GRegex *proposal_sentence_re;
  GRegex *proposal_leadin_re;
  GRegex *meeting_item_re;
  GRegex *modality_re;  /* one group per modality but asserted */
  GRegex *letters_re;   /* two letters: an author's name has them */
  GRegex *located_re;   /* "en", "in", "at" just before a place */
};

typedef struct
{
  DeskFact fact;
  gsize bstart;   /* bytes into the paragraph */
  gsize bend;
  gsize bsentence;
  int family;     /* 0 figures, 1 entities, 2 passages */
  char *speaker;  /* quotes: who says it */
  char *citation; /* quotes: the citation right after */
} Candidate;

typedef struct
{
  DeskExtractor *self;
  DeskParsedDocument *doc;
  GArray *facts;          /* DeskFact */
  GHashTable *acronyms;   /* acronym or long form → canonical, this document */
  GHashTable *surnames;   /* surname → canonical person, this document */
  int doc_year;
  gsize par_offset;       /* where the paragraph being read is in doc->text, in bytes */
} Run;

static void
entity_free (gpointer data)
{
  Entity *e = data;

  g_free (e->canonical);
  g_free (e);
}

/* The cues of modalities: alternatives of words without groups of their
 * own, each a whole word or words (see modality_re) */
#define MODALITY_NEGATED \
  "no(?!\\s+(?:s[oó]lo|solamente|solo|menos|obstante))|nunca|jam[aá]s|tampoco|not(?!\\s+only)|never|no\\s+longer"
#define MODALITY_PROPOSED \
  "propu(?:so|sieron|esto)|propon(?:e|en|emos|er)|se\\s+plantea|plante[oó]|recomiend(?:a|an)|recomend[oó]|suger(?:ir|ido)|sugiere|propose[sd]?|recommend(?:s|ed)?|suggest(?:s|ed)?"
#define MODALITY_INTENDED \
  "intenci[oó]n|pretende|pretenden|busca|buscan|tiene\\s+previsto|planea|planean|intends?|intention|plans?\\s+to|aims?\\s+to|seeks?\\s+to"
#define MODALITY_EXPECTED \
  "se\\s+espera|espera\\s+que|esperan\\s+que|prev[eé]|podr[ií]a|podr[ií]an|probablemente|eventual(?:mente)?|is\\s+expected|are\\s+expected|expected\\s+to|expects?|likely|could|may|might|would"
#define MODALITY_REPORTED \
  "seg[uú]n|de\\s+acuerdo\\s+con|inform[oó]|informaron|señal[oó]|señalaron|dijo|afirm[oó]|indic[oó]|declar[oó]|according\\s+to|reported|reports?\\s+that|said|stated|announced"

static GRegex *
re (const char *pattern,
    gboolean    caseless)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE | (caseless ? G_REGEX_CASELESS : 0), 0, &error);

  if (regex == NULL)
    g_error ("bad built-in pattern %s: %s", pattern, error->message);
  return regex;
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
          g_hash_table_replace (self->names, g_strdup (name), e);
        }
    }
  return TRUE;
}

static gboolean
load_gazetteer (DeskExtractor *self,
                const char    *label,
                const char    *data,
                gsize          len,
                GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;

  if (!json_parser_load_from_data (parser, data, len, &local_error) ||
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

static gboolean
load_people (DeskExtractor *self,
             const char    *data,
             gsize          len,
             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *titles = NULL;
  g_autofree char *title_pattern = NULL;
  g_autofree char *given_pattern = NULL;
  g_autofree char *given = NULL;
  g_autoptr(GPtrArray) given_names = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *names;

  if (!json_parser_load_from_data (parser, data, len, error))
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
  self->title_person_re = re (title_pattern, FALSE);
  self->given_person_re = re (given_pattern, FALSE);
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
static gboolean
next_gazetteer_name (DeskExtractor  *self,
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

static void
build_gazetteer_regex (DeskExtractor *self)
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
  self->gazetteer_re = re (pattern->str, FALSE);
  build_gazetteer_heads (self);
}

static GBytes *
lookup_data (const char  *name,
             GError     **error)
{
  g_autofree char *path = g_strconcat ("/org/dialoguedesk/DialogueDesk/data/extraction/", name, NULL);

  /* referencing the resource keeps it in a static link, and registers it */
  g_assert (desk_core_get_resource () != NULL);
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Loads the shipped gazetteers, then the officer's own additions from
 * $XDG_DATA_HOME/dialogue-desk/gazetteer.json when there is one. */
DeskExtractor *
desk_extractor_new (GError **error)
{
  g_autoptr(DeskExtractor) self = g_new0 (DeskExtractor, 1);
  g_autoptr(GBytes) gazetteer = NULL;
  g_autoptr(GBytes) people = NULL;
  g_autofree char *user_path = g_build_filename (g_get_user_data_dir (), "dialogue-desk", "gazetteer.json", NULL);
  gsize len;

  self->stemmer = desk_stemmer_new ();
  self->plain = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free);
  self->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(gazetteer = lookup_data ("gazetteer.json", error)) || !(people = lookup_data ("people.json", error)))
    return NULL;
  if (!load_gazetteer (self, "gazetteer.json", g_bytes_get_data (gazetteer, NULL), g_bytes_get_size (gazetteer), error))
    return NULL;
  if (!load_people (self, g_bytes_get_data (people, NULL), g_bytes_get_size (people), error))
    return NULL;
  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) read_error = NULL;

      if (!g_file_get_contents (user_path, &contents, &len, &read_error))
        {
          g_set_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA,
                       _("The gazetteer “%s” cannot be read: %s"), user_path, read_error->message);
          return NULL;
        }
      if (!load_gazetteer (self, user_path, contents, len, error))
        return NULL;
    }
  build_gazetteer_regex (self);

  self->acronym_re = re ("(?P<long>" CAP "(?:\\s+(?:(?:de|del|la|las|los|el|y|e|para|of|the|and|for|on|en|sin)\\s+)*" CAP "){1,9})"
                         "\\s+\\((?P<acr>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ\\-]{1,9})\\)", FALSE);
  self->money_prefix_re = re ("(?<![\\w$])(?P<cur>" CUR_PREFIX ")\\s?(?P<num>" NUM ")(?:\\s(?P<scale>" SCALE ")(?![\\w]))?", FALSE);
  self->money_suffix_re = re ("(?<![\\w.,$])(?P<num>" NUM ")\\s?(?:(?P<scale>" SCALE ")\\s+)?(?:de\\s+)?(?P<cur>" CUR_WORD ")(?![\\w])", TRUE);
  self->percent_re = re ("(?<![\\w.,])(?P<num>" NUM ")\\s?(?:%|por\\s+ciento|percent|per\\s+cent)(?![\\w])", TRUE);
  self->quantity_re = re ("(?<![\\w.,])(?P<num>" NUM ")\\s?(?:(?P<scale>" SCALE ")\\s+(?:de\\s+)?)?(?P<unit>" UNIT ")(?![\\w²])", FALSE);

  /* the first three need a number, the others four digits in a row
   * (find_dates searches for them only where there are) */
  self->date_re[0] = re ("(?<![\\w])(?P<d>[0-9]{1,2})(?:º|°|ro)?\\s+de\\s+(?P<m>" MONTHS_ES ")(?:\\s+(?:de|del)\\s+(?:año\\s+)?(?P<y>[0-9]{4}))?(?![\\w])", TRUE);
  self->date_re[1] = re ("(?<![\\w])(?P<m>" MONTHS_EN ")\\.?\\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?P<y>[0-9]{4}))?(?![\\w])", FALSE);
  self->date_re[2] = re ("(?<![\\w])(?:the\\s+)?(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?P<m>" MONTHS_EN ")(?:,?\\s+(?P<y>[0-9]{4}))?(?![\\w])", FALSE);
  self->date_re[3] = re ("(?<![\\w/])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})(?![\\w/])", FALSE);
  self->date_re[4] = re ("(?<![\\w-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?!\\d)", FALSE);
  self->date_re[5] = re ("(?<![\\w])(?P<m>" MONTHS_ES ")\\s+(?:de|del)\\s+(?P<y>[0-9]{4})(?![\\w])", TRUE);
  self->date_re[6] = re ("(?<![\\w])(?P<m>" MONTHS_EN ")\\s+(?:of\\s+)?(?P<y>[0-9]{4})(?![\\w])", FALSE);
  self->date_re[7] = re ("(?<![\\w])(?P<ord>primer|segundo|tercer|cuarto|first|second|third|fourth)\\s+(?:semestre|trimestre|half|quarter)\\s+(?:de|del|of)\\s+(?:(?:el|the)\\s+)?(?:año\\s+)?(?P<y>[0-9]{4})(?![\\w])", TRUE);
  self->date_re[8] = re ("(?<![\\w])(?:(?:desde|entre|from|between)\\s+(?:el\\s+)?(?:año\\s+)?(?P<y1>(?:1[89]|20)[0-9]{2})\\s+(?:hasta|y|a|al|to|and|until)\\s+(?:el\\s+)?(?P<y2>(?:1[89]|20)[0-9]{2})"
                         "|(?P<y3>(?:1[89]|20)[0-9]{2})\\s?[-–—]\\s?(?P<y4>(?:1[89]|20)[0-9]{2}))(?![\\w])", TRUE);
  self->date_re[9] = re ("(?<![\\w])(?:en|el|del|desde|hasta|año|años|para|in|since|by|during|until|early|late|mid)\\s+(?:el\\s+)?(?:año\\s+)?(?P<y>(?:1[89]|20)[0-9]{2})(?![\\w]|[.,]\\d)", TRUE);

  self->citation_re = re ("\\((?P<a>[A-ZÁÉÍÓÚÑ][^()]{0,150}?),\\s*(?P<y>(?:1[89]|20)[0-9]{2}[a-z]?)"
                          "(?:\\s*,\\s*(?:pg?\\.|p[áa]gs?\\.?|pp\\.|page)\\s*(?P<p>[0-9]+(?:\\s*[-–]\\s*[0-9]+)?))?\\)", FALSE);
  self->quote_re = re ("“(?P<q>[^“”]{3,3000})”|«(?P<g>[^«»]{3,3000})»", FALSE);
  self->meeting_noun_re = re ("(?<![\\w])(?:reuni[oó]n(?:es)?|cumbre|encuentros?|visitas?|gabinetes?\\s+binacional(?:es)?|di[aá]logos?\\s+(?:pol[ií]tico\\s+)?de\\s+alto\\s+nivel|conferencia|meetings?|summits?|visits?|talks|rounds?|conference)(?![\\w])", TRUE);
  self->proposal_sentence_re = re ("(?<![\\w])(?:se\\s+propone|se\\s+plantea|propon(?:e|emos|en)|propuso|propusieron|deber[áí]a?n?|se\\s+recomienda|recomienda|sugiere|should|recommends?|proposes?|proposed\\s+that|it\\s+is\\s+proposed)(?![\\w])", TRUE);
  self->proposal_leadin_re = re ("(?:siguientes|propuestas?|propone|plantea|recomendaciones|recomienda|acciones|puntos|deber[áí]|following|recommend|recommendations?|proposals?|propose|should|actions)", TRUE);
  self->meeting_item_re = re ("^(?:[-•·*]\\s*)?(?P<place>" CAP "(?:\\s+(?:de\\s+|del\\s+)?" CAP "){0,3})\\s*\\((?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})\\)\\s*[.;,]?$", FALSE);

  /* the cues of each modality, one group each, in the order a tie at the
   * same place is settled (see sentence_modality), and "n't" as a sixth
   * for negation; the bounds of a word looked at once for all of them,
   * not once for each (40% fewer steps over the corpus's sentences) */
  self->modality_re = re ("(?<![\\w])(?:(" MODALITY_NEGATED ")|(" MODALITY_PROPOSED ")|(" MODALITY_INTENDED ")"
                          "|(" MODALITY_EXPECTED ")|(" MODALITY_REPORTED "))(?![\\w])"
                          "|(n't)(?![\\w])", TRUE);
  self->letters_re = re ("[[:alpha:]]{2}", FALSE);
  self->located_re = re ("(?:^|\\s)(?:en|in|at)(?:\\s+(?:la|el|the))?\\s+$", FALSE);

  return g_steal_pointer (&self);
}

void
desk_extractor_free (DeskExtractor *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  g_clear_pointer (&self->plain, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->given, g_hash_table_unref);
  g_clear_pointer (&self->gazetteer_re, g_regex_unref);
  g_clear_pointer (&self->gazetteer_heads, g_hash_table_unref);
  g_clear_pointer (&self->title_person_re, g_regex_unref);
  g_clear_pointer (&self->given_person_re, g_regex_unref);
  g_clear_pointer (&self->acronym_re, g_regex_unref);
  g_clear_pointer (&self->money_prefix_re, g_regex_unref);
  g_clear_pointer (&self->money_suffix_re, g_regex_unref);
  g_clear_pointer (&self->percent_re, g_regex_unref);
  g_clear_pointer (&self->quantity_re, g_regex_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->date_re); i++)
    g_clear_pointer (&self->date_re[i], g_regex_unref);
  g_clear_pointer (&self->citation_re, g_regex_unref);
  g_clear_pointer (&self->quote_re, g_regex_unref);
  g_clear_pointer (&self->meeting_noun_re, g_regex_unref);
  g_clear_pointer (&self->proposal_sentence_re, g_regex_unref);
  g_clear_pointer (&self->proposal_leadin_re, g_regex_unref);
  g_clear_pointer (&self->meeting_item_re, g_regex_unref);
  g_clear_pointer (&self->modality_re, g_regex_unref);
  g_clear_pointer (&self->letters_re, g_regex_unref);
  g_clear_pointer (&self->located_re, g_regex_unref);
  g_free (self);
}

/* Numbers: a group of exactly three digits after a separator is a
 * thousands group in both Spanish and English writing ("1,135 TM" and
 * "1.135 TM" are 1135); one, two or four and more digits after the last
 * separator make it the decimal mark ("1.5 millones", "9,1%"). */
gboolean
desk_extract_parse_number (const char *text,
                           double     *value)
{
  GString *digits = g_string_new (NULL);
  const char *p = text;
  const char *last_sep = NULL;
  int n_seps = 0;
  gboolean mixed = FALSE;
  char first_sep = 0;
  gboolean negative = FALSE;
  gboolean ok;

  if (g_str_has_prefix (p, "−"))
    {
      negative = TRUE;
      p += strlen ("−");
    }
  else if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (const char *q = p; *q; q++)
    if (*q == '.' || *q == ',')
      {
        if (first_sep == 0)
          first_sep = *q;
        else if (*q != first_sep)
          mixed = TRUE;
        last_sep = q;
        n_seps++;
      }

  for (const char *q = p; *q; q++)
    {
      if (g_ascii_isdigit (*q))
        g_string_append_c (digits, *q);
      else if (q == last_sep)
        {
          gsize after = strspn (q + 1, "0123456789");
          gboolean decimal = mixed || (n_seps == 1 && (after != 3 || g_str_has_prefix (p, "0")));

          if (decimal)
            g_string_append_c (digits, '.');
        }
    }

  ok = digits->len > 0;
  if (ok)
    *value = g_ascii_strtod (digits->str, NULL) * (negative ? -1 : 1);
  g_string_free (digits, TRUE);
  return ok;
}

static double
scale_factor (const char *scale)
{
  g_autofree char *s = NULL;

  if (scale == NULL || *scale == '\0')
    return 1;
  s = g_utf8_strdown (scale, -1);
  if (g_str_has_prefix (s, "mil ") || g_str_has_prefix (s, "mil\t") || g_str_has_prefix (s, "mil\n"))
    return 1e9; /* "mil millones" */
  if (g_str_has_prefix (s, "mill"))
    return 1e6;
  if (g_str_equal (s, "mil") || g_str_has_prefix (s, "thousand"))
    return 1e3;
  if (g_str_has_prefix (s, "bill"))
    return strstr (s, "ón") || strstr (s, "ones") || g_str_equal (s, "billon") ? 1e12 : 1e9;
  if (g_str_has_prefix (s, "trillion"))
    return 1e12;
  return 1;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *out;
  gsize len;

  if (fabs (v - round (v)) < 1e-6 && fabs (v) < 9e18)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (v));
  g_ascii_formatd (buf, sizeof buf, "%.4f", v);
  out = g_strdup (buf);
  len = strlen (out);
  while (len > 0 && out[len - 1] == '0')
    out[--len] = '\0';
  if (len > 0 && out[len - 1] == '.')
    out[--len] = '\0';
  return out;
}

static const char *
currency_code (const char *currency)
{
  g_autofree char *c = g_utf8_strdown (currency, -1);

  if (g_str_has_prefix (c, "s/") || g_str_has_prefix (c, "sol") || g_str_equal (c, "pen"))
    return "PEN";
  if (g_str_has_prefix (c, "€") || g_str_has_prefix (c, "eur"))
    return "EUR";
  if (g_str_has_prefix (c, "£") || g_str_has_prefix (c, "libra") || g_str_has_prefix (c, "pound"))
    return "GBP";
  return "USD";
}

static int
month_of (const char *name)
{
  static const char * const es[] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                     "septiembre", "octubre", "noviembre", "diciembre" };
  static const char * const en[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
  g_autofree char *s = g_utf8_strdown (name, -1);

  if (g_str_equal (s, "setiembre"))
    return 9;
  for (int i = 0; i < 12; i++)
    if (g_str_equal (s, es[i]) || g_str_has_prefix (s, en[i]))
      return i + 1;
  return 0;
}

/* Candidates */

static void
add_candidate (GArray       *out,
               DeskFactKind  kind,
               const char   *par,
               gsize         bstart,
               gsize         bend,
               char         *value,
               double        confidence,
               char         *extra,
               int           family)
{
  Candidate c = { 0 };

  if (value == NULL)
    return;
  c.fact.kind = kind;
  c.fact.text = g_strndup (par + bstart, bend - bstart);
  c.fact.value = value;
  c.fact.confidence = confidence;
  c.fact.extra = extra;
  c.fact.section = -1;
  c.bstart = bstart;
  c.bend = bend;
  c.family = family;
  g_array_append_val (out, c);
}

static char *
fetch (GMatchInfo *match,
       const char *name)
{
  char *s = g_match_info_fetch_named (match, name);

  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

static void
match_pos (GMatchInfo *match,
           int         group,
           gsize      *start,
           gsize      *end)
{
  int s, e;

  g_match_info_fetch_pos (match, group, &s, &e);
  *start = s;
  *end = e;
}

static void
find_figures (Run        *run,
              const char *par,
              GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gsize s, e;

  /* money with the currency first ("US$ 3,679 millones") or after ("1.5 millones de dólares") */
  for (guint r = 0; r < 2; r++)
    {
      GRegex *regex = r == 0 ? self->money_prefix_re : self->money_suffix_re;

      for (g_regex_match (regex, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *cur = fetch (m, "cur");
          g_autofree char *num = fetch (m, "num");
          g_autofree char *scale = fetch (m, "scale");
          double v;

          match_pos (m, 0, &s, &e);
          if (num && desk_extract_parse_number (num, &v))
            {
              g_autofree char *n = format_number (fabs (v) * scale_factor (scale));
              /* a prefixed figure without a scale may share the next one's ("de US$ 216 a US$ 717 millones") */
              add_candidate (out, DESK_FACT_MONEY, par, s, e, g_strdup_printf ("%s %s", n, currency_code (cur)),
                             r == 0 ? 0.95 : 0.9, r == 0 && scale == NULL ? g_strdup ("{\"scale\":false}") : NULL, 0);
            }
        }
      g_clear_pointer (&m, g_match_info_free);
    }

  for (g_regex_match (self->percent_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *num = fetch (m, "num");
      double v;

      match_pos (m, 0, &s, &e);
      if (num && desk_extract_parse_number (num, &v))
        {
          g_autofree char *n = format_number (num[0] == '+' ? fabs (v) : v);
          add_candidate (out, DESK_FACT_PERCENT, par, s, e, g_strdup_printf ("%s%%", n), 0.95, NULL, 0);
        }
    }
  g_clear_pointer (&m, g_match_info_free);

  for (g_regex_match (self->quantity_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *num = fetch (m, "num");
      g_autofree char *scale = fetch (m, "scale");
      g_autofree char *unit = fetch (m, "unit");
      g_autofree char *u = NULL;
      const char *code;
      double v;

      match_pos (m, 0, &s, &e);
      if (num == NULL || unit == NULL || !desk_extract_parse_number (num, &v))
        continue;
      u = g_utf8_strdown (unit, -1);
      if (g_str_equal (u, "tm") || g_str_has_prefix (u, "tonelada") || g_str_has_suffix (u, "tons") ||
          g_str_equal (u, "tonnes") || g_str_equal (u, "t"))
        code = "t";
      else if (g_str_equal (u, "km2") || g_str_equal (u, "km²") || strstr (u, "cuadrados") || strstr (u, "square") || strstr (u, "sq"))
        code = "km2";
      else if (g_str_equal (u, "km") || (g_str_has_prefix (u, "kil") && strstr (u, "met")))
        code = "km";
      else if (g_str_equal (u, "ha") || g_str_has_prefix (u, "hect"))
        code = "ha";
      else if (g_str_equal (u, "kg") || g_str_has_prefix (u, "kilo"))
        code = "kg";
      else if (g_str_equal (u, "mw") || g_str_has_prefix (u, "mega"))
        code = "MW";
      else
        code = "bbl";
      {
        g_autofree char *n = format_number (v * scale_factor (scale));
        add_candidate (out, DESK_FACT_QUANTITY, par, s, e, g_strdup_printf ("%s %s", n, code), 0.9, NULL, 0);
      }
    }
  g_clear_pointer (&m, g_match_info_free);
}

/* Money ranges share their scale and currency: "de US$ 216 a US$ 717
 * millones" is 216 and 717 million. */
static int
compare_candidate_starts (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  GArray *cands = user_data;
  gsize sa = g_array_index (cands, Candidate, *(const guint *) a).bstart;
  gsize sb = g_array_index (cands, Candidate, *(const guint *) b).bstart;

  return sa < sb ? -1 : sa > sb;
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  return ia < ib ? -1 : ia > ib;
}

static void
share_scales (GArray     *cands,
              const char *par)
{
  static GRegex *link, *num_re;
  static gsize initialized = 0;

  /* import extracts in several threads at once */
  if (g_once_init_enter (&initialized))
    {
      link = re ("^\\s*(?:a|y|e|hasta|to|and|-|–)\\s*$", TRUE);
      num_re = re (NUM, FALSE);
      g_once_init_leave (&initialized, 1);
    }

  /* the sums of money in text order, to find those a few bytes after
   * another without trying every pair: a paragraph may hold thousands */
  g_autoptr(GArray) money = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < cands->len; i++)
    if (g_array_index (cands, Candidate, i).fact.kind == DESK_FACT_MONEY)
      g_array_append_val (money, i);
  g_array_sort_with_data (money, compare_candidate_starts, cands);

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *a = &g_array_index (cands, Candidate, i);
      guint lo = 0, hi = money->len;

      if (a->fact.kind != DESK_FACT_MONEY || a->fact.extra == NULL)
        continue;
      /* those starting within 8 bytes after it, tried in the order found */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (cands, Candidate, g_array_index (money, guint, mid)).bstart <= a->bend)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_set_size (near, 0);
      for (guint k = lo; k < money->len; k++)
        {
          guint j = g_array_index (money, guint, k);
          if (g_array_index (cands, Candidate, j).bstart - a->bend > 8)
            break;
          g_array_append_val (near, j);
        }
      g_array_sort (near, compare_indices);
      for (guint t = 0; t < near->len; t++)
        {
          guint j = g_array_index (near, guint, t);
          Candidate *b = &g_array_index (cands, Candidate, j);
          g_autofree char *gap = NULL;

          if (b->fact.kind != DESK_FACT_MONEY || b->bstart <= a->bend || b->fact.extra != NULL ||
              b->bstart - a->bend > 8)
            continue;
          gap = g_strndup (par + a->bend, b->bstart - a->bend);
          /* only a range in one currency shares its scale */
          if (g_strcmp0 (strchr (a->fact.value, ' '), strchr (b->fact.value, ' ')) != 0)
            continue;
          if (g_regex_match (link, gap, 0, NULL))
            {
              double va = g_ascii_strtod (a->fact.value, NULL);
              double vb = g_ascii_strtod (b->fact.value, NULL);
              const char *code = strchr (b->fact.value, ' ');
              double factor = 1;
              g_autofree char *raw = g_strndup (par + b->bstart, b->bend - b->bstart);
              g_autoptr(GMatchInfo) m = NULL;
              if (g_regex_match (num_re, raw, 0, &m))
                {
                  g_autofree char *num = g_match_info_fetch (m, 0);
                  double base;
                  if (desk_extract_parse_number (num, &base) && base != 0)
                    factor = vb / fabs (base);
                }
              if (factor > 1)
                {
                  g_autofree char *n = format_number (va * factor);
                  g_free (a->fact.value);
                  a->fact.value = g_strdup_printf ("%s%s", n, code ? code : "");
                }
              break;
            }
        }
      g_clear_pointer (&a->fact.extra, g_free);
    }
}

static char *
date_value (Run        *run,
            int         y,
            int         m,
            int         d)
{
  if (m < 1 || m > 12)
    return NULL;
  if (d == 0)
    return y > 0 ? g_strdup_printf ("%04d-%02d", y, m) : NULL;
  if (y == 0)
    {
      /* a day without a year takes the document's year when it has one */
      if (run->doc_year > 0 && g_date_valid_dmy (d, m, run->doc_year))
        return g_strdup_printf ("%04d-%02d-%02d", run->doc_year, m, d);
      return d >= 1 && d <= 31 ? g_strdup_printf ("--%02d-%02d", m, d) : NULL;
    }
  if (y < 1800 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static void
find_dates (Run        *run,
            const char *par,
            const char *language,
            GArray     *out)
{
  DeskExtractor *self = run->self;
  gsize s, e;
  guint run_of_digits = 0, longest = 0;

  /* every pattern wants a number, all but the first three a year (four
   * digits): a paragraph without them is not searched for them */
  for (const char *p = par; *p && longest < 4; p++)
    {
      run_of_digits = g_ascii_isdigit (*p) ? run_of_digits + 1 : 0;
      longest = MAX (longest, run_of_digits);
    }
  G_STATIC_ASSERT (G_N_ELEMENTS (self->date_re) == 10);

  for (guint r = 0; r < G_N_ELEMENTS (self->date_re); r++)
    {
      GMatchInfo *m = NULL;

      if (longest == 0 || (r >= 3 && longest < 4))
        break;
      for (g_regex_match (self->date_re[r], par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *ys = fetch (m, "y");
          g_autofree char *ms = NULL;
          g_autofree char *ds = NULL;
          int y = ys ? atoi (ys) : 0;
          char *value = NULL;
          double confidence = 0.95;

          match_pos (m, 0, &s, &e);
          switch (r)
            {
            case 0: case 1: case 2: case 4:
              ms = fetch (m, "m");
              ds = fetch (m, "d");
              value = date_value (run, y, r == 4 ? atoi (ms) : month_of (ms), atoi (ds));
              break;
            case 3:
              {
                g_autofree char *a = fetch (m, "a");
                g_autofree char *b = fetch (m, "b");
                int first = atoi (a), second = atoi (b);
                /* day first, as in Spanish, unless the text is English and it reads month first */
                gboolean month_first = g_str_equal (language, "en") && first <= 12 && second > 12;

                value = month_first ? date_value (run, y, first, second) : date_value (run, y, second, first);
                if (value == NULL && !month_first)
                  value = date_value (run, y, first, second);
              }
              break;
            case 5: case 6:
              ms = fetch (m, "m");
              value = date_value (run, y, month_of (ms), 0);
              break;
            case 7:
              value = y >= 1800 && y <= 2200 ? g_strdup_printf ("%04d", y) : NULL;
              break;
            case 8:
              {
                g_autofree char *y1 = fetch (m, "y1");
                g_autofree char *y2 = fetch (m, "y2");
                g_autofree char *y3 = fetch (m, "y3");
                g_autofree char *y4 = fetch (m, "y4");
                int a = atoi (y1 ? y1 : y3 ? y3 : "0");
                int b = atoi (y2 ? y2 : y4 ? y4 : "0");

                value = a > 0 && b > a ? g_strdup_printf ("%04d/%04d", a, b) : NULL;
              }
              break;
            case 9:
              {
                /* the fact is the year, not the word before it */
                int ys_start, ys_end;

                g_match_info_fetch_named_pos (m, "y", &ys_start, &ys_end);
                s = ys_start;
                e = ys_end;
                value = g_strdup_printf ("%04d", y);
                confidence = 0.8;
              }
              break;
            default:
              break;
            }
          add_candidate (out, DESK_FACT_DATE, par, s, e, value, confidence, NULL, 0);
        }
      g_match_info_free (m);
    }
}

static void
find_citations_and_quotes (Run        *run,
                           const char *par,
                           GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gsize s, e;

  for (g_regex_match (self->citation_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *a = fetch (m, "a");
      g_autofree char *y = fetch (m, "y");
      g_autofree char *p = fetch (m, "p");

      match_pos (m, 0, &s, &e);
      /* "(+316%)" and "(01/06/2007)" are not citations: an author has letters */
      if (a == NULL || !g_regex_match (self->letters_re, a, 0, NULL))
        continue;
      g_strstrip (a);
      add_candidate (out, DESK_FACT_CITATION, par, s, e,
                     p ? g_strdup_printf ("%s|%s|%s", a, y, p) : g_strdup_printf ("%s|%s", a, y), 0.95, NULL, 0);
    }
  g_clear_pointer (&m, g_match_info_free);

  for (g_regex_match (self->quote_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *q = fetch (m, "q");
      g_autofree char *g = fetch (m, "g");
      const char *inner = q ? q : g;

      match_pos (m, 0, &s, &e);
      if (inner == NULL || strchr (g_strstrip ((char *) inner), ' ') == NULL)
        continue;
      add_candidate (out, DESK_FACT_QUOTE, par, s, e, g_strdup (inner), 0.9, NULL, 2);
    }
  g_clear_pointer (&m, g_match_info_free);
}

static const Entity *
known_entity (Run        *run,
              const char *name)
{
  return g_hash_table_lookup (run->self->names, name);
}

static void
add_entity (Run          *run,
            GArray       *out,
            const char   *par,
            gsize         s,
            gsize         e,
            DeskFactKind  kind,
            const char   *canonical,
            double        confidence)
{
  add_candidate (out, kind, par, s, e, g_strdup (canonical), confidence, NULL, 1);
}

static gboolean
is_all_caps (const char *par)
{
  for (const char *p = par; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Capitalized words that head titles and institutions, never names. */
static const char * const not_name_words[] = {
  "General", "Director", "Directora", "Ministro", "Ministra", "Ministerio", "Ministry", "Departamento",
  "Department", "Secretario", "Secretaria", "Secretary", "Estado", "State", "Gobierno", "Government",
  "República", "Republic", "Comisión", "Commission", "Consejo", "Council", "Oficina", "Office",
  "Presidente", "President", "Embajada", "Embassy", "Embajador", "Ambassador", "Canciller", "Cancillería",
  "Meet", "Meeting", "Reunión", "Cumbre", "Summit", "Diálogo", "Dialogue", "Acuerdo", "Agreement",
  "Tratado", "Treaty", "Plan", "Programa", "Program", "Política", "Policy", "Estrategia", "Strategy",
  "Fuerzas", "Forces", "Nacional", "National", "Internacional", "International", "Unidos", "United",
  "Adjunto", "Adjunta", "Ejecutivo", "Ejecutiva", "Deputy", "Assistant", "Under", "Planes", "Asuntos", "Affairs",
};

/* A name made only of places or organizations, or holding a word of an
 * institution, is not a person. */
static gboolean
plausible_person (Run        *run,
                  const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint known = 0, n = 0;

  if (known_entity (run, name) != NULL || g_hash_table_contains (run->acronyms, name))
    return FALSE;
  for (guint i = 0; words[i]; i++)
    {
      if (!g_unichar_isupper (g_utf8_get_char (words[i])))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (not_name_words); j++)
        if (g_str_equal (words[i], not_name_words[j]))
          return FALSE;
      n++;
      if (known_entity (run, words[i]) != NULL)
        known++;
    }
  return known < n;
}

static gboolean
name_tokens_within (const char *shorter,
                    const char *longer)
{
  g_auto(GStrv) a = g_strsplit (shorter, " ", -1);
  g_auto(GStrv) b = g_strsplit (longer, " ", -1);

  for (guint i = 0; a[i]; i++)
    {
      if (g_str_has_suffix (a[i], ".") || g_str_equal (a[i], "de") || g_str_equal (a[i], "del") || g_str_equal (a[i], "la"))
        continue;
      if (!g_strv_contains ((const char * const *) b, a[i]))
        return FALSE;
    }
  return TRUE;
}

/* One person, one name within a document: "Trump", "Donald J. Trump" and
 * "Donald Trump" take the most frequent full form that holds them all. */
static void
unify_people (GArray *facts)
{
  /* the names as found: the facts' values change below */
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);
      gpointer count;

      if (f->kind != DESK_FACT_PERSON || strchr (f->value, ' ') == NULL)
        continue;
      count = g_hash_table_lookup (counts, f->value);
      g_hash_table_insert (counts, g_strdup (f->value), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);
      const char *best = NULL;
      guint best_count = 0, best_len = 0;
      GHashTableIter iter;
      gpointer key, value;

      if (f->kind != DESK_FACT_PERSON)
        continue;
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint count = GPOINTER_TO_UINT (value);
          guint len = strlen (key);

          if (!name_tokens_within (f->value, key) && !name_tokens_within (key, f->value))
            continue;
          if (!name_tokens_within (f->value, key) && strchr (f->value, ' ') == NULL)
            continue;
          if (count > best_count || (count == best_count && len > best_len))
            {
              best = key;
              best_count = count;
              best_len = len;
            }
        }
      if (best != NULL && !g_str_equal (best, f->value))
        {
          char *copy = g_strdup (best);
          g_free (f->value);
          f->value = copy;
        }
    }
}

static char *
surname_of (const char *name)
{
  const char *last_space = strrchr (name, ' ');

  return g_strdup (last_space ? last_space + 1 : name);
}

/* Every whole-word occurrence in @par of a key of @table (surface →
 * canonical) that the gazetteer does not already name. */
static void
add_known_mentions (Run          *run,
                    const char   *par,
                    GHashTable   *table,
                    DeskFactKind  kind,
                    double        confidence,
                    GArray       *out)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *found = par;
      gsize klen = strlen (key);

      if (known_entity (run, key) != NULL || g_hash_table_contains (run->self->given, key))
        continue;
      while ((found = strstr (found, key)) != NULL)
        {
          gboolean before_ok = found == par || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (found)));
          gboolean after_ok = !g_unichar_isalnum (g_utf8_get_char (found + klen));

          if (before_ok && after_ok)
            add_entity (run, out, par, found - par, found - par + klen, kind, value, confidence);
          found += klen;
        }
    }
}

static void
find_entities (Run        *run,
               const char *par,
               GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gboolean caps = is_all_caps (par);
  gsize s, e;

  /* acronyms defined in the text: both forms name one entity */
  for (g_regex_match (self->acronym_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *longf = fetch (m, "long");
      g_autofree char *acr = fetch (m, "acr");
      const Entity *known;
      int ls, le, as, ae;

      if (longf == NULL || acr == NULL)
        continue;
      /* trim leading function words the pattern may have taken */
      g_match_info_fetch_named_pos (m, "long", &ls, &le);
      g_match_info_fetch_named_pos (m, "acr", &as, &ae);
      if (g_utf8_get_char (longf) != g_utf8_get_char (acr))
        {
          /* "... la Comisión Nacional para el Desarrollo y Vida sin Drogas (DEVIDA)": the
           * long form starts at the word that begins like the acronym */
          const char *start = NULL;
          for (const char *p = longf; *p; p = g_utf8_next_char (p))
            if ((p == longf || p[-1] == ' ') && g_utf8_get_char (p) == g_utf8_get_char (acr))
              {
                start = p;
                break;
              }
          if (start == NULL)
            continue;
          ls += start - longf;
          memmove (longf, start, strlen (start) + 1);
        }
      known = known_entity (run, acr);
      if (known == NULL)
        known = known_entity (run, longf);
      {
        const char *canonical = known ? known->canonical : longf;
        DeskFactKind kind = known ? known->kind : DESK_FACT_ORG;

        g_hash_table_replace (run->acronyms, g_strdup (acr), g_strdup (canonical));
        g_hash_table_replace (run->acronyms, g_strdup (longf), g_strdup (canonical));
        add_entity (run, out, par, ls, le, kind, canonical, 0.85);
        add_entity (run, out, par, as, ae, kind, canonical, 0.85);
      }
    }
  g_clear_pointer (&m, g_match_info_free);

  /* gazetteer names */
  for (gsize pos = 0; next_gazetteer_name (self, par, &pos, &m, &s, &e);)
    {
      g_autofree char *name = g_strndup (par + s, e - s);
      const Entity *entity = known_entity (run, name);

      if (entity == NULL)
        continue;
      /* short acronyms in an all-caps heading are ordinary words */
      if (caps && strlen (name) <= 4)
        continue;
      add_entity (run, out, par, s, e, entity->kind, entity->canonical, 0.9);
    }
  g_clear_pointer (&m, g_match_info_free);

  /* people: a title or role before a name, or a known given name */
  for (guint pass = 0; pass < 2; pass++)
    {
      GRegex *regex = pass == 0 ? self->title_person_re : self->given_person_re;

      for (g_regex_match (regex, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *name = fetch (m, "name");
          int ns, ne;

          if (name == NULL || !plausible_person (run, name))
            continue;
          g_match_info_fetch_named_pos (m, "name", &ns, &ne);
          {
            g_autofree char *surname = surname_of (name);
            const char *canonical = g_hash_table_lookup (run->surnames, name);

            if (canonical == NULL)
              canonical = name;
            if (strchr (name, ' ') != NULL && !g_hash_table_contains (run->surnames, surname))
              g_hash_table_replace (run->surnames, g_strdup (surname), g_strdup (name));
            add_entity (run, out, par, ns, ne, DESK_FACT_PERSON, canonical, pass == 0 ? 0.85 : 0.75);
          }
        }
      g_clear_pointer (&m, g_match_info_free);
    }

  /* acronyms defined earlier in the document, and a surname alone after
   * its full name ("Jerí") */
  add_known_mentions (run, par, run->acronyms, DESK_FACT_ORG, 0.8, out);
  add_known_mentions (run, par, run->surnames, DESK_FACT_PERSON, 0.7, out);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->bstart != y->bstart)
    return x->bstart < y->bstart ? -1 : 1;
  /* longer first */
  if (x->bend != y->bend)
    return x->bend > y->bend ? -1 : 1;
  return (int) x->fact.kind - (int) y->fact.kind;
}

/* Within a family, overlapping candidates keep the longest (then the
 * earliest); a figure never overlaps a citation or another figure, and a
 * name inside a figure ("US" in "US$ 45") is part of the figure. */
static void
resolve_overlaps (GArray *cands)
{
  g_array_sort (cands, compare_candidates);

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *figure = &g_array_index (cands, Candidate, i);

      if (figure->fact.text == NULL || figure->family != 0 || figure->fact.kind == DESK_FACT_CITATION)
        continue;
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *name = &g_array_index (cands, Candidate, j);

          if (name->fact.text != NULL && name->family == 1 &&
              name->bstart >= figure->bstart && name->bend <= figure->bend)
            desk_fact_clear (&name->fact);
        }
    }

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *a = &g_array_index (cands, Candidate, i);

      if (a->fact.text == NULL)
        continue;
      for (guint j = i + 1; j < cands->len; j++)
        {
          Candidate *b = &g_array_index (cands, Candidate, j);

          if (b->bstart >= a->bend)
            break;
          if (b->fact.text == NULL || b->family != a->family)
            continue;
          /* a person inside an organization's name is part of that name */
          desk_fact_clear (&b->fact);
        }
    }
}

/* Sentences: ends of . ? ! followed by a space and a capital, not after
 * abbreviations such as "EE." or "Sr." or an initial. */
static GArray *
split_sentences (const char *par)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize start = 0;
  gsize len = strlen (par);

  g_array_append_val (bounds, start);
  for (gsize i = 0; i + 2 < len; i++)
    {
      char c = par[i];
      gunichar next;
      gsize w;

      if (c != '.' && c != '?' && c != '!')
        continue;
      if (par[i + 1] != ' ')
        continue;
      next = g_utf8_get_char (par + i + 2);
      if (!g_unichar_isupper (next) && next != 0xBF && next != 0xA1 && next != 0x201C && next != '"' && next != 0xAB)
        continue;
      if (c == '.')
        {
          /* the word before the period */
          w = i;
          while (w > 0 && par[w - 1] != ' ' && par[w - 1] != '(')
            w--;
          if (i - w <= 3 && g_ascii_isupper (par[w]))
            continue; /* EE. UU. Sr. Dr. J. */
          if (i - w <= 4 && (g_str_has_prefix (par + w, "Sra") || g_str_has_prefix (par + w, "etc") ||
                             g_str_has_prefix (par + w, "pág") || g_str_has_prefix (par + w, "p.")))
            continue;
        }
      start = i + 2;
      g_array_append_val (bounds, start);
    }
  return bounds;
}

/* The cue nearest the start of the sentence sets its modality: in "X
 * propuso que Perú sea considerado aliado ... con países que no forman
 * parte de la alianza", the proposal governs and the negation is inside a
 * clause of its own.  Cues of two modalities at the same place: the first
 * in this order.  One search for them all: the leftmost match, its first
 * alternative that matches there. */
static DeskModality
sentence_modality (DeskExtractor *self,
                   const char    *sentence)
{
  static const DeskModality order[] = {
    DESK_MODALITY_NEGATED, DESK_MODALITY_PROPOSED, DESK_MODALITY_INTENDED,
    DESK_MODALITY_EXPECTED, DESK_MODALITY_REPORTED, DESK_MODALITY_NEGATED,
  };
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (self->modality_re, sentence, 0, &m))
    return DESK_MODALITY_ASSERTED;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int start, end;

      if (g_match_info_fetch_pos (m, (int) i + 1, &start, &end) && start >= 0)
        return order[i];
    }
  return DESK_MODALITY_ASSERTED;
}

static char *
strip_bullet (const char *text)
{
  const char *p = text;

  while (*p == '-' || *p == '*' || *p == ' ' || g_str_has_prefix (p, "•") || g_str_has_prefix (p, "·"))
    p = g_utf8_next_char (p);
  return g_strstrip (g_strdup (p));
}

static char *
meeting_extra (const char *date,
               const char *place,
               GPtrArray  *participants)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "place");
  if (place)
    json_builder_add_string_value (builder, place);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; participants && i < participants->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (participants, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
meeting_value (const char *date,
               const char *place,
               GPtrArray  *participants)
{
  GString *v = g_string_new (date);

  g_string_append_printf (v, " | %s | ", place ? place : "");
  for (guint i = 0; participants && i < participants->len; i++)
    g_string_append_printf (v, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (participants, i));
  return g_string_free (v, FALSE);
}

/* Words that say nothing of a subject, whatever the language. */
static const char * const plain_words[] = {
  "para", "como", "desde", "hasta", "entre", "sobre", "tambien", "este", "esta", "estos", "estas", "donde",
  "cual", "cuales", "sino", "pero", "porque", "segun", "todo", "todos", "toda", "todas", "otro", "otros",
  "otra", "otras", "ambos", "ambas", "mismo", "misma", "cada", "solo", "muy", "mas", "menos", "that", "this",
  "with", "from", "their", "which", "will", "have", "been", "were", "also", "when", "more", "than", "into",
  "these", "those", "there", "both", "such", "while", "would", "could", "should", "about", "over", "only",
};

typedef struct
{
  DeskExtractor *self;
  const char *text;
  GHashTable *terms;
  gsize word_start;     /* the word of the last term, and whether it is kept: */
  gsize word_end;       /* its stems come right after it, colocated */
  gboolean word_kept;
} TermState;

/* plain_words as a set, built once for every thread */
static GHashTable *
plain_word_set (void)
{
  static GHashTable *set;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      set = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (plain_words); i++)
        g_hash_table_add (set, (gpointer) plain_words[i]);
      g_once_init_leave (&initialized, 1);
    }
  return set;
}

/* Words remembered as plain or not, at most: the same ones come back */
#define PLAIN_CACHE_WORDS 100000

/* Whether the word @word (@len bytes, as written) is one of plain_words,
 * which say nothing of what a sentence is about */
static gboolean
word_is_plain (DeskExtractor *self,
               const char    *word,
               gsize          len)
{
  char key[128];
  gpointer known;
  gboolean plain;

  if (len >= sizeof key)
    return FALSE;
  memcpy (key, word, len);
  key[len] = '\0';
  if ((known = g_hash_table_lookup (self->plain, key)) != NULL)
    return GPOINTER_TO_INT (known) - 1;
  {
    g_autofree char *lower = g_utf8_strdown (word, len);
    g_autofree char *folded = g_str_to_ascii (lower, "C");

    plain = g_hash_table_contains (plain_word_set (), folded);
  }
  if (g_hash_table_size (self->plain) >= PLAIN_CACHE_WORDS)
    g_hash_table_remove_all (self->plain);
  g_hash_table_insert (self->plain, g_strdup (key), GINT_TO_POINTER (plain + 1));
  return plain;
}

static gboolean
collect_term_cb (const char *term,
                 gsize       term_len,
                 gsize       byte_start,
                 gsize       byte_end,
                 gboolean    colocated,
                 gpointer    user_data)
{
  TermState *state = user_data;

  /* whether a word counts is decided once, for it and its stems */
  if (!colocated || byte_start != state->word_start || byte_end != state->word_end)
    {
      state->word_start = byte_start;
      state->word_end = byte_end;
      state->word_kept = FALSE;
      if (byte_end - byte_start >= 4 && !g_ascii_isdigit (state->text[byte_start]))
        state->word_kept = !word_is_plain (state->self, state->text + byte_start, byte_end - byte_start);
    }
  if (state->word_kept)
    g_hash_table_add (state->terms, g_strndup (term, term_len));
  return TRUE;
}

/* The terms of the words of @par (the paragraph being read) from @from
 * on, @len bytes, into @terms */
static void
add_stems (Run        *run,
           GHashTable *terms,
           const char *par,
           gsize       from,
           gsize       len)
{
  TermState state = { run->self, par + from, terms, 0, 0, FALSE };
  gsize at = run->par_offset + from;

  /* the words recorded for the document's index, when they were */
  if (run->doc->tokens == NULL || !desk_tokens_foreach (run->doc->tokens, at, at + len, collect_term_cb, &state))
    desk_stemmer_tokenize (run->self->stemmer, par + from, len, collect_term_cb, &state);
}

static int compare_strings (gconstpointer a, gconstpointer b, gpointer unused);

/* @terms in order, separated by spaces, as a GRefString (DeskFact.terms) */
static char *
join_terms (GHashTable *terms)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (terms, NULL);
  guint n = g_hash_table_size (terms);
  g_autoptr(GString) out = g_string_new (NULL);

  g_qsort_with_data (keys, n, sizeof (gpointer), compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, keys[i]);
    }
  return g_ref_string_new_len (out->str, out->len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What each fact of a sentence is about: for figures, the words around
 * them ("producción potencial de cocaína ... 822 TM"); for names, the
 * sentence's words and the entities it names. */
static void
set_terms (Run        *run,
           const char *par,
           gsize       s,
           gsize       e,
           GArray     *cands,
           guint       n_before)
{
  g_autoptr(GHashTable) sentence_terms = NULL;
  char *joined = NULL;  /* a GRefString */
  gboolean any = FALSE;

  /* a sentence without facts has no terms to give */
  for (guint j = 0; j < n_before && !any; j++)
    {
      Candidate *c = &g_array_index (cands, Candidate, j);
      any = c->fact.text != NULL && c->bstart >= s && c->bstart < e;
    }
  if (!any)
    return;
  sentence_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_stems (run, sentence_terms, par, s, e - s);
  for (guint j = 0; j < n_before; j++)
    {
      Candidate *c = &g_array_index (cands, Candidate, j);
      if (c->fact.text != NULL && c->bstart >= s && c->bstart < e && c->family == 1)
        g_hash_table_add (sentence_terms, desk_fact_entity_term (c->fact.value));
    }

  for (guint j = 0; j < n_before; j++)
    {
      Candidate *c = &g_array_index (cands, Candidate, j);

      if (c->fact.text == NULL || c->bstart < s || c->bstart >= e)
        continue;
      c->bsentence = s;
      g_clear_pointer (&c->fact.terms, g_ref_string_release);
      if (c->family == 0 && c->fact.kind != DESK_FACT_CITATION && c->fact.kind != DESK_FACT_DATE)
        {
          g_autoptr(GHashTable) around = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          gsize from = c->bstart > s + 70 ? c->bstart - 70 : s;
          gsize to = MIN (e, c->bend + 30);

          while (from > s && ((guchar) par[from] & 0xC0) == 0x80)
            from--;
          while (to < e && ((guchar) par[to] & 0xC0) == 0x80)
            to++;
          add_stems (run, around, par, from, c->bstart - from);
          add_stems (run, around, par, c->bend, to - c->bend);
          c->fact.terms = join_terms (around);
        }
      else if (c->family == 1)
        {
          /* the same for every name of the sentence: one string shared
           * by them all (a sentence can name a dozen places) */
          if (joined == NULL)
            joined = join_terms (sentence_terms);
          c->fact.terms = g_ref_string_acquire (joined);
        }
    }
  g_clear_pointer (&joined, g_ref_string_release);
}

/* A list item that starts with a verb in the infinitive ("Fortalecer…",
 * "Aprovechar…") or the imperative ("Establish…") proposes something. */
static gboolean
starts_with_action (const char *item)
{
  static const char * const not_verbs[] = {
    "lugar", "militar", "familiar", "particular", "popular", "similar", "regular", "nuclear", "exterior",
    "interior", "anterior", "posterior", "superior", "inferior", "mujer", "poder", "deber", "hogar", "titular",
    "bienestar", "peculiar", "solar", "escolar", "molecular", "celular", "singular", "polar", "auxiliar",
  };
  static const char * const verbs[] = {
    "establish", "implement", "fund", "promote", "strengthen", "create", "support", "develop", "expand", "foster",
    "increase", "improve", "ensure", "provide", "encourage", "adopt", "launch", "build", "reinforce", "review",
    "share", "coordinate", "negotiate", "sign", "set", "designate", "hold", "convene",
  };
  g_autofree char *raw = strip_bullet (item);
  g_autofree char *word = NULL;
  const char *end = raw;
  gsize len;

  while (*end && g_unichar_isalpha (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  if (end == raw || !g_unichar_isupper (g_utf8_get_char (raw)))
    return FALSE;
  word = g_utf8_strdown (raw, end - raw);
  len = strlen (word);
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (word, verbs[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (not_verbs); i++)
    if (g_str_equal (word, not_verbs[i]))
      return FALSE;
  return g_utf8_strlen (word, -1) >= 5 &&
         (g_str_has_suffix (word, "ar") || g_str_has_suffix (word, "er") || g_str_has_suffix (word, "ir")) &&
         len > 0 && *end != ':';
}

/* Proposals, meetings and every fact's modality, sentence by sentence. */
static void
find_sentence_facts (Run           *run,
                     const char    *par,
                     DeskBlockKind  kind,
                     gboolean       under_proposal_leadin,
                     GArray        *cands)
{
  DeskExtractor *self = run->self;
  g_autoptr(GArray) bounds = split_sentences (par);
  gsize len = strlen (par);
  guint n_before = cands->len;

  for (guint i = 0; i < bounds->len; i++)
    {
      gsize s = g_array_index (bounds, gsize, i);
      gsize e = i + 1 < bounds->len ? g_array_index (bounds, gsize, i + 1) : len;
      g_autofree char *sentence = NULL;
      DeskModality modality;
      gsize te = e;

      while (te > s && par[te - 1] == ' ')
        te--;
      sentence = g_strndup (par + s, te - s);
      modality = sentence_modality (self, sentence);

      for (guint j = 0; j < n_before; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          if (c->fact.text != NULL && c->bstart >= s && c->bstart < e)
            c->fact.modality = modality;
        }
      set_terms (run, par, s, te, cands, n_before);

      /* proposals: list items under a proposing lead-in, sentences that propose */
      if ((kind == DESK_BLOCK_LIST_ITEM && i == 0 && (under_proposal_leadin || starts_with_action (par))) ||
          (kind != DESK_BLOCK_HEADING && g_regex_match (self->proposal_sentence_re, sentence, 0, NULL) &&
           !(modality == DESK_MODALITY_NEGATED)))
        {
          gsize ps = s, pe = te;
          g_autofree char *value = NULL;

          if (kind == DESK_BLOCK_LIST_ITEM)
            {
              pe = len;
              while (pe > ps && par[pe - 1] == ' ')
                pe--;
            }
          {
            g_autofree char *raw = g_strndup (par + ps, pe - ps);
            value = strip_bullet (raw);
          }
          if (g_utf8_strlen (value, -1) >= 12)
            {
              add_candidate (cands, DESK_FACT_PROPOSAL, par, ps, pe, g_steal_pointer (&value), 0.75, NULL, 2);
              g_array_index (cands, Candidate, cands->len - 1).fact.modality =
                modality == DESK_MODALITY_ASSERTED ? DESK_MODALITY_PROPOSED : modality;
            }
          if (kind == DESK_BLOCK_LIST_ITEM)
            break;
        }

      /* meetings: a meeting word and a date in the same sentence */
      if (kind != DESK_BLOCK_HEADING && g_regex_match (self->meeting_noun_re, sentence, 0, NULL))
        {
          const char *date = NULL;
          const char *place = NULL;
          gboolean place_located = FALSE;
          g_autoptr(GPtrArray) people = g_ptr_array_new ();

          for (guint j = 0; j < n_before; j++)
            {
              Candidate *c = &g_array_index (cands, Candidate, j);

              if (c->fact.text == NULL || c->bstart < s || c->bstart >= e)
                continue;
              if (c->fact.kind == DESK_FACT_DATE && date == NULL && strlen (c->fact.value) >= 7)
                date = c->fact.value;
              else if (c->fact.kind == DESK_FACT_PLACE)
                {
                  /* the place where it happened: "en la Isla Esteves", "in Quito" */
                  gsize from = c->bstart > s + 8 ? c->bstart - 8 : s;
                  g_autofree char *before = NULL;
                  gboolean located;

                  while (from < c->bstart && ((guchar) par[from] & 0xC0) == 0x80)
                    from++;
                  before = g_strndup (par + from, c->bstart - from);
                  located = g_regex_match (self->located_re, before, 0, NULL);

                  if (place == NULL || (located && !place_located))
                    {
                      place = c->fact.value;
                      place_located = located;
                    }
                }
              else if (c->fact.kind == DESK_FACT_PERSON)
                {
                  gboolean seen = FALSE;
                  for (guint k = 0; k < people->len; k++)
                    seen |= g_str_equal (g_ptr_array_index (people, k), c->fact.value);
                  if (!seen)
                    g_ptr_array_add (people, c->fact.value);
                }
            }
          if (date != NULL)
            {
              char *extra = meeting_extra (date, place, people);
              add_candidate (cands, DESK_FACT_MEETING, par, s, te, meeting_value (date, place, people), 0.7, extra, 3);
              g_array_index (cands, Candidate, cands->len - 1).fact.modality = modality;
            }
        }
    }

  /* "Tumbes (01/06/2007)" in a list of meetings */
  if (kind == DESK_BLOCK_LIST_ITEM)
    {
      g_autoptr(GMatchInfo) m = NULL;

      if (g_regex_match (self->meeting_item_re, par, 0, &m))
        {
          g_autofree char *place = fetch (m, "place");
          g_autofree char *a = fetch (m, "a");
          g_autofree char *b = fetch (m, "b");
          g_autofree char *y = fetch (m, "y");
          g_autofree char *date = date_value (run, atoi (y), atoi (b), atoi (a));
          const Entity *known = known_entity (run, place);
          const char *canonical = known ? known->canonical : place;

          if (date != NULL)
            add_candidate (cands, DESK_FACT_MEETING, par, 0, len, meeting_value (date, canonical, NULL), 0.7,
                           meeting_extra (date, canonical, NULL), 3);
        }
    }
}

static void
link_quotes_to_citations (GArray     *cands,
                          const char *par)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *q = &g_array_index (cands, Candidate, i);

      if (q->fact.text == NULL || q->fact.kind != DESK_FACT_QUOTE)
        continue;
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          gboolean close = TRUE;

          if (c->fact.text == NULL || c->fact.kind != DESK_FACT_CITATION || c->bstart < q->bend ||
              c->bstart - q->bend > 6)
            continue;
          for (gsize k = q->bend; k < c->bstart; k++)
            close &= par[k] == ' ' || par[k] == '.' || par[k] == ',';
          if (close)
            {
              g_free (q->citation);
              q->citation = g_strdup (c->fact.value);
              break;
            }
        }
    }
}

/* Who a quote is from: the person (else the organization) the sentence
 * names before it ("X afirmó: “…”"), or right after it ("“…”, said X"). */
static void
find_speakers (GArray     *cands,
               const char *par,
               GArray     *bounds)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *q = &g_array_index (cands, Candidate, i);
      gsize s = 0, e = strlen (par);
      Candidate *before = NULL, *after = NULL;

      if (q->fact.text == NULL || q->fact.kind != DESK_FACT_QUOTE)
        continue;
      for (guint b = 0; b < bounds->len; b++)
        {
          gsize start = g_array_index (bounds, gsize, b);
          if (start <= q->bstart)
            s = start;
          else
            {
              e = start;
              break;
            }
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);

          if (c->fact.text == NULL || (c->fact.kind != DESK_FACT_PERSON && c->fact.kind != DESK_FACT_ORG))
            continue;
          if (c->bstart >= s && c->bend <= q->bstart &&
              (before == NULL || (c->fact.kind == DESK_FACT_PERSON && before->fact.kind != DESK_FACT_PERSON) ||
               (c->fact.kind == before->fact.kind && c->bstart > before->bstart)))
            before = c;
          if (c->bstart >= q->bend && c->bstart < e && c->bstart - q->bend <= 40 && after == NULL)
            after = c;
        }
      if (before != NULL || after != NULL)
        {
          g_free (q->speaker);
          q->speaker = g_strdup ((before ? before : after)->fact.value);
        }
    }
}

static char *
quote_extra (const Candidate *q)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (q->speaker == NULL && q->citation == NULL)
    return NULL;
  json_builder_begin_object (builder);
  if (q->citation != NULL)
    {
      json_builder_set_member_name (builder, "citation");
      json_builder_add_string_value (builder, q->citation);
    }
  if (q->speaker != NULL)
    {
      json_builder_set_member_name (builder, "speaker");
      json_builder_add_string_value (builder, q->speaker);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static int
section_at (DeskParsedDocument *doc,
            gint64              offset)
{
  int best = -1;

  for (guint i = 0; i < doc->outline->len; i++)
    {
      const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
      if (e->start <= offset && offset < MAX (e->end, e->start + 1))
        best = i;
      if (e->start > offset)
        break;
    }
  return best;
}

static int
compare_facts (gconstpointer a,
               gconstpointer b)
{
  const DeskFact *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Whether @text holds a digit, as the patterns' \d reads one */
static gboolean
has_digit (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        return TRUE;
      if ((guchar) *p >= 0x80 && g_unichar_isdigit (g_utf8_get_char_validated (p, -1)))
        return TRUE;
    }
  return FALSE;
}

/* @facts in an array of their own size (an array grown fact by fact has
 * up to twice the room, and a document's facts are held until written);
 * @facts is given up */
static GArray *
exact_copy (GArray *facts)
{
  GArray *exact = g_array_sized_new (FALSE, FALSE, sizeof (DeskFact), facts->len);

  g_array_set_clear_func (exact, (GDestroyNotify) desk_fact_clear);
  g_array_append_vals (exact, facts->data, facts->len);
  /* the facts moved: the old array frees none of them */
  g_array_set_clear_func (facts, NULL);
  g_array_unref (facts);
  return exact;
}

/* Every fact of @doc, in text order, with code-point offsets into doc->text. */
GArray *
desk_extractor_run (DeskExtractor      *self,
                    DeskParsedDocument *doc)
{
  Run run = { 0 };
  const char *cursor;
  gint64 cursor_offset = 0;
  gboolean leadin = FALSE;
  g_autoptr(GArray) char_at = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (doc != NULL && doc->text != NULL, NULL);

  run.self = self;
  run.doc = doc;
  run.facts = g_array_new (FALSE, TRUE, sizeof (DeskFact));
  g_array_set_clear_func (run.facts, (GDestroyNotify) desk_fact_clear);
  run.acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.doc_year = doc->published ? atoi (doc->published) : 0;

  cursor = doc->text;
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);
      g_autoptr(GArray) cands = NULL;
      g_autofree char *par = NULL;
      const char *start;
      const char *end;

      if (run.facts->len >= DESK_EXTRACT_MAX_FACTS)
        {
          doc->facts_limited = TRUE;
          break;
        }
      cands = g_array_new (FALSE, TRUE, sizeof (Candidate));

      start = g_utf8_offset_to_pointer (cursor, p->start - cursor_offset);
      end = g_utf8_offset_to_pointer (start, p->end - p->start);
      cursor = start;
      cursor_offset = p->start;
      par = g_strndup (start, end - start);
      run.par_offset = start - doc->text;

      /* every figure and date has digits: most prose has none, and these
       * are a dozen patterns to run over it */
      if (has_digit (par))
        {
          find_figures (&run, par, cands);
          find_dates (&run, par, p->language, cands);
        }
      find_citations_and_quotes (&run, par, cands);
      if (p->kind != DESK_BLOCK_HEADING || !is_all_caps (par))
        find_entities (&run, par, cands);
      share_scales (cands, par);
      resolve_overlaps (cands);
      find_sentence_facts (&run, par, p->kind, leadin, cands);
      link_quotes_to_citations (cands, par);
      {
        g_autoptr(GArray) bounds = split_sentences (par);
        find_speakers (cands, par, bounds);
      }

      /* a lead-in that proposes governs the list items after it */
      if (p->kind == DESK_BLOCK_PARAGRAPH)
        leadin = g_str_has_suffix (par, ":") && g_regex_match (self->proposal_leadin_re, par, 0, NULL);
      else if (p->kind == DESK_BLOCK_HEADING)
        leadin = FALSE;

      /* characters before each byte of the paragraph, counted once */
      if (cands->len > 0)
        {
          gsize n = strlen (par);
          guint32 count = 0;

          g_array_set_size (char_at, n + 1);
          for (gsize b = 0; b <= n; b++)
            {
              g_array_index (char_at, guint32, b) = count;
              if (b < n && ((guchar) par[b] & 0xC0) != 0x80)
                count++;
            }
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          DeskFact fact;

          if (c->fact.text == NULL)
            continue;
          if (c->fact.kind == DESK_FACT_QUOTE)
            {
              g_free (c->fact.extra);
              c->fact.extra = quote_extra (c);
            }
          fact = c->fact;
          fact.start = p->start + g_array_index (char_at, guint32, c->bstart);
          fact.sentence = p->start + g_array_index (char_at, guint32, c->bsentence);
          fact.end = p->start + g_array_index (char_at, guint32, c->bend);
          fact.section = section_at (doc, fact.start);
          g_array_append_val (run.facts, fact);
          memset (&c->fact, 0, sizeof c->fact);
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);

          desk_fact_clear (&c->fact);
          g_free (c->speaker);
          g_free (c->citation);
        }
    }

  g_array_sort (run.facts, compare_facts);
  if (run.facts->len > DESK_EXTRACT_MAX_FACTS)
    g_array_set_size (run.facts, DESK_EXTRACT_MAX_FACTS);
  unify_people (run.facts);
  /* the same kind at the same place once */
  for (guint i = 1; i < run.facts->len;)
    {
      DeskFact *a = &g_array_index (run.facts, DeskFact, i - 1);
      DeskFact *b = &g_array_index (run.facts, DeskFact, i);

      if (a->kind == b->kind && a->start == b->start && a->end == b->end)
        g_array_remove_index (run.facts, i);
      else
        i++;
    }

  g_hash_table_unref (run.acronyms);
  g_hash_table_unref (run.surnames);
  return exact_copy (run.facts);
}
