/* desk-fact-list.c: the facts of the library as a list model, filtered,
 * sorted and read a page at a time in SQL
 *
 * A library of a million facts is never loaded whole: the count, the
 * filters and the order are SQL, and rows are read a page at a time when
 * the list shows them (desk-pager).  Every sort order is one an index can
 * walk, so that a page deep in the list is a short index scan. */
#define G_LOG_DOMAIN "desk-fact-list"

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "desk-fact-list.h"
#include "desk-pager.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-tokenizer.h"

#define PAGE_SIZE 100
#define MAX_PAGES 40


typedef enum
{
  PENDING_AS_PENDING,
  PENDING_AS_ANY,       /* every status */
  PENDING_AS_REVIEWED,  /* the facts approved or rejected */
  ONLY_REVIEWED,        /* the same, whether or not the query reads "pending" */
} PendingAs;

struct _DeskFactList
{
  GObject parent_instance;

  DeskStore *store;
  DeskPager *pager;
  guint n_items;
  guint total;

  /* the query */
  int kind;
  int modality;
  gint64 document_id;
  char *language;
  char *status;
  char *text;
  char *match;          /* FTS5 expression of @text, or NULL */
  char *title_match;    /* the same, on document titles */
  char *like;           /* LIKE pattern of @text, or NULL */
  DeskFactSort sort;
  gboolean descending;

  /* the status order reads the facts of one status at a time, each in
   * document order: no index orders facts by their review */
  GArray *words_found;   /* the list found in a thread, for the next reload: rowids in order */
  gint64 found_total;    /* … and the library's facts then */
  GArray *found;         /* the list as read from memory since that reload, or NULL */
  GHashTable *found_at;  /* rowid → its position + 1 there, made when first needed */
  const char *segment;  /* the status read, or NULL */
  gboolean by_modality;  /* with a kind and a modality, the modality has fewer facts */
  gboolean counts_kept;  /* the library keeps its facts counted by kind and modality */
  PendingAs pending_as;  /* what the "pending" status reads */
  int n_reviewed[2];    /* approved and rejected facts of the query, -1 unknown */
};

/* The statuses in the order of the status column */
static const char * const segments[] = { "approved", "pending", "rejected" };

static void desk_fact_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskFactList, desk_fact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, desk_fact_list_model_init))

/* The terms of each order, the last one unique, so that any two rows
 * compare and a row's place can be counted. */
static const char * const sort_terms[][6] = {
  [DESK_FACT_SORT_NONE] = { "f.document_id", "f.start", "f.id", NULL },
  [DESK_FACT_SORT_STATUS] = { "coalesce ((SELECT r.value FROM review_state r WHERE r.target = f.uid AND r.field = 'status'), 'pending')",
                              "f.id", NULL },
  [DESK_FACT_SORT_KIND] = { "f.kind", "f.document_id", "f.start", "f.id", NULL },
  [DESK_FACT_SORT_TEXT] = { "f.text COLLATE NOCASE", "f.id", NULL },
  [DESK_FACT_SORT_VALUE] = { DESK_STORE_FACT_UNIT_SQL ("f."), DESK_STORE_FACT_AMOUNT_SQL ("f."), "f.kind",
                              "f.value COLLATE NOCASE", "f.id", NULL },
  [DESK_FACT_SORT_MODALITY] = { "f.modality", "f.document_id", "f.start", "f.id", NULL },
  [DESK_FACT_SORT_DOCUMENT] = { "d.title COLLATE NOCASE", "d.id", "f.start", "f.id", NULL },
};

static gboolean
set_error (DeskFactList  *self,
           GError       **error)
{
  return desk_store_set_error_from_db (self->store, error);
}

/* How many facts the library has: kept by kind and modality
 * (fact_counts), counting them reads a million index entries */
#define TOTAL_SQL DESK_STORE_COUNT_FACTS_SQL

/* Facts not reviewed: those whose rowid is not among the reviewed ones (a
 * small set); read by rowid, not by uid, which would read every row */
#define NOT_PENDING_IDS \
  "f.id NOT IN (SELECT f9.id FROM review_state r9 JOIN facts f9 ON f9.uid = r9.target" \
  " WHERE r9.field = 'status' AND r9.value <> 'pending')"

/* Facts reviewed, the rows that condition leaves out */
#define REVIEWED_IDS \
  "f.id IN (SELECT f9.id FROM review_state r9 JOIN facts f9 ON f9.uid = r9.target" \
  " WHERE r9.field = 'status' AND r9.value <> 'pending')"

/* The rowids of the facts the words filter finds, as a query: the words
 * of the fact and of its document's title; the officer's corrections and
 * notes, a small table, as substrings.  NULL without such a filter. */
static char *
words_set (DeskFactList *self)
{
  GString *set;

  if (self->like == NULL)
    return NULL;
  set = g_string_new ("SELECT f2.id AS id FROM facts f2 JOIN review_state r ON r.target = f2.uid"
                      " WHERE r.field IN ('note', 'text', 'value') AND r.value LIKE :like ESCAPE '\\'");
  if (self->match != NULL)
    g_string_append (set, " UNION SELECT rowid FROM facts_fts WHERE facts_fts MATCH :match"
                          " UNION SELECT f3.id FROM facts f3 WHERE f3.document_id IN"
                          "  (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :title_match)");
  return g_string_free (set, FALSE);
}

/* FROM and WHERE of the query: fixed fragments for the filters in use,
 * their values bound by name (never written into the SQL). */
static gboolean
append_from_where (DeskFactList *self,
                   GString      *sql,
                   gboolean      ordered)
{
  const char *and = " WHERE ";
  g_autofree char *words = words_set (self);
  /* a count needs no order, and no join for it */
  gboolean by_title = self->sort == DESK_FACT_SORT_DOCUMENT && ordered;

  /* by document title: documents in title order, then each one's facts,
   * both walked along an index (CROSS JOIN keeps that order of the loops,
   * which SQLite would otherwise turn round and sort every fact).  With
   * words to find, the facts that have them come first and are looked up
   * one by one: they are fewer than the library's */
  if (by_title)
    g_string_append (sql, " FROM documents d CROSS JOIN facts f ON f.document_id = d.id");
  else if (words != NULL)
    g_string_append_printf (sql, " FROM (%s) w CROSS JOIN facts f ON f.id = w.id", words);
  else
    g_string_append (sql, " FROM facts f");
#define CONDITION(c) G_STMT_START { g_string_append (sql, and); g_string_append (sql, c); and = " AND "; } G_STMT_END
  /* a kind and a modality: the facts of the one that has fewer are read
   * along its index (+ keeps SQLite from using the other one's, it cannot
   * tell which is narrower), the other one checked on each */
  if (self->kind >= 0)
    CONDITION (self->modality >= 0 && self->by_modality ? "+f.kind = :kind" : "f.kind = :kind");
  if (self->modality >= 0)
    CONDITION (self->kind >= 0 && !self->by_modality ? "+f.modality = :modality" : "f.modality = :modality");
  if (self->document_id > 0)
    CONDITION ("f.document_id = :document");
  if (self->language != NULL)
    CONDITION ("f.document_id IN (SELECT id FROM documents WHERE language = :language)");
  if (self->pending_as == ONLY_REVIEWED)
    CONDITION (REVIEWED_IDS);
  else if (g_strcmp0 (self->status, "pending") == 0 || g_strcmp0 (self->segment, "pending") == 0)
    {
      if (self->pending_as == PENDING_AS_PENDING)
        CONDITION (NOT_PENDING_IDS);
      else if (self->pending_as == PENDING_AS_REVIEWED)
        CONDITION (REVIEWED_IDS);
    }
  if (self->status != NULL && !g_str_equal (self->status, "pending"))
    CONDITION ("f.uid IN (SELECT target FROM review_state WHERE field = 'status' AND value = :status)");
  if (self->segment != NULL && !g_str_equal (self->segment, "pending"))
    CONDITION ("f.uid IN (SELECT target FROM review_state WHERE field = 'status' AND value = :segment)");
  if (words != NULL && by_title)
    {
      g_autofree char *in = g_strdup_printf ("f.id IN (%s)", words);
      CONDITION (in);
    }
#undef CONDITION
  return g_str_equal (and, " AND ");
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
}

/* What the query binds: the list's filters, or a copy of them that
 * another thread binds */
typedef struct
{
  const char *kind;
  const char *modality;
  gint64 document_id;
  char *language;
  char *status;
  const char *segment;
  char *like;
  char *match;
  char *title_match;
} QueryValues;

/* The list's filters as they are, its strings not copied */
static QueryValues
query_values_of (DeskFactList *self)
{
  QueryValues v = {
    self->kind >= 0 ? desk_fact_kind_to_string (self->kind) : NULL,
    self->modality >= 0 ? desk_modality_to_string (self->modality) : NULL,
    self->document_id, self->language, self->status, self->segment, self->like, self->match, self->title_match,
  };

  return v;
}

/* The same, its strings copied for another thread (kind, modality and
 * segment are static strings) */
static void
query_values_copy (DeskFactList *self,
                   QueryValues  *v)
{
  *v = query_values_of (self);
  v->language = g_strdup (v->language);
  v->status = g_strdup (v->status);
  v->like = g_strdup (v->like);
  v->match = g_strdup (v->match);
  v->title_match = g_strdup (v->title_match);
}

static void
query_values_clear (QueryValues *v)
{
  g_free (v->language);
  g_free (v->status);
  g_free (v->like);
  g_free (v->match);
  g_free (v->title_match);
}

static void
bind_values (sqlite3_stmt      *stmt,
             const QueryValues *v)
{
  int index;

  bind_text (stmt, ":kind", v->kind);
  bind_text (stmt, ":modality", v->modality);
  if ((index = sqlite3_bind_parameter_index (stmt, ":document")) > 0)
    sqlite3_bind_int64 (stmt, index, v->document_id);
  bind_text (stmt, ":language", v->language);
  bind_text (stmt, ":status", v->status);
  bind_text (stmt, ":segment", v->segment);
  bind_text (stmt, ":like", v->like);
  bind_text (stmt, ":match", v->match);
  bind_text (stmt, ":title_match", v->title_match);
}

/* The list's own filters, bound as they are (the statement is run before
 * they change) */
static void
bind_query (DeskFactList *self,
            sqlite3_stmt *stmt)
{
  QueryValues v = query_values_of (self);

  bind_values (stmt, &v);
}

/* The terms of the list's order; within a status, document order */
static const char * const *
order_terms (DeskFactList *self)
{
  return sort_terms[self->segment != NULL ? DESK_FACT_SORT_NONE : self->sort];
}

static void
append_order (DeskFactList *self,
              GString      *sql)
{
  const char * const *terms = order_terms (self);

  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; terms[i]; i++)
    g_string_append_printf (sql, "%s%s%s", i > 0 ? ", " : "", terms[i], self->descending ? " DESC" : "");
}

static gboolean count (DeskFactList *self, guint *out, GError **error);

/* How many facts of the query are approved or rejected: the query's rows
 * among the reviewed ones, a small set read by rowid (joining every row to
 * its review would read them all) */
static gboolean
count_reviewed (DeskFactList  *self,
                guint         *out,
                GError       **error)
{
  PendingAs saved = self->pending_as;
  gboolean ok;

  self->pending_as = ONLY_REVIEWED;
  ok = count (self, out, error);
  self->pending_as = saved;
  return ok;
}

/* Whether the query filters by kind and modality only, and the library
 * keeps their counts */
static gboolean
counted_by_kind (DeskFactList *self)
{
  return self->counts_kept && self->document_id <= 0 && self->language == NULL && self->like == NULL &&
         self->status == NULL && self->segment == NULL && self->pending_as != ONLY_REVIEWED;
}

/* How many rows the query has */
static gboolean
count (DeskFactList  *self,
       guint         *out,
       GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (counted_by_kind (self))
    {
      g_string_assign (sql, "SELECT coalesce (sum (n), 0) FROM fact_counts f");
      if (self->kind >= 0)
        g_string_append (sql, " WHERE f.kind = :kind");
      if (self->modality >= 0)
        g_string_append (sql, self->kind >= 0 ? " AND f.modality = :modality" : " WHERE f.modality = :modality");
    }
  else
    append_from_where (self, sql, FALSE);
  if (!(stmt = desk_store_prepare (self->store, sql->str, error)))
    return FALSE;
  bind_query (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_error (self, error);
  *out = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  return TRUE;
}

/* Appends the first column of @stmt's rows to @ids; FALSE with @error
 * when a step fails */
static gboolean
append_rowids (DeskStore     *store,
               sqlite3_stmt  *stmt,
               GArray        *ids,
               GError       **error)
{
  DeskStoreStep step;

  while ((step = desk_store_step (store, stmt, error)) == DESK_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return step != DESK_STORE_STEP_FAILED;
}

/* Appends the rowids of rows @offset … @offset + @limit - 1 of the query,
 * which has @total rows.  A page past the middle is read from the end, in
 * the opposite order: OFFSET walks every row it skips, and the end of a
 * million facts is where a scroll bar's end leads. */
static gboolean
fetch_ids (DeskFactList  *self,
           guint          offset,
           guint          limit,
           guint          total,
           GArray        *ids,
           GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT f.id");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean backwards = offset < total && offset > total / 2;
  guint first = ids->len;

  if (backwards)
    {
      limit = MIN (limit, total - offset);
      offset = total - offset - limit;
      self->descending = !self->descending;
    }
  append_from_where (self, sql, TRUE);
  append_order (self, sql);
  if (backwards)
    self->descending = !self->descending;
  g_string_append (sql, " LIMIT :limit OFFSET :offset");
  if (!(stmt = desk_store_prepare (self->store, sql->str, error)))
    return FALSE;
  bind_query (self, stmt);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), (int) limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
  if (!append_rowids (self->store, stmt, ids, error))
    return FALSE;
  for (guint i = first, j = ids->len; backwards && i + 1 < j; i++, j--)
    {
      gint64 swap = g_array_index (ids, gint64, i);

      g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
      g_array_index (ids, gint64, j - 1) = swap;
    }
  return TRUE;
}

/* How many rows of the query have the status segments[@g]: the reviewed
 * ones counted (few), the pending ones what remains. */
static gboolean
count_segment (DeskFactList  *self,
               guint          g,
               guint         *out,
               GError       **error)
{
  for (guint k = 0; k < 2; k++)
    if (self->n_reviewed[k] < 0)
      {
        guint n;

        self->segment = segments[k == 0 ? 0 : 2];
        if (!count (self, &n, error))
          {
            self->segment = NULL;
            return FALSE;
          }
        self->segment = NULL;
        self->n_reviewed[k] = (int) n;
      }
  if (g == 0)
    *out = self->n_reviewed[0];
  else if (g == 2)
    *out = self->n_reviewed[1];
  else
    *out = self->n_items - MIN ((guint) (self->n_reviewed[0] + self->n_reviewed[1]), self->n_items);
  return TRUE;
}

static GPtrArray *
fetch_page (gpointer   data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  DeskFactList *self = data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) states = NULL;
  GPtrArray *items;

  if (self->found != NULL)
    g_array_append_vals (ids, &g_array_index (self->found, gint64, MIN (offset, self->found->len)),
                         MIN (offset + limit, self->found->len) - MIN (offset, self->found->len));
  else if (self->sort == DESK_FACT_SORT_STATUS)
    {
      /* the statuses one after the other, each by rowid */
      guint skip = offset;

      for (guint k = 0; k < G_N_ELEMENTS (segments) && ids->len < limit; k++)
        {
          guint g = self->descending ? G_N_ELEMENTS (segments) - 1 - k : k;
          guint size;
          gboolean done;

          if (!count_segment (self, g, &size, error))
            return NULL;
          if (skip >= size)
            {
              skip -= size;
              continue;
            }
          self->segment = segments[g];
          done = fetch_ids (self, skip, limit - ids->len, size, ids, error);
          self->segment = NULL;
          if (!done)
            return NULL;
          skip = 0;
        }
    }
  else if (!fetch_ids (self, offset, limit, self->n_items, ids, error))
    return NULL;

  if (!(rows = desk_store_get_facts_by_id (self->store, (const gint64 *) ids->data, ids->len, error)))
    return NULL;
  /* the page's review in one query */
  {
    g_autoptr(GPtrArray) uids = g_ptr_array_new ();

    for (guint i = 0; i < rows->len; i++)
      g_ptr_array_add (uids, ((DeskFactRow *) g_ptr_array_index (rows, i))->uid);
    if (!(states = desk_review_load_states_of (self->store, (const char * const *) uids->pdata, uids->len, error)))
      return NULL;
  }
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) about = desk_store_list_sentence_entities (self->store, row->document_id, row->fact.sentence, NULL, NULL);
      DeskFactItem *item;

      /* what the claim is about: the entities of its sentence */
      if (about != NULL && about[0] != NULL)
        row->about = g_strjoinv (", ", about);
      item = desk_fact_item_new (row);

      desk_fact_item_set_review (item, g_hash_table_lookup (states, row->uid));
      g_ptr_array_add (items, item);
    }
  g_ptr_array_set_free_func (rows, NULL); /* the items own the rows */
  return items;
}

static GType
desk_fact_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_FACT_ITEM;
}

static guint
desk_fact_list_get_n_items (GListModel *model)
{
  return DESK_FACT_LIST (model)->n_items;
}

static gpointer
desk_fact_list_get_item (GListModel *model,
                         guint       position)
{
  DeskFactList *self = DESK_FACT_LIST (model);

  if (position >= self->n_items)
    return NULL;
  return desk_pager_get (self->pager, position);
}

static void
desk_fact_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_fact_list_get_item_type;
  iface->get_n_items = desk_fact_list_get_n_items;
  iface->get_item = desk_fact_list_get_item;
}

static void
desk_fact_list_finalize (GObject *object)
{
  DeskFactList *self = DESK_FACT_LIST (object);

  desk_pager_free (self->pager);
  g_clear_pointer (&self->words_found, g_array_unref);
  g_clear_pointer (&self->found, g_array_unref);
  g_clear_pointer (&self->found_at, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->language);
  g_free (self->status);
  g_free (self->text);
  g_free (self->match);
  g_free (self->title_match);
  g_free (self->like);

  G_OBJECT_CLASS (desk_fact_list_parent_class)->finalize (object);
}

static void
desk_fact_list_class_init (DeskFactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_fact_list_finalize;
}

static void
desk_fact_list_init (DeskFactList *self)
{
  self->kind = -1;
  self->modality = -1;
  self->n_reviewed[0] = self->n_reviewed[1] = -1;
  self->pager = desk_pager_new (PAGE_SIZE, MAX_PAGES, fetch_page, self);
}

/* An empty list over @store: set the query, then reload. */
DeskFactList *
desk_fact_list_new (DeskStore *store)
{
  DeskFactList *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_FACT_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  /* an empty filter is no filter */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  return TRUE;
}

/* The filters; returns whether they changed (reload to apply them). */
gboolean
desk_fact_list_set_query (DeskFactList        *self,
                          const DeskFactQuery *query)
{
  DeskFactQuery none = DESK_FACT_QUERY_INIT;
  gboolean changed = FALSE;

  g_return_val_if_fail (DESK_IS_FACT_LIST (self), FALSE);

  if (query == NULL)
    query = &none;
  changed |= self->kind != query->kind || self->modality != query->modality || self->document_id != query->document_id;
  self->kind = query->kind;
  self->modality = query->modality;
  self->document_id = MAX (query->document_id, 0);
  changed |= replace_string (&self->language, query->language);
  changed |= replace_string (&self->status, query->status);
  if (replace_string (&self->text, query->text))
    {
      g_autofree char *trimmed = self->text ? g_strstrip (g_strdup (self->text)) : NULL;
      g_autofree char *prefixed = NULL;
      GString *like;

      changed = TRUE;
      g_clear_pointer (&self->words_found, g_array_unref);
      g_clear_pointer (&self->match, g_free);
      g_clear_pointer (&self->title_match, g_free);
      g_clear_pointer (&self->like, g_free);
      /* a filter reads its first DESK_STORE_MAX_QUERY characters */
      if (trimmed != NULL && g_utf8_strlen (trimmed, -1) > DESK_STORE_MAX_QUERY)
        {
          char *cut = g_utf8_substring (trimmed, 0, DESK_STORE_MAX_QUERY);
          g_free (trimmed);
          trimmed = cut;
        }
      if (trimmed != NULL && *trimmed != '\0')
        {
          /* the word being typed is a prefix */
          gunichar last = g_utf8_get_char (g_utf8_prev_char (trimmed + strlen (trimmed)));
          prefixed = g_unichar_isalnum (last) ? g_strconcat (trimmed, "*", NULL) : g_strdup (trimmed);
          self->match = desk_tokenizer_build_query (prefixed);
          if (self->match != NULL)
            self->title_match = g_strdup_printf ("title : (%s)", self->match);
          like = g_string_new ("%");
          for (const char *p = trimmed; *p; p++)
            {
              if (*p == '%' || *p == '_' || *p == '\\')
                g_string_append_c (like, '\\');
              g_string_append_c (like, *p);
            }
          g_string_append_c (like, '%');
          self->like = g_string_free (like, FALSE);
        }
    }
  /* what a thread found was for other filters */
  if (changed)
    g_clear_pointer (&self->words_found, g_array_unref);
  return changed;
}

/* The order; returns whether it changed (reload to apply it). */
gboolean
desk_fact_list_set_sort (DeskFactList *self,
                         DeskFactSort  sort,
                         gboolean      descending)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), FALSE);
  g_return_val_if_fail (sort <= DESK_FACT_SORT_DOCUMENT, FALSE);

  descending = sort != DESK_FACT_SORT_NONE && descending;
  if (self->sort == sort && self->descending == descending)
    return FALSE;
  self->sort = sort;
  self->descending = descending;
  /* what a thread found for another order is in that order */
  g_clear_pointer (&self->words_found, g_array_unref);
  return TRUE;
}

/* The list as one query of rowids, in its order */
static char *
list_query (DeskFactList *self)
{
  GString *sql = g_string_new ("SELECT f.id");

  append_from_where (self, sql, TRUE);
  append_order (self, sql);
  return g_string_free (sql, FALSE);
}

/* What the list shows, as a string: a list found for another cannot stand
 * for it */
static char *
query_signature (DeskFactList *self)
{
  return g_strdup_printf ("%d|%d|%" G_GINT64_FORMAT "|%s|%s|%s|%d|%d", self->kind, self->modality, self->document_id,
                          self->language ? self->language : "", self->status ? self->status : "",
                          self->text ? self->text : "", self->sort, self->descending);
}

/* Finding the list in a thread: what it needs, copied */
typedef struct
{
  char *library;
  char *sql;
  char *signature;   /* the query it was asked for */
  QueryValues values;
  GArray *ids;       /* the list, in its order */
  gint64 total;      /* the library's facts */
} WordsTask;

static void
words_task_free (gpointer data)
{
  WordsTask *t = data;

  g_free (t->library);
  g_free (t->sql);
  g_free (t->signature);
  query_values_clear (&t->values);
  g_clear_pointer (&t->ids, g_array_unref);
  g_free (t);
}

static int
words_progress_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* Reads the rowids of @sql (bound with @values) into @ids, and how many
 * facts the library has into @total */
static gboolean
read_list (DeskStore          *store,
           const char         *sql,
           const QueryValues  *values,
           GArray             *ids,
           gint64             *total,
           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (store, sql, error);
  g_autoptr(sqlite3_stmt) all = NULL;

  if (stmt == NULL || !(all = desk_store_prepare (store, TOTAL_SQL, error)))
    return FALSE;
  bind_values (stmt, values);
  if (!append_rowids (store, stmt, ids, error))
    return FALSE;
  if (sqlite3_step (all) != SQLITE_ROW)
    return desk_store_set_error_from_db (store, error);
  *total = sqlite3_column_int64 (all, 0);
  return TRUE;
}

static void
find_words_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  WordsTask *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (t->library, &error);
  gboolean read;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* a search given up stops the query itself */
  if (cancellable != NULL)
    sqlite3_progress_handler (desk_store_get_db (store), 10000, words_progress_cb, cancellable);
  t->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  read = read_list (store, t->sql, &t->values, t->ids, &t->total, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!read)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Whether the list has a words filter whose facts are still to find */
gboolean
desk_fact_list_needs_words (DeskFactList *self)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), FALSE);
  return self->like != NULL && self->words_found == NULL;
}

/* Finds the list of a words filter — its words, its other filters, its
 * order — in a thread of its own, on its own connection (a common word is
 * tens of thousands of facts of a large library), so that the window goes
 * on meanwhile; the next desk_fact_list_reload takes it, and the list is
 * then read from memory until the one after.  A search given up with
 * @cancellable stops where it is. */
void
desk_fact_list_find_words_async (DeskFactList        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  WordsTask *t;

  g_return_if_fail (DESK_IS_FACT_LIST (self));

  g_task_set_source_tag (task, desk_fact_list_find_words_async);
  if (self->like == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  t = g_new0 (WordsTask, 1);
  t->library = g_strdup (desk_store_get_path (self->store));
  t->sql = list_query (self);
  t->signature = query_signature (self);
  query_values_copy (self, &t->values);
  g_task_set_task_data (task, t, words_task_free);
  g_task_run_in_thread (task, find_words_in_thread);
}

/* Keeps what the thread found, for the next reload.  FALSE with
 * G_IO_ERROR_CANCELLED when the search was given up or the filters or
 * the order changed since. */
gboolean
desk_fact_list_find_words_finish (DeskFactList  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree char *signature = NULL;
  WordsTask *t;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  t = g_task_get_task_data (G_TASK (result));
  if (t == NULL)
    return TRUE;
  signature = query_signature (self);
  if (!g_str_equal (signature, t->signature))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The filters or the order changed");
      return FALSE;
    }
  g_clear_pointer (&self->words_found, g_array_unref);
  self->words_found = g_steal_pointer (&t->ids);
  self->found_total = t->total;
  return TRUE;
}

/* Counts the rows of the query again and forgets the pages read: the list
 * is emptied and filled in two signals, so that a view does not compare
 * old and new rows one by one.  On error the list is left as it was. */
gboolean
desk_fact_list_reload (DeskFactList  *self,
                       GError       **error)
{
  guint old = self->n_items;
  guint n, total;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (DESK_IS_FACT_LIST (self), FALSE);

  g_clear_pointer (&self->found, g_array_unref);
  g_clear_pointer (&self->found_at, g_hash_table_unref);
  /* a library of an earlier version counts them in the background */
  if (!self->counts_kept)
    {
      if (!(stmt = desk_store_prepare (self->store, "SELECT " DESK_STORE_FACT_COUNTS_KEPT, error)))
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_error (self, error);
      self->counts_kept = sqlite3_column_int (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  self->by_modality = FALSE;
  if (self->counts_kept && self->kind >= 0 && self->modality >= 0)
    {
      if (!(stmt = desk_store_prepare (self->store,
                                       "SELECT (SELECT coalesce (sum (n), 0) FROM fact_counts WHERE kind = :kind)"
                                       " > (SELECT coalesce (sum (n), 0) FROM fact_counts WHERE modality = :modality)",
                                       error)))
        return FALSE;
      bind_query (self, stmt);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_error (self, error);
      self->by_modality = sqlite3_column_int (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  /* with words to find, the list as rowids (found in a thread or now),
   * read from memory: its words search is done once */
  if (self->like != NULL)
    {
      gint64 all = self->found_total;

      if (self->words_found != NULL)
        self->found = g_steal_pointer (&self->words_found);
      else
        {
          g_autofree char *sql = list_query (self);
          QueryValues values = query_values_of (self);

          self->found = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!read_list (self->store, sql, &values, self->found, &all, error))
            {
              g_clear_pointer (&self->found, g_array_unref);
              return FALSE;
            }
        }
      n = self->found->len;
      total = (guint) all;
      goto counted;
    }
  if (g_strcmp0 (self->status, "pending") == 0)
    {
      /* all of them less the reviewed ones (few): counting those not
       * reviewed would read every fact */
      char *status = g_steal_pointer (&self->status);
      guint all = 0, reviewed = 0;
      gboolean counted = count (self, &all, error) &&
                         count_reviewed (self, &reviewed, error);

      self->status = status;
      if (!counted)
        return FALSE;
      n = all - MIN (reviewed, all);
    }
  else if (!count (self, &n, error))
    return FALSE;
  /* without filters the count is the total */
  if (self->kind < 0 && self->modality < 0 && self->document_id <= 0 && self->language == NULL &&
      self->status == NULL && self->like == NULL)
    total = n;
  else
    {
      if (!(stmt = desk_store_prepare (self->store, TOTAL_SQL, error)))
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_error (self, error);
      total = (guint) sqlite3_column_int64 (stmt, 0);
    }

counted:
  desk_pager_clear (self->pager);
  self->n_reviewed[0] = self->n_reviewed[1] = -1;
  self->total = total;
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = n;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
  return TRUE;
}

static void
collect_item (gpointer data,
              gpointer user_data)
{
  g_ptr_array_add (user_data, data);
}

/* Whether a change of review can move facts in or out of the list or
 * change their order: then it must be reloaded, not refreshed. */
gboolean
desk_fact_list_query_needs_review (DeskFactList *self)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), FALSE);
  return self->status != NULL || self->like != NULL || self->sort == DESK_FACT_SORT_STATUS;
}

/* Reads the review of the rows in memory again; the others are read when
 * shown. */
void
desk_fact_list_refresh_review (DeskFactList *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DESK_IS_FACT_LIST (self));

  desk_pager_foreach (self->pager, collect_item, items);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (uids, (gpointer) desk_fact_item_get_uid (g_ptr_array_index (items, i)));
  if (!(states = desk_review_load_states_of (self->store, (const char * const *) uids->pdata, uids->len, &error)))
    {
      g_warning ("Cannot read the review of the facts shown: %s", error->message);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      DeskFactItem *item = g_ptr_array_index (items, i);
      desk_fact_item_set_review (item, g_hash_table_lookup (states, desk_fact_item_get_uid (item)));
    }
}

/* How many facts the library has, whatever the filters. */
guint
desk_fact_list_get_total (DeskFactList *self)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), 0);
  return self->total;
}

/* Where the fact @id is in a list read from memory, or G_MAXUINT */
static guint
found_position (DeskFactList *self,
                gint64        id)
{
  gpointer at;

  if (self->found_at == NULL)
    {
      self->found_at = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
      for (guint i = 0; i < self->found->len; i++)
        g_hash_table_insert (self->found_at, &g_array_index (self->found, gint64, i), GUINT_TO_POINTER (i + 1));
    }
  at = g_hash_table_lookup (self->found_at, &id);
  return at != NULL ? GPOINTER_TO_UINT (at) - 1 : G_MAXUINT;
}

/* How many facts of the list are approved or rejected. */
guint
desk_fact_list_count_reviewed (DeskFactList *self)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (DESK_IS_FACT_LIST (self), 0);

  /* a list in memory: those of the reviewed facts (few) that it holds */
  if (self->found != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (self->store, "SELECT f.id FROM facts f WHERE " REVIEWED_IDS, &error);
      DeskStoreStep step;

      if (stmt == NULL)
        goto fail;
      while ((step = desk_store_step (self->store, stmt, &error)) == DESK_STORE_STEP_ROW)
        if (found_position (self, sqlite3_column_int64 (stmt, 0)) != G_MAXUINT)
          n++;
      if (step == DESK_STORE_STEP_FAILED)
        goto fail;
      return n;
    }

  /* a status filter answers by itself */
  if (g_strcmp0 (self->status, "pending") == 0)
    return 0;
  if (self->status != NULL)
    return self->n_items;
  if (count_reviewed (self, &n, &error))
    return n;

fail:
  g_warning ("Cannot count the reviewed facts: %s", error->message);
  return 0;
}

/* How many rows of the list come before a row whose order terms have the
 * values of @values' first columns: those with a smaller first term, then
 * those with the same first term and a smaller second, and so on.  Each is
 * a count over a range of an index; the terms compared as one row value
 * would instead be compared row by row over the whole index. */
static gboolean
sum_before (DeskFactList  *self,
            sqlite3_stmt  *values,
            gint64        *out,
            GError       **error)
{
  const char * const *terms = order_terms (self);

  *out = 0;
  for (guint j = 0; terms[j] != NULL; j++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT count (*)");
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_string_append (sql, append_from_where (self, sql, TRUE) ? " AND " : " WHERE ");
      for (guint i = 0; i < j; i++)
        g_string_append_printf (sql, "%s = ?%u AND ", terms[i], 100 + i);
      g_string_append_printf (sql, "%s %s ?%u", terms[j], self->descending ? ">" : "<", 100 + j);
      if (!(stmt = desk_store_prepare (self->store, sql->str, error)))
        return FALSE;
      bind_query (self, stmt);
      for (guint i = 0; i <= j; i++)
        sqlite3_bind_value (stmt, 100 + i, sqlite3_column_value (values, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_error (self, error);
      *out += sqlite3_column_int64 (stmt, 0);
    }
  return TRUE;
}

/* The same, the facts pending review counted as all the facts less the
 * reviewed ones: testing each row against the reviewed ones would cost
 * more than counting a range */
static gboolean
count_before (DeskFactList  *self,
              sqlite3_stmt  *values,
              guint         *out,
              GError       **error)
{
  gint64 all, reviewed = 0;
  gboolean pending = g_strcmp0 (self->status, "pending") == 0 || g_strcmp0 (self->segment, "pending") == 0;
  gboolean ok;

  self->pending_as = pending ? PENDING_AS_ANY : PENDING_AS_PENDING;
  ok = sum_before (self, values, &all, error);
  if (ok && pending)
    {
      self->pending_as = PENDING_AS_REVIEWED;
      ok = sum_before (self, values, &reviewed, error);
    }
  self->pending_as = PENDING_AS_PENDING;
  if (!ok)
    return FALSE;
  *out = (guint) CLAMP (all - reviewed, 0, G_MAXUINT);
  return TRUE;
}

/* The values of the list's order terms for the fact @uid, when the
 * filters keep it: a row of @stmt, or NULL */
static sqlite3_stmt *
order_values (DeskFactList  *self,
              const char    *uid,
              GError       **error)
{
  const char * const *terms = order_terms (self);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", terms[i]);
  g_string_append (sql, append_from_where (self, sql, TRUE) ? " AND f.uid = :uid" : " WHERE f.uid = :uid");
  if (!(stmt = desk_store_prepare (self->store, sql->str, error)))
    return NULL;
  bind_query (self, stmt);
  bind_text (stmt, ":uid", uid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_steal_pointer (&stmt);
}

/* The position of the fact @uid in the list, or GTK's invalid position
 * (G_MAXUINT) when the filters leave it out: the rows whose sort terms
 * come before its own, counted in SQL. */
guint
desk_fact_list_find (DeskFactList *self,
                     const char   *uid)
{
  g_autoptr(sqlite3_stmt) values = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0, n = 0;

  g_return_val_if_fail (DESK_IS_FACT_LIST (self), G_MAXUINT);
  g_return_val_if_fail (uid != NULL, G_MAXUINT);

  if (self->found != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = desk_store_prepare (self->store, "SELECT id FROM facts WHERE uid = ?", &error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      return sqlite3_step (stmt) == SQLITE_ROW ? found_position (self, sqlite3_column_int64 (stmt, 0)) : G_MAXUINT;
    }
  if (!(values = order_values (self, uid, &error)))
    goto out;

  if (self->sort == DESK_FACT_SORT_STATUS)
    {
      /* the statuses before its own, then the rows of its own before it,
       * in document order */
      g_autofree char *status = g_strdup ((const char *) sqlite3_column_text (values, 0));
      gboolean counted;

      for (guint k = 0; k < G_N_ELEMENTS (segments); k++)
        {
          guint g = self->descending ? G_N_ELEMENTS (segments) - 1 - k : k;
          guint size;

          if (g_strcmp0 (segments[g], status) == 0)
            break;
          if (!count_segment (self, g, &size, &error))
            goto out;
          position += size;
        }
      self->segment = status;
      g_clear_pointer (&values, sqlite3_finalize);
      counted = (values = order_values (self, uid, &error)) != NULL && count_before (self, values, &n, &error);
      self->segment = NULL;
      if (!counted)
        goto out;
      return position + n;
    }

  if (count_before (self, values, &n, &error))
    return n;

out:
  if (error != NULL)
    g_warning ("Cannot find a fact in the list: %s", error->message);
  return G_MAXUINT;
}

DeskStore *
desk_fact_list_get_store (DeskFactList *self)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), NULL);
  return self->store;
}

/* How many rows the list read from the library since it was made. */
guint64
desk_fact_list_get_fetched (DeskFactList *self)
{
  g_return_val_if_fail (DESK_IS_FACT_LIST (self), 0);
  return desk_pager_get_fetched (self->pager);
}
