/* desk-review-bar.h: the Facts view's review bar: the review status shown,
 * the review session, and how far the officers have got */
#pragma once

#include <gtk/gtk.h>

#include "desk-review.h"

G_BEGIN_DECLS

#define DESK_TYPE_REVIEW_BAR (desk_review_bar_get_type ())
G_DECLARE_FINAL_TYPE (DeskReviewBar, desk_review_bar, DESK, REVIEW_BAR, GtkWidget)

const char *desk_review_bar_get_status_filter (DeskReviewBar           *self);
void        desk_review_bar_set_status_filter (DeskReviewBar           *self,
                                               const char              *status);
void        desk_review_bar_set_session       (DeskReviewBar           *self,
                                               const DeskReviewSession *session);
void        desk_review_bar_set_progress      (DeskReviewBar           *self,
                                               guint                    reviewed,
                                               guint                    shown);

G_END_DECLS
