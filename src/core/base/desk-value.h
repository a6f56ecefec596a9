/* desk-value.h: a fact's normalized value as people read it — money,
 * quantities and percentages written in Spanish or English */
#pragma once

#include <glib.h>

#include "desk-fact.h"

G_BEGIN_DECLS

char    *desk_value_format      (DeskFactKind  kind,
                                 const char   *value,
                                 const char   *language);
gboolean desk_value_is_currency (const char   *code);
gboolean desk_value_is_unit     (const char   *code);

G_END_DECLS
