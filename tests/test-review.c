/* test-review.c: review sessions, undo and redo, and review files merged
 * between two libraries built from the same sources in different orders */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-importer.h"
#include "desk-review.h"
#include "desk-store-private.h"
#include "desk-test-util.h"

typedef struct
{
  char *dir;
  char *path_a;
  char *path_b;
  DeskStore *a;
  DeskStore *b;
  GPtrArray *uids;   /* facts of the samples, in library A's order */
} Fixture;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sample_paths (gboolean reversed)
{
  const char *dir = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  if (reversed)
    for (guint i = 0, j = paths->len - 1; i < j; i++, j--)
      {
        gpointer t = paths->pdata[i];
        paths->pdata[i] = paths->pdata[j];
        paths->pdata[j] = t;
      }
  return paths;
}

/* Imports @paths one by one, as an officer adding files over days */
static void
import_into (const char *library,
             GPtrArray  *paths)
{
  g_autoptr(DeskImporter) importer = desk_importer_new (library);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *one[] = { g_ptr_array_index (paths, i), NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = desk_importer_run (importer, one, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
    }
}

static DeskStore *
open_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) forward = sample_paths (FALSE);
  g_autoptr(GPtrArray) backward = sample_paths (TRUE);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_make_tmpdir ();
  f->path_a = g_build_filename (f->dir, "a.db", NULL);
  f->path_b = g_build_filename (f->dir, "b.db", NULL);
  import_into (f->path_a, forward);
  import_into (f->path_b, backward);
  f->a = open_library (f->path_a);
  f->b = open_library (f->path_b);

  rows = desk_store_list_facts (f->a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 10);
  f->uids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (f->uids, g_strdup (((DeskFactRow *) g_ptr_array_index (rows, i))->uid));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_clear_pointer (&f->uids, g_ptr_array_unref);
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path_a);
  g_free (f->path_b);
}

static const char *
uid (Fixture *f,
     guint    i)
{
  return g_ptr_array_index (f->uids, i);
}

static void
set (DeskStore  *store,
     const char *target,
     const char *field,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_review_set (store, target, field, value, &error));
  g_assert_no_error (error);
}

static void
assert_value (DeskStore  *store,
              const char *target,
              const char *field,
              const char *expected)
{
  g_autofree char *value = desk_review_get (store, target, field);

  g_assert_cmpstr (value, ==, expected);
}

/* The library file after a checkpoint: what a backup would copy */
static char *
library_checksum (DeskStore  *store,
                  const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_cmpint (sqlite3_exec (desk_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_same_uids (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = desk_store_list_facts (f->b, NULL, NULL);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(DeskDocument) first_a = NULL;
  g_autoptr(DeskDocument) first_b = NULL;

  /* the rowids differ … */
  first_a = desk_store_get_document (f->a, 1, NULL);
  first_b = desk_store_get_document (f->b, 1, NULL);
  g_assert_cmpstr (desk_document_get_uid (first_a), !=, desk_document_get_uid (first_b));

  /* … the facts' uids do not */
  g_assert_cmpuint (rows->len, ==, f->uids->len);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (in_b, ((DeskFactRow *) g_ptr_array_index (rows, i))->uid);
  for (guint i = 0; i < f->uids->len; i++)
    g_assert_true (g_hash_table_contains (in_b, uid (f, i)));
}

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReviewSession) first = NULL;
  g_autoptr(DeskReviewSession) second = NULL;
  g_autoptr(DeskReviewSession) current = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *remembered = NULL;

  /* a change without a session starts one */
  set (f->a, uid (f, 0), "status", "approved");
  current = desk_review_current (f->a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (current);
  g_assert_cmpuint (current->n_events, ==, 1);
  g_clear_pointer (&current, desk_review_session_free);

  first = desk_review_start (f->a, "Money figures", "Ana Torres", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->reviewer, ==, "Ana Torres");
  remembered = desk_review_default_reviewer (f->a);
  g_assert_cmpstr (remembered, ==, "Ana Torres");

  set (f->a, uid (f, 1), "note", "Ask the embassy");
  set (f->a, uid (f, 1), "note", "Ask the embassy");  /* no change, no event */
  g_assert_true (desk_review_end (f->a, &error));
  g_assert_no_error (error);
  g_assert_false (desk_review_end (f->a, &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NO_SESSION);
  g_clear_error (&error);
  current = desk_review_current (f->a, &error);
  g_assert_no_error (error);
  g_assert_null (current);

  second = desk_review_start (f->a, "Second pass", "Luis Paz", &error);
  g_assert_no_error (error);
  sessions = desk_review_list_sessions (f->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 3);
  g_assert_cmpstr (((DeskReviewSession *) g_ptr_array_index (sessions, 0))->name, ==, "Second pass");
  g_assert_cmpstr (((DeskReviewSession *) g_ptr_array_index (sessions, 1))->name, ==, "Money figures");
  g_assert_cmpuint (((DeskReviewSession *) g_ptr_array_index (sessions, 1))->n_events, ==, 1);
  g_assert_nonnull (((DeskReviewSession *) g_ptr_array_index (sessions, 1))->ended);

  /* what a review cannot change */
  g_assert_false (desk_review_set (f->a, uid (f, 0), "status", "maybe", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (desk_review_set (f->a, uid (f, 0), "kind", "money", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (desk_review_set (f->a, "no-such-fact", "status", "approved", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* The first fact of @kind of library A */
static const char *
uid_of_kind (Fixture      *f,
             DeskFactKind  kind)
{
  g_autoptr(GPtrArray) rows = desk_store_list_facts (f->a, NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    if (((DeskFactRow *) g_ptr_array_index (rows, i))->fact.kind == kind)
      return uid (f, i);
  g_assert_not_reached ();
}

/* A correction of a figure's value is read back: a number with its
 * currency or unit, as the library writes it or as people do, is kept
 * in the library's form; anything else is refused with a message that
 * names it, and nothing is written */
static void
test_figure_corrections (Fixture       *f,
                         gconstpointer  data)
{
  const char *money = uid_of_kind (f, DESK_FACT_MONEY);
  const char *percent = uid_of_kind (f, DESK_FACT_PERCENT);
  const char *quote = uid_of_kind (f, DESK_FACT_QUOTE);
  const char *both[] = { percent, money, NULL };
  static const struct
  {
    DeskFactKind kind;
    const char *typed;
    const char *kept;
  } read[] = {
    { DESK_FACT_MONEY, "2500000 USD", "2500000 USD" },
    { DESK_FACT_MONEY, "US$ 2,5 millones", "2500000 USD" },
    { DESK_FACT_MONEY, "US$2.5 million", "2500000 USD" },
    { DESK_FACT_MONEY, "  US$\u00a0125\u00a0000 millones ", "125000000000 USD" },
    { DESK_FACT_MONEY, "US$125 billion", "125000000000 USD" },
    { DESK_FACT_MONEY, "1.5 millones de dólares", "1500000 USD" },
    { DESK_FACT_MONEY, "S/ 1500", "1500 PEN" },
    { DESK_FACT_MONEY, "2,5 millones de euros", "2500000 EUR" },
    { DESK_FACT_MONEY, "1500 €", "1500 EUR" },
    { DESK_FACT_MONEY, "CNY 3000 millones", "3000000000 CNY" },
    { DESK_FACT_MONEY, "−US$ 2,5 millones", "-2500000 USD" },
    { DESK_FACT_MONEY, "123456789012345678 USD", "123456789012345678 USD" },
    { DESK_FACT_QUANTITY, "1.135 TM", "1135 t" },
    { DESK_FACT_QUANTITY, "89 755 ha", "89755 ha" },
    { DESK_FACT_QUANTITY, "35,900 km²", "35900 km2" },
    { DESK_FACT_QUANTITY, "12 bbl", "12 bbl" },
    { DESK_FACT_PERCENT, "9,1 %", "9.1%" },
    { DESK_FACT_PERCENT, "18%", "18%" },
    { DESK_FACT_QUOTE, "Lima", "Lima" },
  };
  static const struct
  {
    DeskFactKind kind;
    const char *typed;
    const char *message;
  } refused[] = {
    { DESK_FACT_MONEY, "dos millones", "“dos millones” is not an amount of money: write a number and a currency" },
    { DESK_FACT_MONEY, "2500000", "“2500000” is not an amount of money" },
    { DESK_FACT_MONEY, "2500000 XYZ", "“2500000 XYZ” is not an amount of money" },
    { DESK_FACT_MONEY, "US$ 216 a US$ 717 millones", "“US$ 216 a US$ 717 millones” is not an amount of money" },
    { DESK_FACT_MONEY, "822 t", "“822 t” is not an amount of money" },
    { DESK_FACT_MONEY, "USD 2,500,000 (checked)", "“USD 2,500,000 (checked)” is not an amount of money" },
    { DESK_FACT_QUANTITY, "veinte toneladas", "“veinte toneladas” is not a quantity: write a number and a unit" },
    { DESK_FACT_QUANTITY, "2500000 USD", "“2500000 USD” is not a quantity" },
    { DESK_FACT_PERCENT, "la mitad", "“la mitad” is not a percentage" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *events = desk_test_query_text (f->a, "SELECT count (*) FROM review_events");

  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      g_autofree char *kept = desk_review_read_value (read[i].kind, read[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kept, ==, read[i].kept);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *kept = desk_review_read_value (refused[i].kind, refused[i].typed, &error);

      g_assert_null (kept);
      g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE);
      g_assert_nonnull (strstr (error->message, refused[i].message));
      g_clear_error (&error);
    }

  /* what the library keeps */
  g_assert_false (desk_review_set (f->a, money, "value", "dos millones", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE);
  g_assert_nonnull (strstr (error->message, "“dos millones”"));
  g_clear_error (&error);
  g_assert_false (desk_review_set (f->a, percent, "value", "la mitad", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE);
  g_clear_error (&error);
  /* one of the facts refuses it: none takes it */
  g_assert_false (desk_review_set_many (f->a, both, "value", "18%", NULL, &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_A_FIGURE);
  g_clear_error (&error);
  assert_value (f->a, money, "value", NULL);
  assert_value (f->a, percent, "value", NULL);
  {
    g_autofree char *after = desk_test_query_text (f->a, "SELECT count (*) FROM review_events");
    g_assert_cmpstr (after, ==, events);
  }

  set (f->a, money, "value", "US$ 2,5 millones");
  assert_value (f->a, money, "value", "2500000 USD");
  set (f->a, percent, "value", "9,1 %");
  assert_value (f->a, percent, "value", "9.1%");
  /* other kinds' values are the officer's words */
  set (f->a, quote, "value", "Lima Metropolitana");
  assert_value (f->a, quote, "value", "Lima Metropolitana");
  set (f->a, money, "value", NULL);
  assert_value (f->a, money, "value", NULL);
}

static void
test_history_and_corrections (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReviewSession) session = desk_review_start (f->a, "Check", "Ana Torres", NULL);
  /* a quote: its value is the officer's words */
  const char *target = uid_of_kind (f, DESK_FACT_QUOTE);
  g_autoptr(DeskFactRow) row = desk_store_get_fact (f->a, target, &error);
  g_autoptr(GPtrArray) history = NULL;
  DeskReviewEvent *e;

  g_assert_no_error (error);
  set (f->a, target, "value", "corrected value");
  set (f->a, target, "status", "approved");
  set (f->a, target, "status", "rejected");
  assert_value (f->a, target, "value", "corrected value");
  assert_value (f->a, target, "status", "rejected");

  /* the extracted fact keeps its own value */
  {
    g_autoptr(DeskFactRow) again = desk_store_get_fact (f->a, target, &error);
    g_assert_cmpstr (again->fact.value, ==, row->fact.value);
  }

  history = desk_review_history (f->a, target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  e = g_ptr_array_index (history, 2);
  g_assert_cmpstr (e->field, ==, "status");
  g_assert_cmpstr (e->old_value, ==, "approved");
  g_assert_cmpstr (e->new_value, ==, "rejected");
  g_assert_cmpstr (e->reviewer, ==, "Ana Torres");
  g_assert_cmpstr (e->session_name, ==, "Check");
  e = g_ptr_array_index (history, 0);
  g_assert_null (e->old_value);

  /* clearing a correction brings back the extracted value */
  set (f->a, target, "value", NULL);
  assert_value (f->a, target, "value", NULL);
}

static void
test_undo_after_restart (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *selection[] = { uid (f, 3), uid (f, 4), uid (f, 5), NULL };
  gboolean done, can_undo, can_redo;
  guint changed;

  set (f->a, uid (f, 0), "status", "approved");
  set (f->a, uid (f, 0), "note", "first note");
  g_assert_true (desk_review_set_many (f->a, selection, "status", "rejected", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);

  /* the application closes and opens again */
  g_clear_object (&f->a);
  f->a = open_library (f->path_a);

  desk_review_can_undo_redo (f->a, &can_undo, &can_redo);
  g_assert_true (can_undo);
  g_assert_false (can_redo);

  /* the bulk action is one step */
  g_assert_true (desk_review_undo (f->a, &done, &error));
  g_assert_no_error (error);
  g_assert_true (done);
  for (guint i = 3; i <= 5; i++)
    assert_value (f->a, uid (f, i), "status", "pending");
  assert_value (f->a, uid (f, 0), "note", "first note");

  g_assert_true (desk_review_undo (f->a, &done, &error));
  assert_value (f->a, uid (f, 0), "note", NULL);
  assert_value (f->a, uid (f, 0), "status", "approved");

  g_clear_object (&f->a);
  f->a = open_library (f->path_a);

  g_assert_true (desk_review_redo (f->a, &done, &error));
  g_assert_true (done);
  assert_value (f->a, uid (f, 0), "note", "first note");
  assert_value (f->a, uid (f, 3), "status", "pending");
  g_assert_true (desk_review_redo (f->a, &done, &error));
  for (guint i = 3; i <= 5; i++)
    assert_value (f->a, uid (f, i), "status", "rejected");
  g_assert_true (desk_review_redo (f->a, &done, &error));
  g_assert_false (done);

  /* a new change after an undo drops what could be redone */
  g_assert_true (desk_review_undo (f->a, &done, &error));
  set (f->a, uid (f, 6), "status", "approved");
  desk_review_can_undo_redo (f->a, &can_undo, &can_redo);
  g_assert_false (can_redo);
  g_assert_true (desk_review_redo (f->a, &done, &error));
  g_assert_false (done);
  assert_value (f->a, uid (f, 3), "status", "pending");

  /* undone changes stay in the history, said undone */
  {
    g_autoptr(GPtrArray) history = desk_review_history (f->a, uid (f, 3), &error);
    g_assert_cmpuint (history->len, ==, 1);
    g_assert_cmpint (((DeskReviewEvent *) g_ptr_array_index (history, 0))->state, ==, DESK_REVIEW_EVENT_PASSED_OVER);
  }
}

static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReviewImport) result = NULL;
  g_autoptr(DeskReviewImport) again = NULL;
  g_autoptr(DeskReviewSession) ana = desk_review_start (f->a, "Ana’s pass", "Ana Torres", NULL);
  g_autoptr(DeskReviewSession) luis = desk_review_start (f->b, "Luis’s pass", "Luis Paz", NULL);
  g_autofree char *file = g_build_filename (f->dir, "ana.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean seen_status = FALSE, seen_note = FALSE;

  /* Ana, on her copy */
  set (f->a, uid (f, 0), "status", "approved");
  set (f->a, uid (f, 1), "status", "rejected");
  set (f->a, uid (f, 2), "note", "Source is a press release");
  set (f->a, uid (f, 3), "value", "USD 2,500,000");
  set (f->a, uid (f, 4), "axis:pe-us.security", "assigned");
  set (f->a, uid (f, 5), "status", "approved");
  /* Luis, on his */
  set (f->b, uid (f, 1), "status", "approved");
  set (f->b, uid (f, 2), "note", "Figure from 2019");
  set (f->b, uid (f, 5), "status", "approved");
  set (f->b, uid (f, 7), "note", "Luis only");

  g_assert_true (desk_review_export (f->a, 0, file, &error));
  g_assert_no_error (error);

  result = desk_review_import (f->b, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->reviewer, ==, "Ana Torres");
  g_assert_cmpuint (result->applied, ==, 3);
  g_assert_cmpuint (result->unchanged, ==, 1);
  g_assert_cmpuint (result->pending, ==, 0);
  g_assert_cmpuint (result->conflicts->len, ==, 2);
  for (guint i = 0; i < result->conflicts->len; i++)
    {
      DeskReviewConflict *c = g_ptr_array_index (result->conflicts, i);

      if (g_str_equal (c->field, "status"))
        {
          g_assert_cmpstr (c->target, ==, uid (f, 1));
          g_assert_cmpstr (c->mine, ==, "approved");
          g_assert_cmpstr (c->theirs, ==, "rejected");
          seen_status = TRUE;
        }
      else
        {
          g_assert_cmpstr (c->field, ==, "note");
          g_assert_cmpstr (c->mine, ==, "Figure from 2019");
          g_assert_cmpstr (c->theirs, ==, "Source is a press release");
          seen_note = TRUE;
        }
    }
  g_assert_true (seen_status && seen_note);

  /* what nobody else changed applied; conflicts stay as they were here */
  assert_value (f->b, uid (f, 0), "status", "approved");
  assert_value (f->b, uid (f, 3), "value", "USD 2,500,000");
  assert_value (f->b, uid (f, 4), "axis:pe-us.security", "assigned");
  assert_value (f->b, uid (f, 1), "status", "approved");
  assert_value (f->b, uid (f, 2), "note", "Figure from 2019");
  assert_value (f->b, uid (f, 7), "note", "Luis only");
  {
    g_auto(GStrv) axes = desk_store_list_fact_axes (f->b, uid (f, 4), NULL);
    g_assert_true (g_strv_contains ((const char * const *) axes, "pe-us.security"));
  }

  /* the same file again: nothing changes */
  before = library_checksum (f->b, f->path_b);
  again = desk_review_import (f->b, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->applied, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 4);
  g_assert_cmpuint (again->conflicts->len, ==, 2);
  after = library_checksum (f->b, f->path_b);
  g_assert_cmpstr (before, ==, after);

  /* Luis keeps Ana's status and his own note */
  for (guint i = 0; i < result->conflicts->len; i++)
    {
      DeskReviewConflict *c = g_ptr_array_index (result->conflicts, i);

      g_assert_true (desk_review_resolve (f->b, c, g_str_equal (c->field, "status"), &error));
      g_assert_no_error (error);
    }
  assert_value (f->b, uid (f, 1), "status", "rejected");
  assert_value (f->b, uid (f, 2), "note", "Figure from 2019");

  /* decided conflicts are not asked again */
  g_clear_pointer (&again, desk_review_import_free);
  again = desk_review_import (f->b, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->conflicts->len, ==, 0);
  g_assert_cmpuint (again->applied, ==, 0);

  /* the history says who changed what */
  {
    g_autoptr(GPtrArray) history = desk_review_history (f->b, uid (f, 1), &error);
    DeskReviewEvent *last = g_ptr_array_index (history, history->len - 1);

    g_assert_cmpstr (last->reviewer, ==, "Ana Torres");
    g_assert_cmpstr (last->new_value, ==, "rejected");
  }

  /* Luis's undo walks his own changes, not Ana's */
  {
    gboolean done;

    g_assert_true (desk_review_undo (f->b, &done, &error));
    g_assert_true (done);
    assert_value (f->b, uid (f, 7), "note", NULL);
    assert_value (f->b, uid (f, 0), "status", "approved");
  }
}

static void
test_missing_documents (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = sample_paths (FALSE);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *path_c = g_build_filename (f->dir, "c.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "all.json", NULL);
  g_autoptr(DeskReviewImport) result = NULL;
  g_autoptr(DeskStore) c = NULL;
  guint n_facts = f->uids->len;
  guint n_here;

  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  guint changed;

  /* Ana approves every fact of the five documents at once */
  for (guint i = 0; i < n_facts; i++)
    g_ptr_array_add (all, (gpointer) uid (f, i));
  g_ptr_array_add (all, NULL);
  g_assert_true (desk_review_set_many (f->a, (const char * const *) all->pdata, "status", "approved", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, n_facts);
  g_assert_true (desk_review_export (f->a, 0, file, &error));

  /* a colleague who has only the first document so far */
  g_ptr_array_add (first, g_ptr_array_index (paths, 0));
  for (guint i = 1; i < paths->len; i++)
    g_ptr_array_add (rest, g_ptr_array_index (paths, i));
  import_into (path_c, first);
  c = open_library (path_c);
  n_here = desk_store_count_facts (c, NULL);
  g_assert_cmpuint (n_here, >, 0);
  g_assert_cmpuint (n_here, <, n_facts);

  result = desk_review_import (c, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->applied, ==, n_here);
  g_assert_cmpuint (result->pending, ==, n_facts - n_here);

  /* the other documents arrive: what waited for them applies */
  g_clear_object (&c);
  import_into (path_c, rest);
  c = open_library (path_c);
  {
    g_autoptr(GHashTable) statuses = desk_review_load_states (c, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (statuses), ==, n_facts);
  }
  g_clear_pointer (&result, desk_review_import_free);
  result = desk_review_import (c, file, &error);
  g_assert_cmpuint (result->pending, ==, 0);
  g_assert_cmpuint (result->applied, ==, 0);
}

typedef struct
{
  const char *name;
  const char *contents;
  int code;
  const char *says;
} BadFile;

static const BadFile bad_files[] = {
  { "not-json.json", "this is not JSON at all", DESK_REVIEW_ERROR_BAD_FILE, "not valid JSON" },
  { "empty.json", "", DESK_REVIEW_ERROR_BAD_FILE, "empty" },
  { "array.json", "[1, 2, 3]", DESK_REVIEW_ERROR_BAD_FILE, "not a Dialogue Desk review file" },
  { "other.json", "{\"format\": \"calendar\", \"version\": 1}", DESK_REVIEW_ERROR_BAD_FILE, "not a Dialogue Desk review file" },
  { "format-number.json", "{\"format\": 7, \"version\": 1}", DESK_REVIEW_ERROR_BAD_FILE, "not a Dialogue Desk review file" },
  { "newer.json", "{\"format\": \"dialogue-desk-review\", \"version\": 99, \"session\": {}, \"events\": []}",
    DESK_REVIEW_ERROR_NEWER_FILE, "newer version" },
  { "version-text.json", "{\"format\": \"dialogue-desk-review\", \"version\": \"1\"}", DESK_REVIEW_ERROR_BAD_FILE, "“version”" },
  { "no-session.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"events\": []}",
    DESK_REVIEW_ERROR_BAD_FILE, "“session”" },
  { "session-types.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"session\": {\"uid\": 3, \"name\": \"x\","
    " \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": []}", DESK_REVIEW_ERROR_BAD_FILE, "“session”" },
  { "events-object.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"session\": {\"uid\": \"u\", \"name\": \"x\","
    " \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": {}}", DESK_REVIEW_ERROR_BAD_FILE, "“events”" },
  { "event-types.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"session\": {\"uid\": \"u\", \"name\": \"x\","
    " \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": [{\"uid\": \"e\", \"time\": \"t\", \"target\": 12,"
    " \"document\": \"d\", \"field\": \"status\", \"old\": null, \"new\": \"approved\"}]}", DESK_REVIEW_ERROR_BAD_FILE, "event 1" },
  { "event-field.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"session\": {\"uid\": \"u\", \"name\": \"x\","
    " \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": [{\"uid\": \"e\", \"time\": \"t\", \"target\": \"f\","
    " \"document\": \"d\", \"field\": \"kind\", \"old\": null, \"new\": \"money\"}]}", DESK_REVIEW_ERROR_BAD_FILE, "“kind”" },
  { "event-status.json", "{\"format\": \"dialogue-desk-review\", \"version\": 1, \"session\": {\"uid\": \"u\", \"name\": \"x\","
    " \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": [{\"uid\": \"e\", \"time\": \"t\", \"target\": \"f\","
    " \"document\": \"d\", \"field\": \"status\", \"old\": null, \"new\": \"perhaps\"}]}", DESK_REVIEW_ERROR_BAD_FILE, "“perhaps”" },
};

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  g_autofree char *good_text = NULL;
  g_autofree char *before = NULL;
  gsize len;

  set (f->a, uid (f, 0), "status", "approved");
  set (f->a, uid (f, 1), "note", "kept");
  g_assert_true (desk_review_export (f->a, 0, good, &error));
  set (f->b, uid (f, 2), "status", "rejected");
  before = library_checksum (f->b, f->path_b);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = desk_test_write_file (f->dir, bad_files[i].name, bad_files[i].contents, -1);
      g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);
      g_autofree char *after = NULL;

      g_test_message ("%s: %s", bad_files[i].name, error ? error->message : "(accepted)");
      g_assert_null (result);
      g_assert_error (error, DESK_REVIEW_ERROR, bad_files[i].code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, bad_files[i].says));
      g_clear_error (&error);
      after = library_checksum (f->b, f->path_b);
      g_assert_cmpstr (before, ==, after);
    }

  /* a good file cut short, at several places */
  g_assert_true (g_file_get_contents (good, &good_text, &len, NULL));
  for (gsize cut = 1; cut < len; cut += len / 7)
    {
      g_autofree char *path = desk_test_write_file (f->dir, "truncated.json", good_text, cut);
      g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);
      g_autofree char *after = NULL;

      g_assert_null (result);
      g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
      g_clear_error (&error);
      after = library_checksum (f->b, f->path_b);
      g_assert_cmpstr (before, ==, after);
    }

  /* a file that is not there */
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
    g_autoptr(DeskReviewImport) result = desk_review_import (f->b, missing, &error);

    g_assert_null (result);
    g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, missing));
    g_clear_error (&error);
  }

  /* and the good one still merges */
  {
    g_autoptr(DeskReviewImport) result = desk_review_import (f->b, good, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (result->applied, ==, 2);
  }
}

/* As many brackets as crashed json-glib's recursive parser, in a file
 * of some 200 KB */
#define DEEP_NESTING 100000

static void
test_deep_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *open = g_strnfill (DEEP_NESTING, '[');
  g_autofree char *close = g_strnfill (DEEP_NESTING, ']');
  g_autofree char *text = g_strconcat (open, close, NULL);
  g_autofree char *path = desk_test_write_file (f->dir, "deep.json", text, -1);
  g_autofree char *before = library_checksum (f->b, f->path_b);
  g_autofree char *after = NULL;
  g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);

  g_assert_null (result);
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "deep"));
  after = library_checksum (f->b, f->path_b);
  g_assert_cmpstr (before, ==, after);
}

/* A review file whose session is @session and whose one event changes the
 * note of a fact that is not in the library to @note (JSON as written) */
static char *
review_file_text (const char *session,
                  const char *note)
{
  return g_strdup_printf ("{\"format\": \"dialogue-desk-review\", \"version\": 1,\n"
                          " \"session\": %s,\n"
                          " \"events\": [{\"uid\": \"e\", \"time\": \"t\", \"target\": \"f\", \"document\": \"d\",\n"
                          "   \"field\": \"note\", \"old\": null, \"new\": %s}]}\n", session, note);
}

/* Text that is not UTF-8, from what the officer types (the window and
 * the command line come through here) or from a colleague's file, is
 * refused naming the field or the line, and nothing is stored */
static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  static const char session[] = "{\"uid\": \"u\", \"name\": \"x\", \"reviewer\": \"y\", \"started\": \"z\"}";
  static const char latin_session[] = "{\"uid\": \"u\", \"name\": \"x\", \"reviewer\": \"Pe\xf1" "a\", \"started\": \"z\"}";
  struct
  {
    const char *name;
    const char *session;
    const char *note;
    const char *says;
  } files[] = {
    { "latin-reviewer.json", latin_session, "\"n\"", "\"reviewer\": \"Pe\\xF1a\"" },
    { "latin-note.json", session, "\"nota \xff\xfe\"", "\"new\": \"nota \\xFF\\xFE\"" },
    { "half-character.json", session, "\"\\ud800\"", "line 4 holds “\\ud800”" },
    { "lone-low-half.json", session, "\"a\\udc00b\"", "line 4 holds “\\udc00”" },
    { "nul.json", session, "\"a\\u0000b\"", "“\\u0000”" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = library_checksum (f->b, f->path_b);
  g_autofree char *after = NULL;

  g_assert_null (desk_review_start (f->b, "Cifras", "Pe\xf1" "a", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“Pe\\xF1a”"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  g_assert_null (desk_review_start (f->b, "Revisi\xf3n", "Ana", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“Revisi\\xF3n”"));
  g_clear_error (&error);

  g_assert_false (desk_review_set (f->b, uid (f, 0), "note", "nota \xff\xfe", &error));
  g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“note”"));
  g_assert_nonnull (strstr (error->message, "“nota \\xFF\\xFE”"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = review_file_text (files[i].session, files[i].note);
      g_autofree char *path = desk_test_write_file (f->dir, files[i].name, text, -1);
      g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);

      g_test_message ("%s: %s", files[i].name, error ? error->message : "(accepted)");
      g_assert_null (result);
      g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, files[i].says));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }

  after = library_checksum (f->b, f->path_b);
  g_assert_cmpstr (before, ==, after);

  /* a character beyond the first 65,536, escaped as JSON escapes it */
  {
    g_autofree char *text = review_file_text (session, "\"\\ud83d\\ude00\"");
    g_autofree char *path = desk_test_write_file (f->dir, "two-halves.json", text, -1);
    g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (result->pending, ==, 1);
  }
}

/* A library where an earlier version stored a Latin-1 reviewer and note
 * still writes a review file that a colleague's library takes */
static void
test_export_old_bytes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "old.json", NULL);
  g_autoptr(DeskReviewImport) result = NULL;

  set (f->a, uid (f, 0), "note", "nota");
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->a),
                                 "UPDATE review_sessions SET reviewer = CAST (X'5065F161' AS TEXT);"
                                 "UPDATE review_events SET new_value = CAST (X'6E6F7461FFFE' AS TEXT);"
                                 "UPDATE review_state SET value = CAST (X'6E6F7461FFFE' AS TEXT);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (desk_review_export (f->a, 0, file, &error));
  g_assert_no_error (error);

  result = desk_review_import (f->b, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->applied, ==, 1);
  g_assert_cmpstr (result->reviewer, ==, "Pe\uFFFDa");
  assert_value (f->b, uid (f, 0), "note", "nota\uFFFD\uFFFD");
}

/* The uid of the document of the fact @target, or of a document it is
 * not in when @other */
static char *
document_uid (DeskStore  *store,
              const char *target,
              gboolean    other)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (desk_store_get_db (store),
                                       other ? "SELECT uid FROM documents WHERE id != (SELECT document_id FROM facts WHERE uid = ?)"
                                               " ORDER BY uid LIMIT 1"
                                             : "SELECT d.uid FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.uid = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A review file of @version whose events are @events (JSON objects,
 * comma-separated) */
static char *
events_file_text (const char *version,
                  const char *events)
{
  return g_strdup_printf ("{\"format\": \"dialogue-desk-review\", \"version\": %s, \"session\": {\"uid\": \"u\","
                          " \"name\": \"x\", \"reviewer\": \"y\", \"started\": \"z\"}, \"events\": [%s]}",
                          version, events);
}

/* One event: @uid changes @field of @target, in @document, to @new_value */
static char *
event_text (const char *uid,
            const char *target,
            const char *document,
            const char *field,
            const char *new_value)
{
  return g_strdup_printf ("{\"uid\": \"%s\", \"time\": \"t\", \"target\": \"%s\", \"document\": \"%s\","
                          " \"field\": \"%s\", \"old\": null, \"new\": \"%s\"}", uid, target, document, field, new_value);
}

/* Review files that are well formed but that this library cannot take:
 * a version below 1 or beyond 64 bits, an axis it does not have, a fact
 * said to be in a document it is not in, more changes waiting for
 * documents than a library keeps.  Each is refused with the reason, the
 * library unchanged byte for byte. */
static void
test_refused_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *document = document_uid (f->b, uid (f, 0), FALSE);
  g_autofree char *other = document_uid (f->b, uid (f, 0), TRUE);
  g_autofree char *approve = event_text ("e-approve", uid (f, 0), document, "status", "approved");
  g_autofree char *no_axis = event_text ("e-no-axis", uid (f, 0), document, "axis:pe-us.nothing", "assigned");
  g_autofree char *elsewhere = event_text ("e-elsewhere", uid (f, 0), other, "status", "approved");
  struct
  {
    const char *name;
    char *text;
    const char *says;
  } files[] = {
    { "version-negative.json", events_file_text ("-5", approve), "its “version” is -5" },
    { "version-zero.json", events_file_text ("0", approve), "its “version” is 0" },
    { "version-huge.json", events_file_text ("1000000000000000000000000000000", approve), "too large" },
    { "no-such-axis.json", events_file_text ("1", no_axis), "event 1 assigns a fact to the axis “pe-us.nothing”" },
    { "other-document.json", events_file_text ("1", elsewhere), "but it is in" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = library_checksum (f->b, f->path_b);
  g_autofree char *fill = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = desk_test_write_file (f->dir, files[i].name, files[i].text, -1);
      g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);
      g_autofree char *after = NULL;

      g_test_message ("%s: %s", files[i].name, error ? error->message : "(accepted)");
      g_assert_null (result);
      g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, files[i].says));
      g_clear_error (&error);
      after = library_checksum (f->b, f->path_b);
      g_assert_cmpstr (before, ==, after);
      g_free (files[i].text);
    }

  /* the library waits already for all but one change's document */
  fill = g_strdup_printf ("INSERT INTO review_pending (event_uid, document_uid, session_uid, event)"
                          " WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < %d)"
                          " SELECT 'waiting-' || x, 'document-' || x, 'session', '{}' FROM n",
                          DESK_REVIEW_MAX_PENDING - 1);
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (f->b), fill, NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&before, g_free);
  before = library_checksum (f->b, f->path_b);
  {
    g_autofree char *first = event_text ("e-first", "fact-1", "document-a", "status", "approved");
    g_autofree char *second = event_text ("e-second", "fact-2", "document-b", "status", "approved");
    g_autofree char *both = g_strconcat (first, ", ", second, NULL);
    g_autofree char *text = events_file_text ("1", both);
    g_autofree char *path = desk_test_write_file (f->dir, "too-many-waiting.json", text, -1);
    g_autoptr(DeskReviewImport) result = desk_review_import (f->b, path, &error);
    g_autofree char *after = NULL;

    g_test_message ("too-many-waiting.json: %s", error ? error->message : "(accepted)");
    g_assert_null (result);
    g_assert_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, "would wait"));
    g_clear_error (&error);
    after = library_checksum (f->b, f->path_b);
    g_assert_cmpstr (before, ==, after);

    /* one more waits, up to the bound; and a change to an axis the
     * library has applies */
    {
      g_autofree char *axis = event_text ("e-axis", uid (f, 0), document, "axis:pe-us.security", "assigned");
      g_autofree char *last = g_strconcat (first, ", ", axis, NULL);
      g_autofree char *last_text = events_file_text ("1", last);
      g_autofree char *last_path = desk_test_write_file (f->dir, "last-waiting.json", last_text, -1);
      g_autoptr(DeskReviewImport) taken = desk_review_import (f->b, last_path, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (taken->pending, ==, 1);
      g_assert_cmpuint (taken->applied, ==, 1);
      assert_value (f->b, uid (f, 0), "axis:pe-us.security", "assigned");
    }
  }
}

/* Undo passes over a change a colleague has changed again since: the
 * history still has every change, the officer's own included */
static void
test_history_keeps_every_event (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReviewSession) ana = desk_review_start (f->a, "Ana’s pass", "Ana Torres", NULL);
  g_autoptr(DeskReviewSession) luis = desk_review_start (f->b, "Luis’s pass", "Luis Paz", NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *ana_file = g_build_filename (f->dir, "ana.json", NULL);
  g_autofree char *luis_file = g_build_filename (f->dir, "luis.json", NULL);
  DeskReviewEvent *e;
  gboolean done;

  /* Ana notes a fact and rejects another; Luis takes her file, then
   * corrects her note; Ana takes his */
  set (f->a, uid (f, 0), "note", "Figure from the 2019 report");
  set (f->a, uid (f, 1), "status", "rejected");
  g_assert_true (desk_review_export (f->a, 0, ana_file, &error));
  desk_review_import_free (desk_review_import (f->b, ana_file, &error));
  g_assert_no_error (error);
  set (f->b, uid (f, 0), "note", "Figure from the 2020 report");
  g_assert_true (desk_review_export (f->b, 0, luis_file, &error));
  desk_review_import_free (desk_review_import (f->a, luis_file, &error));
  g_assert_no_error (error);
  assert_value (f->a, uid (f, 0), "note", "Figure from the 2020 report");

  /* Ana undoes her rejection, then her note, which Luis changed since:
   * his stays */
  g_assert_true (desk_review_undo (f->a, &done, &error));
  g_assert_true (desk_review_undo (f->a, &done, &error));
  g_assert_no_error (error);
  assert_value (f->a, uid (f, 0), "note", "Figure from the 2020 report");
  assert_value (f->a, uid (f, 1), "status", "pending");

  history = desk_review_history (f->a, uid (f, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  e = g_ptr_array_index (history, 0);
  g_assert_cmpstr (e->reviewer, ==, "Ana Torres");
  g_assert_null (e->old_value);
  g_assert_cmpstr (e->new_value, ==, "Figure from the 2019 report");
  g_assert_cmpint (e->state, ==, DESK_REVIEW_EVENT_CHANGED_SINCE);
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->reviewer, ==, "Luis Paz");
  g_assert_cmpstr (e->old_value, ==, "Figure from the 2019 report");
  g_assert_cmpint (e->state, ==, DESK_REVIEW_EVENT_IN_FORCE);
  g_clear_pointer (&history, g_ptr_array_unref);

  history = desk_review_history (f->a, uid (f, 1), &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (((DeskReviewEvent *) g_ptr_array_index (history, 0))->state, ==, DESK_REVIEW_EVENT_UNDONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* the shipped axes and gazetteers, whatever the one running the tests
   * has added to them */
  g_setenv ("XDG_DATA_HOME", "/nonexistent-dialogue-desk-test", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/review/same-uids", test_same_uids);
  ADD ("/review/sessions", test_sessions);
  ADD ("/review/history-and-corrections", test_history_and_corrections);
  ADD ("/review/figure-corrections", test_figure_corrections);
  ADD ("/review/undo-after-restart", test_undo_after_restart);
  ADD ("/review/exchange", test_exchange);
  ADD ("/review/history-keeps-every-event", test_history_keeps_every_event);
  ADD ("/review/missing-documents", test_missing_documents);
  ADD ("/review/bad-files", test_bad_files);
  ADD ("/review/deep-file", test_deep_file);
  ADD ("/review/not-utf8", test_not_utf8);
  ADD ("/review/export-old-bytes", test_export_old_bytes);
  ADD ("/review/refused-files", test_refused_files);
#undef ADD

  return g_test_run ();
}
