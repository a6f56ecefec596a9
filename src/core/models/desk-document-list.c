/* desk-document-list.c: the documents of the library as a list model,
 * sorted and read a page at a time in SQL
 *
 * Each order is one that an index of documents walks (schema 7), so that
 * opening or sorting a library of 100,000 documents reads one page. */
#define G_LOG_DOMAIN "desk-document-list"

#include "config.h"

#include <sqlite3.h>

#include "desk-document-list.h"
#include "desk-pager.h"
#include "desk-store-private.h"

#define PAGE_SIZE 100
#define MAX_PAGES 20


struct _DeskDocumentList
{
  GObject parent_instance;

  DeskStore *store;
  DeskPager *pager;
  guint n_items;
  DeskDocumentSort sort;
  gboolean descending;
};

static void desk_document_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskDocumentList, desk_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, desk_document_list_model_init))

/* The key of each order; the rowid breaks ties. */
static const char * const sort_keys[] = {
  [DESK_DOCUMENT_SORT_TITLE] = "title COLLATE NOCASE",
  [DESK_DOCUMENT_SORT_LANGUAGE] = "languages",
  [DESK_DOCUMENT_SORT_DATE] = "coalesce (published, '')",
  [DESK_DOCUMENT_SORT_SIZE] = "size",
};

static GPtrArray *
fetch_page (gpointer   data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  DeskDocumentList *self = data;
  const char *dir = self->descending ? " DESC" : "";
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  DeskStoreStep step;

  sql = g_strdup_printf ("SELECT " DESK_STORE_DOCUMENT_COLUMNS " FROM documents ORDER BY %s%s, id%s LIMIT ?1 OFFSET ?2",
                         sort_keys[self->sort], dir, dir);
  if (!(stmt = desk_store_prepare (self->store, sql, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  while ((step = desk_store_step (self->store, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (docs, desk_store_document_from_row (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&docs);
}

static GType
desk_document_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_DOCUMENT;
}

static guint
desk_document_list_get_n_items (GListModel *model)
{
  return DESK_DOCUMENT_LIST (model)->n_items;
}

static gpointer
desk_document_list_get_item (GListModel *model,
                             guint       position)
{
  DeskDocumentList *self = DESK_DOCUMENT_LIST (model);

  if (position >= self->n_items)
    return NULL;
  return desk_pager_get (self->pager, position);
}

static void
desk_document_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_document_list_get_item_type;
  iface->get_n_items = desk_document_list_get_n_items;
  iface->get_item = desk_document_list_get_item;
}

static void
desk_document_list_finalize (GObject *object)
{
  DeskDocumentList *self = DESK_DOCUMENT_LIST (object);

  desk_pager_free (self->pager);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_document_list_parent_class)->finalize (object);
}

static void
desk_document_list_class_init (DeskDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_document_list_finalize;
}

static void
desk_document_list_init (DeskDocumentList *self)
{
  self->pager = desk_pager_new (PAGE_SIZE, MAX_PAGES, fetch_page, self);
}

/* An empty list over @store, sorted by title: reload to fill it. */
DeskDocumentList *
desk_document_list_new (DeskStore *store)
{
  DeskDocumentList *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_DOCUMENT_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* The order; returns whether it changed (reload to apply it). */
gboolean
desk_document_list_set_sort (DeskDocumentList *self,
                             DeskDocumentSort  sort,
                             gboolean          descending)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_LIST (self), FALSE);
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_keys), FALSE);

  if (self->sort == sort && self->descending == !!descending)
    return FALSE;
  self->sort = sort;
  self->descending = !!descending;
  return TRUE;
}

/* Counts the documents again and forgets the pages read, emptying and
 * filling the list in two signals.  On error the list is left as it was. */
gboolean
desk_document_list_reload (DeskDocumentList  *self,
                           GError           **error)
{
  guint old = self->n_items;
  gint64 n;

  g_return_val_if_fail (DESK_IS_DOCUMENT_LIST (self), FALSE);

  if ((n = desk_store_count_documents (self->store, error)) < 0)
    return FALSE;
  desk_pager_clear (self->pager);
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = (guint) MIN (n, G_MAXUINT);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  return TRUE;
}

static guint
find (DeskDocumentList *self,
      const char       *where,
      const char       *uid,
      gint64            id)
{
  const char *key = sort_keys[self->sort];
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) before = NULL;
  g_autoptr(GError) error = NULL;

  sql = g_strdup_printf ("SELECT %s, id FROM documents WHERE %s", key, where);
  if (!(stmt = desk_store_prepare (self->store, sql, &error)))
    goto fail;
  if (uid != NULL)
    sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return G_MAXUINT;

  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM documents WHERE (%s, id) %s (?1, ?2)", key, self->descending ? ">" : "<");
  if (!(before = desk_store_prepare (self->store, sql, &error)))
    goto fail;
  sqlite3_bind_value (before, 1, sqlite3_column_value (stmt, 0));
  sqlite3_bind_value (before, 2, sqlite3_column_value (stmt, 1));
  if (sqlite3_step (before) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (self->store, &error);
      goto fail;
    }
  return (guint) sqlite3_column_int64 (before, 0);

fail:
  g_warning ("Cannot find a document in the list: %s", error ? error->message : "?");
  return G_MAXUINT;
}

/* The position of the document @uid, or G_MAXUINT when there is none:
 * the documents whose key comes before its own, counted in SQL. */
guint
desk_document_list_find (DeskDocumentList *self,
                         const char       *uid)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_LIST (self), G_MAXUINT);

  if (uid == NULL)
    return G_MAXUINT;
  return find (self, "uid = ?1", uid, 0);
}

/* The same, for the document numbered @id. */
guint
desk_document_list_find_id (DeskDocumentList *self,
                            gint64            id)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_LIST (self), G_MAXUINT);

  return find (self, "id = ?1", NULL, id);
}

/* How many rows the list read from the library since it was made. */
guint64
desk_document_list_get_fetched (DeskDocumentList *self)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_LIST (self), 0);
  return desk_pager_get_fetched (self->pager);
}
