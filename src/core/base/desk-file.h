/* desk-file.h: writing a file whole in place of what a path names —
 * through its symbolic links, with the permissions it had — and the
 * temporary files of such writes removed if the program is killed */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct
{
  char *target;     /* the file replaced: the path, or where its links lead */
  char *tmp_path;   /* the temporary file beside it, renamed over it at the end */
  int fd;           /* open on tmp_path for writing */
} DeskReplace;

gboolean desk_replace_begin         (DeskReplace  *replace,
                                     const char   *path,
                                     GError      **error);
gboolean desk_replace_commit        (DeskReplace  *replace,
                                     GError      **error);
void     desk_replace_abort         (DeskReplace  *replace);
gboolean desk_replace_contents      (const char   *path,
                                     const char   *data,
                                     gsize         len,
                                     GError      **error);

void     desk_file_remove_on_signal (void);

G_END_DECLS
