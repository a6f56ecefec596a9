/* desk-window-library.c: the window's library part: backing the library
 * up while it is in use, and following the changes other programs make
 * to it */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-window-private.h"

/* How often the window looks whether another program changed the
 * library: a question to SQLite's shared memory, no reading of the file */
#define FOLLOW_SECONDS 2

/* Following the library */

/* Whether the officer is typing (a note, a correction, a filter): the
 * lists are not read again under their hands, but once they are done */
static gboolean
officer_is_typing (DeskWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

static gboolean
follow_library_cb (gpointer user_data)
{
  DeskWindow *self = user_data;
  gint64 version;

  /* what the window does itself it reads again itself, when done */
  if (self->import_cancellable != NULL || desk_window_is_waiting_for_library (self) || officer_is_typing (self))
    return G_SOURCE_CONTINUE;
  version = desk_store_get_data_version (self->store);
  if (version == self->library_version)
    return G_SOURCE_CONTINUE;
  self->library_version = version;
  g_debug ("the library changed elsewhere: reading it again");
  _desk_window_library_changed (self);
  return G_SOURCE_CONTINUE;
}

/* Documents another program imports, reviews it makes, show in the
 * window without the officer asking */
void
_desk_window_follow_library (DeskWindow *self)
{
  _desk_window_library_read (self);
  if (self->follow_source == 0)
    self->follow_source = g_timeout_add_seconds (FOLLOW_SECONDS, follow_library_cb, self);
}

/* The views have just read the whole library (after the window's own
 * import): what changed until now is in them */
void
_desk_window_library_read (DeskWindow *self)
{
  self->library_version = desk_store_get_data_version (self->store);
}

/* Backup */

static void
back_up_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GStrv paths = task_data;  /* the library, the backup */
  g_autoptr(DeskStore) store = NULL;
  GError *error = NULL;

  store = desk_store_open (paths[0], &error);
  if (store == NULL || !desk_store_backup (store, paths[1], &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
backed_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DeskWindow *self = DESK_WINDOW (object);
  GStrv paths = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->backing_up = FALSE;
  _desk_window_update_import_actions (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* TRANSLATORS: %s says why */
    message = g_strdup_printf (_("The library could not be backed up: %s"), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (paths[1]);

      message = g_strdup_printf (_("Library backed up to “%s”"), base);
    }
  g_ptr_array_set_size (self->failures, 0);
  _desk_window_show_status (self, message, FALSE);
}

static void
on_backup_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               DeskWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        desk_window_back_up (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Actions */

void
_desk_window_back_up_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: file name offered for a backup of the library; %s is the date */
  g_autofree char *name = g_strdup_printf (_("library backup %s.db"), date);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Back Up Library"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* What tests call too (desk-window-private.h) */

/* Copies the library to @path in the background, whole even while other
 * programs write it; the status says how it went. */
void
desk_window_back_up (DeskWindow *self,
                     const char *path)
{
  g_autoptr(GTask) task = NULL;
  GStrv paths;

  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->backing_up)
    return;
  self->backing_up = TRUE;
  _desk_window_update_import_actions (self);
  g_ptr_array_set_size (self->failures, 0);
  _desk_window_show_status (self, _("Backing up the library…"), FALSE);

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (desk_store_get_path (self->store));
  paths[1] = g_strdup (path);
  task = g_task_new (self, self->cancellable, backed_up_cb, NULL);
  g_task_set_source_tag (task, desk_window_back_up);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, back_up_in_thread);
}

gboolean
desk_window_is_backing_up (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);
  return self->backing_up;
}
