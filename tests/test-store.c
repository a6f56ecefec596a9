/* test-store.c: the library file, its migrations and its full-text search */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "desk-normalize.h"
#include "desk-searcher.h"
#include "desk-store-private.h"
#include "desk-structure.h"
#include "desk-tokenizer.h"
#include "desk-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
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

static gint64
add_text (DeskStore  *store,
          const char *text,
          gboolean   *existed)
{
  const char *pages[] = { text };
  g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);
  g_autoptr(DeskParsedDocument) doc = desk_structure_analyze (blocks, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  doc->format = g_strdup ("text");
  doc->path = g_strdup ("/tmp/test.txt");
  doc->size = strlen (text);
  g_assert_true (desk_store_add_document (store, doc, &id, existed, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_open_and_migrate (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;

  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (desk_store_count_documents (f->store, &error), ==, 0);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, DESK_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  check = desk_store_check_integrity (f->store, &error);
  g_assert_cmpstr (check, ==, "ok");

  /* reopening an up-to-date library migrates nothing and loses nothing */
  add_text (f->store, "Un documento de prueba.\n", NULL);
  g_clear_object (&f->store);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count_documents (f->store, NULL), ==, 1);
}

/* What takes a library of this version back to schema 10, to test
 * the upgrades from there */
#define DOWNGRADE_TO_10 \
  "DROP TABLE mentions; DROP TABLE aliases; DROP TABLE entities; DROP INDEX review_state_field;" \
  "DELETE FROM library_state WHERE key = 'entities_counted';"

/* A new library keeps its facts counted by kind and modality from the
 * start; one of schema 9 opens at once and has them counted later, in
 * the background, and counted the old way until then */
static void
test_migrate_fact_counts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *kept = desk_test_query_text (f->store, "SELECT " DESK_STORE_FACT_COUNTS_KEPT);
  sqlite3 *db;
  gint64 id = add_text (f->store, "Un documento de prueba.\n", NULL);
  g_autofree char *facts = g_strdup_printf (
    "INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\", modality, confidence) VALUES"
    " ('f-1', %1$" G_GINT64_FORMAT ", 'quote', 'Lima', 'Lima', 0, 4, 'asserted', 1),"
    " ('f-2', %1$" G_GINT64_FORMAT ", 'quote', 'Lima', 'Lima', 5, 9, 'asserted', 1),"
    " ('f-3', %1$" G_GINT64_FORMAT ", 'quote', 'Cusco', 'Cusco', 10, 15, 'negated', 1),"
    " ('f-4', %1$" G_GINT64_FORMAT ", 'date', '2024', '2024', 16, 20, 'asserted', 1);"
    "INSERT INTO facts_fts (rowid, text, value) SELECT id, text, value FROM facts;", id);

  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->store), facts, NULL, NULL, NULL), ==, SQLITE_OK);
  /* through the library's own connection, which knows its tokenizer */
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->store), "ALTER TABLE documents DROP COLUMN author;"
                                 "ALTER TABLE documents DROP COLUMN source;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, DOWNGRADE_TO_10 "DROP TABLE fact_counts; DELETE FROM library_state WHERE key = 'fact_counts';"
                                     "PRAGMA user_version = 9", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpstr (kept, ==, "1\t\n");

  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_free (kept);
  kept = desk_test_query_text (f->store, "SELECT " DESK_STORE_FACT_COUNTS_KEPT);
  g_assert_cmpstr (kept, ==, "0\t\n");
  g_assert_cmpint (desk_store_count_facts (f->store, NULL), ==, 4);
  check = desk_store_check_integrity (f->store, &error);
  g_assert_cmpstr (check, ==, "ok");
  g_clear_pointer (&check, g_free);

  g_assert_true (desk_store_update_fact_counts (f->store, &error));
  g_assert_no_error (error);
  g_free (kept);
  kept = desk_test_query_text (f->store, "SELECT " DESK_STORE_FACT_COUNTS_KEPT);
  g_assert_cmpstr (kept, ==, "1\t\n");
  counts = desk_test_query_text (f->store, "SELECT kind, modality, n FROM fact_counts ORDER BY kind, modality");
  g_assert_cmpstr (counts, ==, "date\tasserted\t1\t\nquote\tasserted\t2\t\nquote\tnegated\t1\t\n");
  g_assert_cmpint (desk_store_count_facts (f->store, NULL), ==, 4);
  check = desk_store_check_integrity (f->store, &error);
  g_assert_cmpstr (check, ==, "ok");

  /* a count that no longer matches its facts is found by the check */
  g_clear_pointer (&check, g_free);
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->store), "UPDATE fact_counts SET n = 3 WHERE kind = 'date'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  check = desk_store_check_integrity (f->store, &error);
  g_assert_cmpstr (check, ==, "ok\nfact_counts: date asserted: 3 kept, 1 counted");
}

static void
test_same_content_once (Fixture       *f,
                        gconstpointer  data)
{
  gboolean existed = TRUE;
  gint64 a, b;

  a = add_text (f->store, "La cooperación bilateral.\nOtro párrafo.\n", &existed);
  g_assert_false (existed);
  b = add_text (f->store, "La cooperación  bilateral.\r\nOtro párrafo.\r\n", &existed);
  g_assert_true (existed);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (desk_store_count_documents (f->store, NULL), ==, 1);
}

static guint
count_hits (DeskStore  *store,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = desk_store_search (store, query, 20, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
test_search_folds_and_stems (Fixture       *f,
                             gconstpointer  data)
{
  add_text (f->store, "La cooperación entre ambos países se fortaleció durante el año.\n", NULL);
  add_text (f->store, "Los gobiernos acordaron cooperar en materia de seguridad.\n", NULL);
  add_text (f->store, "Una canción popular sonó durante la ceremonia oficial.\n", NULL);
  add_text (f->store, "The designation aims to bolster military cooperation with Peru.\n", NULL);

  /* accent-insensitive and stemmed, in both directions */
  g_assert_cmpuint (count_hits (f->store, "cooperacion"), >=, 2);
  g_assert_cmpuint (count_hits (f->store, "cooperar"), >=, 2);
  g_assert_cmpuint (count_hits (f->store, "COOPERACIÓN"), >=, 2);
  g_assert_cmpuint (count_hits (f->store, "cancion"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "canción"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "cooperation"), >=, 1);
  g_assert_cmpuint (count_hits (f->store, "gobierno"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "designated"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "coop*"), >=, 3);
  g_assert_cmpuint (count_hits (f->store, "\"bolster military\""), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "inexistente"), ==, 0);
}

static void
test_search_ranks_and_snippets (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  DeskSearchHit *best;
  const GArray *ranges;
  g_autofree char *markup = NULL;
  gint64 rich;

  add_text (f->store, "Un informe sobre comercio exterior y turismo receptivo en la costa norte, con una sola mención a la seguridad.\n", NULL);
  rich = add_text (f->store, "Seguridad y defensa\nLa seguridad regional depende de la cooperación en seguridad fronteriza y de la seguridad ciudadana.\n", NULL);

  hits = desk_store_search (f->store, "seguridad", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  best = g_ptr_array_index (hits, 0);
  g_assert_cmpint (desk_search_hit_get_document_id (best), ==, rich);
  g_assert_cmpfloat (desk_search_hit_get_rank (best), <=,
                     desk_search_hit_get_rank (g_ptr_array_index (hits, 1)));

  ranges = desk_search_hit_get_highlights (best);
  g_assert_cmpuint (ranges->len, >=, 1);
  {
    const DeskRange *r = &g_array_index (ranges, DeskRange, 0);
    const char *snippet = desk_search_hit_get_snippet (best);
    g_autofree char *word = g_utf8_substring (snippet, r->start, r->end);
    g_autofree char *lower = g_utf8_strdown (word, -1);

    g_assert_cmpstr (lower, ==, "seguridad");
  }
  markup = desk_search_hit_dup_snippet_markup (best);
  g_assert_nonnull (strstr (markup, "<b>seguridad</b>") ? "" : strstr (markup, "<b>Seguridad</b>"));
}

static gboolean
append_term_cb (const char *term,
                gsize       term_len,
                gsize       byte_start,
                gsize       byte_end,
                gboolean    colocated,
                gpointer    user_data)
{
  g_string_append_printf (user_data, "%.*s %zu %zu %d\n", (int) term_len, term, byte_start, byte_end, colocated);
  return TRUE;
}

/* Words recorded where a text was read go into the index as its own
 * tokenizing would put them, for the whole text and for parts of it
 * (given by their first code point and bytes after it); a part that cuts
 * a word, or a text that is not the recorded one, is tokenized instead */
static void
test_recorded_words (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = "Él dijo: «la cooperación bilateral» — 45% de US$3.000 en Perú’s área; naïve ÑANDÚ, fin";
  static const struct { gint64 start; gsize delta; gsize len; gboolean replayed; } parts[] = {
    { 0, 0, sizeof text - 1, TRUE },     /* the whole text */
    { 9, 0, 29, TRUE },                   /* «la cooperación bilateral» */
    { 9, 2, 25, TRUE },                   /* the same without « » */
    { 13, 0, 6, FALSE },                  /* "cooper": cuts "cooperación" */
    { 13, 2, 10, FALSE },                 /* "operación": begins inside it */
    { 57, 0, 15, TRUE },                  /* "Perú’s área" */
    { 57, 0, 14, FALSE },                 /* "Perú’s áre": ends inside "área" */
    { 76, 0, 12, TRUE },                  /* "ÑANDÚ, fin", to the end */
    { 0, 0, 3, FALSE },                   /* not the recorded text: see below */
  };
  g_autoptr(DeskStemmer) stemmer = desk_stemmer_new ();
  g_autoptr(DeskTokens) tokens = desk_stemmer_record (stemmer, text, sizeof text - 1);
  g_autofree char *replayed_index = NULL;
  g_autofree char *tokenized_index = NULL;
  sqlite3 *db;
  sqlite3_stmt *insert_a, *insert_b;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (desk_tokenizer_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE a USING fts5 (x, tokenize = 'desk');"
                                     "CREATE VIRTUAL TABLE b USING fts5 (x, tokenize = 'desk');", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO a (x) VALUES (?)", -1, &insert_a, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO b (x) VALUES (?)", -1, &insert_b, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      /* the part of the text, as a copy: the tokenizer compares bytes */
      const char *from = g_utf8_offset_to_pointer (text, parts[i].start) + parts[i].delta;
      g_autofree char *part = i + 1 == G_N_ELEMENTS (parts) ? g_strdup ("Él otra cosa") : g_strndup (from, parts[i].len);
      guint before = desk_tokenizer_replayed ();
      int rc;

      sqlite3_reset (insert_a);
      sqlite3_bind_text (insert_a, 1, part, -1, SQLITE_STATIC);
      desk_tokenizer_replay (tokens, parts[i].start, &parts[i].delta, 1);
      rc = sqlite3_step (insert_a);
      desk_tokenizer_replay (NULL, 0, NULL, 0);
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      g_assert_cmpuint (desk_tokenizer_replayed () - before, ==, parts[i].replayed ? 1 : 0);

      sqlite3_reset (insert_b);
      sqlite3_bind_text (insert_b, 1, part, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert_b), ==, SQLITE_DONE);

      /* the same terms read from the record, for a part of the text itself */
      if (i + 1 < G_N_ELEMENTS (parts))
        {
          g_autoptr(GString) recorded = g_string_new (NULL);
          g_autoptr(GString) tokenized = g_string_new (NULL);
          gsize at = from - text;

          g_assert_cmpint (desk_tokens_foreach (tokens, at, at + strlen (part), append_term_cb, recorded), ==, parts[i].replayed);
          desk_stemmer_tokenize (stemmer, part, strlen (part), append_term_cb, tokenized);
          if (parts[i].replayed)
            g_assert_cmpstr (recorded->str, ==, tokenized->str);
          else
            g_assert_cmpstr (recorded->str, ==, "");
        }
    }
  sqlite3_finalize (insert_a);
  sqlite3_finalize (insert_b);

  replayed_index = desk_test_index_terms (db, "a");
  tokenized_index = desk_test_index_terms (db, "b");
  g_assert_cmpstr (replayed_index, ==, tokenized_index);
  /* "cooperación", the second word of the second text, is there */
  g_assert_nonnull (strstr (tokenized_index, " 2 x 1\n"));
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO a (a) VALUES ('integrity-check')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A snippet is the passage around the first match, about 24 words, the
 * matches marked, "…" where the text is cut */
static void
test_snippets (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskStemmer) stemmer = desk_stemmer_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *middle = NULL;
  g_autofree char *start = NULL;
  g_autofree char *none = NULL;
  g_autofree char *whole = NULL;
  g_auto(GStrv) words = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "palabra%u ", i);
  g_string_append (text, "la cooperación bilateral, y más cooperación. ");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "resto%u ", i);

  middle = desk_stemmer_snippet (stemmer, text->str, "Cooperacion", 24, "[", "]");
  g_assert_true (g_str_has_prefix (middle, "…"));
  g_assert_true (g_str_has_suffix (middle, "…"));
  g_assert_nonnull (strstr (middle, "la [cooperación] bilateral, y más [cooperación]."));
  words = g_strsplit (middle, " ", -1);
  g_assert_cmpuint (g_strv_length (words), ==, 24);

  start = desk_stemmer_snippet (stemmer, "Cooperación entre Perú y Estados Unidos.", "cooperación", 24, "[", "]");
  g_assert_cmpstr (start, ==, "[Cooperación] entre Perú y Estados Unidos.");

  none = desk_stemmer_snippet (stemmer, text->str, "inexistente", 3, "[", "]");
  g_assert_cmpstr (none, ==, "palabra0 palabra1 palabra2…");

  /* a short text near its end: the passage reaches back to have its words */
  whole = desk_stemmer_snippet (stemmer, "uno dos tres cuatro cinco seis siete ocho nueve diez", "diez", 4, "[", "]");
  g_assert_cmpstr (whole, ==, "…siete ocho nueve [diez]");

  /* a search gives them, a prefix search too (through FTS5) */
  add_text (f->store, text->str, NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hits = desk_store_search (f->store, "cooperación", 20, &error);
    g_autoptr(GPtrArray) prefixed = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_nonnull (strstr (desk_search_hit_get_snippet (g_ptr_array_index (hits, 0)), "la cooperación bilateral"));
    g_assert_cmpuint (desk_search_hit_get_highlights (g_ptr_array_index (hits, 0))->len, ==, 2);
    prefixed = desk_store_search (f->store, "cooper*", 20, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (prefixed->len, ==, 1);
    g_assert_cmpuint (desk_search_hit_get_highlights (g_ptr_array_index (prefixed, 0))->len, >=, 1);
  }
}

static void
test_search_bad_queries (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  add_text (f->store, "La Organización de los Estados Americanos (OEA) sesionó en Lima.\n", NULL);

  hits = desk_store_search (f->store, "  \"  ", 20, &error);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY);
  g_assert_null (hits);

  /* FTS5 syntax typed by an officer is searched as words, never an error */
  g_assert_cmpuint (count_hits (f->store, "(OEA) AND NOT -Lima*"), ==, 0);
  g_assert_cmpuint (count_hits (f->store, "OEA)"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "estados: americanos"), ==, 1);
}

static void
test_find_document (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskDocument) by_id = NULL;
  g_autoptr(DeskDocument) by_uid = NULL;
  g_autoptr(DeskDocument) missing = NULL;
  g_autofree char *prefix = NULL;
  gint64 id = add_text (f->store, "Documento para buscar por identificador.\n", NULL);

  by_id = desk_store_get_document (f->store, id, &error);
  g_assert_no_error (error);
  prefix = g_strndup (desk_document_get_uid (by_id), 10);
  by_uid = desk_store_find_document (f->store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_document_get_id (by_uid), ==, id);

  missing = desk_store_find_document (f->store, "424242", &error);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_newer_library_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  add_text (f->store, "Un documento.\n", NULL);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = desk_test_file_checksum (f->path);

  again = desk_store_open (f->path, &error);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NEWER_VERSION);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, f->path));

  after = desk_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_file_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *path = desk_test_write_file (f->dir, "notes.db", "these are notes, not a database\n", -1);
  g_autofree char *before = desk_test_file_checksum (path);
  g_autofree char *after = NULL;

  store = desk_store_open (path, &error);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "notes.db"));

  after = desk_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A library SQLite finds damaged is only read from then on: what is left
 * of it stays as it was, for whoever repairs it */
static void
test_damaged_library_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  const char *pages[] = { "Otro documento sobre el comercio bilateral.\n" };
  g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);
  g_autoptr(DeskParsedDocument) doc = desk_structure_analyze (blocks, NULL, NULL);
  gsize len;
  gint64 id = 0;
  gboolean existed;

  /* enough rows that the last pages are theirs, past the roots of the
   * tables a new library makes empty */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("Documento %u sobre la cooperación en seguridad.\n", i);
      add_text (f->store, text, NULL);
    }
  g_clear_object (&f->store);

  /* the last pages damaged, where the latest rows and their words are */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  memset (contents + len - 8 * 4096, 0xA5, 8 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  before = desk_test_file_checksum (f->path);

  /* refused when it opens, or at the first damaged page it reads */
  again = desk_store_open (f->path, &error);
  if (again == NULL)
    {
      g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY);
      g_assert_nonnull (strstr (error->message, "is damaged"));
      g_test_message ("refused when opened");
      g_clear_error (&error);
    }
  doc->format = g_strdup ("text");
  doc->path = g_strdup ("/tmp/otro.txt");
  doc->size = strlen (pages[0]);
  for (guint attempt = 0; again != NULL && attempt < 2; attempt++)
    {
      g_assert_false (desk_store_add_document (again, doc, &id, &existed, &error));
      g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_A_LIBRARY);
      g_assert_nonnull (strstr (error->message, "is damaged"));
      g_assert_nonnull (strstr (error->message, f->path));
      g_clear_error (&error);
    }
  g_clear_object (&again);

  after = desk_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GPtrArray *hits;
  GError *error;
  gboolean done;
} Answer;

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Answer *answer = user_data;

  answer->hits = desk_searcher_search_finish (NULL, result, &answer->error);
  answer->done = TRUE;
}

static void
wait_answer (Answer *answer)
{
  while (!answer->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Searches in their own thread: the newest one answers, those it replaced
 * and those cancelled say so, and a bad query is an error, not a crash. */
static void
test_searcher (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskSearcher) searcher = desk_searcher_new (f->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Answer first = { 0 }, second = { 0 }, cancelled = { 0 }, bad = { 0 };

  add_text (f->store, "La cooperación antidrogas entre el Perú y los Estados Unidos.\n", NULL);
  add_text (f->store, "The trade promotion agreement with Peru.\n", NULL);

  /* typed one after the other: only the last one counts */
  desk_searcher_search_async (searcher, "cooperar", 20, NULL, on_searched, &first);
  desk_searcher_search_async (searcher, "trade", 20, NULL, on_searched, &second);
  wait_answer (&first);
  wait_answer (&second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (second.hits->len, ==, 1);
  /* the first was replaced before it began, or answered before the second came */
  g_assert_true (g_error_matches (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                 (first.hits != NULL && first.hits->len == 1));

  g_cancellable_cancel (cancellable);
  desk_searcher_search_async (searcher, "peru", 20, cancellable, on_searched, &cancelled);
  wait_answer (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  desk_searcher_search_async (searcher, "   ", 20, NULL, on_searched, &bad);
  wait_answer (&bad);
  g_assert_error (bad.error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY);

  g_clear_pointer (&first.hits, g_ptr_array_unref);
  g_clear_pointer (&second.hits, g_ptr_array_unref);
  g_clear_error (&first.error);
  g_clear_error (&cancelled.error);
  g_clear_error (&bad.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/open-and-migrate", test_open_and_migrate);
  ADD ("/store/migrate-fact-counts", test_migrate_fact_counts);
  ADD ("/store/same-content-once", test_same_content_once);
  ADD ("/store/search-folds-and-stems", test_search_folds_and_stems);
  ADD ("/store/search-ranks-and-snippets", test_search_ranks_and_snippets);
  ADD ("/store/snippets", test_snippets);
  ADD ("/store/recorded-words", test_recorded_words);
  ADD ("/store/search-bad-queries", test_search_bad_queries);
  ADD ("/store/find-document", test_find_document);
  ADD ("/store/newer-library-refused", test_newer_library_refused);
  ADD ("/store/foreign-file-refused", test_foreign_file_refused);
  ADD ("/store/damaged-library-kept", test_damaged_library_kept);
  ADD ("/store/searcher", test_searcher);
#undef ADD

  return g_test_run ();
}
