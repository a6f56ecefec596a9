/* desk-structure.h: from normalized blocks to a document with paragraphs,
 * a section outline, a title, a date and its languages */
#pragma once

#include <glib.h>

#include "desk-parsed-document.h"

G_BEGIN_DECLS

DeskParsedDocument *desk_structure_analyze         (GPtrArray     *blocks,
                                                    const char    *title_hint,
                                                    const char    *date_hint);

G_END_DECLS
