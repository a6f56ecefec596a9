/* desk-entities.c: people, organizations and places named in a
 * paragraph, one canonical name for each */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <string.h>

#include "desk-extract-private.h"

const Entity *
_desk_extract_known_entity (Run        *run,
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
  _desk_extract_add_candidate (out, kind, par, s, e, g_strdup (canonical), confidence, NULL, CANDIDATE_NAME);
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
void
_desk_extract_unify_people (GArray *facts)
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

      if (_desk_extract_known_entity (run, key) != NULL || g_hash_table_contains (run->self->given, key))
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

        g_hash_table_replace (run->acronyms, g_strdup (acr), g_strdup (canonical));
        g_hash_table_replace (run->acronyms, g_strdup (longf), g_strdup (canonical));
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
