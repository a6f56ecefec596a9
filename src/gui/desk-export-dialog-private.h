/* desk-export-dialog-private.h: what the export dialog's tests do and read
 * as the officer would: the parts ticked and their order, the language,
 * the export itself without the file chooser */
#pragma once

#include "desk-export-dialog.h"

G_BEGIN_DECLS

void        desk_export_dialog_tick_notes   (DeskExportDialog *self);
guint       desk_export_dialog_get_n_ticked (DeskExportDialog *self);
const char *desk_export_dialog_get_ticked   (DeskExportDialog *self,
                                             guint             position);
void        desk_export_dialog_move         (DeskExportDialog *self,
                                             guint             position,
                                             int               delta);
void        desk_export_dialog_set_language (DeskExportDialog *self,
                                             const char       *language);
void        desk_export_dialog_export_to    (DeskExportDialog *self,
                                             const char       *path);
gboolean    desk_export_dialog_is_exporting (DeskExportDialog *self);

G_END_DECLS
