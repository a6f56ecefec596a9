/* desk-review-file.c: review files — a session's changes written out for
 * a colleague, and a colleague's file merged: what does not conflict
 * applies, what conflicts waits for a decision, what is about documents
 * the library does not have yet waits for them */
#define G_LOG_DOMAIN "desk-review"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-axes.h"
#include "desk-file.h"
#include "desk-json.h"
#include "desk-review-private.h"
#include "desk-utf8.h"

/* A member of text, written as UTF-8 even where the library holds other
 * bytes (earlier versions stored what a terminal set to Latin-1 sent):
 * a colleague's import refuses a whole file for one such byte */
static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
}

/* Writes the events of a session (@session_id 0: the open one, else the
 * latest local one) to @path, atomically, with the library's document uids. */
gboolean
desk_review_export (DeskStore   *store,
                    gint64       session_id,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) write_error = NULL;
  gsize len;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = desk_store_prepare (store, session_id > 0
                         ? "SELECT " SESSION_COLUMNS " FROM review_sessions s WHERE s.id = ?"
                         : "SELECT " SESSION_COLUMNS " FROM review_sessions s WHERE s.origin IS NULL"
                           " ORDER BY s.ended IS NOT NULL, s.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (session_id > 0)
    sqlite3_bind_int64 (stmt, 1, session_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NO_SESSION,
                           session_id > 0 ? _("There is no such review session") : _("There is no review session to export"));
      return FALSE;
    }

  json_builder_begin_object (builder);
  add_member (builder, "format", DESK_REVIEW_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DESK_REVIEW_VERSION);
  json_builder_set_member_name (builder, "session");
  json_builder_begin_object (builder);
  /* a merged session goes on under the uid its own library gave it */
  add_member (builder, "uid", (const char *) sqlite3_column_text (stmt, sqlite3_column_type (stmt, 6) != SQLITE_NULL ? 6 : 1));
  add_member (builder, "name", (const char *) sqlite3_column_text (stmt, 2));
  add_member (builder, "reviewer", (const char *) sqlite3_column_text (stmt, 3));
  add_member (builder, "started", (const char *) sqlite3_column_text (stmt, 4));
  add_member (builder, "ended", (const char *) sqlite3_column_text (stmt, 5));
  json_builder_end_object (builder);
  session_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  json_builder_set_member_name (builder, "library");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  if (!(stmt = desk_store_prepare (store, "SELECT uid FROM documents ORDER BY uid", error)))
    return FALSE;
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  if (!(stmt = desk_store_prepare (store, "SELECT uid, time, target, document_uid, field, old_value, new_value FROM review_events"
                               " WHERE session_id = ? AND state = " SQL_IN_FORCE " ORDER BY id", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      json_builder_begin_object (builder);
      add_member (builder, "uid", (const char *) sqlite3_column_text (stmt, 0));
      add_member (builder, "time", (const char *) sqlite3_column_text (stmt, 1));
      add_member (builder, "target", (const char *) sqlite3_column_text (stmt, 2));
      add_member (builder, "document", (const char *) sqlite3_column_text (stmt, 3));
      add_member (builder, "field", (const char *) sqlite3_column_text (stmt, 4));
      add_member (builder, "old", (const char *) sqlite3_column_text (stmt, 5));
      add_member (builder, "new", (const char *) sqlite3_column_text (stmt, 6));
      json_builder_end_object (builder);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &len);
  /* written to a temporary file and renamed: never half a file at @path,
   * nor another kind of file than was there */
  if (!desk_replace_contents (path, data, len, &write_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the review file “%s”: %s"), path, write_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *uid;
  const char *time;
  const char *target;
  const char *document;
  const char *field;
  const char *old_value;
  const char *new_value;
} FileEvent;

static gboolean
bad_file (GError     **error,
          const char  *path,
          const char  *what)
{
  g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE, _("“%s” cannot be imported: %s"), path, what);
  return FALSE;
}

/* A member that must be text (or null when @nullable); @out may be NULL
 * when only its type matters. */
static gboolean
text_member (JsonObject  *object,
             const char  *name,
             gboolean     nullable,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (out != NULL)
    *out = NULL;
  if (node == NULL)
    return nullable;
  if (JSON_NODE_HOLDS_NULL (node))
    return nullable;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  if (out != NULL)
    *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
library_has_document (DeskStore  *store,
                      const char *uid)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT 1 FROM documents WHERE uid = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
event_known (DeskStore  *store,
             const char *uid)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT 1 FROM review_events WHERE uid = ?1"
                                                 " UNION ALL SELECT 1 FROM review_pending WHERE event_uid = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gint64
ensure_imported_session (DeskStore   *store,
                         JsonObject  *session,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *uid = json_object_get_string_member (session, "uid");
  g_autofree char *local_uid = g_strconcat ("imported:", uid, NULL);

  if (!(stmt = desk_store_prepare (store, "SELECT id FROM review_sessions WHERE uid = ?", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, local_uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(stmt = desk_store_prepare (store, "INSERT INTO review_sessions (uid, name, reviewer, started, ended, origin)"
                               " VALUES (?, ?, ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, local_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (session, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (session, "reviewer"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (session, "started"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, json_object_get_string_member_with_default (session, "ended", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (store, error);
      return 0;
    }
  return sqlite3_last_insert_rowid (desk_store_get_db (store));
}

/* How many changes wait for their documents in the library */
static gboolean
count_pending (DeskStore  *store,
               guint      *n_pending,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "SELECT count (*) FROM review_pending", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return desk_store_set_error_from_db (store, error);
  *n_pending = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* What of event @i of a file (@e) this library can check before it is
 * merged: an axis it assigns is one of the library's axes (*@axes, read
 * the first time), its fact, when the library has it, is in the document
 * it names, and it does not bring the changes waiting for documents past
 * DESK_REVIEW_MAX_PENDING (*@n_pending counts them).  Otherwise the file
 * is refused, with the event's number. */
static gboolean
check_event_here (DeskStore        *store,
                  const char       *path,
                  guint             i,
                  const FileEvent  *e,
                  DeskAxes        **axes,
                  guint            *n_pending,
                  GError          **error)
{
  g_autofree char *document = NULL;

  if (g_str_has_prefix (e->field, "axis:"))
    {
      if (*axes == NULL && !(*axes = desk_axes_load_default (error)))
        return FALSE;
      if (desk_axes_lookup (*axes, e->field + 5) == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("event %u assigns a fact to the axis “%s”, which is not one of "
                                                     "this library’s axes"), i + 1, e->field + 5);
          return bad_file (error, path, what);
        }
    }

  /* an entity's change applies whenever the entity comes: it waits for no document */
  if (_desk_review_entity_field (e->field) != DESK_STORE_TARGET_NONE)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *what = NULL;

      if (_desk_review_check_entity_change (e->field, e->new_value, &local_error))
        return TRUE;
      what = g_strdup_printf (_("event %u: %s"), i + 1, local_error->message);
      return bad_file (error, path, what);
    }
  document = _desk_review_document_of (store, e->target);
  if (document != NULL && !g_str_equal (document, e->document))
    {
      g_autofree char *what = g_strdup_printf (_("event %u says the fact “%s” is in the document “%s”, "
                                                 "but it is in “%s”"), i + 1, e->target, e->document, document);
      return bad_file (error, path, what);
    }
  if (document == NULL && !event_known (store, e->uid) && ++*n_pending > DESK_REVIEW_MAX_PENDING)
    {
      g_autofree char *what = g_strdup_printf (_("with its changes to documents this library does not have, more "
                                                 "than %u changes would wait for their documents; import those "
                                                 "documents first"), DESK_REVIEW_MAX_PENDING);
      return bad_file (error, path, what);
    }
  return TRUE;
}

/* Applies one of another officer's events: in force when nobody here
 * changed the field since, a conflict when both did, nothing when it is
 * already so, pending when its document is not in this library. */
static gboolean
merge_event (DeskStore         *store,
             gint64             session_id,
             const char        *session_uid,
             const FileEvent   *e,
             const char        *raw,
             DeskReviewImport  *result,
             GError           **error)
{
  g_autofree char *current = NULL;

  if (event_known (store, e->uid))
    {
      result->unchanged++;
      return TRUE;
    }
  if (_desk_review_entity_field (e->field) == DESK_STORE_TARGET_NONE &&
      (!library_has_document (store, e->document) || !_desk_review_target_exists (store, e->target, e->field)))
    {
      g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, "INSERT OR IGNORE INTO review_pending (event_uid, document_uid,"
                                                     " session_uid, event) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, e->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, e->document, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, session_uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, raw, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return desk_store_set_error_from_db (store, error);
      result->pending++;
      return TRUE;
    }

  current = desk_review_get (store, e->target, e->field);
  if (g_strcmp0 (current, e->new_value) == 0)
    {
      result->unchanged++;
      return _desk_review_insert_event (store, e->uid, session_id, e->time, e->target, e->document, e->field,
                                        e->old_value, e->new_value, EVENT_IN_FORCE, 0, error);
    }
  if (g_strcmp0 (current, e->old_value) == 0 ||
      (current != NULL && e->old_value == NULL && g_str_equal (e->field, "status") && g_str_equal (current, "pending")))
    {
      result->applied++;
      return _desk_review_write_value (store, e->target, e->field, e->new_value, error) &&
             _desk_review_insert_event (store, e->uid, session_id, e->time, e->target, e->document, e->field,
                                        e->old_value, e->new_value, EVENT_IN_FORCE, 0, error);
    }

  {
    DeskReviewConflict *c = g_new0 (DeskReviewConflict, 1);

    c->target = g_strdup (e->target);
    c->document_uid = g_strdup (e->document);
    c->field = g_strdup (e->field);
    c->mine = g_strdup (current);
    c->theirs = g_strdup (e->new_value);
    c->old_value = g_strdup (e->old_value);
    c->event_uid = g_strdup (e->uid);
    c->session_uid = g_strdup (session_uid);
    c->time = g_strdup (e->time);
    g_ptr_array_add (result->conflicts, c);
  }
  return TRUE;
}

/* Merges another officer's review file.  The whole file is checked before
 * anything is written, and applied in one transaction: a bad file leaves
 * the library as it was. */
DeskReviewImport *
desk_review_import (DeskStore   *store,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DeskReviewImport) result = g_new0 (DeskReviewImport, 1);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(DeskAxes) axes = NULL;
  guint n_pending = 0;
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (FileEvent));
  g_autoptr(GPtrArray) raws = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root, *session;
  JsonNode *node;
  JsonArray *list;
  const char *format;
  gint64 session_id;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_review_conflict_free);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE, _("“%s” does not exist"), path);
      else
        bad_file (error, path, local_error->message);
      return NULL;
    }
  if (!(parser = desk_json_parse (contents, len, &local_error)))
    {
      if (local_error->domain == DESK_JSON_ERROR)
        {
          bad_file (error, path, local_error->message);
          return NULL;
        }
      {
        /* TRANSLATORS: the parser's own message follows */
        g_autofree char *what = g_strdup_printf (_("it is not valid JSON, or it is cut short (%s)"), local_error->message);
        bad_file (error, path, what);
      }
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      bad_file (error, path, _("it is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_file (error, path, _("it is not a Dialogue Desk review file"));
      return NULL;
    }
  root = json_node_get_object (node);
  format = json_object_get_string_member_with_default (root, "format", NULL);
  if (json_object_has_member (root, "format") &&
      json_node_get_value_type (json_object_get_member (root, "format")) != G_TYPE_STRING)
    format = NULL;
  if (g_strcmp0 (format, DESK_REVIEW_FORMAT) != 0)
    {
      bad_file (error, path, _("it is not a Dialogue Desk review file"));
      return NULL;
    }
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      bad_file (error, path, _("its “version” is missing or is not a number"));
      return NULL;
    }
  if (json_node_get_int (node) < 1)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      /* TRANSLATORS: %s is the version a file gives, such as -5 */
      g_autofree char *what = g_strdup_printf (_("its “version” is %s, and versions of the review format start at 1"),
                                               version);
      bad_file (error, path, what);
      return NULL;
    }
  if (json_node_get_int (node) > DESK_REVIEW_VERSION)
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NEWER_FILE,
                   _("“%s” was written by a newer version of Dialogue Desk (review format %d; this version reads up to %d)"),
                   path, (int) json_node_get_int (node), DESK_REVIEW_VERSION);
      return NULL;
    }
  node = json_object_get_member (root, "session");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_file (error, path, _("it has no “session”"));
      return NULL;
    }
  session = json_node_get_object (node);
  if (!text_member (session, "uid", FALSE, NULL) || !text_member (session, "name", FALSE, NULL) ||
      !text_member (session, "reviewer", FALSE, NULL) || !text_member (session, "started", FALSE, NULL) ||
      !text_member (session, "ended", TRUE, NULL))
    {
      bad_file (error, path, _("its “session” needs “uid”, “name”, “reviewer” and “started” as text"));
      return NULL;
    }
  node = json_object_get_member (root, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      bad_file (error, path, _("it has no list of “events”"));
      return NULL;
    }
  list = json_node_get_array (node);
  if (!count_pending (store, &n_pending, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *object;
      FileEvent e = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *what = g_strdup_printf (_("event %u is not an object"), i + 1);
          bad_file (error, path, what);
          return NULL;
        }
      object = json_node_get_object (item);
      if (!text_member (object, "uid", FALSE, &e.uid) || !text_member (object, "time", FALSE, &e.time) ||
          !text_member (object, "target", FALSE, &e.target) || !text_member (object, "document", FALSE, &e.document) ||
          !text_member (object, "field", FALSE, &e.field) || !text_member (object, "old", TRUE, &e.old_value) ||
          !text_member (object, "new", TRUE, &e.new_value))
        {
          g_autofree char *what = g_strdup_printf (_("event %u needs “uid”, “time”, “target”, “document” and “field” as text, "
                                                     "and “old” and “new” as text or null"), i + 1);
          bad_file (error, path, what);
          return NULL;
        }
      if (!_desk_review_valid_field (e.field))
        {
          g_autofree char *what = g_strdup_printf (_("event %u changes “%s”, which a review cannot change"), i + 1, e.field);
          bad_file (error, path, what);
          return NULL;
        }
      if (_desk_review_too_long (e.new_value))
        {
          g_autofree char *what = g_strdup_printf (_("event %u gives “%s” %lu characters, more than the %u a review keeps"),
                                                   i + 1, e.field, (gulong) g_utf8_strlen (e.new_value, -1),
                                                   DESK_REVIEW_MAX_CHARS);
          bad_file (error, path, what);
          return NULL;
        }
      if (!_desk_review_check_change (e.field, e.new_value, NULL))
        {
          g_autofree char *what = g_strdup_printf (_("event %u gives “%s” the value “%s”, which it cannot take"),
                                                   i + 1, e.field, e.new_value ? e.new_value : "null");
          bad_file (error, path, what);
          return NULL;
        }
      if (!check_event_here (store, path, i, &e, &axes, &n_pending, error))
        return NULL;
      g_array_append_val (events, e);
      g_ptr_array_add (raws, json_to_string (item, FALSE));
    }

  result->session_name = g_strdup (json_object_get_string_member (session, "name"));
  result->reviewer = g_strdup (json_object_get_string_member (session, "reviewer"));

  if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
    return NULL;
  session_id = ensure_imported_session (store, session, error);
  if (session_id == 0)
    {
      _desk_review_rollback (store);
      return NULL;
    }
  for (guint i = 0; i < events->len; i++)
    if (!merge_event (store, session_id, json_object_get_string_member (session, "uid"),
                      &g_array_index (events, FileEvent, i), g_ptr_array_index (raws, i), result, error))
      {
        _desk_review_rollback (store);
        return NULL;
      }
  if (!_desk_review_exec (store, "COMMIT", error))
    {
      _desk_review_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* Settles a conflict: @theirs takes the other officer's value, else ours
 * stays; either way the decision is logged, and the same file merged again
 * does not ask again. */
gboolean
desk_review_resolve (DeskStore           *store,
                     DeskReviewConflict  *conflict,
                     gboolean             theirs,
                     GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 session_id;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict != NULL, FALSE);

  if (!(stmt = desk_store_prepare (store, "SELECT id FROM review_sessions WHERE origin = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict->session_uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NO_SESSION, _("There is no such review session"));
      return FALSE;
    }
  session_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((theirs && !_desk_review_write_value (store, conflict->target, conflict->field, conflict->theirs, error)) ||
      !_desk_review_insert_event (store, conflict->event_uid, session_id, conflict->time, conflict->target, conflict->document_uid,
                                  conflict->field, theirs ? conflict->mine : conflict->old_value, conflict->theirs,
                                  theirs ? EVENT_IN_FORCE : EVENT_DECLINED, 0, error) ||
      !_desk_review_exec (store, "COMMIT", error))
    {
      _desk_review_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Events that waited for their document: merged now that it is here.
 * Returns how many were merged (conflicts among them are left pending). */
int
desk_review_apply_pending (DeskStore  *store,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int applied = 0;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (store), -1);

  if (!(stmt = desk_store_prepare (store, "SELECT p.event_uid, p.session_uid, p.event FROM review_pending p"
                               " WHERE p.document_uid IN (SELECT uid FROM documents) ORDER BY p.rowid", error)))
    return -1;
  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      char **row = g_new0 (char *, 4);
      row[0] = _desk_review_dup_column (stmt, 0);
      row[1] = _desk_review_dup_column (stmt, 1);
      row[2] = _desk_review_dup_column (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return -1;
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(JsonParser) parser = desk_json_parse (row[2], -1, NULL);
      JsonNode *node = parser != NULL ? json_parser_get_root (parser) : NULL;
      g_autoptr(DeskReviewImport) result = g_new0 (DeskReviewImport, 1);
      g_autoptr(sqlite3_stmt) find = NULL;
      g_autoptr(sqlite3_stmt) drop = NULL;
      JsonObject *o;
      FileEvent e = { 0 };
      gint64 session_id;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      text_member (o, "uid", FALSE, &e.uid);
      text_member (o, "time", FALSE, &e.time);
      text_member (o, "target", FALSE, &e.target);
      text_member (o, "document", FALSE, &e.document);
      text_member (o, "field", FALSE, &e.field);
      text_member (o, "old", TRUE, &e.old_value);
      text_member (o, "new", TRUE, &e.new_value);
      if (e.uid == NULL || e.target == NULL || e.field == NULL || !_desk_review_target_exists (store, e.target, e.field))
        continue;
      result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_review_conflict_free);

      if (!(find = desk_store_prepare (store, "SELECT id FROM review_sessions WHERE origin = ?", error)))
        return -1;
      sqlite3_bind_text (find, 1, row[1], -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue;
      session_id = sqlite3_column_int64 (find, 0);

      if (!_desk_review_exec (store, "BEGIN IMMEDIATE", error))
        return -1;
      if (!(drop = desk_store_prepare (store, "DELETE FROM review_pending WHERE event_uid = ?", error)))
        {
          _desk_review_rollback (store);
          return -1;
        }
      sqlite3_bind_text (drop, 1, e.uid, -1, SQLITE_STATIC);
      if (sqlite3_step (drop) != SQLITE_DONE ||
          !merge_event (store, session_id, row[1], &e, row[2], result, error))
        {
          _desk_review_rollback (store);
          return -1;
        }
      if (result->conflicts->len > 0)
        {
          /* still undecided: keep it waiting for the officer */
          _desk_review_rollback (store);
          continue;
        }
      if (!_desk_review_exec (store, "COMMIT", error))
        {
          _desk_review_rollback (store);
          return -1;
        }
      applied++;
    }
  return applied;
}
