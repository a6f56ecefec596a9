/* desk-fact-card-private.h: what the Facts view's tests read of its card */
#pragma once

#include "desk-fact-card.h"

G_BEGIN_DECLS

const char *desk_fact_card_get_passage     (DeskFactCard *self);
guint       desk_fact_card_get_n_conflicts (DeskFactCard *self);
guint       desk_fact_card_get_n_axes      (DeskFactCard *self);
gboolean    desk_fact_card_add_to_axis     (DeskFactCard *self,
                                            const char   *axis_id);
void        desk_fact_card_correct_value   (DeskFactCard *self,
                                            const char   *text);
const char *desk_fact_card_get_value_error (DeskFactCard *self);
const char *desk_fact_card_get_value       (DeskFactCard *self);

G_END_DECLS
