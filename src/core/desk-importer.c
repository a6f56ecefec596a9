/* desk-importer.c: imports files and folders into the library, in the
 * background, with progress, cancellable
 *
 * The worker opens its own connection to the library; each document is
 * read, normalized and analysed before its one write transaction, so a
 * failure or a cancellation never leaves part of a document behind. */
#define G_LOG_DOMAIN "desk-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-normalize.h"
#include "desk-reader.h"
#include "desk-review.h"
#include "desk-store.h"
#include "desk-structure.h"

struct _DeskImporter
{
  GObject parent_instance;

  char *library_path;
  gint64 max_size;
};

G_DEFINE_FINAL_TYPE (DeskImporter, desk_importer, G_TYPE_OBJECT)

typedef struct
{
  GStrv paths;
  DeskImportProgressFunc progress;
  gpointer progress_data;
  GMainContext *context;
} RunData;

typedef struct
{
  DeskImportProgressFunc progress;
  gpointer progress_data;
  guint done;
  guint total;
  char *current;
} ProgressData;

static void
import_result_free (gpointer data)
{
  DeskImportResult *r = data;

  g_free (r->path);
  g_free (r->title);
  g_clear_error (&r->error);
  g_free (r);
}

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_strfreev (run->paths);
  g_main_context_unref (run->context);
  g_free (run);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* A folder's README, LICENSE or CHANGELOG describes the folder; it is not
 * one of the sources in it.  Named on its own, such a file is imported. */
static gboolean
is_folder_notes (const char *name)
{
  static const char * const notes[] = { "readme", "license", "licence", "changelog", "copying", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *dot = strchr (lower, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strv_contains (notes, lower);
}

/* Supported files under a folder, hidden ones left out, in name order so
 * that two imports of the same folder go the same way. */
static void
collect_folder (GFile        *folder,
                GPtrArray    *files,
                GPtrArray    *results,
                GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) dirs = g_hash_table_new (g_str_hash, g_str_equal);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (enumerator == NULL)
    {
      DeskImportResult *r = g_new0 (DeskImportResult, 1);

      r->path = g_file_get_parse_name (folder);
      r->status = DESK_IMPORT_FAILED;
      g_set_error (&r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                   _("The folder “%s” cannot be read: %s"), r->path, error->message);
      g_ptr_array_add (results, r);
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      if (!g_file_info_get_is_hidden (info))
        {
          if (type == G_FILE_TYPE_DIRECTORY)
            {
              g_ptr_array_add (names, g_strdup (name));
              g_hash_table_add (dirs, g_ptr_array_index (names, names->len - 1));
            }
          else if (type == G_FILE_TYPE_REGULAR && desk_reader_is_supported (name) && !is_folder_notes (name))
            g_ptr_array_add (names, g_strdup (name));
        }
      g_object_unref (info);
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      if (g_hash_table_contains (dirs, name))
        collect_folder (child, files, results, cancellable);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

/* Reads, normalizes and analyses one file, and extracts its facts when
 * @extractor is given; touches no library. */
DeskParsedDocument *
desk_parse_file (GFile          *file,
                 gint64          max_size,
                 DeskExtractor  *extractor,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(DeskRawDocument) raw = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  DeskParsedDocument *doc;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  raw = desk_reader_read (file, max_size, cancellable, error);
  if (raw == NULL)
    return NULL;

  blocks = desk_normalize_pages ((const char * const *) raw->pages->pdata, raw->pages->len,
                                 raw->markdown ? DESK_NORMALIZE_MARKDOWN : DESK_NORMALIZE_PLAIN);
  if (blocks->len == 0)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_TEXT,
                   _("“%s” has no text to import"), name);
      return NULL;
    }

  doc = desk_structure_analyze (blocks, raw->title, raw->date);
  doc->format = g_strdup (raw->format);
  doc->path = g_file_get_path (file);
  if (doc->path == NULL)
    doc->path = g_file_get_uri (file);
  doc->size = raw->size;
  if (doc->title[0] == '\0')
    {
      g_free (doc->title);
      doc->title = g_file_get_basename (file);
    }
  if (extractor != NULL)
    doc->facts = desk_extractor_run (extractor, doc);
  return doc;
}

/* Re-extracts the facts of documents extracted by older rules; facts that
 * are still found keep their uids.  Returns how many were updated, or -1. */
int
desk_store_update_facts (DeskStore      *store,
                         DeskExtractor  *extractor,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  int updated = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), -1);
  g_return_val_if_fail (extractor != NULL, -1);

  ids = desk_store_list_outdated (store, DESK_EXTRACTOR_VERSION, error);
  if (ids == NULL)
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(DeskParsedDocument) doc = NULL;
      g_autoptr(GArray) facts = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      doc = desk_store_load_parsed (store, id, error);
      if (doc == NULL)
        return -1;
      facts = desk_extractor_run (extractor, doc);
      if (!desk_store_replace_facts (store, id, doc->uid, facts, DESK_EXTRACTOR_VERSION, error))
        return -1;
      updated++;
    }
  return updated;
}

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressData *data = user_data;

  data->progress (data->done, data->total, data->current, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_data_free (gpointer user_data)
{
  ProgressData *data = user_data;

  g_free (data->current);
  g_free (data);
}

static void
report (RunData    *run,
        guint       done,
        guint       total,
        const char *current)
{
  ProgressData *data;

  if (run->progress == NULL)
    return;
  if (run->context == NULL)
    {
      run->progress (done, total, current, run->progress_data);
      return;
    }
  data = g_new0 (ProgressData, 1);
  data->progress = run->progress;
  data->progress_data = run->progress_data;
  data->done = done;
  data->total = total;
  data->current = g_strdup (current);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, report_progress_cb,
                              data, progress_data_free);
}

static GPtrArray *
run_import (DeskImporter  *self,
            RunData       *run,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (import_result_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskExtractor) extractor = NULL;

  store = desk_store_open (self->library_path, error);
  if (store == NULL)
    return NULL;
  extractor = desk_extractor_new (error);
  if (extractor == NULL)
    return NULL;

  for (guint i = 0; run->paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->paths[i]);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        collect_folder (file, files, results, cancellable);
      else
        g_ptr_array_add (files, g_steal_pointer (&file));
    }

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      DeskImportResult *r;
      g_autoptr(DeskParsedDocument) doc = NULL;
      gboolean existed = FALSE;

      g_autofree char *name = g_file_get_parse_name (file);

      report (run, i, files->len, name);
      if (g_cancellable_is_cancelled (cancellable))
        break;

      r = g_new0 (DeskImportResult, 1);
      r->path = g_steal_pointer (&name);

      doc = desk_parse_file (file, self->max_size, extractor, cancellable, &r->error);
      if (doc != NULL && desk_store_add_document (store, doc, &r->document_id, &existed, &r->error))
        {
          r->status = existed ? DESK_IMPORT_DUPLICATE : DESK_IMPORT_ADDED;
          r->title = g_strdup (doc->title);
        }
      else if (g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          import_result_free (r);
          break;
        }
      else
        r->status = DESK_IMPORT_FAILED;
      g_ptr_array_add (results, r);
    }
  report (run, files->len, files->len, NULL);

  /* documents stored by older rules get the current ones */
  {
    g_autoptr(GError) update_error = NULL;

    g_autoptr(DeskAxes) axes = NULL;

    if (!g_cancellable_is_cancelled (cancellable) &&
        (desk_store_update_facts (store, extractor, cancellable, &update_error) < 0 ||
         !desk_store_update_conflicts (store, &update_error) ||
         !(axes = desk_axes_load_default (&update_error)) ||
         desk_store_update_axes (store, axes, cancellable, &update_error) < 0))
      g_message ("Facts not updated: %s", update_error->message);
  }

  /* colleagues' review of documents that were missing until now */
  {
    g_autoptr(GError) review_error = NULL;

    if (desk_review_apply_pending (store, &review_error) < 0)
      g_message ("Waiting review not merged: %s", review_error->message);
  }

  return g_steal_pointer (&results);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *results = run_import (source_object, task_data, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
desk_importer_finalize (GObject *object)
{
  DeskImporter *self = DESK_IMPORTER (object);

  g_free (self->library_path);

  G_OBJECT_CLASS (desk_importer_parent_class)->finalize (object);
}

static void
desk_importer_class_init (DeskImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_importer_finalize;
}

static void
desk_importer_init (DeskImporter *self)
{
  self->max_size = DESK_READER_DEFAULT_MAX_SIZE;
}

DeskImporter *
desk_importer_new (const char *library_path)
{
  DeskImporter *self;

  g_return_val_if_fail (library_path != NULL, NULL);

  self = g_object_new (DESK_TYPE_IMPORTER, NULL);
  self->library_path = g_strdup (library_path);
  return self;
}

/* Files larger than @max_size bytes are refused; 0 lifts the limit. */
void
desk_importer_set_max_size (DeskImporter *self,
                            gint64        max_size)
{
  g_return_if_fail (DESK_IS_IMPORTER (self));
  self->max_size = max_size;
}

/* Imports in the calling thread.  Returns one DeskImportResult per file
 * (per folder that could not be read), or NULL if the library cannot be
 * opened.  A cancelled run returns the results of the files done. */
GPtrArray *
desk_importer_run (DeskImporter           *self,
                   const char * const     *paths,
                   DeskImportProgressFunc  progress,
                   gpointer                progress_data,
                   GCancellable           *cancellable,
                   GError                **error)
{
  RunData run = { 0 };

  g_return_val_if_fail (DESK_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  run.paths = (GStrv) paths;
  run.progress = progress;
  run.progress_data = progress_data;
  return run_import (self, &run, cancellable, error);
}

/* As desk_importer_run() in a worker thread; @progress is called in the
 * thread-default main context of the caller. */
void
desk_importer_run_async (DeskImporter           *self,
                         const char * const     *paths,
                         DeskImportProgressFunc  progress,
                         gpointer                progress_data,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (DESK_IS_IMPORTER (self));
  g_return_if_fail (paths != NULL);

  run = g_new0 (RunData, 1);
  run->paths = g_strdupv ((GStrv) paths);
  run->progress = progress;
  run->progress_data = progress_data;
  run->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_importer_run_async);
  /* a cancelled import still reports the files it did */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, run, run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

GPtrArray *
desk_importer_run_finish (DeskImporter  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
