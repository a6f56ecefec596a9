/* desk-window.h: the main window: document list, reading view, search, import */
#pragma once

#include <gtk/gtk.h>

#include "desk-document-view.h"
#include "desk-export-dialog.h"
#include "desk-axes-view.h"
#include "desk-facts-view.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())
G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW, GtkApplicationWindow)

DeskWindow       *desk_window_new                (GtkApplication     *application,
                                                  DeskStore          *store);
void              desk_window_import             (DeskWindow         *self,
                                                  const char * const *paths);
gboolean          desk_window_is_importing       (DeskWindow         *self);
const char       *desk_window_get_page           (DeskWindow         *self);
GListModel       *desk_window_get_documents      (DeskWindow         *self);
void              desk_window_select_document    (DeskWindow         *self,
                                                  guint               position);
DeskDocumentView *desk_window_get_document_view  (DeskWindow         *self);
void              desk_window_search             (DeskWindow         *self,
                                                  const char         *query);
gboolean          desk_window_is_searching       (DeskWindow         *self);
GListModel       *desk_window_get_results        (DeskWindow         *self);
void              desk_window_activate_result    (DeskWindow         *self,
                                                  guint               position);
const char       *desk_window_get_status         (DeskWindow         *self);
DeskFactsView    *desk_window_get_facts_view     (DeskWindow         *self);
DeskAxesView     *desk_window_get_axes_view      (DeskWindow         *self);
void              desk_window_show_view          (DeskWindow         *self,
                                                  const char         *name);

gboolean          desk_window_import_review    (DeskWindow  *self,
                                                const char  *path,
                                                GtkWindow  **conflicts);

DeskExportDialog *desk_window_open_export      (DeskWindow  *self);

G_END_DECLS
