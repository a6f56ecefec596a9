/* desk-entity-list.c: the people, organizations and places of the library
 * as a list model, filtered, sorted and read a page at a time in SQL
 *
 * The store filters and sorts (desk_store_list_entities); the list keeps
 * the pages on screen, as the document and fact lists do. */
#define G_LOG_DOMAIN "desk-entity-list"

#include "config.h"

#include "desk-entity-list.h"
#include "desk-pager.h"

#define PAGE_SIZE 100
#define MAX_PAGES 20

struct _DeskEntityList
{
  GObject parent_instance;

  DeskStore *store;
  DeskPager *pager;
  guint n_items;
  DeskEntitySort sort;
  gboolean descending;
  int kind;                 /* DeskFactKind, or -1 for any */
  char *words;
  gboolean rejected;     /* those marked as not entities, instead of the others */
};

static void desk_entity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskEntityList, desk_entity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, desk_entity_list_model_init))

static DeskEntityFilter
make_filter (DeskEntityList *self)
{
  DeskEntityFilter filter = { self->kind, self->words, NULL, self->sort, self->descending, self->rejected };

  return filter;
}

static GPtrArray *
fetch_page (gpointer   data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  DeskEntityList *self = data;
  DeskEntityFilter filter = make_filter (self);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *items;

  if (!(rows = desk_store_list_entities (self->store, &filter, offset, limit, error)))
    return NULL;
  /* the items take the rows */
  g_ptr_array_set_free_func (rows, NULL);
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, desk_entity_item_new (g_ptr_array_index (rows, i)));
  return items;
}

static GType
desk_entity_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_ENTITY_ITEM;
}

static guint
desk_entity_list_get_n_items (GListModel *model)
{
  return DESK_ENTITY_LIST (model)->n_items;
}

static gpointer
desk_entity_list_get_item (GListModel *model,
                           guint       position)
{
  DeskEntityList *self = DESK_ENTITY_LIST (model);

  if (position >= self->n_items)
    return NULL;
  return desk_pager_get (self->pager, position);
}

static void
desk_entity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_entity_list_get_item_type;
  iface->get_n_items = desk_entity_list_get_n_items;
  iface->get_item = desk_entity_list_get_item;
}

static void
desk_entity_list_finalize (GObject *object)
{
  DeskEntityList *self = DESK_ENTITY_LIST (object);

  desk_pager_free (self->pager);
  g_clear_object (&self->store);
  g_free (self->words);

  G_OBJECT_CLASS (desk_entity_list_parent_class)->finalize (object);
}

static void
desk_entity_list_class_init (DeskEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_entity_list_finalize;
}

static void
desk_entity_list_init (DeskEntityList *self)
{
  self->pager = desk_pager_new (PAGE_SIZE, MAX_PAGES, fetch_page, self);
  self->kind = -1;
  self->sort = DESK_ENTITY_SORT_MENTIONS;
  self->descending = TRUE;
}

/* An empty list over @store, the most mentioned first, of every kind:
 * reload to fill it. */
DeskEntityList *
desk_entity_list_new (DeskStore *store)
{
  DeskEntityList *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_ENTITY_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* The order; returns whether it changed (reload to apply it). */
gboolean
desk_entity_list_set_sort (DeskEntityList *self,
                           DeskEntitySort  sort,
                           gboolean        descending)
{
  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), FALSE);
  g_return_val_if_fail (sort <= DESK_ENTITY_SORT_NEWEST, FALSE);

  if (self->sort == sort && self->descending == !!descending)
    return FALSE;
  self->sort = sort;
  self->descending = !!descending;
  return TRUE;
}

/* Only entities of @kind (a person's, an organization's or a place's
 * DeskFactKind), or of any for -1; returns whether it changed. */
gboolean
desk_entity_list_set_kind (DeskEntityList *self,
                           int             kind)
{
  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), FALSE);

  if (kind < 0)
    kind = -1;
  if (self->kind == kind)
    return FALSE;
  self->kind = kind;
  return TRUE;
}

/* The names the officer marked as not entities, instead of the others;
 * returns whether it changed. */
gboolean
desk_entity_list_set_rejected (DeskEntityList *self,
                               gboolean        rejected)
{
  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), FALSE);

  rejected = !!rejected;
  if (self->rejected == rejected)
    return FALSE;
  self->rejected = rejected;
  return TRUE;
}

/* Only entities with @words in a name or an alias, or all for NULL or
 * ""; returns whether it changed. */
gboolean
desk_entity_list_set_words (DeskEntityList *self,
                            const char     *words)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), FALSE);

  trimmed = words != NULL ? g_strstrip (g_strdup (words)) : NULL;
  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (g_strcmp0 (trimmed, self->words) == 0)
    return FALSE;
  g_free (self->words);
  self->words = g_steal_pointer (&trimmed);
  return TRUE;
}

/* Counts the entities again and forgets the pages read, emptying and
 * filling the list in two signals.  On error the list is left as it was. */
gboolean
desk_entity_list_reload (DeskEntityList  *self,
                         GError         **error)
{
  DeskEntityFilter filter;
  guint old;
  gint64 n;

  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), FALSE);

  filter = make_filter (self);
  if ((n = desk_store_count_entities (self->store, &filter, error)) < 0)
    return FALSE;
  old = self->n_items;
  desk_pager_clear (self->pager);
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = (guint) MIN (n, G_MAXUINT);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  return TRUE;
}

/* The position of the entity @uid, or G_MAXUINT when the list does not
 * hold it.  The list is walked a page at a time: a library's entities
 * are thousands, not millions, and this runs once per review decision. */
guint
desk_entity_list_find (DeskEntityList *self,
                       const char     *uid)
{
  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), G_MAXUINT);

  if (uid == NULL)
    return G_MAXUINT;
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(DeskEntityItem) item = desk_pager_get (self->pager, i);

      if (item == NULL)
        return G_MAXUINT;
      if (g_str_equal (desk_entity_item_get_uid (item), uid))
        return i;
    }
  return G_MAXUINT;
}

/* How many rows the list read from the library since it was made. */
guint64
desk_entity_list_get_fetched (DeskEntityList *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_LIST (self), 0);
  return desk_pager_get_fetched (self->pager);
}
