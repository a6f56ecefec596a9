/* desk-drop-down.h: drop-downs of long names that show the chosen one shortened */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void desk_drop_down_shorten (GtkDropDown *dropdown);

G_END_DECLS
