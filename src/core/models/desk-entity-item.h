/* desk-entity-item.h: one person, organization or place, as a list row */
#pragma once

#include <glib-object.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENTITY_ITEM (desk_entity_item_get_type ())
G_DECLARE_FINAL_TYPE (DeskEntityItem, desk_entity_item, DESK, ENTITY_ITEM, GObject)

DeskEntityItem      *desk_entity_item_new             (DeskEntityRow  *row);
const DeskEntityRow *desk_entity_item_get_row         (DeskEntityItem *self);
const char          *desk_entity_item_get_uid         (DeskEntityItem *self);
const char          *desk_entity_item_get_name        (DeskEntityItem *self);
DeskFactKind         desk_entity_item_get_kind        (DeskEntityItem *self);
gboolean             desk_entity_item_get_rejected    (DeskEntityItem *self);
const char * const  *desk_entity_item_get_aliases     (DeskEntityItem *self);
gint64               desk_entity_item_get_n_mentions  (DeskEntityItem *self);
gint64               desk_entity_item_get_n_documents (DeskEntityItem *self);
const char          *desk_entity_item_get_newest      (DeskEntityItem *self);

G_END_DECLS
