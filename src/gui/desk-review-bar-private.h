/* desk-review-bar-private.h: what the Facts view's tests read of its review bar */
#pragma once

#include "desk-review-bar.h"

G_BEGIN_DECLS

const char *desk_review_bar_get_progress (DeskReviewBar *self);

G_END_DECLS
