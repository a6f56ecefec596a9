/* desk-axes-view-private.h: what the axes view and its tests share */
#pragma once

#include "desk-axes-view.h"

G_BEGIN_DECLS

gboolean desk_axes_view_select             (DeskAxesView *self,
                                            const char   *axis_id);
guint    desk_axes_view_get_n_facts        (DeskAxesView *self);
guint    desk_axes_view_get_n_proposals    (DeskAxesView *self);
guint    desk_axes_view_get_n_matrix_cells (DeskAxesView *self);
gboolean desk_axes_view_is_loading         (DeskAxesView *self);

G_END_DECLS
