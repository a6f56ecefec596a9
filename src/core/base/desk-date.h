/* desk-date.h: the first full date written in a text, as YYYY-MM-DD */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *desk_date_find (const char *text);

G_END_DECLS
