/* desk-store-entities.c: people, organizations and places as entities:
 * the mentions import writes, the officer's decisions on them (kept in
 * review_state, mirrored in the entities and aliases tables), and what
 * the Entities view and the command line read */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "desk-locale.h"
#include "desk-store-private.h"

/* Links followed from an entity to the one it is merged into, at most:
 * past them a chain is a loop the officer made, and stops */
#define MAX_LINKS 16

/* Characters of a mention's context on each side, in the lists */
#define CONTEXT_CHARS 70

/* SQL functions */

/* desk_entity_uid (kind, key) or desk_alias_uid (entity uid, form), as
 * the function in @context's user data computes it */
static void
uid_sql (sqlite3_context *context,
         int              argc,
         sqlite3_value  **argv)
{
  char *(*compute) (const char *, const char *) = sqlite3_user_data (context);
  const char *a = (const char *) sqlite3_value_text (argv[0]);
  const char *b = (const char *) sqlite3_value_text (argv[1]);
  g_autofree char *uid = NULL;

  if (a == NULL || b == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  uid = compute (a, b);
  sqlite3_result_text (context, uid, -1, SQLITE_TRANSIENT);
}

/* Names in the order people look for them: accents and case as the
 * locale sorts them ("Áncash" among the A, not after "Z") */
static int
collate_names (void       *data,
               int         a_len,
               const void *a,
               int         b_len,
               const void *b)
{
  g_autofree char *x = g_strndup (a, a_len);
  g_autofree char *y = g_strndup (b, b_len);
  int order = g_utf8_collate (x, y);

  return order != 0 ? order : strcmp (x, y);
}

/* desk_entity_uid (kind, key) and desk_alias_uid (entity uid, form), for
 * the migration that makes the name facts of a library entities, and
 * the order of names */
gboolean
_desk_store_register_entity_functions (DeskStore  *self,
                                       GError    **error)
{
  if (sqlite3_create_function (self->db, "desk_entity_uid", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               desk_entity_compute_uid, uid_sql, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "desk_alias_uid", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               desk_alias_compute_uid, uid_sql, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_collation (self->db, "desk_name", SQLITE_UTF8, NULL, collate_names) != SQLITE_OK)
    return desk_store_set_error_from_db (self, error);
  return TRUE;
}

/* Rows */

void
desk_entity_row_free (DeskEntityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uid);
  g_free (row->name);
  g_free (row->name_es);
  g_free (row->name_en);
  g_free (row->newest);
  g_free (row->note);
  g_strfreev (row->aliases);
  g_free (row);
}

void
desk_mention_row_free (DeskMentionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->document_uid);
  g_free (row->document_title);
  g_free (row->document_published);
  g_free (row->form);
  g_free (row->before);
  g_free (row->after);
  g_free (row->entity_uid);
  g_free (row->entity_name);
  g_free (row);
}

/* Counting */

/* Adds the mentions of document @id, @sign times, to the counts of the
 * entities they are mentions of now: -1 before they change, 1 after.
 * The newest document's date only grows here; a recount sets it whole. */
static gboolean
count_document_mentions (DeskStore  *self,
                         gint64      id,
                         int         sign,
                         GError    **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self,
                                          "UPDATE entities SET n_mentions = n_mentions + ?2 * c.n,"
                                          " n_documents = n_documents + ?2,"
                                          " newest = CASE WHEN ?2 > 0 AND c.published > coalesce (newest, '') THEN c.published ELSE newest END"
                                          " FROM (SELECT coalesce (x.merged_into, x.id) AS final, count (*) AS n,"
                                          "       (SELECT published FROM documents WHERE id = ?1) AS published"
                                          "       FROM mentions m JOIN aliases a ON a.id = m.alias_id JOIN entities x ON x.id = a.entity_id"
                                          "       WHERE m.document_id = ?1 GROUP BY 1) c"
                                          " WHERE entities.id = c.final", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, sign);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Counts again the mentions of the entities in temp.entities_recount
 * (ids of entities that others are merged into, or not): what a merge, a
 * split or a new link moved */
static gboolean
recount (DeskStore  *self,
         GError    **error)
{
  return desk_store_exec (self,
                          "UPDATE entities SET n_mentions = 0, n_documents = 0, newest = NULL"
                          " WHERE id IN (SELECT id FROM temp.entities_recount);"
                          "UPDATE entities SET n_mentions = c.n, n_documents = c.docs, newest = c.newest"
                          " FROM (SELECT coalesce (x.merged_into, x.id) AS final, count (*) AS n,"
                          "       count (DISTINCT m.document_id) AS docs, max (d.published) AS newest"
                          "       FROM entities x JOIN aliases a ON a.entity_id = x.id"
                          "       JOIN mentions m ON m.alias_id = a.id JOIN documents d ON d.id = m.document_id"
                          "       WHERE x.id IN (SELECT id FROM temp.entities_recount)"
                          "          OR x.merged_into IN (SELECT id FROM temp.entities_recount)"
                          "       GROUP BY 1) c"
                          " WHERE entities.id = c.final AND entities.id IN (SELECT id FROM temp.entities_recount);"
                          "DELETE FROM temp.entities_recount;", error);
}

static gboolean
ensure_temp_tables (DeskStore  *self,
                    GError    **error)
{
  return desk_store_exec (self,
                          "CREATE TEMP TABLE IF NOT EXISTS entities_recount (id INTEGER PRIMARY KEY);"
                          "CREATE TEMP TABLE IF NOT EXISTS entity_links (id INTEGER PRIMARY KEY, link INTEGER NOT NULL);",
                          error);
}

/* Decisions */

/* Resolves the links of temp.entity_links to the entity at the end of
 * each chain, and writes it as merged_into; the entities whose place
 * changed, and where they were and are now, are counted again. */
static gboolean
resolve_links (DeskStore  *self,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *update, *mark;
  GHashTableIter iter;
  gpointer key, value;
  DeskStoreStep step;

  if (!(stmt = desk_store_prepare (self, "SELECT id, link FROM temp.entity_links", error)))
    return FALSE;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_hash_table_insert (links, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(stmt = desk_store_prepare (self, "SELECT id, merged_into FROM entities WHERE merged_into IS NOT NULL", error)))
    return FALSE;
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_hash_table_insert (before, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  if (step == DESK_STORE_STEP_FAILED)
    return FALSE;

  if (!(update = desk_store_cached (self, "UPDATE entities SET merged_into = ?2 WHERE id = ?1", error)) ||
      !(mark = desk_store_cached (self, "INSERT OR IGNORE INTO temp.entities_recount (id) VALUES (?)", error)))
    return FALSE;

#define MARK(id_value) \
  G_STMT_START { \
    sqlite3_reset (mark); \
    sqlite3_bind_int64 (mark, 1, (id_value)); \
    if (sqlite3_step (mark) != SQLITE_DONE) \
      return desk_store_set_error_from_db (self, error); \
  } G_STMT_END

  /* entities merged before and no longer */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (links, key))
      {
        sqlite3_reset (update);
        sqlite3_bind_int64 (update, 1, *(gint64 *) key);
        sqlite3_bind_null (update, 2);
        if (sqlite3_step (update) != SQLITE_DONE)
          return desk_store_set_error_from_db (self, error);
        MARK (*(gint64 *) key);
        MARK (*(gint64 *) value);
      }

  /* and those merged now, at the end of their chain */
  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 final = *(gint64 *) value;
      gint64 *old;

      for (guint n = 0; n < MAX_LINKS; n++)
        {
          gint64 *next = g_hash_table_lookup (links, &final);

          if (next == NULL || *next == *(gint64 *) key)
            break;
          final = *next;
        }
      if (final == *(gint64 *) key)
        continue;
      old = g_hash_table_lookup (before, key);
      if (old != NULL && *old == final)
        continue;
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, *(gint64 *) key);
      sqlite3_bind_int64 (update, 2, final);
      if (sqlite3_step (update) != SQLITE_DONE)
        return desk_store_set_error_from_db (self, error);
      MARK (*(gint64 *) key);
      MARK (final);
      if (old != NULL)
        MARK (*old);
    }
#undef MARK
  sqlite3_reset (update);
  sqlite3_reset (mark);
  return TRUE;
}

/* Applies what review_state says of entities and aliases (their names,
 * kinds, rejections, merges and splits) to the entities and aliases
 * tables, links short forms to the one entity whose long form they
 * are, and counts again what moved.  Inside the caller's transaction. */
gboolean
_desk_store_apply_entity_decisions (DeskStore  *self,
                                    GError    **error)
{
  if (!ensure_temp_tables (self, error))
    return FALSE;

  return
    /* an alias split off: its own entity, named as the alias is written */
    desk_store_exec (self,
                     "INSERT OR IGNORE INTO entities (uid, kind, key, name_es, name_en)"
                     " SELECT r.value, b.kind, a.form, a.form, a.form FROM review_state r"
                     " JOIN aliases a ON a.uid = r.target JOIN entities b ON b.id = a.base_id"
                     " WHERE r.field = 'split' AND r.value IS NOT NULL;"
                     "INSERT OR IGNORE INTO temp.entities_recount (id)"
                     " SELECT a.entity_id FROM aliases a WHERE a.entity_id <> a.base_id"
                     "  OR a.uid IN (SELECT target FROM review_state WHERE field = 'split');"
                     "UPDATE aliases SET entity_id = coalesce ((SELECT e.id FROM review_state r JOIN entities e ON e.uid = r.value"
                     "                                          WHERE r.target = aliases.uid AND r.field = 'split'), base_id)"
                     " WHERE entity_id <> base_id OR uid IN (SELECT target FROM review_state WHERE field = 'split');"
                     "INSERT OR IGNORE INTO temp.entities_recount (id)"
                     " SELECT a.entity_id FROM aliases a WHERE a.entity_id <> a.base_id;"
                     /* names, kinds and rejections */
                     "UPDATE entities SET"
                     " name = (SELECT value FROM review_state WHERE target = entities.uid AND field = 'name'),"
                     " kind_set = (SELECT value FROM review_state WHERE target = entities.uid AND field = 'kind'),"
                     " rejected = EXISTS (SELECT 1 FROM review_state WHERE target = entities.uid AND field = 'not_entity'"
                     "                    AND value = 'yes')"
                     " WHERE name IS NOT (SELECT value FROM review_state WHERE target = entities.uid AND field = 'name')"
                     "  OR kind_set IS NOT (SELECT value FROM review_state WHERE target = entities.uid AND field = 'kind')"
                     "  OR rejected <> EXISTS (SELECT 1 FROM review_state WHERE target = entities.uid AND field = 'not_entity'"
                     "                         AND value = 'yes');"
                     /* the officer's merges; "" keeps an entity apart from the links below */
                     "DELETE FROM temp.entity_links;"
                     "INSERT OR IGNORE INTO temp.entity_links (id, link)"
                     " SELECT e.id, t.id FROM review_state r JOIN entities e ON e.uid = r.target"
                     " JOIN entities t ON t.uid = r.value WHERE r.field = 'merged_into' AND t.id <> e.id;"
                     /* a name that is how exactly one other entity of its kind is also
                      * written, longer ("Trump" where "Donald Trump" is written "Trump"
                      * too; "DEVIDA" beside "Comisión Nacional … (DEVIDA)") */
                     "INSERT OR IGNORE INTO temp.entity_links (id, link)"
                     " SELECT e.id, min (a.entity_id) FROM entities e"
                     " JOIN aliases a ON a.form = e.key AND a.entity_id <> e.id"
                     " JOIN entities o ON o.id = a.entity_id AND o.kind = e.kind AND length (o.key) > length (e.key)"
                     " WHERE NOT EXISTS (SELECT 1 FROM review_state r WHERE r.target = e.uid AND r.field = 'merged_into')"
                     "   AND NOT EXISTS (SELECT 1 FROM review_state r WHERE r.field = 'split' AND r.value = e.uid)"
                     " GROUP BY e.id HAVING count (DISTINCT a.entity_id) = 1;"
                     /* a person's surname alone ("Bush", "De Zela"), where one person
                      * of the library has it */
                     "INSERT OR IGNORE INTO temp.entity_links (id, link)"
                     " SELECT e.id, min (o.id) FROM entities e JOIN entities o"
                     "  ON o.kind = 'person' AND o.id <> e.id AND lower (substr (o.key, -length (e.key) - 1)) = lower (' ' || e.key)"
                     " WHERE e.kind = 'person'"
                     "   AND NOT EXISTS (SELECT 1 FROM review_state r WHERE r.target = e.uid AND r.field = 'merged_into')"
                     "   AND NOT EXISTS (SELECT 1 FROM review_state r WHERE r.field = 'split' AND r.value = e.uid)"
                     " GROUP BY e.id HAVING count (*) = 1;", error) &&
    resolve_links (self, error) &&
    recount (self, error);
}

/* Brings the entities of a library up to date when their counts were
 * never made (a library upgraded from before entities) */
gboolean
desk_store_update_entities (DeskStore  *self,
                            GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (self->read_only || desk_store_get_state (self, "entities_counted") > 0)
    return TRUE;
  if (!ensure_temp_tables (self, error) || !desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!desk_store_exec (self, "INSERT OR IGNORE INTO temp.entities_recount (id) SELECT id FROM entities", error) ||
      !_desk_store_apply_entity_decisions (self, error) ||
      !desk_store_exec (self, "INSERT OR IGNORE INTO temp.entities_recount (id) SELECT id FROM entities", error) ||
      !recount (self, error) ||
      !desk_store_set_state (self, "entities_counted", 1, error) ||
      !desk_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Writing */

/* The names of the extractor's fact @f in each language: its extra
 * member "es" when the gazetteer writes it otherwise in Spanish */
static void
names_of (const DeskFact  *f,
          char           **name_es)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  *name_es = NULL;
  if (f->extra == NULL || strstr (f->extra, "\"es\"") == NULL)
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, f->extra, -1, NULL) || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return;
  *name_es = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "es", NULL));
}

static gint64
entity_id_of (DeskStore       *self,
              const DeskFact  *f,
              GError         **error)
{
  sqlite3_stmt *insert = desk_store_cached (self,
                                            "INSERT INTO entities (uid, kind, key, name_es, name_en) VALUES (?1, ?2, ?3, ?4, ?3)"
                                            /* a mention that knows the Spanish name (a gazetteer's) gives it;
                                             * one that does not (an acronym's) keeps what is known */
                                            " ON CONFLICT (kind, key) DO UPDATE SET name_es = excluded.name_es"
                                            " WHERE excluded.name_es IS NOT excluded.name_en AND name_es IS NOT excluded.name_es", error);
  sqlite3_stmt *select = insert == NULL ? NULL : desk_store_cached (self, "SELECT id FROM entities WHERE kind = ? AND key = ?", error);
  g_autofree char *uid = NULL;
  g_autofree char *name_es = NULL;
  const char *kind = desk_fact_kind_to_string (f->kind);
  gint64 id = -1;

  if (select == NULL)
    return -1;
  uid = desk_entity_compute_uid (kind, f->value);
  names_of (f, &name_es);
  sqlite3_reset (insert);
  sqlite3_bind_text (insert, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, f->value, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, name_es != NULL ? name_es : f->value, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (self, error);
      sqlite3_reset (insert);
      return -1;
    }
  sqlite3_reset (insert);
  sqlite3_reset (select);
  sqlite3_bind_text (select, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (select, 2, f->value, -1, SQLITE_STATIC);
  if (sqlite3_step (select) == SQLITE_ROW)
    id = sqlite3_column_int64 (select, 0);
  else
    desk_store_set_error_from_db (self, error);
  sqlite3_reset (select);
  return id;
}

static gint64
alias_id_of (DeskStore       *self,
             gint64           entity_id,
             const DeskFact  *f,
             GError         **error)
{
  sqlite3_stmt *insert = desk_store_cached (self,
                                            "INSERT OR IGNORE INTO aliases (uid, base_id, entity_id, form)"
                                            " SELECT desk_alias_uid (uid, ?2), id, id, ?2 FROM entities WHERE id = ?1", error);
  sqlite3_stmt *select = insert == NULL ? NULL
                       : desk_store_cached (self, "SELECT a.id FROM aliases a JOIN entities e ON e.id = a.base_id"
                                                  " WHERE a.uid = desk_alias_uid (e.uid, ?2) AND e.id = ?1", error);
  gint64 id = -1;

  if (select == NULL)
    return -1;
  sqlite3_reset (insert);
  sqlite3_bind_int64 (insert, 1, entity_id);
  sqlite3_bind_text (insert, 2, f->text, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      desk_store_set_error_from_db (self, error);
      sqlite3_reset (insert);
      return -1;
    }
  sqlite3_reset (insert);
  sqlite3_reset (select);
  sqlite3_bind_int64 (select, 1, entity_id);
  sqlite3_bind_text (select, 2, f->text, -1, SQLITE_STATIC);
  if (sqlite3_step (select) == SQLITE_ROW)
    id = sqlite3_column_int64 (select, 0);
  else
    desk_store_set_error_from_db (self, error);
  sqlite3_reset (select);
  return id;
}

/* Writes the names among @facts as the mentions of document @id, in
 * place of those it had; their entities and aliases are made as they
 * first come.  Inside the caller's transaction. */
gboolean
_desk_store_write_mentions (DeskStore  *self,
                            gint64      id,
                            GArray     *facts,
                            GError    **error)
{
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt, *clear;
  gboolean had_new = FALSE;

  if (!ensure_temp_tables (self, error) || !count_document_mentions (self, id, -1, error) ||
      !(clear = desk_store_cached (self, "DELETE FROM mentions WHERE document_id = ?", error)) ||
      !(stmt = desk_store_cached (self, "INSERT OR REPLACE INTO mentions (document_id, start, \"end\", alias_id, sentence)"
                                        " VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_reset (clear);
  sqlite3_bind_int64 (clear, 1, id);
  if (sqlite3_step (clear) != SQLITE_DONE)
    return desk_store_set_error_from_db (self, error);
  sqlite3_reset (clear);

  for (guint i = 0; facts != NULL && i < facts->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);
      g_autofree char *entity_key = NULL;
      char *alias_key;
      gint64 *entity_id, *alias_id;

      if (!desk_fact_kind_is_name (f->kind) || f->value == NULL || f->text == NULL)
        continue;
      entity_key = g_strdup_printf ("%d\x1f%s", f->kind, f->value);
      /* the first mention of a name that says its Spanish name gives it
       * (the first of the document may be an acronym's, that does not) */
      if (f->extra != NULL && !g_hash_table_contains (named, entity_key) && strstr (f->extra, "\"es\"") != NULL)
        {
          g_hash_table_add (named, g_strdup (entity_key));
          g_hash_table_remove (entities, entity_key);
        }
      if ((entity_id = g_hash_table_lookup (entities, entity_key)) == NULL)
        {
          gint64 found;
          gint64 before = sqlite3_last_insert_rowid (self->db);

          if ((found = entity_id_of (self, f, error)) < 0)
            return FALSE;
          had_new |= sqlite3_last_insert_rowid (self->db) != before;
          entity_id = g_memdup2 (&found, sizeof found);
          g_hash_table_insert (entities, g_strdup (entity_key), entity_id);
        }
      alias_key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", *entity_id, f->text);
      if ((alias_id = g_hash_table_lookup (aliases, alias_key)) == NULL)
        {
          gint64 found = alias_id_of (self, *entity_id, f, error);

          if (found < 0)
            {
              g_free (alias_key);
              return FALSE;
            }
          alias_id = g_memdup2 (&found, sizeof found);
          g_hash_table_insert (aliases, alias_key, alias_id);
        }
      else
        g_free (alias_key);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, f->start);
      sqlite3_bind_int64 (stmt, 3, f->end);
      sqlite3_bind_int64 (stmt, 4, *alias_id);
      sqlite3_bind_int64 (stmt, 5, f->sentence);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return desk_store_set_error_from_db (self, error);
    }
  sqlite3_reset (stmt);
  if (!count_document_mentions (self, id, 1, error))
    return FALSE;
  /* a new name may be another's short form, or an alias the officer split off before */
  if (had_new)
    self->entities_new = TRUE;
  return TRUE;
}

/* What a write transaction leaves to do before it ends: new entities
 * take the officer's decisions and their links */
gboolean
_desk_store_settle_entities (DeskStore  *self,
                             GError    **error)
{
  if (!self->entities_new)
    return TRUE;
  self->entities_new = FALSE;
  return _desk_store_apply_entity_decisions (self, error);
}

/* Reading */

#define ENTITY_NAME_SQL(lang) "coalesce (e.name, CASE " lang " WHEN 'es' THEN e.name_es ELSE e.name_en END)"
#define ENTITY_COLUMNS \
  "e.id, e.uid, coalesce (e.kind_set, e.kind), " ENTITY_NAME_SQL ("?9") ", e.name_es, e.name_en, e.name IS NOT NULL," \
  " e.n_mentions, e.n_documents, e.newest, e.rejected," \
  " (SELECT value FROM review_state WHERE target = e.uid AND field = 'note')"

static DeskEntityRow *
entity_from_stmt (sqlite3_stmt *stmt)
{
  DeskEntityRow *row = g_new0 (DeskEntityRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->uid = g_strdup (desk_store_column_text (stmt, 1));
  desk_fact_kind_from_string (desk_store_column_text (stmt, 2), &row->kind);
  row->name = g_strdup (desk_store_column_text (stmt, 3));
  row->name_es = g_strdup (desk_store_column_text (stmt, 4));
  row->name_en = g_strdup (desk_store_column_text (stmt, 5));
  row->renamed = sqlite3_column_int (stmt, 6);
  row->n_mentions = sqlite3_column_int64 (stmt, 7);
  row->n_documents = sqlite3_column_int64 (stmt, 8);
  row->newest = g_strdup (desk_store_column_text (stmt, 9));
  row->rejected = sqlite3_column_int (stmt, 10);
  row->note = g_strdup (desk_store_column_text (stmt, 11));
  return row;
}

static const char *
language_or_default (const char *language)
{
  return language != NULL ? language : desk_locale_language ();
}

/* The ways of writing entity @id and of those merged into it */
static GStrv
read_aliases (DeskStore  *self,
              gint64      id,
              GError    **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self,
                                          "SELECT DISTINCT a.form FROM entities x JOIN aliases a ON a.entity_id = x.id"
                                          " WHERE (x.id = ?1 OR x.merged_into = ?1)"
                                          " AND EXISTS (SELECT 1 FROM mentions m WHERE m.alias_id = a.id)"
                                          " ORDER BY a.form COLLATE desk_name", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  DeskStoreStep step;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_strv_builder_add (builder, desk_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_strv_builder_end (builder);
}

/* The WHERE of a list of entities: those merged into none, kept or
 * rejected as @filter asks, of its kind, whose names hold its words */
static void
append_entity_conditions (GString                *sql,
                          const DeskEntityFilter *filter)
{
  g_string_append (sql, " WHERE e.merged_into IS NULL AND e.n_mentions > 0");
  g_string_append (sql, filter != NULL && filter->rejected ? " AND e.rejected = 1" : " AND e.rejected = 0");
  if (filter != NULL && filter->kind >= 0)
    g_string_append (sql, " AND coalesce (e.kind_set, e.kind) = ?1");
  if (filter != NULL && filter->words != NULL && *filter->words != '\0')
    g_string_append (sql, " AND (" ENTITY_NAME_SQL ("?9") " LIKE ?2 ESCAPE '\\' OR e.name_es LIKE ?2 ESCAPE '\\'"
                          " OR e.name_en LIKE ?2 ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities x JOIN aliases a"
                          " ON a.entity_id = x.id WHERE (x.id = e.id OR x.merged_into = e.id) AND a.form LIKE ?2 ESCAPE '\\'))");
}

static void
bind_entity_filter (sqlite3_stmt           *stmt,
                    const DeskEntityFilter *filter,
                    const char             *language)
{
  if (filter != NULL && filter->kind >= 0)
    sqlite3_bind_text (stmt, 1, desk_fact_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  if (filter != NULL && filter->words != NULL && *filter->words != '\0')
    {
      g_autoptr(GString) pattern = g_string_new ("%");

      for (const char *p = filter->words; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      sqlite3_bind_text (stmt, 2, pattern->str, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 9, language, -1, SQLITE_STATIC);
}

gint64
desk_store_count_entities (DeskStore               *self,
                           const DeskEntityFilter  *filter,
                           GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM entities e");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), -1);

  append_entity_conditions (sql, filter);
  if (!(stmt = desk_store_prepare (self, sql->str, error)))
    return -1;
  bind_entity_filter (stmt, filter, language_or_default (filter ? filter->language : NULL));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      desk_store_set_error_from_db (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* A page of the entities @filter selects, sorted as it says, each with
 * its aliases */
GPtrArray *
desk_store_list_entities (DeskStore               *self,
                          const DeskEntityFilter  *filter,
                          guint                    offset,
                          guint                    limit,
                          GError                 **error)
{
  static const char * const orders[] = {
    [DESK_ENTITY_SORT_NAME] = ENTITY_NAME_SQL ("?9") " COLLATE desk_name %s, e.id",
    [DESK_ENTITY_SORT_KIND] = "coalesce (e.kind_set, e.kind) %s, e.n_mentions DESC, e.id",
    [DESK_ENTITY_SORT_MENTIONS] = "e.n_mentions %s, e.id",
    [DESK_ENTITY_SORT_DOCUMENTS] = "e.n_documents %s, e.n_mentions DESC, e.id",
    [DESK_ENTITY_SORT_NEWEST] = "coalesce (e.newest, '') %s, e.n_mentions DESC, e.id",
  };
  g_autoptr(GString) sql = g_string_new ("SELECT " ENTITY_COLUMNS " FROM entities e");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_entity_row_free);
  DeskEntitySort sort = filter != NULL ? filter->sort : DESK_ENTITY_SORT_MENTIONS;
  gboolean descending = filter != NULL ? filter->descending : TRUE;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort < G_N_ELEMENTS (orders), NULL);

  append_entity_conditions (sql, filter);
  g_string_append (sql, " ORDER BY ");
  g_string_append_printf (sql, orders[sort], descending ? "DESC" : "ASC");
  g_string_append (sql, " LIMIT ?3 OFFSET ?4");
  if (!(stmt = desk_store_prepare (self, sql->str, error)))
    return NULL;
  bind_entity_filter (stmt, filter, language_or_default (filter ? filter->language : NULL));
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (rows, entity_from_stmt (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      DeskEntityRow *row = g_ptr_array_index (rows, i);

      if (!(row->aliases = read_aliases (self, row->id, error)))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

/* An entity by its number or uid, in @language ("es", "en", or NULL for
 * the interface's), with its aliases; one merged into another gives
 * that other */
DeskEntityRow *
desk_store_get_entity (DeskStore   *self,
                       const char  *id_or_uid,
                       const char  *language,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(DeskEntityRow) row = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_uid != NULL, NULL);

  stmt = desk_store_prepare (self, "SELECT " ENTITY_COLUMNS " FROM entities e WHERE e.id = (SELECT coalesce (merged_into, id)"
                                   " FROM entities WHERE uid = ?1 OR (id = CAST (?1 AS INTEGER) AND ?1 GLOB '[0-9]*'))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, language_or_default (language), -1, SQLITE_STATIC);
  switch (desk_store_step (self, stmt, error))
    {
    case DESK_STORE_STEP_FAILED:
      return NULL;
    case DESK_STORE_STEP_DONE:
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND, _("There is no entity “%s” in the library"), id_or_uid);
      return NULL;
    case DESK_STORE_STEP_ROW:
      break;
    }
  row = entity_from_stmt (stmt);
  if (!(row->aliases = read_aliases (self, row->id, error)))
    return NULL;
  return g_steal_pointer (&row);
}

/* The text of document @document_id from @start to @end, as a string */
#define CONTEXT_COLUMNS \
  " substr (d.text, max (1, m.start - " G_STRINGIFY (CONTEXT_CHARS) " + 1), m.start - max (0, m.start - " G_STRINGIFY (CONTEXT_CHARS) "))," \
  " substr (d.text, m.\"end\" + 1, " G_STRINGIFY (CONTEXT_CHARS) ")"

static DeskMentionRow *
mention_from_stmt (sqlite3_stmt *stmt)
{
  DeskMentionRow *row = g_new0 (DeskMentionRow, 1);

  row->document_id = sqlite3_column_int64 (stmt, 0);
  row->document_uid = g_strdup (desk_store_column_text (stmt, 1));
  row->document_title = g_strdup (desk_store_column_text (stmt, 2));
  row->document_published = g_strdup (desk_store_column_text (stmt, 3));
  row->start = sqlite3_column_int64 (stmt, 4);
  row->end = sqlite3_column_int64 (stmt, 5);
  row->form = g_strdup (desk_store_column_text (stmt, 6));
  row->entity_uid = g_strdup (desk_store_column_text (stmt, 7));
  row->entity_name = g_strdup (desk_store_column_text (stmt, 8));
  desk_fact_kind_from_string (desk_store_column_text (stmt, 9), &row->kind);
  row->before = g_strdup (desk_store_column_text (stmt, 10));
  row->after = g_strdup (desk_store_column_text (stmt, 11));
  /* the context of a mention is its paragraph's: a title is not read
   * as the start of the sentence after it */
  if (row->before != NULL && strrchr (row->before, '\n') != NULL)
    {
      char *cut = g_strdup (strrchr (row->before, '\n') + 1);

      g_free (row->before);
      row->before = cut;
    }
  if (row->after != NULL && strchr (row->after, '\n') != NULL)
    *strchr (row->after, '\n') = '\0';
  return row;
}

#define MENTION_COLUMNS \
  "m.document_id, d.uid, d.title, d.published, m.start, m.\"end\", a.form, e.uid, " ENTITY_NAME_SQL ("?9") "," \
  " coalesce (e.kind_set, e.kind)"
#define MENTION_JOINS \
  " FROM mentions m JOIN aliases a ON a.id = m.alias_id JOIN entities x ON x.id = a.entity_id" \
  " JOIN entities e ON e.id = coalesce (x.merged_into, x.id) JOIN documents d ON d.id = m.document_id"

/* A page of the mentions of entity @uid, with their context, newest
 * document first */
GPtrArray *
desk_store_list_entity_mentions (DeskStore   *self,
                                 const char  *uid,
                                 const char  *language,
                                 guint        offset,
                                 guint        limit,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_mention_row_free);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = desk_store_prepare (self, "SELECT " MENTION_COLUMNS "," CONTEXT_COLUMNS MENTION_JOINS
                                   " WHERE e.uid = ?1 OR x.uid = ?1"
                                   " ORDER BY coalesce (d.published, '') DESC, d.id, m.start LIMIT ?2 OFFSET ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  sqlite3_bind_text (stmt, 9, language_or_default (language), -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (rows, mention_from_stmt (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&rows);
}

/* Hands every mention of the library (of document @document_id, or of
 * all for 0) to @func, in the order of the library, one at a time (the
 * command line's facts --mentions) */
gboolean
desk_store_foreach_mention (DeskStore        *self,
                            gint64            document_id,
                            const char       *language,
                            DeskMentionFunc   func,
                            gpointer          user_data,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* one document's are looked up by its key, not found in a scan of all */
  stmt = desk_store_prepare (self, document_id > 0
                                   ? "SELECT " MENTION_COLUMNS ", NULL, NULL" MENTION_JOINS
                                     " WHERE e.rejected = 0 AND m.document_id = ?1 ORDER BY m.start"
                                   : "SELECT " MENTION_COLUMNS ", NULL, NULL" MENTION_JOINS
                                     " WHERE e.rejected = 0 ORDER BY m.document_id, m.start", error);
  if (stmt == NULL)
    return FALSE;
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 9, language_or_default (language), -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    if (!func (mention_from_stmt (stmt), user_data, error))
      return FALSE;
  return step == DESK_STORE_STEP_DONE;
}

static gboolean
add_mention (DeskMentionRow  *row,
             gpointer         user_data,
             GError         **error)
{
  g_ptr_array_add (user_data, row);
  return TRUE;
}

/* The mentions of document @document_id in text order, of entities not
 * rejected, without context: what its reading view highlights */
GPtrArray *
desk_store_list_document_mentions (DeskStore   *self,
                                   gint64       document_id,
                                   const char  *language,
                                   GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_mention_row_free);

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (document_id > 0, NULL);

  if (!desk_store_foreach_mention (self, document_id, language, add_mention, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The documents that mention entity @uid, newest first */
GPtrArray *
desk_store_list_entity_documents (DeskStore   *self,
                                  const char  *uid,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = desk_store_prepare (self, "SELECT " DESK_STORE_DOCUMENT_COLUMNS " FROM documents WHERE id IN"
                                   " (SELECT m.document_id FROM entities e JOIN entities x ON x.id = e.id OR x.merged_into = e.id"
                                   "  JOIN aliases a ON a.entity_id = x.id JOIN mentions m ON m.alias_id = a.id"
                                   "  WHERE e.id = (SELECT coalesce (merged_into, id) FROM entities WHERE uid = ?1))"
                                   " ORDER BY coalesce (published, '') DESC, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (rows, desk_store_document_from_row (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The claims whose sentences name entity @uid, in the order of the
 * library, @limit at most */
GPtrArray *
desk_store_list_entity_claims (DeskStore   *self,
                               const char  *uid,
                               guint        limit,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = desk_store_prepare (self, "SELECT " DESK_STORE_FACT_ROW_COLUMNS DESK_STORE_FACT_ROW_JOINS
                                   " WHERE f.id IN (SELECT f2.id FROM entities e"
                                   "  JOIN entities x ON x.id = e.id OR x.merged_into = e.id"
                                   "  JOIN aliases a ON a.entity_id = x.id JOIN mentions m ON m.alias_id = a.id"
                                   "  JOIN facts f2 ON f2.document_id = m.document_id AND f2.sentence = m.sentence"
                                   "  WHERE e.id = (SELECT coalesce (merged_into, id) FROM entities WHERE uid = ?1))"
                                   " ORDER BY f.document_id, f.start LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_ptr_array_add (rows, _desk_store_fact_row_from_stmt (stmt));
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The names of the entities the sentence at @sentence of document
 * @document_id names, most mentioned first: what a claim there is about */
GStrv
desk_store_list_sentence_entities (DeskStore   *self,
                                   gint64       document_id,
                                   gint64       sentence,
                                   const char  *language,
                                   GError     **error)
{
  sqlite3_stmt *stmt = desk_store_cached (self,
                                          "SELECT " ENTITY_NAME_SQL ("?9") " FROM mentions m JOIN aliases a ON a.id = m.alias_id"
                                          " JOIN entities x ON x.id = a.entity_id JOIN entities e ON e.id = coalesce (x.merged_into, x.id)"
                                          " WHERE m.document_id = ?1 AND m.sentence = ?2 AND e.rejected = 0"
                                          " GROUP BY e.id ORDER BY min (m.start)", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  DeskStoreStep step;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, sentence);
  sqlite3_bind_text (stmt, 9, language_or_default (language), -1, SQLITE_STATIC);
  while ((step = desk_store_step (self, stmt, error)) == DESK_STORE_STEP_ROW)
    g_strv_builder_add (builder, desk_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (step == DESK_STORE_STEP_FAILED)
    return NULL;
  return g_strv_builder_end (builder);
}

/* The uid of the alias @form of entity @uid (or of one merged into it),
 * or NULL with an error naming both */
char *
desk_store_find_alias (DeskStore   *self,
                       const char  *uid,
                       const char  *form,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = desk_store_prepare (self, "SELECT a.uid FROM entities e JOIN entities x ON x.id = e.id OR x.merged_into = e.id"
                                   " JOIN aliases a ON a.entity_id = x.id"
                                   " WHERE e.id = (SELECT coalesce (merged_into, id) FROM entities WHERE uid = ?1) AND a.form = ?2"
                                   " ORDER BY a.entity_id = a.base_id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, form, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (desk_store_column_text (stmt, 0));
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND, _("The entity “%s” is not written “%s” in the library"),
               uid, form);
  return NULL;
}

G_STATIC_ASSERT (DESK_STORE_TARGET_FACT == 1 && DESK_STORE_TARGET_ENTITY == 2 && DESK_STORE_TARGET_ALIAS == 3 &&
                 DESK_STORE_TARGET_DOCUMENT == 4);

/* What kind of thing a review target uid is in this library */
DeskStoreTarget
desk_store_target_kind (DeskStore  *self,
                        const char *uid)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), DESK_STORE_TARGET_NONE);

  stmt = desk_store_cached (self,
                            "SELECT 1 FROM facts WHERE uid = ?1"
                            " UNION ALL SELECT 2 FROM entities WHERE uid = ?1"
                            " UNION ALL SELECT 3 FROM aliases WHERE uid = ?1"
                            " UNION ALL SELECT 4 FROM documents WHERE uid = ?1 LIMIT 1",
                            NULL);
  DeskStoreTarget kind = DESK_STORE_TARGET_NONE;

  if (stmt == NULL)
    return DESK_STORE_TARGET_NONE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return kind;
}
