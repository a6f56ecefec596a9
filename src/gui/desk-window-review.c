/* desk-window-review.c: the window's review part: starting, ending and
 * listing review sessions, undo and redo of review changes, exporting a
 * review and merging one, with the review dialogs these open */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-review-conflicts-dialog.h"
#include "desk-review-export.h"
#include "desk-review-sessions-dialog.h"
#include "desk-review-start-dialog.h"
#include "desk-window-private.h"

/* After the review changed elsewhere than in the facts view */
static void
review_refreshed (gpointer user_data)
{
  DeskWindow *self = user_data;

  desk_facts_view_refresh_review (self->facts_view);
  desk_entities_view_reload (self->entities_view);
  desk_axes_view_reload (self->axes_view);
  /* an undone change may have been a document's title, or an entity's */
  _desk_window_refresh_document_rows (self);
  _desk_window_refresh_mentions (self);
  _desk_window_update_review_actions (self);
}

static void
on_review_exported_cb (const char *path,
                       gpointer    user_data)
{
  DeskWindow *self = user_data;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf (_("Review exported to “%s”"), base);

  _desk_window_show_status (self, message, FALSE);
}

static void
on_review_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               DeskWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        desk_window_import_review (self, path, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Actions */

void
_desk_window_start_review_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  DeskReviewStartDialog *dialog = desk_review_start_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "started", G_CALLBACK (review_refreshed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_desk_window_end_review_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!desk_review_end (self->store, &error))
    desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The review session could not be ended"), error->message);
  review_refreshed (self);
}

void
_desk_window_review_sessions_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (desk_review_sessions_dialog_new (GTK_WINDOW (self), self->store)));
}

/* An undo or a redo on its way to the library */
typedef struct
{
  DeskWindow *window;
  gboolean undo;
  gboolean done;             /* there was a step to take */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_object_unref (step->window);
  g_free (step);
}

/* In the main thread, or a worker's when the library was busy */
static gboolean
write_step (DeskStore  *store,
            gpointer    data,
            GError    **error)
{
  Step *step = data;

  return (step->undo ? desk_review_undo : desk_review_redo) (store, &step->done, error);
}

static void
on_step_written (gpointer      data,
                 gboolean      waited,
                 const GError *error)
{
  Step *step = data;
  DeskWindow *self = step->window;

  if (error != NULL)
    desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR,
                              step->undo ? _("The change could not be undone") : _("The change could not be redone"),
                              error->message);
  else if (step->done)
    _desk_window_show_status (self, step->undo ? _("Review change undone") : _("Review change redone"), FALSE);
  review_refreshed (self);
}

void
_desk_window_undo_redo_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  Step *step = g_new0 (Step, 1);

  step->window = g_object_ref (self);
  step->undo = g_str_equal (action_name, "win.undo");
  desk_library_writer_run (self->writer, write_step, on_step_written, step, step_free);
}

/* The officer's change of a document's title, author, date or source,
 * each field changed a review event of its own */
typedef struct
{
  DeskWindow *window;
  char *uid;
  GPtrArray *fields;   /* the document's fields that changed */
  GPtrArray *values;   /* their new values, NULL for none */
} MetadataChange;

static void
metadata_change_free (gpointer data)
{
  MetadataChange *change = data;

  g_object_unref (change->window);
  g_free (change->uid);
  g_ptr_array_unref (change->fields);
  g_ptr_array_unref (change->values);
  g_free (change);
}

static gboolean
write_metadata (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  MetadataChange *change = data;

  for (guint i = 0; i < change->fields->len; i++)
    if (!desk_review_set (store, change->uid, g_ptr_array_index (change->fields, i),
                          g_ptr_array_index (change->values, i), error))
      return FALSE;
  return TRUE;
}

static void
on_metadata_written (gpointer      data,
                     gboolean      waited,
                     const GError *error)
{
  MetadataChange *change = data;
  DeskWindow *self = change->window;

  if (error != NULL)
    desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The document could not be changed"),
                              error->message);
  /* the facts' lists and cards show the document's title too */
  desk_facts_view_reload (self->facts_view);
  review_refreshed (self);
}

void
_desk_window_document_metadata_edited_cb (DeskWindow *self,
                                          const char *title,
                                          const char *author,
                                          const char *published,
                                          const char *source)
{
  DeskDocument *doc = desk_document_view_get_document (self->document_reader);
  const char *fields[] = { "title", "author", "published", "source" };
  const char *values[] = { title, author, published, source };
  MetadataChange *change;

  if (doc == NULL)
    return;
  change = g_new0 (MetadataChange, 1);
  change->window = g_object_ref (self);
  change->uid = g_strdup (desk_document_get_uid (doc));
  change->fields = g_ptr_array_new ();
  change->values = g_ptr_array_new_with_free_func (g_free);
  {
    const char *now[] = { desk_document_get_title (doc), desk_document_get_author (doc),
                          desk_document_get_published (doc), desk_document_get_source (doc) };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (g_strcmp0 (now[i], values[i]) != 0)
        {
          g_ptr_array_add (change->fields, (gpointer) fields[i]);
          g_ptr_array_add (change->values, g_strdup (values[i]));
        }
  }
  if (change->fields->len == 0)
    {
      metadata_change_free (change);
      return;
    }
  desk_library_writer_run (self->writer, write_metadata, on_metadata_written, change, metadata_change_free);
}

void
_desk_window_export_review_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(DeskReviewSession) session = desk_review_current (self->store, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *who = session ? g_strdup (session->reviewer) : desk_review_default_reviewer (self->store);
  /* TRANSLATORS: file name offered for an exported review: reviewer, date */
  g_autofree char *name = g_strdup_printf (_("review %s %s.json"), who, date);

  desk_review_export_with_chooser (GTK_WINDOW (self), self->store, 0, name, on_review_exported_cb, self);
}

void
_desk_window_import_review_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkFileChooserNative *chooser;
  static const char * const json[] = { "*.json", NULL };

  chooser = gtk_file_chooser_native_new (_("Import Review"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  _desk_window_add_file_filter (GTK_FILE_CHOOSER (chooser), _("Review files"), json, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_review_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The window's parts */

/* Changes wait while another program writes the library, or no longer */
static void
on_writer_waiting_cb (DeskWindow *self)
{
  if (desk_library_writer_is_waiting (self->writer))
    {
      _desk_window_show_status (self, self->close_when_written
                                      ? _("Saving your review changes before the window closes: "
                                          "the library is in use by another program…")
                                      : _("Waiting for the library, in use by another program: "
                                          "your review changes are saved once it is free…"), FALSE);
      return;
    }
  if (self->close_when_written)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  _desk_window_show_status (self, _("Your review changes are saved"), FALSE);
}

/* The window's connection never waits for the library: review changes
 * that find another program writing it wait in a worker (the writer) */
void
_desk_window_init_review (DeskWindow *self)
{
  desk_store_set_max_wait (self->store, 0);
  self->writer = desk_library_writer_new (self->store);
  g_signal_connect_object (self->writer, "notify::waiting", G_CALLBACK (on_writer_waiting_cb), self, G_CONNECT_SWAPPED);
  desk_facts_view_set_writer (self->facts_view, self->writer);
  desk_entities_view_set_writer (self->entities_view, self->writer);
}

void
_desk_window_update_review_actions (DeskWindow *self)
{
  g_autoptr(DeskReviewSession) session = NULL;
  gboolean can_undo = FALSE, can_redo = FALSE;

  if (self->store != NULL)
    {
      desk_review_can_undo_redo (self->store, &can_undo, &can_redo);
      session = desk_review_current (self->store, NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.end-review", session != NULL);
}

/* What tests call too (desk-window-private.h) */

/* Merges a review file and reports what it did; conflicts go to a dialog. */
gboolean
desk_window_import_review (DeskWindow  *self,
                           const char  *path,
                           GtkWindow  **conflicts)
{
  g_autoptr(DeskReviewImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);

  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);

  if (conflicts != NULL)
    *conflicts = NULL;
  result = desk_review_import (self->store, path, &error);
  if (result == NULL)
    {
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The review file could not be imported"), error->message);
      return FALSE;
    }
  /* TRANSLATORS: after merging a review file: session name, reviewer */
  g_string_printf (message, _("Merged “%s” by %s: "), result->session_name, result->reviewer);
  g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u change applied", "%u changes applied", result->applied),
                          result->applied);
  if (result->pending > 0)
    {
      g_string_append (message, _(", "));
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u waits for a document not in the library",
                                                    "%u wait for documents not in the library", result->pending),
                              result->pending);
    }
  if (result->conflicts->len > 0)
    {
      g_string_append (message, _(", "));
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts", result->conflicts->len),
                              result->conflicts->len);
    }
  _desk_window_show_status (self, message->str, FALSE);
  review_refreshed (self);
  if (result->conflicts->len > 0)
    {
      GtkWindow *dialog = GTK_WINDOW (desk_review_conflicts_dialog_new (GTK_WINDOW (self), self->store, result));

      g_signal_connect_object (dialog, "resolved", G_CALLBACK (review_refreshed), self, G_CONNECT_SWAPPED);
      gtk_window_present (dialog);
      if (conflicts != NULL)
        *conflicts = dialog;
    }
  return TRUE;
}

