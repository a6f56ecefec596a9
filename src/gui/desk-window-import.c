/* desk-window-import.c: the window's import part: importing files and
 * folders in the background with progress and cancel, the file choosers,
 * drag and drop, the sample documents, the library brought up to date */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-importer.h"
#include "desk-window-private.h"

/* What the window's imports may take in memory besides the window's own
 * (desk_importer_set_memory_budget): the window holds its lists, pages
 * and views of the library meanwhile, so they write less at a time than
 * the command line does */
#define WINDOW_IMPORT_BUDGET (24 * 1024 * 1024)

static void
on_import_progress_cb (guint       done,
                       guint       total,
                       const char *current,
                       gpointer    user_data)
{
  DeskWindow *self = user_data;
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (self->import_cancellable == NULL || current == NULL)
    return;
  base = g_path_get_basename (current);
  /* TRANSLATORS: import progress: files done, files in all, file name */
  message = g_strdup_printf (_("Importing %u of %u: %s"), done + 1, total, base);
  gtk_label_set_text (self->status_label, message);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

/* The import waits for the library, which another program is writing */
static void
on_import_waiting_cb (const char *path,
                      gpointer    user_data)
{
  DeskWindow *self = user_data;
  g_autofree char *message = NULL;

  if (self->import_cancellable == NULL)
    return;
  /* TRANSLATORS: while another program writes the library; %s is its file */
  message = g_strdup_printf (_("Waiting for the library “%s”: it is in use by another program…"), path);
  gtk_label_set_text (self->status_label, message);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean cancelled;
  guint added = 0, duplicates = 0, not_read = 0, failed = 0;
  char *stop;
  gint64 first_added = 0;

  results = desk_importer_run_finish (DESK_IMPORTER (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  cancelled = self->import_cancellable != NULL && g_cancellable_is_cancelled (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  _desk_window_update_import_actions (self);

  g_ptr_array_set_size (self->failures, 0);
  if (results == NULL)
    {
      _desk_window_show_status (self, error->message, FALSE);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      DeskImportResult *r = g_ptr_array_index (results, i);
      char *note;

      if (r->status == DESK_IMPORT_ADDED)
        {
          added++;
          if (first_added == 0)
            first_added = r->document_id;
          /* not a failure, but worth knowing: among the details */
          if ((note = desk_import_result_note (r)) != NULL)
            g_ptr_array_add (self->failures, note);
        }
      else if (r->status == DESK_IMPORT_DUPLICATE)
        duplicates++;
      else if (r->status == DESK_IMPORT_NOT_READ)
        not_read++;
      else
        {
          failed++;
          g_ptr_array_add (self->failures, g_strdup (r->error->message));
        }
    }
  /* the files an import stopped before share one reason */
  if ((stop = desk_import_describe_stop (results)) != NULL)
    g_ptr_array_add (self->failures, stop);

  _desk_window_reload_documents (self);
  _desk_window_library_read (self);
  if (first_added > 0)
    {
      guint position = _desk_window_find_document (self, first_added, NULL);
      if (position != GTK_INVALID_LIST_POSITION)
        desk_window_select_document (self, position);
    }

  if (cancelled)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Import cancelled; %u document was added before it stopped",
                                            "Import cancelled; %u documents were added before it stopped",
                                            added), added);
  else
    {
      g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document added", "%u documents added", added), added);
      g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already in the library", "%u already in the library", duplicates), duplicates);
      guint n_failed = failed + not_read;
      g_autofree char *f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u could not be imported", "%u could not be imported", n_failed), n_failed);

      /* TRANSLATORS: import summary: added, duplicates, failures */
      message = g_strdup_printf (_("%s, %s, %s"), a, d, f);
    }
  _desk_window_show_status (self, message, FALSE);
}

static void
maintenance_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GPtrArray) results = desk_importer_run_finish (DESK_IMPORTER (object), result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* nothing to show again when the library was up to date */
  if (results != NULL && desk_importer_get_changed (DESK_IMPORTER (object)))
    {
      desk_facts_view_reload (self->facts_view);
      desk_axes_view_reload (self->axes_view);
    }
  /* what it wrote is the window's own doing, not another program's */
  _desk_window_library_read (self);
}

static DeskImporter *
new_importer (DeskWindow *self)
{
  DeskImporter *importer = desk_importer_new (desk_store_get_path (self->store));

  desk_importer_set_memory_budget (importer, WINDOW_IMPORT_BUDGET);
  return importer;
}

static void
import_files (DeskWindow *self,
              GListModel *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  desk_window_import (self, (const char * const *) paths->pdata);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        DeskWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      import_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_chooser (DeskWindow           *self,
              GtkFileChooserAction  action)
{
  static const char * const all[] = { "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm", "*.pdf", NULL };
  static const char * const text[] = { "*.txt", "*.text", NULL };
  static const char * const markdown[] = { "*.md", "*.markdown", NULL };
  static const char * const html[] = { "*.html", "*.htm", NULL };
  static const char * const pdf[] = { "*.pdf", NULL };
  GtkFileChooserNative *chooser;
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder") : _("Import Files"),
                                         GTK_WINDOW (self), action, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("All supported documents"), all, NULL);
      _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("Plain text"), text, NULL);
      _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("Markdown"), markdown, NULL);
      _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("Web pages (HTML)"), html, NULL);
      _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("PDF documents"), pdf, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
samples_dir (void)
{
  const char *env = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (PKGDATADIR, "samples", NULL);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            DeskWindow    *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->import_cancellable != NULL)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  desk_window_import (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* Actions */

void
_desk_window_import_files_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  open_chooser (DESK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
_desk_window_import_folder_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  open_chooser (DESK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

void
_desk_window_open_samples_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autofree char *dir = samples_dir ();
  const char *paths[] = { dir, NULL };

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("The sample documents are not installed (looked in “%s”)"), dir);
      _desk_window_show_status (self, message, FALSE);
      return;
    }
  desk_window_import (self, paths);
}

void
_desk_window_cancel_import_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->status_label, _("Cancelling the import…"));
    }
}

/* The window's parts */

/* Files dropped on the window are imported */
void
_desk_window_init_import (DeskWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Brings facts, conflicts and axis scores of a library stored by an
 * earlier version up to date, in the background. */
void
_desk_window_refresh_library (DeskWindow *self)
{
  g_autoptr(DeskImporter) importer = new_importer (self);
  const char *none[] = { NULL };

  desk_importer_run_async (importer, none, NULL, NULL, self->cancellable, maintenance_done_cb, g_object_ref (self));
}

void
_desk_window_update_import_actions (DeskWindow *self)
{
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-samples", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-library", !self->backing_up);
}

void
_desk_window_add_file_filter (GtkFileChooser     *chooser,
                              const char         *name,
                              const char * const *patterns,
                              const char * const *types)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; types && types[i]; i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* Public API */

/* Imports files and folders in the background; the window stays usable. */
void
desk_window_import (DeskWindow         *self,
                    const char * const *paths)
{
  g_autoptr(DeskImporter) importer = NULL;

  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->import_cancellable != NULL || paths[0] == NULL)
    return;

  self->import_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->failures, 0);
  _desk_window_update_import_actions (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  _desk_window_show_status (self, _("Preparing the import…"), TRUE);

  importer = new_importer (self);
  desk_importer_set_waiting_func (importer, on_import_waiting_cb, self);
  desk_importer_run_async (importer, paths, on_import_progress_cb, self,
                           self->import_cancellable, import_done_cb, g_object_ref (self));
}

/* What tests call (desk-window-private.h) */

gboolean
desk_window_is_importing (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL;
}

