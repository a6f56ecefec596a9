/* desk-format.h: how the interface writes languages, dates, sizes and messages */
#pragma once

#include <gtk/gtk.h>

#include "desk-fact.h"

G_BEGIN_DECLS

char *desk_format_languages (const char *languages);
char *desk_format_date      (const char *iso_date);
char *desk_format_size      (gint64      size);
char *desk_format_value     (DeskFactKind kind,
                             const char  *value);
const char *desk_format_fact_kind (DeskFactKind kind);
const char *desk_format_modality  (DeskModality modality);
const char *desk_format_fact_color (DeskFactKind kind);
int         desk_format_ui_language (void);
void        desk_format_show_message (GtkWidget      *near,
                                      GtkMessageType  type,
                                      const char     *primary,
                                      const char     *secondary);
void        desk_format_set_sort_key (GtkColumnViewColumn *column,
                                      int                  key);
int         desk_format_get_sort_key (GtkColumnView       *view,
                                      gboolean            *descending);
void        desk_format_scroll_to    (GtkColumnView       *view,
                                      guint                position);
void        desk_format_label_tooltip (GtkWidget          *label);
void        desk_format_set_tooltip  (GtkWidget           *widget,
                                      const char          *text);

G_END_DECLS
