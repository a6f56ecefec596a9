/* test-crash.c: the command line killed at random moments of an import, a
 * review import and an export leaves a library that opens, passes SQLite's
 * and FTS5's integrity checks, holds every document whole or not at all,
 * and keeps every review event committed before.
 *
 * The moments are drawn from a seeded generator; the seed is printed, and
 * DESK_CRASH_SEED replays a run. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "desk-store.h"
#include "desk-test-util.h"

/* several transactions of import (200 documents each) */
#define N_DOCUMENTS 450
#define SENTENCES_PER_DOCUMENT 15

typedef struct
{
  char *dir;
  char *docs;           /* the folder to import */
  char *library;
  GRand *rand;
} Fixture;

/* Starts the command line with @args and kills it after @delay_ms, unless
 * it ended before.  Returns whether it was killed. */
static gboolean
run_and_kill (const char * const *args,
              guint               delay_ms)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + delay_ms * 1000;
  GPid pid;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);

  while (g_get_monotonic_time () < deadline)
    {
      if (waitpid (pid, &wait_status, WNOHANG) == pid)
        {
          g_spawn_close_pid (pid);
          return FALSE;
        }
      g_usleep (2000);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFSIGNALED (wait_status);
}

/* How long the command line takes for @args, in ms, run whole */
static guint
run_whole (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gint64 start = g_get_monotonic_time ();
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  return (g_get_monotonic_time () - start) / 1000;
}

/* A closed library is one file: its log is folded in when the last
 * connection closes */
static void
copy_library (const char *from,
              const char *to)
{
  g_autofree char *wal = g_strconcat (from, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (to, i == 0 ? "-wal" : "-shm", NULL);
      g_unlink (side);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (400);
  const char *seed_env = g_getenv ("DESK_CRASH_SEED");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();

  g_test_message ("seed %u (DESK_CRASH_SEED=%u replays it)", seed, seed);
  f->rand = g_rand_new_with_seed (seed);
  f->dir = desk_test_make_tmpdir ();
  f->docs = g_build_filename (f->dir, "documents", NULL);
  f->library = g_build_filename (f->dir, "library.db", NULL);
  g_mkdir (f->docs, 0700);
  g_assert_cmpuint (sentences->len, >, 10);
  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *text = desk_test_generate_text (sentences, d, SENTENCES_PER_DOCUMENT, f->rand);
      g_autofree char *name = g_strdup_printf ("%04u.txt", d);

      g_free (desk_test_write_file (f->docs, name, text, -1));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->docs);
  g_free (f->library);
  g_rand_free (f->rand);
}

/* Uids of some facts of the library, for review */
static GPtrArray *
some_fact_uids (const char *library,
                guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (library, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT uid FROM facts ORDER BY id LIMIT %u", n);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  text = desk_test_query_text (store, sql);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (uids, g_strndup (lines[i], strlen (lines[i]) - 1));
  return uids;
}

/* A library with a few documents and a review session of some of their facts */
static void
prepare_reviewed_library (Fixture    *f,
                          const char *library)
{
  g_autofree char *first = g_build_filename (f->docs, "0000.txt", NULL);
  g_autofree char *second = g_build_filename (f->docs, "0001.txt", NULL);
  g_autoptr(GPtrArray) uids = NULL;

  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "import", first, second, NULL), ==, 0);
  uids = some_fact_uids (library, 4);
  g_assert_cmpuint (uids->len, ==, 4);
  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "review", "start", "Antes del corte", "--reviewer", "Ana Torres", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "fact", "set", uids->pdata[0], uids->pdata[1], "status", "approved", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "fact", "set", uids->pdata[2], "status", "rejected", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "fact", "set", uids->pdata[3], "note", "Cifra por confirmar", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "review", "end", NULL), ==, 0);
}

static void
test_kill_import (Fixture       *f,
                  gconstpointer  data)
{
  const char *args[] = { "--library", f->library, "import", f->docs, NULL };
  g_autofree char *events = NULL;
  gint64 documents = 0;
  guint killed = 0;

  g_autofree char *before = g_build_filename (f->dir, "before.db", NULL);
  guint duration;

  prepare_reviewed_library (f, f->library);
  events = desk_test_review_events (f->library);
  g_assert_cmpstr (events, !=, "");
  copy_library (f->library, before);
  duration = run_whole (args);
  g_assert_cmpint (desk_test_check_library (f->library, events), ==, N_DOCUMENTS);

  /* at any moment of a whole import, each time from the library before it */
  for (guint round = 0; round < 12; round++)
    {
      guint delay = g_rand_int_range (f->rand, 0, duration + 1);

      copy_library (before, f->library);
      if (run_and_kill (args, delay))
        killed++;
      documents = desk_test_check_library (f->library, events);
      g_test_message ("round %u: killed after %u ms of %u, %" G_GINT64_FORMAT " documents", round, delay, duration, documents);
    }
  g_assert_cmpuint (killed, >, 0);

  /* a second import completes the library; what was committed stays */
  for (guint round = 0; round < 3; round++)
    {
      gint64 now;

      run_and_kill (args, g_rand_int_range (f->rand, 0, duration + 1));
      now = desk_test_check_library (f->library, events);
      g_assert_cmpint (now, >=, documents);
      documents = now;
    }

  /* an import run to its end afterwards completes the library */
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", f->docs, NULL), ==, 0);
  g_assert_cmpint (desk_test_check_library (f->library, events), ==, N_DOCUMENTS);
}

static void
test_kill_review_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *colleague = g_build_filename (f->dir, "colleague.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "review.json", NULL);
  g_autofree char *before = g_build_filename (f->dir, "before.db", NULL);
  g_autofree char *events = NULL;
  guint duration;
  g_autoptr(GPtrArray) uids = NULL;
  const char *args[] = { "--library", f->library, "review", "import", file, NULL };
  g_autoptr(GPtrArray) set = g_ptr_array_new ();
  guint killed = 0;

  /* the same documents in a colleague's library, most facts reviewed there */
  prepare_reviewed_library (f, f->library);
  g_assert_cmpint (desk_test_run_cli (colleague, NULL, NULL, "import", f->docs, NULL), ==, 0);
  uids = some_fact_uids (colleague, 5000);
  g_assert_cmpint (desk_test_run_cli (colleague, NULL, NULL, "review", "start", "Colega", "--reviewer", "Luis Paz", NULL), ==, 0);
  g_ptr_array_add (set, "fact");
  g_ptr_array_add (set, "set");
  for (guint i = 0; i < uids->len; i++)
    g_ptr_array_add (set, uids->pdata[i]);
  g_ptr_array_add (set, "status");
  g_ptr_array_add (set, "approved");
  g_ptr_array_add (set, NULL);
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    int wait_status = 0;

    g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
    g_ptr_array_add (argv, "--library");
    g_ptr_array_add (argv, colleague);
    for (guint i = 0; i < set->len; i++)
      g_ptr_array_add (argv, set->pdata[i]);
    g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &wait_status, NULL));
    g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  }
  g_assert_cmpint (desk_test_run_cli (colleague, NULL, NULL, "review", "end", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (colleague, NULL, NULL, "review", "export", file, NULL), ==, 0);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* the library imports the documents too, then the review: killed at a
   * moment of its whole length, each time from the library before it */
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", f->docs, NULL), ==, 0);
  events = desk_test_review_events (f->library);
  copy_library (f->library, before);
  duration = run_whole (args);
  desk_test_check_library (f->library, events);
  {
    /* it brings the colleague's events in: all but the one this library
     * rejected before, which it keeps */
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM review_state WHERE field = 'status' AND value = 'approved'"), ==, uids->len - 1);
  }

  for (guint round = 0; round < 8; round++)
    {
      guint delay = g_rand_int_range (f->rand, 0, duration + 1);

      copy_library (before, f->library);
      if (run_and_kill (args, delay))
        killed++;
      desk_test_check_library (f->library, events);
      g_test_message ("round %u: killed after %u ms of %u", round, delay, duration);
    }
  g_assert_cmpuint (killed, >, 0);
}

static void
test_kill_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "brief.pdf", NULL);
  g_autofree char *events = NULL;
  g_autofree char *before = NULL;
  const char *args[] = { "--library", f->library, "export-pdf", "--out", pdf, "--axis", "pe-us.security",
                         "--axis", "pe-us.economy", "--notes", NULL };
  guint killed = 0, duration;

  prepare_reviewed_library (f, f->library);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", f->docs, NULL), ==, 0);
  events = desk_test_review_events (f->library);
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    before = desk_test_query_text (store, "SELECT id, uid, title, length (text) FROM documents ORDER BY id");
  }

  duration = run_whole (args);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  for (guint round = 0; round < 8; round++)
    {
      guint delay = g_rand_int_range (f->rand, 0, duration + 1);

      g_unlink (pdf);
      if (run_and_kill (args, delay))
        killed++;
      desk_test_check_library (f->library, events);
      /* a brief is there whole, or not at all */
      if (g_file_test (pdf, G_FILE_TEST_EXISTS))
        {
          g_autofree char *contents = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
          g_assert_nonnull (g_strrstr_len (contents + (len > 1024 ? len - 1024 : 0), MIN (len, 1024), "%%EOF"));
        }
      g_test_message ("round %u: killed after %u ms of %u", round, delay, duration);
    }
  g_assert_cmpuint (killed, >, 0);
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    g_autofree char *after = desk_test_query_text (store, "SELECT id, uid, title, length (text) FROM documents ORDER BY id");
    g_assert_cmpstr (before, ==, after);
  }
}

/* Whether @dir holds a temporary file of @name ("brief.pdf.AbC123") */
static gboolean
has_temporary (const char *dir,
               const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (name, ".", NULL);
  const char *entry;

  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix))
      return TRUE;
  return FALSE;
}

/* An export stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP while it
 * writes its temporary file leaves neither that file nor a changed
 * brief behind, and the program still ends by that signal */
static void
test_signal_export (Fixture       *f,
                    gconstpointer  data)
{
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  g_autofree char *pdf = g_build_filename (f->dir, "brief.pdf", NULL);
  g_autofree char *before = NULL;
  const char *args[] = { g_getenv ("DIALOGUE_DESK_CLI"), "--library", f->library, "export-pdf", "--out", pdf,
                         "--axis", "pe-us.security", "--axis", "pe-us.economy", "--notes", NULL };
  gsize len;

  prepare_reviewed_library (f, f->library);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", f->docs, NULL), ==, 0);
  g_assert_true (g_file_set_contents (pdf, "the brief before", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      gboolean caught = FALSE;
      int wait_status;
      GPid pid;

      g_assert_true (g_spawn_async (NULL, (char **) args, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      /* the second pass writes the temporary file: stop it then */
      while (g_get_monotonic_time () < deadline)
        {
          if (has_temporary (f->dir, "brief.pdf"))
            {
              kill (pid, signals[i]);
              caught = TRUE;
              break;
            }
          if (waitpid (pid, &wait_status, WNOHANG) == pid)
            break;
          g_usleep (500);
        }
      if (caught)
        g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (caught);
      g_assert_true (WIFSIGNALED (wait_status));
      g_assert_cmpint (WTERMSIG (wait_status), ==, signals[i]);
      g_assert_false (has_temporary (f->dir, "brief.pdf"));
      g_assert_true (g_file_get_contents (pdf, &before, &len, NULL));
      g_assert_cmpstr (before, ==, "the brief before");
      g_clear_pointer (&before, g_free);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash/kill-import", Fixture, NULL, fixture_set_up, test_kill_import, fixture_tear_down);
  g_test_add ("/crash/kill-review-import", Fixture, NULL, fixture_set_up, test_kill_review_import, fixture_tear_down);
  g_test_add ("/crash/kill-export", Fixture, NULL, fixture_set_up, test_kill_export, fixture_tear_down);
  g_test_add ("/crash/signal-export", Fixture, NULL, fixture_set_up, test_signal_export, fixture_tear_down);

  return g_test_run ();
}
