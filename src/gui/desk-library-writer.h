/* desk-library-writer.h: the window's changes to the library, made at once
 * when it is free, else in a thread that waits while another program
 * writes it: the window's main thread never waits for the library */
#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Makes a change on @store: the window's own in its main thread, or one
 * of a worker thread's; touches no widget */
typedef gboolean (*DeskWriteFunc) (DeskStore  *store,
                                   gpointer    data,
                                   GError    **error);

/* Told in the main thread once the change is made (@error NULL) or has
 * failed; @waited when it had to wait for the library */
typedef void (*DeskWrittenFunc) (gpointer      data,
                                 gboolean      waited,
                                 const GError *error);

#define DESK_TYPE_LIBRARY_WRITER (desk_library_writer_get_type ())
G_DECLARE_FINAL_TYPE (DeskLibraryWriter, desk_library_writer, DESK, LIBRARY_WRITER, GObject)

DeskLibraryWriter *desk_library_writer_new        (DeskStore         *store);
gboolean           desk_library_writer_run        (DeskLibraryWriter *self,
                                                   DeskWriteFunc      write,
                                                   DeskWrittenFunc    written,
                                                   gpointer           data,
                                                   GDestroyNotify     destroy);
gboolean           desk_library_writer_is_waiting (DeskLibraryWriter *self);
void               desk_library_writer_cancel     (DeskLibraryWriter *self);

G_END_DECLS
