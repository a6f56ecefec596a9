/* desk-store-documents.c: documents written to the library with their
 * outline, paragraphs and facts, in batches, and read back */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "desk-extract.h"
#include "desk-store-private.h"

#define DOCUMENT_COLUMNS DESK_STORE_DOCUMENT_COLUMNS

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               _("There is no document %s in the library"), number);
}

/* A document from a row of DESK_STORE_DOCUMENT_COLUMNS. */
DeskDocument *
desk_store_document_from_row (sqlite3_stmt *stmt)
{
  DeskDocument *doc;

  doc = desk_document_new (sqlite3_column_int64 (stmt, 0),
                            desk_store_column_text (stmt, 1),
                            desk_store_column_text (stmt, 2),
                            desk_store_column_text (stmt, 3),
                            desk_store_column_text (stmt, 4),
                            desk_store_column_text (stmt, 5),
                            desk_store_column_text (stmt, 6),
                            desk_store_column_text (stmt, 7),
                            desk_store_column_text (stmt, 8),
                            sqlite3_column_int64 (stmt, 9),
                            sqlite3_column_int64 (stmt, 10),
                            sqlite3_column_int (stmt, 11));
  desk_document_set_byline (doc, desk_store_column_text (stmt, 12), desk_store_column_text (stmt, 13));
  return doc;
}

static char *
section_uid (const char             *doc_uid,
             const DeskOutlineEntry *entry)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          doc_uid, entry->start, entry->end);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strndup (sum, 32);
}

static const char *
block_kind_name (DeskBlockKind kind)
{
  switch (kind)
    {
    case DESK_BLOCK_HEADING: return "heading";
    case DESK_BLOCK_LIST_ITEM: return "list-item";
    case DESK_BLOCK_PARAGRAPH:
    default: return "paragraph";
    }
}

static gboolean
insert_document (DeskStore           *self,
                 DeskParsedDocument  *doc,
                 DeskDocumentScores  *scores,
                 gint64              *out_id,
                 GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *imported = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = desk_store_cached (self,
                            "INSERT INTO documents (uid, title, path, format, language, languages, published,"
                            " imported, size, n_chars, n_sections, text, extractor_version, author, source)"
                            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, doc->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, doc->format, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, doc->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, doc->languages, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, doc->published, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, imported, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, doc->size);
  sqlite3_bind_int64 (stmt, 10, doc->n_chars);
  sqlite3_bind_int (stmt, 11, doc->outline->len);
  sqlite3_bind_text (stmt, 12, doc->text, -1, SQLITE_STATIC);
  /* the version of the rules that extracted its facts, if they were */
  sqlite3_bind_int (stmt, 13, doc->facts != NULL ? DESK_EXTRACTOR_VERSION : 0);
  sqlite3_bind_text (stmt, 14, doc->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, doc->source, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  id = sqlite3_last_insert_rowid (self->db);
  sqlite3_reset (stmt);

  stmt = desk_store_cached (self,
                            "INSERT INTO sections (document_id, uid, position, depth, number, title, start, \"end\")"
                            " VALUES (?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < doc->outline->len; i++)
    {
      const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
      g_autofree char *uid = section_uid (doc->uid, e);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int (stmt, 4, e->depth);
      sqlite3_bind_text (stmt, 5, e->number, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, e->title, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, e->start);
      sqlite3_bind_int64 (stmt, 8, e->end);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return desk_store_set_error_from_db (self, error);
    }
  sqlite3_reset (stmt);

  stmt = desk_store_cached (self,
                            "INSERT INTO paragraphs (document_id, position, kind, start, \"end\", language)"
                            " VALUES (?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, block_kind_name (p->kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, p->start);
      sqlite3_bind_int64 (stmt, 5, p->end);
      sqlite3_bind_text (stmt, 6, p->language, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return desk_store_set_error_from_db (self, error);
    }
  sqlite3_reset (stmt);

  if (doc->facts != NULL)
    {
      /* the uids computed where the facts were extracted, or now */
      g_autoptr(GPtrArray) computed = doc->fact_uids != NULL && doc->fact_uids->len == doc->facts->len
                                      ? NULL : desk_fact_compute_uids (doc->uid, doc->facts);

      if (!_desk_store_upsert_facts (self, id, doc->facts, computed != NULL ? computed : doc->fact_uids, error) ||
          !_desk_store_write_mentions (self, id, doc->facts, error) ||
          !_desk_store_count_document_facts (self, id, 1, error))
        return FALSE;
    }
  if (scores != NULL && !_desk_store_write_scores (self, id, doc->uid, scores, error))
    return FALSE;

  {
    PendingIndex pending = { id, doc->tokens != NULL ? desk_tokens_ref (doc->tokens) : NULL };

    g_array_append_val (self->fts_pending, pending);
  }
  *out_id = id;
  return TRUE;
}

gboolean
_desk_store_commit (DeskStore  *self,
                    GError    **error)
{
  if (!_desk_store_settle_entities (self, error) || !_desk_store_index_pending (self, error) ||
      !desk_store_exec (self, "COMMIT", error))
    {
      self->entities_new = FALSE;
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->fts_pending, 0);
      return FALSE;
    }
  return TRUE;
}

void
_desk_store_rollback (DeskStore *self)
{
  self->entities_new = FALSE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_array_set_size (self->fts_pending, 0);
}

/* Opens a write transaction that the next desk_store_add_document ()
 * calls share, until desk_store_commit_batch (): import writes documents
 * by the hundred, so that the pages they all touch are written once.  A
 * failed add leaves the batch to be rolled back whole. */
gboolean
desk_store_begin_batch (DeskStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

/* Commits the batch: every document added since it began, or, on error,
 * none of them. */
gboolean
desk_store_commit_batch (DeskStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  return _desk_store_commit (self, error);
}

/* Forgets every document added since the batch began. */
void
desk_store_rollback_batch (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (!self->in_batch)
    return;
  self->in_batch = FALSE;
  _desk_store_rollback (self);
}

/* A document imported again from the same file takes what the file says
 * of its title, author, date and source now (the rules may have learnt
 * since), except what the officer changed: a review of the document's
 * field (review_state, target its uid) keeps the officer's value.  Not
 * for a document written in this transaction: its full-text row is not
 * written yet, and a change of title would update it. */
static gboolean
refresh_metadata (DeskStore           *self,
                  gint64               id,
                  DeskParsedDocument  *doc,
                  GError             **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->fts_pending->len; i++)
    if (g_array_index (self->fts_pending, PendingIndex, i).id == id)
      return TRUE;

  /* the title alone, and only when it changes: an update of the title
   * writes the document's full-text row again */
  stmt = desk_store_cached (self,
                            "UPDATE documents SET title = ?2 WHERE id = ?1 AND path IS ?3 AND title IS NOT ?2"
                            " AND NOT EXISTS (SELECT 1 FROM review_state WHERE target = documents.uid AND field = 'title')",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, doc->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);

  stmt = desk_store_cached (self,
                            "UPDATE documents SET"
                            " author = CASE WHEN EXISTS (SELECT 1 FROM review_state WHERE target = documents.uid"
                            "   AND field = 'author') THEN author ELSE ?2 END,"
                            " published = CASE WHEN EXISTS (SELECT 1 FROM review_state WHERE target = documents.uid"
                            "   AND field = 'published') THEN published ELSE ?3 END,"
                            " source = CASE WHEN EXISTS (SELECT 1 FROM review_state WHERE target = documents.uid"
                            "   AND field = 'source') THEN source ELSE ?4 END"
                            " WHERE id = ?1 AND path IS ?5 AND (author IS NOT ?2 OR published IS NOT ?3 OR source IS NOT ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, doc->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->published, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, doc->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, doc->path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Stores a whole document in one transaction, or nothing of it.  The same
 * content (same uid) is stored once: then out_existed is TRUE and out_id
 * names the document already there. */
gboolean
desk_store_add_document (DeskStore           *self,
                         DeskParsedDocument  *doc,
                         gint64              *out_id,
                         gboolean            *out_existed,
                         GError             **error)
{
  return desk_store_add_scored_document (self, doc, NULL, out_id, out_existed, error);
}

/* Adds @doc with the axis scores made for it (import makes them in its
 * parser threads), so that it needs no scoring afterwards; @scores may be
 * NULL.  A document already in the library is left as it is, but for
 * its title, author, date and source (refresh_metadata). */
gboolean
desk_store_add_scored_document (DeskStore           *self,
                                DeskParsedDocument  *doc,
                                DeskDocumentScores  *scores,
                                gint64              *out_id,
                                gboolean            *out_existed,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean existed = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL && doc->uid != NULL, FALSE);

  if (!self->in_batch && !desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!(stmt = desk_store_cached (self, "SELECT id FROM documents WHERE uid = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, doc->uid, -1, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      id = sqlite3_column_int64 (stmt, 0);
      existed = TRUE;
      break;
    case SQLITE_DONE:
      break;
    default:
      desk_store_set_error_from_db (self, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!existed && !insert_document (self, doc, scores, &id, error))
    goto fail;
  if (existed && !refresh_metadata (self, id, doc, error))
    goto fail;

  if (!self->in_batch && !_desk_store_commit (self, error))
    return FALSE;

  if (out_id)
    *out_id = id;
  if (out_existed)
    *out_existed = existed;
  return TRUE;

fail:
  /* a batch is rolled back by its owner, whole */
  if (!self->in_batch)
    _desk_store_rollback (self);
  return FALSE;
}

gint64
desk_store_count_documents (DeskStore  *self,
                            GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), -1);
  return desk_store_query_int64 (self, "SELECT count(*) FROM documents", error);
}

/* Hands each document to @func as it is read, by title; @func must not
 * write to the library. */
gboolean
desk_store_foreach_document (DeskStore         *self,
                             DeskDocumentFunc   func,
                             gpointer           user_data,
                             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = desk_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents ORDER BY title COLLATE NOCASE, id",
                             error);
  if (stmt == NULL)
    return FALSE;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    if (!func (desk_store_document_from_row (stmt), user_data, error))
      return FALSE;
  return step == DESK_STORE_STEP_DONE;
}

static gboolean
add_document (DeskDocument  *doc,
              gpointer       user_data,
              GError       **error)
{
  g_ptr_array_add (user_data, doc);
  return TRUE;
}

GPtrArray *
desk_store_list_documents (DeskStore  *self,
                           GError    **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!desk_store_foreach_document (self, add_document, docs, error))
    return NULL;
  return g_steal_pointer (&docs);
}

DeskDocument *
desk_store_get_document (DeskStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = desk_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return desk_store_document_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    desk_store_set_error_from_db (self, error);
  return NULL;
}

/* A document by its number, or by its uid or a unique beginning of it. */
DeskDocument *
desk_store_find_document (DeskStore   *self,
                          const char  *id_or_uid,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(DeskDocument) found = NULL;
  g_autofree char *pattern = NULL;
  char *end = NULL;
  gint64 id;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_uid != NULL, NULL);

  id = g_ascii_strtoll (id_or_uid, &end, 10);
  if (*id_or_uid != '\0' && end != NULL && *end == '\0' && id > 0)
    return desk_store_get_document (self, id, error);

  for (const char *p = id_or_uid; *p; p++)
    if (!g_ascii_isxdigit (*p))
      goto not_found;
  if (strlen (id_or_uid) < 4)
    goto not_found;

  pattern = g_strconcat (id_or_uid, "*", NULL);
  stmt = desk_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE uid GLOB lower(?) LIMIT 2",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      if (found != NULL)
        {
          g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                       _("“%s” names more than one document; give more of its identifier"),
                       id_or_uid);
          return NULL;
        }
      found = desk_store_document_from_row (stmt);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  if (found != NULL)
    return g_steal_pointer (&found);

not_found:
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               _("There is no document “%s” in the library"), id_or_uid);
  return NULL;
}

char *
desk_store_get_text (DeskStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!(stmt = desk_store_prepare (self, "SELECT text FROM documents WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (desk_store_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    desk_store_set_error_from_db (self, error);
  return NULL;
}

GPtrArray *
desk_store_get_sections (DeskStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = desk_store_prepare (self,
                             "SELECT uid, position, depth, number, title, start, \"end\" FROM sections"
                             " WHERE document_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (sections,
                     desk_section_new (desk_store_column_text (stmt, 0),
                                       sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2),
                                       desk_store_column_text (stmt, 3),
                                       desk_store_column_text (stmt, 4),
                                       sqlite3_column_int64 (stmt, 5),
                                       sqlite3_column_int64 (stmt, 6)));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&sections);
}

GArray *
desk_store_get_paragraphs (DeskStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) paragraphs = g_array_new (FALSE, TRUE, sizeof (DeskParagraph));
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = desk_store_prepare (self,
                             "SELECT kind, start, \"end\", language FROM paragraphs"
                             " WHERE document_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      DeskParagraph p = { 0 };
      const char *kind = desk_store_column_text (stmt, 0);

      p.kind = g_str_equal (kind, "heading") ? DESK_BLOCK_HEADING
             : g_str_equal (kind, "list-item") ? DESK_BLOCK_LIST_ITEM
             : DESK_BLOCK_PARAGRAPH;
      p.start = sqlite3_column_int64 (stmt, 1);
      p.end = sqlite3_column_int64 (stmt, 2);
      g_strlcpy (p.language, desk_store_column_text (stmt, 3), sizeof p.language);
      g_array_append_val (paragraphs, p);
    }
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&paragraphs);
}

/* A stored document as the extractor wants it: text, paragraphs, outline. */
DeskParsedDocument *
desk_store_load_parsed (DeskStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(DeskParsedDocument) doc = g_new0 (DeskParsedDocument, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = desk_store_prepare (self, "SELECT uid, title, text, language, languages, published, format, path, size, n_chars"
                                   " FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_not_found (error, id);
      else
        desk_store_set_error_from_db (self, error);
      return NULL;
    }
  doc->uid = g_strdup (desk_store_column_text (stmt, 0));
  doc->title = g_strdup (desk_store_column_text (stmt, 1));
  doc->text = g_strdup (desk_store_column_text (stmt, 2));
  doc->language = g_strdup (desk_store_column_text (stmt, 3));
  doc->languages = g_strdup (desk_store_column_text (stmt, 4));
  doc->published = g_strdup (desk_store_column_text (stmt, 5));
  doc->format = g_strdup (desk_store_column_text (stmt, 6));
  doc->path = g_strdup (desk_store_column_text (stmt, 7));
  doc->size = sqlite3_column_int64 (stmt, 8);
  doc->n_chars = sqlite3_column_int64 (stmt, 9);

  if (!(doc->paragraphs = desk_store_get_paragraphs (self, id, error)) ||
      !(sections = desk_store_get_sections (self, id, error)))
    return NULL;
  doc->outline = desk_outline_new ();
  for (guint i = 0; i < sections->len; i++)
    {
      DeskSection *section = g_ptr_array_index (sections, i);
      DeskOutlineEntry e = { 0 };

      e.depth = desk_section_get_depth (section);
      e.number = g_strdup (desk_section_get_number (section));
      e.title = g_strdup (desk_section_get_title (section));
      e.start = desk_section_get_start (section);
      e.end = desk_section_get_end (section);
      g_array_append_val (doc->outline, e);
    }
  return g_steal_pointer (&doc);
}
