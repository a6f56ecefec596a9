/* desk-review-export.h: asking where to write a review session's file, and writing it */
#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Called with the path a review file was written to. */
typedef void (*DeskReviewExportedFunc) (const char *path,
                                        gpointer    user_data);

void desk_review_export_with_chooser (GtkWindow              *parent,
                                      DeskStore              *store,
                                      gint64                  session_id,
                                      const char             *file_name,
                                      DeskReviewExportedFunc  done,
                                      gpointer                user_data);

G_END_DECLS
