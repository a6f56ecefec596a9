/* bench-lists.c: the paging lists of documents and facts on a large
 * library — reading them again after a filter or a new order, their first
 * and last pages, finding a row — next to loading every fact in memory,
 * as the lists did before they paged, measured in the same run.
 *
 * DESK_BENCH_DOCS (100,000 by default) and DESK_BENCH_LIBRARY (a library
 * kept between runs) as for bench-gui. */
#include "config.h"

#include <string.h>

#include "desk-document-list.h"
#include "desk-fact-list.h"
#include "desk-importer.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

#define REPEAT 5

static double
median (double *ms,
        guint   n)
{
  qsort (ms, n, sizeof (double), desk_test_compare_doubles);
  return ms[n / 2];
}

static void
report (const char *what,
        double      ms,
        guint       rows)
{
  g_print ("%-52s %8.1f ms  %8u rows%s\n", what, ms, rows, ms > 100 ? "   (over 100 ms)" : "");
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Reload, first row, last row and a row found, as a view does them. */
static void
time_facts (DeskFactList        *list,
            const char          *what,
            const DeskFactQuery *query,
            DeskFactSort         sort,
            gboolean             descending,
            const char          *uid)
{
  double reload[REPEAT], first[REPEAT], last[REPEAT], find[REPEAT];
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n = 0;

  for (guint r = 0; r < REPEAT; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) a = NULL;
      g_autoptr(GObject) b = NULL;

      /* a fresh list each time: nothing of the last round in memory */
      g_autoptr(DeskFactList) fresh = desk_fact_list_new (desk_fact_list_get_store (list));

      desk_fact_list_set_query (fresh, query);
      desk_fact_list_set_sort (fresh, sort, descending);
      g_timer_start (timer);
      g_assert_true (desk_fact_list_reload (fresh, &error));
      desk_fact_list_get_total (fresh);
      desk_fact_list_count_reviewed (fresh);
      reload[r] = g_timer_elapsed (timer, NULL) * 1000;
      n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
      g_timer_start (timer);
      a = n > 0 ? g_list_model_get_item (G_LIST_MODEL (fresh), 0) : NULL;
      first[r] = g_timer_elapsed (timer, NULL) * 1000;
      g_timer_start (timer);
      b = n > 0 ? g_list_model_get_item (G_LIST_MODEL (fresh), n - 1) : NULL;
      last[r] = g_timer_elapsed (timer, NULL) * 1000;
      g_timer_start (timer);
      desk_fact_list_find (fresh, uid);
      find[r] = g_timer_elapsed (timer, NULL) * 1000;
    }
  g_print ("%s\n", what);
  report ("  count and reviewed count", median (reload, REPEAT), n);
  report ("  first page", median (first, REPEAT), n);
  report ("  last page", median (last, REPEAT), n);
  report ("  find a fact", median (find, REPEAT), n);
}

int
main (int    argc,
      char **argv)
{
  const char *env_docs = g_getenv ("DESK_BENCH_DOCS");
  const char *kept = g_getenv ("DESK_BENCH_LIBRARY");
  guint n_docs = env_docs ? (guint) g_ascii_strtoull (env_docs, NULL, 10) : 100000;
  g_autofree char *tmp = desk_test_make_tmpdir ();
  g_autofree char *library = kept ? g_strdup (kept) : g_build_filename (tmp, "library.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskFactList) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *uid = NULL;
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  double baseline;
  guint n;

  if (desk_test_corpus_sentences (400)->len < 20)
    {
      g_printerr ("bench-lists: no sentences to build documents from\n");
      return 77;
    }
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  desk_test_fill_library (library, n_docs, tmp);
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
  g_print ("library: %" G_GINT64_FORMAT " documents, %" G_GINT64_FORMAT " facts\n",
           desk_test_count (store, "SELECT count (*) FROM documents"),
           desk_test_count (store, "SELECT count (*) FROM facts"));

  /* some review, as after a few days of work */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

    sqlite3_prepare_v2 (desk_store_get_db (store), "SELECT uid FROM facts WHERE id % 997 = 0", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    if (desk_test_count (store, "SELECT count (*) FROM review_state") == 0)
      for (guint i = 0; i < uids->len; i++)
        desk_review_set (store, g_ptr_array_index (uids, i), "status", i % 3 ? "approved" : "rejected", NULL);
  }

  /* the baseline: every fact in memory, as the list was before */
  g_timer_start (timer);
  all = desk_store_list_facts (store, NULL, &error);
  baseline = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);
  uid = g_strdup (((DeskFactRow *) g_ptr_array_index (all, all->len / 2))->uid);
  g_clear_pointer (&all, g_ptr_array_unref);
  report ("baseline, every fact loaded (the list before paging)", baseline, 0);

  /* documents */
  {
    g_autoptr(DeskDocumentList) docs = desk_document_list_new (store);
    static const char * const names[] = { "title", "language", "date", "size" };

    for (DeskDocumentSort sort = DESK_DOCUMENT_SORT_TITLE; sort <= DESK_DOCUMENT_SORT_SIZE; sort++)
      {
        g_autoptr(GObject) a = NULL;
        g_autoptr(GObject) b = NULL;
        g_autofree char *what = g_strdup_printf ("documents by %s: count, first and last page", names[sort]);

        desk_document_list_set_sort (docs, sort, TRUE);
        g_timer_start (timer);
        desk_document_list_reload (docs, NULL);
        n = g_list_model_get_n_items (G_LIST_MODEL (docs));
        a = g_list_model_get_item (G_LIST_MODEL (docs), 0);
        b = g_list_model_get_item (G_LIST_MODEL (docs), n - 1);
        report (what, g_timer_elapsed (timer, NULL) * 1000, n);
      }
  }

  list = desk_fact_list_new (store);
  time_facts (list, "facts, document order", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  time_facts (list, "facts by text, Z to A", &query, DESK_FACT_SORT_TEXT, TRUE, uid);
  time_facts (list, "facts by value", &query, DESK_FACT_SORT_VALUE, FALSE, uid);
  time_facts (list, "facts by kind", &query, DESK_FACT_SORT_KIND, FALSE, uid);
  time_facts (list, "facts by review status", &query, DESK_FACT_SORT_STATUS, FALSE, uid);
  time_facts (list, "facts by document title", &query, DESK_FACT_SORT_DOCUMENT, FALSE, uid);
  query.kind = DESK_FACT_MONEY;
  time_facts (list, "money facts", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  query.kind = -1;
  query.language = "en";
  time_facts (list, "facts of English documents", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  query.language = NULL;
  query.status = "pending";
  time_facts (list, "facts pending review", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  query.status = "approved";
  time_facts (list, "approved facts", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  query.status = NULL;
  query.text = "cooperac";
  time_facts (list, "facts with a word typed so far: \"cooperac\"", &query, DESK_FACT_SORT_NONE, FALSE, uid);
  query.text = "Estados Unidos";
  time_facts (list, "facts with \"Estados Unidos\"", &query, DESK_FACT_SORT_TEXT, FALSE, uid);
  /* as the window does it: the list found in a thread, then read from memory */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(DeskFactList) fresh = desk_fact_list_new (store);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GObject) first = NULL;
      double in_thread, after;

      query.text = k == 0 ? "cooperac" : "Estados Unidos";
      desk_fact_list_set_query (fresh, &query);
      desk_fact_list_set_sort (fresh, k == 0 ? DESK_FACT_SORT_NONE : DESK_FACT_SORT_TEXT, FALSE);
      g_timer_start (timer);
      desk_fact_list_find_words_async (fresh, NULL, found_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      in_thread = g_timer_elapsed (timer, NULL) * 1000;
      g_timer_start (timer);
      g_assert_true (desk_fact_list_find_words_finish (fresh, result, &error));
      g_assert_true (desk_fact_list_reload (fresh, &error));
      desk_fact_list_count_reviewed (fresh);
      n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
      first = n > 0 ? g_list_model_get_item (G_LIST_MODEL (fresh), 0) : NULL;
      if (first != NULL)
        desk_fact_list_find (fresh, desk_fact_item_get_uid (DESK_FACT_ITEM (first)));
      after = g_timer_elapsed (timer, NULL) * 1000;
      g_print ("\"%s\" found in a thread: %.1f ms there, then count, first page and a fact found %.1f ms%s (%u rows)\n",
               query.text, in_thread, after, after > 100 ? "   (over 100 ms)" : "", n);
    }
  query.text = NULL;
  g_print ("target: counts and filter changes within 100 ms on 100,000 documents and 1,000,000 facts\n");

  g_clear_object (&list);
  g_clear_object (&store);

  /* one more document: what adding it costs (its facts compared with the
   * library's, its scores) next to the same into an empty library */
  {
    GPtrArray *sentences = desk_test_corpus_sentences (400);
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *path = NULL;
    g_autofree char *empty = g_build_filename (tmp, "empty.db", NULL);
    const char *paths[2] = { NULL, NULL };
    double added, alone;

    /* new every run: the kept library grows by one document a run */
    g_string_printf (text, "Nota %" G_GINT64_FORMAT " sobre la agenda bilateral\n\n", g_get_real_time ());
    for (guint i = 0; i < 40; i++)
      g_string_append_printf (text, "%s\n\n", (const char *) g_ptr_array_index (sentences, (i * 7) % sentences->len));
    path = desk_test_write_file (tmp, "nota.txt", text->str, -1);
    paths[0] = path;
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(DeskImporter) importer = desk_importer_new (k == 0 ? empty : library);
        g_autoptr(GPtrArray) results = NULL;

        g_timer_start (timer);
        results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        if (k == 0)
          alone = g_timer_elapsed (timer, NULL) * 1000;
        else
          added = g_timer_elapsed (timer, NULL) * 1000;
      }
    g_print ("one document imported into an empty library     %8.1f ms   (baseline)\n", alone);
    g_print ("the same document into this library              %8.1f ms   (%.1f times)\n", added, added / alone);
  }
  desk_test_rm_rf (tmp);
  return 0;
}
