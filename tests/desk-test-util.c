/* desk-test-util.c: temporary folders, corpus paths and small files for tests */
#include "config.h"

#include <glib/gstdio.h>

#include "desk-test-util.h"

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
