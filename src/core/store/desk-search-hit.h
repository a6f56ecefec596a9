/* desk-search-hit.h: one ranked document found by a full-text search */
#pragma once

#include <glib-object.h>

#include "desk-stemmer.h"

G_BEGIN_DECLS

#define DESK_TYPE_SEARCH_HIT (desk_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (DeskSearchHit, desk_search_hit, DESK, SEARCH_HIT, GObject)

/* Marks around highlighted terms in the raw snippet that SQLite returns. */
#define DESK_SEARCH_MARK_OPEN  "\xee\x80\x80" /* U+E000 */
#define DESK_SEARCH_MARK_CLOSE "\xee\x80\x81" /* U+E001 */

DeskSearchHit *desk_search_hit_new                (gint64      document_id,
                                                   const char *uid,
                                                   const char *title,
                                                   const char *language,
                                                   const char *marked_snippet,
                                                   double      rank);
gint64         desk_search_hit_get_document_id    (DeskSearchHit *self);
const char    *desk_search_hit_get_uid            (DeskSearchHit *self);
const char    *desk_search_hit_get_title          (DeskSearchHit *self);
const char    *desk_search_hit_get_language       (DeskSearchHit *self);
const char    *desk_search_hit_get_snippet        (DeskSearchHit *self);
const GArray  *desk_search_hit_get_highlights     (DeskSearchHit *self);
char          *desk_search_hit_dup_snippet_markup (DeskSearchHit *self);
double         desk_search_hit_get_rank           (DeskSearchHit *self);

G_END_DECLS
