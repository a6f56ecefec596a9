/* desk-fact-card.h: the card of one fact in the Facts view: its value and
 * passage, conflicts, axes, review and history */
#pragma once

#include <gtk/gtk.h>

#include "desk-axes.h"
#include "desk-fact-item.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_FACT_CARD (desk_fact_card_get_type ())
G_DECLARE_FINAL_TYPE (DeskFactCard, desk_fact_card, DESK, FACT_CARD, GtkWidget)

void          desk_fact_card_set_store  (DeskFactCard *self,
                                         DeskStore    *store);
void          desk_fact_card_set_axes   (DeskFactCard *self,
                                         DeskAxes     *axes,
                                         GPtrArray    *axis_ids,
                                         GListModel   *axis_names);
DeskFactItem *desk_fact_card_get_item   (DeskFactCard *self);
void          desk_fact_card_set_item   (DeskFactCard *self,
                                         DeskFactItem *item);
void          desk_fact_card_focus_note (DeskFactCard *self);

G_END_DECLS
