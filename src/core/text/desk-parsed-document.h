/* desk-parsed-document.h: the plain types a document is made of between
 * reading and storing: normalized blocks, its outline, its paragraphs,
 * and the parsed document that carries them with its facts */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_BLOCK_PARAGRAPH,
  DESK_BLOCK_HEADING,
  DESK_BLOCK_LIST_ITEM,
} DeskBlockKind;

/* One paragraph-level piece of normalized text, before structure analysis.
 * depth is set for headings the source marked itself (Markdown, HTML). */
typedef struct
{
  DeskBlockKind kind;
  guint depth;
  char *text;
} DeskBlock;

typedef struct
{
  guint depth;
  char *number;
  char *title;
  gint64 start;
  gint64 end;
} DeskOutlineEntry;

typedef struct
{
  DeskBlockKind kind;
  gint64 start;
  gint64 end;
  char language[4];
} DeskParagraph;

typedef struct
{
  char *uid;
  char *title;
  char *text;
  char *language;
  char *languages;
  char *published;
  char *author;       /* or NULL */
  char *source;       /* the site or publisher, or NULL */
  char *format;
  char *path;
  gint64 size;
  gint64 n_chars;
  GArray *outline;    /* DeskOutlineEntry */
  GArray *paragraphs; /* DeskParagraph */
  GArray *facts;      /* DeskFact, or NULL when not extracted */
  GPtrArray *fact_uids; /* the uid of each of facts, computed where they were
                         * extracted (not on the library's writing thread),
                         * or NULL */
  gboolean facts_limited; /* it has more than DESK_EXTRACT_MAX_FACTS */
  struct _DeskTokens *tokens; /* the index terms of text, recorded where it
                               * was read, for the library's index; or NULL */
} DeskParsedDocument;

/* Walks an outline along the text, for places asked for in text order:
 * the sections open at a place, the innermost last */
typedef struct
{
  GArray *outline;
  GArray *open;       /* section numbers */
  guint next;         /* the first section not yet opened */
} DeskOutlineCursor;

void                desk_outline_cursor_init       (DeskOutlineCursor *cursor,
                                                    GArray            *outline);
int                 desk_outline_cursor_section_at (DeskOutlineCursor *cursor,
                                                    gint64             offset);
void                desk_outline_cursor_clear      (DeskOutlineCursor *cursor);

DeskBlock          *desk_block_new                 (DeskBlockKind  kind,
                                                    guint          depth,
                                                    const char    *text);
void                desk_block_free                (DeskBlock     *block);
GArray             *desk_outline_new               (void);
void                desk_parsed_document_free      (DeskParsedDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskParsedDocument, desk_parsed_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlock, desk_block_free)

G_END_DECLS
