/* desk-review.h: officers' review of facts — sessions, a log of every change,
 * undo and redo, and review files exchanged between copies of a library */
#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Characters of a note or a correction (text, value) a review keeps at
 * most: some pages of a brief's note column, and far more than any
 * paragraph of the corpus; longer ones are refused, not cut */
#define DESK_REVIEW_MAX_CHARS 10000

#define DESK_REVIEW_ERROR (desk_review_error_quark ())

typedef enum
{
  DESK_REVIEW_ERROR_NO_SESSION,
  DESK_REVIEW_ERROR_INVALID_FIELD,
  DESK_REVIEW_ERROR_NOT_FOUND,
  DESK_REVIEW_ERROR_BAD_FILE,
  DESK_REVIEW_ERROR_NEWER_FILE,
  DESK_REVIEW_ERROR_TOO_LONG,
  DESK_REVIEW_ERROR_NOT_A_FIGURE,
} DeskReviewError;

#define DESK_REVIEW_FORMAT "dialogue-desk-review"
#define DESK_REVIEW_VERSION 1

/* How many of colleagues' changes a library keeps waiting for documents
 * it does not have (they apply when the document is imported).  An
 * officer's review touches facts one at a time or a selection at a
 * time: 100,000 changes is every fact of some 2,000 documents reviewed
 * before the colleague has any of them.  Past it, a file is refused:
 * what waits costs about 550 bytes a change in the library (55 MB at
 * the bound) and is looked through on every import. */
#define DESK_REVIEW_MAX_PENDING 100000

typedef struct
{
  gint64 id;
  char *uid;
  char *name;
  char *reviewer;
  char *started;
  char *ended;
  char *origin;      /* the session it was merged from, or NULL for a local one */
  guint n_events;
} DeskReviewSession;

/* What became of a change, as its fact's history shows it */
typedef enum
{
  DESK_REVIEW_EVENT_IN_FORCE,
  DESK_REVIEW_EVENT_UNDONE,        /* taken back by undo */
  DESK_REVIEW_EVENT_PASSED_OVER,   /* taken back, then passed over by a later change */
  DESK_REVIEW_EVENT_DECLINED,      /* another officer's, declined on merging */
  DESK_REVIEW_EVENT_CHANGED_SINCE, /* not undone: a colleague changed it again since */
} DeskReviewEventState;

typedef struct
{
  char *uid;
  char *session_name;
  char *reviewer;
  char *time;
  char *target;
  char *field;
  char *old_value;
  char *new_value;
  DeskReviewEventState state;
} DeskReviewEvent;

/* What the review says of one fact; NULL fields were never set */
typedef struct
{
  char *status;
  char *note;
  char *text;
  char *value;
} DeskReviewState;

typedef struct
{
  char *target;
  char *document_uid;
  char *field;
  char *mine;
  char *theirs;
  char *old_value;
  char *event_uid;
  char *session_uid;
  char *time;
} DeskReviewConflict;

typedef struct
{
  guint applied;
  guint unchanged;
  guint pending;
  GPtrArray *conflicts;  /* DeskReviewConflict */
  char *session_name;
  char *reviewer;
} DeskReviewImport;

GQuark             desk_review_error_quark     (void);
const char        *desk_review_status_name     (const char         *status);
const char        *desk_review_field_name      (const char         *field);
gboolean           desk_review_is_document_field (const char       *field);
gboolean           desk_review_is_date         (const char         *value);
char              *desk_review_describe_value  (const char         *field,
                                                const char         *value);
char              *desk_review_read_value      (DeskFactKind        kind,
                                                const char         *value,
                                                GError            **error);
const char        *desk_review_event_state_name (DeskReviewEventState state);
void               desk_review_session_free    (DeskReviewSession  *session);
void               desk_review_event_free      (DeskReviewEvent    *event);
void               desk_review_conflict_free   (DeskReviewConflict *conflict);
void               desk_review_import_free     (DeskReviewImport   *import);

DeskReviewSession *desk_review_start           (DeskStore          *store,
                                                const char         *name,
                                                const char         *reviewer,
                                                GError            **error);
gboolean           desk_review_end             (DeskStore          *store,
                                                GError            **error);
DeskReviewSession *desk_review_current         (DeskStore          *store,
                                                GError            **error);
char              *desk_review_default_reviewer (DeskStore         *store);
GPtrArray         *desk_review_list_sessions   (DeskStore          *store,
                                                GError            **error);
char              *desk_review_get             (DeskStore          *store,
                                                const char         *target,
                                                const char         *field);
void               desk_review_state_free      (DeskReviewState    *state);
GHashTable        *desk_review_load_states     (DeskStore          *store,
                                                GError            **error);
GHashTable        *desk_review_load_states_of  (DeskStore          *store,
                                                const char * const *uids,
                                                guint               n_uids,
                                                GError            **error);
DeskReviewState   *desk_review_get_state       (DeskStore          *store,
                                                const char         *target);
gboolean           desk_review_set             (DeskStore          *store,
                                                const char         *target,
                                                const char         *field,
                                                const char         *value,
                                                GError            **error);
gboolean           desk_review_set_many        (DeskStore          *store,
                                                const char * const *targets,
                                                const char         *field,
                                                const char         *value,
                                                guint              *n_changed,
                                                GError            **error);
gboolean           desk_review_undo            (DeskStore          *store,
                                                gboolean           *done,
                                                GError            **error);
gboolean           desk_review_redo            (DeskStore          *store,
                                                gboolean           *done,
                                                GError            **error);
void               desk_review_can_undo_redo   (DeskStore          *store,
                                                gboolean           *can_undo,
                                                gboolean           *can_redo);
GPtrArray         *desk_review_history         (DeskStore          *store,
                                                const char         *target,
                                                GError            **error);
gboolean           desk_review_export          (DeskStore          *store,
                                                gint64              session_id,
                                                const char         *path,
                                                GError            **error);
DeskReviewImport  *desk_review_import          (DeskStore          *store,
                                                const char         *path,
                                                GError            **error);
gboolean           desk_review_resolve         (DeskStore          *store,
                                                DeskReviewConflict *conflict,
                                                gboolean            theirs,
                                                GError            **error);
int                desk_review_apply_pending   (DeskStore          *store,
                                                GError            **error);

/* The officer's decisions on entities (desk-review-entities.c) */
gboolean           desk_review_rename_entity   (DeskStore          *store,
                                                const char         *uid,
                                                const char         *name,
                                                GError            **error);
gboolean           desk_review_merge_entity    (DeskStore          *store,
                                                const char         *uid,
                                                const char         *into_uid,
                                                GError            **error);
gboolean           desk_review_split_alias     (DeskStore          *store,
                                                const char         *uid,
                                                const char         *form,
                                                char              **new_uid,
                                                GError            **error);
gboolean           desk_review_set_entity_kind (DeskStore          *store,
                                                const char         *uid,
                                                DeskFactKind        kind,
                                                GError            **error);
gboolean           desk_review_reject_entity   (DeskStore          *store,
                                                const char         *uid,
                                                gboolean            rejected,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReviewSession, desk_review_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReviewImport, desk_review_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReviewState, desk_review_state_free)

G_END_DECLS
