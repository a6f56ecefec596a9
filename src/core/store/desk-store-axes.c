/* desk-store-axes.c: the axis scores of paragraphs and facts, the axes
 * documents propose, and what officers assign to axes */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-axes.h"
#include "desk-store-private.h"

/* Stores @scores of the document @id: the rows at or above the threshold
 * for its paragraphs (its facts weigh what their paragraph says), the
 * axes it proposes, and the stamp that marks it scored.  Inside a
 * transaction the caller holds. */
gboolean
_desk_store_write_scores (DeskStore          *self,
                          gint64              id,
                          const char         *doc_uid,
                          DeskDocumentScores *scores,
                          GError            **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = desk_store_cached (self, "DELETE FROM paragraph_scores WHERE document_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);

  if (!(stmt = desk_store_cached (self, "INSERT OR IGNORE INTO paragraph_scores (axis_id, document_id, paragraph, score)"
                                        " VALUES (?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < scores->paragraphs->len; i++)
    {
      GArray *paragraph = g_ptr_array_index (scores->paragraphs, i);

      for (guint a = 0; a < paragraph->len && a < scores->axis_ids->len; a++)
        {
          double score = g_array_index (paragraph, double, a);

          /* only what places a text under an axis is kept: nothing reads less */
          if (score < DESK_AXES_THRESHOLD)
            continue;
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (scores->axis_ids, a), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, id);
          sqlite3_bind_int (stmt, 3, i);
          sqlite3_bind_double (stmt, 4, score);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            return desk_store_set_error_from_db (self, error);
        }
    }
  sqlite3_reset (stmt);

  /* found axes keep what the officer merged them into */
  {
    g_autoptr(GString) kept = g_string_new ("[");

    if (!(stmt = desk_store_cached (self, "INSERT INTO found_axes (id, document_id, position, name, section, start, \"end\")"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position,"
                                          " name = excluded.name, section = excluded.section, \"end\" = excluded.\"end\"", error)))
      return FALSE;
    for (guint i = 0; i < scores->found->len; i++)
      {
        const DeskFoundAxis *axis = g_ptr_array_index (scores->found, i);
        g_autofree char *name_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, axis->name, -1);
        /* stable across re-scoring and across copies of the library */
        g_autofree char *axis_id = g_strdup_printf ("%.12s:%" G_GINT64_FORMAT ":%.8s", doc_uid, axis->start, name_sum);

        /* the id is made of hex digits, digits and colons only: safe in JSON as it is */
        g_string_append_printf (kept, "%s\"%s\"", i > 0 ? "," : "", axis_id);
        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, id);
        sqlite3_bind_int (stmt, 3, i);
        sqlite3_bind_text (stmt, 4, axis->name, -1, SQLITE_STATIC);
        if (axis->section >= 0)
          sqlite3_bind_int (stmt, 5, axis->section);
        else
          sqlite3_bind_null (stmt, 5);
        sqlite3_bind_int64 (stmt, 6, axis->start);
        sqlite3_bind_int64 (stmt, 7, axis->end);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          return desk_store_set_error_from_db (self, error);
      }
    sqlite3_reset (stmt);
    g_string_append_c (kept, ']');
    if (!(stmt = desk_store_cached (self, "DELETE FROM found_axes WHERE document_id = ? AND id NOT IN (SELECT value FROM json_each (?))", error)))
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_text (stmt, 2, kept->str, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return desk_store_set_error_from_db (self, error);
    sqlite3_reset (stmt);
  }

  if (!(stmt = desk_store_cached (self, "INSERT OR REPLACE INTO axes_stamps (stamp, document_id) VALUES (?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, scores->stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Scores a stored document again, reading it back from the library. */
static gboolean
score_document (DeskStore  *self,
                DeskAxes   *axes,
                gint64      id,
                GError    **error)
{
  g_autoptr(DeskParsedDocument) doc = desk_store_load_parsed (self, id, error);
  g_autoptr(DeskDocumentScores) scores = NULL;

  if (doc == NULL)
    return FALSE;
  scores = desk_axes_score_document (axes, doc);
  return _desk_store_write_scores (self, id, doc->uid, scores, error);
}

#define SCORE_BATCH 100

/* Scores the documents not yet scored against these axes (all of them
 * when the axes file or the rules changed).  The officer's assignments
 * are kept apart and never touched here.  Returns how many, or -1. */
int
desk_store_update_axes (DeskStore     *self,
                        DeskAxes      *axes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *stamp = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  g_return_val_if_fail (axes != NULL, -1);

  stamp = desk_axes_get_stamp (axes);
  /* every document scored by these axes: nothing to read (the usual case
   * when the window opens) */
  if (!(stmt = desk_store_prepare (self, "SELECT (SELECT count (*) FROM documents) = (SELECT count (*) FROM axes_stamps WHERE stamp = ?)", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (self, error);
      return -1;
    }
  if (sqlite3_column_int (stmt, 0))
    return 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = desk_store_prepare (self, "SELECT d.id FROM documents d LEFT JOIN axes_stamps a ON a.document_id = d.id"
                                         " WHERE a.stamp IS NULL OR a.stamp != ? ORDER BY d.id", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return -1;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* documents are scored in batches: one commit per hundred, not per document */
  for (guint i = 0; i < ids->len; i++)
    {
      if ((i % SCORE_BATCH == 0 && !desk_store_exec (self, "BEGIN IMMEDIATE", error)) ||
          g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !score_document (self, axes, g_array_index (ids, gint64, i), error) ||
          ((i % SCORE_BATCH == SCORE_BATCH - 1 || i + 1 == ids->len) && !desk_store_exec (self, "COMMIT", error)))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return -1;
        }
    }
  return ids->len;
}

/* Facts behind an axis, best first: those scored at or above the
 * threshold, those inside a found axis merged into it, and those the
 * officer assigned; never those the officer took off.  @kind -1 for all. */
GPtrArray *
desk_store_list_axis_facts (DeskStore   *self,
                            const char  *axis_id,
                            int          kind,
                            GError     **error)
{
  return desk_store_list_axis_facts_best (self, axis_id, kind, 0, error);
}

/* The facts behind an axis, as rowids with their best score: scored
 * through their paragraph, inside a found axis merged into it, or the
 * officer's; ?1 the axis, ?2 the threshold, ?3 a kind or NULL */
#define AXIS_FACTS \
  "WITH candidates (id, score) AS (" \
  "  SELECT f.id, s.score FROM paragraph_scores s" \
  "    JOIN paragraphs p ON p.document_id = s.document_id AND p.position = s.paragraph" \
  "    JOIN facts f ON f.document_id = p.document_id AND f.start >= p.start AND f.start < p.\"end\"" \
  "    WHERE s.axis_id = ?1 AND s.score >= ?2 AND (?3 IS NULL OR f.kind = ?3)" \
  "  UNION ALL SELECT f.id, 100 FROM found_axes a JOIN facts f ON f.document_id = a.document_id" \
  "    AND f.start >= a.start AND f.start < a.\"end\" WHERE a.merged_into = ?1 AND (?3 IS NULL OR f.kind = ?3)" \
  "  UNION ALL SELECT f.id, 1000 FROM axis_overrides o JOIN facts f ON f.uid = o.target" \
  "    WHERE o.axis_id = ?1 AND o.assigned = 1 AND (?3 IS NULL OR f.kind = ?3))," \
  " best (id, score) AS (SELECT id, max (score) FROM candidates GROUP BY id)"

/* How many facts stand under the axis, from how many documents, and the
 * newest date among them (of the document, or of the fact when it is a
 * later date); FALSE on error. */
gboolean
desk_store_summarize_axis (DeskStore   *self,
                           const char  *axis_id,
                           guint       *n_facts,
                           guint       *n_documents,
                           char       **newest,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (axis_id != NULL, FALSE);

  stmt = desk_store_prepare (self,
                             AXIS_FACTS
                             " SELECT count (*), count (DISTINCT f.document_id),"
                             "  max (CASE WHEN f.kind = 'date' AND substr (f.value, 1, 1) BETWEEN '0' AND '9'"
                             "        AND (d.published IS NULL OR f.value > d.published) THEN f.value ELSE d.published END)"
                             " FROM best JOIN facts f ON f.id = best.id JOIN documents d ON d.id = f.document_id"
                             " WHERE NOT EXISTS (SELECT 1 FROM axis_overrides o WHERE o.axis_id = ?1 AND o.target = f.uid AND o.assigned = 0)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, DESK_AXES_THRESHOLD);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return desk_store_set_error_from_db (self, error);
  *n_facts = sqlite3_column_int (stmt, 0);
  *n_documents = sqlite3_column_int (stmt, 1);
  *newest = g_strdup (desk_store_column_text (stmt, 2));
  return TRUE;
}

/* Hands the @limit best facts behind an axis (0: all of them) to @func as
 * they are read, best first, as desk_store_list_axis_facts () lists them;
 * @func must not write to the library. */
gboolean
desk_store_foreach_axis_fact (DeskStore        *self,
                              const char       *axis_id,
                              int               kind,
                              guint             limit,
                              DeskFactRowFunc   func,
                              gpointer          user_data,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (axis_id != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = desk_store_prepare (self,
                             AXIS_FACTS
                             " SELECT " DESK_STORE_FACT_ROW_COLUMNS ", best.score, d.published"
                             " FROM best JOIN facts f ON f.id = best.id JOIN documents d ON d.id = f.document_id"
                             " LEFT JOIN sections s ON s.document_id = f.document_id AND s.position = f.section"
                             " WHERE NOT EXISTS (SELECT 1 FROM axis_overrides o WHERE o.axis_id = ?1 AND o.target = f.uid AND o.assigned = 0)"
                             " ORDER BY best.score DESC, d.published DESC, f.document_id, f.start, f.id LIMIT ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, DESK_AXES_THRESHOLD);
  if (kind >= 0)
    sqlite3_bind_text (stmt, 3, desk_fact_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);

  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      DeskFactRow *row = _desk_store_fact_row_from_stmt (stmt);

      row->score = sqlite3_column_double (stmt, 17);
      row->document_published = g_strdup (desk_store_column_text (stmt, 18));
      if (!func (row, user_data, error))
        return FALSE;
    }
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

/* The @limit best facts behind an axis (0: all of them), best first, as
 * desk_store_list_axis_facts () lists them. */
GPtrArray *
desk_store_list_axis_facts_best (DeskStore   *self,
                                 const char  *axis_id,
                                 int          kind,
                                 guint        limit,
                                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (axis_id != NULL, NULL);

  if (!desk_store_foreach_axis_fact (self, axis_id, kind, limit, add_fact_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Whether any document proposes axes of its own. */
gboolean
desk_store_has_found_axes (DeskStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!(stmt = desk_store_prepare (self, "SELECT 1 FROM found_axes LIMIT 1", NULL)))
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The officer's word on whether @target (a fact uid) belongs to @axis_id;
 * scoring never overrides it. */
gboolean
desk_store_set_axis_assignment (DeskStore   *self,
                                const char  *axis_id,
                                const char  *target,
                                gboolean     assigned,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!(stmt = desk_store_prepare (self, "INSERT INTO axis_overrides (axis_id, target, assigned) VALUES (?, ?, ?)"
                                         " ON CONFLICT (axis_id, target) DO UPDATE SET assigned = excluded.assigned", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, assigned ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  return TRUE;
}

void
desk_found_axis_row_free (DeskFoundAxisRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->document_title);
  g_free (row->merged_into);
  g_free (row);
}

/* Hands each axis found in a document to @func as it is read, by the
 * document's title and the axis's place in it; @func must not write to
 * the library. */
gboolean
desk_store_foreach_found_axis (DeskStore          *self,
                               DeskFoundAxisFunc   func,
                               gpointer            user_data,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = desk_store_prepare (self, "SELECT a.id, a.document_id, a.name, a.start, a.\"end\", a.merged_into, d.title,"
                                   " (SELECT count (*) FROM facts f WHERE f.document_id = a.document_id AND f.kind = 'proposal'"
                                   "  AND f.start >= a.start AND f.start < a.\"end\")"
                                   " FROM found_axes a JOIN documents d ON d.id = a.document_id ORDER BY d.title, a.position", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      DeskFoundAxisRow *row = g_new0 (DeskFoundAxisRow, 1);

      row->id = g_strdup (desk_store_column_text (stmt, 0));
      row->document_id = sqlite3_column_int64 (stmt, 1);
      row->name = g_strdup (desk_store_column_text (stmt, 2));
      row->start = sqlite3_column_int64 (stmt, 3);
      row->end = sqlite3_column_int64 (stmt, 4);
      row->merged_into = g_strdup (desk_store_column_text (stmt, 5));
      row->document_title = g_strdup (desk_store_column_text (stmt, 6));
      row->n_proposals = sqlite3_column_int (stmt, 7);
      if (!func (row, user_data, error))
        return FALSE;
    }
  return step == DESK_STORE_STEP_DONE;
}

static gboolean
add_found_axis (DeskFoundAxisRow  *row,
                gpointer           user_data,
                GError           **error)
{
  g_ptr_array_add (user_data, row);
  return TRUE;
}

GPtrArray *
desk_store_list_found_axes (DeskStore  *self,
                            GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_found_axis_row_free);

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!desk_store_foreach_found_axis (self, add_found_axis, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Makes a found axis count for a shipped one (or for none, with NULL). */
gboolean
desk_store_merge_found_axis (DeskStore   *self,
                             const char  *found_id,
                             const char  *axis_id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!(stmt = desk_store_prepare (self, "UPDATE found_axes SET merged_into = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, found_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                   _("There is no axis “%s” found in the documents"), found_id);
      return FALSE;
    }
  return TRUE;
}

/* The axes a fact stands under (axis ids), as desk_store_list_axis_facts ()
 * decides it: scored, merged through a found axis, or the officer's word. */
GStrv
desk_store_list_fact_axes (DeskStore   *self,
                           const char  *uid,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = desk_store_prepare (self,
                             "SELECT axis_id FROM ("
                             "  SELECT s.axis_id FROM facts f"
                             "    JOIN paragraphs p ON p.document_id = f.document_id AND p.start <= f.start AND f.start < p.\"end\""
                             "    JOIN paragraph_scores s ON s.document_id = p.document_id AND s.paragraph = p.position"
                             "    WHERE f.uid = ?1 AND s.score >= ?2"
                             "  UNION SELECT a.merged_into FROM found_axes a JOIN facts f ON f.document_id = a.document_id"
                             "    AND f.start >= a.start AND f.start < a.\"end\" WHERE f.uid = ?1 AND a.merged_into IS NOT NULL"
                             "  UNION SELECT axis_id FROM axis_overrides WHERE target = ?1 AND assigned = 1)"
                             " WHERE axis_id NOT IN (SELECT axis_id FROM axis_overrides WHERE target = ?1 AND assigned = 0)"
                             " ORDER BY axis_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, DESK_AXES_THRESHOLD);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_strv_builder_add (builder, desk_store_column_text (stmt, 0));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_strv_builder_end (builder);
}
