/* desk-review-dialogs.h: starting a review session, the sessions list, and
 * the decisions on another officer's conflicting changes */
#pragma once

#include <gtk/gtk.h>

#include "desk-review.h"

G_BEGIN_DECLS

/* Called when the dialog has changed the library (a session started, or
 * conflicts settled). */
typedef void (*DeskReviewDoneFunc) (gpointer user_data);

/* Called with the path a review file was written to. */
typedef void (*DeskReviewExportedFunc) (const char *path,
                                        gpointer    user_data);

GtkWindow *desk_review_start_dialog_new     (GtkWindow          *parent,
                                             DeskStore          *store,
                                             DeskReviewDoneFunc  done,
                                             gpointer            user_data);
GtkWindow *desk_review_sessions_window_new  (GtkWindow          *parent,
                                             DeskStore          *store);
void       desk_review_export_with_chooser  (GtkWindow              *parent,
                                             DeskStore              *store,
                                             gint64                  session_id,
                                             const char             *file_name,
                                             DeskReviewExportedFunc  done,
                                             gpointer                user_data);
GtkWindow *desk_review_conflicts_dialog_new (GtkWindow          *parent,
                                             DeskStore          *store,
                                             DeskReviewImport   *result,
                                             DeskReviewDoneFunc  done,
                                             gpointer            user_data);
void       desk_review_conflicts_dialog_choose_all (GtkWindow   *dialog,
                                                    gboolean     theirs);
gboolean   desk_review_conflicts_dialog_apply      (GtkWindow   *dialog);

G_END_DECLS
