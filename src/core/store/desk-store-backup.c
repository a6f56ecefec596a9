/* desk-store-backup.c: a copy of the library, whole even while it is in
 * use, by SQLite's online backup
 *
 * A library in use is two files: library.db and its log, library.db-wal,
 * which holds the newest work until SQLite moves it into library.db.  A
 * copy of library.db alone then silently lacks that work; the online
 * backup reads the library as one consistent state, log included, as any
 * reader does, so other programs may go on writing meanwhile. */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "desk-file.h"
#include "desk-store-private.h"

/* A new backup can be read by its owner only, as the library's folder */
#define BACKUP_MODE 0600

/* The file SQLite keeps beside @path under @suffix ("-journal", "-wal") */
static void
remove_beside (const char *path,
               const char *suffix)
{
  g_autofree char *beside = g_strconcat (path, suffix, NULL);

  g_unlink (beside);
}

/* Whether @st is the library's own file or one SQLite keeps beside it */
static gboolean
is_library_file (DeskStore      *self,
                 const GStatBuf *st)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);
      GStatBuf own;

      if (g_stat (path, &own) == 0 && own.st_dev == st->st_dev && own.st_ino == st->st_ino)
        return TRUE;
    }
  return FALSE;
}

static void
set_copy_error (sqlite3     *copy,
                const char  *path,
                GError     **error)
{
  int system = copy != NULL ? sqlite3_system_errno (copy) : 0;

  g_set_error (error, G_IO_ERROR, system != 0 ? g_io_error_from_errno (system) : G_IO_ERROR_FAILED,
               _("Cannot write the backup “%s”: %s"), path,
               system != 0 ? g_strerror (system) : copy != NULL ? sqlite3_errmsg (copy) : g_strerror (ENOMEM));
}

/* Copies the whole library into the new file @tmp_path, as one file
 * without a log beside it */
static gboolean
copy_library (DeskStore   *self,
              const char  *tmp_path,
              const char  *path,
              GError     **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  if (sqlite3_open_v2 (tmp_path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_copy_error (copy, path, error);
      sqlite3_close (copy);
      return FALSE;
    }
  backup = sqlite3_backup_init (copy, "main", self->db, "main");
  if (backup == NULL)
    {
      set_copy_error (copy, path, error);
      sqlite3_close (copy);
      return FALSE;
    }
  /* every page in one step: one read of the library, consistent while
   * other programs write it (a library not in WAL mode is waited for by
   * the store's own busy handler) */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_BUSY,
                   _("The library “%s” is in use by another program: nothing was written; try again once it is done"),
                   self->path);
      sqlite3_close (copy);
      return FALSE;
    }
  /* one file, without a log beside it, to be copied or moved as it is */
  if (rc != SQLITE_DONE ||
      sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_copy_error (copy, path, error);
      sqlite3_close (copy);
      return FALSE;
    }
  if (sqlite3_close (copy) != SQLITE_OK)
    {
      set_copy_error (copy, path, error);
      return FALSE;
    }
  return TRUE;
}

/* Makes a copy of the library at @path, whole even while other programs
 * write the library, and in one file: written beside @path and renamed
 * over it when whole (desk_replace_begin ()), so that @path is never half
 * a backup.  A link is written through to its file, and an existing file
 * keeps its permissions; a new one can be read by its owner only, as the
 * library's folder.  Refuses to write over what is not a regular file,
 * or over the library itself. */
gboolean
desk_store_backup (DeskStore   *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DeskReplace replace;
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  exists = g_stat (path, &st) == 0;
  if (exists && is_library_file (self, &st))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is the library itself: back it up to another file"), path);
      return FALSE;
    }
  if (!desk_replace_begin (&replace, path, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write the backup “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if ((!exists && fchmod (replace.fd, BACKUP_MODE) != 0) ||
      !copy_library (self, replace.tmp_path, path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                     _("Cannot write the backup “%s”: %s"), path, g_strerror (errno));
      remove_beside (replace.tmp_path, "-journal");
      remove_beside (replace.tmp_path, "-wal");
      remove_beside (replace.tmp_path, "-shm");
      desk_replace_abort (&replace);
      return FALSE;
    }
  if (!desk_replace_commit (&replace, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write the backup “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
