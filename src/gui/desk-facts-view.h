/* desk-facts-view.h: the facts of the library, filtered, with a card for the selected one */
#pragma once

#include <gtk/gtk.h>

#include "desk-fact-item.h"
#include "desk-library-writer.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_FACTS_VIEW (desk_facts_view_get_type ())
G_DECLARE_FINAL_TYPE (DeskFactsView, desk_facts_view, DESK, FACTS_VIEW, GtkWidget)

void        desk_facts_view_set_store   (DeskFactsView *self,
                                         DeskStore     *store);
void        desk_facts_view_set_writer  (DeskFactsView *self,
                                         DeskLibraryWriter *writer);
void        desk_facts_view_reload      (DeskFactsView *self);
GListModel *desk_facts_view_get_visible (DeskFactsView *self);
void        desk_facts_view_select      (DeskFactsView *self,
                                         guint          position);
gboolean    desk_facts_view_select_uid  (DeskFactsView *self,
                                         const char    *uid);
void        desk_facts_view_refresh_review (DeskFactsView *self);
void        desk_facts_view_get_filter  (DeskFactsView *self,
                                         int           *kind,
                                         int           *modality,
                                         gint64        *document_id);

G_END_DECLS
