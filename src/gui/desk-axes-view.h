/* desk-axes-view.h: the dialogue axes, their proposals and evidence, and the comparators side by side */
#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_AXES_VIEW (desk_axes_view_get_type ())
G_DECLARE_FINAL_TYPE (DeskAxesView, desk_axes_view, DESK, AXES_VIEW, GtkWidget)

void      desk_axes_view_set_store      (DeskAxesView *self,
                                         DeskStore    *store);
void      desk_axes_view_reload         (DeskAxesView *self);

G_END_DECLS
