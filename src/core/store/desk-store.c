/* desk-store.c: the library, one SQLite file; one DeskStore per thread:
 * opening it, its errors and the SQL helpers its parts share */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "desk-store-private.h"
#include "desk-tokenizer.h"

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (desk-store-error-quark, desk_store_error)

/* How long a write waits, at most, for a library another program is
 * writing (another import, a colleague's window on a shared disk) before
 * it gives up: long enough for that program's longest transaction */
#define DEFAULT_MAX_WAIT_MS (10 * 60 * 1000)

/* A wait longer than this is told (desk_store_set_waiting_func): shorter
 * ones are the ordinary turns of two programs writing */
#define WAIT_NOTICE_MS 300

/* Between two tries for the library: short at first, then this, at most */
#define MAX_WAIT_STEP_MS 100

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

gboolean
desk_store_set_error_from_db (DeskStore  *self,
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
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_BUSY,
                 _("The library “%s” is in use by another program: nothing was written; try again once it is done"),
                 self->path);
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

gboolean
desk_store_exec (DeskStore   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return desk_store_set_error_from_db (self, error);
  return TRUE;
}

/* @sql prepared on the library's connection, or NULL with @error set */
sqlite3_stmt *
desk_store_prepare (DeskStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      desk_store_set_error_from_db (self, error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once for the life of the connection, for the
 * writes import repeats per document and per fact.  @sql must be a string
 * literal: it is the key.  Reset, its bindings cleared; never finalize it. */
sqlite3_stmt *
desk_store_cached (DeskStore   *self,
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
      desk_store_set_error_from_db (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps @stmt once: ROW while it gives rows, DONE after the last, FAILED
 * with @error set from the library when SQLite fails — the one place
 * where a loop over rows checks how it ended */
DeskStoreStep
desk_store_step (DeskStore     *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return DESK_STORE_STEP_ROW;
    case SQLITE_DONE:
      return DESK_STORE_STEP_DONE;
    default:
      desk_store_set_error_from_db (self, error);
      return DESK_STORE_STEP_FAILED;
    }
}

const char *
desk_store_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The integer @sql gives, or -1 on error */
gint64
desk_store_query_int64 (DeskStore   *self,
                        const char  *sql,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* An integer of library_state, or -1 when it has none */
gint64
desk_store_get_state (DeskStore  *self,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (self, "SELECT CAST (value AS INTEGER) FROM library_state WHERE key = ?", NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
desk_store_set_state (DeskStore  *self,
                      const char *key,
                      gint64      value,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (self, "INSERT OR REPLACE INTO library_state (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  return TRUE;
}

static void
pending_index_clear (gpointer data)
{
  g_clear_pointer (&((PendingIndex *) data)->tokens, desk_tokens_unref);
}

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = DESK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->fts_pending, g_array_unref);
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  g_clear_object (&self->cancellable);
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
  self->max_wait = DEFAULT_MAX_WAIT_MS;
}

/* SQLite's busy handler: another connection (another program, or another
 * thread's) writes the library.  Tries again, a little later each time,
 * until it is free, max_wait has passed or the wait is cancelled; a wait
 * that lasts is told once to waiting_func. */
static int
on_library_busy (void *data,
                 int   count)
{
  DeskStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited;

  if (count == 0)
    {
      self->busy_since = now;
      self->busy_told = FALSE;
    }
  waited = (now - self->busy_since) / 1000;
  if (waited >= self->max_wait || g_cancellable_is_cancelled (self->cancellable))
    return 0;
  if (!self->busy_told && waited >= WAIT_NOTICE_MS)
    {
      self->busy_told = TRUE;
      if (self->waiting_func != NULL)
        self->waiting_func (self->path, self->waiting_data);
    }
  g_usleep (MIN ((count + 1) * 10, MAX_WAIT_STEP_MS) * 1000);
  return 1;
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
  sqlite3_busy_handler (self->db, on_library_busy, self);
  sqlite3_extended_result_codes (self->db, 0);

  if (!desk_tokenizer_register (self->db, error) || !_desk_store_register_entity_functions (self, error))
    return FALSE;

  /* The first read tells a damaged or foreign file apart from a library,
   * and a newer library is refused before anything is written to it. */
  if (!desk_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !desk_store_exec (self, "SELECT count(*) FROM sqlite_master", error) ||
      (*version = _desk_store_read_version (self, error)) < 0)
    return FALSE;
  if (!read_only &&
      (!desk_store_exec (self, "PRAGMA journal_mode = WAL", error) || !desk_store_exec (self, "PRAGMA synchronous = NORMAL", error)))
    return FALSE;
  /* a reader's cache; import asks for more */
  return desk_store_exec (self, "PRAGMA cache_size = -8192", error);
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
  if (!self->read_only && !_desk_store_migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Opens the library at @path for reading what it holds: unlike
 * desk_store_open (), it makes no library (nor its folder) where there
 * is none, and an empty file is not taken for one. */
DeskStore *
desk_store_open_existing (const char  *path,
                          GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND, _("There is no library at “%s”"), path);
      else
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_OPEN,
                     _("Cannot open the library “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Dialogue Desk library or is damaged"), path);
      return NULL;
    }
  return desk_store_open (path, error);
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

/* How long a write waits for the library while another program writes
 * it, before it fails with DESK_STORE_ERROR_BUSY: ten minutes unless set;
 * 0 fails at once (a window's main thread, which must never wait). */
void
desk_store_set_max_wait (DeskStore *self,
                         guint      milliseconds)
{
  g_return_if_fail (DESK_IS_STORE (self));
  self->max_wait = milliseconds;
}

/* @func is told, in the thread that writes, when a write has waited a
 * moment for the library because another program writes it, once per
 * wait: so that the officer knows why nothing moves. */
void
desk_store_set_waiting_func (DeskStore            *self,
                             DeskStoreWaitingFunc  func,
                             gpointer              user_data)
{
  g_return_if_fail (DESK_IS_STORE (self));
  self->waiting_func = func;
  self->waiting_data = user_data;
}

/* A wait for the library gives up, with DESK_STORE_ERROR_BUSY, once
 * @cancellable is cancelled */
void
desk_store_set_cancellable (DeskStore    *self,
                            GCancellable *cancellable)
{
  g_return_if_fail (DESK_IS_STORE (self));
  g_set_object (&self->cancellable, cancellable);
}

/* SQLite's data_version: it differs from what an earlier call on this
 * store gave when another connection (another program's, or another
 * thread's) has committed a change to the library since.  -1 on error. */
gint64
desk_store_get_data_version (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  return desk_store_query_int64 (self, "PRAGMA data_version", NULL);
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->path;
}

/* The connection, for the stages after the store that keep their SQL
 * beside their logic (review, lists) */
sqlite3 *
desk_store_get_db (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->db;
}
