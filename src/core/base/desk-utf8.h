/* desk-utf8.h: text from outside the program (arguments, files) shown
 * with the bytes that are not UTF-8 spelled out, for the message that
 * refuses it */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *desk_utf8_excerpt (const char *text,
                         gssize      len);

G_END_DECLS
