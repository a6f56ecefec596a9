/* desk-brief-private.h: what the brief's files share: the blocks and
 * sources a selection becomes, the brief's own words, and the writing of
 * the PDF */
#pragma once

#include "desk-brief.h"
#include "desk-review.h"

G_BEGIN_DECLS

/* Words of the brief, [0] Spanish and [1] English */
enum
{
  L_CONTENTS, L_SOURCES, L_PAGE_OF, L_PROPOSALS, L_FACTS, L_QUOTES, L_COMPARATORS,
  L_KIND, L_VALUE, L_MODALITY, L_SOURCE, L_MARK, L_PREPARED_BY, L_DATE, L_IN_SECTION,
  L_FACTS_OF_SECTION, L_ALL_FACTS, L_NOTES, L_NOTE, L_STATUS, L_NONE, L_SECTION_OF,
  L_AGREED, L_APPROVED_ONLY, L_ALL_REVIEWED, L_N
};

extern const char * const _desk_brief_words[L_N][2];
extern const char * const _desk_brief_months[12][2];

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_LIST_ITEM,
  BLOCK_NOTE,       /* a smaller, grey paragraph */
  BLOCK_QUOTE,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint level;        /* headings: 1 to 3 */
  char *number;       /* headings: "2.1" */
  char *text;
  char *citation;     /* quotes */
  guint ref;          /* source number, or 0 */
  GPtrArray *rows;    /* tables: GStrv of cells; the first row is the header */
  GArray *row_refs;   /* tables: guint source number per row */
  int page;           /* headings: where the first pass put it */
} Block;

typedef struct
{
  char *title;
  char *section;
  char *date;
} Source;

typedef struct
{
  DeskStore *store;
  DeskAxes *axes;
  DeskBriefOptions *options;
  int lang;                 /* 0 Spanish, 1 English */
  GPtrArray *blocks;        /* Block */
  GPtrArray *sources;       /* Source */
  GHashTable *source_index; /* "document:section" → number */
  GHashTable *states;       /* fact uid → DeskReviewState */
  guint counters[3];
} Brief;

const char *_desk_brief_word  (Brief                  *brief,
                              int                     w);
gboolean    _desk_brief_write (Brief                  *brief,
                               const char             *path,
                               DeskBriefProgressFunc   progress,
                               gpointer                progress_data,
                               GCancellable           *cancellable,
                               guint                  *n_pages,
                               GError                **error);

G_END_DECLS
