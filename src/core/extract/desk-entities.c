/* desk-entities.c: people, organizations and places named in a
 * paragraph, one canonical name for each */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "desk-extract-private.h"

const Entity *
_desk_extract_known_entity (Run        *run,
                            const char *name)
{
  return g_hash_table_lookup (run->self->names, name);
}

/* The extra member of a name: its Spanish name, when the gazetteer
 * writes it otherwise in Spanish (the library's entities read it) */
static char *
name_extra (Run        *run,
            const char *canonical)
{
  const char *spanish = g_hash_table_lookup (run->self->spanish, canonical);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (spanish == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "es");
  json_builder_add_string_value (builder, spanish);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
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
  _desk_extract_add_candidate (out, kind, par, s, e, g_strdup (canonical), confidence, name_extra (run, canonical),
                               CANDIDATE_NAME);
}

gboolean
_desk_extract_is_all_caps (const char *par)
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

  if (_desk_extract_known_entity (run, name) != NULL || g_hash_table_contains (run->acronyms, name))
    return FALSE;
  for (guint i = 0; words[i]; i++)
    {
      if (!g_unichar_isupper (g_utf8_get_char (words[i])))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (not_name_words); j++)
        if (g_str_equal (words[i], not_name_words[j]))
          return FALSE;
      n++;
      if (_desk_extract_known_entity (run, words[i]) != NULL)
        known++;
    }
  return known < n;
}

/* Words of a person's name that another form may leave out or abbreviate */
static gboolean
is_optional_word (const char *word)
{
  return g_str_has_suffix (word, ".") || g_str_equal (word, "de") || g_str_equal (word, "del") || g_str_equal (word, "la");
}

/* Most subsets of a name's words looked up (2^12) before its forms are
 * compared one by one */
#define MAX_SUBSET_WORDS 12

/* A full form of a person's name (with a space) found in a document */
typedef struct
{
  const char *name;
  guint count;        /* how often it was found */
  guint len;
  guint order;        /* its place among the forms: the first wins a tie */
  GStrv words;        /* its words, as split at spaces */
} NameForm;

static void
name_form_free (NameForm *form)
{
  g_strfreev (form->words);
  g_free (form);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The words of @words that a form must hold (not is_optional_word ()),
 * each once, sorted */
static GPtrArray *
required_words (const char * const *words)
{
  GPtrArray *required = g_ptr_array_new ();

  for (guint i = 0; words[i]; i++)
    if (!is_optional_word (words[i]) && !g_ptr_array_find_with_equal_func (required, words[i], g_str_equal, NULL))
      g_ptr_array_add (required, (gpointer) words[i]);
  g_ptr_array_sort (required, compare_words);
  return required;
}

/* The key of a set of required words: them sorted, a space apart; those
 * of @words that @mask has a bit for, or all of them when @all */
static char *
words_key (GPtrArray *words,
           guint      mask,
           gboolean   all)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    if (all || (mask & (1u << i)))
      {
        if (key->len > 0)
          g_string_append_c (key, ' ');
        g_string_append (key, g_ptr_array_index (words, i));
      }
  return g_string_free (key, FALSE);
}

/* Whether every required word of @words is one of @within */
static gboolean
words_within (GPtrArray          *words,
              const char * const *within)
{
  for (guint i = 0; i < words->len; i++)
    if (!g_strv_contains (within, g_ptr_array_index (words, i)))
      return FALSE;
  return TRUE;
}

static void
consider_form (const NameForm  *form,
               const NameForm **best)
{
  if (*best == NULL || form->count > (*best)->count ||
      (form->count == (*best)->count && (form->len > (*best)->len ||
                                          (form->len == (*best)->len && form->order < (*best)->order))))
    *best = form;
}

static void
add_to_index (GHashTable *index,
              const char *key,
              NameForm   *form)
{
  GPtrArray *forms = g_hash_table_lookup (index, key);

  if (forms == NULL)
    {
      forms = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (key), forms);
    }
  g_ptr_array_add (forms, form);
}

/* The form @value of a person's name takes: of the full forms that hold
 * all its required words, and (when it has a space) those whose required
 * words it holds all of, the most frequent, then the longest, then the
 * first.  The forms are looked up by their words rather than compared
 * with every other form: a document can name thousands of people */
static const NameForm *
best_form (const char *value,
           GPtrArray  *forms,
           GHashTable *by_word,
           GHashTable *by_required)
{
  g_auto(GStrv) words = g_strsplit (value, " ", -1);
  g_autoptr(GPtrArray) required = required_words ((const char * const *) words);
  const NameForm *best = NULL;
  GPtrArray *candidates = forms;

  /* forms holding every required word of @value: those holding its
   * rarest one, checked */
  for (guint i = 0; i < required->len; i++)
    {
      GPtrArray *holding = g_hash_table_lookup (by_word, g_ptr_array_index (required, i));

      if (holding == NULL || candidates == forms || holding->len < candidates->len)
        candidates = holding;
      if (candidates == NULL)
        break;
    }
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const NameForm *form = g_ptr_array_index (candidates, i);

      if (words_within (required, (const char * const *) form->words))
        consider_form (form, &best);
    }

  /* forms all of whose required words @value holds: those whose set of
   * required words is a subset of its own */
  if (strchr (value, ' ') == NULL)
    return best;
  if (required->len <= MAX_SUBSET_WORDS)
    for (guint mask = 0; mask < (1u << required->len); mask++)
      {
        g_autofree char *key = words_key (required, mask, FALSE);
        GPtrArray *subset = g_hash_table_lookup (by_required, key);

        for (guint i = 0; subset != NULL && i < subset->len; i++)
          consider_form (g_ptr_array_index (subset, i), &best);
      }
  else
    for (guint i = 0; i < forms->len; i++)
      {
        const NameForm *form = g_ptr_array_index (forms, i);
        g_autoptr(GPtrArray) form_required = required_words ((const char * const *) form->words);

        if (words_within (form_required, (const char * const *) words))
          consider_form (form, &best);
      }
  return best;
}

/* One person, one name within a document: "Trump", "Donald J. Trump" and
 * "Donald Trump" take the most frequent full form that holds them all. */
void
_desk_extract_unify_people (GArray *facts)
{
  /* the names as found: the facts' values change below */
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) name_form_free);
  g_autoptr(GHashTable) by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) by_required = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  /* what each value found becomes, worked out once */
  g_autoptr(GHashTable) unified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);
      gpointer count;

      if (f->kind != DESK_FACT_PERSON || strchr (f->value, ' ') == NULL)
        continue;
      count = g_hash_table_lookup (counts, f->value);
      g_hash_table_insert (counts, g_strdup (f->value), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }

  /* each full form by its words and by the set of its required words */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NameForm *form = g_new0 (NameForm, 1);
      g_autoptr(GPtrArray) required = NULL;
      g_autofree char *required_key = NULL;

      form->name = key;
      form->count = GPOINTER_TO_UINT (value);
      form->len = strlen (key);
      form->order = forms->len;
      form->words = g_strsplit (key, " ", -1);
      g_ptr_array_add (forms, form);
      for (guint i = 0; form->words[i]; i++)
        {
          GPtrArray *holding = g_hash_table_lookup (by_word, form->words[i]);

          if (holding == NULL || g_ptr_array_index (holding, holding->len - 1) != form)
            add_to_index (by_word, form->words[i], form);
        }
      required = required_words ((const char * const *) form->words);
      required_key = words_key (required, 0, TRUE);
      add_to_index (by_required, required_key, form);
    }

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);
      const NameForm *best;

      if (f->kind != DESK_FACT_PERSON)
        continue;
      if (!g_hash_table_lookup_extended (unified, f->value, NULL, (gpointer *) &best))
        {
          best = best_form (f->value, forms, by_word, by_required);
          g_hash_table_insert (unified, g_strdup (f->value), (gpointer) best);
        }
      if (best != NULL && !g_str_equal (best->name, f->value))
        {
          char *copy = g_strdup (best->name);
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

static gboolean
is_word_char (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Where the letters and digits from @p end */
static const char *
word_end (const char *p)
{
  while (*p != '\0' && is_word_char (p))
    p = g_utf8_next_char (p);
  return p;
}

/* Sets the canonical form of @name in @table (run->acronyms or
 * run->surnames) and, when it is new there, files it in @starts under the
 * letters and digits it starts with ("" when it starts otherwise) */
static void
remember_name (GHashTable *table,
               GHashTable *starts,
               const char *name,
               const char *canonical)
{
  if (!g_hash_table_contains (table, name))
    {
      g_autofree char *first = g_strndup (name, word_end (name) - name);
      GPtrArray *names = g_hash_table_lookup (starts, first);

      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (starts, g_steal_pointer (&first), names);
        }
      g_ptr_array_add (names, g_strdup (name));
    }
  g_hash_table_replace (table, g_strdup (name), g_strdup (canonical));
}

/* Adds @key at @found in @par when it is a whole word there and the
 * gazetteer and the given names do not already name it */
static void
add_known_mention (Run          *run,
                   const char   *par,
                   const char   *found,
                   const char   *key,
                   gsize         klen,
                   GHashTable   *table,
                   DeskFactKind  kind,
                   double        confidence,
                   GArray       *out)
{
  gboolean before_ok = found == par || !is_word_char (g_utf8_prev_char (found));
  gboolean after_ok = !is_word_char (found + klen);

  if (before_ok && after_ok && _desk_extract_known_entity (run, key) == NULL &&
      !g_hash_table_contains (run->self->given, key))
    add_entity (run, out, par, found - par, found - par + klen, kind, g_hash_table_lookup (table, key), confidence);
}

/* Every whole-word occurrence in @par of a key of @table (surface →
 * canonical) that the gazetteer does not already name.  The keys are
 * looked up by the word they start with (@starts, remember_name ()) at
 * each word of @par, rather than each looked for through @par: a long
 * document defines thousands */
static void
add_known_mentions (Run          *run,
                    const char   *par,
                    GHashTable   *table,
                    GHashTable   *starts,
                    DeskFactKind  kind,
                    double        confidence,
                    GArray       *out)
{
  GPtrArray *others = g_hash_table_lookup (starts, "");

  /* the few that start with neither a letter nor a digit */
  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      const char *key = g_ptr_array_index (others, i);
      gsize klen = strlen (key);

      for (const char *found = par; (found = strstr (found, key)) != NULL; found += klen)
        add_known_mention (run, par, found, key, klen, table, kind, confidence, out);
    }

  for (const char *p = par; *p != '\0';)
    {
      const char *end;
      char word[64];
      g_autofree char *long_word = NULL;
      GPtrArray *keys;

      if (!is_word_char (p))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      end = word_end (p);
      if ((gsize) (end - p) < sizeof word)
        {
          memcpy (word, p, end - p);
          word[end - p] = '\0';
        }
      keys = g_hash_table_lookup (starts, (gsize) (end - p) < sizeof word ? word : (long_word = g_strndup (p, end - p)));
      for (guint i = 0; keys != NULL && i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);
          gsize klen = strlen (key);

          if (strncmp (p, key, klen) == 0)
            add_known_mention (run, par, p, key, klen, table, kind, confidence, out);
        }
      p = end;
    }
}

void
_desk_extract_find_entities (Run        *run,
                             const char *par,
                             GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gboolean caps = _desk_extract_is_all_caps (par);
  gsize s, e;

  /* acronyms defined in the text: both forms name one entity */
  for (g_regex_match (self->acronym_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *longf = _desk_extract_fetch (m, "long");
      g_autofree char *acr = _desk_extract_fetch (m, "acr");
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
      known = _desk_extract_known_entity (run, acr);
      if (known == NULL)
        known = _desk_extract_known_entity (run, longf);
      {
        const char *canonical = known ? known->canonical : longf;
        DeskFactKind kind = known ? known->kind : DESK_FACT_ORG;

        remember_name (run->acronyms, run->acronym_starts, acr, canonical);
        remember_name (run->acronyms, run->acronym_starts, longf, canonical);
        add_entity (run, out, par, ls, le, kind, canonical, 0.85);
        add_entity (run, out, par, as, ae, kind, canonical, 0.85);
      }
    }
  g_clear_pointer (&m, g_match_info_free);

  /* gazetteer names */
  for (gsize pos = 0; _desk_extract_next_gazetteer_name (self, par, &pos, &m, &s, &e);)
    {
      g_autofree char *name = g_strndup (par + s, e - s);
      const Entity *entity = _desk_extract_known_entity (run, name);

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
          g_autofree char *name = _desk_extract_fetch (m, "name");
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
              remember_name (run->surnames, run->surname_starts, surname, name);
            add_entity (run, out, par, ns, ne, DESK_FACT_PERSON, canonical, pass == 0 ? 0.85 : 0.75);
          }
        }
      g_clear_pointer (&m, g_match_info_free);
    }

  /* acronyms defined earlier in the document, and a surname alone after
   * its full name ("Jerí") */
  add_known_mentions (run, par, run->acronyms, run->acronym_starts, DESK_FACT_ORG, 0.8, out);
  add_known_mentions (run, par, run->surnames, run->surname_starts, DESK_FACT_PERSON, 0.7, out);
}
