/* desk-stemmer.c: accent-folding Spanish and English stemming of words,
 * shared by the index, match highlighting, extraction and axis scoring,
 * and the recorded terms of a text */
#define G_LOG_DOMAIN "desk-stemmer"

#include "config.h"

#include <string.h>
#include <libstemmer.h>

#include "desk-stemmer.h"

/* Longer words are not natural language (hashes, URLs); indexing them whole
 * only bloats the index. */
#define MAX_WORD_BYTES 64

/* A word as written and its terms, remembered: the same words come back
 * all the time, and stemming them is most of tokenizing.  Found by the
 * word's bytes, without copying it out of the text. */
typedef struct
{
  char *word;          /* the word, NUL, then each term and a NUL; NULL: free */
  guint32 hash;
  guint16 word_len;
  guint16 n_terms;
  guint16 term_len[3]; /* a word has at most three terms (word_terms) */
} CachedWord;

struct _DeskStemmer
{
  struct sb_stemmer *spanish;
  struct sb_stemmer *english;
  GString *lower;
  GString *folded;
  CachedWord *cache;   /* open addressing, n_slots a power of two */
  guint n_slots;
  guint n_words;
};

/* Words remembered with their terms, at most */
#define CACHE_WORDS 200000
#define CACHE_FIRST_SLOTS 1024

DeskStemmer *
desk_stemmer_new (void)
{
  DeskStemmer *self = g_new0 (DeskStemmer, 1);

  self->spanish = sb_stemmer_new ("spanish", "UTF_8");
  self->english = sb_stemmer_new ("english", "UTF_8");
  self->lower = g_string_sized_new (MAX_WORD_BYTES * 2);
  self->folded = g_string_sized_new (MAX_WORD_BYTES * 2);
  self->n_slots = CACHE_FIRST_SLOTS;
  self->cache = g_new0 (CachedWord, self->n_slots);
  g_assert (self->spanish != NULL && self->english != NULL);

  return self;
}

void
desk_stemmer_free (DeskStemmer *self)
{
  if (self == NULL)
    return;
  sb_stemmer_delete (self->spanish);
  sb_stemmer_delete (self->english);
  g_string_free (self->lower, TRUE);
  g_string_free (self->folded, TRUE);
  for (guint i = 0; i < self->n_slots; i++)
    g_free (self->cache[i].word);
  g_free (self->cache);
  g_free (self);
}

static gboolean
is_word_char (gunichar c)
{
  GUnicodeType t;

  if (c < 128)
    return g_ascii_isalnum (c);
  t = g_unichar_type (c);
  return g_unichar_isalnum (c) ||
         t == G_UNICODE_NON_SPACING_MARK ||
         t == G_UNICODE_SPACING_MARK;
}

gboolean
desk_stemmer_is_word_char (gunichar c)
{
  return is_word_char (c);
}

/* Whether the character at *@p is part of a word; moves *@p past it (past
 * one byte of an invalid sequence).  Most text is ASCII: read at once. */
static inline gboolean
word_char_at (const char **p,
              const char  *end)
{
  guchar b = (guchar) **p;
  gunichar c;

  if (b < 0x80)
    {
      (*p)++;
      return g_ascii_isalnum (b);
    }
  c = g_utf8_get_char_validated (*p, end - *p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*p)++;
      return FALSE;
    }
  *p = g_utf8_next_char (*p);
  return is_word_char (c);
}

/* Appends @c without its accents: "ó" → "o", "ñ" → "n". */
static void
append_folded (GString  *out,
               gunichar  c)
{
  gunichar decomposed[4];
  gsize n;

  if (c < 128)
    {
      g_string_append_c (out, (char) c);
      return;
    }
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      GUnicodeType t = g_unichar_type (decomposed[i]);
      if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_SPACING_MARK &&
          t != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, decomposed[i]);
    }
}

/* Lower-cases into self->lower and strips accents into self->folded. */
static void
fold_word (DeskStemmer *self,
           const char  *word,
           gsize        len)
{
  const char *end = word + len;

  g_string_truncate (self->lower, 0);
  g_string_truncate (self->folded, 0);

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      g_string_append_unichar (self->lower, c);
      append_folded (self->folded, c);
    }
}

/* A stem without its accents, newly allocated. */
static char *
fold_stem (const char *stem,
           int         len)
{
  GString *out = g_string_sized_new (len);
  const char *end = stem + len;

  for (const char *p = stem; p < end; p = g_utf8_next_char (p))
    append_folded (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

static void
add_unique (GString    *terms,
            const char *term)
{
  for (const char *t = terms->str; *t; t += strlen (t) + 1)
    if (strcmp (t, term) == 0)
      return;
  g_string_append (terms, term);
  g_string_append_c (terms, '\0');
}

/* A word gives up to three terms: the Spanish stem of the accented word,
 * the Spanish stem of the unaccented word with its -ción/-sión restored
 * (so that "cooperacion" meets "cooperación"), and the English stem.
 * Returns them one after another, each ended by a NUL, with an empty one
 * at the end. */
static char *
word_terms (DeskStemmer *self,
            const char  *word,
            gsize        len)
{
  GString *terms = g_string_sized_new (32);
  const sb_symbol *stem;
  g_autofree char *t1 = NULL;

  fold_word (self, word, len);

  stem = sb_stemmer_stem (self->spanish, (const sb_symbol *) self->lower->str, self->lower->len);
  t1 = fold_stem ((const char *) stem, sb_stemmer_length (self->spanish));
  add_unique (terms, t1);

  if (self->folded->len > 4 &&
      (g_str_has_suffix (self->folded->str, "cion") || g_str_has_suffix (self->folded->str, "sion")))
    {
      g_autoptr(GString) restored = g_string_new_len (self->folded->str, self->folded->len - 2);
      g_autofree char *t2 = NULL;

      g_string_append (restored, "\xc3\xb3n"); /* ón */
      stem = sb_stemmer_stem (self->spanish, (const sb_symbol *) restored->str, restored->len);
      t2 = fold_stem ((const char *) stem, sb_stemmer_length (self->spanish));
      add_unique (terms, t2);
    }

  stem = sb_stemmer_stem (self->english, (const sb_symbol *) self->folded->str, self->folded->len);
  {
    g_autofree char *t3 = g_strndup ((const char *) stem, sb_stemmer_length (self->english));
    add_unique (terms, t3);
  }
  g_string_append_c (terms, '\0');
  return g_string_free (terms, FALSE);
}

/* FNV-1a of the word's bytes */
static inline guint32
word_hash (const char *word,
           gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) word[i]) * 16777619u;
  return h;
}

/* The slot of @word, or the free slot where it goes */
static inline CachedWord *
cache_slot (CachedWord *slots,
            guint       n_slots,
            const char *word,
            gsize       len,
            guint32     hash)
{
  guint mask = n_slots - 1;

  for (guint i = hash & mask;; i = (i + 1) & mask)
    {
      CachedWord *slot = &slots[i];

      if (slot->word == NULL ||
          (slot->hash == hash && slot->word_len == len && memcmp (slot->word, word, len) == 0))
        return slot;
    }
}

/* Remembers @word with @terms ("a\0b\0\0"), in the slot cache_slot ()
 * gave for it, or anew when the cache had to forget or grow */
static CachedWord *
cache_add (DeskStemmer *self,
           CachedWord  *slot,
           const char  *word,
           gsize        len,
           guint32      hash,
           const char  *terms)
{
  gsize terms_size = 1;
  guint16 term_len[G_N_ELEMENTS (slot->term_len)];
  guint n = 0;

  /* forgotten all at once past its size; larger at half full */
  if (self->n_words >= CACHE_WORDS)
    {
      for (guint i = 0; i < self->n_slots; i++)
        g_clear_pointer (&self->cache[i].word, g_free);
      self->n_words = 0;
      slot = cache_slot (self->cache, self->n_slots, word, len, hash);
    }
  else if ((self->n_words + 1) * 2 > self->n_slots)
    {
      guint n_slots = self->n_slots * 2;
      CachedWord *slots = g_new0 (CachedWord, n_slots);

      for (guint i = 0; i < self->n_slots; i++)
        if (self->cache[i].word != NULL)
          *cache_slot (slots, n_slots, self->cache[i].word, self->cache[i].word_len, self->cache[i].hash) = self->cache[i];
      g_free (self->cache);
      self->cache = slots;
      self->n_slots = n_slots;
      slot = cache_slot (self->cache, self->n_slots, word, len, hash);
    }

  for (const char *t = terms; *t && n < G_N_ELEMENTS (term_len); t += term_len[n++] + 1)
    {
      term_len[n] = strlen (t);
      terms_size += term_len[n] + 1;
    }
  slot->word = g_malloc (len + 1 + terms_size);
  memcpy (slot->word, word, len);
  slot->word[len] = '\0';
  memcpy (slot->word + len + 1, terms, terms_size - 1);
  slot->word[len + terms_size] = '\0';
  slot->hash = hash;
  slot->word_len = len;
  memcpy (slot->term_len, term_len, n * sizeof term_len[0]);
  slot->n_terms = n;
  self->n_words++;
  return slot;
}

static gboolean
emit_word (DeskStemmer  *self,
           const char   *word,
           gsize         len,
           gsize         start,
           gsize         end,
           DeskTermFunc  func,
           gpointer      user_data)
{
  guint32 hash = word_hash (word, len);
  CachedWord *slot = cache_slot (self->cache, self->n_slots, word, len, hash);
  const char *term;

  if (slot->word == NULL)
    {
      g_autofree char *terms = word_terms (self, word, len);

      slot = cache_add (self, slot, word, len, hash, terms);
    }
  term = slot->word + len + 1;
  for (guint i = 0; i < slot->n_terms; i++)
    {
      if (!func (term, slot->term_len[i], start, end, i > 0, user_data))
        return FALSE;
      term += slot->term_len[i] + 1;
    }
  return TRUE;
}

void
desk_stemmer_tokenize (DeskStemmer  *self,
                       const char   *text,
                       gsize         len,
                       DeskTermFunc  func,
                       gpointer      user_data)
{
  const char *p = text;
  const char *end = text + len;

  g_return_if_fail (self != NULL);

  while (p < end)
    {
      const char *word = p;

      if (!word_char_at (&p, end))
        continue;
      while (p < end)
        {
          const char *next = p;

          if (!word_char_at (&next, end))
            break;
          p = next;
        }

      if ((gsize) (p - word) > MAX_WORD_BYTES)
        continue;
      if (!emit_word (self, word, p - word, word - text, p - text, func, user_data))
        return;
    }
}

static gboolean
collect_term_cb (const char *term,
                 gsize       term_len,
                 gsize       byte_start,
                 gsize       byte_end,
                 gboolean    colocated,
                 gpointer    user_data)
{
  g_hash_table_add (user_data, g_strndup (term, term_len));
  return TRUE;
}

typedef struct
{
  GHashTable *terms;
  const char *text;
  GArray *ranges;
  const char *cursor;
  guint cursor_offset;
  gsize last_start;
} MatchState;

static gboolean
match_term_cb (const char *term,
               gsize       term_len,
               gsize       byte_start,
               gsize       byte_end,
               gboolean    colocated,
               gpointer    user_data)
{
  MatchState *state = user_data;
  g_autofree char *key = NULL;
  DeskRange range;

  if (state->ranges->len > 0 && byte_start == state->last_start)
    return TRUE;

  key = g_strndup (term, term_len);
  if (!g_hash_table_contains (state->terms, key))
    return TRUE;

  /* Offsets only grow, so walk forward from the last one. */
  state->cursor_offset += g_utf8_strlen (state->cursor, state->text + byte_start - state->cursor);
  state->cursor = state->text + byte_start;
  range.start = state->cursor_offset;
  range.end = range.start + g_utf8_strlen (state->text + byte_start, byte_end - byte_start);
  g_array_append_val (state->ranges, range);
  state->last_start = byte_start;

  return TRUE;
}

/* Code-point ranges of the words of @text that match any word of @query,
 * with the same folding and stemming as the index. */
GArray *
desk_stemmer_find_matches (DeskStemmer *self,
                           const char  *text,
                           const char  *query)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  MatchState state = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  desk_stemmer_tokenize (self, query, strlen (query), collect_term_cb, terms);

  state.terms = terms;
  state.text = text;
  state.cursor = text;
  state.ranges = g_array_new (FALSE, FALSE, sizeof (DeskRange));
  if (g_hash_table_size (terms) > 0)
    desk_stemmer_tokenize (self, text, strlen (text), match_term_cb, &state);

  return state.ranges;
}

typedef struct
{
  GHashTable *terms;      /* of the query */
  GArray *words;          /* SnippetWord of the text, up to where it stops */
  guint n_words;          /* the passage's length in words */
  gint first;             /* the first word that matches, or -1 */
  gsize last_start;
} SnippetState;

typedef struct
{
  gsize start;
  gsize end;
  gboolean match;
} SnippetWord;

static gboolean
snippet_term_cb (const char *term,
                 gsize       term_len,
                 gsize       byte_start,
                 gsize       byte_end,
                 gboolean    colocated,
                 gpointer    user_data)
{
  SnippetState *state = user_data;
  g_autofree char *key = g_strndup (term, term_len);
  gboolean match = g_hash_table_contains (state->terms, key);

  if (!colocated || state->words->len == 0 || byte_start != state->last_start)
    {
      SnippetWord word = { byte_start, byte_end, FALSE };

      /* enough words after the first match: the rest is not read */
      if (state->first >= 0 && state->words->len >= (guint) state->first + state->n_words)
        return FALSE;
      g_array_append_val (state->words, word);
      state->last_start = byte_start;
    }
  if (match)
    {
      g_array_index (state->words, SnippetWord, state->words->len - 1).match = TRUE;
      if (state->first < 0)
        state->first = state->words->len - 1;
    }
  return TRUE;
}

/* A passage of @text of about @n_words words around the first word that
 * matches a word of @query (with the same folding and stemming as the
 * index), each match between @open and @close, "…" where it is cut; the
 * beginning of @text when nothing matches.  Reads @text only as far as
 * the passage: a search shows twenty of them at each key typed. */
char *
desk_stemmer_snippet (DeskStemmer *self,
                      const char  *text,
                      const char  *query,
                      guint        n_words,
                      const char  *open,
                      const char  *close)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (SnippetWord));
  g_autoptr(GString) out = g_string_new (NULL);
  SnippetState state = { 0 };
  guint first, last;
  gsize cursor;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL && query != NULL, NULL);

  n_words = MAX (n_words, 1);
  desk_stemmer_tokenize (self, query, strlen (query), collect_term_cb, terms);
  state.terms = terms;
  state.words = words;
  state.n_words = n_words;
  state.first = g_hash_table_size (terms) > 0 ? -1 : 0;
  desk_stemmer_tokenize (self, text, strlen (text), snippet_term_cb, &state);
  if (words->len == 0)
    return g_strdup ("");

  /* a third of the passage before the first match */
  first = state.first > 0 ? (guint) state.first - MIN ((guint) state.first, n_words / 3) : 0;
  last = MIN (first + n_words, words->len) - 1;
  if (last + 1 < n_words + first && first > 0)
    first = last + 1 >= n_words ? last + 1 - n_words : 0;

  if (first > 0)
    g_string_append (out, "…");
  cursor = g_array_index (words, SnippetWord, first).start;
  for (guint i = first; i <= last; i++)
    {
      const SnippetWord *w = &g_array_index (words, SnippetWord, i);

      g_string_append_len (out, text + cursor, w->start - cursor);
      if (w->match)
        g_string_append (out, open);
      g_string_append_len (out, text + w->start, w->end - w->start);
      if (w->match)
        g_string_append (out, close);
      cursor = w->end;
    }
  /* what follows the last word, up to the next: its punctuation */
  while (text[cursor] != '\0' && !g_ascii_isspace (text[cursor]) && !g_ascii_isalnum (text[cursor]))
    g_string_append_c (out, text[cursor++]);
  if (last + 1 < words->len || text[cursor] != '\0')
    {
      const char *rest = text + cursor;

      while (*rest && g_ascii_isspace (*rest))
        rest++;
      if (*rest != '\0')
        g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Recorded tokens */

typedef struct
{
  guint32 start;     /* of the word, in bytes */
  guint32 term;      /* where its text is in the terms */
  guint8 len;        /* of the word: at most MAX_WORD_BYTES */
  guint8 term_len;
  guint8 colocated;
} RecordedToken;

struct _DeskTokens
{
  char *text;        /* a copy: a text is replayed only for the same bytes */
  gsize len;
  RecordedToken *tokens; /* in the order of the text */
  guint n_tokens;
  char *terms;       /* each term, then a NUL */
  gsize terms_len;
  gboolean whole;    /* FALSE: some token did not fit; never replayed */
  gsize cursor_chars; /* a code point of text and where it is, from */
  gsize cursor_bytes; /* which the next place asked for is walked to */
};

typedef struct
{
  GArray *tokens;
  GString *terms;
  gboolean whole;
} Recording;

static gboolean
record_term_cb (const char *term,
                gsize       term_len,
                gsize       byte_start,
                gsize       byte_end,
                gboolean    colocated,
                gpointer    user_data)
{
  Recording *rec = user_data;
  RecordedToken token;

  if (term_len > G_MAXUINT8 || byte_end - byte_start > G_MAXUINT8 ||
      byte_start > G_MAXUINT32 || rec->terms->len > G_MAXUINT32)
    {
      rec->whole = FALSE;
      return FALSE;
    }
  token.start = byte_start;
  token.term = rec->terms->len;
  token.len = byte_end - byte_start;
  token.term_len = term_len;
  token.colocated = colocated;
  g_string_append_len (rec->terms, term, term_len);
  g_string_append_c (rec->terms, '\0');
  g_array_append_val (rec->tokens, token);
  return TRUE;
}

/* The tokens of @text, to be given to the index in place of tokenizing
 * @text, or any part of it that begins and ends between words, again.
 * They take about six times the text's size. */
DeskTokens *
desk_stemmer_record (DeskStemmer *self,
                     const char  *text,
                     gsize        len)
{
  Recording rec = { NULL, NULL, TRUE };
  DeskTokens *tokens;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  rec.tokens = g_array_sized_new (FALSE, FALSE, sizeof (RecordedToken), len / 4 + 1);
  rec.terms = g_string_sized_new (len / 2 + 1);
  desk_stemmer_tokenize (self, text, len, record_term_cb, &rec);

  tokens = g_atomic_rc_box_new0 (DeskTokens);
  tokens->text = g_memdup2 (text, len);
  tokens->len = len;
  tokens->whole = rec.whole;
  /* kept at their size: documents wait with them to be written */
  tokens->n_tokens = rec.tokens->len;
  tokens->tokens = g_memdup2 (rec.tokens->data, (gsize) rec.tokens->len * sizeof (RecordedToken));
  tokens->terms_len = rec.terms->len;
  tokens->terms = g_memdup2 (rec.terms->str, rec.terms->len + 1);
  g_array_unref (rec.tokens);
  g_string_free (rec.terms, TRUE);
  return tokens;
}

DeskTokens *
desk_tokens_ref (DeskTokens *tokens)
{
  g_return_val_if_fail (tokens != NULL, NULL);
  return g_atomic_rc_box_acquire (tokens);
}

static void
tokens_clear (gpointer data)
{
  DeskTokens *tokens = data;

  g_free (tokens->text);
  g_free (tokens->tokens);
  g_free (tokens->terms);
}

void
desk_tokens_unref (DeskTokens *tokens)
{
  if (tokens != NULL)
    g_atomic_rc_box_release_full (tokens, tokens_clear);
}

/* The memory @tokens hold, in bytes */
gsize
desk_tokens_size (const DeskTokens *tokens)
{
  g_return_val_if_fail (tokens != NULL, 0);
  return sizeof *tokens + tokens->len + (gsize) tokens->n_tokens * sizeof (RecordedToken) + tokens->terms_len + 1;
}

/* Whether a word runs on across @at in @text: then the text cut there is
 * tokenized otherwise than whole (a cut inside a character counts) */
static gboolean
cuts_word (const char *text,
           gsize       len,
           gsize       at)
{
  const char *before, *after;

  if (at == 0 || at >= len)
    return FALSE;
  if (((guchar) text[at] & 0xc0) == 0x80)
    return TRUE;
  before = g_utf8_find_prev_char (text, text + at);
  after = text + at;
  return before != NULL && word_char_at (&before, text + len) && word_char_at (&after, text + len);
}

/* The first recorded token at or after @at */
static guint
first_token_from (const DeskTokens *tokens,
                  gsize             at)
{
  guint lo = 0, hi = tokens->n_tokens;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tokens->tokens[mid].start < at)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Calls @func for the recorded terms of the part [@start, @end) of the
 * recorded text, as desk_stemmer_tokenize () would for that part alone
 * (places from @start); FALSE, and nothing called, when the part begins
 * or ends inside a word or the records are not whole */
gboolean
desk_tokens_foreach (const DeskTokens *tokens,
                     gsize             start,
                     gsize             end,
                     DeskTermFunc      func,
                     gpointer          user_data)
{
  g_return_val_if_fail (tokens != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!tokens->whole || start > end || end > tokens->len ||
      cuts_word (tokens->text, tokens->len, start) || cuts_word (tokens->text, tokens->len, end))
    return FALSE;
  for (guint i = first_token_from (tokens, start); i < tokens->n_tokens; i++)
    {
      const RecordedToken *t = &tokens->tokens[i];

      if (t->start + t->len > end ||
          !func (tokens->terms + t->term, t->term_len, t->start - start, t->start + t->len - start, t->colocated, user_data))
        break;
    }
  return TRUE;
}

/* The text @tokens were recorded from, and its length in bytes */
const char *
desk_tokens_get_text (const DeskTokens *tokens,
                      gsize            *len)
{
  g_return_val_if_fail (tokens != NULL, NULL);

  if (len != NULL)
    *len = tokens->len;
  return tokens->text;
}

/* Whether every term of the text fitted in the records: only then can
 * they stand for tokenizing it */
gboolean
desk_tokens_is_whole (const DeskTokens *tokens)
{
  g_return_val_if_fail (tokens != NULL, FALSE);
  return tokens->whole;
}

/* Where the code point @chars of @tokens' text is, in bytes: walked to
 * from the last place asked for, as the facts of a document come in
 * order of their places; G_MAXSIZE when it is past the text */
gsize
desk_tokens_byte_offset (DeskTokens *tokens,
                         gint64      chars)
{
  g_return_val_if_fail (tokens != NULL, G_MAXSIZE);

  if (chars < 0)
    return G_MAXSIZE;
  if ((gsize) chars < tokens->cursor_chars)
    tokens->cursor_chars = tokens->cursor_bytes = 0;
  while (tokens->cursor_chars < (gsize) chars && tokens->cursor_bytes < tokens->len)
    {
      tokens->cursor_bytes = g_utf8_next_char (tokens->text + tokens->cursor_bytes) - tokens->text;
      tokens->cursor_chars++;
    }
  return tokens->cursor_chars == (gsize) chars && tokens->cursor_bytes <= tokens->len ? tokens->cursor_bytes : G_MAXSIZE;
}
