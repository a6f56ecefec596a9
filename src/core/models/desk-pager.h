/* desk-pager.h: the rows of a long query, a page at a time, for list models */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Returns the objects at @offset … @offset + @limit - 1 of the query, in
 * order (fewer at its end), or NULL with @error set. */
typedef GPtrArray *(*DeskPagerFetch) (gpointer   data,
                                      guint      offset,
                                      guint      limit,
                                      GError   **error);

typedef struct _DeskPager DeskPager;

DeskPager *desk_pager_new          (guint           page_size,
                                    guint           max_pages,
                                    DeskPagerFetch  fetch,
                                    gpointer        data);
void       desk_pager_free         (DeskPager      *self);
void       desk_pager_clear        (DeskPager      *self);
gpointer   desk_pager_get          (DeskPager      *self,
                                    guint           position);
void       desk_pager_foreach      (DeskPager      *self,
                                    GFunc           func,
                                    gpointer        user_data);
guint64    desk_pager_get_fetched  (DeskPager      *self);

G_END_DECLS
