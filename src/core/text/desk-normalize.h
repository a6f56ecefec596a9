/* desk-normalize.h: turns the lines that converters emit into clean
 * paragraphs, headings and list items */
#pragma once

#include <glib.h>

#include "desk-parsed-document.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_NORMALIZE_PLAIN = 0,
  /* Lines starting with "#" are headings, numbered lines are list items and
   * blank lines separate paragraphs (Markdown, and HTML turned into it). */
  DESK_NORMALIZE_MARKDOWN = 1 << 0,
} DeskNormalizeFlags;

GPtrArray *desk_normalize_pages     (const char * const *pages,
                                     guint               n_pages,
                                     DeskNormalizeFlags  flags);
char      *desk_normalize_quotes    (const char         *text);
gboolean   desk_normalize_is_numbered_heading (const char *line,
                                               char      **number,
                                               char      **title);
gboolean   desk_normalize_is_chapter_heading  (const char *line,
                                               char      **number,
                                               char      **title);
gboolean   desk_normalize_is_all_caps         (const char *line);

G_END_DECLS
