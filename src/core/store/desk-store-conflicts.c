/* desk-store-conflicts.c: facts of different documents that disagree,
 * computed over the library and kept up to date as it grows */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "desk-store-private.h"

/* Conflicts
 *
 * Every fact of a measure or a name is compared with those that share its
 * words, across the whole library: the facts are held in a compact form
 * (rowids, words as numbers of one dictionary), the figures all at once,
 * the names one name at a time as SQL sorts them, so that memory grows
 * with the vocabulary and the figures, not with the whole library. */

typedef struct
{
  GHashTable *ids;        /* term → its number + 1 */
  GPtrArray *terms;       /* number → term */
  GByteArray *flags;      /* number → TERM_ENTITY, TERM_BACKGROUND */
  GHashTable *background; /* "@name" of names too common to tell claims apart */
} Dictionary;

#define TERM_ENTITY 1     /* "@name" */
#define TERM_BACKGROUND 2 /* a name of the background */

typedef struct
{
  gint64 id;
  char *uid;            /* what a conflict names it by */
  gint64 document_id;
  DeskFactKind kind;
  DeskModality modality;
  guint value;          /* in the dictionary */
  guint unit;
  gint64 sentence;      /* of a name: where its terms are */
  GArray *terms;        /* guint, ascending; of a name, NULL until needed */
} ConflictFact;

static void
conflict_fact_free (gpointer data)
{
  ConflictFact *f = data;

  g_clear_pointer (&f->terms, g_array_unref);
  g_free (f->uid);
  g_free (f);
}

static guint
dictionary_id (Dictionary *dict,
               const char *term)
{
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (dict->ids, term));

  if (id == 0)
    {
      char *copy = g_strdup (term);
      guint8 flags = (term[0] == '@' ? TERM_ENTITY : 0) |
                     (g_hash_table_contains (dict->background, term) ? TERM_BACKGROUND : 0);

      g_ptr_array_add (dict->terms, copy);
      g_byte_array_append (dict->flags, &flags, 1);
      id = dict->terms->len;
      g_hash_table_insert (dict->ids, copy, GUINT_TO_POINTER (id));
    }
  return id - 1;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The numbers of the terms of @text (separated by spaces), ascending */
static GArray *
dictionary_ids (Dictionary *dict,
                const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  char term[128];

  /* each term copied out only to be looked up, most of them short */
  for (const char *p = text; *p;)
    {
      const char *start = p;
      gsize n;

      while (*p && *p != ' ')
        p++;
      n = p - start;
      if (n > 0)
        {
          g_autofree char *longer = n < sizeof term ? NULL : g_strndup (start, n);
          guint id;

          if (longer == NULL)
            {
              memcpy (term, start, n);
              term[n] = '\0';
            }
          id = dictionary_id (dict, longer != NULL ? longer : term);
          g_array_append_val (ids, id);
        }
      if (*p == ' ')
        p++;
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

/* A fact from a row of: id, document_id, kind, value, modality, its
 * terms (a figure) or the start of its sentence (a name), and uid */
static ConflictFact *
conflict_fact_read (sqlite3_stmt *stmt,
                    Dictionary   *dict)
{
  ConflictFact *f = g_new0 (ConflictFact, 1);
  const char *value = desk_store_column_text (stmt, 3);
  const char *space;

  f->id = sqlite3_column_int64 (stmt, 0);
  f->uid = g_strdup (desk_store_column_text (stmt, 6));
  f->document_id = sqlite3_column_int64 (stmt, 1);
  desk_fact_kind_from_string (desk_store_column_text (stmt, 2), &f->kind);
  desk_modality_from_string (desk_store_column_text (stmt, 4), &f->modality);
  f->value = dictionary_id (dict, value);
  space = strrchr (value, ' ');
  f->unit = dictionary_id (dict, space ? space + 1 : (g_str_has_suffix (value, "%") ? "%" : ""));
  if (sqlite3_column_type (stmt, 5) == SQLITE_TEXT)
    f->terms = dictionary_ids (dict, desk_store_column_text (stmt, 5));
  else
    f->sentence = sqlite3_column_int64 (stmt, 5);
  return f;
}

/* The terms @a and @b share, in one walk of both: entities ("@name")
 * leaving out those of the background, in *@entities, and words, in
 * *@words */
static void
shared_terms (const ConflictFact *a,
              const ConflictFact *b,
              const Dictionary   *dict,
              guint              *entities,
              guint              *words)
{
  const guint *x = (const guint *) a->terms->data, *y = (const guint *) b->terms->data;
  const guint *x_end = x + a->terms->len, *y_end = y + b->terms->len;
  const guint8 *flags = dict->flags->data;

  *entities = *words = 0;
  while (x < x_end && y < y_end)
    {
      if (*x == *y)
        {
          guint8 f = flags[*x];

          if (!(f & TERM_ENTITY))
            (*words)++;
          else if (!(f & TERM_BACKGROUND))
            (*entities)++;
          x++;
          y++;
        }
      else if (*x < *y)
        x++;
      else
        y++;
    }
}

static gboolean
modality_done (DeskModality m)
{
  return m == DESK_MODALITY_ASSERTED || m == DESK_MODALITY_REPORTED;
}

/* A conflict is named by its facts' uids, the smaller first */
static gboolean
insert_conflict (sqlite3_stmt       *stmt,
                 const ConflictFact *a,
                 const ConflictFact *b,
                 const char         *reason)
{
  gboolean a_first = strcmp (a->uid, b->uid) < 0;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, a_first ? a->uid : b->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, a_first ? b->uid : a->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

/* What one computation of conflicts works with */
typedef struct
{
  DeskStore *self;
  sqlite3_stmt *insert;
  sqlite3_stmt *sentence;  /* the terms of a sentence */
  GHashTable *sentences;   /* sentence (document_id << 32 | start) → its terms, read last */
  Dictionary dict;
  GHashTable *background;  /* "@name" of names too common to tell claims apart */
  gint64 since;            /* facts of larger rowids are compared; 0: all */
} ConflictRun;

/* Sentences whose terms a computation of conflicts keeps at most: the
 * names of a sentence are compared in as many groups as they are names */
#define CONFLICT_SENTENCES 50000

/* A name's terms, those of its sentence, read when it is compared, and
 * shared with the other names of the sentence */
static gboolean
ensure_terms (ConflictRun   *run,
              ConflictFact  *f,
              GError       **error)
{
  gint64 key = f->document_id << 32 | (f->sentence & G_GINT64_CONSTANT (0xffffffff));
  GArray *terms;

  if (f->terms != NULL)
    return TRUE;
  if ((terms = g_hash_table_lookup (run->sentences, &key)) != NULL)
    {
      f->terms = g_array_ref (terms);
      return TRUE;
    }
  sqlite3_reset (run->sentence);
  sqlite3_bind_int64 (run->sentence, 1, f->document_id);
  sqlite3_bind_int64 (run->sentence, 2, f->sentence);
  switch (sqlite3_step (run->sentence))
    {
    case SQLITE_ROW:
      f->terms = dictionary_ids (&run->dict, desk_store_column_text (run->sentence, 0));
      break;
    case SQLITE_DONE:
      f->terms = g_array_new (FALSE, FALSE, sizeof (guint));
      break;
    default:
      return desk_store_set_error_from_db (run->self, error);
    }
  if (g_hash_table_size (run->sentences) >= CONFLICT_SENTENCES)
    g_hash_table_remove_all (run->sentences);
  g_hash_table_insert (run->sentences, g_memdup2 (&key, sizeof key), g_array_ref (f->terms));
  return TRUE;
}

static gboolean
is_new_fact (const ConflictRun  *run,
             const ConflictFact *f)
{
  return f->id > run->since;
}

/* Facts from @stmt's rows (id, document_id, kind, value, modality, terms) */
static gboolean
read_conflict_facts (ConflictRun   *run,
                     sqlite3_stmt  *stmt,
                     GPtrArray     *facts,
                     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (facts, conflict_fact_read (stmt, &run->dict));
  if (rc != SQLITE_DONE)
    return desk_store_set_error_from_db (run->self, error);
  return TRUE;
}

/* figures: two of the same unit for the same measure (three words in
 * common) with different values, at least one of them new.  Candidates
 * come from an index of their words, leaving out the words so common that
 * they name no measure, so that the work grows with the library rather
 * than with its square */
static gboolean
compare_figures (ConflictRun  *run,
                 GPtrArray    *figures,
                 GError      **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  guint cap = MAX (50, figures->len / 50);

  for (guint i = 0; i < figures->len; i++)
    {
      ConflictFact *a = g_ptr_array_index (figures, i);
      for (guint t = 0; t < a->terms->len; t++)
        {
          gpointer key = GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1);
          GArray *list = g_hash_table_lookup (index, key);
          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (index, key, list);
            }
          g_array_append_val (list, i);
        }
    }

  for (guint i = 0; i < figures->len; i++)
    {
      ConflictFact *a = g_ptr_array_index (figures, i);
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (!is_new_fact (run, a))
        continue;
      counts = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint t = 0; t < a->terms->len; t++)
        {
          GArray *list = g_hash_table_lookup (index, GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1));
          if (list == NULL || list->len > cap)
            continue;
          for (guint k = 0; k < list->len; k++)
            {
              guint j = g_array_index (list, guint, k);
              /* each pair once: a new fact with the old ones and with the new ones after it */
              if (j > i || (j < i && !is_new_fact (run, g_ptr_array_index (figures, j))))
                g_hash_table_insert (counts, GUINT_TO_POINTER (j + 1),
                                     GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (j + 1))) + 1));
            }
        }

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          ConflictFact *b = g_ptr_array_index (figures, GPOINTER_TO_UINT (key) - 1);

          if (GPOINTER_TO_UINT (value) < 3 || a->document_id == b->document_id || a->kind != b->kind ||
              a->unit != b->unit || a->value == b->value)
            continue;
          if (!insert_conflict (run->insert, a, b, "figure"))
            return desk_store_set_error_from_db (run->self, error);
        }
    }
  return TRUE;
}

/* claims: facts naming the same entity (@group), in documents of which
 * one says it happened and the other that it is proposed, expected,
 * intended or denied, and sharing more; at least one of them new */
static gboolean
compare_claims (ConflictRun  *run,
                GPtrArray    *group,
                GError      **error)
{
  for (guint i = 0; i < group->len; i++)
    for (guint j = i + 1; j < group->len; j++)
      {
        ConflictFact *a = g_ptr_array_index (group, i);
        ConflictFact *b = g_ptr_array_index (group, j);
        guint entities, words;

        if ((!is_new_fact (run, a) && !is_new_fact (run, b)) ||
            a->document_id == b->document_id || modality_done (a->modality) == modality_done (b->modality))
          continue;
        if (!ensure_terms (run, a, error) || !ensure_terms (run, b, error))
          return FALSE;
        shared_terms (a, b, &run->dict, &entities, &words);
        if (entities >= 2 && (words >= 1 || entities >= 3) &&
            !insert_conflict (run->insert, a, b, "modality"))
          return desk_store_set_error_from_db (run->self, error);
      }
  return TRUE;
}

/* names with the terms of their sentence */
#define NAME_FACTS "facts f WHERE f.kind IN ('person', 'org', 'place') AND f.terms = '" DESK_STORE_SENTENCE_TERMS "'"
/* the same after "id > ?": read along the rowids, not the index of kinds */
#define NEW_NAME_FACTS "facts f WHERE +f.kind IN ('person', 'org', 'place') AND f.terms = '" DESK_STORE_SENTENCE_TERMS "' AND f.id > ?1"
#define CONFLICT_COLUMNS "f.id, f.document_id, f.kind, f.value, f.modality, f.sentence, f.uid"
#define FIGURE_COLUMNS "id, document_id, kind, value, modality, terms, uid"

/* Every name's facts, one name at a time, in SQL's order */
static gboolean
compare_all_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (conflict_fact_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *current = NULL;

  stmt = desk_store_prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS " ORDER BY f.value", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *value = NULL;
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        value = desk_store_column_text (stmt, 3);
      else if (rc != SQLITE_DONE)
        return desk_store_set_error_from_db (run->self, error);
      /* a group ends: compare its facts two by two */
      if (current != NULL && (value == NULL || !g_str_equal (value, current)))
        {
          g_autofree char *key = desk_fact_entity_term (current);

          if (!g_hash_table_contains (run->background, key) && !compare_claims (run, group, error))
            return FALSE;
          g_ptr_array_set_size (group, 0);
          g_clear_pointer (&current, g_free);
        }
      if (value == NULL)
        return TRUE;
      if (current == NULL)
        current = g_strdup (value);
      g_ptr_array_add (group, conflict_fact_read (stmt, &run->dict));
    }
}

/* The facts of the names the new facts give, name by name (through the
 * index of values, which ignores case: the value is then compared whole) */
static gboolean
compare_new_claims (ConflictRun  *run,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) group_stmt = NULL;
  int rc;

  names = desk_store_prepare (run->self, "SELECT DISTINCT f.value FROM " NEW_NAME_FACTS, error);
  group_stmt = names == NULL ? NULL
             : desk_store_prepare (run->self, "SELECT " CONFLICT_COLUMNS " FROM " NAME_FACTS
                                              " AND f.value = ?1 COLLATE NOCASE AND f.value = ?1 ORDER BY f.id", error);
  if (group_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (names, 1, run->since);
  while ((rc = sqlite3_step (names)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (conflict_fact_free);
      const char *value = desk_store_column_text (names, 0);
      g_autofree char *key = desk_fact_entity_term (value);

      if (g_hash_table_contains (run->background, key))
        continue;
      sqlite3_reset (group_stmt);
      sqlite3_bind_text (group_stmt, 1, value, -1, SQLITE_TRANSIENT);
      if (!read_conflict_facts (run, group_stmt, group, error) || !compare_claims (run, group, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return desk_store_set_error_from_db (run->self, error);
  return TRUE;
}

/* How often each name comes, and in how many documents: counted whole
 * with a whole computation, then brought up to date with the new facts
 * only (new facts are in new documents: counts of documents add up) */
static gboolean
count_names (ConflictRun  *run,
             gboolean      whole,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (whole)
    return desk_store_exec (run->self, "DELETE FROM name_counts;"
                                       "INSERT INTO name_counts (value, n, docs)"
                                       " SELECT f.value, count (*), count (DISTINCT f.document_id) FROM " NAME_FACTS
                                       " GROUP BY f.value;"
                                       "INSERT OR REPLACE INTO library_state (key, value)"
                                       " SELECT 'conflicts_documents', count (DISTINCT f.document_id) FROM " NAME_FACTS,
                            error);

  if (!(stmt = desk_store_prepare (run->self, "INSERT INTO name_counts (value, n, docs)"
                                              " SELECT f.value, count (*), count (DISTINCT f.document_id) FROM " NEW_NAME_FACTS
                                              " GROUP BY f.value"
                                              " ON CONFLICT (value) DO UPDATE SET n = n + excluded.n, docs = docs + excluded.docs", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->since);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (run->self, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = desk_store_prepare (run->self, "INSERT OR REPLACE INTO library_state (key, value)"
                                              " SELECT 'conflicts_documents', ?2 + count (DISTINCT f.document_id) FROM " NEW_NAME_FACTS, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->since);
  sqlite3_bind_int64 (stmt, 2, MAX (0, desk_store_get_state (run->self, "conflicts_documents")));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return desk_store_set_error_from_db (run->self, error);
  return TRUE;
}

/* Names that nearly every document gives (the two countries of the
 * dialogue), or so often that they tell no claim from another, as "@name" */
static GHashTable *
read_background (DeskStore  *self,
                 GError    **error)
{
  g_autoptr(GHashTable) background = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = desk_store_prepare (self, "SELECT " DESK_FACT_ENTITY_TERM_SQL ("value") " FROM name_counts"
                                   " WHERE n > 400 OR (?1 >= 3 AND docs * 10 >= ?1 * 9)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, desk_store_get_state (self, "conflicts_documents"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (background, g_strdup (desk_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      desk_store_set_error_from_db (self, error);
      return NULL;
    }
  return g_steal_pointer (&background);
}

static gboolean
same_names (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

/* The largest rowid of a fact, 0 when there are none */
#define LAST_FACT "SELECT coalesce (max (id), 0) FROM facts"

/* Conflicts are computed for the whole library again when it has a
 * quarter more facts than at the last whole computation (or its facts were
 * extracted again: that forgets the state); in between, only the facts
 * added since are compared, with the library and with each other, and
 * the names too common to count are those of the last whole computation.
 * Adding a document to a large library then costs what the document's
 * facts cost, and the whole work, spread over the growth, stays in
 * proportion to it. */
#define CONFLICTS_GROWTH_DIVISOR 4

/* Links facts of different documents that disagree: two figures of the
 * same unit for the same measure (the words around them) with different
 * values; the same entities in claims of which one says it happened and
 * the other that it is proposed, expected, intended or denied. */
gboolean
desk_store_update_conflicts (DeskStore  *self,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (conflict_fact_free);
  ConflictRun run = { self, NULL, NULL, NULL, { NULL, NULL, NULL, NULL }, NULL, 0 };
  g_autoptr(GHashTable) before = NULL;
  gint64 last, through, whole;
  gboolean again, ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  /* facts only ever come with new rowids, or are extracted again */
  if ((last = desk_store_query_int64 (self, LAST_FACT, error)) < 0)
    return FALSE;
  if (desk_store_get_state (self, "conflicts_through") == last)
    return TRUE;

  if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* read again, now that no one else writes: another process may have
   * added facts, or compared them, meanwhile */
  if ((last = desk_store_query_int64 (self, LAST_FACT, error)) < 0)
    goto fail;
  through = desk_store_get_state (self, "conflicts_through");
  whole = desk_store_get_state (self, "conflicts_whole");
  if (through == last)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return TRUE;
    }
  again = through < 0 || through > last || whole <= 0 || (last - whole) * CONFLICTS_GROWTH_DIVISOR > whole;
  run.since = again ? 0 : through;
  run.sentences = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  run.dict.ids = g_hash_table_new (g_str_hash, g_str_equal);
  run.dict.terms = g_ptr_array_new_with_free_func (g_free);
  run.dict.flags = g_byte_array_new ();

  /* a name that becomes too common (or no longer is) changes what the
   * facts already compared say of each other: everything is compared again */
  if (!again && !(before = read_background (self, error)))
    goto fail;
  if (!count_names (&run, again, error) || !(run.background = read_background (self, error)))
    goto fail;
  if (!again && !same_names (before, run.background))
    again = TRUE, run.since = 0;
  run.dict.background = run.background;
  if (again && !desk_store_exec (self, "DELETE FROM conflicts", error))
    goto fail;
  if (!(run.insert = desk_store_prepare (self, "INSERT OR IGNORE INTO conflicts (a, b, reason) VALUES (?, ?, ?)", error)) ||
      !(run.sentence = desk_store_prepare (self, "SELECT terms FROM sentence_terms WHERE document_id = ? AND sentence = ?", error)))
    goto fail;

  /* every figure: a new one may meet any (there are few of them) */
  if (!(stmt = desk_store_prepare (self, "SELECT " FIGURE_COLUMNS " FROM facts"
                                         " WHERE terms IS NOT NULL AND terms != '' AND kind IN ('money', 'quantity', 'percent')", error)) ||
      !read_conflict_facts (&run, stmt, figures, error) ||
      !compare_figures (&run, figures, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_ptr_array_set_size (figures, 0);

  if (!(again ? compare_all_claims (&run, error) : compare_new_claims (&run, error)))
    goto fail;

  if (!desk_store_set_state (self, "conflicts_through", last, error) ||
      (again && !desk_store_set_state (self, "conflicts_whole", last, error)))
    goto fail;
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  if (!desk_store_exec (self, "COMMIT", error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
out:
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.sentence, sqlite3_finalize);
  g_clear_pointer (&run.sentences, g_hash_table_unref);
  g_clear_pointer (&run.dict.ids, g_hash_table_unref);
  g_clear_pointer (&run.dict.terms, g_ptr_array_unref);
  g_clear_pointer (&run.dict.flags, g_byte_array_unref);
  g_clear_pointer (&run.background, g_hash_table_unref);
  return ok;
}

/* The facts that disagree with the fact @uid, each with why. */
GPtrArray *
desk_store_list_conflicts (DeskStore   *self,
                           const char  *uid,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fact_row_free);
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  stmt = desk_store_prepare (self,
                             "SELECT f.uid, f.document_id, f.kind, f.text, f.value, f.start, f.\"end\", f.modality, c.reason, d.title"
                             " FROM conflicts c JOIN facts f ON f.uid = CASE WHEN c.a = ?1 THEN c.b ELSE c.a END"
                             " JOIN documents d ON d.id = f.document_id"
                             " WHERE c.a = ?1 OR c.b = ?1 ORDER BY d.title, f.start", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskFactRow *row = g_new0 (DeskFactRow, 1);

      row->uid = g_strdup (desk_store_column_text (stmt, 0));
      row->document_id = sqlite3_column_int64 (stmt, 1);
      desk_fact_kind_from_string (desk_store_column_text (stmt, 2), &row->fact.kind);
      row->fact.text = g_strdup (desk_store_column_text (stmt, 3));
      row->fact.value = g_strdup (desk_store_column_text (stmt, 4));
      row->fact.start = sqlite3_column_int64 (stmt, 5);
      row->fact.end = sqlite3_column_int64 (stmt, 6);
      desk_modality_from_string (desk_store_column_text (stmt, 7), &row->fact.modality);
      row->fact.extra = g_strdup (desk_store_column_text (stmt, 8)); /* the reason */
      row->document_title = g_strdup (desk_store_column_text (stmt, 9));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      desk_store_set_error_from_db (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
