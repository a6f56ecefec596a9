/* desk-searcher.c: searches of the library in a thread of their own, with a
 * connection kept open, the newest search first and stale ones dropped
 *
 * Search as you type asks for a search at every pause of the keys.  One
 * thread answers them in turn with one connection, whose page cache stays
 * warm between searches; a search asked for after another makes the older
 * one moot, so the thread skips it if it has not begun, and a search that
 * is cancelled while it runs is interrupted inside SQLite. */
#define G_LOG_DOMAIN "desk-searcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-searcher.h"
#include "desk-store-private.h"

/* What the thread owns; it outlives the searcher until the thread ends */
typedef struct
{
  char *library_path;
  DeskStore *store;        /* opened by the thread at its first search */
  gint latest;             /* serial of the newest search asked for */
  gboolean closing;
} Worker;

typedef struct
{
  char *query;
  guint limit;
  gint serial;
} Request;

struct _DeskSearcher
{
  GObject parent_instance;

  Worker *worker;
  GThreadPool *pool;
};

G_DEFINE_FINAL_TYPE (DeskSearcher, desk_searcher, G_TYPE_OBJECT)

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->query);
  g_free (request);
}

static int
on_progress (void *data)
{
  /* non-zero stops the statement with SQLITE_INTERRUPT */
  return g_cancellable_is_cancelled (data);
}

static void
search_in_thread (gpointer data,
                  gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Worker *worker = user_data;
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  GPtrArray *hits;

  if (worker->closing || request->serial != g_atomic_int_get (&worker->latest) ||
      g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("A newer search replaced this one"));
      return;
    }
  if (worker->store == NULL && !(worker->store = desk_store_open (worker->library_path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (desk_store_get_db (worker->store), 1000, on_progress, cancellable);
  hits = desk_store_search (worker->store, request->query, request->limit, &error);
  sqlite3_progress_handler (desk_store_get_db (worker->store), 0, NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled"));
    }
  else if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

static void
desk_searcher_finalize (GObject *object)
{
  DeskSearcher *self = DESK_SEARCHER (object);

  /* searches still queued answer "cancelled" at once; the thread ends */
  self->worker->closing = TRUE;
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->worker->store);
  g_free (self->worker->library_path);
  g_free (self->worker);

  G_OBJECT_CLASS (desk_searcher_parent_class)->finalize (object);
}

static void
desk_searcher_class_init (DeskSearcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_searcher_finalize;
}

static void
desk_searcher_init (DeskSearcher *self)
{
}

DeskSearcher *
desk_searcher_new (const char *library_path)
{
  DeskSearcher *self;

  g_return_val_if_fail (library_path != NULL, NULL);

  self = g_object_new (DESK_TYPE_SEARCHER, NULL);
  self->worker = g_new0 (Worker, 1);
  self->worker->library_path = g_strdup (library_path);
  /* one exclusive thread: the connection is used by it alone */
  self->pool = g_thread_pool_new (search_in_thread, self->worker, 1, TRUE, NULL);
  return self;
}

/* Searches @query (as desk_store_search () reads it) for the @limit best
 * documents.  A later call makes this one moot: it then finishes with
 * G_IO_ERROR_CANCELLED, as it does when @cancellable is cancelled. */
void
desk_searcher_search_async (DeskSearcher        *self,
                            const char          *query,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (DESK_IS_SEARCHER (self));
  g_return_if_fail (query != NULL);

  request = g_new0 (Request, 1);
  request->query = g_strdup (query);
  request->limit = limit;
  request->serial = g_atomic_int_add (&self->worker->latest, 1) + 1;

  /* no source object: the task may end after the searcher, in its thread */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_searcher_search_async);
  g_task_set_task_data (task, request, request_free);
  g_thread_pool_push (self->pool, task, NULL);
}

/* The hits (DeskSearchHit), best first, or NULL with @error set. */
GPtrArray *
desk_searcher_search_finish (DeskSearcher  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == desk_searcher_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
