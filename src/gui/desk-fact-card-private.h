/* desk-fact-card-private.h: what the Facts view's tests read of its card */
#pragma once

#include "desk-fact-card.h"

G_BEGIN_DECLS

const char *desk_fact_card_get_passage     (DeskFactCard *self);
guint       desk_fact_card_get_n_conflicts (DeskFactCard *self);
guint       desk_fact_card_get_n_axes      (DeskFactCard *self);
gboolean    desk_fact_card_add_to_axis     (DeskFactCard *self,
                                            const char   *axis_id);

G_END_DECLS
