/* desk-review-start-dialog.h: starting a review session, named, with its reviewer */
#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_REVIEW_START_DIALOG (desk_review_start_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskReviewStartDialog, desk_review_start_dialog, DESK, REVIEW_START_DIALOG, GtkWindow)

DeskReviewStartDialog *desk_review_start_dialog_new (GtkWindow *parent,
                                                     DeskStore *store);

G_END_DECLS
