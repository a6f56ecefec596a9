/* desk-locale.h: the process's locale and message catalogue, for every entry point */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        desk_locale_init     (void);
const char *desk_locale_language (void);

G_END_DECLS
