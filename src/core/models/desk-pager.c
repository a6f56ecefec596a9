/* desk-pager.c: the rows of a long query, a page at a time, for list models
 *
 * A list of a million facts must not load a million rows: the pager asks
 * for the page holding a position, keeps the pages used last, and forgets
 * the oldest beyond a bound, so that memory follows what is on screen. */
#define G_LOG_DOMAIN "desk-pager"

#include "config.h"

#include "desk-pager.h"

struct _DeskPager
{
  guint page_size;
  guint max_pages;
  DeskPagerFetch fetch;
  gpointer data;

  GHashTable *pages;   /* page number → GPtrArray of objects */
  GQueue lru;          /* page numbers, the one used last first */
  guint64 fetched;     /* rows read since the pager was made */
};

DeskPager *
desk_pager_new (guint          page_size,
                guint          max_pages,
                DeskPagerFetch fetch,
                gpointer       data)
{
  DeskPager *self = g_new0 (DeskPager, 1);

  g_return_val_if_fail (page_size > 0 && max_pages > 0 && fetch != NULL, NULL);

  self->page_size = page_size;
  self->max_pages = max_pages;
  self->fetch = fetch;
  self->data = data;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
  return self;
}

void
desk_pager_free (DeskPager *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->lru);
  g_free (self);
}

/* Forgets every page: the query's rows changed. */
void
desk_pager_clear (DeskPager *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static GPtrArray *
lookup_page (DeskPager *self,
             guint      page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (rows != NULL && g_queue_peek_head (&self->lru) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
    }
  return rows;
}

/* The object at @position with a new reference, reading its page when it
 * is not in memory; NULL past the end of the query or on a library error. */
gpointer
desk_pager_get (DeskPager *self,
                guint      position)
{
  guint page, index;
  GPtrArray *rows;

  g_return_val_if_fail (self != NULL, NULL);

  page = position / self->page_size;
  index = position % self->page_size;
  rows = lookup_page (self, page);
  if (rows == NULL)
    {
      g_autoptr(GError) error = NULL;

      rows = self->fetch (self->data, page * self->page_size, self->page_size, &error);
      if (rows == NULL)
        {
          g_warning ("Cannot read rows %u to %u of a list: %s", page * self->page_size,
                     (page + 1) * self->page_size - 1, error ? error->message : "?");
          return NULL;
        }
      self->fetched += rows->len;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
      while (self->lru.length > self->max_pages)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
    }
  return index < rows->len ? g_object_ref (g_ptr_array_index (rows, index)) : NULL;
}

/* Calls @func on every object in memory. */
void
desk_pager_foreach (DeskPager *self,
                    GFunc      func,
                    gpointer   user_data)
{
  GHashTableIter iter;
  gpointer rows;

  g_return_if_fail (self != NULL);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &rows))
    g_ptr_array_foreach (rows, func, user_data);
}

/* How many rows were read from the library, for tests and benchmarks. */
guint64
desk_pager_get_fetched (DeskPager *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fetched;
}
