/* desk-export-dialog.h: choosing what goes into a PDF brief, in which
 * order and how, and exporting it in the background */
#pragma once

#include <gtk/gtk.h>

#include "desk-brief.h"

G_BEGIN_DECLS

#define DESK_TYPE_EXPORT_DIALOG (desk_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskExportDialog, desk_export_dialog, DESK, EXPORT_DIALOG, GtkWindow)

DeskExportDialog *desk_export_dialog_new           (GtkWindow        *parent,
                                                    DeskStore        *store);
void              desk_export_dialog_tick_axis     (DeskExportDialog *self,
                                                    const char       *axis_id);
void              desk_export_dialog_tick_section  (DeskExportDialog *self,
                                                    gint64            document_id,
                                                    int               section);
void              desk_export_dialog_set_fact_filter (DeskExportDialog *self,
                                                      int               kind,
                                                      int               modality,
                                                      gint64            document_id);
void              desk_export_dialog_tick_facts    (DeskExportDialog *self);

G_END_DECLS
