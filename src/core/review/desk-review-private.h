/* desk-review-private.h: what the review's files share: the states of
 * an event, the SQL of sessions, and the steps of writing a change */
#pragma once

#include "desk-review.h"
#include "desk-store-private.h"

G_BEGIN_DECLS

/* What became of a review event: review_events.state */
typedef enum
{
  EVENT_IN_FORCE,
  EVENT_UNDONE,         /* redo can bring it back */
  EVENT_PASSED_OVER,    /* undone, then passed over by a later change */
  EVENT_DECLINED,       /* another officer's change, declined on merging */
  EVENT_CHANGED_SINCE,  /* undo found it changed again by another officer: kept */
} EventState;

/* The same in SQL */
#define SQL_IN_FORCE "0"
#define SQL_UNDONE "1"
#define SQL_PASSED_OVER "2"
G_STATIC_ASSERT (EVENT_IN_FORCE == 0 && EVENT_UNDONE == 1 && EVENT_PASSED_OVER == 2);
/* and as a fact's history gives them */
G_STATIC_ASSERT ((int) EVENT_IN_FORCE == DESK_REVIEW_EVENT_IN_FORCE && (int) EVENT_UNDONE == DESK_REVIEW_EVENT_UNDONE &&
                 (int) EVENT_PASSED_OVER == DESK_REVIEW_EVENT_PASSED_OVER && (int) EVENT_DECLINED == DESK_REVIEW_EVENT_DECLINED &&
                 (int) EVENT_CHANGED_SINCE == DESK_REVIEW_EVENT_CHANGED_SINCE);

#define SESSION_COLUMNS "s.id, s.uid, s.name, s.reviewer, s.started, s.ended, s.origin," \
  " (SELECT count (*) FROM review_events e WHERE e.session_id = s.id AND e.state = " SQL_IN_FORCE ")"

gboolean
_desk_review_exec (DeskStore   *store,
                   const char  *sql,
                   GError     **error);
void
_desk_review_rollback (DeskStore *store);
char *
_desk_review_dup_column (sqlite3_stmt *stmt,
                         int           column);
gboolean
_desk_review_valid_field (const char *field);
gboolean
_desk_review_write_value (DeskStore   *store,
                          const char  *target,
                          const char  *field,
                          const char  *value,
                          GError     **error);
char *
_desk_review_document_of (DeskStore  *store,
                          const char *target);
gboolean
_desk_review_insert_event (DeskStore   *store,
                           const char  *uid,
                           gint64       session_id,
                           const char  *time,
                           const char  *target,
                           const char  *document_uid,
                           const char  *field,
                           const char  *old_value,
                           const char  *new_value,
                           EventState   state,
                           gint64       batch,
                           GError     **error);
gboolean
_desk_review_fact_exists (DeskStore  *store,
                          const char *target);
gboolean
_desk_review_document_exists (DeskStore  *store,
                              const char *target);
gboolean
_desk_review_target_exists (DeskStore  *store,
                            const char *target,
                            const char *field);
gboolean
_desk_review_too_long (const char *value);
DeskStoreTarget
_desk_review_entity_field (const char *field);
gboolean
_desk_review_check_entity_change (const char  *field,
                                  const char  *value,
                                  GError     **error);
gboolean
_desk_review_target_fits (DeskStore   *store,
                          const char  *target,
                          const char  *field,
                          GError     **error);
gboolean
_desk_review_check_change (const char  *field,
                           const char  *value,
                           GError     **error);

G_END_DECLS
