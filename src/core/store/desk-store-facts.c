/* desk-store-facts.c: the facts of the library: written by uid so that
 * review work survives re-extraction, listed, counted */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-store-private.h"

/* Whether a fact's terms are its sentence's (names) rather than its own
 * (the words around a figure) */
gboolean
_desk_store_has_sentence_terms (DeskFactKind kind)
{
  return kind == DESK_FACT_PERSON || kind == DESK_FACT_ORG || kind == DESK_FACT_PLACE;
}

/* Adds the facts of document @id, @sign times, to how many facts of each
 * kind and modality the library has (fact_counts, schema 10): -1 before
 * they change, 1 after */
gboolean
_desk_store_count_document_facts (DeskStore  *self,
                                  gint64      id,
                                  int         sign,
                                  GError    **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self,
                                          "INSERT INTO fact_counts (kind, modality, n)"
                                          " SELECT kind, modality, ?2 * count (*) FROM facts WHERE document_id = ?1"
                                          " GROUP BY kind, modality"
                                          " ON CONFLICT (kind, modality) DO UPDATE SET n = n + excluded.n", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, sign);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Inserts or updates facts by uid (@uids, one for each of @facts), so
 * that whatever is attached to a fact's uid (review work) survives a
 * re-extraction.  The terms of names go to their sentence's row. */
gboolean
_desk_store_upsert_facts (DeskStore   *self,
                          gint64       id,
                          GArray      *facts,
                          GPtrArray   *uids,
                          GError     **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self,
                                          "INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\", section, modality,"
                                          " confidence, extra, sentence, terms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                                          " ON CONFLICT (uid) DO UPDATE SET text = excluded.text, value = excluded.value,"
                                          " section = excluded.section, modality = excluded.modality,"
                                          " confidence = excluded.confidence, extra = excluded.extra,"
                                          " sentence = excluded.sentence, terms = excluded.terms"
                                          /* a fact found again as it was is not written again, nor its indexes */
                                          " WHERE text IS NOT excluded.text OR value IS NOT excluded.value"
                                          " OR section IS NOT excluded.section OR modality IS NOT excluded.modality"
                                          " OR confidence IS NOT excluded.confidence OR extra IS NOT excluded.extra"
                                          " OR sentence IS NOT excluded.sentence OR terms IS NOT excluded.terms", error);
  sqlite3_stmt *sentence = stmt == NULL ? NULL
                         : desk_store_cached (self, "INSERT OR REPLACE INTO sentence_terms (document_id, sentence, terms) VALUES (?, ?, ?)", error);
  gint64 last_sentence = -1;

  if (sentence == NULL)
    return FALSE;
  for (guint i = 0; facts != NULL && i < facts->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);
      const char *uid = g_ptr_array_index (uids, i);
      gboolean of_sentence = _desk_store_has_sentence_terms (f->kind) && f->terms != NULL && f->terms[0] != '\0';

      /* names are mentions of entities (_desk_store_write_mentions) */
      if (desk_fact_kind_is_name (f->kind))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_text (stmt, 3, desk_fact_kind_to_string (f->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, f->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, f->value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, f->start);
      sqlite3_bind_int64 (stmt, 7, f->end);
      if (f->section >= 0)
        sqlite3_bind_int (stmt, 8, f->section);
      else
        sqlite3_bind_null (stmt, 8);
      sqlite3_bind_text (stmt, 9, desk_modality_to_string (f->modality), -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 10, f->confidence);
      sqlite3_bind_text (stmt, 11, f->extra, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, f->sentence);
      if (_desk_store_has_sentence_terms (f->kind))
        {
          if (of_sentence)
            sqlite3_bind_text (stmt, 13, DESK_STORE_SENTENCE_TERMS, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, 13);
        }
      else
        sqlite3_bind_text (stmt, 13, f->terms, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return desk_store_set_error_from_db (self, error);

      /* the names of a sentence have the same terms: written once */
      if (of_sentence && f->sentence != last_sentence)
        {
          sqlite3_reset (sentence);
          sqlite3_bind_int64 (sentence, 1, id);
          sqlite3_bind_int64 (sentence, 2, f->sentence);
          sqlite3_bind_text (sentence, 3, f->terms, -1, SQLITE_STATIC);
          if (sqlite3_step (sentence) != SQLITE_DONE)
            return desk_store_set_error_from_db (self, error);
          last_sentence = f->sentence;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_reset (sentence);
  return TRUE;
}

void
desk_fact_row_free (DeskFactRow *row)
{
  if (row == NULL)
    return;
  desk_fact_clear (&row->fact);
  g_free (row->uid);
  g_free (row->document_title);
  g_free (row->document_language);
  g_free (row->document_published);
  g_free (row->section_title);
  g_free (row->about);
  g_free (row);
}

/* Documents whose facts were extracted by older rules (or never). */
GArray *
desk_store_list_outdated (DeskStore  *self,
                          int         extractor_version,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = desk_store_prepare (self, "SELECT id FROM documents WHERE extractor_version < ? ORDER BY extractor_version, id", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, extractor_version);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&ids);
}

/* Runs @sql (a string literal), whose ?1 is the document @id: prepared
 * once, as it runs for every document extracted again */
static gboolean
for_document (DeskStore   *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Replaces a document's facts with @facts in one transaction (the batch's,
 * within desk_store_begin_batch): facts that
 * are no longer found go, the others keep their rows (and uids). */
gboolean
desk_store_replace_facts (DeskStore   *self,
                          gint64       id,
                          const char  *document_uid,
                          GArray      *facts,
                          int          extractor_version,
                          GError     **error)
{
  g_autoptr(GPtrArray) uids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_uid != NULL, FALSE);

  uids = facts != NULL ? desk_fact_compute_uids (document_uid, facts) : g_ptr_array_new ();
  /* in a batch, its transaction is the batch's */
  if (!self->in_batch && !desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!desk_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS found_facts (uid TEXT PRIMARY KEY, text TEXT, value TEXT,"
                              "  reindex INTEGER NOT NULL DEFAULT 1);"
                              "DELETE FROM found_facts;"
                              /* facts change in place: conflicts are computed again */
                              "DELETE FROM library_state WHERE key IN ('conflicts_through', 'conflicts')", error))
    goto fail;

  /* the facts found now, with what the index of their words holds */
  if (!(stmt = desk_store_cached (self, "INSERT OR REPLACE INTO found_facts (uid, text, value) VALUES (?, ?, ?)", error)))
    goto fail;
  for (guint i = 0; i < uids->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);

      if (desk_fact_kind_is_name (f->kind))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (uids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, f->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, f->value, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          desk_store_set_error_from_db (self, error);
          goto fail;
        }
    }
  sqlite3_reset (stmt);

  /* the words of facts found again with the same text and value stay as
   * they are indexed; those of facts whose text or value changed are
   * indexed again below; those of the facts that go leave with them
   * (facts_ad) */
  if (!for_document (self, "UPDATE found_facts SET reindex = 0 WHERE uid IN"
                           " (SELECT f.uid FROM facts f WHERE f.document_id = ?1 AND f.uid = found_facts.uid"
                           "  AND f.text IS found_facts.text AND f.value IS found_facts.value)", id, error) ||
      !for_document (self, "INSERT INTO facts_fts (facts_fts, rowid, text, value)"
                           " SELECT 'delete', f.id, f.text, f.value FROM facts f JOIN found_facts k ON k.uid = f.uid"
                           " WHERE f.document_id = ?1 AND k.reindex = 1", id, error) ||
      !_desk_store_count_document_facts (self, id, -1, error) ||
      !for_document (self, "DELETE FROM facts WHERE document_id = ?1 AND uid NOT IN (SELECT uid FROM found_facts)", id, error) ||
      !for_document (self, "DELETE FROM sentence_terms WHERE document_id = ?1", id, error) ||
      !_desk_store_upsert_facts (self, id, facts, uids, error) ||
      !_desk_store_write_mentions (self, id, facts, error) ||
      !_desk_store_count_document_facts (self, id, 1, error) ||
      !for_document (self, "INSERT INTO facts_fts (rowid, text, value)"
                           " SELECT f.id, f.text, f.value FROM facts f JOIN found_facts k ON k.uid = f.uid"
                           " WHERE f.document_id = ?1 AND k.reindex = 1", id, error))
    goto fail;

  if (!(stmt = desk_store_cached (self, "UPDATE documents SET extractor_version = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int (stmt, 1, extractor_version);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (self, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!self->in_batch && (!_desk_store_settle_entities (self, error) || !desk_store_exec (self, "COMMIT", error)))
    goto fail;
  return TRUE;

fail:
  if (!self->in_batch)
    {
      self->entities_new = FALSE;
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  return FALSE;
}

DeskFactRow *
_desk_store_fact_row_from_stmt (sqlite3_stmt *stmt)
{
  DeskFactRow *row = g_new0 (DeskFactRow, 1);
  const char *number = desk_store_column_text (stmt, 11);
  const char *title = desk_store_column_text (stmt, 12);

  row->uid = g_strdup (desk_store_column_text (stmt, 0));
  row->document_id = sqlite3_column_int64 (stmt, 1);
  desk_fact_kind_from_string (desk_store_column_text (stmt, 2), &row->fact.kind);
  row->fact.text = g_strdup (desk_store_column_text (stmt, 3));
  row->fact.value = g_strdup (desk_store_column_text (stmt, 4));
  row->fact.start = sqlite3_column_int64 (stmt, 5);
  row->fact.end = sqlite3_column_int64 (stmt, 6);
  row->fact.section = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7);
  desk_modality_from_string (desk_store_column_text (stmt, 8), &row->fact.modality);
  row->fact.confidence = sqlite3_column_double (stmt, 9);
  row->fact.extra = g_strdup (desk_store_column_text (stmt, 10));
  row->fact.sentence = sqlite3_column_int64 (stmt, 16);
  row->document_title = g_strdup (desk_store_column_text (stmt, 13));
  row->document_language = g_strdup (desk_store_column_text (stmt, 14));
  if (title != NULL)
    row->section_title = number && !strstr (title, number) ? g_strdup_printf ("%s %s", number, title) : g_strdup (title);
  return row;
}

/* Hands each fact @filter selects to @func as it is read, in the order of
 * the library (document, place in it): a walk over a million facts holds
 * one at a time.  @func must not write to the library. */
gboolean
desk_store_foreach_fact (DeskStore             *self,
                         const DeskFactFilter  *filter,
                         DeskFactRowFunc        func,
                         gpointer               user_data,
                         GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* each filter in use is a condition of its own, so that SQLite looks a
   * document's or a uid's facts up by index instead of reading them all */
  {
    g_autoptr(GString) sql = g_string_new ("SELECT " DESK_STORE_FACT_ROW_COLUMNS DESK_STORE_FACT_ROW_JOINS " WHERE 1");

    if (filter != NULL && filter->kind >= 0)
      g_string_append (sql, " AND f.kind = ?1");
    if (filter != NULL && filter->modality >= 0)
      g_string_append (sql, " AND f.modality = ?2");
    if (filter != NULL && filter->document_id != 0)
      g_string_append (sql, " AND f.document_id = ?3");
    if (filter != NULL && filter->uid != NULL)
      g_string_append (sql, " AND f.uid = ?4");
    g_string_append (sql, " ORDER BY f.document_id, f.start, f.\"end\" DESC, f.kind");
    if (!(stmt = desk_store_prepare (self, sql->str, error)))
      return FALSE;
  }
  if (filter != NULL && filter->kind >= 0)
    sqlite3_bind_text (stmt, 1, desk_fact_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  if (filter != NULL && filter->modality >= 0)
    sqlite3_bind_text (stmt, 2, desk_modality_to_string (filter->modality), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, filter ? filter->document_id : 0);
  if (filter != NULL && filter->uid != NULL)
    sqlite3_bind_text (stmt, 4, filter->uid, -1, SQLITE_STATIC);

  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    if (!func (_desk_store_fact_row_from_stmt (stmt), user_data, error))
      return FALSE;
  return step == DESK_STORE_STEP_DONE;
}

static gboolean
add_fact_row (DeskFactRow  *row,
              gpointer      user_data,
              GError      **error)
{
  g_ptr_array_add (user_data, row);
  return TRUE;
}

GPtrArray *
desk_store_list_facts (DeskStore             *self,
                       const DeskFactFilter  *filter,
                       GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!desk_store_foreach_fact (self, filter, add_fact_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The facts of the rowids @ids, in that order; a rowid no longer in the
 * library is left out.  One query for a page of a list. */
GPtrArray *
desk_store_get_facts_by_id (DeskStore     *self,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  g_autoptr(GArray) found_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = desk_store_prepare (self, "SELECT " DESK_STORE_FACT_ROW_COLUMNS DESK_STORE_FACT_ROW_JOINS
                             " WHERE f.id IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 15);
      g_ptr_array_add (found, _desk_store_fact_row_from_stmt (stmt));
      g_array_append_val (found_ids, id);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  for (guint i = 0; i < found->len; i++)
    g_hash_table_insert (by_id, &g_array_index (found_ids, gint64, i), GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < n_ids; i++)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &ids[i]));

      /* taken from @found, so that a rowid given twice is listed once */
      if (index > 0 && found->pdata[index - 1] != NULL)
        {
          g_ptr_array_add (rows, found->pdata[index - 1]);
          found->pdata[index - 1] = NULL;
        }
    }
  return g_steal_pointer (&rows);
}

/* One fact by its uid, or NULL with an error naming it. */
DeskFactRow *
desk_store_get_fact (DeskStore   *self,
                     const char  *uid,
                     GError     **error)
{
  DeskFactFilter filter = { -1, -1, 0, uid };
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  if (!(rows = desk_store_list_facts (self, &filter, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND, _("There is no fact “%s” in the library"), uid);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* Counts the facts of a library stored before schema 10 by kind and
 * modality, once: a scan of every fact, done in the background (as the
 * facts of older rules are extracted again).  Those written meanwhile were
 * counted as they came; they are counted again with the others, in the
 * same transaction.  TRUE when there was nothing to do or it is done. */
gboolean
desk_store_update_fact_counts (DeskStore  *self,
                               GError    **error)
{
  gint64 kept;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if ((kept = desk_store_query_int64 (self, "SELECT " DESK_STORE_FACT_COUNTS_KEPT, error)) != 0)
    return kept > 0;
  if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!desk_store_exec (self,
                        "DELETE FROM fact_counts;"
                        "INSERT INTO fact_counts (kind, modality, n) SELECT kind, modality, count (*) FROM facts GROUP BY kind, modality;"
                        "INSERT OR REPLACE INTO library_state (key, value) VALUES ('fact_counts', 'kept');"
                        "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gint64
desk_store_count_facts (DeskStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  return desk_store_query_int64 (self, DESK_STORE_COUNT_FACTS_SQL, error);
}
