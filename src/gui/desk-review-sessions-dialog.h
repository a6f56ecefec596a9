/* desk-review-sessions-dialog.h: the review sessions of the library, each
 * with its changes, and their review files */
#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_REVIEW_SESSIONS_DIALOG (desk_review_sessions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskReviewSessionsDialog, desk_review_sessions_dialog, DESK, REVIEW_SESSIONS_DIALOG, GtkWindow)

DeskReviewSessionsDialog *desk_review_sessions_dialog_new (GtkWindow *parent,
                                                           DeskStore *store);

G_END_DECLS
