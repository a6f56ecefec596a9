/* desk-document-list.h: the documents of the library as a list model,
 * sorted and read a page at a time in SQL */
#pragma once

#include <gio/gio.h>

#include "desk-document.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_DOCUMENT_SORT_TITLE,
  DESK_DOCUMENT_SORT_LANGUAGE,
  DESK_DOCUMENT_SORT_DATE,
  DESK_DOCUMENT_SORT_SIZE,
} DeskDocumentSort;

#define DESK_TYPE_DOCUMENT_LIST (desk_document_list_get_type ())
G_DECLARE_FINAL_TYPE (DeskDocumentList, desk_document_list, DESK, DOCUMENT_LIST, GObject)

DeskDocumentList *desk_document_list_new         (DeskStore         *store);
gboolean          desk_document_list_set_sort    (DeskDocumentList  *self,
                                                  DeskDocumentSort   sort,
                                                  gboolean           descending);
gboolean          desk_document_list_reload      (DeskDocumentList  *self,
                                                  GError           **error);
guint             desk_document_list_find        (DeskDocumentList  *self,
                                                  const char        *uid);
guint             desk_document_list_find_id     (DeskDocumentList  *self,
                                                  gint64             id);
guint64           desk_document_list_get_fetched (DeskDocumentList  *self);

G_END_DECLS
