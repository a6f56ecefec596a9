/* test-structure.c: outline, title, date and languages of a document */
#include "config.h"

#include <string.h>

#include "desk-date.h"
#include "desk-language.h"
#include "desk-normalize.h"
#include "desk-structure.h"

static DeskParsedDocument *
analyze (const char *text)
{
  const char *pages[] = { text };
  g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);

  return desk_structure_analyze (blocks, NULL, NULL);
}

static const DeskOutlineEntry *
entry (DeskParsedDocument *doc,
       guint               i)
{
  g_assert_cmpuint (i, <, doc->outline->len);
  return &g_array_index (doc->outline, DeskOutlineEntry, i);
}

static void
test_numbered_outline (void)
{
  g_autoptr(DeskParsedDocument) doc = analyze (
    "CAPÍTULO III: MECANISMO DE DIÁLOGO DE ALTO NIVEL\n\n"
    "1. Coyuntura\n\n"
    "Texto de la coyuntura bilateral, con suficiente extensión para ser un párrafo.\n\n"
    "3. Bases del mecanismo\n\n"
    "El nivel adecuado sería el viceministerial, como se propuso en la reunión de\n"
    "2015. En esta fecha se reunieron los presidentes.\n\n"
    "3.1. Ejes Temáticos\n\n"
    "3.1.1. Asuntos Económicos\n\n"
    "Texto sobre comercio.\n\n"
    "3.1.2. Seguridad y Defensa\n\n"
    "Texto sobre seguridad.\n\n"
    "39\n\n"
    "3.1.3. Gobernabilidad Democrática\n\n"
    "Texto sobre gobernabilidad.\n");

  /* "2." is missing: one skipped number is tolerated; 2015 is a year */
  g_assert_cmpuint (doc->outline->len, ==, 7);
  g_assert_cmpuint (entry (doc, 0)->depth, ==, 1);
  g_assert_cmpstr (entry (doc, 0)->number, ==, "III");
  g_assert_cmpstr (entry (doc, 1)->number, ==, "1");
  g_assert_cmpuint (entry (doc, 1)->depth, ==, 2);
  g_assert_cmpstr (entry (doc, 2)->number, ==, "3");
  g_assert_cmpstr (entry (doc, 3)->number, ==, "3.1");
  g_assert_cmpuint (entry (doc, 3)->depth, ==, 3);
  g_assert_cmpstr (entry (doc, 4)->number, ==, "3.1.1");
  g_assert_cmpstr (entry (doc, 4)->title, ==, "Asuntos Económicos");
  g_assert_cmpuint (entry (doc, 4)->depth, ==, 4);
  g_assert_cmpstr (entry (doc, 5)->number, ==, "3.1.2");
  g_assert_cmpstr (entry (doc, 6)->number, ==, "3.1.3");

  /* sections nest: 3.1 runs to the end, 3.1.1 to 3.1.2 */
  g_assert_cmpint (entry (doc, 3)->end, ==, doc->n_chars);
  g_assert_cmpint (entry (doc, 4)->end, ==, entry (doc, 5)->start);
  /* offsets are code points into the stored text */
  {
    const char *at = g_utf8_offset_to_pointer (doc->text, entry (doc, 5)->start);
    g_assert_true (g_str_has_prefix (at, "3.1.2. Seguridad y Defensa"));
  }
}

static void
test_news_subheads_and_title (void)
{
  g_autoptr(DeskParsedDocument) doc = analyze (
    "Perú y Estados Unidos renuevan su cooperación\n"
    "Lima, 14 de marzo de 2025\n"
    "Las delegaciones acordaron ampliar la cooperación bilateral en la lucha contra el tráfico ilícito de drogas.\n"
    "Un programa con metas medibles\n"
    "Según el comunicado conjunto, el programa destinará fondos a proyectos de café y cacao en el VRAEM.\n");

  g_assert_cmpstr (doc->title, ==, "Perú y Estados Unidos renuevan su cooperación");
  g_assert_cmpstr (doc->published, ==, "2025-03-14");
  g_assert_cmpuint (doc->outline->len, ==, 2);
  g_assert_cmpstr (entry (doc, 1)->title, ==, "Un programa con metas medibles");
  g_assert_cmpstr (doc->language, ==, "es");
  g_assert_cmpstr (doc->languages, ==, "es");
}

static void
test_mixed_languages (void)
{
  g_autoptr(GString) text = g_string_new ("RESUMEN\n\n");

  for (int i = 0; i < 6; i++)
    g_string_append (text, "El presente trabajo de investigación presenta las consideraciones necesarias para iniciar un camino de identificación de los principales objetivos de la relación.\n\n");
  g_string_append (text, "ABSTRACT\n\n");
  for (int i = 0; i < 4; i++)
    g_string_append (text, "The present research paper presents the necessary considerations to begin a path of identification of the main objectives of the relationship.\n\n");

  {
    g_autoptr(DeskParsedDocument) doc = analyze (text->str);

    g_assert_cmpstr (doc->language, ==, "es");
    g_assert_cmpstr (doc->languages, ==, "es en");
    /* the generic "RESUMEN" does not name the document */
    g_assert_cmpstr (doc->title, !=, "RESUMEN");
  }
}

static void
test_language_detection (void)
{
  g_assert_cmpstr (desk_language_detect ("La cooperación de los Estados Unidos con el Perú es una herramienta clave.", -1), ==, "es");
  g_assert_cmpstr (desk_language_detect ("The designation aims to bolster military cooperation and the fight against drugs.", -1), ==, "en");
  g_assert_cmpstr (desk_language_detect ("Piura", -1), ==, "");
}

static void
test_find_date (void)
{
  g_autofree char *a = desk_date_find ("implementado el 1 de febrero del 2009.");
  g_autofree char *b = desk_date_find ("Published December 12, 2025");
  g_autofree char *c = desk_date_find ("2025-11-20T09:30:00-05:00");
  g_autofree char *d = desk_date_find ("Chiclayo (29/02/2012)");
  g_autofree char *e = desk_date_find ("el 31 de febrero de 2019");

  g_assert_cmpstr (a, ==, "2009-02-01");
  g_assert_cmpstr (b, ==, "2025-12-12");
  g_assert_cmpstr (c, ==, "2025-11-20");
  g_assert_cmpstr (d, ==, "2012-02-29");
  g_assert_null (e);
}

static void
test_uid_is_content (void)
{
  g_autoptr(DeskParsedDocument) a = analyze ("Un texto.\nOtro párrafo aquí.\n");
  g_autoptr(DeskParsedDocument) b = analyze ("Un texto.\r\nOtro   párrafo aquí.\r\n");
  g_autoptr(DeskParsedDocument) c = analyze ("Un texto distinto.\n");

  g_assert_cmpstr (a->uid, ==, b->uid);
  g_assert_cmpstr (a->uid, !=, c->uid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/structure/numbered-outline", test_numbered_outline);
  g_test_add_func ("/structure/news-subheads-and-title", test_news_subheads_and_title);
  g_test_add_func ("/structure/mixed-languages", test_mixed_languages);
  g_test_add_func ("/structure/language-detection", test_language_detection);
  g_test_add_func ("/structure/find-date", test_find_date);
  g_test_add_func ("/structure/uid-is-content", test_uid_is_content);

  return g_test_run ();
}
