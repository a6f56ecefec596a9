/* fuzz-review.c: importing any bytes as a colleague's review file, into a
 * library that holds the sample documents */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "desk-importer.h"
#include "desk-review.h"
#include "fuzz.h"

static DeskStore *store;
static char *dir;
static char *file;

static void
tear_down (void)
{
  const char *names[] = { "library.db", "library.db-wal", "library.db-shm", "review.json" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  const char *samples = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");

  dir = g_dir_make_tmp ("dialogue-desk-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (tear_down);
  library = g_build_filename (dir, "library.db", NULL);
  file = g_build_filename (dir, "review.json", NULL);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  if (samples != NULL)
    {
      g_autoptr(DeskImporter) importer = desk_importer_new (library);
      const char *paths[] = { samples, NULL };
      g_autoptr(GPtrArray) results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DeskReviewImport) result = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    set_up ();
  g_assert (g_file_set_contents (file, (const char *) data, size, NULL));
  result = desk_review_import (store, file, &error);
  g_assert ((result == NULL) != (error == NULL));
  return 0;
}
