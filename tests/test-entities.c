/* test-entities.c: people, organizations and places as entities: the
 * mentions import writes, their alias groups, the officer's renames,
 * merges, splits, kinds and rejections, and the upgrade of a library
 * whose names were facts */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "desk-importer.h"
#include "desk-normalize.h"
#include "desk-structure.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
} Fixture;

static void
import_into (const char  *library,
             const char **paths)
{
  g_autoptr(DeskImporter) importer = desk_importer_new (library);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), desk_test_have_corpus () ? desk_test_corpus_dir () : NULL, NULL };
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  import_into (f->path, paths);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  desk_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The entity whose aliases hold @form, in English; NULL when none */
static DeskEntityRow *
entity_written (DeskStore  *store,
                const char *form)
{
  DeskEntityFilter filter = { -1, form, "en", DESK_ENTITY_SORT_MENTIONS, TRUE, FALSE };
  g_autoptr(GPtrArray) rows = desk_store_list_entities (store, &filter, 0, 1000, NULL);

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskEntityRow *row = g_ptr_array_index (rows, i);

      if (g_strv_contains ((const char * const *) row->aliases, form))
        return g_ptr_array_steal_index (rows, i);
    }
  return NULL;
}

/* The alias groups an officer expects of the corpus are one entity each,
 * with their mentions counted; the Facts hold no names */
static void
test_alias_groups (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const groups[][6] = {
    { "Estados Unidos", "EE. UU.", "EEUU", "United States", "U.S.", NULL },
    { "OTAN", "NATO", NULL },
    { "Trump", "Donald Trump", NULL },
    { "DEVIDA", "Comisión Nacional para el Desarrollo y Vida sin Drogas", NULL },
  };
  DeskFactFilter people = { DESK_FACT_PERSON, -1, 0, NULL };
  g_autoptr(GPtrArray) names = NULL;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not here");
      return;
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autoptr(DeskEntityRow) first = entity_written (f->store, groups[g][0]);

      g_assert_nonnull (first);
      g_assert_cmpint (first->n_mentions, >=, 2);
      g_assert_cmpint (first->n_documents, >=, 1);
      for (guint i = 1; groups[g][i] != NULL; i++)
        {
          g_autoptr(DeskEntityRow) other = entity_written (f->store, groups[g][i]);

          g_assert_nonnull (other);
          g_assert_cmpstr (other->uid, ==, first->uid);
        }
    }

  {
    g_autoptr(DeskEntityRow) us = entity_written (f->store, "EEUU");
    g_autoptr(DeskEntityRow) es = desk_store_get_entity (f->store, us->uid, "es", NULL);

    g_assert_cmpstr (us->name, ==, "United States");
    g_assert_cmpstr (es->name, ==, "Estados Unidos");
    g_assert_cmpint (us->kind, ==, DESK_FACT_PLACE);
  }
  /* a name first met as its acronym still gets its Spanish name */
  {
    g_autoptr(DeskEntityRow) oecd = entity_written (f->store, "OCDE");

    g_assert_nonnull (oecd);
    g_assert_cmpstr (oecd->name_es, ==, "Organización para la Cooperación y el Desarrollo Económicos");
  }
  /* in a library of the samples alone too, where the Spanish name comes
   * with no mention of the gazetteer's own names */
  {
    g_autofree char *path = g_build_filename (f->dir, "samples.db", NULL);
    const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL };
    g_autoptr(DeskStore) samples = NULL;
    g_autoptr(DeskEntityRow) police = NULL;
    g_autoptr(DeskEntityRow) cabinet = NULL;
    g_autoptr(DeskEntityRow) oas = NULL;

    import_into (path, paths);
    samples = desk_store_open (path, NULL);
    police = entity_written (samples, "Policía Nacional del Perú");
    cabinet = entity_written (samples, "Gabinete Binacional");
    oas = entity_written (samples, "OEA");
    g_assert_nonnull (police);
    g_assert_cmpstr (police->name_en, ==, "National Police of Peru");
    g_assert_cmpstr (police->name_es, ==, "Policía Nacional del Perú");
    g_assert_cmpstr (cabinet->name_es, ==, "Gabinete Binacional");
    /* written as its acronym first */
    g_assert_nonnull (oas);
    g_assert_cmpstr (oas->name_es, ==, "Organización de los Estados Americanos");
  }

  names = desk_store_list_facts (f->store, &people, NULL);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpint (desk_test_count (f->store, "SELECT count (*) FROM facts WHERE kind IN ('person', 'org', 'place')"), ==, 0);
}

/* The mentions of an entity come with their context and documents; the
 * claims of its sentences are listed; filtering by kind and words */
static void
test_mentions_and_claims (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DeskEntityRow) peru = entity_written (f->store, "Perú");
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) places = NULL;
  DeskEntityFilter filter = { DESK_FACT_PLACE, NULL, "en", DESK_ENTITY_SORT_NAME, FALSE, FALSE };

  g_assert_nonnull (peru);
  mentions = desk_store_list_entity_mentions (f->store, peru->uid, "en", 0, 1000, NULL);
  g_assert_cmpint (mentions->len, ==, peru->n_mentions);
  for (guint i = 0; i < mentions->len; i++)
    {
      DeskMentionRow *m = g_ptr_array_index (mentions, i);
      g_autofree char *text = desk_store_get_text (f->store, m->document_id, NULL);
      g_autofree char *at = g_utf8_substring (text, m->start, m->end);

      g_assert_cmpstr (at, ==, m->form);
      g_assert_nonnull (m->before);
      g_assert_nonnull (m->after);
      /* within its paragraph */
      g_assert_null (strchr (m->before, '\n'));
      g_assert_null (strchr (m->after, '\n'));
    }
  documents = desk_store_list_entity_documents (f->store, peru->uid, NULL);
  g_assert_cmpint (documents->len, ==, peru->n_documents);
  claims = desk_store_list_entity_claims (f->store, peru->uid, 1000, NULL);
  g_assert_cmpuint (claims->len, >, 0);

  places = desk_store_list_entities (f->store, &filter, 0, 100000, NULL);
  g_assert_cmpint (places->len, ==, desk_store_count_entities (f->store, &filter, NULL));
  for (guint i = 0; i < places->len; i++)
    g_assert_cmpint (((DeskEntityRow *) g_ptr_array_index (places, i))->kind, ==, DESK_FACT_PLACE);
  for (guint i = 1; i < places->len; i++)
    g_assert_cmpint (g_utf8_collate (((DeskEntityRow *) g_ptr_array_index (places, i - 1))->name,
                                     ((DeskEntityRow *) g_ptr_array_index (places, i))->name), <=, 0);
}

/* A library of schema 10, whose names were facts with review work on
 * some, opens with them as mentions: the work stays in the history, and
 * what was decided of every mention of a name alike goes to its entity */
static void
test_upgrade (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskEntityRow) lima = NULL;
  g_autofree char *check = NULL;
  g_autofree char *history = NULL;
  sqlite3 *db;
  gint64 id;

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  {
    const char *text = "Lima y Cusco. Lima otra vez en 2024.\n";
    const char *pages[] = { text };
    g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);
    g_autoptr(DeskParsedDocument) doc = desk_structure_analyze (blocks, NULL, NULL);
    gboolean existed;

    doc->format = g_strdup ("text");
    doc->path = g_strdup ("/tmp/old.txt");
    doc->size = strlen (text);
    g_assert_true (desk_store_add_document (store, doc, &id, &existed, &error));
    g_assert_no_error (error);
  }
  /* written through the library's connection, for the index of their words */
  {
    g_autofree char *sql = g_strdup_printf (
      "DELETE FROM facts; DELETE FROM fact_counts; DELETE FROM mentions; DELETE FROM library_state WHERE key = 'fact_counts';"
      "INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\", modality, confidence, sentence) VALUES"
      " ('n-1', %1$" G_GINT64_FORMAT ", 'place', 'Lima', 'Lima', 0, 4, 'asserted', 1, 0),"
      " ('n-2', %1$" G_GINT64_FORMAT ", 'place', 'Cusco', 'Cusco', 7, 12, 'asserted', 1, 0),"
      " ('n-3', %1$" G_GINT64_FORMAT ", 'place', 'Lima', 'Lima', 14, 18, 'asserted', 1, 14),"
      " ('c-1', %1$" G_GINT64_FORMAT ", 'date', '2024', '2024', 31, 35, 'asserted', 1, 14);"
      "INSERT INTO review_sessions (id, uid, name, reviewer, started) VALUES (1, 's-1', 'Antes', 'Ana', '2026-01-01T00:00:00Z');"
      "INSERT INTO review_state (target, field, value) VALUES ('n-1', 'status', 'rejected'), ('n-3', 'status', 'rejected'),"
      " ('n-2', 'status', 'approved'), ('n-2', 'note', 'la ciudad');"
      "INSERT INTO review_events (uid, session_id, time, target, field, old_value, new_value)"
      " VALUES ('e-1', 1, '2026-01-01T00:00:00Z', 'n-1', 'status', NULL, 'rejected');"
      "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild');"
      /* schema 10 has no author or source either */
      "ALTER TABLE documents DROP COLUMN author; ALTER TABLE documents DROP COLUMN source;", id);
    g_assert_cmpint (sqlite3_exec (desk_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE mentions; DROP TABLE aliases; DROP TABLE entities; DROP INDEX review_state_field;"
                                     "DELETE FROM library_state WHERE key = 'entities_counted'; PRAGMA user_version = 10",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_update_entities (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM facts"), ==, 1);
  g_assert_cmpint (desk_test_count (store, "SELECT count (*) FROM mentions"), ==, 3);

  /* both mentions of Lima were rejected: Lima is not an entity; Cusco keeps its note */
  {
    DeskEntityFilter rejected = { -1, NULL, "en", DESK_ENTITY_SORT_NAME, FALSE, TRUE };
    g_autoptr(GPtrArray) rows = desk_store_list_entities (store, &rejected, 0, 10, &error);

    g_assert_cmpuint (rows->len, ==, 1);
    lima = g_ptr_array_steal_index (rows, 0);
    g_assert_cmpstr (lima->name, ==, "Lima");
    g_assert_cmpint (lima->n_mentions, ==, 2);
  }
  {
    DeskEntityFilter kept = { -1, "Cusco", "en", DESK_ENTITY_SORT_NAME, FALSE, FALSE };
    g_autoptr(GPtrArray) rows = desk_store_list_entities (store, &kept, 0, 10, &error);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (((DeskEntityRow *) g_ptr_array_index (rows, 0))->note, ==, "la ciudad");
  }
  /* the history of the mention stays */
  history = desk_test_query_text (store, "SELECT target, new_value FROM review_events");
  g_assert_cmpstr (history, ==, "n-1\trejected\t\n");
  check = desk_store_check_integrity (store, &error);
  g_assert_cmpstr (check, ==, "ok");
}

/* Rename, merge, split, kind and rejection show at once in the list and
 * undo takes each back; they survive a re-extraction, and reach a second
 * library through a review file, before and after its documents */
static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskEntityRow) trump = entity_written (f->store, "Donald Trump");
  g_autoptr(DeskEntityRow) obama = entity_written (f->store, "Barack Obama");
  g_autoptr(DeskEntityRow) row = NULL;
  g_autofree char *split = NULL;
  g_autofree char *file = g_build_filename (f->dir, "review.json", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.db", NULL);
  gboolean done;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not here");
      return;
    }
  g_assert_nonnull (trump);
  g_assert_nonnull (obama);

  /* rename */
  g_assert_true (desk_review_rename_entity (f->store, trump->uid, "Presidente Trump", &error));
  g_assert_no_error (error);
  row = desk_store_get_entity (f->store, trump->uid, "en", &error);
  g_assert_cmpstr (row->name, ==, "Presidente Trump");
  g_assert_true (row->renamed);
  g_clear_pointer (&row, desk_entity_row_free);

  /* merge: one entity, mentions added up; the merged one reads as the other */
  g_assert_true (desk_review_merge_entity (f->store, obama->uid, trump->uid, &error));
  g_assert_no_error (error);
  row = desk_store_get_entity (f->store, obama->uid, "en", &error);
  g_assert_cmpstr (row->uid, ==, trump->uid);
  g_assert_cmpint (row->n_mentions, ==, trump->n_mentions + obama->n_mentions);
  g_assert_true (g_strv_contains ((const char * const *) row->aliases, "Barack Obama"));
  g_clear_pointer (&row, desk_entity_row_free);

  /* a name of nothing, or too long, and a kind that is not one, are refused */
  {
    g_autofree char *long_name = g_strnfill (201, 'x');

    g_assert_false (desk_review_set (f->store, trump->uid, "name", "   ", &error));
    g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
    g_clear_error (&error);
    g_assert_false (desk_review_rename_entity (f->store, trump->uid, long_name, &error));
    g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_TOO_LONG);
    g_clear_error (&error);
    g_assert_false (desk_review_set_entity_kind (f->store, trump->uid, DESK_FACT_MONEY, &error));
    g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
    g_clear_error (&error);
    row = desk_store_get_entity (f->store, trump->uid, "en", &error);
    g_assert_cmpstr (row->name, ==, "Presidente Trump");
    g_assert_cmpint (row->kind, ==, DESK_FACT_PERSON);
    g_clear_pointer (&row, desk_entity_row_free);
  }

  /* merging into itself is refused */
  g_assert_false (desk_review_merge_entity (f->store, obama->uid, trump->uid, &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* undo takes the merge back */
  g_assert_true (desk_review_undo (f->store, &done, &error));
  g_assert_true (done);
  row = desk_store_get_entity (f->store, obama->uid, "en", &error);
  g_assert_cmpstr (row->uid, ==, obama->uid);
  g_clear_pointer (&row, desk_entity_row_free);
  row = desk_store_get_entity (f->store, trump->uid, "en", &error);
  g_assert_cmpint (row->n_mentions, ==, trump->n_mentions);
  g_clear_pointer (&row, desk_entity_row_free);

  /* split "Trump" off: its own entity, with its mentions */
  g_assert_true (desk_review_split_alias (f->store, trump->uid, "Trump", &split, &error));
  g_assert_no_error (error);
  row = desk_store_get_entity (f->store, split, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->name, ==, "Trump");
  g_assert_cmpint (row->n_mentions, >, 0);
  g_assert_cmpint (row->n_mentions, <, trump->n_mentions);
  g_clear_pointer (&row, desk_entity_row_free);
  row = desk_store_get_entity (f->store, trump->uid, "en", &error);
  g_assert_false (g_strv_contains ((const char * const *) row->aliases, "Trump"));
  g_clear_pointer (&row, desk_entity_row_free);

  /* kind and rejection */
  g_assert_true (desk_review_set_entity_kind (f->store, split, DESK_FACT_ORG, &error));
  row = desk_store_get_entity (f->store, split, "en", &error);
  g_assert_cmpint (row->kind, ==, DESK_FACT_ORG);
  g_clear_pointer (&row, desk_entity_row_free);
  g_assert_true (desk_review_reject_entity (f->store, obama->uid, TRUE, &error));
  g_assert_null (entity_written (f->store, "Barack Obama"));

  /* a re-extraction keeps them */
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->store), "UPDATE documents SET extractor_version = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (desk_store_update_facts (f->store, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  row = desk_store_get_entity (f->store, trump->uid, "en", &error);
  g_assert_cmpstr (row->name, ==, "Presidente Trump");
  g_assert_false (g_strv_contains ((const char * const *) row->aliases, "Trump"));
  g_clear_pointer (&row, desk_entity_row_free);
  g_assert_null (entity_written (f->store, "Barack Obama"));

  /* another library takes them from a review file, before it has the documents */
  g_assert_true (desk_review_export (f->store, 0, file, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DeskStore) other = desk_store_open (second, &error);
    g_autoptr(DeskReviewImport) merged = desk_review_import (other, file, &error);
    const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), desk_test_corpus_dir (), NULL };

    g_assert_no_error (error);
    g_assert_cmpuint (merged->conflicts->len, ==, 0);
    g_clear_object (&other);
    import_into (second, paths);
    other = desk_store_open (second, &error);
    row = desk_store_get_entity (other, trump->uid, "en", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (row->name, ==, "Presidente Trump");
    g_assert_false (g_strv_contains ((const char * const *) row->aliases, "Trump"));
    g_assert_null (entity_written (other, "Barack Obama"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/entities/alias-groups", Fixture, NULL, fixture_setup, test_alias_groups, fixture_teardown);
  g_test_add ("/entities/mentions-and-claims", Fixture, NULL, fixture_setup, test_mentions_and_claims, fixture_teardown);
  g_test_add ("/entities/decisions", Fixture, NULL, fixture_setup, test_decisions, fixture_teardown);
  g_test_add ("/entities/upgrade", Fixture, NULL, fixture_setup, test_upgrade, fixture_teardown);
  return g_test_run ();
}
