/* desk-store-schema.c: the library's tables, their migrations from one
 * version to the next, and its integrity check */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-store-private.h"

/* Each entry brings the schema from version i to i + 1, in one transaction. */
static const char * const migrations[] = {
  /* 0 → 1: documents, their outline and paragraphs, and the full-text index */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  path TEXT,"
  "  format TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  languages TEXT NOT NULL,"
  "  published TEXT,"
  "  imported TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  n_chars INTEGER NOT NULL,"
  "  n_sections INTEGER NOT NULL,"
  "  text TEXT NOT NULL);"
  "CREATE TABLE sections ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL,"
  "  depth INTEGER NOT NULL,"
  "  number TEXT,"
  "  title TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  UNIQUE (document_id, position));"
  "CREATE TABLE paragraphs ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  language TEXT NOT NULL,"
  "  PRIMARY KEY (document_id, position)) WITHOUT ROWID;"
  "CREATE VIRTUAL TABLE documents_fts USING fts5 ("
  "  title, text, content='documents', content_rowid='id', tokenize='desk');"
  "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
  "  INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;",

  /* 1 → 2: facts, and which version of the rules extracted a document's */
  "ALTER TABLE documents ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE facts ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  section INTEGER,"
  "  modality TEXT NOT NULL,"
  "  confidence REAL NOT NULL,"
  "  extra TEXT);"
  "CREATE INDEX facts_document ON facts (document_id, start);"
  "CREATE INDEX facts_kind ON facts (kind, modality);",

  /* 2 → 3: what facts are about, and the facts that disagree across documents */
  "ALTER TABLE facts ADD COLUMN sentence INTEGER;"
  "ALTER TABLE facts ADD COLUMN terms TEXT;"
  "CREATE TABLE conflicts ("
  "  a TEXT NOT NULL,"
  "  b TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  PRIMARY KEY (a, b)) WITHOUT ROWID;"
  "CREATE INDEX conflicts_b ON conflicts (b);",

  /* 3 → 4: axes found in documents, scores against axes, and the officer's assignments */
  "ALTER TABLE documents ADD COLUMN axes_stamp TEXT;"
  "CREATE TABLE found_axes ("
  "  id TEXT PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  section INTEGER,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  merged_into TEXT);"
  "CREATE TABLE axis_scores ("
  "  axis_id TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  is_fact INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (axis_id, target)) WITHOUT ROWID;"
  "CREATE INDEX axis_scores_document ON axis_scores (document_id);"
  "CREATE TABLE axis_overrides ("
  "  axis_id TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  assigned INTEGER NOT NULL,"
  "  PRIMARY KEY (axis_id, target)) WITHOUT ROWID;",

  /* 4 → 5: review sessions, the current state of every reviewed fact, the
   * log of every change, events waiting for their document, and the files
   * already merged */
  "CREATE TABLE review_sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  reviewer TEXT NOT NULL,"
  "  started TEXT NOT NULL,"
  "  ended TEXT,"
  "  origin TEXT);"
  "CREATE TABLE review_state ("
  "  target TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  value TEXT,"
  "  PRIMARY KEY (target, field)) WITHOUT ROWID;"
  "CREATE TABLE review_events ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  session_id INTEGER NOT NULL REFERENCES review_sessions (id),"
  "  time TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  document_uid TEXT,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  batch INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX review_events_target ON review_events (target);"
  "CREATE TABLE review_pending ("
  "  event_uid TEXT PRIMARY KEY,"
  "  document_uid TEXT NOT NULL,"
  "  session_uid TEXT NOT NULL,"
  "  event TEXT NOT NULL);",

  /* 5 → 6: which axes scored a document, apart from the document's row:
   * updating that row rewrote its whole text */
  "CREATE TABLE axes_stamps ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
  "  stamp TEXT NOT NULL);"
  "INSERT INTO axes_stamps (document_id, stamp) SELECT id, axes_stamp FROM documents WHERE axes_stamp IS NOT NULL;"
  "UPDATE documents SET axes_stamp = NULL WHERE axes_stamp IS NOT NULL;",

  /* 6 → 7: what the paging lists sort by, so that a page of a sorted list
   * walks an index instead of sorting the library; and the words of facts,
   * so that filtering a million facts by text is a lookup, not a scan */
  "CREATE INDEX documents_title ON documents (title COLLATE NOCASE);"
  "CREATE INDEX documents_languages ON documents (languages);"
  "CREATE INDEX documents_published ON documents (coalesce (published, ''));"
  "CREATE INDEX documents_size ON documents (size);"
  "CREATE INDEX facts_text ON facts (text COLLATE NOCASE);"
  "CREATE INDEX facts_value ON facts (value COLLATE NOCASE);"
  "CREATE INDEX facts_modality ON facts (modality);"
  "CREATE VIRTUAL TABLE facts_fts USING fts5 ("
  "  text, value, content='facts', content_rowid='id', tokenize='desk');"
  /* new rows are indexed by the store when a write transaction ends
   * (index_pending): an insert trigger on an FTS5 table makes SQLite open
   * a savepoint per statement, and FTS5 writes out what it holds at every
   * savepoint, a segment per row */
  "DROP TRIGGER documents_ai;"
  "CREATE TRIGGER facts_ad AFTER DELETE ON facts BEGIN"
  "  INSERT INTO facts_fts (facts_fts, rowid, text, value) VALUES ('delete', old.id, old.text, old.value);"
  "END;"
  "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild');",

  /* 7 → 8: scores of paragraphs alone: a fact weighs what its paragraph
   * says, so its rows repeated the paragraph's five times over and were
   * most of what import wrote */
  "CREATE TABLE paragraph_scores ("
  "  axis_id TEXT NOT NULL,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  paragraph INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (axis_id, document_id, paragraph)) WITHOUT ROWID;"
  "CREATE INDEX paragraph_scores_document ON paragraph_scores (document_id, paragraph);"
  "INSERT OR IGNORE INTO paragraph_scores (axis_id, document_id, paragraph, score)"
  "  SELECT s.axis_id, s.document_id, CAST (substr (s.target, length (d.uid) + 4) AS INTEGER), s.score"
  "  FROM axis_scores s JOIN documents d ON d.id = s.document_id WHERE s.is_fact = 0;"
  "DROP TABLE axis_scores;"
  /* what the library's derived tables were last computed from */
  "CREATE TABLE library_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  /* which documents older rules extracted, without reading their text,
   * stored before this column */
  "CREATE INDEX documents_extractor ON documents (extractor_version);"
  /* the facts of one language's documents, found document by document */
  "CREATE INDEX documents_language ON documents (language);",

  /* 8 → 9: how often each name comes, kept up to date as documents come
   * in, so that conflicts compare only the new facts; what the names of a
   * sentence are about, once for the sentence rather than in each of its
   * names' rows (they were a quarter of a library, written again for
   * every name of the sentence) */
  "CREATE TABLE name_counts ("
  "  value TEXT PRIMARY KEY,"
  "  n INTEGER NOT NULL,"
  "  docs INTEGER NOT NULL) WITHOUT ROWID;"
  "DELETE FROM library_state WHERE key = 'conflicts';"
  /* filled as the facts are extracted again (extractor version 3), which
   * rewrites every name's row: moving the old terms here first would
   * rewrite them twice, and keep a large library from opening meanwhile */
  "CREATE TABLE sentence_terms ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  sentence INTEGER NOT NULL,"
  "  terms TEXT NOT NULL,"
  "  PRIMARY KEY (document_id, sentence)) WITHOUT ROWID;"
  /* the facts of a kind or a modality in document order, read along an
   * index: the list's pages sorted all of a common kind's facts again */
  "DROP INDEX facts_kind;"
  "CREATE INDEX facts_kind ON facts (kind, document_id, start);"
  "DROP INDEX facts_modality;"
  "CREATE INDEX facts_modality ON facts (modality, document_id, start);",

  /* 9 → 10: how many facts of each kind and modality there are, kept as
   * documents' facts are written: counting them in the Facts list read a
   * million index entries at every filter change (the library's total
   * among them).  Not by triggers: a trigger on facts makes every insert
   * of an import keep a statement journal.  A library with facts has them
   * counted later, in the background (desk_store_update_fact_counts):
   * counting them here kept a large library from opening for seconds;
   * until then they are counted as before */
  "CREATE TABLE fact_counts ("
  "  kind TEXT NOT NULL,"
  "  modality TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, modality)) WITHOUT ROWID;"
  "DELETE FROM library_state WHERE key = 'fact_counts';"
  "INSERT INTO library_state (key, value) SELECT 'fact_counts', 'kept' WHERE NOT EXISTS (SELECT 1 FROM facts);",

  /* 10 → 11: people, organizations and places are entities, their names
   * mentions: an officer does not review the word "Perú" seventy times.
   * An entity is what the extractor named (its kind and canonical name:
   * the key), with the officer's decisions on it mirrored from
   * review_state (desk-store-entities.c); an alias is one way a document
   * writes it; a mention is one place an alias stands.  The name facts
   * of the library become mentions here, and leave the facts: their
   * review events stay in the history, and what an officer decided of
   * every mention of a name alike is carried to its entity */
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  name_es TEXT NOT NULL,"
  "  name_en TEXT NOT NULL,"
  "  name TEXT,"
  "  kind_set TEXT,"
  "  merged_into INTEGER,"
  "  rejected INTEGER NOT NULL DEFAULT 0,"
  "  n_mentions INTEGER NOT NULL DEFAULT 0,"
  "  n_documents INTEGER NOT NULL DEFAULT 0,"
  "  newest TEXT,"
  "  UNIQUE (kind, key));"
  "CREATE INDEX entities_merged ON entities (merged_into);"
  "CREATE INDEX entities_mentions ON entities (n_mentions);"
  "CREATE TABLE aliases ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  base_id INTEGER NOT NULL REFERENCES entities (id),"
  "  entity_id INTEGER NOT NULL REFERENCES entities (id),"
  "  form TEXT NOT NULL);"
  "CREATE INDEX aliases_entity ON aliases (entity_id);"
  "CREATE INDEX aliases_base ON aliases (base_id);"
  "CREATE INDEX aliases_form ON aliases (form);"
  "CREATE TABLE mentions ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  alias_id INTEGER NOT NULL REFERENCES aliases (id),"
  "  sentence INTEGER NOT NULL,"
  "  PRIMARY KEY (document_id, start)) WITHOUT ROWID;"
  "CREATE INDEX mentions_alias ON mentions (alias_id, document_id);"
  "CREATE INDEX mentions_sentence ON mentions (document_id, sentence);"
  "INSERT OR IGNORE INTO entities (uid, kind, key, name_es, name_en)"
  "  SELECT desk_entity_uid (kind, value), kind, value, value, value FROM facts"
  "  WHERE kind IN ('person', 'org', 'place') GROUP BY kind, value;"
  "INSERT OR IGNORE INTO aliases (uid, base_id, entity_id, form)"
  "  SELECT desk_alias_uid (e.uid, f.text), e.id, e.id, f.text FROM facts f"
  "  JOIN entities e ON e.kind = f.kind AND e.key = f.value"
  "  WHERE f.kind IN ('person', 'org', 'place') GROUP BY e.id, f.text;"
  "INSERT OR IGNORE INTO mentions (document_id, start, \"end\", alias_id, sentence)"
  "  SELECT f.document_id, f.start, f.\"end\", a.id, coalesce (f.sentence, f.start) FROM facts f"
  "  JOIN entities e ON e.kind = f.kind AND e.key = f.value"
  "  JOIN aliases a ON a.base_id = e.id AND a.form = f.text"
  "  WHERE f.kind IN ('person', 'org', 'place');"
  /* a decision made on every reviewed mention of an entity alike */
  "INSERT OR IGNORE INTO review_state (target, field, value)"
  "  SELECT e.uid, 'not_entity', 'yes' FROM facts f"
  "  JOIN entities e ON e.kind = f.kind AND e.key = f.value"
  "  JOIN review_state r ON r.target = f.uid AND r.field = 'status'"
  "  WHERE f.kind IN ('person', 'org', 'place')"
  "  GROUP BY e.id HAVING min (r.value) = 'rejected' AND max (r.value) = 'rejected';"
  "INSERT OR IGNORE INTO review_state (target, field, value)"
  "  SELECT e.uid, 'note', min (r.value) FROM facts f"
  "  JOIN entities e ON e.kind = f.kind AND e.key = f.value"
  "  JOIN review_state r ON r.target = f.uid AND r.field = 'note'"
  "  WHERE f.kind IN ('person', 'org', 'place')"
  "  GROUP BY e.id HAVING count (DISTINCT r.value) = 1;"
  "DELETE FROM review_state WHERE target IN (SELECT uid FROM facts WHERE kind IN ('person', 'org', 'place'));"
  "DELETE FROM axis_overrides WHERE target IN (SELECT uid FROM facts WHERE kind IN ('person', 'org', 'place'));"
  "DELETE FROM conflicts;"
  "DELETE FROM library_state WHERE key IN ('conflicts', 'conflicts_through');"
  "DELETE FROM facts WHERE kind IN ('person', 'org', 'place');"
  "DELETE FROM fact_counts WHERE kind IN ('person', 'org', 'place');"
  "DELETE FROM sentence_terms;"
  "CREATE INDEX review_state_field ON review_state (field);"
  "INSERT INTO library_state (key, value) SELECT 'entities_counted', 1 WHERE NOT EXISTS (SELECT 1 FROM entities);",

  /* 11 → 12: who wrote a document and where it was published, as the
   * file says or the officer corrects.  Documents already in the library
   * keep their titles and get these when they are imported again: reading
   * every file again here would keep a large library from opening, and
   * its files may have moved */
  "ALTER TABLE documents ADD COLUMN author TEXT;"
  "ALTER TABLE documents ADD COLUMN source TEXT;",

  /* 12 → 13: figures in the order of their amounts, unit by unit, for
   * the Facts list's Value column (its text put 125000000000 USD before
   * 2500000 USD).  The kind, which the expressions read, is in the index
   * so that counting a range of it (finding a fact in the list) reads
   * the index alone.  It takes the place of the index of values, which
   * a name is looked up with as well: one index more on facts is more
   * for every import to write */
  "DROP INDEX IF EXISTS facts_value;"
  "CREATE INDEX IF NOT EXISTS facts_amount ON facts (" DESK_STORE_FACT_UNIT_SQL ("") ", " DESK_STORE_FACT_AMOUNT_SQL ("")
  ", kind, value COLLATE NOCASE);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DESK_STORE_SCHEMA_VERSION);

/* The library's format, or -1; a newer one than this version knows is
 * refused before anything is written to it. */
int
_desk_store_read_version (DeskStore  *self,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if (!(stmt = desk_store_prepare (self, "PRAGMA user_version", error)))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (self, error);
      return -1;
    }
  version = sqlite3_column_int (stmt, 0);
  if (version > DESK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NEWER_VERSION,
                   _("The library “%s” was written by a newer version of Dialogue Desk (format %d; this version reads up to %d)"),
                   self->path, version, DESK_STORE_SCHEMA_VERSION);
      return -1;
    }
  return version;
}

gboolean
_desk_store_migrate (DeskStore  *self,
                     int         version,
                     GError    **error)
{
  for (; version < DESK_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!desk_store_exec (self, migrations[version], error) || !desk_store_exec (self, bump, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!desk_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

/* "ok", or what PRAGMA integrity_check found, and the counts of facts
 * that differ from the facts, once they are kept. */
char *
desk_store_check_integrity (DeskStore  *self,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = desk_store_prepare (self, "PRAGMA integrity_check", error)))
    return NULL;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, desk_store_column_text (stmt, 0));
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;

  /* the counts of facts kept beside them */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = desk_store_prepare (self,
                                   "SELECT kind, modality, sum (stored), sum (counted) FROM"
                                   " (SELECT kind, modality, n AS stored, 0 AS counted FROM fact_counts"
                                   "  UNION ALL SELECT kind, modality, 0, count (*) FROM facts GROUP BY kind, modality)"
                                   " WHERE " DESK_STORE_FACT_COUNTS_KEPT
                                   " GROUP BY kind, modality HAVING sum (stored) <> sum (counted)", error)))
    return NULL;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_string_append_printf (result, "\nfact_counts: %s %s: %" G_GINT64_FORMAT " kept, %" G_GINT64_FORMAT " counted",
                            desk_store_column_text (stmt, 0), desk_store_column_text (stmt, 1),
                            (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_string_free (g_steal_pointer (&result), FALSE);
}
