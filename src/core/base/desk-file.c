/* desk-file.c: writing a file whole in place of what a path names
 *
 * A brief or a review file is written to a temporary file beside its
 * destination and renamed over it when whole, so that a failure leaves
 * nothing half-written.  The rename must not change what the officer
 * had there: the destination keeps its permissions (a brief readable by
 * its owner only stays so) and owner, a symbolic link is written
 * through to the file it names, and what is not a regular file (a
 * device, a folder, a pipe) is refused rather than replaced. */
#define G_LOG_DOMAIN "desk-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "desk-file.h"

/* Links followed at most, as the system does (ELOOP) */
#define MAX_LINKS 40

/* Temporary files being written, to remove when a signal ends the
 * program: a fixed table, as a signal handler may only read memory */
#define MAX_PENDING 8

static char pending[MAX_PENDING][PATH_MAX];
static volatile sig_atomic_t pending_used[MAX_PENDING];
static struct sigaction previous[NSIG];

static void
remember_pending (const char *path)
{
  if (strlen (path) >= PATH_MAX)
    return;
  for (guint i = 0; i < MAX_PENDING; i++)
    if (!pending_used[i])
      {
        strcpy (pending[i], path);
        pending_used[i] = 1;
        return;
      }
}

static void
forget_pending (const char *path)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (pending_used[i] && strcmp (pending[i], path) == 0)
      pending_used[i] = 0;
}

static void
on_fatal_signal (int signum)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (pending_used[i])
      unlink (pending[i]);
  /* then end as the signal would have */
  sigaction (signum, &previous[signum], NULL);
  raise (signum);
}

/* Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of writes
 * under way before the program ends: an export stopped with Ctrl-C
 * leaves no half brief beside the destination.  Signals the program was
 * told to ignore stay ignored. */
void
desk_file_remove_on_signal (void)
{
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction action = { 0 };

      if (sigaction (signals[i], NULL, &previous[signals[i]]) != 0 || previous[signals[i]].sa_handler == SIG_IGN)
        continue;
      action.sa_handler = on_fatal_signal;
      sigemptyset (&action.sa_mask);
      action.sa_flags = SA_RESETHAND;
      sigaction (signals[i], &action, NULL);
    }
}

/* The file @path names: itself, or where its symbolic links lead, even
 * to a file that does not exist yet.  *@st is filled and *@exists set
 * when it exists. */
static char *
resolve_target (const char   *path,
                struct stat  *st,
                gboolean     *exists,
                GError      **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops <= MAX_LINKS; hops++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;

      if (lstat (current, st) != 0)
        {
          int saved = errno;

          if (saved != ENOENT)
            {
              g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
              return NULL;
            }
          *exists = FALSE;
          return g_steal_pointer (&current);
        }
      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          return g_steal_pointer (&current);
        }
      if ((link = g_file_read_link (current, error)) == NULL)
        return NULL;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          dir = g_path_get_dirname (current);
          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS, g_strerror (ELOOP));
  return NULL;
}

/* Opens a temporary file to write what replaces the file @path names.
 * FALSE, with the reason in @error (for the caller to name the file),
 * when that is not a regular file or the temporary file cannot be made. */
gboolean
desk_replace_begin (DeskReplace  *replace,
                    const char   *path,
                    GError      **error)
{
  struct stat st;
  gboolean exists = FALSE;
  g_autofree char *target = NULL;
  g_autofree char *tmp_path = NULL;
  sigset_t fatal, before;
  int fd;

  g_return_val_if_fail (replace != NULL && path != NULL, FALSE);

  memset (replace, 0, sizeof *replace);
  replace->fd = -1;
  if ((target = resolve_target (path, &st, &exists, error)) == NULL)
    return FALSE;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           S_ISDIR (st.st_mode) ? _("it is a folder") : _("it is not a regular file"));
      return FALSE;
    }

  tmp_path = g_strconcat (target, ".XXXXXX", NULL);
  /* a new file's permissions are those the umask allows; the signals
   * that remove it wait until it is remembered */
  sigemptyset (&fatal);
  sigaddset (&fatal, SIGINT);
  sigaddset (&fatal, SIGTERM);
  sigaddset (&fatal, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &fatal, &before);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd >= 0)
    remember_pending (tmp_path);
  pthread_sigmask (SIG_SETMASK, &before, NULL);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  if (exists)
    {
      /* an existing file's permissions and owner are kept (an owner
       * only root may give: otherwise the writer's) */
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (tmp_path);
          forget_pending (tmp_path);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          return FALSE;
        }
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("%s keeps the writer's owner: %s", target, g_strerror (errno));
    }
  replace->target = g_steal_pointer (&target);
  replace->tmp_path = g_steal_pointer (&tmp_path);
  replace->fd = fd;
  return TRUE;
}

/* Makes the written file the destination: synced, closed and renamed
 * over it.  On failure the temporary file is removed and the destination
 * is as it was. */
gboolean
desk_replace_commit (DeskReplace  *replace,
                     GError      **error)
{
  int fd;

  g_return_val_if_fail (replace != NULL && replace->fd >= 0, FALSE);

  fd = replace->fd;
  replace->fd = -1;
  if (fsync (fd) != 0 || close (fd) != 0 || g_rename (replace->tmp_path, replace->target) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      desk_replace_abort (replace);
      return FALSE;
    }
  forget_pending (replace->tmp_path);
  g_clear_pointer (&replace->tmp_path, g_free);
  g_clear_pointer (&replace->target, g_free);
  return TRUE;
}

/* Gives up a replacement: the temporary file removed, the destination
 * untouched */
void
desk_replace_abort (DeskReplace *replace)
{
  g_return_if_fail (replace != NULL);

  if (replace->fd >= 0)
    close (replace->fd);
  replace->fd = -1;
  if (replace->tmp_path != NULL)
    {
      g_unlink (replace->tmp_path);
      forget_pending (replace->tmp_path);
    }
  g_clear_pointer (&replace->tmp_path, g_free);
  g_clear_pointer (&replace->target, g_free);
}

/* Replaces the file @path names with @data, as desk_replace_begin ()
 * says; the reason in @error when it cannot */
gboolean
desk_replace_contents (const char  *path,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  DeskReplace replace;

  if (!desk_replace_begin (&replace, path, error))
    return FALSE;
  while (len > 0)
    {
      gssize n = write (replace.fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          desk_replace_abort (&replace);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return desk_replace_commit (&replace, error);
}
