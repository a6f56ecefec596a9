/* desk-library-writer.c: the window's changes to the library, made at once
 * when it is free, else in a thread that waits while another program
 * writes it
 *
 * The window's own connection never waits (desk_store_set_max_wait 0): a
 * change tried on it while another program holds the library fails at
 * once with DESK_STORE_ERROR_BUSY, and is then made again by a worker
 * thread on a connection of its own, which waits.  Changes are made in
 * the order asked: while one waits, those that follow wait behind it. */
#define G_LOG_DOMAIN "desk-library-writer"

#include "config.h"

#include "desk-library-writer.h"

struct _DeskLibraryWriter
{
  GObject parent_instance;

  DeskStore *store;           /* the main thread's, which never waits */
  GQueue waiting;             /* Change: the first one is being made by a worker */
  GCancellable *cancellable;  /* gives up the changes waiting */
};

G_DEFINE_FINAL_TYPE (DeskLibraryWriter, desk_library_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *path;                 /* of the library, for the worker's connection */
  DeskWriteFunc write;
  DeskWrittenFunc written;
  gpointer data;
  GDestroyNotify destroy;
} Change;

static void
change_free (Change *change)
{
  if (change->destroy != NULL)
    change->destroy (change->data);
  g_free (change->path);
  g_free (change);
}

static void start_next (DeskLibraryWriter *self);

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Change *change = task_data;
  g_autoptr(DeskStore) store = NULL;
  GError *error = NULL;

  store = desk_store_open (change->path, &error);
  if (store != NULL)
    desk_store_set_cancellable (store, cancellable);
  if (store == NULL || !change->write (store, change->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeskLibraryWriter *self = DESK_LIBRARY_WRITER (object);
  Change *change = g_queue_pop_head (&self->waiting);
  g_autoptr(GError) error = NULL;

  g_assert (change == g_task_get_task_data (G_TASK (result)));
  g_task_propagate_boolean (G_TASK (result), &error);
  /* given up with the window: nobody is there to be told */
  if (!g_cancellable_is_cancelled (self->cancellable))
    change->written (change->data, TRUE, error);
  /* the task keeps the change; the next one may start */
  if (!g_queue_is_empty (&self->waiting))
    start_next (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

/* A worker makes the first change waiting */
static void
start_next (DeskLibraryWriter *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, written_cb, NULL);

  g_task_set_source_tag (task, start_next);
  /* told even when given up, so that the queue goes on */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_queue_peek_head (&self->waiting), (GDestroyNotify) change_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
desk_library_writer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DeskLibraryWriter *self = DESK_LIBRARY_WRITER (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_boolean (value, desk_library_writer_is_waiting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_library_writer_dispose (GObject *object)
{
  DeskLibraryWriter *self = DESK_LIBRARY_WRITER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_library_writer_parent_class)->dispose (object);
}

static void
desk_library_writer_finalize (GObject *object)
{
  DeskLibraryWriter *self = DESK_LIBRARY_WRITER (object);

  /* a task holds the writer while its change is made: none is left */
  g_assert (g_queue_is_empty (&self->waiting));
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (desk_library_writer_parent_class)->finalize (object);
}

static void
desk_library_writer_class_init (DeskLibraryWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_library_writer_get_property;
  object_class->dispose = desk_library_writer_dispose;
  object_class->finalize = desk_library_writer_finalize;

  /* changes wait for the library, which another program is writing */
  properties[PROP_WAITING] = g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_library_writer_init (DeskLibraryWriter *self)
{
  g_queue_init (&self->waiting);
  self->cancellable = g_cancellable_new ();
}

/* A writer of changes to the library of @store, the main thread's own,
 * which must not wait for the library (desk_store_set_max_wait 0) */
DeskLibraryWriter *
desk_library_writer_new (DeskStore *store)
{
  DeskLibraryWriter *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_LIBRARY_WRITER, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* Makes a change with @write: at once on the main thread's connection
 * when the library is free and no change waits, else, after those
 * waiting, in a worker that waits for the library.  @written is told in
 * the main thread either way, then @destroy frees @data.  FALSE when the
 * change failed at once (@written was told why). */
gboolean
desk_library_writer_run (DeskLibraryWriter *self,
                         DeskWriteFunc      write,
                         DeskWrittenFunc    written,
                         gpointer           data,
                         GDestroyNotify     destroy)
{
  g_autoptr(GError) error = NULL;
  Change *change;

  g_return_val_if_fail (DESK_IS_LIBRARY_WRITER (self), FALSE);
  g_return_val_if_fail (write != NULL && written != NULL, FALSE);

  if (g_queue_is_empty (&self->waiting))
    {
      gboolean done = write (self->store, data, &error);

      if (done || !g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_BUSY))
        {
          written (data, FALSE, error);
          if (destroy != NULL)
            destroy (data);
          return done;
        }
    }

  change = g_new0 (Change, 1);
  change->path = g_strdup (desk_store_get_path (self->store));
  change->write = write;
  change->written = written;
  change->data = data;
  change->destroy = destroy;
  g_queue_push_tail (&self->waiting, change);
  if (g_queue_get_length (&self->waiting) == 1)
    {
      start_next (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
  return TRUE;
}

/* Whether changes wait for the library */
gboolean
desk_library_writer_is_waiting (DeskLibraryWriter *self)
{
  g_return_val_if_fail (DESK_IS_LIBRARY_WRITER (self), FALSE);
  return !g_queue_is_empty (&self->waiting);
}

/* Gives up the changes waiting, untold (the window closes) */
void
desk_library_writer_cancel (DeskLibraryWriter *self)
{
  g_return_if_fail (DESK_IS_LIBRARY_WRITER (self));
  g_cancellable_cancel (self->cancellable);
}
