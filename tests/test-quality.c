/* test-quality.c: precision and recall of extraction against a hand-labelled set */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "desk-extract.h"
#include "desk-importer.h"
#include "desk-test-util.h"

typedef struct
{
  guint tp, fp, fn;
} Score;

static Score scores[DESK_N_FACT_KINDS];

static char *
key_of (const char *text,
        const char *value)
{
  return g_strdup_printf ("%s\x1f%s", text, value);
}

static void
score_set (DeskExtractor *extractor,
           JsonObject    *set)
{
  g_autofree char *path = desk_test_corpus_file (json_object_get_string_member (set, "file"));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskParsedDocument) doc = desk_parse_file (file, 0, extractor, NULL, &error);
  JsonArray *kinds = json_object_get_array_member (set, "kinds");
  JsonArray *facts = json_object_get_array_member (set, "facts");
  gboolean labelled[DESK_N_FACT_KINDS] = { FALSE };
  GHashTable *expected[DESK_N_FACT_KINDS] = { NULL };
  gint64 from = 0, to = G_MAXINT64;

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (kinds); i++)
    {
      DeskFactKind kind;
      g_assert_true (desk_fact_kind_from_string (json_array_get_string_element (kinds, i), &kind));
      labelled[kind] = TRUE;
    }
  if (json_object_has_member (set, "section"))
    {
      const char *number = json_object_get_string_member (set, "section");
      gboolean found = FALSE;

      for (guint i = 0; i < doc->outline->len; i++)
        {
          DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
          if (g_strcmp0 (e->number, number) == 0)
            {
              from = e->start;
              to = e->end;
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  for (guint k = 0; k < DESK_N_FACT_KINDS; k++)
    expected[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (facts); i++)
    {
      JsonObject *fact = json_array_get_object_element (facts, i);
      DeskFactKind kind;
      char *key = key_of (json_object_get_string_member (fact, "text"), json_object_get_string_member (fact, "value"));
      guint count = json_object_get_int_member (fact, "count");

      g_assert_true (desk_fact_kind_from_string (json_object_get_string_member (fact, "kind"), &kind));
      g_hash_table_insert (expected[kind], key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (expected[kind], key)) + count));
    }

  for (guint i = 0; i < doc->facts->len; i++)
    {
      DeskFact *fact = &g_array_index (doc->facts, DeskFact, i);
      g_autofree char *key = NULL;
      guint left;

      if (!labelled[fact->kind] || fact->start < from || fact->start >= to)
        continue;
      key = key_of (fact->text, fact->value);
      left = GPOINTER_TO_UINT (g_hash_table_lookup (expected[fact->kind], key));
      if (left > 0)
        {
          scores[fact->kind].tp++;
          g_hash_table_insert (expected[fact->kind], g_strdup (key), GUINT_TO_POINTER (left - 1));
        }
      else
        {
          scores[fact->kind].fp++;
          g_test_message ("%s: extra %s «%s» = %s", json_object_get_string_member (set, "file"),
                          desk_fact_kind_to_string (fact->kind), fact->text, fact->value);
        }
    }

  for (guint k = 0; k < DESK_N_FACT_KINDS; k++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, expected[k]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) > 0)
          {
            scores[k].fn += GPOINTER_TO_UINT (value);
            g_test_message ("%s: missed %s %s ×%u", json_object_get_string_member (set, "file"),
                            desk_fact_kind_to_string (k), (char *) key, GPOINTER_TO_UINT (value));
          }
      g_hash_table_unref (expected[k]);
    }
}

static double
f1 (const Score *s)
{
  double p = s->tp + s->fp > 0 ? (double) s->tp / (s->tp + s->fp) : 1.0;
  double r = s->tp + s->fn > 0 ? (double) s->tp / (s->tp + s->fn) : 1.0;

  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void
test_labelled_set (void)
{
  g_autofree char *labels_path = g_test_build_filename (G_TEST_DIST, "data", "labels.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskExtractor) extractor = NULL;
  JsonArray *sets;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }

  extractor = desk_extractor_new (&error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, labels_path, &error);
  g_assert_no_error (error);
  sets = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "sets");
  for (guint i = 0; i < json_array_get_length (sets); i++)
    score_set (extractor, json_array_get_object_element (sets, i));

  g_print ("# %-10s %5s %5s %5s %9s %7s %5s\n", "kind", "tp", "fp", "fn", "precision", "recall", "F1");
  for (guint k = 0; k < DESK_N_FACT_KINDS; k++)
    {
      const Score *s = &scores[k];

      if (s->tp + s->fp + s->fn == 0)
        continue;
      g_print ("# %-10s %5u %5u %5u %9.3f %7.3f %5.3f\n", desk_fact_kind_to_string (k), s->tp, s->fp, s->fn,
               s->tp + s->fp ? (double) s->tp / (s->tp + s->fp) : 1.0,
               s->tp + s->fn ? (double) s->tp / (s->tp + s->fn) : 1.0, f1 (s));
    }

  /* the targets of DESIGN.md */
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_DATE]), >=, 0.95);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_QUANTITY]), >=, 0.95);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_MONEY]), >=, 0.95);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_PERCENT]), >=, 0.95);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_CITATION]), >=, 0.95);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_PERSON]), >=, 0.85);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_ORG]), >=, 0.85);
  g_assert_cmpfloat (f1 (&scores[DESK_FACT_PLACE]), >=, 0.85);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("XDG_DATA_HOME", "/nonexistent-dialogue-desk-test", TRUE);
  g_test_add_func ("/quality/labelled-set", test_labelled_set);
  return g_test_run ();
}
