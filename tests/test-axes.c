/* test-axes.c: the axes file, keyword scoring, and axes found in documents */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "desk-axes.h"
#include "desk-extract.h"
#include "desk-normalize.h"
#include "desk-structure.h"
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
test_error_names_line (void)
{
  g_autoptr(GError) error = NULL;
  const char *json = "{\n  \"format\": \"dialogue-desk-axes\",\n  \"version\": 1,\n  \"dialogues\": [ oops ]\n}\n";
  g_autoptr(DeskAxes) axes = desk_axes_load_from_data ("axes.json", json, strlen (json), &error);

  g_assert_null (axes);
  g_assert_error (error, DESK_AXES_ERROR, DESK_AXES_ERROR_INVALID);
  /* json-glib reports "<data>:LINE:COLUMN: …" */
  g_assert_nonnull (strstr (error->message, ":4:"));
}

static char *data_home;

static void
test_officer_file (void)
{
  g_autofree char *dir = g_build_filename (data_home, "dialogue-desk", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAxes) mine = NULL;
  g_autoptr(DeskAxes) broken = NULL;

  g_mkdir_with_parents (dir, 0700);
  path = desk_test_write_file (dir, "axes.json",
                               "{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{\"id\": \"mine\","
                               " \"kind\": \"proposed\", \"name\": {\"es\": \"Mío\", \"en\": \"Mine\"}, \"axes\": [{\"id\": \"mine.energy\","
                               " \"name\": {\"es\": \"Energía\", \"en\": \"Energy\"}, \"keywords\": {\"es\": [\"energía\"], \"en\": [\"energy\"]}}]}]}", -1);
  mine = desk_axes_load_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (desk_axes_lookup (mine, "mine.energy"));

  g_file_set_contents (path, "{ \"format\": ", -1, NULL);
  broken = desk_axes_load_default (&error);
  g_assert_null (broken);
  g_assert_nonnull (strstr (error->message, path));

  /* the shipped axes again for the other tests */
  g_unlink (path);
}

/* The officer's axes file nested 100,000 deep: refused, naming the file,
 * where json-glib's recursive parser crashed every command and the
 * window at start */
static void
test_deep_officer_file (void)
{
  g_autofree char *dir = g_build_filename (data_home, "dialogue-desk", NULL);
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');
  g_autofree char *text = g_strconcat (open, close, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAxes) axes = NULL;

  g_mkdir_with_parents (dir, 0700);
  path = desk_test_write_file (dir, "axes.json", text, -1);
  axes = desk_axes_load_default (&error);
  g_assert_null (axes);
  g_assert_error (error, DESK_AXES_ERROR, DESK_AXES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "deep"));
  g_unlink (path);
}

static void
test_enumerated_axes (void)
{
  const char *text =
    "Propuesta de mecanismo\n\n"
    "El diálogo propuesto tendrá los siguientes ejes temáticos:\n"
    "- Energía y minería\n"
    "- Cooperación educativa\n\n"
    "1. Energía y minería\n\n"
    "Las partes revisaron la agenda energética de la región en varias reuniones técnicas.\n"
    "- Promover la inversión en energías renovables en la costa norte.\n"
    "- Crear un grupo técnico sobre minería responsable.\n\n"
    "2. Cooperación educativa\n\n"
    "Los ministros destacaron el valor de los intercambios académicos entre universidades.\n"
    "- Ampliar las becas para estudiantes de posgrado.\n";
  const char *pages[] = { text };
  g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);
  g_autoptr(DeskParsedDocument) doc = desk_structure_analyze (blocks, NULL, NULL);
  g_autoptr(DeskExtractor) extractor = desk_extractor_new (NULL);
  g_autoptr(GPtrArray) axes = NULL;
  g_autoptr(GArray) facts = NULL;
  DeskFoundAxis *energy = NULL;
  guint proposals = 0;

  axes = desk_axes_find_in_document (doc);
  g_assert_true (found (axes, "Energía y minería"));
  g_assert_true (found (axes, "Cooperación educativa"));
  for (guint i = 0; i < axes->len; i++)
    if (g_str_equal (((DeskFoundAxis *) g_ptr_array_index (axes, i))->name, "Energía y minería"))
      energy = g_ptr_array_index (axes, i);
  g_assert_nonnull (energy);
  /* the list names the axes, the sections further on hold their proposals */
  g_assert_cmpint (energy->section, >=, 0);

  facts = desk_extractor_run (extractor, doc);
  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);
      if (f->kind == DESK_FACT_PROPOSAL && f->start >= energy->start && f->start < energy->end)
        proposals++;
    }
  g_assert_cmpuint (proposals, ==, 2);
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

/* The points are exact: one a word, two a phrase, once per place a
 * keyword starts, its words in any inflection, accents or language */
static void
test_scoring_points (void)
{
  static const char axes_json[] =
    "{\"format\": \"dialogue-desk-axes\", \"version\": 1, \"dialogues\": [{"
    "  \"id\": \"d\", \"kind\": \"proposed\", \"name\": {\"es\": \"D\", \"en\": \"D\"},"
    "  \"axes\": ["
    "    {\"id\": \"a\", \"name\": {\"es\": \"A\", \"en\": \"A\"},"
    "     \"keywords\": {\"es\": [\"intercambio de información\", \"narcotráfico\"], \"en\": [\"intelligence sharing\"]}},"
    "    {\"id\": \"b\", \"name\": {\"es\": \"B\", \"en\": \"B\"},"
    "     \"keywords\": {\"es\": [\"exportaciones\"], \"en\": [\"exports\"]}}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAxes) axes = desk_axes_load_from_data ("test.json", axes_json, sizeof axes_json - 1, &error);
  g_autoptr(GArray) scores = NULL;

  g_assert_no_error (error);
  /* a: two phrases (4), narcotráfico and narcotrafico (2), one English
   * phrase (2), "información" alone nothing; b: exportación and exports,
   * each for both of its keywords, whose stems meet (4) */
  scores = desk_axes_score (axes, "Intercambio de informaciones sobre el narcotráfico; el intercambio de "
                                  "información y la información. Narcotrafico. Intelligence sharing, "
                                  "sharing intelligence. La exportación y the exports.", -1);
  g_assert_cmpfloat (score_of (axes, scores, "a"), ==, 8);
  g_assert_cmpfloat (score_of (axes, scores, "b"), ==, 4);
  g_clear_pointer (&scores, g_array_unref);

  /* a phrase cut by the end of the text, and an empty text */
  scores = desk_axes_score (axes, "el intercambio de", -1);
  g_assert_cmpfloat (score_of (axes, scores, "a"), ==, 0);
  g_clear_pointer (&scores, g_array_unref);
  scores = desk_axes_score (axes, "", 0);
  g_assert_cmpuint (scores->len, ==, 2);
  g_assert_cmpfloat (score_of (axes, scores, "a"), ==, 0);
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
  int status;

  g_test_init (&argc, &argv, NULL);
  /* GLib reads XDG_DATA_HOME once: point it at a folder of the test's own */
  data_home = desk_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_add_func ("/axes/default", test_default_axes);
  g_test_add_func ("/axes/bad-files", test_bad_files);
  g_test_add_func ("/axes/error-names-line", test_error_names_line);
  g_test_add_func ("/axes/officer-file", test_officer_file);
  g_test_add_func ("/axes/deep-officer-file", test_deep_officer_file);
  g_test_add_func ("/axes/enumerated", test_enumerated_axes);
  g_test_add_func ("/axes/scoring", test_scoring);
  g_test_add_func ("/axes/scoring-points", test_scoring_points);
  g_test_add_func ("/axes/found-in-thesis", test_found_in_thesis);
  status = g_test_run ();
  desk_test_rm_rf (data_home);
  return status;
}
