/* desk-terms.c: what a fact is about, as terms for conflicts: the stems
 * of its sentence's plain words and its entities */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <string.h>

#include "desk-extract-private.h"

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

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

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

/* What each fact of a sentence is about: for figures, the words around
 * them ("producción potencial de cocaína ... 822 TM"); for names, the
 * sentence's words and the entities it names. */
void
_desk_extract_set_terms (Run        *run,
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
      if (c->fact.text != NULL && c->bstart >= s && c->bstart < e && c->family == CANDIDATE_NAME)
        g_hash_table_add (sentence_terms, desk_fact_entity_term (c->fact.value));
    }

  for (guint j = 0; j < n_before; j++)
    {
      Candidate *c = &g_array_index (cands, Candidate, j);

      if (c->fact.text == NULL || c->bstart < s || c->bstart >= e)
        continue;
      c->bsentence = s;
      g_clear_pointer (&c->fact.terms, g_ref_string_release);
      if (c->family == CANDIDATE_FIGURE && c->fact.kind != DESK_FACT_CITATION && c->fact.kind != DESK_FACT_DATE)
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
      else if (c->family == CANDIDATE_NAME)
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
