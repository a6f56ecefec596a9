/* desk-facts-view-private.h: what the tests of the Facts view set and read
 * as the officer would: its filters, its card and its review bar */
#pragma once

#include "desk-facts-view.h"

G_BEGIN_DECLS

void          desk_facts_view_set_filter        (DeskFactsView *self,
                                                 int            kind,
                                                 int            modality,
                                                 const char    *text);
void          desk_facts_view_set_status_filter (DeskFactsView *self,
                                                 const char    *status);
DeskFactItem *desk_facts_view_get_current       (DeskFactsView *self);
const char   *desk_facts_view_get_passage       (DeskFactsView *self);
guint         desk_facts_view_get_n_conflicts   (DeskFactsView *self);
guint         desk_facts_view_get_n_axes        (DeskFactsView *self);
gboolean      desk_facts_view_add_to_axis       (DeskFactsView *self,
                                                 const char    *axis_id);
const char   *desk_facts_view_get_progress      (DeskFactsView *self);

G_END_DECLS
