/* desk-review-export.c: asking where to write a review session's file, and writing it */
#define G_LOG_DOMAIN "desk-review-export"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-review.h"
#include "desk-review-export.h"

typedef struct
{
  GtkWindow *parent;
  DeskStore *store;
  gint64 session_id;
  DeskReviewExportedFunc done;
  gpointer user_data;
} ExportRequest;

static void
export_request_free (ExportRequest *r)
{
  g_object_unref (r->store);
  g_free (r);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               ExportRequest   *r)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !desk_review_export (r->store, r->session_id, path, &error))
        desk_format_show_message (GTK_WIDGET (r->parent), GTK_MESSAGE_ERROR, _("The review could not be exported"), error->message);
      else if (path != NULL && r->done != NULL)
        r->done (path, r->user_data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_request_free (r);
}

/* Asks where to write a session's review file (@session_id 0: the open
 * or latest one), offering @file_name, and writes it; @done hears of it. */
void
desk_review_export_with_chooser (GtkWindow              *parent,
                                 DeskStore              *store,
                                 gint64                  session_id,
                                 const char             *file_name,
                                 DeskReviewExportedFunc  done,
                                 gpointer                user_data)
{
  ExportRequest *r = g_new0 (ExportRequest, 1);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  r->parent = parent;
  r->store = g_object_ref (store);
  r->session_id = session_id;
  r->done = done;
  r->user_data = user_data;
  chooser = gtk_file_chooser_native_new (_("Export Review"), parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Review files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), r);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
