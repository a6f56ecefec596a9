/* desk-entities-view.h: the people, organizations and places the documents
 * name, with the detail of the selected one and the officer's decisions */
#pragma once

#include <gtk/gtk.h>

#include "desk-entity-item.h"
#include "desk-library-writer.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_ENTITIES_VIEW (desk_entities_view_get_type ())
G_DECLARE_FINAL_TYPE (DeskEntitiesView, desk_entities_view, DESK, ENTITIES_VIEW, GtkWidget)

void        desk_entities_view_set_store   (DeskEntitiesView  *self,
                                            DeskStore         *store);
void        desk_entities_view_set_writer  (DeskEntitiesView  *self,
                                            DeskLibraryWriter *writer);
void        desk_entities_view_reload      (DeskEntitiesView  *self);
gboolean    desk_entities_view_select_uid  (DeskEntitiesView  *self,
                                            const char        *uid);

G_END_DECLS
