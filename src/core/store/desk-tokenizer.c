/* desk-tokenizer.c: the library's FTS5 tokenizer and ranking function,
 * over the stemmer of desk-stemmer.c, and the FTS5 query of what an
 * officer types */
#define G_LOG_DOMAIN "desk-tokenizer"

#include "config.h"

#include <string.h>

#include "desk-stemmer.h"
#include "desk-store.h"
#include "desk-tokenizer.h"

/* What the index's tokenizer may give from records, on this thread: the
 * recorded text's parts that begin at one of starts */
#define REPLAY_STARTS 4

typedef struct
{
  const DeskTokens *tokens;
  gsize starts[REPLAY_STARTS];
  guint n_starts;
} Replay;

static _Thread_local Replay replay;
static guint n_replayed;

/* Until called again (with NULL to stop), the index's tokenizer, on this
 * thread, gives the recorded terms of a text it is given that is the part
 * of @tokens' text that begins @deltas bytes (up to four) after the code
 * point @start and ends where a word does, instead of tokenizing it.  Any
 * other text is tokenized as ever.  Places are found walking on from the
 * last @start: they should come in order. */
void
desk_tokenizer_replay (DeskTokens  *tokens,
                       gint64       start,
                       const gsize *deltas,
                       guint        n_deltas)
{
  gsize at;

  replay.tokens = tokens != NULL && desk_tokens_is_whole (tokens) ? tokens : NULL;
  replay.n_starts = 0;
  if (replay.tokens == NULL || (at = desk_tokens_byte_offset (tokens, start)) == G_MAXSIZE)
    return;
  for (guint i = 0; i < MIN (n_deltas, REPLAY_STARTS); i++)
    replay.starts[replay.n_starts++] = at + deltas[i];
}

/* How many texts the index took from records, in this process */
guint
desk_tokenizer_replayed (void)
{
  return g_atomic_int_get (&n_replayed);
}

/* FTS5 glue */

typedef struct
{
  DeskStemmer *stemmer;
} DeskFts5Tokenizer;

typedef struct
{
  void *ctx;
  int (*x_token) (void *, int, const char *, int, int, int);
  int rc;
  gboolean aux;         /* tokenizing for an auxiliary function */
} Fts5EmitState;

static int
fts5_create (void        *user_data,
             const char **argv,
             int          argc,
             Fts5Tokenizer **out)
{
  DeskFts5Tokenizer *tok = g_new0 (DeskFts5Tokenizer, 1);

  tok->stemmer = desk_stemmer_new ();
  *out = (Fts5Tokenizer *) tok;
  return SQLITE_OK;
}

static void
fts5_delete (Fts5Tokenizer *tokenizer)
{
  DeskFts5Tokenizer *tok = (DeskFts5Tokenizer *) tokenizer;

  desk_stemmer_free (tok->stemmer);
  g_free (tok);
}

static gboolean
fts5_emit_cb (const char *term,
              gsize       term_len,
              gsize       byte_start,
              gsize       byte_end,
              gboolean    colocated,
              gpointer    user_data)
{
  Fts5EmitState *state = user_data;

  /* snippet () and highlight () place matches by position alone: the
   * first term of a word keeps the count, its stems would only be read */
  if (colocated && state->aux)
    return TRUE;
  state->rc = state->x_token (state->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0,
                              term, (int) term_len, (int) byte_start, (int) byte_end);
  return state->rc == SQLITE_OK;
}

/* Gives the recorded terms of @text to FTS5, as @state's, when it is a
 * part of the replayed text that the records cover; FALSE when it is not */
static gboolean
replay_tokens (const char    *text,
               gsize          len,
               Fts5EmitState *state)
{
  const DeskTokens *tokens = replay.tokens;
  gsize recorded_len = 0;
  const char *recorded = tokens != NULL ? desk_tokens_get_text (tokens, &recorded_len) : NULL;

  for (guint s = 0; tokens != NULL && s < replay.n_starts; s++)
    {
      gsize at = replay.starts[s];

      if (at > recorded_len || len > recorded_len - at || memcmp (recorded + at, text, len) != 0 ||
          !desk_tokens_foreach (tokens, at, at + len, fts5_emit_cb, state))
        continue;
      g_atomic_int_inc (&n_replayed);
      return TRUE;
    }
  return FALSE;
}

static int
fts5_tokenize (Fts5Tokenizer *tokenizer,
               void          *ctx,
               int            flags,
               const char    *text,
               int            n_text,
               int          (*x_token) (void *, int, const char *, int, int, int))
{
  DeskFts5Tokenizer *tok = (DeskFts5Tokenizer *) tokenizer;
  Fts5EmitState state = { ctx, x_token, SQLITE_OK, (flags & FTS5_TOKENIZE_AUX) != 0 };

  /* the words of a document as they are written to the index: given from
   * their records when the writer has them */
  if (flags == FTS5_TOKENIZE_DOCUMENT && text != NULL && n_text > 0 && replay_tokens (text, n_text, &state))
    return state.rc;
  if (text != NULL && n_text > 0)
    desk_stemmer_tokenize (tok->stemmer, text, n_text, fts5_emit_cb, &state);

  return state.rc;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

/* desk_rank (table, weight of each column…): the BM25 of a row (k1 1.2,
 * b 0.75, lower is better, as bm25 ()), every phrase weighing the same.
 * FTS5's bm25 () first counts, for each phrase, the rows of the whole
 * library that hold it: for a word in most documents, a scan of the index
 * longer than the rest of the search.  A search ranks its newest matches
 * only (RANKED_MATCHES in desk-store.c), and a one-word search is one
 * phrase: the order is the same there. */
static void
fts5_rank (const Fts5ExtensionApi  *api,
           Fts5Context             *fts,
           sqlite3_context         *context,
           int                      n_values,
           sqlite3_value          **values)
{
  int n_phrases = api->xPhraseCount (fts);
  g_autofree double *frequency = g_new0 (double, MAX (n_phrases, 1));
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int n_inst = 0, row_tokens = 0;
  double average, score = 0;

  if (api->xInstCount (fts, &n_inst) != SQLITE_OK || api->xRowCount (fts, &n_rows) != SQLITE_OK ||
      api->xColumnTotalSize (fts, -1, &n_tokens) != SQLITE_OK || api->xColumnSize (fts, -1, &row_tokens) != SQLITE_OK)
    {
      sqlite3_result_error (context, "desk_rank: the row cannot be read", -1);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase >= 0 && phrase < n_phrases)
        frequency[phrase] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
    }
  average = n_rows > 0 && n_tokens > 0 ? (double) n_tokens / n_rows : 1.0;
  for (int p = 0; p < n_phrases; p++)
    score += frequency[p] * 2.2 / (frequency[p] + 1.2 * (0.25 + 0.75 * row_tokens / average));
  sqlite3_result_double (context, -score);
}

gboolean
desk_tokenizer_register (sqlite3  *db,
                         GError  **error)
{
  static fts5_tokenizer tokenizer = { fts5_create, fts5_delete, fts5_tokenize };
  fts5_api *api;

  g_return_val_if_fail (db != NULL, FALSE);

  api = get_fts5_api (db);
  if (api == NULL || api->xCreateTokenizer (api, "desk", NULL, &tokenizer, NULL) != SQLITE_OK ||
      api->xCreateFunction (api, "desk_rank", NULL, fts5_rank, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_SQL,
                           "SQLite was built without FTS5");
      return FALSE;
    }

  return TRUE;
}

/* Turns what an officer types into a safe FTS5 expression: every word or
 * "quoted phrase" is a quoted term, all of them required; a trailing * asks
 * for a prefix.  Nothing of the FTS5 syntax leaks through, so no input can
 * make the query fail to parse. */
char *
desk_tokenizer_build_query (const char *user_query)
{
  GString *out = g_string_new (NULL);
  const char *p = user_query;

  g_return_val_if_fail (user_query != NULL, NULL);

  while (*p)
    {
      GString *term = g_string_new (NULL);
      gboolean prefix = FALSE;

      while (*p && g_ascii_isspace (*p))
        p++;
      if (!*p)
        {
          g_string_free (term, TRUE);
          break;
        }

      if (*p == '"')
        {
          p++;
          while (*p && *p != '"')
            g_string_append_c (term, *p++);
          if (*p == '"')
            p++;
        }
      else
        {
          while (*p && !g_ascii_isspace (*p))
            g_string_append_c (term, *p++);
          if (term->len > 1 && term->str[term->len - 1] == '*')
            {
              prefix = TRUE;
              g_string_truncate (term, term->len - 1);
            }
        }

      {
        /* Only terms with at least one word character can match. */
        gboolean has_word = FALSE;
        for (const char *q = term->str; *q; q = g_utf8_next_char (q))
          if (desk_stemmer_is_word_char (g_utf8_get_char (q)))
            {
              has_word = TRUE;
              break;
            }

        if (has_word)
          {
            if (out->len > 0)
              g_string_append_c (out, ' ');
            g_string_append_c (out, '"');
            for (const char *q = term->str; *q; q++)
              {
                if (*q == '"')
                  g_string_append_c (out, '"');
                g_string_append_c (out, *q);
              }
            g_string_append_c (out, '"');
            if (prefix)
              g_string_append_c (out, '*');
          }
      }
      g_string_free (term, TRUE);
    }

  return g_string_free (out, out->len == 0);
}
