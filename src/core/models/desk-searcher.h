/* desk-searcher.h: searches of the library in a thread of their own, with a
 * connection kept open, the newest search first and stale ones dropped */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DESK_TYPE_SEARCHER (desk_searcher_get_type ())
G_DECLARE_FINAL_TYPE (DeskSearcher, desk_searcher, DESK, SEARCHER, GObject)

DeskSearcher *desk_searcher_new           (const char          *library_path);
void          desk_searcher_search_async  (DeskSearcher        *self,
                                           const char          *query,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray    *desk_searcher_search_finish (DeskSearcher        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
