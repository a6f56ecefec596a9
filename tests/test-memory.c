/* test-memory.c: what a long import takes in memory stays near its budget
 * whatever the number of files
 *
 * The command line (a budget of 96 MB besides the program's own) imports
 * near-copies of the thesis, each with a line of its own: one, then a
 * hundred and twenty, then twice as many, each into a new library.  Its
 * peak (the child's ru_maxrss) less the peak of importing one file must
 * stay near the budget, and twice the files must not take more.  Memory
 * under AddressSanitizer is the sanitizer's (shadow and quarantine): the
 * test is skipped there. */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "desk-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* The thesis of the corpus */
#define THESIS "003_afab1f356d31f7a2.txt"
/* The command line's budget (desk_importer_set_memory_budget) */
#define CLI_BUDGET_KB (96 * 1024)
/* The files of the smaller import: enough for the budget's shares of
 * parsed documents to fill up */
#define FEW_FILES 120
/* What the peak may exceed the budget by, for the allocator's headers
 * and what the parser threads hold while they read */
#define OVER_BUDGET_KB (CLI_BUDGET_KB / 4)
/* What twice the files may add to the peak, at most */
#define GROWTH_KB (8 * 1024)

/* Writes @n near-copies of the thesis into a new folder @name of @dir,
 * the line n % lines of copy n with words of its own: each is a new
 * document of the same size */
static char *
write_copies (const char *dir,
              const char *name,
              guint       n)
{
  g_autofree char *thesis = desk_test_corpus_file (THESIS);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  char *folder = g_build_filename (dir, name, NULL);
  guint n_lines;

  g_assert_true (g_file_get_contents (thesis, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      guint changed = (i * 37) % n_lines;
      g_autofree char *original = lines[changed];
      g_autofree char *copy_name = g_strdup_printf ("copy%03u.txt", i);
      g_autofree char *path = g_build_filename (folder, copy_name, NULL);
      g_autofree char *copy = NULL;

      lines[changed] = g_strdup_printf ("%s Variante %u del documento.", original, i);
      copy = g_strjoinv ("\n", lines);
      g_assert_true (g_file_set_contents (path, copy, -1, &error));
      g_assert_no_error (error);
      g_free (lines[changed]);
      lines[changed] = g_steal_pointer (&original);
    }
  return folder;
}

/* The peak resident memory, in KB, of the command line importing
 * @folder into a new library */
static glong
import_peak (const char *dir,
             const char *folder)
{
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (library, "-wal", NULL);
  g_autofree char *shm = g_strconcat (library, "-shm", NULL);
  const char *argv[] = { g_getenv ("DIALOGUE_DESK_CLI"), "--library", library, "import", folder, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage = { 0 };
  GPid pid;
  int status;

  g_unlink (library);
  g_unlink (wal);
  g_unlink (shm);
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return usage.ru_maxrss;
}

static void
test_import_peak (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *one = NULL;
  g_autofree char *few = NULL;
  g_autofree char *many = NULL;
  glong one_peak, few_peak, many_peak;

#ifdef UNDER_ASAN
  g_test_skip ("memory under AddressSanitizer is the sanitizer's");
  return;
#endif
  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not there");
      return;
    }

  dir = desk_test_make_tmpdir ();
  one = write_copies (dir, "one", 1);
  few = write_copies (dir, "few", FEW_FILES);
  many = write_copies (dir, "many", 2 * FEW_FILES);

  one_peak = import_peak (dir, one);
  few_peak = import_peak (dir, few);
  many_peak = import_peak (dir, many);
  g_test_message ("peak of 1 file %ld KB, of %u files %ld KB, of %u files %ld KB",
                  one_peak, FEW_FILES, few_peak, 2 * FEW_FILES, many_peak);

  /* near the budget besides what one file takes (the program's own) */
  g_assert_cmpint (many_peak - one_peak, <=, CLI_BUDGET_KB + OVER_BUDGET_KB);
  /* and no more with more files */
  g_assert_cmpint (many_peak, <=, few_peak + GROWTH_KB);

  desk_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/import-peak", test_import_peak);

  return g_test_run ();
}
