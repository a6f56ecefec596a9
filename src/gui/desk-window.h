/* desk-window.h: the main window: document list, reading view, search, import */
#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())
G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW, GtkApplicationWindow)

DeskWindow       *desk_window_new                (GtkApplication     *application,
                                                  DeskStore          *store);
void              desk_window_import             (DeskWindow         *self,
                                                  const char * const *paths);

G_END_DECLS
