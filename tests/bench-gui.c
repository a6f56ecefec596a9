/* bench-gui.c: the window on a large library — time to its first frame,
 * to the Facts view, to the last fact and the last document, and peak
 * memory — next to the same window on an empty library, measured in the
 * same run, and then to the Axes view; then, on a copy of the large
 * library, the window imports a folder of new documents while it shows
 * the library: how long until they are in, and peak memory.  Needs a
 * display (meson runs it under xvfb-run).
 *
 * DESK_BENCH_DOCS sets the number of documents (100,000 by default, as in
 * DESIGN.md's targets); DESK_BENCH_LIBRARY keeps the generated library at
 * that path and uses it again on later runs, since making it takes a
 * while.  The documents mix sentences of ../shared/corpus and
 * data/samples with their figures varied, imported as an officer would:
 * parsed, extracted, scored and indexed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "desk-importer.h"
#include "desk-store.h"
#include "desk-test-util.h"


typedef struct
{
  double wall_first_frame;  /* ms from starting the process */
  double facts_view;        /* ms, as the window reports them */
  double last_fact;
  double last_document;
  double axes_view;
  double import;            /* ms, when asked for */
  double peak_mb;
} Run;

/* What the window imports into the large library: documents of a news
 * article's length, not the library's own short ones */
#define IMPORT_DOCS 300
#define IMPORT_SENTENCES 60

static double
read_ms (const char *line,
         const char *step)
{
  g_autofree char *prefix = g_strdup_printf ("timing: %s ", step);

  return g_str_has_prefix (line, prefix) ? g_ascii_strtod (line + strlen (prefix), NULL) : -1;
}

/* Starts the window on @library (tests/timed-window.c) and reads what
 * it reports. */
static Run
run_window (const char *gui,
            const char *library,
            const char *import)
{
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { gui, "--library", library, import ? "--import" : NULL, import, NULL };
  GError *error = NULL;
  GPid pid;
  int err_fd;
  FILE *err;
  char line[1024];
  struct rusage usage;
  int status;
  Run run = { -1, -1, -1, -1, -1, -1, -1 };
  gint64 start = g_get_monotonic_time ();

  /* no session bus to wait for, no accessibility bus */
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, NULL, &err_fd, &error))
    g_error ("bench-gui: cannot start %s: %s", gui, error->message);
  err = fdopen (err_fd, "r");
  while (fgets (line, sizeof line, err) != NULL)
    {
      double ms;

      if (read_ms (line, "first frame") >= 0)
        run.wall_first_frame = (g_get_monotonic_time () - start) / 1000.0;
      if ((ms = read_ms (line, "facts view")) >= 0)
        run.facts_view = ms;
      if ((ms = read_ms (line, "last fact")) >= 0)
        run.last_fact = ms;
      if ((ms = read_ms (line, "last document")) >= 0)
        run.last_document = ms;
      if ((ms = read_ms (line, "axes view")) >= 0)
        run.axes_view = ms;
      if ((ms = read_ms (line, "import")) >= 0)
        run.import = ms;
    }
  fclose (err);
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  run.peak_mb = usage.ru_maxrss / 1024.0;
  return run;
}

static void
print_run (const char *what,
           const Run  *run)
{
  g_print ("%-26s first frame %5.0f ms  Facts view %4.0f ms  last fact %4.0f ms  last document %4.0f ms  Axes view %4.0f ms  peak memory %5.1f MB\n",
           what, run->wall_first_frame, run->facts_view, run->last_fact, run->last_document, run->axes_view, run->peak_mb);
}

int
main (int    argc,
      char **argv)
{
  const char *env_docs = g_getenv ("DESK_BENCH_DOCS");
  const char *kept = g_getenv ("DESK_BENCH_LIBRARY");
  const char *gui = g_getenv ("DIALOGUE_DESK_TIMED_WINDOW");
  guint n_docs = env_docs ? (guint) g_ascii_strtoull (env_docs, NULL, 10) : 100000;
  g_autofree char *tmp = desk_test_make_tmpdir ();
  g_autofree char *empty = g_build_filename (tmp, "empty.db", NULL);
  g_autofree char *library = kept ? g_strdup (kept) : g_build_filename (tmp, "library.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Run base, large;

  if (gui == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("bench-gui: needs DIALOGUE_DESK_TIMED_WINDOW and a display\n");
      return 77;
    }
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  desk_test_fill_library (library, n_docs, tmp);
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
  g_print ("library: %" G_GINT64_FORMAT " documents, %" G_GINT64_FORMAT " facts, %.0f MB on disk\n",
           desk_test_count (store, "SELECT count (*) FROM documents"), desk_test_count (store, "SELECT count (*) FROM facts"),
           desk_test_count (store, "SELECT page_count * page_size FROM pragma_page_count (), pragma_page_size ()") / 1e6);
  g_clear_object (&store);

  /* a warm start for both: the first run of a process pays for font caches */
  run_window (gui, empty, NULL);
  base = run_window (gui, empty, NULL);
  large = run_window (gui, library, NULL);
  print_run ("baseline, empty library:", &base);
  print_run ("large library:", &large);

  /* new documents imported with the window open, into a copy (the kept
   * library stays as it was) */
  {
    g_autofree char *copy = g_build_filename (tmp, "import.db", NULL);
    g_autofree char *folder = g_build_filename (tmp, "import", NULL);
    g_autoptr(GFile) from = g_file_new_for_path (library);
    g_autoptr(GFile) to = g_file_new_for_path (copy);
    g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (400);
    g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
    gsize bytes = 0;
    Run imported;

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
    g_mkdir (folder, 0700);
    for (guint d = 0; d < IMPORT_DOCS; d++)
      {
        g_autofree char *text = desk_test_generate_text (sentences, 1000000 + d, IMPORT_SENTENCES, rand);
        g_autofree char *name = g_strdup_printf ("new-%03u.txt", d);
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_assert_true (g_file_set_contents (path, text, -1, NULL));
        bytes += strlen (text);
      }
    imported = run_window (gui, copy, folder);
    g_print ("import with the window open: %u documents (%.1f MB) in %.0f ms, peak memory %.1f MB\n",
             IMPORT_DOCS, bytes / (1024.0 * 1024.0), imported.import, imported.peak_mb);
  }
  g_print ("target: first frame in under 1 s with 100,000 documents, memory under 300 MB\n");

  /* a kept library lives elsewhere */
  desk_test_rm_rf (tmp);
  return 0;
}
