/* desk-fact-list.h: the facts of the library as a list model, filtered,
 * sorted and read a page at a time in SQL */
#pragma once

#include <gio/gio.h>

#include "desk-fact-item.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_FACT_SORT_NONE,       /* document order: document, then place in it */
  DESK_FACT_SORT_STATUS,
  DESK_FACT_SORT_KIND,
  DESK_FACT_SORT_TEXT,
  DESK_FACT_SORT_VALUE,
  DESK_FACT_SORT_MODALITY,
  DESK_FACT_SORT_DOCUMENT,
} DeskFactSort;

/* What the list shows: -1, 0 or NULL for any */
typedef struct
{
  int kind;               /* DeskFactKind */
  int modality;           /* DeskModality */
  gint64 document_id;
  const char *language;   /* of the fact's document: "es", "en" */
  const char *status;     /* "pending", "approved", "rejected" */
  const char *text;       /* words of the text, value, correction, note or document title */
} DeskFactQuery;

#define DESK_FACT_QUERY_INIT { -1, -1, 0, NULL, NULL, NULL }

#define DESK_TYPE_FACT_LIST (desk_fact_list_get_type ())
G_DECLARE_FINAL_TYPE (DeskFactList, desk_fact_list, DESK, FACT_LIST, GObject)

DeskFactList *desk_fact_list_new            (DeskStore           *store);
gboolean      desk_fact_list_set_query      (DeskFactList        *self,
                                             const DeskFactQuery *query);
gboolean      desk_fact_list_set_sort       (DeskFactList        *self,
                                             DeskFactSort         sort,
                                             gboolean             descending);
gboolean      desk_fact_list_reload         (DeskFactList        *self,
                                             GError             **error);
void          desk_fact_list_refresh_review (DeskFactList        *self);
guint         desk_fact_list_get_total      (DeskFactList        *self);
guint         desk_fact_list_count_reviewed (DeskFactList        *self);
guint         desk_fact_list_find           (DeskFactList        *self,
                                             const char          *uid);
DeskStore    *desk_fact_list_get_store      (DeskFactList        *self);
guint64       desk_fact_list_get_fetched    (DeskFactList        *self);
gboolean      desk_fact_list_query_needs_review (DeskFactList    *self);
gboolean      desk_fact_list_needs_words    (DeskFactList        *self);
void          desk_fact_list_find_words_async  (DeskFactList        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      desk_fact_list_find_words_finish (DeskFactList        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
