/* desk-review.c: officers' review of facts — sessions, a log of every change,
 * undo and redo (review files are in desk-review-file.c)
 *
 * Every change is an event (target uid, field, old value, new value) in a
 * session; review_state holds what the events add up to.  Events are keyed
 * by uids computed from content, so that two copies of a library built
 * from the same sources agree on them whatever their rowids; what became
 * of an event is its state (EventState). */
#define G_LOG_DOMAIN "desk-review"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-axes.h"
#include "desk-extract.h"
#include "desk-file.h"
#include "desk-json.h"
#include "desk-review-private.h"
#include "desk-store-private.h"
#include "desk-utf8.h"

G_DEFINE_QUARK (desk-review-error-quark, desk_review_error)

static const char * const statuses[] = { "pending", "approved", "rejected", NULL };

void
desk_review_session_free (DeskReviewSession *s)
{
  if (s == NULL)
    return;
  g_free (s->uid);
  g_free (s->name);
  g_free (s->reviewer);
  g_free (s->started);
  g_free (s->ended);
  g_free (s->origin);
  g_free (s);
}

void
desk_review_event_free (DeskReviewEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->uid);
  g_free (e->session_name);
  g_free (e->reviewer);
  g_free (e->time);
  g_free (e->target);
  g_free (e->field);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e);
}

void
desk_review_conflict_free (DeskReviewConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->target);
  g_free (c->document_uid);
  g_free (c->field);
  g_free (c->mine);
  g_free (c->theirs);
  g_free (c->old_value);
  g_free (c->event_uid);
  g_free (c->session_uid);
  g_free (c->time);
  g_free (c);
}

void
desk_review_import_free (DeskReviewImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->conflicts, g_ptr_array_unref);
  g_free (import->session_name);
  g_free (import->reviewer);
  g_free (import);
}

/* A status as the officer reads it: "Approved", "Rejected" or "Pending". */
const char *
desk_review_status_name (const char *status)
{
  if (g_strcmp0 (status, "approved") == 0)
    return C_("review status", "Approved");
  if (g_strcmp0 (status, "rejected") == 0)
    return C_("review status", "Rejected");
  return C_("review status", "Pending");
}

/* What a review can change, as the officer reads it. */
const char *
desk_review_field_name (const char *field)
{
  if (g_str_equal (field, "status"))
    return _("Status");
  if (g_str_equal (field, "note"))
    return _("Note");
  if (g_str_equal (field, "text"))
    return _("Text");
  if (g_str_equal (field, "value"))
    return _("Value");
  if (g_str_equal (field, "name"))
    /* TRANSLATORS: an entity's name, as the officer changed it */
    return _("Name");
  if (g_str_equal (field, "kind"))
    /* TRANSLATORS: whether an entity is a person, an organization or a place */
    return _("Kind");
  if (g_str_equal (field, "merged_into"))
    return _("Merged into");
  if (g_str_equal (field, "not_entity"))
    return _("Not an entity");
  if (g_str_equal (field, "split"))
    return _("Split off");
  if (g_str_equal (field, "title"))
    return _("Title");
  if (g_str_equal (field, "author"))
    return _("Author");
  if (g_str_equal (field, "published"))
    /* TRANSLATORS: a document's date of publication */
    return _("Date");
  if (g_str_equal (field, "source"))
    /* TRANSLATORS: the site or publisher a document comes from */
    return _("Source");
  return _("Axis assignment");
}

/* What became of a change, beside it in a fact's history; NULL for a
 * change in force */
const char *
desk_review_event_state_name (DeskReviewEventState state)
{
  switch (state)
    {
    case DESK_REVIEW_EVENT_IN_FORCE:
      return NULL;
    case DESK_REVIEW_EVENT_UNDONE:
    case DESK_REVIEW_EVENT_PASSED_OVER:
      return _("undone");
    case DESK_REVIEW_EVENT_DECLINED:
      return _("declined when merged");
    case DESK_REVIEW_EVENT_CHANGED_SINCE:
    default:
      return _("not undone: a colleague changed it since");
    }
}

/* A value of @field in a history or a conflict: NULL reads "nothing". */
char *
desk_review_describe_value (const char *field,
                            const char *value)
{
  if (value == NULL)
    /* TRANSLATORS: in a fact's history, a note or correction that was empty */
    return g_strdup (_("nothing"));
  if (g_str_equal (field, "status"))
    return g_strdup (desk_review_status_name (value));
  if (g_str_has_prefix (field, "axis:"))
    return g_strdup (g_str_equal (value, "assigned") ? _("under the axis") : _("off the axis"));
  return g_strdup_printf (_("“%s”"), value);
}

gboolean
_desk_review_exec (DeskStore   *store,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (desk_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    return desk_store_set_error_from_db (store, error);
  return TRUE;
}

void
_desk_review_rollback (DeskStore *store)
{
  sqlite3_exec (desk_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
}

char *
_desk_review_dup_column (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

/* A document's fields an officer can change, by their column in documents
 * (a review event's target is then the document's uid) */
static const char * const document_fields[] = { "title", "author", "published", "source", NULL };

gboolean
desk_review_is_document_field (const char *field)
{
  return field != NULL && g_strv_contains (document_fields, field);
}

/* Whether @value is a date as a document's is kept: ISO 8601 YYYY,
 * YYYY-MM or YYYY-MM-DD, a real one */
gboolean
desk_review_is_date (const char *value)
{
  guint year, month = 1, day = 1;
  gsize len = value != NULL ? strlen (value) : 0;

  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((i == 4 || i == 7) ? value[i] != '-' : !g_ascii_isdigit (value[i]))
      return FALSE;
  year = g_ascii_strtoull (value, NULL, 10);
  if (len >= 7)
    month = g_ascii_strtoull (value + 5, NULL, 10);
  if (len == 10)
    day = g_ascii_strtoull (value + 8, NULL, 10);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

gboolean
_desk_review_valid_field (const char *field)
{
  return g_str_equal (field, "status") || g_str_equal (field, "note") || g_str_equal (field, "text") ||
         g_str_equal (field, "value") || (g_str_has_prefix (field, "axis:") && field[5] != '\0') ||
         _desk_review_entity_field (field) != DESK_STORE_TARGET_NONE || desk_review_is_document_field (field);
}

/* What a field of an entity's or an alias's review changes it on:
 * DESK_STORE_TARGET_ENTITY, DESK_STORE_TARGET_ALIAS, or NONE for the
 * fields of facts ("note" is any target's) */
DeskStoreTarget
_desk_review_entity_field (const char *field)
{
  if (g_str_equal (field, "name") || g_str_equal (field, "kind") || g_str_equal (field, "merged_into") ||
      g_str_equal (field, "not_entity"))
    return DESK_STORE_TARGET_ENTITY;
  if (g_str_equal (field, "split"))
    return DESK_STORE_TARGET_ALIAS;
  return DESK_STORE_TARGET_NONE;
}

/* What the officer types (a session's name, a reviewer, a note or a
 * correction) is stored as UTF-8 text, or refused: bytes of another
 * encoding, from a terminal set to Latin-1 say, would make every brief
 * and review file written afterwards fail.  NULL when @value is text,
 * else @value for the message that refuses it, each byte that is not
 * UTF-8 written \xNN. */
static char *
describe_not_text (const char *value)
{
  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return NULL;
  return desk_utf8_excerpt (value, -1);
}

static DeskReviewSession *
session_from_row (sqlite3_stmt *stmt)
{
  DeskReviewSession *s = g_new0 (DeskReviewSession, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->uid = _desk_review_dup_column (stmt, 1);
  s->name = _desk_review_dup_column (stmt, 2);
  s->reviewer = _desk_review_dup_column (stmt, 3);
  s->started = _desk_review_dup_column (stmt, 4);
  s->ended = _desk_review_dup_column (stmt, 5);
  s->origin = _desk_review_dup_column (stmt, 6);
  s->n_events = sqlite3_column_int (stmt, 7);
  return s;
}

/* Starts a named session for @reviewer; a session still open is ended. */
DeskReviewSession *
desk_review_start (DeskStore   *store,
                   const char  *name,
                   const char  *reviewer,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = now_iso ();
  g_autofree char *bad_name = NULL;
  g_autofree char *bad_reviewer = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL && reviewer != NULL, NULL);

  if ((bad_name = describe_not_text (name)) != NULL)
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("The name of the review session, “%s”, is not UTF-8 text"), bad_name);
      return NULL;
    }
  if ((bad_reviewer = describe_not_text (reviewer)) != NULL)
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("The reviewer’s name, “%s”, is not UTF-8 text"), bad_reviewer);
      return NULL;
    }

  if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!(stmt = desk_store_prepare (store, "UPDATE review_sessions SET ended = ? WHERE ended IS NULL AND origin IS NULL", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (store, error);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = desk_store_prepare (store, "INSERT INTO review_sessions (uid, name, reviewer, started) VALUES (?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reviewer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (store, error);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_desk_review_exec (store, "COMMIT", error))
    goto fail;
  return desk_review_current (store, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _desk_review_rollback (store);
  return NULL;
}

gboolean
desk_review_end (DeskStore  *store,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso ();

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (!(stmt = desk_store_prepare (store, "UPDATE review_sessions SET ended = ? WHERE ended IS NULL AND origin IS NULL", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (store, error);
  if (sqlite3_changes (desk_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NO_SESSION, _("No review session is open"));
      return FALSE;
    }
  return TRUE;
}

/* The open session, or NULL (without an error) when none is open. */
DeskReviewSession *
desk_review_current (DeskStore  *store,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (!(stmt = desk_store_prepare (store, "SELECT " SESSION_COLUMNS " FROM review_sessions s"
                               " WHERE s.ended IS NULL AND s.origin IS NULL ORDER BY s.id DESC LIMIT 1", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return session_from_row (stmt);
  if (rc != SQLITE_DONE)
    desk_store_set_error_from_db (store, error);
  return NULL;
}

GPtrArray *
desk_review_list_sessions (DeskStore  *store,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_review_session_free);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (!(stmt = desk_store_prepare (store, "SELECT " SESSION_COLUMNS " FROM review_sessions s ORDER BY s.started DESC, s.id DESC", error)))
    return NULL;
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (sessions, session_from_row (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&sessions);
}

/* A statement on the column of documents that @field (one of
 * document_fields, never the officer's text) names, put in @sql's %s */
static sqlite3_stmt *
prepare_document_field (DeskStore   *store,
                        const char  *sql,
                        const char  *field,
                        GError     **error)
{
  g_autofree char *with_column = NULL;

  g_assert (desk_review_is_document_field (field));
  with_column = g_strdup_printf (sql, field);
  return desk_store_prepare (store, with_column, error);
}

/* What the review says of @field of @target; statuses default to "pending". */
char *
desk_review_get (DeskStore  *store,
                 const char *target,
                 const char *field)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (g_str_has_prefix (field, "axis:"))
    {
      if (!(stmt = desk_store_prepare (store, "SELECT CASE assigned WHEN 1 THEN 'assigned' ELSE 'unassigned' END"
                                   " FROM axis_overrides WHERE axis_id = ? AND target = ?", NULL)))
        return NULL;
      sqlite3_bind_text (stmt, 1, field + 5, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
    }
  else if (desk_review_is_document_field (field))
    {
      /* what the document shows, the file's or the officer's */
      if (!(stmt = prepare_document_field (store, "SELECT %s FROM documents WHERE uid = ?1", field, NULL)))
        return NULL;
      sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
    }
  else
    {
      if (!(stmt = desk_store_prepare (store, "SELECT value FROM review_state WHERE target = ? AND field = ?", NULL)))
        return NULL;
      sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _desk_review_dup_column (stmt, 0);
  return g_str_equal (field, "status") ? g_strdup ("pending") : NULL;
}

void
desk_review_state_free (DeskReviewState *state)
{
  if (state == NULL)
    return;
  g_free (state->status);
  g_free (state->note);
  g_free (state->text);
  g_free (state->value);
  g_free (state);
}

/* Puts a review_state row (field, value) in @state. */
static void
state_take_row (DeskReviewState *state,
                sqlite3_stmt    *stmt,
                int              field_column)
{
  const char *field = (const char *) sqlite3_column_text (stmt, field_column);
  char **slot = g_str_equal (field, "status") ? &state->status : g_str_equal (field, "note") ? &state->note
              : g_str_equal (field, "text") ? &state->text : g_str_equal (field, "value") ? &state->value : NULL;

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = _desk_review_dup_column (stmt, field_column + 1);
    }
}

/* The review of the targets of @targets (a JSON array of uids), or of
 * every target when NULL: target uid → DeskReviewState. */
static GHashTable *
load_states (DeskStore   *store,
             const char  *targets,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) map = NULL;
  DeskStoreStep step;

  stmt = desk_store_prepare (store, targets == NULL ? "SELECT target, field, value FROM review_state"
                                    : "SELECT target, field, value FROM review_state"
                                      " WHERE target IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return NULL;
  if (targets != NULL)
    sqlite3_bind_text (stmt, 1, targets, -1, SQLITE_STATIC);
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) desk_review_state_free);
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      const char *target = (const char *) sqlite3_column_text (stmt, 0);
      DeskReviewState *state = g_hash_table_lookup (map, target);

      if (state == NULL)
        {
          state = g_new0 (DeskReviewState, 1);
          g_hash_table_insert (map, g_strdup (target), state);
        }
      state_take_row (state, stmt, 1);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&map);
}

/* The review of every reviewed fact: uid → DeskReviewState. */
GHashTable *
desk_review_load_states (DeskStore  *store,
                         GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  return load_states (store, NULL, error);
}

/* The review of the facts @uids only, in one query (a page of a list). */
GHashTable *
desk_review_load_states_of (DeskStore          *store,
                            const char * const *uids,
                            guint               n_uids,
                            GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *targets = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_uids; i++)
    json_builder_add_string_value (builder, uids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  targets = json_generator_to_data (generator, NULL);
  return load_states (store, targets, error);
}

/* The review of one fact, in one query; fields never set are NULL. */
DeskReviewState *
desk_review_get_state (DeskStore  *store,
                       const char *target)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskReviewState *state = g_new0 (DeskReviewState, 1);

  g_return_val_if_fail (DESK_IS_STORE (store), state);

  if (!(stmt = desk_store_prepare (store, "SELECT field, value FROM review_state WHERE target = ?", NULL)))
    return state;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    state_take_row (state, stmt, 0);
  return state;
}

/* Writes a document's field: into its row, which every list, the reading
 * view, the brief and search read (a new title is indexed again by the
 * documents_au trigger), and into review_state, which keeps the officer's
 * value, even an empty one, when the file is imported again */
static gboolean
write_document_value (DeskStore   *store,
                      const char  *target,
                      const char  *field,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = prepare_document_field (store, "UPDATE documents SET %1$s = ?2 WHERE uid = ?1 AND %1$s IS NOT ?2",
                                       field, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (store, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = desk_store_prepare (store, "INSERT INTO review_state (target, field, value) VALUES (?1, ?2, ?3)"
                                   " ON CONFLICT (target, field) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (store, error);
  return TRUE;
}

/* Writes a field's value, inside a transaction the caller holds. */
gboolean
_desk_review_write_value (DeskStore   *store,
                          const char  *target,
                          const char  *field,
                          const char  *value,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (desk_review_is_document_field (field))
    return write_document_value (store, target, field, value, error);
  if (g_str_has_prefix (field, "axis:"))
    {
      if (value == NULL)
        stmt = desk_store_prepare (store, "DELETE FROM axis_overrides WHERE axis_id = ?1 AND target = ?2", error);
      else
        stmt = desk_store_prepare (store, "INSERT INTO axis_overrides (axis_id, target, assigned) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (axis_id, target) DO UPDATE SET assigned = excluded.assigned", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, field + 5, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
      if (value != NULL)
        sqlite3_bind_int (stmt, 3, g_str_equal (value, "assigned") ? 1 : 0);
    }
  else
    {
      if (value == NULL || (g_str_equal (field, "status") && g_str_equal (value, "pending")))
        stmt = desk_store_prepare (store, "DELETE FROM review_state WHERE target = ?1 AND field = ?2", error);
      else
        stmt = desk_store_prepare (store, "INSERT INTO review_state (target, field, value) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (target, field) DO UPDATE SET value = excluded.value", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      if (value != NULL && !(g_str_equal (field, "status") && g_str_equal (value, "pending")))
        sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (store, error);
  /* the entities and aliases tables follow what review_state says */
  if (_desk_review_entity_field (field) != DESK_STORE_TARGET_NONE)
    return _desk_store_apply_entity_decisions (store, error);
  return TRUE;
}

char *
_desk_review_document_of (DeskStore  *store,
                          const char *target)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT d.uid FROM facts f JOIN documents d ON d.id = f.document_id"
                                                 " WHERE f.uid = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _desk_review_dup_column (stmt, 0);
  /* a change of a document's title, author, date or source */
  if (_desk_review_document_exists (store, target))
    return g_strdup (target);
  return NULL;
}

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
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = desk_store_prepare (store, "INSERT INTO review_events (uid, session_id, time, target, document_uid, field, old_value,"
                         " new_value, state, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_text (stmt, 3, time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, document_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, state);
  sqlite3_bind_int64 (stmt, 10, batch);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (store, error);
  return TRUE;
}

gboolean
_desk_review_fact_exists (DeskStore  *store,
                          const char *target)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT 1 FROM facts WHERE uid = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
_desk_review_document_exists (DeskStore  *store,
                              const char *target)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT 1 FROM documents WHERE uid = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Whether what @field of @target changes is in the library: a document
 * for a document's field, a fact for the others */
gboolean
_desk_review_target_exists (DeskStore  *store,
                            const char *target,
                            const char *field)
{
  return desk_review_is_document_field (field) ? _desk_review_document_exists (store, target)
                                               : _desk_review_fact_exists (store, target);
}

/* Whether @value is longer than a review keeps */
gboolean
_desk_review_too_long (const char *value)
{
  /* no value of as many bytes has more characters; most are shorter */
  return value != NULL && strlen (value) > DESK_REVIEW_MAX_CHARS && g_utf8_strlen (value, -1) > DESK_REVIEW_MAX_CHARS;
}

gboolean
_desk_review_check_change (const char  *field,
                           const char  *value,
                           GError     **error)
{
  g_autofree char *bad_value = NULL;

  if (!_desk_review_valid_field (field))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not something a review can change (status, note, text, value, axis:ID, or a "
                     "document’s title, author, published or source)"), field);
      return FALSE;
    }
  if (g_str_equal (field, "status") && (value == NULL || !g_strv_contains (statuses, value)))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not a review status (pending, approved or rejected)"), value ? value : "");
      return FALSE;
    }
  if (g_str_has_prefix (field, "axis:") && value != NULL &&
      !g_str_equal (value, "assigned") && !g_str_equal (value, "unassigned"))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not an axis assignment (assigned or unassigned)"), value);
      return FALSE;
    }
  if (!_desk_review_check_entity_change (field, value, error))
    return FALSE;
  if (g_str_equal (field, "title") && (value == NULL || *value == '\0'))
    {
      g_set_error_literal (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                           _("A document’s title cannot be empty"));
      return FALSE;
    }
  if (g_str_equal (field, "published") && value != NULL && !desk_review_is_date (value))
    {
      /* TRANSLATORS: %s is what the officer typed as a document's date */
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not a date: write it as a year, a year and month or a full date (2025, 2025-03 "
                     "or 2025-03-14)"), value);
      return FALSE;
    }
  if ((bad_value = describe_not_text (value)) != NULL)
    {
      /* TRANSLATORS: the first %s is a field (note, text or value), the second the value given, with each
       * byte that is not UTF-8 written \xNN */
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("The value given for “%s”, “%s”, is not UTF-8 text"), field, bad_value);
      return FALSE;
    }
  if (_desk_review_too_long (value))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A note or a correction has at most %u characters; this one has %lu",
                                "A note or a correction has at most %u characters; this one has %lu",
                                DESK_REVIEW_MAX_CHARS),
                   DESK_REVIEW_MAX_CHARS, (gulong) g_utf8_strlen (value, -1));
      return FALSE;
    }
  return TRUE;
}

/* Characters of a refused correction a message repeats at most */
#define MAX_QUOTED_CHARS 80

/* A correction of the value of a fact of @kind, read back: for money, a
 * quantity or a percentage, a number with its currency or unit, in the
 * library's form or as people write it ("US$ 2,5 millones"), given in
 * the library's form ("2500000 USD"); any other kind's value as it is.
 * NULL, with an error naming it, when it is not such a figure. */
char *
desk_review_read_value (DeskFactKind   kind,
                        const char    *value,
                        GError       **error)
{
  g_autofree char *quoted = NULL;
  char *figure;

  g_return_val_if_fail (value != NULL, NULL);

  if (kind != DESK_FACT_MONEY && kind != DESK_FACT_QUANTITY && kind != DESK_FACT_PERCENT)
    return g_strdup (value);
  if ((figure = desk_extract_read_figure (kind, value)) != NULL)
    return figure;

  if (g_utf8_validate (value, -1, NULL) && g_utf8_strlen (value, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (value, 0, MAX_QUOTED_CHARS);
      quoted = g_strconcat (cut, "…", NULL);
    }
  else
    quoted = g_strdup (value);
  if (kind == DESK_FACT_MONEY)
    g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE,
                 _("“%s” is not an amount of money: write a number and a currency, e.g. 2500000 USD or US$ 2,5 millones"),
                 quoted);
  else if (kind == DESK_FACT_QUANTITY)
    g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE,
                 _("“%s” is not a quantity: write a number and a unit (t, kg, km, km2, ha, MW or bbl), e.g. 822 t"),
                 quoted);
  else
    g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE,
                 _("“%s” is not a percentage: write a number and %%, e.g. 18%%"), quoted);
  return NULL;
}

/* What @field of each fact of @targets becomes: a correction of a
 * figure's value read back (desk_review_read_value ()), anything else
 * @value as it is */
static GPtrArray *
read_values (DeskStore           *store,
             const char * const  *targets,
             const char          *field,
             const char          *value,
             GError             **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL || !g_str_equal (field, "value"))
    {
      for (guint i = 0; targets[i] != NULL; i++)
        g_ptr_array_add (values, g_strdup (value));
      return g_steal_pointer (&values);
    }
  if (!(stmt = desk_store_prepare (store, "SELECT kind FROM facts WHERE uid = ?", error)))
    return NULL;
  for (guint i = 0; targets[i] != NULL; i++)
    {
      DeskFactKind kind = DESK_FACT_QUOTE;
      char *read;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, targets[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        desk_fact_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind);
      if (!(read = desk_review_read_value (kind, value, error)))
        return NULL;
      g_ptr_array_add (values, read);
    }
  return g_steal_pointer (&values);
}

/* The reviewer of the officer's latest session: the name is remembered in
 * the library.  Before any session, the user's own name.  Always UTF-8
 * (the system's user names are in its own encoding, and a library written
 * by an older version may hold other bytes), so that a session started
 * under it is not refused. */
char *
desk_review_default_reviewer (DeskStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *name;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  stmt = desk_store_prepare (store, "SELECT reviewer FROM review_sessions WHERE origin IS NULL ORDER BY id DESC LIMIT 1", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    name = (const char *) sqlite3_column_text (stmt, 0);
  else
    {
      name = g_get_real_name ();
      if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
        name = g_get_user_name ();
    }
  return g_utf8_make_valid (name, -1);
}

/* The open session, or one started for the officer when none is open. */
static DeskReviewSession *
session_for_change (DeskStore  *store,
                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  DeskReviewSession *session = desk_review_current (store, &local_error);

  if (session == NULL && local_error == NULL)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
      /* TRANSLATORS: name of a review session started for the officer; %s is the date */
      g_autofree char *name = g_strdup_printf (_("Review of %s"), date);
      g_autofree char *reviewer = desk_review_default_reviewer (store);

      return desk_review_start (store, name, reviewer, error);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return session;
}

/* Changes @field of every fact in @targets to @value (NULL clears it), in
 * one transaction, logging each change in the open session (one is started
 * for the officer when none is open).  The changes are one step for undo.
 * @n_changed, if not NULL, receives how many facts actually changed. */
gboolean
desk_review_set_many (DeskStore           *store,
                      const char * const  *targets,
                      const char          *field,
                      const char          *value,
                      guint               *n_changed,
                      GError             **error)
{
  g_autoptr(DeskReviewSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *now = now_iso ();
  gint64 batch;
  guint changed = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (targets != NULL && field != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  /* an author or source set to nothing is cleared */
  if (desk_review_is_document_field (field) && value != NULL && *value == '\0' && !g_str_equal (field, "title"))
    value = NULL;
  if (!_desk_review_check_change (field, value, error))
    return FALSE;
  for (guint i = 0; targets[i] != NULL; i++)
    if (desk_review_is_document_field (field) && !_desk_review_target_exists (store, targets[i], field))
      {
        g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_FOUND,
                     _("There is no document “%s” in the library"), targets[i]);
        return FALSE;
      }
    else if (!desk_review_is_document_field (field) && !_desk_review_target_fits (store, targets[i], field, error))
      return FALSE;
  if (targets[0] == NULL)
    return TRUE;
  if (!(values = read_values (store, targets, field, value, error)))
    return FALSE;
  if (!(session = session_for_change (store, error)))
    return FALSE;

  if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!(stmt = desk_store_prepare (store, "SELECT coalesce (max (batch), 0) + 1 FROM review_events", error)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (store, error);
      _desk_review_rollback (store);
      return FALSE;
    }
  batch = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autofree char *old = desk_review_get (store, targets[i], field);
      g_autofree char *doc = NULL;
      g_autofree char *uid = NULL;

      value = g_ptr_array_index (values, i);
      if (g_strcmp0 (old, value) == 0 ||
          (value == NULL && old != NULL && g_str_equal (field, "status") && g_str_equal (old, "pending")))
        continue;
      /* an entity's change is about no one document: "" in the files */
      doc = _desk_review_entity_field (field) != DESK_STORE_TARGET_NONE ? g_strdup ("")
            : _desk_review_document_of (store, targets[i]);
      uid = g_uuid_string_random ();
      /* a new change passes over what undo had taken back */
      if ((changed == 0 && !_desk_review_exec (store, "UPDATE review_events SET state = " SQL_PASSED_OVER " WHERE state = " SQL_UNDONE, error)) ||
          !_desk_review_write_value (store, targets[i], field, value, error) ||
          !_desk_review_insert_event (store, uid, session->id, now, targets[i], doc, field, old, value, EVENT_IN_FORCE, batch, error))
        {
          _desk_review_rollback (store);
          return FALSE;
        }
      changed++;
    }
  if (!_desk_review_exec (store, "COMMIT", error))
    {
      _desk_review_rollback (store);
      return FALSE;
    }
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

/* Changes @field of one fact; see desk_review_set_many(). */
gboolean
desk_review_set (DeskStore   *store,
                 const char  *target,
                 const char  *field,
                 const char  *value,
                 GError     **error)
{
  const char *targets[] = { target, NULL };

  g_return_val_if_fail (target != NULL, FALSE);
  return desk_review_set_many (store, targets, field, value, NULL, error);
}

/* Undo takes back the officer's latest step (every change of one batch),
 * redo brings back the earliest step undone.  Only the officer's own
 * changes are walked; a change that another officer's file has since
 * changed again is passed over rather than undone over their value. */
static gboolean
step_back_or_forth (DeskStore  *store,
                    gboolean    undo,
                    gboolean   *done,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  gint64 batch;
  DeskStoreStep step;

  *done = FALSE;
  stmt = desk_store_prepare (store, undo ? "SELECT e.batch FROM review_events e JOIN review_sessions s ON s.id = e.session_id"
                                " WHERE e.state = " SQL_IN_FORCE " AND s.origin IS NULL AND e.batch > 0 ORDER BY e.id DESC LIMIT 1"
                              : "SELECT batch FROM review_events WHERE state = " SQL_UNDONE " ORDER BY id ASC LIMIT 1",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  batch = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = desk_store_prepare (store, undo ? "SELECT id, target, field, new_value, old_value FROM review_events"
                                " WHERE batch = ? AND state = " SQL_IN_FORCE " ORDER BY id DESC"
                              : "SELECT id, target, field, old_value, new_value FROM review_events"
                                " WHERE batch = ? AND state = " SQL_UNDONE " ORDER BY id ASC",
                  error);
  mark = desk_store_prepare (store, "UPDATE review_events SET state = ? WHERE id = ?", error);
  if (stmt == NULL || mark == NULL)
    {
      _desk_review_rollback (store);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, batch);
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      const char *target = (const char *) sqlite3_column_text (stmt, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 2);
      const char *from = (const char *) sqlite3_column_text (stmt, 3);
      const char *to = (const char *) sqlite3_column_text (stmt, 4);
      g_autofree char *current = desk_review_get (store, target, field);
      gboolean still = g_strcmp0 (current, from) == 0 ||
                       (from == NULL && g_str_equal (field, "status") && g_strcmp0 (current, "pending") == 0);

      if (still && !_desk_review_write_value (store, target, field, to, error))
        {
          _desk_review_rollback (store);
          return FALSE;
        }
      sqlite3_reset (mark);
      sqlite3_bind_int (mark, 1, !still ? (undo ? EVENT_CHANGED_SINCE : EVENT_PASSED_OVER) : undo ? EVENT_UNDONE : EVENT_IN_FORCE);
      sqlite3_bind_int64 (mark, 2, sqlite3_column_int64 (stmt, 0));
      if (sqlite3_step (mark) != SQLITE_DONE)
        {
          desk_store_set_error_from_db (store, error);
          _desk_review_rollback (store);
          return FALSE;
        }
    }
  if (step == DESK_STORE_STEP_FAILED)
    {
      _desk_review_rollback (store);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&mark, sqlite3_finalize);
  if (!_desk_review_exec (store, "COMMIT", error))
    {
      _desk_review_rollback (store);
      return FALSE;
    }
  *done = TRUE;
  return TRUE;
}

/* Takes back the last step in force; @done says whether there was one. */
gboolean
desk_review_undo (DeskStore  *store,
                  gboolean   *done,
                  GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  return step_back_or_forth (store, TRUE, done, error);
}

gboolean
desk_review_redo (DeskStore  *store,
                  gboolean   *done,
                  GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  return step_back_or_forth (store, FALSE, done, error);
}

/* Whether there is a step to undo or to redo (for the window's actions). */
void
desk_review_can_undo_redo (DeskStore *store,
                           gboolean  *can_undo,
                           gboolean  *can_redo)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *can_undo = *can_redo = FALSE;
  stmt = desk_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM review_events e JOIN review_sessions s ON s.id = e.session_id"
                         "  WHERE e.state = " SQL_IN_FORCE " AND s.origin IS NULL AND e.batch > 0),"
                         " EXISTS (SELECT 1 FROM review_events WHERE state = " SQL_UNDONE ")", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *can_undo = sqlite3_column_int (stmt, 0);
      *can_redo = sqlite3_column_int (stmt, 1);
    }
}

/* Who changed what of @target, and when, oldest first: every change,
 * with what became of it (undone, declined…) */
GPtrArray *
desk_review_history (DeskStore   *store,
                     const char  *target,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_review_event_free);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  stmt = desk_store_prepare (store, "SELECT e.uid, s.name, s.reviewer, e.time, e.target, e.field, e.old_value, e.new_value,"
                         " e.state FROM review_events e JOIN review_sessions s ON s.id = e.session_id"
                         " WHERE e.target = ? ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      DeskReviewEvent *e = g_new0 (DeskReviewEvent, 1);

      e->uid = _desk_review_dup_column (stmt, 0);
      e->session_name = _desk_review_dup_column (stmt, 1);
      e->reviewer = _desk_review_dup_column (stmt, 2);
      e->time = _desk_review_dup_column (stmt, 3);
      e->target = _desk_review_dup_column (stmt, 4);
      e->field = _desk_review_dup_column (stmt, 5);
      e->old_value = _desk_review_dup_column (stmt, 6);
      e->new_value = _desk_review_dup_column (stmt, 7);
      e->state = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (events, e);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&events);
}
