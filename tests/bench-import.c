/* bench-import.c: import throughput over a generated corpus, next to
 * Recoll indexing the same files, bare FTS5 insertion of the same text
 * and the least that the data model writes for it (design_floor), each
 * measured in the same run, DESK_BENCH_RUNS times (3), taking turns.
 *
 * DESK_BENCH_DOCS sets the corpus size in documents (5,000 by default,
 * about 16 KB each), DESK_BENCH_MB in megabytes instead.  The corpus
 * mixes sentences of ../shared/corpus and data/samples, with their
 * figures and dates varied, in Spanish and English, with headings and
 * lists.  DESK_BENCH_CORPUS names a folder to keep the generated
 * documents in, to profile an import of them alone (dialogue-desk-cli
 * import FOLDER).  Recoll is Debian's recollindex (package recollcmd,
 * which build-aux/quickstart bench installs); without it the benchmark
 * says so and ends as skipped after its other figures.  Then one long
 * document made of the first DESK_BENCH_LONG_MB (8 by default) of them,
 * imported alone: what grows with a document's length shows there (a
 * thesis, a compiled report). */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-normalize.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

static gsize
generate (const char *dir,
          gsize       target,
          guint       n_docs)
{
  g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (600);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  gsize total = 0;
  guint n = 0;

  g_assert_cmpuint (sentences->len, >, 10);

  while (n_docs > 0 ? n < n_docs : total < target)
    {
      g_autoptr(GString) doc = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("doc-%06u.txt", n++);
      g_autofree char *path = NULL;

      g_string_append_printf (doc, "Informe %u sobre la agenda bilateral\n\n", n);
      for (guint section = 1; section <= 4; section++)
        {
          g_string_append_printf (doc, "%u. Sección %u del informe\n\n", section, section);
          for (guint para = 0; para < 3; para++)
            {
              for (guint k = 0; k < 5; k++)
                {
                  g_autofree char *s = desk_test_vary_digits (g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len)), rand);
                  g_string_append_printf (doc, "%s ", s);
                }
              g_string_append (doc, "\n\n");
            }
          g_string_append (doc, "Las propuestas son las siguientes:\n");
          for (guint k = 0; k < 3; k++)
            {
              g_autofree char *s = desk_test_vary_digits (g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len)), rand);
              g_string_append_printf (doc, "- %s\n", s);
            }
          g_string_append (doc, "\n");
        }
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
      total += doc->len;
    }
  return total;
}

static double
bare_fts5 (const char *dir,
           const char *db_path)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  sqlite3 *db;
  sqlite3_stmt *stmt;
  const char *name;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE VIRTUAL TABLE t USING fts5 (text);", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO t (text) VALUES (?)", -1, &stmt, NULL);
  g_timer_start (timer);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, text, len, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_timer_stop (timer);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_timer_elapsed (timer, NULL);
}

/* What extraction gave for one document, kept for the floor below */
typedef struct
{
  char *uid;
  char *text;
  GArray *facts;
  GPtrArray *fact_uids;
} Extracted;

static void
extracted_free (gpointer data)
{
  Extracted *e = data;

  g_free (e->uid);
  g_free (e->text);
  g_array_unref (e->facts);
  g_ptr_array_unref (e->fact_uids);
  g_free (e);
}

static double
extraction_alone (const char *dir,
                  GPtrArray  *extracted,
                  guint64    *n_facts)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(DeskExtractor) extractor = desk_extractor_new (NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  double elapsed = 0;
  const char *name;

  *n_facts = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DeskParsedDocument) doc = desk_parse_file (file, 0, NULL, NULL, NULL);
      Extracted *e = g_new0 (Extracted, 1);

      g_timer_start (timer);
      e->facts = desk_extractor_run (extractor, doc);
      g_timer_stop (timer);
      elapsed += g_timer_elapsed (timer, NULL);
      *n_facts += e->facts->len;
      e->uid = g_strdup (doc->uid);
      e->text = g_strdup (doc->text);
      e->fact_uids = desk_fact_compute_uids (doc->uid, e->facts);
      g_ptr_array_add (extracted, e);
    }
  return elapsed;
}

/* The least that DESIGN.md asks to write, with nothing else: each
 * document's row under its uid with FTS5 over its text, as the baseline
 * does, and each fact's row under its uid with FTS5 over its passage and
 * value (the same tokenizer as the baseline).  No extraction, no index to
 * sort by, no structure, scores or conflicts: however fast extraction and
 * the rest became, import could not pass this. */
static double
design_floor (GPtrArray  *extracted,
              const char *db_path)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  sqlite3 *db;
  sqlite3_stmt *doc, *doc_fts, *fact, *fact_fts;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA cache_size = -262144;"
                                 "CREATE TABLE documents (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, text TEXT NOT NULL);"
                                 "CREATE VIRTUAL TABLE documents_fts USING fts5 (text, content='documents', content_rowid='id');"
                                 "CREATE TABLE facts (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
                                 " document_id INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, value TEXT NOT NULL,"
                                 " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL);"
                                 "CREATE VIRTUAL TABLE facts_fts USING fts5 (text, value, content='facts', content_rowid='id');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "INSERT INTO documents (uid, text) VALUES (?, ?)", -1, &doc, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO documents_fts (rowid, text) VALUES (?, ?)", -1, &doc_fts, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\")"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &fact, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO facts_fts (rowid, text, value) VALUES (?, ?, ?)", -1, &fact_fts, NULL);
  g_timer_start (timer);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < extracted->len; i++)
    {
      const Extracted *e = g_ptr_array_index (extracted, i);
      gint64 id;

      sqlite3_reset (doc);
      sqlite3_bind_text (doc, 1, e->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (doc, 2, e->text, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (doc), ==, SQLITE_DONE);
      id = sqlite3_last_insert_rowid (db);
      sqlite3_reset (doc_fts);
      sqlite3_bind_int64 (doc_fts, 1, id);
      sqlite3_bind_text (doc_fts, 2, e->text, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (doc_fts), ==, SQLITE_DONE);
      for (guint k = 0; k < e->facts->len; k++)
        {
          const DeskFact *f = &g_array_index (e->facts, DeskFact, k);

          sqlite3_reset (fact);
          sqlite3_bind_text (fact, 1, g_ptr_array_index (e->fact_uids, k), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (fact, 2, id);
          sqlite3_bind_text (fact, 3, desk_fact_kind_to_string (f->kind), -1, SQLITE_STATIC);
          sqlite3_bind_text (fact, 4, f->text, -1, SQLITE_STATIC);
          sqlite3_bind_text (fact, 5, f->value, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (fact, 6, f->start);
          sqlite3_bind_int64 (fact, 7, f->end);
          g_assert_cmpint (sqlite3_step (fact), ==, SQLITE_DONE);
          sqlite3_reset (fact_fts);
          sqlite3_bind_int64 (fact_fts, 1, sqlite3_last_insert_rowid (db));
          sqlite3_bind_text (fact_fts, 2, f->text, -1, SQLITE_STATIC);
          sqlite3_bind_text (fact_fts, 3, f->value, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (fact_fts), ==, SQLITE_DONE);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_timer_stop (timer);
  sqlite3_finalize (doc);
  sqlite3_finalize (doc_fts);
  sqlite3_finalize (fact);
  sqlite3_finalize (fact_fts);
  sqlite3_close (db);
  return g_timer_elapsed (timer, NULL);
}

static double
full_import (const char *dir,
             const char *library)
{
  g_autoptr(DeskImporter) importer = desk_importer_new (library);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) results = NULL;
  const char *paths[] = { dir, NULL };

  g_timer_start (timer);
  results = desk_importer_run (importer, paths, NULL, NULL, NULL, NULL);
  g_timer_stop (timer);
  g_assert_nonnull (results);
  return g_timer_elapsed (timer, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One document of the generated ones put end to end up to @mb MB,
 * imported alone into a new library, next to bare FTS5 insertion of it */
static void
long_doc (const char *dir,
          const char *tmp,
          gsize       mb)
{
  g_autofree char *folder = g_build_filename (tmp, "long", NULL);
  g_autofree char *path = g_build_filename (folder, "long.txt", NULL);
  g_autofree char *fts_db = g_build_filename (tmp, "long-fts.db", NULL);
  g_autofree char *library = g_build_filename (tmp, "long-library.db", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  double t_fts, t_import, size;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; text->len < mb * 1024 * 1024; i = (i + 1) % names->len)
    {
      g_autofree char *file = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
      g_string_append (text, contents);
      g_string_append (text, "\n");
    }
  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  size = text->len / (1024.0 * 1024.0);

  t_fts = bare_fts5 (folder, fts_db);
  t_import = full_import (folder, library);
  g_print ("one long document:      %7.2f MB/s   (%.1f MB in %.1f s; bare FTS5 %.2f MB/s)\n",
           size / t_import, size, t_import, size / t_fts);
}

/* Recoll's indexer over @dir, with a configuration of its own in
 * @confdir: the figure the import must meet (DESIGN.md).  Recoll's
 * defaults but for what keeps the comparison fair: the text is UTF-8
 * (as the import reads it), words are stemmed in Spanish and English (as
 * the import stems them), and no spelling dictionary is built after the
 * index (the import builds none).  Flushing (idxflushmb, 50 MB) and the
 * threads (autoconfigured from the cores) are Recoll's defaults.
 * Returns the seconds, or a negative number when it failed. */
static double
recoll_index (const char *recollindex,
              const char *dir,
              const char *confdir,
              guint       n_files)
{
  g_autofree char *conf = g_build_filename (confdir, "recoll.conf", NULL);
  g_autofree char *log = g_build_filename (confdir, "recollindex.log", NULL);
  g_autofree char *status_file = g_build_filename (confdir, "idxstatus.txt", NULL);
  g_autofree char *contents = g_strdup_printf ("topdirs = %s\n"
                                               "defaultcharset = UTF-8\n"
                                               "indexstemminglanguages = spanish english\n"
                                               "noaspell = 1\n"
                                               "loglevel = 2\n"
                                               "logfilename = %s\n", dir, log);
  const char *argv[] = { recollindex, "-c", confdir, NULL };
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  const char *done;
  int wait_status;
  double elapsed;

  g_mkdir_with_parents (confdir, 0700);
  g_assert_true (g_file_set_contents (conf, contents, -1, NULL));
  g_timer_start (timer);
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, &error)
      || !g_spawn_check_wait_status (wait_status, &error))
    {
      g_printerr ("recollindex failed: %s (its log: %s)\n", error->message, log);
      return -1;
    }
  g_timer_stop (timer);
  elapsed = g_timer_elapsed (timer, NULL);

  /* Recoll must have indexed every file, or the comparison is void */
  if (!g_file_get_contents (status_file, &status, NULL, NULL)
      || (done = strstr (status, "dbtotdocs = ")) == NULL
      || g_ascii_strtoull (done + strlen ("dbtotdocs = "), NULL, 10) < n_files)
    {
      g_printerr ("recollindex indexed fewer than the %u files (its status: %s)\n",
                  n_files, status_file);
      return -1;
    }
  return elapsed;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static double
median_of (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_array_sort (sorted, desk_test_compare_doubles);
  return n % 2 ? g_array_index (sorted, double, n / 2)
               : (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* One figure over the runs: its best and median MB/s, the fastest and
 * slowest run's seconds, and @note */
static void
report (const char *what,
        double      mb,
        GArray     *seconds,
        const char *note)
{
  g_autoptr(GArray) sorted = g_array_copy (seconds);

  g_array_sort (sorted, desk_test_compare_doubles);
  g_print ("%-24s %7.2f  %7.2f MB/s   (%.1f-%.1f s; %s)\n",
           what, mb / g_array_index (sorted, double, 0), mb / median_of (seconds),
           g_array_index (sorted, double, 0), g_array_index (sorted, double, sorted->len - 1), note);
}

int
main (int    argc,
      char **argv)
{
  const char *mb_env = g_getenv ("DESK_BENCH_MB");
  const char *docs_env = g_getenv ("DESK_BENCH_DOCS");
  const char *runs_env = g_getenv ("DESK_BENCH_RUNS");
  guint n_docs = mb_env ? 0 : docs_env ? g_ascii_strtoull (docs_env, NULL, 10) : 5000;
  gsize target = (mb_env ? g_ascii_strtoull (mb_env, NULL, 10) : 0) * 1024 * 1024;
  guint runs = runs_env ? MAX (1, g_ascii_strtoull (runs_env, NULL, 10)) : 3;
  g_autofree char *tmp = desk_test_make_tmpdir ();
  const char *keep = g_getenv ("DESK_BENCH_CORPUS");
  const char *long_mb_env = g_getenv ("DESK_BENCH_LONG_MB");
  g_autofree char *dir = g_build_filename (keep ? keep : tmp, keep ? NULL : "corpus", NULL);
  g_autofree char *recollindex = g_find_program_in_path ("recollindex");
  g_autoptr(GArray) t_fts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_extract = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_import = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_recoll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *floor_note = NULL;
  g_autofree char *import_note = NULL;
  g_autofree char *extract_note = NULL;
  guint64 n_facts = 0;
  guint n_files;
  double mb;
  gsize bytes;

  g_setenv ("XDG_DATA_HOME", "/nonexistent-dialogue-desk-bench", TRUE);
  g_mkdir_with_parents (dir, 0700);
  bytes = generate (dir, target, n_docs);
  mb = bytes / (1024.0 * 1024.0);
  n_files = count_files (dir);
  g_print ("corpus:                  %u documents, %.1f MB of generated text; runs: %u\n",
           n_files, mb, runs);
  if (recollindex == NULL)
    g_print ("Recoll: recollindex is not installed, so the import is not compared with it;\n"
             "        install Debian's recollcmd (build-aux/quickstart bench does, as root)\n");

  /* Each run takes every figure in turn, so that a busy machine slows
   * them alike; each writes into a new file, removed after it */
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *run_dir = g_strdup_printf ("%s/run-%u", tmp, r);
      g_autofree char *fts_db = g_build_filename (run_dir, "fts.db", NULL);
      g_autofree char *floor_db = g_build_filename (run_dir, "floor.db", NULL);
      g_autofree char *library = g_build_filename (run_dir, "library.db", NULL);
      g_autofree char *confdir = g_build_filename (run_dir, "recoll", NULL);
      g_autoptr(GPtrArray) extracted = g_ptr_array_new_with_free_func (extracted_free);
      double t;

      g_mkdir_with_parents (run_dir, 0700);
      t = bare_fts5 (dir, fts_db);
      g_array_append_val (t_fts, t);
      t = extraction_alone (dir, extracted, &n_facts);
      g_array_append_val (t_extract, t);
      t = design_floor (extracted, floor_db);
      g_array_append_val (t_floor, t);
      g_ptr_array_set_size (extracted, 0);
      t = full_import (dir, library);
      g_array_append_val (t_import, t);
      if (recollindex != NULL)
        {
          double t_r = recoll_index (recollindex, dir, confdir, n_files);

          g_assert_cmpfloat (t_r, >, 0);
          g_array_append_val (t_recoll, t_r);
          t_r /= t;
          g_array_append_val (ratios, t_r);
        }
      desk_test_rm_rf (run_dir);
    }

  g_print ("                            best   median           (fastest-slowest run)\n");
  report ("bare FTS5 insertion:", mb, t_fts, "the baseline");
  extract_note = g_strdup_printf ("one core, %" G_GUINT64_FORMAT " facts", n_facts);
  report ("extraction alone:", mb, t_extract, extract_note);
  floor_note = g_strdup_printf ("%.2f of bare FTS5: documents and facts with FTS5, nothing else",
                                median_of (t_fts) / median_of (t_floor));
  report ("least writes possible:", mb, t_floor, floor_note);
  import_note = g_strdup_printf ("%.2f of bare FTS5: parse, extract, score, index, conflicts",
                                 median_of (t_fts) / median_of (t_import));
  report ("full import:", mb, t_import, import_note);
  if (recollindex != NULL)
    {
      g_autoptr(GArray) sorted = g_array_copy (ratios);

      report ("Recoll (recollindex):", mb, t_recoll, "the target");
      g_array_sort (sorted, desk_test_compare_doubles);
      g_print ("import / Recoll:         %7.2f  %7.2f        (runs %.2f-%.2f; 1.00 or more: the import is at least as fast)\n",
               g_array_index (sorted, double, sorted->len - 1), median_of (ratios),
               g_array_index (sorted, double, 0), g_array_index (sorted, double, sorted->len - 1));
    }
  long_doc (dir, tmp, long_mb_env ? g_ascii_strtoull (long_mb_env, NULL, 10) : 8);

  desk_test_rm_rf (tmp);
  if (recollindex == NULL)
    {
      g_print ("Recoll: not compared, recollindex is not installed (Debian package recollcmd)\n");
      return 77;
    }
  return 0;
}
