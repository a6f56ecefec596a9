/* desk-store-conflicts.c: the facts of the library that disagree, found
 * by desk-conflicts.c among the facts read here, kept in the table
 * conflicts and brought up to date as the library grows */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <sqlite3.h>

#include "desk-conflicts.h"
#include "desk-store-private.h"

/* Every fact of a measure or a name is compared with those that share its
 * words, across the whole library: the figures all at once, the names one
 * name at a time as SQL sorts them, so that memory grows with the
 * vocabulary and the figures, not with the whole library. */

/* What one computation of conflicts works with */
typedef struct
{
  DeskStore *self;
  sqlite3_stmt *insert;
  sqlite3_stmt *sentence;  /* the terms of a sentence */
  GHashTable *background;  /* "@name" of names too common to tell claims apart */
  gint64 since;            /* facts of larger rowids are compared; 0: all */
  DeskConflictFinder *finder;
} ConflictRun;

static gboolean
insert_conflict_cb (const char  *a_uid,
                    const char  *b_uid,
                    const char  *reason,
                    gpointer     user_data,
                    GError     **error)
{
  ConflictRun *run = user_data;

  sqlite3_reset (run->insert);
  sqlite3_bind_text (run->insert, 1, a_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 2, b_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 3, reason, -1, SQLITE_STATIC);
  if (sqlite3_step (run->insert) != SQLITE_DONE)
    return desk_store_set_error_from_db (run->self, error);
  return TRUE;
}

static gboolean
read_sentence_terms_cb (gint64       document_id,
                        gint64       sentence,
                        const char **terms,
                        gpointer     user_data,
                        GError     **error)
{
  ConflictRun *run = user_data;

  sqlite3_reset (run->sentence);
  sqlite3_bind_int64 (run->sentence, 1, document_id);
  sqlite3_bind_int64 (run->sentence, 2, sentence);
  switch (sqlite3_step (run->sentence))
    {
    case SQLITE_ROW:
      *terms = desk_store_column_text (run->sentence, 0);
      return TRUE;
    case SQLITE_DONE:
      *terms = NULL;
      return TRUE;
    default:
      return desk_store_set_error_from_db (run->self, error);
    }
}

/* A fact from a row of: id, document_id, kind, value, modality, its
 * terms (a figure) or the start of its sentence (a name), and uid */
static DeskConflictFact *
read_conflict_fact (ConflictRun  *run,
                    sqlite3_stmt *stmt)
{
  gboolean figure = sqlite3_column_type (stmt, 5) == SQLITE_TEXT;

  return desk_conflict_finder_read_fact (run->finder,
                                         sqlite3_column_int64 (stmt, 0),
                                         desk_store_column_text (stmt, 6),
                                         sqlite3_column_int64 (stmt, 1),
                                         desk_store_column_text (stmt, 2),
                                         desk_store_column_text (stmt, 3),
                                         desk_store_column_text (stmt, 4),
                                         figure ? desk_store_column_text (stmt, 5) : NULL,
                                         figure ? 0 : sqlite3_column_int64 (stmt, 5));
}

/* Facts from @stmt's rows (id, document_id, kind, value, modality, terms) */
static gboolean
read_conflict_facts (ConflictRun   *run,
                     sqlite3_stmt  *stmt,
                     GPtrArray     *facts,
                     GError       **error)
{
  DeskStoreStep step;

  while ((step = desk_store_step (run->self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (facts, read_conflict_fact (run, stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;
  return TRUE;
}

/* names with the terms of their sentence */
#define NAME_FACTS "facts f WHERE f.kind IN ('person', 'org', 'place') AND f.terms = '" DESK_STORE_SENTENCE_TERMS "'"
/* the same after "id > ?": read along the rowids, not the index of kinds */
#define NEW_NAME_FACTS "facts f WHERE +f.kind IN ('person', 'org', 'place') AND f.terms = '" DESK_STORE_SENTENCE_TERMS "' AND f.id > ?1"
#define CONFLICT_COLUMNS "f.id, f.document_id, f.kind, f.value, f.modality, f.sentence, f.uid"
#define FIGURE_COLUMNS "id, document_id, kind, value, modality, terms, uid"

/* Every name's facts, one name at a time, in SQL's order */
static gboolean
compare_all_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (desk_conflict_fact_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *current = NULL;

  stmt = desk_store_prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS " ORDER BY f.value", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *value = NULL;
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        value = desk_store_column_text (stmt, 3);
      else if (rc != SQLITE_DONE)
        return desk_store_set_error_from_db (run->self, error);
      /* a group ends: compare its facts two by two */
      if (current != NULL && (value == NULL || !g_str_equal (value, current)))
        {
          g_autofree char *key = desk_fact_entity_term (current);

          if (!g_hash_table_contains (run->background, key) && !desk_conflict_finder_compare_claims (run->finder, group, error))
            return FALSE;
          g_ptr_array_set_size (group, 0);
          g_clear_pointer (&current, g_free);
        }
      if (value == NULL)
        return TRUE;
      if (current == NULL)
        current = g_strdup (value);
      g_ptr_array_add (group, read_conflict_fact (run, stmt));
    }
}

/* The facts of the names the new facts give, name by name (through the
 * index of values, which ignores case: the value is then compared whole;
 * names have no unit and no amount, the terms facts_amount begins with) */
static gboolean
compare_new_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) group_stmt = NULL;
  DeskStoreStep step;

  names = desk_store_prepare (run->self, "SELECT DISTINCT f.value FROM " NEW_NAME_FACTS, error);
  group_stmt = names == NULL ? NULL
             : desk_store_prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS
                                              " AND " DESK_STORE_FACT_UNIT_SQL ("f.") " = '' AND " DESK_STORE_FACT_AMOUNT_SQL ("f.") " = 0"
                                              " AND f.value = ?1 COLLATE NOCASE AND f.value = ?1 ORDER BY f.id", error);
  if (group_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (names, 1, run->since);
  while ((step = desk_store_step (run->self, names, error)) == DESK_STORE_STEP_ROW)
    {
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (desk_conflict_fact_free);
      const char *value = desk_store_column_text (names, 0);
      g_autofree char *key = desk_fact_entity_term (value);

      if (g_hash_table_contains (run->background, key))
        continue;
      sqlite3_reset (group_stmt);
      sqlite3_bind_text (group_stmt, 1, value, -1, SQLITE_TRANSIENT);
      if (!read_conflict_facts (run, group_stmt, group, error) || !desk_conflict_finder_compare_claims (run->finder, group, error))
        return FALSE;
    }
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;
  return TRUE;
}

/* How often each name comes (as the extractor named it: the terms of
 * claims hold that name), and in how many documents: the counts the
 * entities keep as documents come in, so that a library of millions of
 * mentions is not counted again at every import */
static gboolean
count_names (ConflictRun  *run,
             gboolean      whole,
             GError      **error)
{
  return desk_store_exec (run->self, "DELETE FROM name_counts;"
                                     "INSERT INTO name_counts (value, n, docs)"
                                     " SELECT e.key, max (f.n_mentions), max (f.n_documents) FROM entities e"
                                     " JOIN entities f ON f.id = coalesce (e.merged_into, e.id)"
                                     " WHERE f.n_mentions > 0 GROUP BY e.key;"
                                     "INSERT OR REPLACE INTO library_state (key, value)"
                                     " SELECT 'conflicts_documents', count (*) FROM documents d"
                                     " WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id)",
                          error);
}

/* Names that nearly every document gives (the two countries of the
 * dialogue), or so often that they tell no claim from another, as "@name" */
static GHashTable *
read_background (DeskStore  *self,
                 GError    **error)
{
  g_autoptr(GHashTable) background = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  stmt = desk_store_prepare (self, "SELECT " DESK_FACT_ENTITY_TERM_SQL ("value") " FROM name_counts"
                                   " WHERE n > 400 OR (?1 >= 3 AND docs * 10 >= ?1 * 9)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, desk_store_get_state (self, "conflicts_documents"));
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_hash_table_add (background, g_strdup (desk_store_column_text (stmt, 0)));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&background);
}

static gboolean
same_names (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

/* The largest rowid of a fact, 0 when there are none */
#define LAST_FACT "SELECT coalesce (max (id), 0) FROM facts"

/* Conflicts are computed for the whole library again when it has a
 * quarter more facts than at the last whole computation (or its facts were
 * extracted again: that forgets the state); in between, only the facts
 * added since are compared, with the library and with each other, and
 * the names too common to count are those of the last whole computation.
 * Adding a document to a large library then costs what the document's
 * facts cost, and the whole work, spread over the growth, stays in
 * proportion to it. */
#define CONFLICTS_GROWTH_DIVISOR 4

/* Links facts of different documents that disagree: two figures of the
 * same unit for the same measure (the words around them) with different
 * values; the same entities in claims of which one says it happened and
 * the other that it is proposed, expected, intended or denied. */
gboolean
desk_store_update_conflicts (DeskStore  *self,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (desk_conflict_fact_free);
  ConflictRun run = { self, NULL, NULL, NULL, 0, NULL };
  g_autoptr(GHashTable) before = NULL;
  gint64 last, through, whole;
  gboolean again, ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  /* facts only ever come with new rowids, or are extracted again */
  if ((last = desk_store_query_int64 (self, LAST_FACT, error)) < 0)
    return FALSE;
  if (desk_store_get_state (self, "conflicts_through") == last)
    return TRUE;

  if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* read again, now that no one else writes: another process may have
   * added facts, or compared them, meanwhile */
  if ((last = desk_store_query_int64 (self, LAST_FACT, error)) < 0)
    goto fail;
  through = desk_store_get_state (self, "conflicts_through");
  whole = desk_store_get_state (self, "conflicts_whole");
  if (through == last)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return TRUE;
    }
  again = through < 0 || through > last || whole <= 0 || (last - whole) * CONFLICTS_GROWTH_DIVISOR > whole;
  run.since = again ? 0 : through;

  /* a name that becomes too common (or no longer is) changes what the
   * facts already compared say of each other: everything is compared again */
  if (!again && !(before = read_background (self, error)))
    goto fail;
  if (!count_names (&run, again, error) || !(run.background = read_background (self, error)))
    goto fail;
  if (!again && !same_names (before, run.background))
    again = TRUE, run.since = 0;
  run.finder = desk_conflict_finder_new (run.background, run.since, read_sentence_terms_cb, insert_conflict_cb, &run);
  if (again && !desk_store_exec (self, "DELETE FROM conflicts", error))
    goto fail;
  if (!(run.insert = desk_store_prepare (self, "INSERT OR IGNORE INTO conflicts (a, b, reason) VALUES (?, ?, ?)", error)) ||
      !(run.sentence = desk_store_prepare (self, "SELECT terms FROM sentence_terms WHERE document_id = ? AND sentence = ?", error)))
    goto fail;

  /* every figure: a new one may meet any (there are few of them) */
  if (!(stmt = desk_store_prepare (self, "SELECT " FIGURE_COLUMNS " FROM facts"
                                         " WHERE terms IS NOT NULL AND terms != '' AND kind IN ('money', 'quantity', 'percent')", error)) ||
      !read_conflict_facts (&run, stmt, figures, error) ||
      !desk_conflict_finder_compare_figures (run.finder, figures, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_ptr_array_set_size (figures, 0);

  if (!(again ? compare_all_claims (&run, error) : compare_new_claims (&run, error)))
    goto fail;

  if (!desk_store_set_state (self, "conflicts_through", last, error) ||
      (again && !desk_store_set_state (self, "conflicts_whole", last, error)))
    goto fail;
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  if (!desk_store_exec (self, "COMMIT", error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
out:
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  g_clear_pointer (&run.finder, desk_conflict_finder_free);
  g_clear_pointer (&run.background, g_hash_table_unref);
  return ok;
}

/* The facts that disagree with the fact @uid, each with why. */
GPtrArray *
desk_store_list_conflicts (DeskStore   *self,
                           const char  *uid,
                           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  sqlite3_stmt *stmt;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  /* prepared once: "facts --json" asks for every fact's */
  stmt = desk_store_cached (self,
                            "SELECT f.uid, f.document_id, f.kind, f.text, f.value, f.start, f.\"end\", f.modality, c.reason, d.title"
                            " FROM conflicts c JOIN facts f ON f.uid = CASE WHEN c.a = ?1 THEN c.b ELSE c.a END"
                            " JOIN documents d ON d.id = f.document_id"
                            " WHERE c.a = ?1 OR c.b = ?1 ORDER BY d.title, f.start", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      DeskFactRow *row = g_new0 (DeskFactRow, 1);

      row->uid = g_strdup (desk_store_column_text (stmt, 0));
      row->document_id = sqlite3_column_int64 (stmt, 1);
      desk_fact_kind_from_string (desk_store_column_text (stmt, 2), &row->fact.kind);
      row->fact.text = g_strdup (desk_store_column_text (stmt, 3));
      row->fact.value = g_strdup (desk_store_column_text (stmt, 4));
      row->fact.start = sqlite3_column_int64 (stmt, 5);
      row->fact.end = sqlite3_column_int64 (stmt, 6);
      desk_modality_from_string (desk_store_column_text (stmt, 7), &row->fact.modality);
      row->fact.extra = g_strdup (desk_store_column_text (stmt, 8)); /* the reason */
      row->document_title = g_strdup (desk_store_column_text (stmt, 9));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&rows);
}
