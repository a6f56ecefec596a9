/* desk-store.c: the library, one SQLite file; one DeskStore per thread */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "desk-axes.h"
#include "desk-extract.h"
#include "desk-store.h"
#include "desk-tokenizer.h"


struct _DeskStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements;   /* SQL text (a literal) → its prepared statement */
  gboolean in_batch;        /* desk_store_begin_batch () holds a transaction */
  gboolean read_only;       /* where it is, it cannot be written: opened as it is */
  gboolean disk_full;       /* … because its disk is full */
  gboolean damaged;         /* SQLite found it damaged: it is only read */
  DeskStemmer *stemmer;     /* for snippets, made when first needed */
  GArray *fts_pending;      /* PendingIndex: documents written whose words are not indexed yet */
};

typedef struct
{
  gint64 id;
  DeskTokens *tokens;       /* the words of its text, recorded as it was read, or NULL */
} PendingIndex;

static void
pending_index_clear (gpointer data)
{
  g_clear_pointer (&((PendingIndex *) data)->tokens, desk_tokens_unref);
}

static gboolean write_scores (DeskStore          *self,
                              gint64              id,
                              const char         *doc_uid,
                              DeskDocumentScores *scores,
                              GError            **error);

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (desk-store-error-quark, desk_store_error)

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DESK_STORE_SCHEMA_VERSION);

#define DOCUMENT_COLUMNS DESK_STORE_DOCUMENT_COLUMNS

/* Matches of a search ranked at most, the newest documents first: a word
 * found in more documents than this is ranked among the newest of them */
#define RANKED_MATCHES 1000

static void
set_unwritable_error (DeskStore  *self,
                      gboolean    full,
                      GError    **error)
{
  if (full)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FULL,
                 _("The disk holding the library “%s” is full"), self->path);
  else
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_READ_ONLY,
                 _("The library “%s” is read-only"), self->path);
}

static gboolean
set_sql_error (DeskStore  *self,
               GError    **error)
{
  int code = sqlite3_errcode (self->db);
  /* what the system said, when SQLite's own code is only "I/O error" */
  int system = code == SQLITE_IOERR || code == SQLITE_CANTOPEN ? sqlite3_system_errno (self->db) : 0;

  if (code == SQLITE_CORRUPT || (code == SQLITE_READONLY && self->damaged))
    {
      /* found damaged: from now on it is only read, so that what is left
       * of it stays as it is for whoever repairs it */
      if (!self->damaged)
        sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
      self->damaged = TRUE;
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY,
                   _("The library “%s” is damaged: nothing more is written to it. "
                     "Keep a copy of the file and restore the library from a backup"), self->path);
    }
  else if (code == SQLITE_NOTADB)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY,
                 _("“%s” is not a Dialogue Desk library or is damaged"), self->path);
  else if (code == SQLITE_FULL || system == ENOSPC || system == EDQUOT || (code == SQLITE_READONLY && self->disk_full))
    set_unwritable_error (self, TRUE, error);
  else if (code == SQLITE_READONLY || system == EROFS)
    set_unwritable_error (self, FALSE, error);
  else if (system != 0)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_SQL,
                 _("The library “%s” cannot be read or written: %s"), self->path, g_strerror (system));
  else
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_SQL,
                 _("Library error in “%s”: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (DeskStore   *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sql_error (self, error);
  return TRUE;
}

static sqlite3_stmt *
prepare (DeskStore   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once for the life of the connection, for the
 * writes import repeats per document and per fact.  @sql must be a string
 * literal: it is the key.  Reset, its bindings cleared; never finalize it. */
static sqlite3_stmt *
cached (DeskStore   *self,
        const char  *sql,
        GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               _("There is no document %s in the library"), number);
}

/* A document from a row of DESK_STORE_DOCUMENT_COLUMNS. */
DeskDocument *
desk_store_document_from_row (sqlite3_stmt *stmt)
{
  return desk_document_new (sqlite3_column_int64 (stmt, 0),
                            column_text (stmt, 1),
                            column_text (stmt, 2),
                            column_text (stmt, 3),
                            column_text (stmt, 4),
                            column_text (stmt, 5),
                            column_text (stmt, 6),
                            column_text (stmt, 7),
                            column_text (stmt, 8),
                            sqlite3_column_int64 (stmt, 9),
                            sqlite3_column_int64 (stmt, 10),
                            sqlite3_column_int (stmt, 11));
}

/* The library's format, or -1; a newer one than this version knows is
 * refused before anything is written to it. */
static int
read_version (DeskStore  *self,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if (!(stmt = prepare (self, "PRAGMA user_version", error)))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sql_error (self, error);
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

static gboolean
migrate (DeskStore  *self,
         int         version,
         GError    **error)
{
  for (; version < DESK_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, migrations[version], error) || !exec (self, bump, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = DESK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->fts_pending, g_array_unref);
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (desk_store_parent_class)->finalize (object);
}

static void
desk_store_class_init (DeskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
desk_store_init (DeskStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->fts_pending = g_array_new (FALSE, FALSE, sizeof (PendingIndex));
  g_array_set_clear_func (self->fts_pending, pending_index_clear);
}

/* $DIALOGUE_DESK_LIBRARY, else the library in the user's data folder. */
char *
desk_store_default_path (void)
{
  const char *env = g_getenv ("DIALOGUE_DESK_LIBRARY");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "dialogue-desk", "library.db", NULL);
}

/* Opens the connection: read-write, or as the file is when @read_only;
 * refuses what is not a library or is a newer one, before any write. */
static gboolean
connect_library (DeskStore  *self,
                 gboolean    read_only,
                 int        *version,
                 GError    **error)
{
  int rc;

  if (read_only)
    {
      /* SQLite then needs neither its log nor its shared memory beside it */
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri ? uri : "", "?immutable=1", NULL);

      rc = sqlite3_open_v2 (immutable, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                          NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_OPEN,
                   _("Cannot open the library “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  /* Documents never load code: keep extension loading off explicitly. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 0);

  if (!desk_tokenizer_register (self->db, error))
    return FALSE;

  /* The first read tells a damaged or foreign file apart from a library,
   * and a newer library is refused before anything is written to it. */
  if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "SELECT count(*) FROM sqlite_master", error) ||
      (*version = read_version (self, error)) < 0)
    return FALSE;
  if (!read_only &&
      (!exec (self, "PRAGMA journal_mode = WAL", error) || !exec (self, "PRAGMA synchronous = NORMAL", error)))
    return FALSE;
  /* a reader's cache; import asks for more */
  return exec (self, "PRAGMA cache_size = -8192", error);
}

DeskStore *
desk_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(DeskStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  gboolean exists;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s” for the library: %s"), dir, g_strerror (saved));
      return NULL;
    }

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && g_access (dir, W_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_READ_ONLY,
                   _("Cannot create the library “%s”: the folder “%s” cannot be written (%s)"),
                   path, dir, g_strerror (saved));
      return NULL;
    }

  /* a library where it cannot be written (a read-only disk or folder), or
   * on a disk too full for its log, is opened as it is: to be read and
   * exported, every change refused */
  self->read_only = exists && (g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0);
  if (!connect_library (self, self->read_only, &version, &local_error))
    {
      if (self->read_only || !exists || !g_error_matches (local_error, DESK_STORE_ERROR, DESK_STORE_ERROR_FULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_pointer (&self->db, sqlite3_close_v2);
      self->read_only = self->disk_full = TRUE;
      if (!connect_library (self, TRUE, &version, error))
        return NULL;
    }

  if (self->read_only && version < DESK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_READ_ONLY,
                   _("The library “%s” is read-only and was written by an earlier version of Dialogue Desk: "
                     "open it once where it can be written, so that it is brought up to date"), path);
      return NULL;
    }
  if (!self->read_only && !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Whether the library was opened where it cannot be written: it can be
 * read and exported, and every change fails with DESK_STORE_ERROR_READ_ONLY. */
gboolean
desk_store_is_read_only (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  return self->read_only;
}

/* FALSE, with why, when the library cannot be changed: a read-only place
 * or a full disk; what is about to write asks before it begins. */
gboolean
desk_store_check_writable (DeskStore  *self,
                           GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;
  set_unwritable_error (self, self->disk_full, error);
  return FALSE;
}

/* Whether it was opened read-only because its disk is full */
gboolean
desk_store_is_disk_full (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  return self->disk_full;
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->path;
}

static char *
section_uid (const char             *doc_uid,
             const DeskOutlineEntry *entry)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          doc_uid, entry->start, entry->end);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strndup (sum, 32);
}

static const char *
block_kind_name (DeskBlockKind kind)
{
  switch (kind)
    {
    case DESK_BLOCK_HEADING: return "heading";
    case DESK_BLOCK_LIST_ITEM: return "list-item";
    case DESK_BLOCK_PARAGRAPH:
    default: return "paragraph";
    }
}

/* A name's terms when they are its sentence's, in sentence_terms */
#define SENTENCE_TERMS "*"

/* Whether a fact's terms are its sentence's (names) rather than its own
 * (the words around a figure) */
static gboolean
has_sentence_terms (DeskFactKind kind)
{
  return kind == DESK_FACT_PERSON || kind == DESK_FACT_ORG || kind == DESK_FACT_PLACE;
}

/* Adds the facts of document @id, @sign times, to how many facts of each
 * kind and modality the library has (fact_counts, schema 10): -1 before
 * they change, 1 after */
static gboolean
count_document_facts (DeskStore  *self,
                      gint64      id,
                      int         sign,
                      GError    **error)
{
  sqlite3_stmt *stmt = cached (self,
                               "INSERT INTO fact_counts (kind, modality, n)"
                               " SELECT kind, modality, ?2 * count (*) FROM facts WHERE document_id = ?1"
                               " GROUP BY kind, modality"
                               " ON CONFLICT (kind, modality) DO UPDATE SET n = n + excluded.n", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, sign);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Inserts or updates facts by uid (@uids, one for each of @facts), so
 * that whatever is attached to a fact's uid (review work) survives a
 * re-extraction.  The terms of names go to their sentence's row. */
static gboolean
upsert_facts (DeskStore   *self,
              gint64       id,
              GArray      *facts,
              GPtrArray   *uids,
              GError     **error)
{
  sqlite3_stmt *stmt = cached (self,
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
                         : cached (self, "INSERT OR REPLACE INTO sentence_terms (document_id, sentence, terms) VALUES (?, ?, ?)", error);
  gint64 last_sentence = -1;

  if (sentence == NULL)
    return FALSE;
  for (guint i = 0; facts != NULL && i < facts->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);
      const char *uid = g_ptr_array_index (uids, i);
      gboolean of_sentence = has_sentence_terms (f->kind) && f->terms != NULL && f->terms[0] != '\0';

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
      if (has_sentence_terms (f->kind))
        {
          if (of_sentence)
            sqlite3_bind_text (stmt, 13, SENTENCE_TERMS, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, 13);
        }
      else
        sqlite3_bind_text (stmt, 13, f->terms, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sql_error (self, error);

      /* the names of a sentence have the same terms: written once */
      if (of_sentence && f->sentence != last_sentence)
        {
          sqlite3_reset (sentence);
          sqlite3_bind_int64 (sentence, 1, id);
          sqlite3_bind_int64 (sentence, 2, f->sentence);
          sqlite3_bind_text (sentence, 3, f->terms, -1, SQLITE_STATIC);
          if (sqlite3_step (sentence) != SQLITE_DONE)
            return set_sql_error (self, error);
          last_sentence = f->sentence;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_reset (sentence);
  return TRUE;
}

static gboolean
insert_document (DeskStore           *self,
                 DeskParsedDocument  *doc,
                 DeskDocumentScores  *scores,
                 gint64              *out_id,
                 GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *imported = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = cached (self,
                 "INSERT INTO documents (uid, title, path, format, language, languages, published,"
                 " imported, size, n_chars, n_sections, text, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, doc->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, doc->format, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, doc->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, doc->languages, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, doc->published, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, imported, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, doc->size);
  sqlite3_bind_int64 (stmt, 10, doc->n_chars);
  sqlite3_bind_int (stmt, 11, doc->outline->len);
  sqlite3_bind_text (stmt, 12, doc->text, -1, SQLITE_STATIC);
  /* the version of the rules that extracted its facts, if they were */
  sqlite3_bind_int (stmt, 13, doc->facts != NULL ? DESK_EXTRACTOR_VERSION : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
  id = sqlite3_last_insert_rowid (self->db);
  sqlite3_reset (stmt);

  stmt = cached (self,
                 "INSERT INTO sections (document_id, uid, position, depth, number, title, start, \"end\")"
                 " VALUES (?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < doc->outline->len; i++)
    {
      const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
      g_autofree char *uid = section_uid (doc->uid, e);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int (stmt, 4, e->depth);
      sqlite3_bind_text (stmt, 5, e->number, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, e->title, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, e->start);
      sqlite3_bind_int64 (stmt, 8, e->end);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sql_error (self, error);
    }
  sqlite3_reset (stmt);

  stmt = cached (self,
                 "INSERT INTO paragraphs (document_id, position, kind, start, \"end\", language)"
                 " VALUES (?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, block_kind_name (p->kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, p->start);
      sqlite3_bind_int64 (stmt, 5, p->end);
      sqlite3_bind_text (stmt, 6, p->language, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sql_error (self, error);
    }
  sqlite3_reset (stmt);

  if (doc->facts != NULL)
    {
      /* the uids computed where the facts were extracted, or now */
      g_autoptr(GPtrArray) computed = doc->fact_uids != NULL && doc->fact_uids->len == doc->facts->len
                                      ? NULL : desk_fact_compute_uids (doc->uid, doc->facts);

      if (!upsert_facts (self, id, doc->facts, computed != NULL ? computed : doc->fact_uids, error) ||
          !count_document_facts (self, id, 1, error))
        return FALSE;
    }
  if (scores != NULL && !write_scores (self, id, doc->uid, scores, error))
    return FALSE;

  {
    PendingIndex pending = { id, doc->tokens != NULL ? desk_tokens_ref (doc->tokens) : NULL };

    g_array_append_val (self->fts_pending, pending);
  }
  *out_id = id;
  return TRUE;
}

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
  return rc == SQLITE_DONE || set_sql_error (self, error);
}

/* Indexes the words of the documents written since the transaction began,
 * and of their facts: the last writes of the transaction, so that FTS5
 * keeps every row in memory until the commit (see migration 7).  The
 * words of a text recorded as it was read are taken from the records:
 * the tokenizer checks that it is the same text. */
static gboolean
index_pending (DeskStore  *self,
               GError    **error)
{
  for (guint i = 0; i < self->fts_pending->len; i++)
    {
      const PendingIndex *pending = &g_array_index (self->fts_pending, PendingIndex, i);
      sqlite3_stmt *read, *write;
      const gsize whole = 0;
      int rc;

      if (!(read = cached (self, "SELECT title, text FROM documents WHERE id = ?", error)) ||
          !(write = cached (self, "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (read, 1, pending->id);
      if (sqlite3_step (read) != SQLITE_ROW)
        return set_sql_error (self, error);
      sqlite3_bind_int64 (write, 1, pending->id);
      sqlite3_bind_value (write, 2, sqlite3_column_value (read, 0));
      sqlite3_bind_value (write, 3, sqlite3_column_value (read, 1));
      if (!step_replaying (self, write, pending->tokens, 0, &whole, 1, error))
        return FALSE;
      sqlite3_reset (read);
      sqlite3_reset (write);

      if (!(read = cached (self, "SELECT id, text, value, start FROM facts WHERE document_id = ? ORDER BY start", error)) ||
          !(write = cached (self, "INSERT INTO facts_fts (rowid, text, value) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (read, 1, pending->id);
      while ((rc = sqlite3_step (read)) == SQLITE_ROW)
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
      if (rc != SQLITE_DONE)
        return set_sql_error (self, error);
      sqlite3_reset (read);
      sqlite3_reset (write);
    }
  g_array_set_size (self->fts_pending, 0);
  return TRUE;
}

static gboolean
commit (DeskStore  *self,
        GError    **error)
{
  if (!index_pending (self, error) || !exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->fts_pending, 0);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (DeskStore *self)
{
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_array_set_size (self->fts_pending, 0);
}

/* Opens a write transaction that the next desk_store_add_document ()
 * calls share, until desk_store_commit_batch (): import writes documents
 * by the hundred, so that the pages they all touch are written once.  A
 * failed add leaves the batch to be rolled back whole. */
gboolean
desk_store_begin_batch (DeskStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

/* Commits the batch: every document added since it began, or, on error,
 * none of them. */
gboolean
desk_store_commit_batch (DeskStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  return commit (self, error);
}

/* Forgets every document added since the batch began. */
void
desk_store_rollback_batch (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (!self->in_batch)
    return;
  self->in_batch = FALSE;
  rollback (self);
}

/* Stores a whole document in one transaction, or nothing of it.  The same
 * content (same uid) is stored once: then out_existed is TRUE and out_id
 * names the document already there. */
gboolean
desk_store_add_document (DeskStore           *self,
                         DeskParsedDocument  *doc,
                         gint64              *out_id,
                         gboolean            *out_existed,
                         GError             **error)
{
  return desk_store_add_scored_document (self, doc, NULL, out_id, out_existed, error);
}

/* Adds @doc with the axis scores made for it (import makes them in its
 * parser threads), so that it needs no scoring afterwards; @scores may be
 * NULL.  A document already in the library is left as it is. */
gboolean
desk_store_add_scored_document (DeskStore           *self,
                                DeskParsedDocument  *doc,
                                DeskDocumentScores  *scores,
                                gint64              *out_id,
                                gboolean            *out_existed,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean existed = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL && doc->uid != NULL, FALSE);

  if (!self->in_batch && !exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!(stmt = cached (self, "SELECT id FROM documents WHERE uid = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, doc->uid, -1, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      id = sqlite3_column_int64 (stmt, 0);
      existed = TRUE;
      break;
    case SQLITE_DONE:
      break;
    default:
      set_sql_error (self, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!existed && !insert_document (self, doc, scores, &id, error))
    goto fail;

  if (!self->in_batch && !commit (self, error))
    return FALSE;

  if (out_id)
    *out_id = id;
  if (out_existed)
    *out_existed = existed;
  return TRUE;

fail:
  /* a batch is rolled back by its owner, whole */
  if (!self->in_batch)
    rollback (self);
  return FALSE;
}

/* The integer @sql gives, or -1 on error */
static gint64
query_int64 (DeskStore   *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sql_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gint64
desk_store_count_documents (DeskStore  *self,
                            GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  return query_int64 (self, "SELECT count(*) FROM documents", error);
}

GPtrArray *
desk_store_list_documents (DeskStore  *self,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents ORDER BY title COLLATE NOCASE, id",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (docs, desk_store_document_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&docs);
}

DeskDocument *
desk_store_get_document (DeskStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return desk_store_document_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    set_sql_error (self, error);
  return NULL;
}

/* A document by its number, or by its uid or a unique beginning of it. */
DeskDocument *
desk_store_find_document (DeskStore   *self,
                          const char  *id_or_uid,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(DeskDocument) found = NULL;
  g_autofree char *pattern = NULL;
  char *end = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_uid != NULL, NULL);

  id = g_ascii_strtoll (id_or_uid, &end, 10);
  if (*id_or_uid != '\0' && end != NULL && *end == '\0' && id > 0)
    return desk_store_get_document (self, id, error);

  for (const char *p = id_or_uid; *p; p++)
    if (!g_ascii_isxdigit (*p))
      goto not_found;
  if (strlen (id_or_uid) < 4)
    goto not_found;

  pattern = g_strconcat (id_or_uid, "*", NULL);
  stmt = prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE uid GLOB lower(?) LIMIT 2",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (found != NULL)
        {
          g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                       _("“%s” names more than one document; give more of its identifier"),
                       id_or_uid);
          return NULL;
        }
      found = desk_store_document_from_row (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  if (found != NULL)
    return g_steal_pointer (&found);

not_found:
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               _("There is no document “%s” in the library"), id_or_uid);
  return NULL;
}

char *
desk_store_get_text (DeskStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT text FROM documents WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    set_sql_error (self, error);
  return NULL;
}

GPtrArray *
desk_store_get_sections (DeskStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT uid, position, depth, number, title, start, \"end\" FROM sections"
                  " WHERE document_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sections,
                     desk_section_new (column_text (stmt, 0),
                                       sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2),
                                       column_text (stmt, 3),
                                       column_text (stmt, 4),
                                       sqlite3_column_int64 (stmt, 5),
                                       sqlite3_column_int64 (stmt, 6)));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&sections);
}

GArray *
desk_store_get_paragraphs (DeskStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) paragraphs = g_array_new (FALSE, TRUE, sizeof (DeskParagraph));
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT kind, start, \"end\", language FROM paragraphs"
                  " WHERE document_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskParagraph p = { 0 };
      const char *kind = column_text (stmt, 0);

      p.kind = g_str_equal (kind, "heading") ? DESK_BLOCK_HEADING
             : g_str_equal (kind, "list-item") ? DESK_BLOCK_LIST_ITEM
             : DESK_BLOCK_PARAGRAPH;
      p.start = sqlite3_column_int64 (stmt, 1);
      p.end = sqlite3_column_int64 (stmt, 2);
      g_strlcpy (p.language, column_text (stmt, 3), sizeof p.language);
      g_array_append_val (paragraphs, p);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&paragraphs);
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

    if (!(stmt = prepare (self, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1"
                                " ORDER BY rowid DESC LIMIT 1 OFFSET ?2", error)))
      return NULL;
    sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 2, RANKED_MATCHES - 1);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      floor = sqlite3_column_int64 (stmt, 0);
    else if (rc != SQLITE_DONE)
      {
        set_sql_error (self, error);
        return NULL;
      }
    g_clear_pointer (&stmt, sqlite3_finalize);

    if (!(stmt = prepare (self, "SELECT rowid, desk_rank (documents_fts, 4.0, 1.0) AS rank FROM documents_fts"
                                " WHERE documents_fts MATCH ?1 AND rowid >= ?2 ORDER BY rank LIMIT ?3", error)))
      return NULL;
    sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, floor);
    sqlite3_bind_int (stmt, 3, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        double rank = sqlite3_column_double (stmt, 1);

        g_array_append_val (best, id);
        g_array_append_val (ranks, rank);
      }
    if (rc != SQLITE_DONE)
      {
        set_sql_error (self, error);
        return NULL;
      }
    g_clear_pointer (&stmt, sqlite3_finalize);

    /* the snippets: the passage around the first word found, read from
     * the document's text; FTS5's snippet () would look the words up in
     * the index again, row by row, and read the whole document, which
     * takes most of a search for a common word.  A prefix search ("coop*")
     * keeps snippet (): only FTS5 knows what the prefix matched. */
    if (prefix)
      stmt = prepare (self, "SELECT d.id, d.uid, d.title, d.language,"
                            " snippet (documents_fts, 1, '" DESK_SEARCH_MARK_OPEN "', '" DESK_SEARCH_MARK_CLOSE "', '…', 24)"
                            " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                            " WHERE documents_fts MATCH ?1 AND documents_fts.rowid = ?2", error);
    else
      stmt = prepare (self, "SELECT id, uid, title, language, text FROM documents WHERE id = ?2 AND ?1 IS NOT NULL", error);
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
                                       ? g_strdup (column_text (stmt, 4))
                                       : desk_stemmer_snippet (self->stemmer, column_text (stmt, 4), query, 24,
                                                               DESK_SEARCH_MARK_OPEN, DESK_SEARCH_MARK_CLOSE);

            g_ptr_array_add (hits, desk_search_hit_new (sqlite3_column_int64 (stmt, 0),
                                                        column_text (stmt, 1),
                                                        column_text (stmt, 2),
                                                        column_text (stmt, 3),
                                                        passage,
                                                        g_array_index (ranks, double, i)));
          }
        else if (rc != SQLITE_DONE)
          {
            set_sql_error (self, error);
            return NULL;
          }
      }
  }
  return g_steal_pointer (&hits);
}

/* "ok", or what PRAGMA integrity_check found, and the counts of facts
 * that differ from the facts, once they are kept. */
char *
desk_store_check_integrity (DeskStore  *self,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, "PRAGMA integrity_check", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }

  /* the counts of facts kept beside them */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = prepare (self,
                        "SELECT kind, modality, sum (stored), sum (counted) FROM"
                        " (SELECT kind, modality, n AS stored, 0 AS counted FROM fact_counts"
                        "  UNION ALL SELECT kind, modality, 0, count (*) FROM facts GROUP BY kind, modality)"
                        " WHERE " DESK_STORE_FACT_COUNTS_KEPT
                        " GROUP BY kind, modality HAVING sum (stored) <> sum (counted)", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (result, "\nfact_counts: %s %s: %" G_GINT64_FORMAT " kept, %" G_GINT64_FORMAT " counted",
                            column_text (stmt, 0), column_text (stmt, 1),
                            (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
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
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT id FROM documents WHERE extractor_version < ? ORDER BY extractor_version, id", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, extractor_version);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* A stored document as the extractor wants it: text, paragraphs, outline. */
DeskParsedDocument *
desk_store_load_parsed (DeskStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(DeskParsedDocument) doc = g_new0 (DeskParsedDocument, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT uid, title, text, language, languages, published, format, path, size, n_chars"
                        " FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_not_found (error, id);
      else
        set_sql_error (self, error);
      return NULL;
    }
  doc->uid = g_strdup (column_text (stmt, 0));
  doc->title = g_strdup (column_text (stmt, 1));
  doc->text = g_strdup (column_text (stmt, 2));
  doc->language = g_strdup (column_text (stmt, 3));
  doc->languages = g_strdup (column_text (stmt, 4));
  doc->published = g_strdup (column_text (stmt, 5));
  doc->format = g_strdup (column_text (stmt, 6));
  doc->path = g_strdup (column_text (stmt, 7));
  doc->size = sqlite3_column_int64 (stmt, 8);
  doc->n_chars = sqlite3_column_int64 (stmt, 9);

  if (!(doc->paragraphs = desk_store_get_paragraphs (self, id, error)) ||
      !(sections = desk_store_get_sections (self, id, error)))
    return NULL;
  doc->outline = desk_outline_new ();
  for (guint i = 0; i < sections->len; i++)
    {
      DeskSection *section = g_ptr_array_index (sections, i);
      DeskOutlineEntry e = { 0 };

      e.depth = desk_section_get_depth (section);
      e.number = g_strdup (desk_section_get_number (section));
      e.title = g_strdup (desk_section_get_title (section));
      e.start = desk_section_get_start (section);
      e.end = desk_section_get_end (section);
      g_array_append_val (doc->outline, e);
    }
  return g_steal_pointer (&doc);
}

/* Runs @sql (a string literal), whose ?1 is the document @id: prepared
 * once, as it runs for every document extracted again */
static gboolean
for_document (DeskStore   *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
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
  if (!self->in_batch && !exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self, "CREATE TEMP TABLE IF NOT EXISTS found_facts (uid TEXT PRIMARY KEY, text TEXT, value TEXT,"
                   "  reindex INTEGER NOT NULL DEFAULT 1);"
                   "DELETE FROM found_facts;"
                   /* facts change in place: conflicts are computed again */
                   "DELETE FROM library_state WHERE key IN ('conflicts_through', 'conflicts')", error))
    goto fail;

  /* the facts found now, with what the index of their words holds */
  if (!(stmt = cached (self, "INSERT OR REPLACE INTO found_facts (uid, text, value) VALUES (?, ?, ?)", error)))
    goto fail;
  for (guint i = 0; i < uids->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (uids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, f->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, f->value, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sql_error (self, error);
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
      !count_document_facts (self, id, -1, error) ||
      !for_document (self, "DELETE FROM facts WHERE document_id = ?1 AND uid NOT IN (SELECT uid FROM found_facts)", id, error) ||
      !for_document (self, "DELETE FROM sentence_terms WHERE document_id = ?1", id, error) ||
      !upsert_facts (self, id, facts, uids, error) ||
      !count_document_facts (self, id, 1, error) ||
      !for_document (self, "INSERT INTO facts_fts (rowid, text, value)"
                           " SELECT f.id, f.text, f.value FROM facts f JOIN found_facts k ON k.uid = f.uid"
                           " WHERE f.document_id = ?1 AND k.reindex = 1", id, error))
    goto fail;

  if (!(stmt = cached (self, "UPDATE documents SET extractor_version = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int (stmt, 1, extractor_version);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sql_error (self, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!self->in_batch && !exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  if (!self->in_batch)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

#define FACT_ROW_COLUMNS \
  "f.uid, f.document_id, f.kind, f.text, f.value, f.start, f.\"end\", f.section, f.modality," \
  " f.confidence, f.extra, s.number, s.title, d.title, d.language, f.id"
#define FACT_ROW_JOINS \
  " FROM facts f JOIN documents d ON d.id = f.document_id" \
  " LEFT JOIN sections s ON s.document_id = f.document_id AND s.position = f.section"

static DeskFactRow *
fact_row_from_stmt (sqlite3_stmt *stmt)
{
  DeskFactRow *row = g_new0 (DeskFactRow, 1);
  const char *number = column_text (stmt, 11);
  const char *title = column_text (stmt, 12);

  row->uid = g_strdup (column_text (stmt, 0));
  row->document_id = sqlite3_column_int64 (stmt, 1);
  desk_fact_kind_from_string (column_text (stmt, 2), &row->fact.kind);
  row->fact.text = g_strdup (column_text (stmt, 3));
  row->fact.value = g_strdup (column_text (stmt, 4));
  row->fact.start = sqlite3_column_int64 (stmt, 5);
  row->fact.end = sqlite3_column_int64 (stmt, 6);
  row->fact.section = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7);
  desk_modality_from_string (column_text (stmt, 8), &row->fact.modality);
  row->fact.confidence = sqlite3_column_double (stmt, 9);
  row->fact.extra = g_strdup (column_text (stmt, 10));
  row->document_title = g_strdup (column_text (stmt, 13));
  row->document_language = g_strdup (column_text (stmt, 14));
  if (title != NULL)
    row->section_title = number && !strstr (title, number) ? g_strdup_printf ("%s %s", number, title) : g_strdup (title);
  return row;
}

GPtrArray *
desk_store_list_facts (DeskStore             *self,
                       const DeskFactFilter  *filter,
                       GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  /* each filter in use is a condition of its own, so that SQLite looks a
   * document's or a uid's facts up by index instead of reading them all */
  {
    g_autoptr(GString) sql = g_string_new ("SELECT " FACT_ROW_COLUMNS FACT_ROW_JOINS " WHERE 1");

    if (filter != NULL && filter->kind >= 0)
      g_string_append (sql, " AND f.kind = ?1");
    if (filter != NULL && filter->modality >= 0)
      g_string_append (sql, " AND f.modality = ?2");
    if (filter != NULL && filter->document_id != 0)
      g_string_append (sql, " AND f.document_id = ?3");
    if (filter != NULL && filter->uid != NULL)
      g_string_append (sql, " AND f.uid = ?4");
    g_string_append (sql, " ORDER BY f.document_id, f.start, f.\"end\" DESC, f.kind");
    if (!(stmt = prepare (self, sql->str, error)))
      return NULL;
  }
  if (filter != NULL && filter->kind >= 0)
    sqlite3_bind_text (stmt, 1, desk_fact_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  if (filter != NULL && filter->modality >= 0)
    sqlite3_bind_text (stmt, 2, desk_modality_to_string (filter->modality), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, filter ? filter->document_id : 0);
  if (filter != NULL && filter->uid != NULL)
    sqlite3_bind_text (stmt, 4, filter->uid, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, fact_row_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
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
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = prepare (self, "SELECT " FACT_ROW_COLUMNS FACT_ROW_JOINS
                  " WHERE f.id IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 15);
      g_ptr_array_add (found, fact_row_from_stmt (stmt));
      g_array_append_val (found_ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
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

  if ((kept = query_int64 (self, "SELECT " DESK_STORE_FACT_COUNTS_KEPT, error)) != 0)
    return kept > 0;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self,
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
  return query_int64 (self, DESK_STORE_COUNT_FACTS_SQL, error);
}

/* Conflicts
 *
 * Every fact of a measure or a name is compared with those that share its
 * words, across the whole library: the facts are held in a compact form
 * (rowids, words as numbers of one dictionary), the figures all at once,
 * the names one name at a time as SQL sorts them, so that memory grows
 * with the vocabulary and the figures, not with the whole library. */

typedef struct
{
  GHashTable *ids;        /* term → its number + 1 */
  GPtrArray *terms;       /* number → term */
  GByteArray *flags;      /* number → TERM_ENTITY, TERM_BACKGROUND */
  GHashTable *background; /* "@name" of names too common to tell claims apart */
} Dictionary;

#define TERM_ENTITY 1     /* "@name" */
#define TERM_BACKGROUND 2 /* a name of the background */

typedef struct
{
  gint64 id;
  char *uid;            /* what a conflict names it by */
  gint64 document_id;
  DeskFactKind kind;
  DeskModality modality;
  guint value;          /* in the dictionary */
  guint unit;
  gint64 sentence;      /* of a name: where its terms are */
  GArray *terms;        /* guint, ascending; of a name, NULL until needed */
} ConflictFact;

static void
conflict_fact_free (gpointer data)
{
  ConflictFact *f = data;

  g_clear_pointer (&f->terms, g_array_unref);
  g_free (f->uid);
  g_free (f);
}

static guint
dictionary_id (Dictionary *dict,
               const char *term)
{
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (dict->ids, term));

  if (id == 0)
    {
      char *copy = g_strdup (term);
      guint8 flags = (term[0] == '@' ? TERM_ENTITY : 0) |
                     (g_hash_table_contains (dict->background, term) ? TERM_BACKGROUND : 0);

      g_ptr_array_add (dict->terms, copy);
      g_byte_array_append (dict->flags, &flags, 1);
      id = dict->terms->len;
      g_hash_table_insert (dict->ids, copy, GUINT_TO_POINTER (id));
    }
  return id - 1;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The numbers of the terms of @text (separated by spaces), ascending */
static GArray *
dictionary_ids (Dictionary *dict,
                const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  char term[128];

  /* each term copied out only to be looked up, most of them short */
  for (const char *p = text; *p;)
    {
      const char *start = p;
      gsize n;

      while (*p && *p != ' ')
        p++;
      n = p - start;
      if (n > 0)
        {
          g_autofree char *longer = n < sizeof term ? NULL : g_strndup (start, n);
          guint id;

          if (longer == NULL)
            {
              memcpy (term, start, n);
              term[n] = '\0';
            }
          id = dictionary_id (dict, longer != NULL ? longer : term);
          g_array_append_val (ids, id);
        }
      if (*p == ' ')
        p++;
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

/* A fact from a row of: id, document_id, kind, value, modality, its
 * terms (a figure) or the start of its sentence (a name), and uid */
static ConflictFact *
conflict_fact_read (sqlite3_stmt *stmt,
                    Dictionary   *dict)
{
  ConflictFact *f = g_new0 (ConflictFact, 1);
  const char *value = column_text (stmt, 3);
  const char *space;

  f->id = sqlite3_column_int64 (stmt, 0);
  f->uid = g_strdup (column_text (stmt, 6));
  f->document_id = sqlite3_column_int64 (stmt, 1);
  desk_fact_kind_from_string (column_text (stmt, 2), &f->kind);
  desk_modality_from_string (column_text (stmt, 4), &f->modality);
  f->value = dictionary_id (dict, value);
  space = strrchr (value, ' ');
  f->unit = dictionary_id (dict, space ? space + 1 : (g_str_has_suffix (value, "%") ? "%" : ""));
  if (sqlite3_column_type (stmt, 5) == SQLITE_TEXT)
    f->terms = dictionary_ids (dict, column_text (stmt, 5));
  else
    f->sentence = sqlite3_column_int64 (stmt, 5);
  return f;
}

/* The terms @a and @b share, in one walk of both: entities ("@name")
 * leaving out those of the background, in *@entities, and words, in
 * *@words */
static void
shared_terms (const ConflictFact *a,
              const ConflictFact *b,
              const Dictionary   *dict,
              guint              *entities,
              guint              *words)
{
  const guint *x = (const guint *) a->terms->data, *y = (const guint *) b->terms->data;
  const guint *x_end = x + a->terms->len, *y_end = y + b->terms->len;
  const guint8 *flags = dict->flags->data;

  *entities = *words = 0;
  while (x < x_end && y < y_end)
    {
      if (*x == *y)
        {
          guint8 f = flags[*x];

          if (!(f & TERM_ENTITY))
            (*words)++;
          else if (!(f & TERM_BACKGROUND))
            (*entities)++;
          x++;
          y++;
        }
      else if (*x < *y)
        x++;
      else
        y++;
    }
}

static gboolean
modality_done (DeskModality m)
{
  return m == DESK_MODALITY_ASSERTED || m == DESK_MODALITY_REPORTED;
}

/* A conflict is named by its facts' uids, the smaller first */
static gboolean
insert_conflict (sqlite3_stmt       *stmt,
                 const ConflictFact *a,
                 const ConflictFact *b,
                 const char         *reason)
{
  gboolean a_first = strcmp (a->uid, b->uid) < 0;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, a_first ? a->uid : b->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, a_first ? b->uid : a->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

/* An integer of library_state, or -1 when it has none */
static gint64
state_int64 (DeskStore  *self,
             const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT CAST (value AS INTEGER) FROM library_state WHERE key = ?", NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
set_state_int64 (DeskStore  *self,
                 const char *key,
                 gint64      value,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "INSERT OR REPLACE INTO library_state (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

/* What one computation of conflicts works with */
typedef struct
{
  DeskStore *self;
  sqlite3_stmt *insert;
  sqlite3_stmt *sentence;  /* the terms of a sentence */
  GHashTable *sentences;   /* sentence (document_id << 32 | start) → its terms, read last */
  Dictionary dict;
  GHashTable *background;  /* "@name" of names too common to tell claims apart */
  gint64 since;            /* facts of larger rowids are compared; 0: all */
} ConflictRun;

/* Sentences whose terms a computation of conflicts keeps at most: the
 * names of a sentence are compared in as many groups as they are names */
#define CONFLICT_SENTENCES 50000

/* A name's terms, those of its sentence, read when it is compared, and
 * shared with the other names of the sentence */
static gboolean
ensure_terms (ConflictRun   *run,
              ConflictFact  *f,
              GError       **error)
{
  gint64 key = f->document_id << 32 | (f->sentence & G_GINT64_CONSTANT (0xffffffff));
  GArray *terms;

  if (f->terms != NULL)
    return TRUE;
  if ((terms = g_hash_table_lookup (run->sentences, &key)) != NULL)
    {
      f->terms = g_array_ref (terms);
      return TRUE;
    }
  sqlite3_reset (run->sentence);
  sqlite3_bind_int64 (run->sentence, 1, f->document_id);
  sqlite3_bind_int64 (run->sentence, 2, f->sentence);
  switch (sqlite3_step (run->sentence))
    {
    case SQLITE_ROW:
      f->terms = dictionary_ids (&run->dict, column_text (run->sentence, 0));
      break;
    case SQLITE_DONE:
      f->terms = g_array_new (FALSE, FALSE, sizeof (guint));
      break;
    default:
      return set_sql_error (run->self, error);
    }
  if (g_hash_table_size (run->sentences) >= CONFLICT_SENTENCES)
    g_hash_table_remove_all (run->sentences);
  g_hash_table_insert (run->sentences, g_memdup2 (&key, sizeof key), g_array_ref (f->terms));
  return TRUE;
}

static gboolean
is_new_fact (const ConflictRun  *run,
             const ConflictFact *f)
{
  return f->id > run->since;
}

/* Facts from @stmt's rows (id, document_id, kind, value, modality, terms) */
static gboolean
read_conflict_facts (ConflictRun   *run,
                     sqlite3_stmt  *stmt,
                     GPtrArray     *facts,
                     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (facts, conflict_fact_read (stmt, &run->dict));
  if (rc != SQLITE_DONE)
    return set_sql_error (run->self, error);
  return TRUE;
}

/* figures: two of the same unit for the same measure (three words in
 * common) with different values, at least one of them new.  Candidates
 * come from an index of their words, leaving out the words so common that
 * they name no measure, so that the work grows with the library rather
 * than with its square */
static gboolean
compare_figures (ConflictRun  *run,
                 GPtrArray    *figures,
                 GError      **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  guint cap = MAX (50, figures->len / 50);

  for (guint i = 0; i < figures->len; i++)
    {
      ConflictFact *a = g_ptr_array_index (figures, i);
      for (guint t = 0; t < a->terms->len; t++)
        {
          gpointer key = GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1);
          GArray *list = g_hash_table_lookup (index, key);
          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (index, key, list);
            }
          g_array_append_val (list, i);
        }
    }

  for (guint i = 0; i < figures->len; i++)
    {
      ConflictFact *a = g_ptr_array_index (figures, i);
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (!is_new_fact (run, a))
        continue;
      counts = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint t = 0; t < a->terms->len; t++)
        {
          GArray *list = g_hash_table_lookup (index, GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1));
          if (list == NULL || list->len > cap)
            continue;
          for (guint k = 0; k < list->len; k++)
            {
              guint j = g_array_index (list, guint, k);
              /* each pair once: a new fact with the old ones and with the new ones after it */
              if (j > i || (j < i && !is_new_fact (run, g_ptr_array_index (figures, j))))
                g_hash_table_insert (counts, GUINT_TO_POINTER (j + 1),
                                     GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (j + 1))) + 1));
            }
        }

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          ConflictFact *b = g_ptr_array_index (figures, GPOINTER_TO_UINT (key) - 1);

          if (GPOINTER_TO_UINT (value) < 3 || a->document_id == b->document_id || a->kind != b->kind ||
              a->unit != b->unit || a->value == b->value)
            continue;
          if (!insert_conflict (run->insert, a, b, "figure"))
            return set_sql_error (run->self, error);
        }
    }
  return TRUE;
}

/* claims: facts naming the same entity (@group), in documents of which
 * one says it happened and the other that it is proposed, expected,
 * intended or denied, and sharing more; at least one of them new */
static gboolean
compare_claims (ConflictRun  *run,
                GPtrArray    *group,
                GError      **error)
{
  for (guint i = 0; i < group->len; i++)
    for (guint j = i + 1; j < group->len; j++)
      {
        ConflictFact *a = g_ptr_array_index (group, i);
        ConflictFact *b = g_ptr_array_index (group, j);
        guint entities, words;

        if ((!is_new_fact (run, a) && !is_new_fact (run, b)) ||
            a->document_id == b->document_id || modality_done (a->modality) == modality_done (b->modality))
          continue;
        if (!ensure_terms (run, a, error) || !ensure_terms (run, b, error))
          return FALSE;
        shared_terms (a, b, &run->dict, &entities, &words);
        if (entities >= 2 && (words >= 1 || entities >= 3) &&
            !insert_conflict (run->insert, a, b, "modality"))
          return set_sql_error (run->self, error);
      }
  return TRUE;
}

/* names with the terms of their sentence */
#define NAME_FACTS "facts f WHERE f.kind IN ('person', 'org', 'place') AND f.terms = '" SENTENCE_TERMS "'"
/* the same after "id > ?": read along the rowids, not the index of kinds */
#define NEW_NAME_FACTS "facts f WHERE +f.kind IN ('person', 'org', 'place') AND f.terms = '" SENTENCE_TERMS "' AND f.id > ?1"
#define CONFLICT_COLUMNS "f.id, f.document_id, f.kind, f.value, f.modality, f.sentence, f.uid"
#define FIGURE_COLUMNS "id, document_id, kind, value, modality, terms, uid"

/* Every name's facts, one name at a time, in SQL's order */
static gboolean
compare_all_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (conflict_fact_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *current = NULL;

  stmt = prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS " ORDER BY f.value", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *value = NULL;
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        value = column_text (stmt, 3);
      else if (rc != SQLITE_DONE)
        return set_sql_error (run->self, error);
      /* a group ends: compare its facts two by two */
      if (current != NULL && (value == NULL || !g_str_equal (value, current)))
        {
          g_autofree char *key = desk_fact_entity_term (current);

          if (!g_hash_table_contains (run->background, key) && !compare_claims (run, group, error))
            return FALSE;
          g_ptr_array_set_size (group, 0);
          g_clear_pointer (&current, g_free);
        }
      if (value == NULL)
        return TRUE;
      if (current == NULL)
        current = g_strdup (value);
      g_ptr_array_add (group, conflict_fact_read (stmt, &run->dict));
    }
}

/* The facts of the names the new facts give, name by name (through the
 * index of values, which ignores case: the value is then compared whole) */
static gboolean
compare_new_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) group_stmt = NULL;
  int rc;

  names = prepare (run->self, "SELECT DISTINCT f.value FROM " NEW_NAME_FACTS, error);
  group_stmt = names == NULL ? NULL
             : prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS
                                   " AND f.value = ?1 COLLATE NOCASE AND f.value = ?1 ORDER BY f.id", error);
  if (group_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (names, 1, run->since);
  while ((rc = sqlite3_step (names)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (conflict_fact_free);
      const char *value = column_text (names, 0);
      g_autofree char *key = desk_fact_entity_term (value);

      if (g_hash_table_contains (run->background, key))
        continue;
      sqlite3_reset (group_stmt);
      sqlite3_bind_text (group_stmt, 1, value, -1, SQLITE_TRANSIENT);
      if (!read_conflict_facts (run, group_stmt, group, error) || !compare_claims (run, group, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (run->self, error);
  return TRUE;
}

/* How often each name comes, and in how many documents: counted whole
 * with a whole computation, then brought up to date with the new facts
 * only (new facts are in new documents: counts of documents add up) */
static gboolean
count_names (ConflictRun  *run,
             gboolean      whole,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (whole)
    return exec (run->self, "DELETE FROM name_counts;"
                            "INSERT INTO name_counts (value, n, docs)"
                            " SELECT f.value, count (*), count (DISTINCT f.document_id) FROM " NAME_FACTS
                            " GROUP BY f.value;"
                            "INSERT OR REPLACE INTO library_state (key, value)"
                            " SELECT 'conflicts_documents', count (DISTINCT f.document_id) FROM " NAME_FACTS,
                 error);

  if (!(stmt = prepare (run->self, "INSERT INTO name_counts (value, n, docs)"
                                   " SELECT f.value, count (*), count (DISTINCT f.document_id) FROM " NEW_NAME_FACTS
                                   " GROUP BY f.value"
                                   " ON CONFLICT (value) DO UPDATE SET n = n + excluded.n, docs = docs + excluded.docs", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->since);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (run->self, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = prepare (run->self, "INSERT OR REPLACE INTO library_state (key, value)"
                                   " SELECT 'conflicts_documents', ?2 + count (DISTINCT f.document_id) FROM " NEW_NAME_FACTS, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->since);
  sqlite3_bind_int64 (stmt, 2, MAX (0, state_int64 (run->self, "conflicts_documents")));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (run->self, error);
  return TRUE;
}

/* Names that nearly every document gives (the two countries of the
 * dialogue), or so often that they tell no claim from another, as "@name" */
static GHashTable *
read_background (DeskStore  *self,
                 GError    **error)
{
  g_autoptr(GHashTable) background = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT " DESK_FACT_ENTITY_TERM_SQL ("value") " FROM name_counts"
                        " WHERE n > 400 OR (?1 >= 3 AND docs * 10 >= ?1 * 9)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, state_int64 (self, "conflicts_documents"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (background, g_strdup (column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
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
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (conflict_fact_free);
  ConflictRun run = { self, NULL, NULL, NULL, { NULL, NULL, NULL, NULL }, NULL, 0 };
  g_autoptr(GHashTable) before = NULL;
  gint64 last, through, whole;
  gboolean again, ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  /* facts only ever come with new rowids, or are extracted again */
  if ((last = query_int64 (self, LAST_FACT, error)) < 0)
    return FALSE;
  if (state_int64 (self, "conflicts_through") == last)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* read again, now that no one else writes: another process may have
   * added facts, or compared them, meanwhile */
  if ((last = query_int64 (self, LAST_FACT, error)) < 0)
    goto fail;
  through = state_int64 (self, "conflicts_through");
  whole = state_int64 (self, "conflicts_whole");
  if (through == last)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return TRUE;
    }
  again = through < 0 || through > last || whole <= 0 || (last - whole) * CONFLICTS_GROWTH_DIVISOR > whole;
  run.since = again ? 0 : through;
  run.sentences = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  run.dict.ids = g_hash_table_new (g_str_hash, g_str_equal);
  run.dict.terms = g_ptr_array_new_with_free_func (g_free);
  run.dict.flags = g_byte_array_new ();

  /* a name that becomes too common (or no longer is) changes what the
   * facts already compared say of each other: everything is compared again */
  if (!again && !(before = read_background (self, error)))
    goto fail;
  if (!count_names (&run, again, error) || !(run.background = read_background (self, error)))
    goto fail;
  if (!again && !same_names (before, run.background))
    again = TRUE, run.since = 0;
  run.dict.background = run.background;
  if (again && !exec (self, "DELETE FROM conflicts", error))
    goto fail;
  if (!(run.insert = prepare (self, "INSERT OR IGNORE INTO conflicts (a, b, reason) VALUES (?, ?, ?)", error)) ||
      !(run.sentence = prepare (self, "SELECT terms FROM sentence_terms WHERE document_id = ? AND sentence = ?", error)))
    goto fail;

  /* every figure: a new one may meet any (there are few of them) */
  if (!(stmt = prepare (self, "SELECT " FIGURE_COLUMNS " FROM facts"
                              " WHERE terms IS NOT NULL AND terms != '' AND kind IN ('money', 'quantity', 'percent')", error)) ||
      !read_conflict_facts (&run, stmt, figures, error) ||
      !compare_figures (&run, figures, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_ptr_array_set_size (figures, 0);

  if (!(again ? compare_all_claims (&run, error) : compare_new_claims (&run, error)))
    goto fail;

  if (!set_state_int64 (self, "conflicts_through", last, error) ||
      (again && !set_state_int64 (self, "conflicts_whole", last, error)))
    goto fail;
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  if (!exec (self, "COMMIT", error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
out:
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  g_clear_pointer (&run.sentences, g_hash_table_unref);
  g_clear_pointer (&run.dict.ids, g_hash_table_unref);
  g_clear_pointer (&run.dict.terms, g_ptr_array_unref);
  g_clear_pointer (&run.dict.flags, g_byte_array_unref);
  g_clear_pointer (&run.background, g_hash_table_unref);
  return ok;
}

/* The facts that disagree with the fact @uid, each with why. */
GPtrArray *
desk_store_list_conflicts (DeskStore   *self,
                           const char  *uid,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = prepare (self,
                  "SELECT f.uid, f.document_id, f.kind, f.text, f.value, f.start, f.\"end\", f.modality, c.reason, d.title"
                  " FROM conflicts c JOIN facts f ON f.uid = CASE WHEN c.a = ?1 THEN c.b ELSE c.a END"
                  " JOIN documents d ON d.id = f.document_id"
                  " WHERE c.a = ?1 OR c.b = ?1 ORDER BY d.title, f.start", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskFactRow *row = g_new0 (DeskFactRow, 1);

      row->uid = g_strdup (column_text (stmt, 0));
      row->document_id = sqlite3_column_int64 (stmt, 1);
      desk_fact_kind_from_string (column_text (stmt, 2), &row->fact.kind);
      row->fact.text = g_strdup (column_text (stmt, 3));
      row->fact.value = g_strdup (column_text (stmt, 4));
      row->fact.start = sqlite3_column_int64 (stmt, 5);
      row->fact.end = sqlite3_column_int64 (stmt, 6);
      desk_modality_from_string (column_text (stmt, 7), &row->fact.modality);
      row->fact.extra = g_strdup (column_text (stmt, 8)); /* the reason */
      row->document_title = g_strdup (column_text (stmt, 9));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Axes */

/* Stores @scores of the document @id: the rows at or above the threshold
 * for its paragraphs (its facts weigh what their paragraph says), the
 * axes it proposes, and the stamp that marks it scored.  Inside a
 * transaction the caller holds. */
static gboolean
write_scores (DeskStore          *self,
              gint64              id,
              const char         *doc_uid,
              DeskDocumentScores *scores,
              GError            **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cached (self, "DELETE FROM paragraph_scores WHERE document_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
  sqlite3_reset (stmt);

  if (!(stmt = cached (self, "INSERT OR IGNORE INTO paragraph_scores (axis_id, document_id, paragraph, score)"
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
            return set_sql_error (self, error);
        }
    }
  sqlite3_reset (stmt);

  /* found axes keep what the officer merged them into */
  {
    g_autoptr(GString) kept = g_string_new ("[");

    if (!(stmt = cached (self, "INSERT INTO found_axes (id, document_id, position, name, section, start, \"end\")"
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
          return set_sql_error (self, error);
      }
    sqlite3_reset (stmt);
    g_string_append_c (kept, ']');
    if (!(stmt = cached (self, "DELETE FROM found_axes WHERE document_id = ? AND id NOT IN (SELECT value FROM json_each (?))", error)))
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_text (stmt, 2, kept->str, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return set_sql_error (self, error);
    sqlite3_reset (stmt);
  }

  if (!(stmt = cached (self, "INSERT OR REPLACE INTO axes_stamps (stamp, document_id) VALUES (?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, scores->stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
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
  return write_scores (self, id, doc->uid, scores, error);
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
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  g_return_val_if_fail (axes != NULL, -1);

  stamp = desk_axes_get_stamp (axes);
  /* every document scored by these axes: nothing to read (the usual case
   * when the window opens) */
  if (!(stmt = prepare (self, "SELECT (SELECT count (*) FROM documents) = (SELECT count (*) FROM axes_stamps WHERE stamp = ?)", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sql_error (self, error);
      return -1;
    }
  if (sqlite3_column_int (stmt, 0))
    return 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = prepare (self, "SELECT d.id FROM documents d LEFT JOIN axes_stamps a ON a.document_id = d.id"
                              " WHERE a.stamp IS NULL OR a.stamp != ? ORDER BY d.id", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return -1;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* documents are scored in batches: one commit per hundred, not per document */
  for (guint i = 0; i < ids->len; i++)
    {
      if ((i % SCORE_BATCH == 0 && !exec (self, "BEGIN IMMEDIATE", error)) ||
          g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !score_document (self, axes, g_array_index (ids, gint64, i), error) ||
          ((i % SCORE_BATCH == SCORE_BATCH - 1 || i + 1 == ids->len) && !exec (self, "COMMIT", error)))
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

  stmt = prepare (self,
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
    return set_sql_error (self, error);
  *n_facts = sqlite3_column_int (stmt, 0);
  *n_documents = sqlite3_column_int (stmt, 1);
  *newest = g_strdup (column_text (stmt, 2));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (axis_id != NULL, NULL);

  stmt = prepare (self,
                  AXIS_FACTS
                  " SELECT " FACT_ROW_COLUMNS ", best.score, d.published"
                  " FROM best JOIN facts f ON f.id = best.id JOIN documents d ON d.id = f.document_id"
                  " LEFT JOIN sections s ON s.document_id = f.document_id AND s.position = f.section"
                  " WHERE NOT EXISTS (SELECT 1 FROM axis_overrides o WHERE o.axis_id = ?1 AND o.target = f.uid AND o.assigned = 0)"
                  " ORDER BY best.score DESC, d.published DESC, f.document_id, f.start, f.id LIMIT ?4", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, DESK_AXES_THRESHOLD);
  if (kind >= 0)
    sqlite3_bind_text (stmt, 3, desk_fact_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskFactRow *row = fact_row_from_stmt (stmt);

      row->score = sqlite3_column_double (stmt, 16);
      row->document_published = g_strdup (column_text (stmt, 17));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Whether any document proposes axes of its own. */
gboolean
desk_store_has_found_axes (DeskStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!(stmt = prepare (self, "SELECT 1 FROM found_axes LIMIT 1", NULL)))
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

  if (!(stmt = prepare (self, "INSERT INTO axis_overrides (axis_id, target, assigned) VALUES (?, ?, ?)"
                              " ON CONFLICT (axis_id, target) DO UPDATE SET assigned = excluded.assigned", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, assigned ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
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

GPtrArray *
desk_store_list_found_axes (DeskStore  *self,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_found_axis_row_free);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT a.id, a.document_id, a.name, a.start, a.\"end\", a.merged_into, d.title,"
                        " (SELECT count (*) FROM facts f WHERE f.document_id = a.document_id AND f.kind = 'proposal'"
                        "  AND f.start >= a.start AND f.start < a.\"end\")"
                        " FROM found_axes a JOIN documents d ON d.id = a.document_id ORDER BY d.title, a.position", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskFoundAxisRow *row = g_new0 (DeskFoundAxisRow, 1);

      row->id = g_strdup (column_text (stmt, 0));
      row->document_id = sqlite3_column_int64 (stmt, 1);
      row->name = g_strdup (column_text (stmt, 2));
      row->start = sqlite3_column_int64 (stmt, 3);
      row->end = sqlite3_column_int64 (stmt, 4);
      row->merged_into = g_strdup (column_text (stmt, 5));
      row->document_title = g_strdup (column_text (stmt, 6));
      row->n_proposals = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
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

  if (!(stmt = prepare (self, "UPDATE found_axes SET merged_into = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, axis_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, found_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self, error);
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
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = prepare (self,
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
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Review is in desk-review.c; it reaches the connection through this. */
sqlite3 *
desk_store_get_db (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->db;
}

gboolean
desk_store_set_error_from_db (DeskStore  *self,
                              GError    **error)
{
  return set_sql_error (self, error);
}

/* @sql prepared on the library's connection, or NULL with @error set:
 * for the modules that keep their SQL beside their logic (review, lists). */
sqlite3_stmt *
desk_store_prepare (DeskStore   *self,
                    const char  *sql,
                    GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return prepare (self, sql, error);
}
