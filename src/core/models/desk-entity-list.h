/* desk-entity-list.h: the people, organizations and places of the library
 * as a list model, filtered, sorted and read a page at a time in SQL */
#pragma once

#include <gio/gio.h>

#include "desk-entity-item.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENTITY_LIST (desk_entity_list_get_type ())
G_DECLARE_FINAL_TYPE (DeskEntityList, desk_entity_list, DESK, ENTITY_LIST, GObject)

DeskEntityList *desk_entity_list_new         (DeskStore       *store);
gboolean        desk_entity_list_set_sort    (DeskEntityList  *self,
                                              DeskEntitySort   sort,
                                              gboolean         descending);
gboolean        desk_entity_list_set_kind    (DeskEntityList  *self,
                                              int              kind);
gboolean        desk_entity_list_set_rejected (DeskEntityList *self,
                                              gboolean        rejected);
gboolean        desk_entity_list_set_words   (DeskEntityList  *self,
                                              const char      *words);
gboolean        desk_entity_list_reload      (DeskEntityList  *self,
                                              GError         **error);
guint           desk_entity_list_find        (DeskEntityList  *self,
                                              const char      *uid);
guint64         desk_entity_list_get_fetched (DeskEntityList  *self);

G_END_DECLS
