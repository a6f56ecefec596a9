/* desk-application.h: the application: one library, windows over it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())
G_DECLARE_FINAL_TYPE (DeskApplication, desk_application, DESK, APPLICATION, GtkApplication)

DeskApplication *desk_application_new (void);

G_END_DECLS
