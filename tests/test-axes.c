/* test-axes.c: the axes file, keyword scoring, and axes found in documents */
#include "config.h"

#include <string.h>

#include "desk-axes.h"
#include "desk-importer.h"
#include "desk-test-util.h"

static double
score_of (DeskAxes   *axes,
          GArray     *scores,
          const char *id)
{
  GPtrArray *all = desk_axes_list_all (axes);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((DeskAxis *) g_ptr_array_index (all, i))->id, id))
      return g_array_index (scores, double, i);
  g_assert_not_reached ();
  return 0;
}

static void
test_default_axes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAxes) axes = desk_axes_load_default (&error);
  GPtrArray *dialogues;
  DeskDialogue *proposed;
  DeskAxis *security;
  guint comparators = 0;

  g_assert_no_error (error);
  dialogues = desk_axes_get_dialogues (axes);
  proposed = g_ptr_array_index (dialogues, 0);
  g_assert_true (proposed->proposed);
  g_assert_cmpuint (proposed->axes->len, ==, 3);
  g_assert_nonnull (proposed->frequency[0]);
  g_assert_true (g_strv_contains ((const char * const *) proposed->languages, "es"));

  security = desk_axes_lookup (axes, "pe-us.security");
  g_assert_nonnull (security);
  g_assert_cmpstr (security->name[1], ==, "Security and defence");
  g_assert_nonnull (desk_axes_lookup (axes, "pe-us.security.intelligence"));
  g_assert_true (desk_axes_lookup (axes, "pe-us.security.intelligence")->parent == security);

  for (guint i = 1; i < dialogues->len; i++)
    {
      DeskDialogue *d = g_ptr_array_index (dialogues, i);

      g_assert_false (d->proposed);
      comparators++;
      for (guint k = 0; k < d->axes->len; k++)
        g_assert_cmpuint (g_strv_length (((DeskAxis *) g_ptr_array_index (d->axes, k))->maps_to), >, 0);
    }
  /* four Binational Cabinets, the EU, five US dialogues */
  g_assert_cmpuint (comparators, ==, 10);
}

static void
assert_invalid (const char *json,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAxes) axes = desk_axes_load_from_data ("mine.json", json, strlen (json), &error);

  g_assert_null (axes);
  g_assert_error (error, DESK_AXES_ERROR, DESK_AXES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mine.json"));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected);
}

static void
test_bad_files (void)
{
  assert_invalid ("{ not json", "mine.json");
  assert_invalid ("[1, 2]", "JSON object");
  assert_invalid ("{\"format\": \"other\", \"version\": 1, \"dialogues\": []}", "format");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 2, \"dialogues\": []}", "version");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"kind\": \"proposed\"}]}", "dialogue 1");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"id\": \"d\", \"kind\": \"proposed\","
                  " \"name\": {\"es\": \"a\", \"en\": \"a\"}, \"axes\": [{\"id\": \"x\", \"name\": {\"es\": \"x\"},"
                  " \"keywords\": {\"es\": [], \"en\": []}}]}]}", "“x”");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"id\": \"d\", \"kind\": \"proposed\","
                  " \"name\": {\"es\": \"a\", \"en\": \"a\"}, \"axes\": ["
                  " {\"id\": \"x\", \"name\": {\"es\": \"x\", \"en\": \"x\"}, \"keywords\": {\"es\": [], \"en\": []}},"
                  " {\"id\": \"x\", \"name\": {\"es\": \"y\", \"en\": \"y\"}, \"keywords\": {\"es\": [], \"en\": []}}]}]}", "twice");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"id\": \"c\", \"kind\": \"comparator\","
                  " \"name\": {\"es\": \"a\", \"en\": \"a\"}, \"axes\": [{\"id\": \"x\", \"name\": {\"es\": \"x\", \"en\": \"x\"},"
                  " \"keywords\": {\"es\": [\"a\"], \"en\": [1]}}]}]}", "list of texts");
  assert_invalid ("{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"id\": \"c\", \"kind\": \"comparator\","
                  " \"name\": {\"es\": \"a\", \"en\": \"a\"}, \"axes\": [{\"id\": \"x\", \"name\": {\"es\": \"x\", \"en\": \"x\"},"
                  " \"keywords\": {\"es\": [], \"en\": []}, \"maps_to\": [\"nowhere\"]}]}]}", "nowhere");
}

static void
test_scoring (void)
{
  g_autoptr(DeskAxes) axes = desk_axes_load_default (NULL);
  g_autoptr(GArray) es = desk_axes_score (axes, "Ambos países acordaron el intercambio de información de inteligencia "
                                                "para combatir el narcotráfico y el crimen organizado.", -1);
  g_autoptr(GArray) en = desk_axes_score (axes, "Enhanced intelligence sharing will help dismantle drug trafficking networks.", -1);
  g_autoptr(GArray) trade = desk_axes_score (axes, "Las exportaciones crecieron gracias al Acuerdo de Promoción Comercial "
                                                   "y a nuevas inversiones en turismo.", -1);

  g_assert_cmpfloat (score_of (axes, es, "pe-us.security"), >=, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, es, "pe-us.security.intelligence"), >=, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, es, "pe-us.economy"), <, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, en, "pe-us.security"), >=, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, en, "pe-us.security.intelligence"), >=, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, trade, "pe-us.economy"), >=, DESK_AXES_THRESHOLD);
  g_assert_cmpfloat (score_of (axes, trade, "pe-us.security"), <, DESK_AXES_THRESHOLD);
}

static gboolean
found (GPtrArray  *axes,
       const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < axes->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (((DeskFoundAxis *) g_ptr_array_index (axes, i))->name, -1);
      if (g_str_equal (other, folded))
        return TRUE;
    }
  return FALSE;
}

static void
test_found_in_thesis (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DeskParsedDocument) doc = NULL;
  g_autoptr(GPtrArray) axes = NULL;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }
  path = desk_test_corpus_file ("003_afab1f356d31f7a2.txt");
  file = g_file_new_for_path (path);
  doc = desk_parse_file (file, 0, NULL, NULL, NULL);
  axes = desk_axes_find_in_document (doc);

  /* the subsections of "3.1. Ejes Temáticos de Mutuo Interés…" */
  g_assert_true (found (axes, "Asuntos Económicos, Comerciales, Inversiones y Turismo"));
  g_assert_true (found (axes, "Seguridad y Defensa"));
  g_assert_true (found (axes, "Gobernabilidad Democrática e Institucionalidad"));
  /* a list after "… cuentan con cinco ejes temáticos de trabajo, que son los siguientes:" */
  g_assert_true (found (axes, "Asuntos Fronterizos y Migratorios"));
  /* "se trabajaron seis ejes: oportunidades económicas y sociales; …", then a section each */
  g_assert_true (found (axes, "Oportunidades económicas y sociales"));
  for (guint i = 0, n = 0; i < axes->len; i++)
    {
      g_autofree char *name = g_utf8_casefold (((DeskFoundAxis *) g_ptr_array_index (axes, i))->name, -1);
      if (g_str_equal (name, "oportunidades económicas y sociales"))
        g_assert_cmpuint (++n, ==, 1);
    }
  /* "1.1.6. Eje de Seguridad" */
  g_assert_true (found (axes, "Seguridad"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/axes/default", test_default_axes);
  g_test_add_func ("/axes/bad-files", test_bad_files);
  g_test_add_func ("/axes/scoring", test_scoring);
  g_test_add_func ("/axes/found-in-thesis", test_found_in_thesis);
  return g_test_run ();
}
