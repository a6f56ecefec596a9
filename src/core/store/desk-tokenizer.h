/* desk-tokenizer.h: the library's FTS5 tokenizer and ranking function,
 * and the FTS5 query of what an officer types */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "desk-stemmer.h"

G_BEGIN_DECLS

void         desk_tokenizer_replay       (DeskTokens   *tokens,
                                          gint64        start,
                                          const gsize  *deltas,
                                          guint         n_deltas);
guint        desk_tokenizer_replayed     (void);

gboolean     desk_tokenizer_register     (sqlite3      *db,
                                          GError      **error);
char        *desk_tokenizer_build_query  (const char   *user_query);

G_END_DECLS
