/* test-normalize.c: converter output becomes clean paragraphs */
#include "config.h"

#include <string.h>

#include "desk-normalize.h"
#include "desk-structure.h"

static GPtrArray *
normalize (const char *text)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  return desk_normalize_pages ((const char * const *) pages, g_strv_length (pages), DESK_NORMALIZE_PLAIN);
}

static const char *
block_text (GPtrArray *blocks,
            guint      i)
{
  g_assert_cmpuint (i, <, blocks->len);
  return ((DeskBlock *) g_ptr_array_index (blocks, i))->text;
}

static DeskBlockKind
block_kind (GPtrArray *blocks,
            guint      i)
{
  return ((DeskBlock *) g_ptr_array_index (blocks, i))->kind;
}

static void
test_hard_wrap_and_hyphenation (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "La cooperación entre ambos países ha sido una herramienta de la\n"
    "política exterior y ha contribuido a la seguridad internacio-\n"
    "nal de la región andina.\n"
    "Los programas de desarrollo alternativo reemplazaron cultivos\n"
    "ilícitos en varias provincias del país.\n");

  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (block_text (blocks, 0), ==,
                   "La cooperación entre ambos países ha sido una herramienta de la "
                   "política exterior y ha contribuido a la seguridad internacional de la "
                   "región andina.");
  g_assert_true (g_str_has_prefix (block_text (blocks, 1), "Los programas de desarrollo alternativo reemplazaron cultivos ilícitos"));
}

static void
test_hyphen_kept_when_written_elsewhere (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "The anti-drug programs of the partnership were reviewed by both\n"
    "delegations, who agreed that anti-\n"
    "drug cooperation needs new indicators and a shared calendar of\n"
    "meetings between the agencies concerned.\n");

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_nonnull (strstr (block_text (blocks, 0), "agreed that anti-drug cooperation"));
}

static void
test_double_spaced_paragraphs (void)
{
  /* as PDF converters emit it: an empty line after every line, a blank
   * line of spaces between paragraphs, pages starting with a space */
  g_autoptr(GPtrArray) blocks = normalize (
    "Primera línea de un párrafo largo que el conversor cortó en \n"
    "\n"
    "varias líneas. Aquí termina una oración y empieza otra que \n"
    "\n"
    " sigue en la página siguiente. \n"
    " \n"
    "\n"
    "Segundo párrafo, también cortado por el conversor en dos \n"
    "\n"
    "líneas. \n"
    "\n");

  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (block_text (blocks, 0), ==,
                   "Primera línea de un párrafo largo que el conversor cortó en varias líneas. "
                   "Aquí termina una oración y empieza otra que sigue en la página siguiente.");
  g_assert_cmpstr (block_text (blocks, 1), ==,
                   "Segundo párrafo, también cortado por el conversor en dos líneas.");
}

static void
test_page_numbers_dropped (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "El mecanismo de diálogo permitirá a ambos gobiernos abordar la\n"
    "agenda bilateral de manera ordenada y con seguimiento de los\n"
    "\n"
    "\n"
    "39\n"
    "\n"
    "compromisos asumidos en cada reunión de los viceministros.\n"
    "- 40 -\n"
    "Página 41 de 80\n");

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (block_text (blocks, 0), ==,
                   "El mecanismo de diálogo permitirá a ambos gobiernos abordar la agenda bilateral "
                   "de manera ordenada y con seguimiento de los compromisos asumidos en cada reunión "
                   "de los viceministros.");
}

static void
test_running_headers_dropped (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = NULL;

  for (guint page = 1; page <= 5; page++)
    {
      if (page > 1)
        g_string_append_c (text, '\f');
      g_string_append (text, "Academia Diplomática — Tesis de maestría\n");
      g_string_append_printf (text, "Contenido propio de la página %u, que describe un acuerdo distinto.\n\n", page);
      g_string_append_printf (text, "Página %u\n", page);
    }
  blocks = normalize (text->str);

  g_assert_cmpuint (blocks->len, ==, 5);
  for (guint i = 0; i < blocks->len; i++)
    {
      g_assert_null (strstr (block_text (blocks, i), "Academia Diplomática"));
      g_assert_null (strstr (block_text (blocks, i), "Página"));
    }
}

static void
test_lists_kept (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "Ambas delegaciones coincidieron en las prioridades siguientes:\n"
    "- Defensa y cooperación militar\n"
    "- Seguridad regional\n"
    "• Lucha contra el crimen organizado transnacional\n"
    "La Cancillería ha señalado que el diálogo continuará.\n");

  g_assert_cmpuint (blocks->len, ==, 5);
  g_assert_cmpint (block_kind (blocks, 0), ==, DESK_BLOCK_PARAGRAPH);
  g_assert_cmpint (block_kind (blocks, 1), ==, DESK_BLOCK_LIST_ITEM);
  g_assert_cmpstr (block_text (blocks, 1), ==, "- Defensa y cooperación militar");
  g_assert_cmpint (block_kind (blocks, 3), ==, DESK_BLOCK_LIST_ITEM);
  g_assert_cmpint (block_kind (blocks, 4), ==, DESK_BLOCK_PARAGRAPH);
}

static void
test_news_lines_are_paragraphs (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "El presidente propuso que el país sea considerado aliado estratégico extra OTAN, una categoría utilizada para fortalecer la cooperación.\n"
    "Antecedentes y contexto\n"
    "La figura de aliado estratégico permite profundizar vínculos con países clave en materia de defensa.\n");

  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_cmpstr (block_text (blocks, 1), ==, "Antecedentes y contexto");
}

static void
test_quotes_and_spaces (void)
{
  g_autoptr(GPtrArray) blocks = normalize ("Los cancilleres dijeron  que el acuerdo \"ha demostrado su utilidad\"\u00a0 y que ``seguirá''.\n");

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (block_text (blocks, 0), ==,
                   "Los cancilleres dijeron que el acuerdo “ha demostrado su utilidad” y que “seguirá”.");
}

static void
test_web_debris_dropped (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "Escucha la noticia\n"
    "Cooperación bilateral\n"
    "Desde 1992 hasta el 2025, la cooperación bilateral ha sido una herramienta clave de la política exterior.\n"
    ":quality(75)/s3.amazonaws.com/arc-authors/elcomercio/5ee1c5a9-1a98.png)\n"
    "Publicar un comentario\n");

  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (block_text (blocks, 0), ==, "Cooperación bilateral");
}

static void
test_numbered_heading_not_joined (void)
{
  g_autoptr(GPtrArray) blocks = normalize (
    "de los acuerdos firmados en la reunión presidencial del año anterior (MRE, 2015).\n"
    "3.1.2. Seguridad y Defensa\n"
    "El Perú y los Estados Unidos comparten una agenda de seguridad que comprende la lucha\n"
    "contra el narcotráfico, el terrorismo y el crimen organizado en la región andina y en\n"
    "2015. En esa fecha se reunieron los ministros de defensa de ambos países en Lima.\n");

  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_cmpstr (block_text (blocks, 1), ==, "3.1.2. Seguridad y Defensa");
  g_assert_nonnull (strstr (block_text (blocks, 2), "en 2015. En esa fecha"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/hard-wrap-and-hyphenation", test_hard_wrap_and_hyphenation);
  g_test_add_func ("/normalize/hyphen-kept-when-written-elsewhere", test_hyphen_kept_when_written_elsewhere);
  g_test_add_func ("/normalize/double-spaced-paragraphs", test_double_spaced_paragraphs);
  g_test_add_func ("/normalize/page-numbers-dropped", test_page_numbers_dropped);
  g_test_add_func ("/normalize/running-headers-dropped", test_running_headers_dropped);
  g_test_add_func ("/normalize/lists-kept", test_lists_kept);
  g_test_add_func ("/normalize/news-lines-are-paragraphs", test_news_lines_are_paragraphs);
  g_test_add_func ("/normalize/quotes-and-spaces", test_quotes_and_spaces);
  g_test_add_func ("/normalize/web-debris-dropped", test_web_debris_dropped);
  g_test_add_func ("/normalize/numbered-heading-not-joined", test_numbered_heading_not_joined);

  return g_test_run ();
}
