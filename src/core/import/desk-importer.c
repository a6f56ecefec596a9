/* desk-importer.c: imports files and folders into the library, in the
 * background, with progress, cancellable
 *
 * Files are read, normalized, analysed and their facts extracted by a
 * pool of parser threads, one per core, up to a batch of files ahead of
 * the writer, so that they go on while a batch is written; the importing
 * thread alone writes, in file order, with its own
 * connection, a batch of documents per transaction.  A document is whole
 * or absent after any failure, cancellation or crash: a batch that fails
 * is rolled back and its documents written again one by one. */
#define G_LOG_DOMAIN "desk-importer"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n-lib.h>

#include "desk-axes.h"
#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-normalize.h"
#include "desk-reader.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-structure.h"
#include "desk-stemmer.h"

struct _DeskImporter
{
  GObject parent_instance;

  char *library_path;
  gint64 max_size;
  gsize memory_budget;  /* see desk_importer_set_memory_budget */
  gboolean changed;     /* the last run added or updated something */
  DeskStoreWaitingFunc waiting_func;  /* see desk_importer_set_waiting_func */
  gpointer waiting_data;
};

G_DEFINE_FINAL_TYPE (DeskImporter, desk_importer, G_TYPE_OBJECT)

typedef struct
{
  GStrv paths;
  DeskImportProgressFunc progress;
  gpointer progress_data;
  DeskStoreWaitingFunc waiting;
  gpointer waiting_data;
  GMainContext *context;
} RunData;

/* A wait for the library, told in the caller's context */
typedef struct
{
  DeskStoreWaitingFunc waiting;
  gpointer waiting_data;
  char *path;
} WaitingData;

typedef struct
{
  DeskImportProgressFunc progress;
  gpointer progress_data;
  guint done;
  guint total;
  char *current;
} ProgressData;

/* What a parser thread works with: neither is shared between threads */
typedef struct
{
  DeskExtractor *extractor;
  DeskAxes *axes;            /* NULL when the axes file cannot be read */
  DeskStemmer *stemmer;      /* records the words of texts for the index */
  gboolean owned;            /* the extractor is the importing thread's own */
} Tools;

/* One file on its way through a parser thread */
typedef struct
{
  GFile *file;
  gint64 max_size;
  GCancellable *cancellable;
  GAsyncQueue *tools;        /* one Tools per parser thread, taken and given back */
  GMutex *lock;
  GCond *cond;
  gsize *parsed_bytes;       /* memory of documents parsed and not yet taken by the writer, under lock */
  gsize max_ahead;           /* parsed_bytes a parser waits under before it reads a file */
  guint index;               /* the file's place in the import */
  const guint *writing;      /* the place of the file the writer takes next, under lock */
  const gboolean *stopping;  /* the writer stopped: the files not read yet are not, under lock */
  gsize held;                /* what doc and scores add to parsed_bytes (document_memory) */
  gsize reserved;            /* what the file was thought to hold while it was read */
  gboolean done;
  DeskParsedDocument *doc;
  DeskDocumentScores *scores;
  GError *error;
} ParseJob;

/* Documents written per transaction, at most */
#define BATCH_DOCUMENTS 200

/* What an import may take in memory of its own unless told otherwise
 * (desk_importer_set_memory_budget): a third for the library's page
 * cache, a third for the documents of a transaction (their text, facts
 * and recorded words), a third for those parsed ahead of the writer */
#define DEFAULT_MEMORY_BUDGET (96 * 1024 * 1024)

/* Below this budget the words of texts are not recorded for the index
 * (the writer tokenizes them): records take about six times the text, and
 * transactions would hold too little text to write it well */
#define RECORDING_BUDGET (64 * 1024 * 1024)

/* Text whose words are recorded for the index, at most, in bytes */
#define RECORD_MAX_BYTES (4 * 1024 * 1024)

/* About what a parsed document holds (document_memory) for each byte of
 * its file, with its words recorded and without: reserved while it is
 * read (the thesis: 150 KB of text hold 1.8 MB with its words) */
#define HELD_PER_BYTE_RECORDED 12
#define HELD_PER_BYTE 7

/* The allocations of a fact (its text, value, extra, uid and the uid's
 * place in fact_uids) and what the allocator adds to each */
#define FACT_ALLOCATIONS 5
#define ALLOCATION_HEADER (2 * sizeof (gpointer))

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

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
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

  /* a folder listed only in part (its path longer than the system
   * takes, an entry that vanished) is a failure to say, not a silence */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      DeskImportResult *r = g_new0 (DeskImportResult, 1);

      r->path = g_file_get_parse_name (folder);
      r->status = DESK_IMPORT_FAILED;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG))
        g_set_error (&r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                     _("The folder “%s” cannot be read whole: the paths of what it holds are longer than the system allows"),
                     r->path);
      else
        g_set_error (&r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                     _("The folder “%s” cannot be read: %s"), r->path, error->message);
      g_ptr_array_add (results, r);
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

/* Normalizes and analyses what was read of a file named @name, records
 * the words of its text with @recorder and extracts its facts with
 * @extractor, each when given.  Takes @raw. */
static DeskParsedDocument *
parse_raw (DeskRawDocument  *raw,
           const char       *name,
           DeskExtractor    *extractor,
           DeskStemmer      *recorder,
           GError          **error)
{
  g_autoptr(DeskRawDocument) owned = raw;
  g_autoptr(GPtrArray) blocks = NULL;
  DeskParsedDocument *doc;

  blocks = desk_normalize_pages ((const char * const *) raw->pages->pdata, raw->pages->len,
                                 raw->markdown ? DESK_NORMALIZE_MARKDOWN : DESK_NORMALIZE_PLAIN);
  if (blocks->len == 0)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_TEXT,
                   _("“%s” has no text to import"), name);
      return NULL;
    }

  doc = desk_structure_analyze (blocks, raw->title, raw->date);
  /* what the file's metadata says comes before what its text suggests */
  if (raw->author != NULL)
    {
      g_free (doc->author);
      doc->author = g_strdup (raw->author);
    }
  if (raw->source != NULL)
    {
      g_free (doc->source);
      doc->source = g_strdup (raw->source);
    }
  doc->format = g_strdup (raw->format);
  doc->size = raw->size;
  /* the words of the text for the library's index, read here rather
   * than on the one thread that writes the library; the extractor and
   * the axes read them too.  Not for a very long text: its records would
   * take about six times its size at once */
  if (recorder != NULL)
    {
      gsize len = strlen (doc->text);

      if (len <= RECORD_MAX_BYTES)
        doc->tokens = desk_stemmer_record (recorder, doc->text, len);
    }
  if (extractor != NULL)
    {
      doc->facts = desk_extractor_run (extractor, doc);
      if (doc->facts != NULL)
        doc->fact_uids = desk_fact_compute_uids (doc->uid, doc->facts);
    }
  return doc;
}

/* Reads, normalizes and analyses one file, records its words when
 * @recorder is given and extracts its facts when @extractor is; touches
 * no library. */
static DeskParsedDocument *
parse_file (GFile          *file,
            gint64          max_size,
            DeskExtractor  *extractor,
            DeskStemmer    *recorder,
            GCancellable   *cancellable,
            GError        **error)
{
  DeskRawDocument *raw;
  g_autofree char *name = NULL;
  DeskParsedDocument *doc;

  raw = desk_reader_read (file, max_size, cancellable, error);
  if (raw == NULL)
    return NULL;
  name = g_file_get_parse_name (file);
  doc = parse_raw (raw, name, extractor, recorder, error);
  if (doc == NULL)
    return NULL;
  doc->path = g_file_get_path (file);
  if (doc->path == NULL)
    doc->path = g_file_get_uri (file);
  if (doc->title[0] == '\0')
    {
      g_autofree char *basename = g_file_get_basename (file);

      g_free (doc->title);
      doc->title = desk_reader_title_from_name (basename);
    }
  return doc;
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
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return parse_file (file, max_size, extractor, NULL, cancellable, error);
}

/* What desk_parse_file () makes of the contents of a file named @name. */
DeskParsedDocument *
desk_parse_bytes (const char     *name,
                  GBytes         *bytes,
                  DeskExtractor  *extractor,
                  GError        **error)
{
  DeskRawDocument *raw;
  DeskParsedDocument *doc;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  raw = desk_reader_read_bytes (name, bytes, error);
  if (raw == NULL)
    return NULL;
  doc = parse_raw (raw, name, extractor, NULL, error);
  if (doc != NULL && doc->title[0] == '\0')
    {
      g_autofree char *basename = g_path_get_basename (name);

      g_free (doc->title);
      doc->title = desk_reader_title_from_name (basename);
    }
  return doc;
}

/* Documents extracted again per transaction */
#define UPDATE_BATCH 50

/* A document extracted again in a thread */
typedef struct
{
  DeskParsedDocument *doc;
  GArray *facts;
  GAsyncQueue *extractors;   /* one per thread, taken and given back */
} ExtractJob;

static void
extract_in_thread (gpointer data,
                   gpointer user_data)
{
  ExtractJob *job = data;
  DeskExtractor *extractor = g_async_queue_pop (job->extractors);

  job->facts = desk_extractor_run (extractor, job->doc);
  g_async_queue_push (job->extractors, extractor);
}

/* The documents of one transaction, extracted in threads */
typedef struct
{
  ExtractJob *jobs;
  guint n;
  GThreadPool *pool;         /* extracting them; NULL once done */
} Batch;

static void
extraction_done (GThreadPool *pool)
{
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->pool, extraction_done);
  for (guint k = 0; k < batch->n; k++)
    {
      g_clear_pointer (&batch->jobs[k].doc, desk_parsed_document_free);
      g_clear_pointer (&batch->jobs[k].facts, g_array_unref);
    }
  g_free (batch->jobs);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

/* Reads the documents of the batch starting at @ids[@from] from the
 * library and has them extracted in threads */
static Batch *
start_batch (DeskStore    *store,
             GArray       *ids,
             guint         from,
             GAsyncQueue  *extractors,
             guint         n_threads,
             GError      **error)
{
  g_autoptr(Batch) batch = g_new0 (Batch, 1);

  batch->n = MIN (ids->len, from + UPDATE_BATCH) - from;
  batch->jobs = g_new0 (ExtractJob, batch->n);
  batch->pool = g_thread_pool_new (extract_in_thread, NULL, n_threads, FALSE, NULL);
  for (guint k = 0; k < batch->n; k++)
    {
      batch->jobs[k].extractors = extractors;
      if (!(batch->jobs[k].doc = desk_store_load_parsed (store, g_array_index (ids, gint64, from + k), error)))
        return NULL;
      g_thread_pool_push (batch->pool, &batch->jobs[k], NULL);
    }
  return g_steal_pointer (&batch);
}

/* Re-extracts the facts of documents extracted by older rules; facts that
 * are still found keep their uids.  The documents of a batch are read
 * from the library, extracted on every core while the batch before is
 * written, and written in order in one transaction.  Returns how many
 * were updated, or -1. */
int
desk_store_update_facts (DeskStore      *store,
                         DeskExtractor  *extractor,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DeskExtractor) own = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_extractor_free);
  g_autoptr(GAsyncQueue) extractors = NULL;
  guint n_threads = CLAMP (g_get_num_processors (), 1, 16);
  Batch *next;
  int updated = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), -1);

  /* a library upgraded from names as facts has its entities counted */
  if (!desk_store_update_entities (store, error))
    return -1;
  ids = desk_store_list_outdated (store, DESK_EXTRACTOR_VERSION, error);
  if (ids == NULL)
    return -1;
  if (ids->len == 0)
    return 0;
  /* the rules are loaded when there is something to extract, once for
   * every thread: an extractor is not shared */
  if (extractor == NULL && !(extractor = own = desk_extractor_new (error)))
    return -1;
  n_threads = MIN (n_threads, (ids->len + 1) / 2);
  extractors = g_async_queue_new ();
  g_async_queue_push (extractors, extractor);
  for (guint t = 1; t < n_threads; t++)
    {
      DeskExtractor *more = desk_extractor_new (error);

      if (more == NULL)
        return -1;
      g_ptr_array_add (made, more);
      g_async_queue_push (extractors, more);
    }

  /* a transaction per batch of documents (one per document would write
   * the index of facts' words again each time); the next batch is
   * extracted while one is written */
  next = start_batch (store, ids, 0, extractors, n_threads, error);
  for (guint i = 0; i < ids->len; i += UPDATE_BATCH)
    {
      g_autoptr(Batch) batch = g_steal_pointer (&next);
      gboolean ok = batch != NULL;

      if (ok)
        g_clear_pointer (&batch->pool, extraction_done);
      if (ok && i + UPDATE_BATCH < ids->len &&
          !(next = start_batch (store, ids, i + UPDATE_BATCH, extractors, n_threads, error)))
        ok = FALSE;
      if (ok && (g_cancellable_set_error_if_cancelled (cancellable, error) || !desk_store_begin_batch (store, error)))
        ok = FALSE;
      for (guint k = 0; ok && k < batch->n; k++)
        {
          /* given up: the documents done so far are kept */
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              desk_store_commit_batch (store, NULL);
              ok = FALSE;
            }
          else if (!desk_store_replace_facts (store, g_array_index (ids, gint64, i + k), batch->jobs[k].doc->uid,
                                              batch->jobs[k].facts, DESK_EXTRACTOR_VERSION, error))
            {
              desk_store_rollback_batch (store);
              ok = FALSE;
            }
        }
      if (ok && !desk_store_commit_batch (store, error))
        ok = FALSE;
      if (!ok)
        {
          g_clear_pointer (&next, batch_free);
          return -1;
        }
      updated += batch->n;
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

static gboolean
report_waiting_cb (gpointer user_data)
{
  WaitingData *data = user_data;

  data->waiting (data->path, data->waiting_data);
  return G_SOURCE_REMOVE;
}

static void
waiting_data_free (gpointer user_data)
{
  WaitingData *data = user_data;

  g_free (data->path);
  g_free (data);
}

/* The library's store waits for another program: said where the import
 * was asked for */
static void
report_waiting (const char *path,
                gpointer    user_data)
{
  RunData *run = user_data;
  WaitingData *data;

  if (run->context == NULL)
    {
      run->waiting (path, run->waiting_data);
      return;
    }
  data = g_new0 (WaitingData, 1);
  data->waiting = run->waiting;
  data->waiting_data = run->waiting_data;
  data->path = g_strdup (path);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, report_waiting_cb, data, waiting_data_free);
}

static void
parse_job_free (ParseJob *job)
{
  if (job == NULL)
    return;
  g_clear_object (&job->file);
  g_clear_pointer (&job->doc, desk_parsed_document_free);
  g_clear_pointer (&job->scores, desk_document_scores_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
tools_free (Tools *tools)
{
  if (!tools->owned)
    g_clear_pointer (&tools->extractor, desk_extractor_free);
  g_clear_pointer (&tools->axes, desk_axes_free);
  g_clear_pointer (&tools->stemmer, desk_stemmer_free);
  g_free (tools);
}

/* About what @doc and its @scores hold in memory: its text, paragraphs
 * and outline, its recorded words, its facts and their uids (the terms
 * that a sentence's names share, once), and a score per axis for each
 * paragraph */
static gsize
document_memory (const DeskParsedDocument *doc,
                 const DeskDocumentScores *scores)
{
  gsize size = strlen (doc->text);
  const char *terms = NULL;

  size += doc->paragraphs->len * sizeof (DeskParagraph);
  for (guint i = 0; i < doc->outline->len; i++)
    size += sizeof (DeskOutlineEntry) + strlen (g_array_index (doc->outline, DeskOutlineEntry, i).title);
  /* an array each, and the allocator's headers */
  if (scores != NULL)
    size += scores->paragraphs->len * (scores->axis_ids->len * sizeof (double) + 8 * sizeof (gpointer));

  if (doc->tokens != NULL)
    size += desk_tokens_size (doc->tokens);
  for (guint i = 0; doc->facts != NULL && i < doc->facts->len; i++)
    {
      const DeskFact *f = &g_array_index (doc->facts, DeskFact, i);

      /* and the headers of its strings' allocations and of its uid's */
      size += sizeof *f + strlen (f->text) + strlen (f->value) + (f->extra != NULL ? strlen (f->extra) : 0) +
              FACT_ALLOCATIONS * ALLOCATION_HEADER;
      if (f->terms != NULL && f->terms != terms)
        size += strlen (f->terms);
      terms = f->terms;
    }
  for (guint i = 0; doc->fact_uids != NULL && i < doc->fact_uids->len; i++)
    size += sizeof (gpointer) + strlen (g_ptr_array_index (doc->fact_uids, i));
  return size;
}

/* What the document of @file will hold once read, from its size */
static gsize
estimate_memory (GFile    *file,
                 gboolean  recorded)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  if (info == NULL)
    return 0;
  return (gsize) g_file_info_get_size (info) * (recorded ? HELD_PER_BYTE_RECORDED : HELD_PER_BYTE);
}

static void
parse_in_thread (gpointer data,
                 gpointer user_data)
{
  ParseJob *job = data;
  Tools *tools = g_async_queue_pop (job->tools);
  GError *error = NULL;
  DeskParsedDocument *doc = NULL;
  DeskDocumentScores *scores = NULL;
  gboolean stopping;

  /* no more read ahead of the writer than the budget's share, the files
   * being read counted by their size: what is queued is only named, what
   * is read is held until written.  The file the writer waits for is
   * read whatever the memory held, and so is a file too large for the
   * share when nothing else is held */
  job->reserved = estimate_memory (job->file, tools->stemmer != NULL);
  g_mutex_lock (job->lock);
  while (!*job->stopping && job->index > *job->writing && *job->parsed_bytes > 0 &&
         *job->parsed_bytes + job->reserved > job->max_ahead)
    g_cond_wait (job->cond, job->lock);
  stopping = *job->stopping;
  *job->parsed_bytes += job->reserved;
  g_mutex_unlock (job->lock);

  if (!stopping && !g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    doc = parse_file (job->file, job->max_size, tools->extractor, tools->stemmer, job->cancellable, &error);
  if (doc != NULL && tools->axes != NULL)
    scores = desk_axes_score_document (tools->axes, doc);
  if (doc != NULL)
    job->held = document_memory (doc, scores);
  g_async_queue_push (job->tools, tools);

  g_mutex_lock (job->lock);
  job->doc = doc;
  job->scores = scores;
  job->error = error;
  *job->parsed_bytes = *job->parsed_bytes - job->reserved + job->held;
  job->done = TRUE;
  g_cond_broadcast (job->cond);
  g_mutex_unlock (job->lock);
}

/* What an officer should know of an added document besides its title
 * (only its first facts kept), or NULL */
char *
desk_import_result_note (const DeskImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->status != DESK_IMPORT_ADDED || !result->facts_limited)
    return NULL;
  return g_strdup_printf (_("Only the first %u facts of “%s” were kept"), DESK_EXTRACT_MAX_FACTS, result->path);
}

/* The files an import stopped before, in one sentence with their one
 * reason, or NULL when it did not stop */
char *
desk_import_describe_stop (GPtrArray *results)
{
  const GError *why = NULL;
  guint n = 0;

  g_return_val_if_fail (results != NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    {
      const DeskImportResult *r = g_ptr_array_index (results, i);

      if (r->status == DESK_IMPORT_NOT_READ)
        {
          n++;
          why = r->error;
        }
    }
  if (why == NULL)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The import stopped; %u more file was not read: %s",
                                       "The import stopped; %u more files were not read: %s", n),
                          n, why->message);
}

/* Whether @error is of the library as a whole (a full disk, a read-only
 * or damaged library), so that no other document can be written either */
static gboolean
is_library_error (const GError *error)
{
  return g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FULL) ||
         g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_READ_ONLY) ||
         g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_BUSY) ||
         g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY);
}

static DeskImportResult *
not_read_result (GFile        *file,
                 const GError *why)
{
  DeskImportResult *r = g_new0 (DeskImportResult, 1);

  r->path = g_file_get_parse_name (file);
  r->status = DESK_IMPORT_NOT_READ;
  r->error = g_error_copy (why);
  return r;
}

/* Writes the parsed documents of @batch (ParseJob), in one transaction,
 * and adds their results; when the transaction fails, writes them again
 * one per transaction, so that one bad document costs only itself.  When
 * the library itself cannot be written, sets @stop and writes no more. */
static void
write_batch (DeskStore  *store,
             GPtrArray  *batch,
             GPtrArray  *results,
             GError    **stop)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) existed = g_array_new (FALSE, TRUE, sizeof (gboolean));
  gboolean whole = TRUE;

  if (batch->len == 0)
    return;
  g_array_set_size (ids, batch->len);
  g_array_set_size (existed, batch->len);
  if (batch->len > 1 && desk_store_begin_batch (store, NULL))
    {
      for (guint i = 0; whole && i < batch->len; i++)
        {
          ParseJob *job = g_ptr_array_index (batch, i);
          whole = desk_store_add_scored_document (store, job->doc, job->scores, &g_array_index (ids, gint64, i),
                                                  &g_array_index (existed, gboolean, i), NULL);
        }
      if (whole)
        whole = desk_store_commit_batch (store, NULL);
      else
        desk_store_rollback_batch (store);
    }
  else
    whole = FALSE;

  for (guint i = 0; i < batch->len; i++)
    {
      ParseJob *job = g_ptr_array_index (batch, i);
      DeskImportResult *r;
      gint64 id = g_array_index (ids, gint64, i);
      gboolean was = g_array_index (existed, gboolean, i);
      g_autoptr(GError) error = NULL;

      if (*stop != NULL)
        {
          g_ptr_array_add (results, not_read_result (job->file, *stop));
          continue;
        }
      r = g_new0 (DeskImportResult, 1);
      r->path = g_file_get_parse_name (job->file);
      if (whole || desk_store_add_scored_document (store, job->doc, job->scores, &id, &was, &error))
        {
          r->status = was ? DESK_IMPORT_DUPLICATE : DESK_IMPORT_ADDED;
          r->document_id = id;
          r->title = g_strdup (job->doc->title);
          r->facts_limited = job->doc->facts_limited;
        }
      else
        {
          r->status = DESK_IMPORT_FAILED;
          r->error = g_error_new (error->domain, error->code, _("“%s” was not imported: %s"), r->path, error->message);
          if (is_library_error (error))
            *stop = g_steal_pointer (&error);
        }
      g_ptr_array_add (results, r);
    }
  g_ptr_array_set_size (batch, 0);
}

/* What an import freed goes back to the system: its threads freed it into
 * heaps of their own, which the program's other threads do not reuse (a
 * window would otherwise keep an import's peak for the rest of its life) */
static void
give_back_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* Gives back what the documents written since the last time freed, once
 * it is a batch's worth (@batch_bytes): the parser threads allocated
 * them in heaps of their own, which would otherwise grow with every
 * batch the writer freed into them */
static void
give_back_freed (gsize *freed_bytes,
                 gsize  batch_bytes)
{
  if (*freed_bytes < batch_bytes)
    return;
  give_back_memory ();
  *freed_bytes = 0;
}

/* Parses @files in the parser threads and writes them in order.  When the
 * library cannot be written, stops: @stop says why, and the files not
 * read are given with it. */
static gboolean
import_files (DeskImporter   *self,
              RunData        *run,
              DeskStore      *store,
              DeskExtractor  *extractor,
              GPtrArray      *files,
              GPtrArray      *results,
              GError        **stop,
              GCancellable   *cancellable,
              GError        **error)
{
  guint n_threads = CLAMP (g_get_num_processors (), 1, 16);
  guint window = 4 * n_threads;
  g_autoptr(GAsyncQueue) tools = g_async_queue_new_full ((GDestroyNotify) tools_free);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) parse_job_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  GThreadPool *pool;
  GMutex lock;
  GCond cond;
  guint submitted = 0, written = 0, handled = 0, writing = 0;
  gsize batch_bytes = 0, parsed_bytes = 0, freed_bytes = 0;
  gboolean stopping = FALSE;
  /* the budget's shares: a transaction's documents, and as much parsed
   * ahead of the writer; records only where they fit */
  gsize max_batch_bytes = self->memory_budget / 3;
  gboolean record = self->memory_budget >= RECORDING_BUDGET;

  if (files->len == 0)
    return TRUE;
  /* the importing thread's extractor serves one parser; the others get their own */
  for (guint i = 0; i < n_threads; i++)
    {
      Tools *t = g_new0 (Tools, 1);

      t->owned = i == 0;
      t->extractor = i == 0 ? extractor : desk_extractor_new (error);
      /* without readable axes, maintenance scores later and says why */
      t->axes = desk_axes_load_default (NULL);
      t->stemmer = record ? desk_stemmer_new () : NULL;
      g_async_queue_push (tools, t);
      if (t->extractor == NULL)
        return FALSE;
    }
  g_mutex_init (&lock);
  g_cond_init (&cond);
  pool = g_thread_pool_new (parse_in_thread, NULL, n_threads, TRUE, NULL);
  g_ptr_array_set_size (jobs, files->len);

  for (guint i = 0; i < files->len; i++)
    {
      ParseJob *job;
      g_autofree char *name = NULL;

      /* the parsers keep busy while a batch is written: they may be up to
       * a batch ahead of the writer, in documents, and read no more
       * while what they read ahead takes the budget's share */
      for (; submitted < files->len && submitted < i + BATCH_DOCUMENTS + window; submitted++)
        {
          ParseJob *next = g_new0 (ParseJob, 1);

          next->file = g_object_ref (g_ptr_array_index (files, submitted));
          next->max_size = self->max_size;
          next->cancellable = cancellable;
          next->tools = tools;
          next->lock = &lock;
          next->cond = &cond;
          next->parsed_bytes = &parsed_bytes;
          next->max_ahead = max_batch_bytes;
          next->index = submitted;
          next->writing = &writing;
          next->stopping = &stopping;
          jobs->pdata[submitted] = next;
          g_thread_pool_push (pool, next, NULL);
        }

      job = g_ptr_array_index (jobs, i);
      name = g_file_get_parse_name (job->file);
      report (run, i, files->len, name);
      /* rather than wait for the parsers, write what they gave */
      g_mutex_lock (&lock);
      writing = i;
      g_cond_broadcast (&cond);
      if (!job->done && batch->len > 0)
        {
          g_mutex_unlock (&lock);
          write_batch (store, batch, results, stop);
          freed_bytes += batch_bytes;
          batch_bytes = 0;
          handled = i;
          if (*stop != NULL)
            break;
          for (; written < i; written++)
            g_clear_pointer (&jobs->pdata[written], parse_job_free);
          give_back_freed (&freed_bytes, max_batch_bytes);
          g_mutex_lock (&lock);
        }
      while (!job->done)
        g_cond_wait (&cond, &lock);
      parsed_bytes -= job->held;
      /* what the writer took frees the parsers waiting for room */
      g_cond_broadcast (&cond);
      g_mutex_unlock (&lock);

      if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_cancellable_is_cancelled (cancellable))
        break;
      if (job->doc == NULL)
        {
          DeskImportResult *r = g_new0 (DeskImportResult, 1);

          /* what was parsed before it goes in first, so that results keep file order */
          write_batch (store, batch, results, stop);
          batch_bytes = 0;
          handled = i;
          if (*stop != NULL)
            {
              g_free (r);
              break;
            }
          handled = i + 1;
          r->path = g_steal_pointer (&name);
          r->status = DESK_IMPORT_FAILED;
          r->error = g_steal_pointer (&job->error);
          g_ptr_array_add (results, r);
          g_clear_pointer (&jobs->pdata[i], parse_job_free);
          continue;
        }
      g_ptr_array_add (batch, job);
      batch_bytes += job->held;
      if (batch->len >= BATCH_DOCUMENTS || batch_bytes >= max_batch_bytes)
        {
          write_batch (store, batch, results, stop);
          freed_bytes += batch_bytes;
          batch_bytes = 0;
          handled = i + 1;
          if (*stop != NULL)
            break;
          /* what is written is no longer needed in memory */
          for (; written <= i; written++)
            g_clear_pointer (&jobs->pdata[written], parse_job_free);
          give_back_freed (&freed_bytes, max_batch_bytes);
        }
    }
  /* the documents parsed whole before a cancellation are kept */
  if (batch->len > 0)
    {
      handled += batch->len;
      write_batch (store, batch, results, stop);
    }
  /* after a stop, the files not read are named with the reason */
  for (guint i = handled; *stop != NULL && i < files->len; i++)
    g_ptr_array_add (results, not_read_result (g_ptr_array_index (files, i), *stop));

  /* after a cancellation or a stop the files still queued give up at
   * once, and the parsers waiting for room are let go */
  g_mutex_lock (&lock);
  stopping = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  return TRUE;
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
  g_autoptr(GError) stop = NULL;

  self->changed = FALSE;
  store = desk_store_open (self->library_path, error);
  if (store == NULL)
    return NULL;
  /* another program writing the library is waited for, and said so;
   * cancelling the import ends the wait */
  if (run->waiting != NULL)
    desk_store_set_waiting_func (store, report_waiting, run);
  desk_store_set_cancellable (store, cancellable);
  /* nothing to bring up to date where nothing can be written */
  if (desk_store_is_read_only (store) && run->paths[0] == NULL)
    return g_steal_pointer (&results);
  if (!desk_store_check_writable (store, error))
    return NULL;
  /* the budget's share for the page cache: with the default budget, room
   * for a transaction's writes without spilling pages halfway */
  {
    g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size = -%" G_GSIZE_FORMAT, self->memory_budget / 3 / 1024);

    sqlite3_exec (desk_store_get_db (store), cache, NULL, NULL, NULL);
  }

  for (guint i = 0; run->paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->paths[i]);

      /* documents are read from this computer: an address is not fetched */
      if (!g_file_is_native (file))
        {
          DeskImportResult *r = g_new0 (DeskImportResult, 1);

          r->path = g_file_get_parse_name (file);
          r->status = DESK_IMPORT_FAILED;
          g_set_error (&r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_A_FILE,
                       _("“%s” is not a file on this computer: Dialogue Desk never downloads anything; "
                         "save the page and import the saved file"), r->path);
          g_ptr_array_add (results, r);
          continue;
        }
      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        collect_folder (file, files, results, cancellable);
      else
        g_ptr_array_add (files, g_steal_pointer (&file));
    }

  /* the rules are loaded when there are files to read */
  if (files->len > 0 && !(extractor = desk_extractor_new (error)))
    return NULL;
  if (!import_files (self, run, store, extractor, files, results, &stop, cancellable, error))
    return NULL;
  report (run, files->len, files->len, NULL);
  /* what the files took goes back before conflicts and scores take theirs */
  give_back_memory ();

  for (guint i = 0; i < results->len; i++)
    if (((DeskImportResult *) g_ptr_array_index (results, i))->status == DESK_IMPORT_ADDED)
      self->changed = TRUE;

  /* a library of an earlier version has its facts counted; documents
   * stored by older rules get the current ones; conflicts are computed
   * again only when facts changed */
  {
    g_autoptr(GError) update_error = NULL;
    g_autoptr(DeskAxes) axes = NULL;
    int updated = 0, scored = 0;

    if (stop == NULL && !g_cancellable_is_cancelled (cancellable) &&
        (!desk_store_update_fact_counts (store, &update_error) ||
         (updated = desk_store_update_facts (store, extractor, cancellable, &update_error)) < 0 ||
         !desk_store_update_conflicts (store, &update_error) ||
         !(axes = desk_axes_load_default (&update_error)) ||
         (scored = desk_store_update_axes (store, axes, cancellable, &update_error)) < 0))
      g_message ("Facts not updated: %s", update_error->message);
    if (updated > 0 || scored > 0)
      self->changed = TRUE;
  }

  /* colleagues' review of documents that were missing until now */
  if (stop == NULL)
    {
      g_autoptr(GError) review_error = NULL;
      int merged = desk_review_apply_pending (store, &review_error);

      if (merged < 0)
        g_message ("Waiting review not merged: %s", review_error->message);
      else if (merged > 0)
        self->changed = TRUE;
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

  give_back_memory ();
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
  self->memory_budget = DEFAULT_MEMORY_BUDGET;
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

/* About how much memory an import may take besides the program's own:
 * the library's page cache, and the documents between the parser threads
 * and the one that writes them, a third each for those being written and
 * those parsed ahead.  Less memory writes less at a time, which is slower
 * into a large library; under 64 MB the words of texts are not recorded
 * for the index ahead (they would take six times the text), the writer
 * tokenizes them.  96 MB unless set. */
void
desk_importer_set_memory_budget (DeskImporter *self,
                                 gsize         bytes)
{
  g_return_if_fail (DESK_IS_IMPORTER (self));
  self->memory_budget = MAX (bytes, 3 * 1024 * 1024);
}

/* @func is told, in the caller's context as progress is, when the import
 * waits for the library because another program is writing it; the
 * import goes on once it is free. */
void
desk_importer_set_waiting_func (DeskImporter         *self,
                                DeskStoreWaitingFunc  func,
                                gpointer              user_data)
{
  g_return_if_fail (DESK_IS_IMPORTER (self));
  self->waiting_func = func;
  self->waiting_data = user_data;
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
  GPtrArray *results;

  g_return_val_if_fail (DESK_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  run.paths = (GStrv) paths;
  run.progress = progress;
  run.progress_data = progress_data;
  run.waiting = self->waiting_func;
  run.waiting_data = self->waiting_data;
  results = run_import (self, &run, cancellable, error);
  give_back_memory ();
  return results;
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
  run->waiting = self->waiting_func;
  run->waiting_data = self->waiting_data;
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

/* Whether the last run added documents or updated what the library had
 * (facts, axis scores, a colleague's waiting review): the views then have
 * something new to show. */
gboolean
desk_importer_get_changed (DeskImporter *self)
{
  g_return_val_if_fail (DESK_IS_IMPORTER (self), FALSE);
  return self->changed;
}
