/* desk-entities-view-private.h: what the entities view's tests ask of it
 * (its list, selecting, filtering, its detail, the decisions) */
#pragma once

#include "desk-entities-view.h"

G_BEGIN_DECLS

GListModel *desk_entities_view_get_list     (DeskEntitiesView *self);
void        desk_entities_view_set_filter   (DeskEntitiesView *self,
                                             int               kind,
                                             const char       *words);
void        desk_entities_view_show_not_entities (DeskEntitiesView *self,
                                                  gboolean          not_entities);
void        desk_entities_view_select       (DeskEntitiesView *self,
                                             guint             position);
DeskEntityItem *desk_entities_view_get_selected (DeskEntitiesView *self);
const char *desk_entities_view_get_detail_name (DeskEntitiesView *self);
guint       desk_entities_view_get_n_mention_rows (DeskEntitiesView *self);
void        desk_entities_view_activate_mention (DeskEntitiesView *self,
                                             guint             index);
gboolean    desk_entities_view_rename       (DeskEntitiesView *self,
                                             const char       *name);
gboolean    desk_entities_view_merge_into   (DeskEntitiesView *self,
                                             const char       *into_uid);
gboolean    desk_entities_view_split        (DeskEntitiesView *self,
                                             const char       *form);
gboolean    desk_entities_view_set_kind     (DeskEntitiesView *self,
                                             DeskFactKind      kind);
gboolean    desk_entities_view_reject       (DeskEntitiesView *self);

G_END_DECLS
