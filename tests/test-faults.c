/* test-faults.c: a full disk and a read-only library.  The library lives
 * on a small tmpfs mounted in a mount namespace of the test's own (root,
 * or an unprivileged user namespace where the system allows it); import,
 * review and export there must fail with a clear message and lose nothing.
 * And a library another program is writing: waited for, saying so. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "desk-store.h"
#include "desk-test-util.h"

#define TMPFS_SIZE "6m"

static const char *no_namespace;   /* why the tests cannot run, or NULL */

typedef struct
{
  char *dir;            /* outside the tmpfs */
  char *mount;          /* the tmpfs */
  char *library;
  char *docs;           /* documents to import, outside the tmpfs */
  char *events;         /* the review events of the library at the start */
  char *uid;            /* a fact of the library */
} Fixture;

/* A mount namespace of the test's own, so that its mounts are nobody
 * else's; before any thread starts. */
static void
enter_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
          !g_file_set_contents ("/proc/self/setgroups", "deny", -1, NULL) ||
          !g_file_set_contents ("/proc/self/uid_map", uid_map, -1, NULL) ||
          !g_file_set_contents ("/proc/self/gid_map", gid_map, -1, NULL))
        {
          no_namespace = "mounting a small tmpfs needs root or user namespaces";
          return;
        }
    }
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    no_namespace = "the test's mounts cannot be made private";
}

/* Leaves @free_bytes free on the tmpfs, in a file named "filler" */
static void
fill_disk (Fixture *f,
           gsize    free_bytes)
{
  g_autofree char *filler = g_build_filename (f->mount, "filler", NULL);
  g_autoptr(GFile) disk = g_file_new_for_path (f->mount);
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (disk, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  guint64 available;
  int fd;

  g_assert_nonnull (info);
  available = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  g_assert_cmpuint (available, >, free_bytes);
  fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (posix_fallocate (fd, 0, available - free_bytes), ==, 0);
  close (fd);
}

static void
empty_disk (Fixture *f)
{
  g_autofree char *filler = g_build_filename (f->mount, "filler", NULL);

  g_unlink (filler);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autofree char *uids = NULL;

  if (no_namespace != NULL)
    return;
  f->dir = desk_test_make_tmpdir ();
  f->mount = g_build_filename (f->dir, "disk", NULL);
  f->library = g_build_filename (f->mount, "library.db", NULL);
  f->docs = g_build_filename (f->dir, "documents", NULL);
  g_assert_cmpint (g_mkdir (f->mount, 0700), ==, 0);
  g_assert_cmpint (mount ("tmpfs", f->mount, "tmpfs", 0, "size=" TMPFS_SIZE), ==, 0);

  /* documents to import later: more than the disk can take when full */
  g_mkdir (f->docs, 0700);
  sentences = desk_test_corpus_sentences (400);
  for (guint d = 0; d < 30; d++)
    {
      g_autofree char *text = desk_test_generate_text (sentences, d, 12, rand);
      g_autofree char *name = g_strdup_printf ("%03u.txt", d);

      g_free (desk_test_write_file (f->docs, name, text, -1));
    }

  /* a library with the samples and a review session */
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL), ==, 0);
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    uids = desk_test_query_text (store, "SELECT uid FROM facts ORDER BY id LIMIT 1");
  }
  f->uid = g_strndup (uids, strlen (uids) - 2);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "review", "start", "Antes", "--reviewer", "Ana Torres", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "fact", "set", f->uid, "note", "Cifra por confirmar", NULL), ==, 0);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "review", "end", NULL), ==, 0);
  f->events = desk_test_review_events (f->library);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (no_namespace != NULL)
    return;
  g_assert_cmpint (umount (f->mount), ==, 0);
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->mount);
  g_free (f->library);
  g_free (f->docs);
  g_free (f->events);
  g_free (f->uid);
}

static gboolean
skipped (void)
{
  if (no_namespace != NULL)
    g_test_skip (no_namespace);
  return no_namespace != NULL;
}

static void
test_full_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  gint64 before;

  if (skipped ())
    return;
  before = desk_test_check_library (f->library, f->events);
  fill_disk (f, 64 * 1024);

  g_assert_cmpint (desk_test_run_cli (f->library, &out, &err, "import", f->docs, NULL), ==, 1);
  g_test_message ("%s", err);
  /* the document it stopped at and why, then the rest at once */
  g_assert_nonnull (strstr (err, "was not imported: The disk holding the library"));
  g_assert_nonnull (strstr (err, f->library));
  g_assert_nonnull (strstr (err, "The import stopped;"));
  g_assert_cmpint (desk_test_check_library (f->library, f->events), >=, before);

  /* with room again, the same import completes */
  empty_disk (f);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "import", f->docs, NULL), ==, 0);
  g_assert_cmpint (desk_test_check_library (f->library, f->events), ==, before + 30);
}

static void
test_full_review (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *review = g_build_filename (f->dir, "review.json", NULL);
  g_autofree char *state_before = NULL;
  g_autofree char *state_after = NULL;

  if (skipped ())
    return;
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "review", "export", review, NULL), ==, 0);
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    state_before = desk_test_query_text (store, "SELECT * FROM review_state ORDER BY 1, 2");
  }
  fill_disk (f, 0);

  {
    g_autofree char *err = NULL;

    g_assert_cmpint (desk_test_run_cli (f->library, NULL, &err, "fact", "set", f->uid, "status", "approved", NULL), !=, 0);
    g_assert_nonnull (strstr (err, "is full"));
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (desk_test_run_cli (f->library, NULL, &err, "review", "start", "Llena", NULL), !=, 0);
    g_assert_nonnull (strstr (err, "is full"));
  }
  /* it is still read, as it is, and nothing changed */
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);

    g_assert_true (desk_store_is_disk_full (store));
    state_after = desk_test_query_text (store, "SELECT * FROM review_state ORDER BY 1, 2");
  }
  g_assert_cmpstr (state_before, ==, state_after);

  /* the review file is written outside the full disk; writing it onto it fails */
  {
    g_autofree char *err = NULL;
    g_autofree char *onto = g_build_filename (f->mount, "review.json", NULL);

    g_assert_cmpint (desk_test_run_cli (f->library, NULL, &err, "review", "export", onto, NULL), !=, 0);
    g_assert_nonnull (strstr (err, onto));
    g_assert_false (g_file_test (onto, G_FILE_TEST_EXISTS));
  }
  empty_disk (f);
  desk_test_check_library (f->library, f->events);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "fact", "set", f->uid, "status", "approved", NULL), ==, 0);
}

static void
test_full_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->mount, "brief.pdf", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (skipped ())
    return;
  fill_disk (f, 4 * 1024);
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, &err, "export-pdf", "--out", pdf,
                                      "--axis", "pe-us.security", "--axis", "pe-us.economy", NULL), !=, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, pdf));
  g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
  /* no brief, whole or half, and no file of its making left behind */
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->mount, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "brief.pdf"));
  empty_disk (f);
  desk_test_check_library (f->library, f->events);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "brief.pdf", NULL);
  g_autofree char *review = g_build_filename (f->dir, "review.json", NULL);

  if (skipped ())
    return;
  g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "review", "export", review, NULL), ==, 0);
  g_assert_cmpint (mount (NULL, f->mount, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  before = desk_test_file_checksum (f->library);

  /* it is read, searched and exported */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (desk_test_run_cli (f->library, &out, NULL, "documents", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Gabinete Binacional"));
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (desk_test_run_cli (f->library, &out, NULL, "search", "comercio", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Acuerdo de Promoción"));
    g_assert_cmpint (desk_test_run_cli (f->library, NULL, NULL, "export-pdf", "--out", pdf, "--axis", "pe-us.economy", NULL), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }

  /* every change is refused, saying why */
  {
    const char *changes[][6] = {
      { "import", f->docs, NULL },
      { "fact", "set", f->uid, "status", "rejected", NULL },
      { "review", "start", "Sólo lectura", NULL },
      { "review", "import", review, NULL },
      { "axes", "assign", "pe-us.economy", f->uid, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      {
        g_autofree char *err = NULL;
        int status = desk_test_run_cli (f->library, NULL, &err, changes[i][0], changes[i][1], changes[i][2],
                                        changes[i][3], changes[i][4], changes[i][5], NULL);

        g_test_message ("%s: %s", changes[i][0], err);
        g_assert_cmpint (status, !=, 0);
        g_assert_nonnull (strstr (err, "is read-only"));
      }
  }

  /* no library can be made there either */
  {
    g_autofree char *err = NULL;
    g_autofree char *other = g_build_filename (f->mount, "other.db", NULL);

    g_assert_cmpint (desk_test_run_cli (other, NULL, &err, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL), !=, 0);
    g_assert_nonnull (strstr (err, "cannot be written"));
  }

  after = desk_test_file_checksum (f->library);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mount (NULL, f->mount, NULL, MS_REMOUNT, NULL), ==, 0);
  desk_test_check_library (f->library, f->events);
}

/* Runs the command line on @library in @language with the arguments that
 * follow, up to NULL; its exit status, and what it wrote on stderr */
static int
run_cli_in (const char  *language,
            const char  *library,
            char       **err,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", language, TRUE);
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
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* Longer than a write used to wait before it gave up (5 s), and than a
 * batch of an import and its first document used to wait together */
#define LOCK_SECONDS 12

/* Another program holds the library's write lock: an import and a review
 * change wait for it, say so in the officer's language, and lose nothing */
static void
test_busy_library (void)
{
  g_autofree char *dir = desk_test_make_tmpdir ();
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *docs = g_build_filename (dir, "documents", NULL);
  g_autofree char *uids = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *waiting = NULL;
  g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (400);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  gint64 before;

  g_assert_cmpint (desk_test_run_cli (library, NULL, NULL, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL), ==, 0);
  before = desk_test_check_library (library, "");
  g_mkdir (docs, 0700);
  for (guint d = 0; d < 30; d++)
    {
      g_autofree char *text = desk_test_generate_text (sentences, d, 12, rand);
      g_autofree char *name = g_strdup_printf ("%03u.txt", d);

      g_free (desk_test_write_file (docs, name, text, -1));
    }

  /* an import: every document waits, none is dropped */
  {
    g_autofree char *err = NULL;
    GPid holder = desk_test_hold_lock (library, LOCK_SECONDS);
    int status = run_cli_in ("en", library, &err, "import", docs, NULL);

    g_test_message ("%s", err);
    g_assert_cmpint (desk_test_wait_child (holder), ==, 0);
    g_assert_cmpint (status, ==, 0);
    waiting = g_strdup_printf ("Waiting for the library “%s”: it is in use by another program…\n", library);
    g_assert_nonnull (strstr (err, waiting));
    g_assert_nonnull (strstr (err, "30 added, 0 already in the library, 0 failed"));
    g_assert_cmpint (desk_test_check_library (library, ""), ==, before + 30);
  }

  /* a review change, in Spanish */
  {
    g_autoptr(DeskStore) store = desk_store_open (library, NULL);

    uids = desk_test_query_text (store, "SELECT uid FROM facts ORDER BY id LIMIT 1");
    uid = g_strndup (uids, strlen (uids) - 2);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *status = NULL;
    GPid holder = desk_test_hold_lock (library, LOCK_SECONDS / 2);
    int exit_status = run_cli_in ("es", library, &err, "fact", "set", uid, "status", "approved", NULL);
    g_autoptr(DeskStore) store = NULL;

    g_test_message ("%s", err);
    g_assert_cmpint (desk_test_wait_child (holder), ==, 0);
    g_assert_cmpint (exit_status, ==, 0);
    g_assert_nonnull (strstr (err, "Esperando a la biblioteca"));
    g_assert_nonnull (strstr (err, library));
    store = desk_store_open (library, NULL);
    status = desk_test_query_text (store, "SELECT value FROM review_state WHERE field = 'status'");
    g_assert_cmpstr (status, ==, "approved\t\n");
  }
  desk_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  enter_namespace ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/faults/full-disk-import", Fixture, NULL, fixture_set_up, test_full_import, fixture_tear_down);
  g_test_add ("/faults/full-disk-review", Fixture, NULL, fixture_set_up, test_full_review, fixture_tear_down);
  g_test_add ("/faults/full-disk-export", Fixture, NULL, fixture_set_up, test_full_export, fixture_tear_down);
  g_test_add ("/faults/read-only-library", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add_func ("/faults/busy-library", test_busy_library);

  return g_test_run ();
}
