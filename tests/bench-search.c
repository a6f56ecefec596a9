/* bench-search.c: search latency (top 20 with snippets) on a generated
 * library, next to `grep -r` over the same files, measured in the same run.
 *
 * DESK_BENCH_DOCS sets the number of documents (20,000 by default; the
 * DESIGN.md target is stated for 100,000).  DESK_BENCH_KEEP names a folder
 * where the files and the library are kept and used again by later runs.  The documents mix sentences of
 * ../shared/corpus and data/samples with their figures varied. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-importer.h"
#include "desk-store.h"
#include "desk-test-util.h"

#define QUERIES 100
#define SENTENCES_PER_DOC 8

static void
print_latency (const char *what,
               GArray     *ms)
{
  g_array_sort (ms, desk_test_compare_doubles);
  g_print ("%-44s median %7.2f ms   95th percentile %7.2f ms\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, (ms->len * 95) / 100));
}

int
main (int    argc,
      char **argv)
{
  const char *env = g_getenv ("DESK_BENCH_DOCS");
  guint n_docs = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 20000;
  const char *kept = g_getenv ("DESK_BENCH_KEEP");
  g_autofree char *dir = kept ? g_strdup (kept) : desk_test_make_tmpdir ();
  g_autofree char *files = g_build_filename (dir, "documents", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GPtrArray) sentences = desk_test_corpus_sentences (400);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) grep = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GRand) pick = g_rand_new_with_seed (20261201);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gsize bytes = 0;
  double loading;

  if (sentences->len < 20)
    {
      g_printerr ("bench-search: no sentences to build documents from\n");
      return 77;
    }

  /* the documents, as files (for grep) and in a library, a batch of
   * documents per transaction */
  g_mkdir_with_parents (files, 0755);
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
  for (guint d = desk_store_count_documents (store, NULL); d < n_docs; d++)
    {
      g_autofree char *text = desk_test_generate_text (sentences, d, SENTENCES_PER_DOC, rand);
      g_autofree char *name = g_strdup_printf ("%06u.txt", d);
      g_autofree char *path = g_build_filename (files, name, NULL);
      g_autoptr(GFile) file = NULL;
      g_autoptr(DeskParsedDocument) doc = NULL;

      bytes += strlen (text);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      file = g_file_new_for_path (path);
      doc = desk_parse_file (file, 0, NULL, NULL, &error);
      g_assert_no_error (error);
      if (d % 500 == 0)
        g_assert_true (desk_store_begin_batch (store, &error));
      g_assert_true (desk_store_add_document (store, doc, NULL, NULL, &error));
      if (d % 500 == 499 || d + 1 == n_docs)
        g_assert_true (desk_store_commit_batch (store, &error));
    }
  loading = g_timer_elapsed (timer, NULL);

  /* queries: words of the sentences, long enough to mean something */
  while (words->len < QUERIES)
    {
      const char *sentence = g_ptr_array_index (sentences, g_rand_int_range (pick, 0, sentences->len));
      g_auto(GStrv) parts = g_strsplit_set (sentence, " ,.;:()“”\"«»", -1);
      guint n = g_strv_length (parts);
      const char *word = n > 0 ? parts[g_rand_int_range (pick, 0, n)] : "";

      if (g_utf8_strlen (word, -1) >= 6)
        g_ptr_array_add (words, g_strdup (word));
    }

  for (guint q = 0; q < words->len; q++)
    {
      const char *word = g_ptr_array_index (words, q);
      g_autoptr(GPtrArray) hits = NULL;
      const char *grep_argv[] = { "grep", "-r", "-l", "-i", "-F", word, files, NULL };
      g_autofree char *out = NULL;
      double ms;

      g_timer_start (timer);
      hits = desk_store_search (store, word, 20, &error);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      g_array_append_val (ours, ms);

      g_timer_start (timer);
      g_spawn_sync (NULL, (char **) grep_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, NULL, &error);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      g_array_append_val (grep, ms);
    }

  if (bytes > 0)
    g_print ("library: %u documents, %.1f MB of them stored in %.1f s (without extraction)\n",
             n_docs, bytes / 1e6, loading);
  else
    g_print ("library: %u documents, kept from an earlier run\n", n_docs);
  print_latency ("search, top 20 with snippets:", ours);
  print_latency ("baseline, grep -r -l -i over the same files:", grep);
  g_print ("target: top 20 with snippets in under 20 ms on 100,000 documents\n");
  if (kept == NULL)
    desk_test_rm_rf (dir);
  return 0;
}
