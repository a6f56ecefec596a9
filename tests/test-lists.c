/* test-lists.c: the paging list models of documents and facts — rows equal
 * to plain SQL, items-changed on filter and sort changes, finding a row,
 * and no full loads (rows read are counted) */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "desk-document-list.h"
#include "desk-entity-list.h"
#include "desk-fact-list.h"
#include "desk-importer.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

/* what the models read at once */
#define PAGE_SIZE 100


typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *samples = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");
  const char *corpus = desk_test_corpus_dir ();
  const char *paths[] = { samples, desk_test_have_corpus () ? corpus : NULL, NULL };
  g_autoptr(DeskImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  importer = desk_importer_new (f->path);
  results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added };
  g_array_append_val (changes, c);
}

/* The uids a plain query gives, one per row. */
static GPtrArray *
sql_uids (DeskStore  *store,
          const char *sql)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (desk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return uids;
}

static const char *
document_uid (gpointer item)
{
  return desk_document_get_uid (item);
}

static const char *
fact_uid (gpointer item)
{
  return desk_fact_item_get_uid (item);
}

static void
assert_rows (GListModel    *model,
             GPtrArray     *expected,
             const char *(*uid_of) (gpointer))
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
      g_assert_cmpstr (uid_of (item), ==, g_ptr_array_index (expected, i));
    }
  g_assert_null (g_list_model_get_item (model, expected->len));
}

static void
test_documents_sorted (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { DeskDocumentSort sort; gboolean descending; const char *sql; } cases[] = {
    { DESK_DOCUMENT_SORT_TITLE, FALSE, "SELECT uid FROM documents ORDER BY lower (title), id" },
    { DESK_DOCUMENT_SORT_TITLE, TRUE, "SELECT uid FROM documents ORDER BY lower (title) DESC, id DESC" },
    { DESK_DOCUMENT_SORT_LANGUAGE, FALSE, "SELECT uid FROM documents ORDER BY languages, id" },
    { DESK_DOCUMENT_SORT_DATE, FALSE, "SELECT uid FROM documents ORDER BY published IS NOT NULL, published, id" },
    { DESK_DOCUMENT_SORT_DATE, TRUE, "SELECT uid FROM documents ORDER BY published IS NULL, published DESC, id DESC" },
    { DESK_DOCUMENT_SORT_SIZE, TRUE, "SELECT uid FROM documents ORDER BY size DESC, id DESC" },
  };
  g_autoptr(DeskDocumentList) list = desk_document_list_new (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DESK_TYPE_DOCUMENT);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) expected = sql_uids (f->store, cases[c].sql);

      desk_document_list_set_sort (list, cases[c].sort, cases[c].descending);
      g_assert_true (desk_document_list_reload (list, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (expected->len, >=, 5);
      assert_rows (G_LIST_MODEL (list), expected, document_uid);
      for (guint i = 0; i < expected->len; i++)
        g_assert_cmpuint (desk_document_list_find (list, g_ptr_array_index (expected, i)), ==, i);
    }
  g_assert_cmpuint (desk_document_list_find (list, "no such document"), ==, G_MAXUINT);
  g_assert_cmpuint (desk_document_list_find (list, NULL), ==, G_MAXUINT);
}

/* Replacing the rows is two signals, whatever the sizes: all removed,
 * then all added. */
static void
test_documents_items_changed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DeskDocumentList) list = desk_document_list_new (f->store);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  guint n;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_true (desk_document_list_reload (list, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, n);

  g_array_set_size (changes, 0);
  g_assert_false (desk_document_list_set_sort (list, DESK_DOCUMENT_SORT_TITLE, FALSE));
  g_assert_true (desk_document_list_set_sort (list, DESK_DOCUMENT_SORT_SIZE, FALSE));
  g_assert_true (desk_document_list_reload (list, &error));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, n);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 1).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 1).added, ==, n);
}

/* A library larger than a page: opening and reading rows here and there
 * reads their pages alone. */
static void
test_documents_no_full_load (void)
{
  g_autofree char *dir = desk_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskDocumentList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  const guint n = 12 * PAGE_SIZE + 7;

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Documento %u\n\nEl Perú y los Estados Unidos firmaron el acuerdo número %u el %u de marzo de 2019.\n",
                                               (i * 7919) % n, i, 1 + i % 28);
      g_autofree char *file_path = desk_test_write_file (dir, "document.txt", text, -1);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autoptr(DeskParsedDocument) doc = desk_parse_file (file, 0, NULL, NULL, &error);

      g_assert_no_error (error);

      g_assert_true (desk_store_add_document (store, doc, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  list = desk_document_list_new (store);
  g_assert_true (desk_document_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  g_assert_cmpuint (desk_document_list_get_fetched (list), ==, 0);
  {
    g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(GObject) second = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_autoptr(GObject) deep = g_list_model_get_item (G_LIST_MODEL (list), n - 3);
    g_assert_nonnull (first);
    g_assert_nonnull (second);
    g_assert_nonnull (deep);
  }
  g_assert_cmpuint (desk_document_list_get_fetched (list), <=, 2 * PAGE_SIZE);

  /* and the rows are still those of the plain query */
  desk_document_list_set_sort (list, DESK_DOCUMENT_SORT_TITLE, TRUE);
  g_assert_true (desk_document_list_reload (list, &error));
  expected = sql_uids (store, "SELECT uid FROM documents ORDER BY lower (title) DESC, id DESC");
  assert_rows (G_LIST_MODEL (list), expected, document_uid);
  g_clear_object (&store);
  desk_test_rm_rf (dir);
}

static GPtrArray *
fact_uids_where (DeskStore  *store,
                 const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT f.uid FROM facts f JOIN documents d ON d.id = f.document_id"
                                          " WHERE %s ORDER BY f.document_id, f.start, f.\"end\" DESC, f.id", where);
  return sql_uids (store, sql);
}

static void
test_facts_filtered (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = fact_uids_where (f->store, "1");
  gint64 document_id;
  g_autofree char *by_document = NULL;
  struct { DeskFactQuery query; const char *where; } cases[] = {
    { DESK_FACT_QUERY_INIT, "1" },
    { { DESK_FACT_DATE, -1, 0, NULL, NULL, NULL }, "f.kind = 'date'" },
    { { DESK_FACT_MONEY, DESK_MODALITY_ASSERTED, 0, NULL, NULL, NULL }, "f.kind = 'money' AND f.modality = 'asserted'" },
    /* read along the modality's index: it has fewer facts than the kind */
    { { DESK_FACT_QUOTE, DESK_MODALITY_NEGATED, 0, NULL, NULL, NULL }, "f.kind = 'quote' AND f.modality = 'negated'" },
    { { -1, DESK_MODALITY_PROPOSED, 0, NULL, NULL, NULL }, "f.modality = 'proposed'" },
    { { -1, -1, 0, "en", NULL, NULL }, "d.language = 'en'" },
    { { DESK_FACT_CITATION, -1, 0, "es", NULL, NULL }, "f.kind = 'citation' AND d.language = 'es'" },
  };

  g_assert_cmpuint (all->len, >, 50);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) expected = fact_uids_where (f->store, cases[c].where);

      desk_fact_list_set_query (list, &cases[c].query);
      g_assert_true (desk_fact_list_reload (list, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (expected->len, >, 0);
      assert_rows (G_LIST_MODEL (list), expected, fact_uid);
      g_assert_cmpuint (desk_fact_list_get_total (list), ==, all->len);
    }

  /* one document */
  {
    g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    DeskFactQuery query = DESK_FACT_QUERY_INIT;
    g_autoptr(GPtrArray) expected = NULL;

    document_id = desk_fact_item_get_document_id (item);
    by_document = g_strdup_printf ("f.document_id = %" G_GINT64_FORMAT, document_id);
    expected = fact_uids_where (f->store, by_document);
    query.document_id = document_id;
    desk_fact_list_set_query (list, &query);
    g_assert_true (desk_fact_list_reload (list, &error));
    assert_rows (G_LIST_MODEL (list), expected, fact_uid);
  }
}

/* A library of an earlier version, whose facts are not counted by kind
 * and modality yet, lists and counts them all the same (counting them);
 * the maintenance an import does counts them, and the list reads them */
static void
test_facts_counts_not_kept (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = fact_uids_where (f->store, "1");
  g_autoptr(GPtrArray) quotes = fact_uids_where (f->store, "f.kind = 'quote'");
  g_autoptr(GPtrArray) pair = fact_uids_where (f->store, "f.kind = 'quote' AND f.modality = 'negated'");
  struct { DeskFactQuery query; GPtrArray *expected; } cases[] = {
    { DESK_FACT_QUERY_INIT, all },
    { { DESK_FACT_QUOTE, -1, 0, NULL, NULL, NULL }, quotes },
    { { DESK_FACT_QUOTE, DESK_MODALITY_NEGATED, 0, NULL, NULL, NULL }, pair },
  };
  const char *none[] = { NULL };

  /* as a schema-9 library is after its migration: the counts are not
   * kept (what the table holds is not to be read) */
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->store),
                                 "DELETE FROM library_state WHERE key = 'fact_counts'; UPDATE fact_counts SET n = n + 1000",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (desk_store_count_facts (f->store, NULL), ==, all->len);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        {
          g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
          g_autoptr(GError) error = NULL;

          desk_fact_list_set_query (list, &cases[c].query);
          g_assert_true (desk_fact_list_reload (list, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (cases[c].expected->len, >, 0);
          assert_rows (G_LIST_MODEL (list), cases[c].expected, fact_uid);
          g_assert_cmpuint (desk_fact_list_get_total (list), ==, all->len);
        }
      if (pass == 0)
        {
          g_autoptr(DeskImporter) importer = desk_importer_new (f->path);
          g_autoptr(GPtrArray) results = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *kept = NULL;
          g_autofree char *check = NULL;

          results = desk_importer_run (importer, none, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          kept = desk_test_query_text (f->store, "SELECT " DESK_STORE_FACT_COUNTS_KEPT);
          g_assert_cmpstr (kept, ==, "1\t\n");
          check = desk_store_check_integrity (f->store, &error);
          g_assert_cmpstr (check, ==, "ok");
        }
    }
}

/* The words filter finds accents folded and the word being typed as a
 * prefix, in the fact, its correction or note, or its document's title. */
static void
test_facts_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lima = fact_uids_where (f->store, "f.text GLOB '*Lima*' OR f.value GLOB '*Lima*'");
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  g_assert_cmpuint (lima->len, >, 0);
  query.text = "lim";   /* typing "Lima": a prefix, in lower case */
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *haystack = g_strdup_printf ("%s %s %s", desk_fact_item_get_text (item),
                                                   desk_fact_item_get_value (item),
                                                   desk_fact_item_get_document_title (item));
      g_autofree char *folded = g_utf8_casefold (haystack, -1);

      g_assert_nonnull (strstr (folded, "lim"));
      g_hash_table_add (shown, g_strdup (desk_fact_item_get_uid (item)));
    }
  for (guint i = 0; i < lima->len; i++)
    g_assert_true (g_hash_table_contains (shown, g_ptr_array_index (lima, i)));

  /* accents folded both ways: "peru" finds "Perú" */
  query.text = "peru";
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);

  /* a note is found as it was written */
  {
    g_autoptr(DeskFactItem) item = NULL;

    query.text = NULL;
    desk_fact_list_set_query (list, &query);
    g_assert_true (desk_fact_list_reload (list, &error));
    item = g_list_model_get_item (G_LIST_MODEL (list), 3);
    g_assert_true (desk_review_set (f->store, desk_fact_item_get_uid (item), "note", "verificar con la embajada", &error));
    g_assert_no_error (error);
    query.text = "embajada";
    desk_fact_list_set_query (list, &query);
    g_assert_true (desk_fact_list_reload (list, &error));
    g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (item)), !=, G_MAXUINT);
  }

  /* what no fact says, and what has no words */
  query.text = "zzqqxx";
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  query.text = "%_\\\"*";
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* The pages of a kind or a modality in document order, and the orders by
 * kind and by modality, are read along an index: a common kind's page
 * sorted all its facts again (a second on a million facts) */
static void
test_facts_pages_indexed (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const pages[] = {
    "SELECT f.id FROM facts f WHERE f.kind = 'citation' ORDER BY f.document_id, f.start, f.id LIMIT 100 OFFSET 10",
    "SELECT f.id FROM facts f WHERE f.kind = 'citation' ORDER BY f.document_id DESC, f.start DESC, f.id DESC LIMIT 100",
    "SELECT f.id FROM facts f WHERE f.modality = 'asserted' ORDER BY f.document_id, f.start, f.id LIMIT 100",
    "SELECT f.id FROM facts f ORDER BY f.kind, f.document_id, f.start, f.id LIMIT 100",
    "SELECT f.id FROM facts f ORDER BY f.modality DESC, f.document_id DESC, f.start DESC, f.id DESC LIMIT 100",
    "SELECT f.id FROM facts f ORDER BY " DESK_STORE_FACT_UNIT_SQL ("f.") ", " DESK_STORE_FACT_AMOUNT_SQL ("f.")
    ", f.kind, f.value COLLATE NOCASE, f.id LIMIT 100",
    "SELECT f.id FROM facts f ORDER BY " DESK_STORE_FACT_UNIT_SQL ("f.") " DESC, " DESK_STORE_FACT_AMOUNT_SQL ("f.")
    " DESC, f.kind DESC, f.value COLLATE NOCASE DESC, f.id DESC LIMIT 100",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", pages[i], NULL);
      g_autofree char *plan = desk_test_query_text (f->store, sql);

      if (strstr (plan, "TEMP B-TREE") != NULL)
        g_error ("%s\n sorts: %s", pages[i], plan);
    }

  /* a fact found in the value order: ranges of the index counted
   * without reading the facts */
  {
    g_autofree char *plan = desk_test_query_text (f->store, "EXPLAIN QUERY PLAN SELECT count (*) FROM facts f WHERE "
                                                  DESK_STORE_FACT_UNIT_SQL ("f.") " = '' AND "
                                                  DESK_STORE_FACT_AMOUNT_SQL ("f.") " = 0 AND f.kind = 'place'"
                                                  " AND f.value COLLATE NOCASE < 'M'");

    g_assert_nonnull (strstr (plan, "COVERING INDEX facts_amount"));
  }
}

static void
words_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_words (DeskFactList *list,
                GCancellable *cancellable)
{
  GAsyncResult *result = NULL;

  desk_fact_list_find_words_async (list, cancellable, words_found_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* The words filter found in a thread: the same rows as found at once; a
 * search whose filter changed since, or given up, is not taken */
static void
test_facts_words_thread (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(DeskFactList) direct = desk_fact_list_new (f->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  guint n;

  query.text = "cooperaci";
  desk_fact_list_set_query (direct, &query);
  g_assert_true (desk_fact_list_reload (direct, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (direct));
  g_assert_cmpuint (n, >, 3);

  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_needs_words (list));
  result = wait_for_words (list, NULL);
  g_assert_true (desk_fact_list_find_words_finish (list, result, &error));
  g_assert_no_error (error);
  g_assert_false (desk_fact_list_needs_words (list));
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskFactItem) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(DeskFactItem) b = g_list_model_get_item (G_LIST_MODEL (direct), i);

      g_assert_cmpstr (desk_fact_item_get_uid (a), ==, desk_fact_item_get_uid (b));
      g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (a)), ==, i);
    }
  /* taken once: a later reload finds them again */
  g_assert_true (desk_fact_list_needs_words (list));

  /* in every order, with other filters too, the list from the thread is
   * the list found at once: its rows, where each is, its review */
  {
    g_autoptr(GPtrArray) uids = fact_uids_where (f->store, "1");

    for (guint i = 0; i < uids->len; i += 5)
      g_assert_true (desk_review_set (f->store, g_ptr_array_index (uids, i), "status", i % 2 ? "approved" : "rejected", &error));
  }
  for (guint filter = 0; filter < 3; filter++)
    for (DeskFactSort sort = DESK_FACT_SORT_NONE; sort <= DESK_FACT_SORT_DOCUMENT; sort++)
      for (int descending = 0; descending < 2; descending++)
        {
          DeskFactQuery other = DESK_FACT_QUERY_INIT;

          other.text = "peru";
          other.kind = filter == 1 ? DESK_FACT_QUOTE : -1;
          other.status = filter == 2 ? "pending" : NULL;
          desk_fact_list_set_query (direct, &other);
          desk_fact_list_set_sort (direct, sort, descending);
          g_assert_true (desk_fact_list_reload (direct, &error));
          desk_fact_list_set_query (list, &other);
          desk_fact_list_set_sort (list, sort, descending);
          g_clear_object (&result);
          result = wait_for_words (list, NULL);
          g_assert_true (desk_fact_list_find_words_finish (list, result, &error));
          g_assert_true (desk_fact_list_reload (list, &error));
          n = g_list_model_get_n_items (G_LIST_MODEL (direct));
          g_assert_cmpuint (n, >, 0);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
          g_assert_cmpuint (desk_fact_list_count_reviewed (list), ==, desk_fact_list_count_reviewed (direct));
          g_assert_cmpuint (desk_fact_list_get_total (list), ==, desk_fact_list_get_total (direct));
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(DeskFactItem) a = g_list_model_get_item (G_LIST_MODEL (list), i);
              g_autoptr(DeskFactItem) b = g_list_model_get_item (G_LIST_MODEL (direct), i);

              g_assert_cmpstr (desk_fact_item_get_uid (a), ==, desk_fact_item_get_uid (b));
              if (i % 11 == 0)
                g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (a)), ==, i);
            }
        }
  g_assert_cmpuint (desk_fact_list_find (list, "no such fact"), ==, G_MAXUINT);
  query.text = "cooperaci";
  desk_fact_list_set_query (list, &query);
  desk_fact_list_set_sort (list, DESK_FACT_SORT_NONE, FALSE);

  /* the officer typed on meanwhile: what was found for the old words is dropped */
  g_clear_object (&result);
  result = NULL;
  desk_fact_list_find_words_async (list, NULL, words_found_cb, &result);
  query.text = "cooperación bilateral";
  desk_fact_list_set_query (list, &query);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (desk_fact_list_find_words_finish (list, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (desk_fact_list_needs_words (list));

  /* given up */
  g_clear_object (&result);
  g_cancellable_cancel (cancellable);
  result = wait_for_words (list, cancellable);
  g_assert_false (desk_fact_list_find_words_finish (list, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static int
compare_status (const char *a,
                const char *b)
{
  return strcmp (a, b);
}

/* The value order: figures unit by unit, each by its amount; every fact
 * then by its kind and its value's text */
static int
compare_values (const DeskFact *a,
                const DeskFact *b)
{
  const DeskFact *facts[] = { a, b };
  const char *units[2];
  double amounts[2];
  int order;

  for (guint i = 0; i < 2; i++)
    {
      gboolean figure = facts[i]->kind == DESK_FACT_MONEY || facts[i]->kind == DESK_FACT_QUANTITY ||
                        facts[i]->kind == DESK_FACT_PERCENT;

      units[i] = figure ? facts[i]->value + strspn (facts[i]->value, "-0123456789.") : "";
      amounts[i] = figure ? g_ascii_strtod (facts[i]->value, NULL) : 0;
    }
  if ((order = strcmp (units[0], units[1])) != 0)
    return order;
  if (amounts[0] != amounts[1])
    return amounts[0] < amounts[1] ? -1 : 1;
  if ((order = strcmp (desk_fact_kind_to_string (a->kind), desk_fact_kind_to_string (b->kind))) != 0)
    return order;
  return g_ascii_strcasecmp (a->value, b->value);
}

/* Sums sort by their amount: US$2.5 million before US$125 billion,
 * which their text put first */
static void
test_facts_sorted_by_amount (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  const char * const order[] = { "500 USD", "300000 USD", "2500000 USD", "45000000 USD", "3679000000 USD",
                                 "9000000000 USD", "16000000000 USD", "125000000000 USD" };
  guint at = 0, n;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("no corpus");
      return;
    }
  query.kind = DESK_FACT_MONEY;
  desk_fact_list_set_query (list, &query);
  for (int descending = 0; descending < 2; descending++)
    {
      desk_fact_list_set_sort (list, DESK_FACT_SORT_VALUE, descending);
      g_assert_true (desk_fact_list_reload (list, &error));
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      at = 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (list), descending ? n - 1 - i : i);
          const char *value = desk_fact_item_get_fact (item)->value;

          if (at < G_N_ELEMENTS (order) && g_str_equal (value, order[at]))
            at++;
          g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (item)), ==, descending ? n - 1 - i : i);
        }
      g_assert_cmpuint (at, ==, G_N_ELEMENTS (order));
    }
}

/* Every order lists every fact once, in the order of its key, and a fact
 * is found where it is listed. */
static void
test_facts_sorted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = fact_uids_where (f->store, "1");
  guint n, expected = 0;

  /* some review, so that the status order means something */
  for (guint i = 0; i < all->len; i += 7)
    g_assert_true (desk_review_set (f->store, g_ptr_array_index (all, i), "status", i % 2 ? "approved" : "rejected", &error));

  /* every fact, then those a words filter finds, which are read in the
   * order they were numbered in */
  for (guint words = 0; words < 2; words++)
  for (DeskFactSort sort = DESK_FACT_SORT_NONE; sort <= DESK_FACT_SORT_DOCUMENT; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(DeskFactItem) previous = NULL;

        if (words == 1 && sort == DESK_FACT_SORT_NONE && descending == 0)
          {
            DeskFactQuery query = DESK_FACT_QUERY_INIT;

            /* what it finds is tested above (/lists/facts/text); here, its orders */
            query.text = "peru";
            desk_fact_list_set_query (list, &query);
            g_assert_true (desk_fact_list_reload (list, &error));
            expected = g_list_model_get_n_items (G_LIST_MODEL (list));
            g_assert_cmpuint (expected, >, 10);
            g_assert_cmpuint (expected, <, all->len);
          }
        desk_fact_list_set_sort (list, sort, descending);
        g_assert_true (desk_fact_list_reload (list, &error));
        g_assert_no_error (error);
        n = g_list_model_get_n_items (G_LIST_MODEL (list));
        g_assert_cmpuint (n, ==, words ? expected : all->len);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
            const DeskFact *fact = desk_fact_item_get_fact (item);
            int order = 0;

            g_assert_true (g_hash_table_add (seen, g_strdup (desk_fact_item_get_uid (item))));
            if (previous != NULL)
              {
                const DeskFact *before = desk_fact_item_get_fact (previous);
                g_autofree char *a = NULL, *b = NULL;

                switch (sort)
                  {
                  case DESK_FACT_SORT_NONE:
                    order = desk_fact_item_get_document_id (previous) < desk_fact_item_get_document_id (item) ? -1
                            : desk_fact_item_get_document_id (previous) > desk_fact_item_get_document_id (item) ? 1
                            : before->start < fact->start ? -1 : before->start > fact->start;
                    break;
                  case DESK_FACT_SORT_STATUS:
                    order = compare_status (desk_fact_item_get_status (previous), desk_fact_item_get_status (item));
                    break;
                  case DESK_FACT_SORT_KIND:
                    order = strcmp (desk_fact_kind_to_string (before->kind), desk_fact_kind_to_string (fact->kind));
                    break;
                  case DESK_FACT_SORT_TEXT:
                    order = g_ascii_strcasecmp (before->text, fact->text);
                    break;
                  case DESK_FACT_SORT_VALUE:
                    order = compare_values (before, fact);
                    break;
                  case DESK_FACT_SORT_MODALITY:
                    order = strcmp (desk_modality_to_string (before->modality), desk_modality_to_string (fact->modality));
                    break;
                  case DESK_FACT_SORT_DOCUMENT:
                    order = g_ascii_strcasecmp (desk_fact_item_get_document_title (previous), desk_fact_item_get_document_title (item));
                    break;
                  }
                /* document order has no reverse */
                if (descending && sort != DESK_FACT_SORT_NONE)
                  g_assert_cmpint (order, >=, 0);
                else
                  g_assert_cmpint (order, <=, 0);
              }
            g_set_object (&previous, item);
          }
        for (guint i = 0; i < n; i += words ? 7 : 37)
          {
            g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
            g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (item)), ==, i);
          }
      }
}

/* The review: counted in SQL, refreshed in the rows in memory, and a
 * status filter follows it after a reload. */
static void
test_facts_review (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskFactItem) first = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  guint n;

  g_assert_true (desk_fact_list_reload (list, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (desk_fact_list_count_reviewed (list), ==, 0);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (desk_fact_item_get_status (first), ==, "pending");

  g_assert_true (desk_review_set (f->store, desk_fact_item_get_uid (first), "status", "approved", &error));
  g_assert_false (desk_fact_list_query_needs_review (list));
  desk_fact_list_refresh_review (list);
  g_assert_cmpstr (desk_fact_item_get_status (first), ==, "approved");
  g_assert_cmpuint (desk_fact_list_count_reviewed (list), ==, 1);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  query.status = "pending";
  g_assert_true (desk_fact_list_set_query (list, &query));
  g_assert_false (desk_fact_list_set_query (list, &query));
  g_assert_true (desk_fact_list_query_needs_review (list));
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (first)), ==, G_MAXUINT);
  g_assert_cmpuint (desk_fact_list_count_reviewed (list), ==, 0);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, n);
  g_assert_cmpuint (g_array_index (changes, Change, 1).added, ==, n - 1);

  query.status = "approved";
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (desk_fact_list_count_reviewed (list), ==, 1);
  g_assert_cmpuint (desk_fact_list_find (list, desk_fact_item_get_uid (first)), ==, 0);
}

/* Reading the first rows, and some deep in the list, reads their pages
 * and nothing else, and what stays in memory is bounded. */
static void
test_facts_no_full_load (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (desk_fact_list_reload (list, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n < 3 * PAGE_SIZE)
    {
      g_test_skip ("the corpus is needed for a list longer than a few pages");
      return;
    }
  g_assert_cmpuint (desk_fact_list_get_fetched (list), ==, 0);
  desk_fact_list_count_reviewed (list);
  desk_fact_list_find (list, "no such fact");
  g_assert_cmpuint (desk_fact_list_get_fetched (list), ==, 0);
  for (guint i = 0; i < 30; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), n / 2));
  g_assert_cmpuint (desk_fact_list_get_fetched (list), <=, 2 * PAGE_SIZE);

  desk_fact_list_set_sort (list, DESK_FACT_SORT_TEXT, TRUE);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), n - 1));
  g_assert_cmpuint (desk_fact_list_get_fetched (list), <=, 3 * PAGE_SIZE);
}

static void
assert_fts_intact (DeskStore *store)
{
  char *message = NULL;

  if (sqlite3_exec (desk_store_get_db (store),
                    "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check');"
                    "INSERT INTO facts_fts (facts_fts) VALUES ('integrity-check');",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("full-text index damaged: %s", message);
}

/* The words of facts are indexed as import writes them, and follow a
 * re-extraction that drops some facts and changes others. */
static void
test_facts_words_indexed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DeskFactList) list = desk_fact_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, TRUE, sizeof (DeskFact));
  g_autoptr(DeskDocument) doc = NULL;
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  DeskFactFilter filter = { -1, -1, 0, NULL };

  assert_fts_intact (f->store);
  rows = desk_store_list_facts (f->store, NULL, &error);
  g_assert_no_error (error);
  /* the document with the most facts */
  filter.document_id = desk_store_query_int64 (f->store, "SELECT document_id FROM facts GROUP BY 1 ORDER BY count (*) DESC LIMIT 1", &error);
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = desk_store_list_facts (f->store, &filter, &error);
  g_assert_cmpuint (rows->len, >=, 4);
  doc = desk_store_get_document (f->store, filter.document_id, &error);
  g_assert_no_error (error);

  /* every other fact again, the first with other words */
  for (guint i = 0; i < rows->len; i += 2)
    {
      const DeskFactRow *row = g_ptr_array_index (rows, i);
      DeskFact fact = row->fact;

      fact.text = g_strdup (i == 0 ? "Zanahoriazul" : row->fact.text);
      fact.value = g_strdup (row->fact.value);
      fact.extra = g_strdup (row->fact.extra);
      fact.terms = NULL;
      g_array_append_val (kept, fact);
    }
  g_array_set_clear_func (kept, (GDestroyNotify) desk_fact_clear);
  g_assert_true (desk_store_replace_facts (f->store, filter.document_id, desk_document_get_uid (doc), kept, 1, &error));
  g_assert_no_error (error);
  assert_fts_intact (f->store);

  query.text = "zanahoriazul";
  desk_fact_list_set_query (list, &query);
  g_assert_true (desk_fact_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* Whether @item's name or one of its aliases holds @words, case aside */
static gboolean
entity_holds (DeskEntityItem *item,
              const char     *words)
{
  g_autofree char *folded = g_utf8_casefold (words, -1);
  g_autofree char *name = g_utf8_casefold (desk_entity_item_get_name (item), -1);
  const char * const *aliases = desk_entity_item_get_aliases (item);

  if (strstr (name, folded) != NULL)
    return TRUE;
  for (guint i = 0; aliases[i] != NULL; i++)
    {
      g_autofree char *alias = g_utf8_casefold (aliases[i], -1);

      if (strstr (alias, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The entity list pages from the library (reading the last row reads
 * one page, not all), is the most mentioned first, sorts by name, and
 * keeps only a kind or the entities whose names hold some words, each
 * change a removal of all then an addition of all */
static void
test_entities_paged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskEntityList) list = desk_entity_list_new (f->store);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskEntityItem) last = NULL;
  DeskEntityFilter all = { -1, NULL, NULL, DESK_ENTITY_SORT_MENTIONS, TRUE, FALSE };
  guint n, n_places;
  gint64 previous = G_MAXINT64;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_true (desk_entity_list_reload (list, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpint (n, ==, desk_store_count_entities (f->store, &all, NULL));
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (desk_entity_list_get_fetched (list), ==, 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_nonnull (last);
  g_assert_cmpuint (desk_entity_list_get_fetched (list), <=, PAGE_SIZE);
  g_assert_cmpuint (desk_entity_list_find (list, desk_entity_item_get_uid (last)), ==, n - 1);
  for (guint i = 0; i < MIN (n, 50); i++)
    {
      g_autoptr(DeskEntityItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (desk_entity_item_get_n_mentions (item), <=, previous);
      previous = desk_entity_item_get_n_mentions (item);
    }

  g_assert_false (desk_entity_list_set_sort (list, DESK_ENTITY_SORT_MENTIONS, TRUE));
  g_assert_true (desk_entity_list_set_sort (list, DESK_ENTITY_SORT_NAME, FALSE));
  g_array_set_size (changes, 0);
  g_assert_true (desk_entity_list_reload (list, &error));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, n);
  g_assert_cmpuint (g_array_index (changes, Change, 1).added, ==, n);
  for (guint i = 1; i < MIN (n, 50); i++)
    {
      g_autoptr(DeskEntityItem) a = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
      g_autoptr(DeskEntityItem) b = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (g_utf8_collate (desk_entity_item_get_name (a), desk_entity_item_get_name (b)), <=, 0);
    }

  g_assert_true (desk_entity_list_set_kind (list, DESK_FACT_PLACE));
  g_assert_true (desk_entity_list_reload (list, &error));
  n_places = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_places, >, 0);
  g_assert_cmpuint (n_places, <, n);
  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr(DeskEntityItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (desk_entity_item_get_kind (item), ==, DESK_FACT_PLACE);
    }

  g_assert_true (desk_entity_list_set_kind (list, -1));
  g_assert_true (desk_entity_list_set_words (list, " lima "));
  g_assert_false (desk_entity_list_set_words (list, "lima"));
  g_assert_true (desk_entity_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, n);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DeskEntityItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (entity_holds (item, "lima"));
    }
  g_assert_true (desk_entity_list_set_words (list, ""));
  g_assert_true (desk_entity_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lists/documents/sorted", Fixture, NULL, fixture_setup, test_documents_sorted, fixture_teardown);
  g_test_add ("/lists/documents/items-changed", Fixture, NULL, fixture_setup, test_documents_items_changed, fixture_teardown);
  g_test_add_func ("/lists/documents/no-full-load", test_documents_no_full_load);
  g_test_add ("/lists/entities/paged", Fixture, NULL, fixture_setup, test_entities_paged, fixture_teardown);
  g_test_add ("/lists/facts/filtered", Fixture, NULL, fixture_setup, test_facts_filtered, fixture_teardown);
  g_test_add ("/lists/facts/counts-not-kept", Fixture, NULL, fixture_setup, test_facts_counts_not_kept, fixture_teardown);
  g_test_add ("/lists/facts/text", Fixture, NULL, fixture_setup, test_facts_text, fixture_teardown);
  g_test_add ("/lists/facts/sorted", Fixture, NULL, fixture_setup, test_facts_sorted, fixture_teardown);
  g_test_add ("/lists/facts/sorted-by-amount", Fixture, NULL, fixture_setup, test_facts_sorted_by_amount, fixture_teardown);
  g_test_add ("/lists/facts/review", Fixture, NULL, fixture_setup, test_facts_review, fixture_teardown);
  g_test_add ("/lists/facts/words-indexed", Fixture, NULL, fixture_setup, test_facts_words_indexed, fixture_teardown);
  g_test_add ("/lists/facts/words-thread", Fixture, NULL, fixture_setup, test_facts_words_thread, fixture_teardown);
  g_test_add ("/lists/facts/pages-indexed", Fixture, NULL, fixture_setup, test_facts_pages_indexed, fixture_teardown);
  g_test_add ("/lists/facts/no-full-load", Fixture, NULL, fixture_setup, test_facts_no_full_load, fixture_teardown);

  return g_test_run ();
}
