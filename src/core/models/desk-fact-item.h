/* desk-fact-item.h: one stored fact, as a list row */
#pragma once

#include <glib-object.h>

#include "desk-fact.h"
#include "desk-review.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_FACT_ITEM (desk_fact_item_get_type ())
G_DECLARE_FINAL_TYPE (DeskFactItem, desk_fact_item, DESK, FACT_ITEM, GObject)

DeskFactItem   *desk_fact_item_new                (DeskFactRow  *row);
const DeskFact *desk_fact_item_get_fact           (DeskFactItem *self);
const char     *desk_fact_item_get_uid            (DeskFactItem *self);
gint64          desk_fact_item_get_document_id    (DeskFactItem *self);
const char     *desk_fact_item_get_document_title (DeskFactItem *self);
const char     *desk_fact_item_get_section_title  (DeskFactItem *self);
const char     *desk_fact_item_get_about          (DeskFactItem *self);
const char     *desk_fact_item_get_language       (DeskFactItem *self);
const char     *desk_fact_item_get_status         (DeskFactItem *self);
const char     *desk_fact_item_get_note           (DeskFactItem *self);
const char     *desk_fact_item_get_corrected_text (DeskFactItem *self);
const char     *desk_fact_item_get_corrected_value (DeskFactItem *self);
const char     *desk_fact_item_get_text           (DeskFactItem *self);
const char     *desk_fact_item_get_value          (DeskFactItem *self);
void            desk_fact_item_set_review         (DeskFactItem          *self,
                                                   const DeskReviewState *state);

G_END_DECLS
