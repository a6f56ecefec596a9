/* desk-brief.h: PDF briefs of selected axes, document sections and facts,
 * laid out with Pango on a cairo PDF surface (no display needed) */
#pragma once

#include <gio/gio.h>

#include "desk-axes.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_BRIEF_ERROR (desk_brief_error_quark ())

typedef enum
{
  DESK_BRIEF_ERROR_EMPTY,
  DESK_BRIEF_ERROR_NOT_FOUND,
  DESK_BRIEF_ERROR_WRITE,
} DeskBriefError;

typedef enum
{
  DESK_BRIEF_AXIS,      /* an axis with its proposals, facts and comparators */
  DESK_BRIEF_SECTION,   /* a section of a document, with its facts */
  DESK_BRIEF_FACTS,     /* the facts a filter selects */
  DESK_BRIEF_NOTES,     /* the officers' review notes */
} DeskBriefItemKind;

typedef struct
{
  DeskBriefItemKind kind;
  char *axis_id;          /* AXIS */
  gint64 document_id;     /* SECTION; FACTS: 0 for any */
  guint section;          /* SECTION: its position in the outline */
  int fact_kind;          /* FACTS: DeskFactKind, or -1 */
  int modality;           /* FACTS: DeskModality, or -1 */
} DeskBriefItem;

typedef enum
{
  DESK_PAPER_A4,
  DESK_PAPER_LETTER,
} DeskPaper;

typedef struct
{
  char *title;
  char *language;         /* "es" or "en": the brief's, not the interface's */
  DeskPaper paper;
  char *mark;             /* handling mark, or NULL for the language's default */
  char *reviewer;
  gboolean approved_only; /* leave out facts not approved */
  GPtrArray *items;       /* DeskBriefItem, in order */
} DeskBriefOptions;

typedef void (*DeskBriefProgressFunc) (double fraction, gpointer user_data);

GQuark            desk_brief_error_quark     (void);
DeskBriefOptions *desk_brief_options_new     (const char        *language);
void              desk_brief_options_free    (DeskBriefOptions  *options);
void              desk_brief_options_add_axis    (DeskBriefOptions *options,
                                                  const char       *axis_id);
void              desk_brief_options_add_section (DeskBriefOptions *options,
                                                  gint64            document_id,
                                                  guint             section);
void              desk_brief_options_add_facts   (DeskBriefOptions *options,
                                                  int               fact_kind,
                                                  int               modality,
                                                  gint64            document_id);
void              desk_brief_options_add_notes   (DeskBriefOptions *options);
gboolean          desk_brief_parse_paper     (const char        *text,
                                              DeskPaper         *paper);

gboolean          desk_brief_export          (DeskStore             *store,
                                              DeskAxes              *axes,
                                              DeskBriefOptions      *options,
                                              const char            *path,
                                              DeskBriefProgressFunc  progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              guint                 *n_pages,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBriefOptions, desk_brief_options_free)

G_END_DECLS
