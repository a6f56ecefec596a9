/* desk-review-conflicts-dialog-private.h: what the tests of the conflicts
 * dialog do as the officer would */
#pragma once

#include "desk-review-conflicts-dialog.h"

G_BEGIN_DECLS

void     desk_review_conflicts_dialog_choose_all (DeskReviewConflictsDialog *self,
                                                  gboolean                   theirs);
gboolean desk_review_conflicts_dialog_apply      (DeskReviewConflictsDialog *self);

G_END_DECLS
