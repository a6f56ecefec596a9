/* desk-review-conflicts-dialog.h: the changes of a merged review file that
 * conflict with this library's, and which side to keep */
#pragma once

#include <gtk/gtk.h>

#include "desk-review.h"

G_BEGIN_DECLS

#define DESK_TYPE_REVIEW_CONFLICTS_DIALOG (desk_review_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskReviewConflictsDialog, desk_review_conflicts_dialog, DESK, REVIEW_CONFLICTS_DIALOG, GtkWindow)

DeskReviewConflictsDialog *desk_review_conflicts_dialog_new (GtkWindow        *parent,
                                                             DeskStore        *store,
                                                             DeskReviewImport *result);

G_END_DECLS
