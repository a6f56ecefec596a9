/* desk-language.h: Spanish or English, from function words */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *desk_language_detect (const char *text,
                                  gssize      len);

G_END_DECLS
