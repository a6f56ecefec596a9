/* desk-store-index.c: the full-text index of documents and facts,
 * written from the words recorded where they were read, and searched */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-store-private.h"
#include "desk-tokenizer.h"

/* Matches of a search ranked at most, the newest documents first: a word
 * found in more documents than this is ranked among the newest of them */
#define RANKED_MATCHES 1000

/* Steps @write (an insert into a full-text table) with the tokenizer
 * taking the words of @tokens' text from @start on (code points), and
 * @deltas bytes after it, from their records */
static gboolean
step_replaying (DeskStore   *self,
                sqlite3_stmt *write,
                DeskTokens  *tokens,
                gint64       start,
                const gsize *deltas,
                guint        n_deltas,
                GError     **error)
{
  int rc;

  desk_tokenizer_replay (tokens, start, deltas, n_deltas);
  rc = sqlite3_step (write);
  desk_tokenizer_replay (NULL, 0, NULL, 0);
  return rc == SQLITE_DONE || desk_store_set_error_from_db (self, error);
}

/* Indexes the words of the documents written since the transaction began,
 * and of their facts: the last writes of the transaction, so that FTS5
 * keeps every row in memory until the commit (see migration 7).  The
 * words of a text recorded as it was read are taken from the records:
 * the tokenizer checks that it is the same text. */
gboolean
_desk_store_index_pending (DeskStore  *self,
                           GError    **error)
{
  for (guint i = 0; i < self->fts_pending->len; i++)
    {
      const PendingIndex *pending = &g_array_index (self->fts_pending, PendingIndex, i);
      sqlite3_stmt *read, *write;
      const gsize whole = 0;
      DeskStoreStep step;

      if (!(read = desk_store_cached (self, "SELECT title, text FROM documents WHERE id = ?", error)) ||
          !(write = desk_store_cached (self, "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (read, 1, pending->id);
      if (sqlite3_step (read) != SQLITE_ROW)
        return desk_store_set_error_from_db (self, error);
      sqlite3_bind_int64 (write, 1, pending->id);
      sqlite3_bind_value (write, 2, sqlite3_column_value (read, 0));
      sqlite3_bind_value (write, 3, sqlite3_column_value (read, 1));
      if (!step_replaying (self, write, pending->tokens, 0, &whole, 1, error))
        return FALSE;
      sqlite3_reset (read);
      sqlite3_reset (write);

      if (!(read = desk_store_cached (self, "SELECT id, text, value, start FROM facts WHERE document_id = ? ORDER BY start", error)) ||
          !(write = desk_store_cached (self, "INSERT INTO facts_fts (rowid, text, value) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (read, 1, pending->id);
      while ((step = desk_store_step (self, read, error)) == DESK_STORE_STEP_ROW)
        {
          /* a fact's text is its passage of the document, and its value
           * often the text without its quotation marks */
          const char *text = (const char *) sqlite3_column_text (read, 1);
          const char *value = (const char *) sqlite3_column_text (read, 2);
          const char *in_text = text != NULL && value != NULL ? strstr (text, value) : NULL;
          gsize deltas[2] = { 0, in_text != NULL ? (gsize) (in_text - text) : 0 };

          sqlite3_reset (write);
          sqlite3_bind_value (write, 1, sqlite3_column_value (read, 0));
          sqlite3_bind_value (write, 2, sqlite3_column_value (read, 1));
          sqlite3_bind_value (write, 3, sqlite3_column_value (read, 2));
          if (!step_replaying (self, write, pending->tokens, sqlite3_column_int64 (read, 3), deltas,
                               in_text != NULL ? 2 : 1, error))
            return FALSE;
        }
      if (step == DESK_STORE_STEP_FAILED)
        return FALSE;
      sqlite3_reset (read);
      sqlite3_reset (write);
    }
  g_array_set_size (self->fts_pending, 0);
  return TRUE;
}

/* Documents matching @query, best first (BM25, the title weighing more),
 * each with a snippet around its best passage. */
GPtrArray *
desk_store_search (DeskStore   *self,
                   const char  *query,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *expression = NULL;
  int rc;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (g_utf8_strlen (query, DESK_STORE_MAX_QUERY * 4 + 1) > DESK_STORE_MAX_QUERY)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY,
                   _("The search is too long: at most %u characters"), DESK_STORE_MAX_QUERY);
      return NULL;
    }
  expression = desk_tokenizer_build_query (query);
  if (expression == NULL)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY,
                   _("The search “%s” has no words to look for"), query);
      return NULL;
    }

  /* three short steps, each FTS5 can answer from the index alone: where
   * the newest RANKED_MATCHES matches begin (a word found in most of a
   * large library is ranked among those, not all: ranking every match is
   * what made such searches slow), the best rows from there, and a
   * snippet for each of those alone, found by its rowid (a snippet reads
   * its document again) */
  {
    gint64 floor = 0;
    gboolean prefix = strchr (query, '*') != NULL;
    g_autoptr(GArray) best = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (double));

    if (!(stmt = desk_store_prepare (self, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1"
                                           " ORDER BY rowid DESC LIMIT 1 OFFSET ?2", error)))
      return NULL;
    sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 2, RANKED_MATCHES - 1);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      floor = sqlite3_column_int64 (stmt, 0);
    else if (rc != SQLITE_DONE)
      {
        desk_store_set_error_from_db (self, error);
        return NULL;
      }
    g_clear_pointer (&stmt, sqlite3_finalize);

    if (!(stmt = desk_store_prepare (self, "SELECT rowid, desk_rank (documents_fts, 4.0, 1.0) AS rank FROM documents_fts"
                                           " WHERE documents_fts MATCH ?1 AND rowid >= ?2 ORDER BY rank LIMIT ?3", error)))
      return NULL;
    sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, floor);
    sqlite3_bind_int (stmt, 3, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);
    while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        double rank = sqlite3_column_double (stmt, 1);

        g_array_append_val (best, id);
        g_array_append_val (ranks, rank);
      }
    if (step == DESK_STORE_STEP_FAILED)
      return NULL;
    g_clear_pointer (&stmt, sqlite3_finalize);

    /* the snippets: the passage around the first word found, read from
     * the document's text; FTS5's snippet () would look the words up in
     * the index again, row by row, and read the whole document, which
     * takes most of a search for a common word.  A prefix search ("coop*")
     * keeps snippet (): only FTS5 knows what the prefix matched. */
    if (prefix)
      stmt = desk_store_prepare (self, "SELECT d.id, d.uid, d.title, d.language,"
                                       " snippet (documents_fts, 1, '" DESK_SEARCH_MARK_OPEN "', '" DESK_SEARCH_MARK_CLOSE "', '…', 24)"
                                       " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                                       " WHERE documents_fts MATCH ?1 AND documents_fts.rowid = ?2", error);
    else
      stmt = desk_store_prepare (self, "SELECT id, uid, title, language, text FROM documents WHERE id = ?2 AND ?1 IS NOT NULL", error);
    if (stmt == NULL)
      return NULL;
    if (!prefix && self->stemmer == NULL)
      self->stemmer = desk_stemmer_new ();
    for (guint i = 0; i < best->len; i++)
      {
        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, g_array_index (best, gint64, i));
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            g_autofree char *passage = prefix
                                       ? g_strdup (desk_store_column_text (stmt, 4))
                                       : desk_stemmer_snippet (self->stemmer, desk_store_column_text (stmt, 4), query, 24,
                                                               DESK_SEARCH_MARK_OPEN, DESK_SEARCH_MARK_CLOSE);

            g_ptr_array_add (hits, desk_search_hit_new (sqlite3_column_int64 (stmt, 0),
                                                        desk_store_column_text (stmt, 1),
                                                        desk_store_column_text (stmt, 2),
                                                        desk_store_column_text (stmt, 3),
                                                        passage,
                                                        g_array_index (ranks, double, i)));
          }
        else if (rc != SQLITE_DONE)
          {
            desk_store_set_error_from_db (self, error);
            return NULL;
          }
      }
  }
  return g_steal_pointer (&hits);
}
