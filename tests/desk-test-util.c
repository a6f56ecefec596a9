/* desk-test-util.c: temporary folders, corpus paths and small files for tests */
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include "desk-importer.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

#define SENTENCES_PER_DOC 6
#define FILES_PER_ROUND 10000

char *
desk_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dialogue-desk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
desk_test_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          desk_test_rm_rf (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
desk_test_write_file (const char *dir,
                      const char *name,
                      const char *contents,
                      gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

const char *
desk_test_corpus_dir (void)
{
  return g_getenv ("DIALOGUE_DESK_CORPUS");
}

gboolean
desk_test_have_corpus (void)
{
  const char *dir = desk_test_corpus_dir ();
  g_autofree char *thesis = NULL;

  if (dir == NULL)
    return FALSE;
  thesis = g_build_filename (dir, "003_afab1f356d31f7a2.txt", NULL);
  return g_file_test (thesis, G_FILE_TEST_EXISTS);
}

char *
desk_test_corpus_file (const char *name)
{
  return g_build_filename (desk_test_corpus_dir (), name, NULL);
}

static void
add_sentences (GPtrArray  *sentences,
               const char *path,
               gsize       max_len)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  g_strdelimit (text, "\n\r\t", ' ');
  parts = g_strsplit (text, ". ", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (strlen (parts[i]) > 40 && strlen (parts[i]) < max_len)
        g_ptr_array_add (sentences, g_strdup_printf ("%s.", parts[i]));
    }
}

/* The sentences of ../shared/corpus and data/samples shorter than
 * @max_len bytes, for the benchmarks' generated documents. */
GPtrArray *
desk_test_corpus_sentences (gsize max_len)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);
  const char *folders[] = { desk_test_corpus_dir (), g_getenv ("DIALOGUE_DESK_SAMPLES_DIR") };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GDir) d = folders[f] ? g_dir_open (folders[f], 0, NULL) : NULL;
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (folders[f], name, NULL);
          if (!g_str_has_suffix (name, "README.md"))
            add_sentences (sentences, path, max_len);
        }
    }
  return sentences;
}

/* A sentence with its digits changed, so that no two documents are alike. */
char *
desk_test_vary_digits (const char *sentence,
                       GRand      *rand)
{
  GString *out = g_string_new (NULL);

  for (const char *p = sentence; *p; p++)
    g_string_append_c (out, g_ascii_isdigit (*p) && g_rand_boolean (rand) ? '0' + g_rand_int_range (rand, 0, 10) : *p);
  return g_string_free (out, FALSE);
}

/* The text of generated document @index: a title, then @n_sentences
 * sentences drawn from @sentences with their figures varied, in
 * paragraphs of three.  The same seed gives the same documents. */
char *
desk_test_generate_text (GPtrArray *sentences,
                         guint      index,
                         guint      n_sentences,
                         GRand     *rand)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Documento %u\n\n", index);
  for (guint s = 0; s < n_sentences; s++)
    {
      g_autofree char *sentence = desk_test_vary_digits (g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len)),
                                                         rand);

      g_string_append (text, sentence);
      g_string_append (text, s % 3 == 2 ? "\n\n" : " ");
    }
  return g_string_free (text, FALSE);
}

/* The one number @sql selects. */
gint64
desk_test_count (DeskStore  *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (desk_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The terms of every word in @table (an FTS5 table in @db), with where
 * they are, one per line (through a vocabulary table made for it) */
char *
desk_test_index_terms (sqlite3    *db,
                       const char *table)
{
  g_autofree char *vocab = g_strdup_printf ("CREATE VIRTUAL TABLE %s_terms USING fts5vocab (%s, 'instance');", table, table);
  g_autofree char *query = g_strdup_printf ("SELECT term, doc, col, offset FROM %s_terms ORDER BY doc, offset, term", table);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_exec (db, vocab, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %lld %s %d\n", sqlite3_column_text (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Imports generated documents, as an officer would (parsed, extracted,
 * scored, indexed), until the library at @library has @n_docs; @tmp is a
 * folder for the files on their way.  The same documents every time. */
void
desk_test_fill_library (const char *library,
                        guint       n_docs,
                        const char *tmp)
{
  g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (400);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autoptr(DeskImporter) importer = desk_importer_new (library);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize bytes = 0;
  gint64 have;

  g_timer_stop (timer);
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
  have = desk_test_count (store, "SELECT count (*) FROM documents");
  g_clear_object (&store);
  /* the same documents whatever was there: skip the random draws of those */
  for (guint d = 0; d < have; d++)
    g_free (desk_test_generate_text (sentences, d, SENTENCES_PER_DOC, rand));

  for (guint first = have; first < n_docs; first += FILES_PER_ROUND)
    {
      g_autofree char *dir = g_build_filename (tmp, "round", NULL);
      const char *paths[] = { dir, NULL };
      g_autoptr(GPtrArray) results = NULL;

      g_mkdir (dir, 0700);
      for (guint d = first; d < MIN (n_docs, first + FILES_PER_ROUND); d++)
        {
          g_autofree char *text = desk_test_generate_text (sentences, d, SENTENCES_PER_DOC, rand);
          g_autofree char *name = g_strdup_printf ("%07u.txt", d);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          bytes += strlen (text);
          g_assert_true (g_file_set_contents (path, text, -1, NULL));
        }
      g_timer_continue (timer);
      results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
      g_timer_stop (timer);
      g_assert_no_error (error);
      desk_test_rm_rf (dir);
      if (isatty (2))
        g_printerr ("bench-gui: %u documents\r", MIN (n_docs, first + FILES_PER_ROUND));
    }
  if (bytes > 0)
    g_print ("generated: %.1f MB imported in %.1f s (%.2f MB/s, parsed, extracted, scored, indexed)\n",
             bytes / 1e6, g_timer_elapsed (timer, NULL), bytes / 1e6 / g_timer_elapsed (timer, NULL));
}


/* For sorting timings: doubles in increasing order. */
int
desk_test_compare_doubles (gconstpointer a,
                           gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Runs the command line on @library with the arguments that follow, up to
 * NULL; returns its exit status (-1 when it did not exit), and what it
 * wrote when @out or @err are given. */
int
desk_test_run_cli (const char  *library,
                   char       **out,
                   char       **err,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
  g_ptr_array_add (argv, "--library");
  g_ptr_array_add (argv, (gpointer) library);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* The rows @sql selects, a line each, columns ended by tabs */
char *
desk_test_query_text (DeskStore  *store,
                      const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (desk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s\t", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The review events of @library, as they were written */
char *
desk_test_review_events (const char *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (library, &error);

  g_assert_no_error (error);
  return desk_test_query_text (store, "SELECT uid, target, field, new_value FROM review_events ORDER BY uid");
}

/* What a library must be after any failure: it opens, passes SQLite's and
 * FTS5's integrity checks, holds every document whole (its paragraphs,
 * sections, words and its facts' words) and every review event of
 * @events_before.  Returns how many documents it holds. */
gint64
desk_test_check_library (const char *library,
                         const char *events_before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (library, &error);
  g_autofree char *check = NULL;
  g_autofree char *events = NULL;
  g_auto(GStrv) lines = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  db = desk_store_get_db (store);

  check = desk_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check');"
                                     "INSERT INTO facts_fts (facts_fts) VALUES ('integrity-check');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM documents d"
                                           " WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.document_id = d.id)"
                                           " OR n_sections != (SELECT count (*) FROM sections s WHERE s.document_id = d.id)"), ==, 0);
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM documents"), ==,
                   desk_test_count (store, "SELECT count (*) FROM documents_fts_docsize"));
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM facts"), ==,
                   desk_test_count (store, "SELECT count (*) FROM facts_fts_docsize"));
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM documents_fts_docsize"
                                           " WHERE id NOT IN (SELECT id FROM documents)"), ==, 0);
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM documents WHERE extractor_version = 0"), ==, 0);

  events = desk_test_query_text (store, "SELECT uid, target, field, new_value FROM review_events ORDER BY uid");
  lines = g_strsplit (events_before, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0')
      g_assert_nonnull (strstr (events, lines[i]));
  return desk_test_count (store, "SELECT count (*) FROM documents");
}

/* The SHA-256 of a file's contents: to tell that it did not change */
char *
desk_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Another program takes the write lock of @library and keeps it @seconds
 * (tests/hold-lock.c); returns once it holds it */
GPid
desk_test_hold_lock (const char *library,
                     guint       seconds)
{
  g_autofree char *helper = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "hold-lock", NULL);
  g_autofree char *duration = g_strdup_printf ("%u", seconds);
  const char *argv[] = { helper, library, duration, NULL };
  g_autoptr(GError) error = NULL;
  char line[16] = "";
  GPid pid;
  int out;
  FILE *stream;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  stream = fdopen (out, "r");
  g_assert_nonnull (fgets (line, sizeof line, stream));
  fclose (stream);
  g_assert_cmpstr (line, ==, "locked\n");
  return pid;
}

/* Waits for a child of desk_test_hold_lock () to end; its exit status */
int
desk_test_wait_child (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}
