/* test-extract.c: every kind of fact, in Spanish and English, and what must not be one */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-extract.h"
#include "desk-normalize.h"
#include "desk-structure.h"
#include "desk-test-util.h"

static DeskExtractor *extractor;

typedef struct
{
  DeskParsedDocument *doc;
  GArray *facts;
} Extracted;

static void
extracted_clear (Extracted *x)
{
  g_clear_pointer (&x->facts, g_array_unref);
  g_clear_pointer (&x->doc, desk_parsed_document_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Extracted, extracted_clear)

static void
extract (Extracted  *x,
         const char *text,
         const char *published)
{
  const char *pages[] = { text };
  g_autoptr(GPtrArray) blocks = desk_normalize_pages (pages, 1, DESK_NORMALIZE_PLAIN);

  x->doc = desk_structure_analyze (blocks, NULL, published);
  x->facts = desk_extractor_run (extractor, x->doc);

  /* every fact's text is exactly its passage */
  for (guint i = 0; i < x->facts->len; i++)
    {
      DeskFact *f = &g_array_index (x->facts, DeskFact, i);
      g_autofree char *passage = g_utf8_substring (x->doc->text, f->start, f->end);

      g_assert_cmpstr (passage, ==, f->text);
    }
}

static const DeskFact *
find (Extracted    *x,
      DeskFactKind  kind,
      const char   *value)
{
  for (guint i = 0; i < x->facts->len; i++)
    {
      DeskFact *f = &g_array_index (x->facts, DeskFact, i);
      if (f->kind == kind && g_str_equal (f->value, value))
        return f;
    }
  return NULL;
}

static guint
count_kind (Extracted    *x,
            DeskFactKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < x->facts->len; i++)
    n += g_array_index (x->facts, DeskFact, i).kind == kind;
  return n;
}

#define assert_fact(x, kind, value) \
  G_STMT_START { \
    if (find ((x), (kind), (value)) == NULL) \
      g_error ("no %s fact “%s” in: %s", desk_fact_kind_to_string (kind), (value), (x)->doc->text); \
  } G_STMT_END

static void
test_dates (void)
{
  g_auto(Extracted) es = { 0 };
  g_auto(Extracted) en = { 0 };
  g_auto(Extracted) dated = { 0 };

  extract (&es, "El tratado fue implementado el 1 de febrero del 2009 y revisado el 30 de septiembre de 2014. "
                "La reunión de Chiclayo fue el 29/02/2012. El plan se aprobó en junio del 2018, para el primer "
                "semestre del 2018. En el 2024 la producción creció. Desde 1992 hasta el 2025 hubo cooperación. "
                "El periodo 2017-2021 fue decisivo.\n", NULL);
  assert_fact (&es, DESK_FACT_DATE, "2009-02-01");
  assert_fact (&es, DESK_FACT_DATE, "2014-09-30");
  assert_fact (&es, DESK_FACT_DATE, "2012-02-29");
  assert_fact (&es, DESK_FACT_DATE, "2018-06");
  assert_fact (&es, DESK_FACT_DATE, "2018");
  assert_fact (&es, DESK_FACT_DATE, "2024");
  assert_fact (&es, DESK_FACT_DATE, "1992/2025");
  assert_fact (&es, DESK_FACT_DATE, "2017/2021");

  extract (&en, "The presidents met on December 12, 2025 in Quito. A second round is set for the 5th of March.\n", NULL);
  assert_fact (&en, DESK_FACT_DATE, "2025-12-12");
  assert_fact (&en, DESK_FACT_DATE, "--03-05");

  /* a day without a year takes the document's year */
  extract (&dated, "The December 12 meeting between the presidents was held in Quito.\n", "2025-12-20");
  assert_fact (&dated, DESK_FACT_DATE, "2025-12-12");
}

static void
test_not_dates (void)
{
  g_auto(Extracted) x = { 0 };

  extract (&x, "3.1.2. Seguridad y Defensa\n\n"
               "Ambos países firmaron el acuerdo (MRE, 2015). La producción alcanzó las 822 TM y 2015 "
               "agentes fueron capacitados en 120 cursos.\n\n"
               "39\n", NULL);
  g_assert_cmpuint (count_kind (&x, DESK_FACT_DATE), ==, 0);
  assert_fact (&x, DESK_FACT_CITATION, "MRE|2015");
}

static void
test_figures (void)
{
  g_auto(Extracted) es = { 0 };
  g_auto(Extracted) en = { 0 };

  extract (&es, "La producción alcanzó las 822 TM, a las que hay que sumar 313 TM, hasta llegar a 1,135 TM. "
                "El comercio llegó a US$ 3,679 millones y la ayuda a 1.5 millones de dólares. Las exportaciones "
                "pasaron de US$ 216 a US$ 717 millones (+316%). La deuda es de 2 billones de soles; la inversión, "
                "S/ 500 y € 20 millones. El 18% de los cultivos, en 300 hectáreas, y un 9,1% del total.\n", NULL);
  assert_fact (&es, DESK_FACT_QUANTITY, "822 t");
  assert_fact (&es, DESK_FACT_QUANTITY, "1135 t");
  assert_fact (&es, DESK_FACT_QUANTITY, "300 ha");
  assert_fact (&es, DESK_FACT_MONEY, "3679000000 USD");
  assert_fact (&es, DESK_FACT_MONEY, "1500000 USD");
  assert_fact (&es, DESK_FACT_MONEY, "216000000 USD");
  assert_fact (&es, DESK_FACT_MONEY, "717000000 USD");
  assert_fact (&es, DESK_FACT_MONEY, "2000000000000 PEN");
  assert_fact (&es, DESK_FACT_MONEY, "500 PEN");
  assert_fact (&es, DESK_FACT_MONEY, "20000000 EUR");
  assert_fact (&es, DESK_FACT_PERCENT, "316%");
  assert_fact (&es, DESK_FACT_PERCENT, "18%");
  assert_fact (&es, DESK_FACT_PERCENT, "9.1%");

  extract (&en, "Piura covers approximately 35,900 square kilometers. Trade reached $1.2 billion, "
                "up 12 percent, and aid 5 million dollars.\n", NULL);
  assert_fact (&en, DESK_FACT_QUANTITY, "35900 km2");
  assert_fact (&en, DESK_FACT_MONEY, "1200000000 USD");
  assert_fact (&en, DESK_FACT_MONEY, "5000000 USD");
  assert_fact (&en, DESK_FACT_PERCENT, "12%");
}

static void
test_entities (void)
{
  g_auto(Extracted) es = { 0 };
  g_auto(Extracted) en = { 0 };

  extract (&es, "El Embajador Hugo de Zela se reunió con el Servicio Nacional de Sanidad Agraria (SENASA) y con la "
                "Oficina Nacional de Gobierno Interior (ONAGI) en Piura. Luego el SENASA y la ONAGI informaron a la "
                "OTAN y a los EE. UU sobre la visita a Estados Unidos.\n", NULL);
  assert_fact (&es, DESK_FACT_PERSON, "Hugo de Zela");
  assert_fact (&es, DESK_FACT_ORG, "Oficina Nacional de Gobierno Interior");
  assert_fact (&es, DESK_FACT_PLACE, "Piura");
  assert_fact (&es, DESK_FACT_PLACE, "United States");
  assert_fact (&es, DESK_FACT_ORG, "North Atlantic Treaty Organization");
  /* an acronym and its long form are one entity, wherever the acronym recurs */
  {
    const char *senasa_value = NULL;
    guint onagi = 0, senasa = 0;

    for (guint i = 0; i < es.facts->len; i++)
      {
        DeskFact *f = &g_array_index (es.facts, DeskFact, i);

        if (f->kind != DESK_FACT_ORG)
          continue;
        if (g_str_equal (f->text, "ONAGI"))
          {
            g_assert_cmpstr (f->value, ==, "Oficina Nacional de Gobierno Interior");
            onagi++;
          }
        if (g_str_equal (f->text, "SENASA") || g_str_equal (f->text, "Servicio Nacional de Sanidad Agraria"))
          {
            if (senasa_value == NULL)
              senasa_value = f->value;
            g_assert_cmpstr (f->value, ==, senasa_value);
            senasa++;
          }
      }
    g_assert_cmpuint (onagi, ==, 2);
    g_assert_cmpuint (senasa, ==, 3);
  }

  extract (&en, "President José Jerí met officials of the Food and Drug Administration (FDA) and NATO in the "
                "United States. Later, Jerí said the FDA would open an office in Lima.\n", NULL);
  assert_fact (&en, DESK_FACT_PERSON, "José Jerí");
  for (guint i = 0; i < en.facts->len; i++)
    {
      DeskFact *f = &g_array_index (en.facts, DeskFact, i);
      if (f->kind == DESK_FACT_PERSON)
        g_assert_cmpstr (f->value, ==, "José Jerí");
    }
  assert_fact (&en, DESK_FACT_ORG, "Food and Drug Administration");
  assert_fact (&en, DESK_FACT_ORG, "North Atlantic Treaty Organization");
  assert_fact (&en, DESK_FACT_PLACE, "United States");
  assert_fact (&en, DESK_FACT_PLACE, "Lima");
}

static void
test_citations_and_quotes (void)
{
  g_auto(Extracted) x = { 0 };
  const DeskFact *quote;

  extract (&x, "Como señala el autor (Contreras Vergara, Luis Guillermo, 2017, pg. 33), el mecanismo funciona. "
               "Los ministros afirmaron: “Resaltamos la importancia de la implementación de la Unidad Binacional "
               "de Desminado” (MRE, 2014). Un cálculo (+316%) no es una cita.\n", NULL);
  assert_fact (&x, DESK_FACT_CITATION, "Contreras Vergara, Luis Guillermo|2017|33");
  assert_fact (&x, DESK_FACT_CITATION, "MRE|2014");
  g_assert_cmpuint (count_kind (&x, DESK_FACT_CITATION), ==, 2);
  quote = find (&x, DESK_FACT_QUOTE, "Resaltamos la importancia de la implementación de la Unidad Binacional de Desminado");
  g_assert_nonnull (quote);
  g_assert_nonnull (quote->extra);
  g_assert_nonnull (strstr (quote->extra, "MRE|2014"));
}

static void
test_quote_speakers (void)
{
  g_auto(Extracted) x = { 0 };
  const DeskFact *es, *en;

  extract (&x, "El canciller Hugo de Zela afirmó: “El diálogo con Washington es una prioridad para el Perú”. "
               "“We will work together on security”, said Ambassador Krishna Urs in Lima.\n", NULL);
  es = find (&x, DESK_FACT_QUOTE, "El diálogo con Washington es una prioridad para el Perú");
  en = find (&x, DESK_FACT_QUOTE, "We will work together on security");
  g_assert_nonnull (es);
  g_assert_nonnull (en);
  g_assert_nonnull (strstr (es->extra, "\"speaker\":\"Hugo de Zela\""));
  g_assert_nonnull (strstr (en->extra, "\"speaker\":\"Krishna Urs\""));
}

static void
test_proposals_and_meetings (void)
{
  g_auto(Extracted) x = { 0 };
  guint proposals;

  extract (&x, "3.1.2. Seguridad y Defensa\n\n"
               "Los puntos de este eje temático a seguir, son los siguientes:\n"
               "- Intercambio de información de inteligencia sobre el crimen organizado.\n"
               "- Capacitación de las fuerzas del orden en técnicas antidrogas.\n\n"
               "Ambas delegaciones coincidieron en ámbitos como:\n"
               "- Defensa y cooperación militar\n\n"
               "Los Gabinetes Binacionales realizados fueron:\n"
               "- Tumbes (01/06/2007)\n"
               "- Chiclayo (29/02/2012)\n\n"
               "El IV Gabinete Binacional se llevó a cabo en Cartagena de Indias el 27 de febrero de 2018, "
               "con la participación del presidente Juan Manuel Santos.\n", NULL);
  assert_fact (&x, DESK_FACT_PROPOSAL, "Intercambio de información de inteligencia sobre el crimen organizado.");
  assert_fact (&x, DESK_FACT_PROPOSAL, "Capacitación de las fuerzas del orden en técnicas antidrogas.");
  proposals = count_kind (&x, DESK_FACT_PROPOSAL);
  /* a list after a lead-in that proposes nothing is not a proposal */
  g_assert_cmpuint (proposals, ==, 2);
  assert_fact (&x, DESK_FACT_MEETING, "2007-06-01 | Tumbes | ");
  assert_fact (&x, DESK_FACT_MEETING, "2012-02-29 | Chiclayo | ");
  assert_fact (&x, DESK_FACT_MEETING, "2018-02-27 | Cartagena de Indias | Juan Manuel Santos");
}

static DeskModality
modality_of (Extracted    *x,
             DeskFactKind  kind,
             const char   *value)
{
  const DeskFact *f = find (x, kind, value);

  g_assert_nonnull (f);
  return f->modality;
}

static void
test_modality (void)
{
  g_auto(Extracted) es = { 0 };
  g_auto(Extracted) en = { 0 };

  extract (&es, "El presidente de Estados Unidos, Donald Trump, propuso que Perú sea considerado aliado "
                "estratégico extra OTAN, con países que no forman parte de la alianza. "
                "Por el momento, la designación de Trump no constituye una designación formal en Washington.\n", NULL);
  g_assert_cmpint (modality_of (&es, DESK_FACT_PLACE, "Peru"), ==, DESK_MODALITY_PROPOSED);
  g_assert_cmpint (modality_of (&es, DESK_FACT_PLACE, "Washington"), ==, DESK_MODALITY_NEGATED);

  extract (&en, "Donald Trump is expected to designate Peru as an ally. "
                "Washington intends to designate Lima as a partner. "
                "According to Bloomberg, the talks began in Quito. "
                "The FBI opened an office in Piura.\n", NULL);
  g_assert_cmpint (modality_of (&en, DESK_FACT_PLACE, "Peru"), ==, DESK_MODALITY_EXPECTED);
  g_assert_cmpint (modality_of (&en, DESK_FACT_PLACE, "Lima"), ==, DESK_MODALITY_INTENDED);
  g_assert_cmpint (modality_of (&en, DESK_FACT_PLACE, "Quito"), ==, DESK_MODALITY_REPORTED);
  g_assert_cmpint (modality_of (&en, DESK_FACT_PLACE, "Piura"), ==, DESK_MODALITY_ASSERTED);
}

static void
test_parse_number (void)
{
  double v;

  g_assert_true (desk_extract_parse_number ("1,135", &v));
  g_assert_cmpfloat (v, ==, 1135);
  g_assert_true (desk_extract_parse_number ("1.135", &v));
  g_assert_cmpfloat (v, ==, 1135);
  g_assert_true (desk_extract_parse_number ("1.5", &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (desk_extract_parse_number ("9,1", &v));
  g_assert_cmpfloat_with_epsilon (v, 9.1, 1e-9);
  g_assert_true (desk_extract_parse_number ("1.234.567,89", &v));
  g_assert_cmpfloat_with_epsilon (v, 1234567.89, 1e-6);
  g_assert_true (desk_extract_parse_number ("0,135", &v));
  g_assert_cmpfloat_with_epsilon (v, 0.135, 1e-9);
}

/* Figures keep every digit, however large: a value is not a double */
static void
test_exact_figures (void)
{
  g_auto(Extracted) x = { 0 };

  extract (&x, "El fondo sería de US$ 100,000,000,000,000,000,000,000,000,000,000,000,000. La deuda suma "
               "1,234,567,890,123,456,789,012 dólares y 123456789012345678901234567 billones de soles. "
               "Se extrajeron 98765432109876543210987654321 toneladas, un 12345678901234567890123% más. "
               "Los precios pasaron de US$ 1,234,567,890,123,456,789 a US$ 2,000,000,000,000,000,001 millones. "
               "El alza fue de 9,99996% y la tasa de 1,23456%.\n", NULL);
  assert_fact (&x, DESK_FACT_MONEY, "100000000000000000000000000000000000000 USD");
  assert_fact (&x, DESK_FACT_MONEY, "1234567890123456789012 USD");
  assert_fact (&x, DESK_FACT_MONEY, "123456789012345678901234567000000000000 PEN");
  assert_fact (&x, DESK_FACT_QUANTITY, "98765432109876543210987654321 t");
  assert_fact (&x, DESK_FACT_PERCENT, "12345678901234567890123%");
  /* a range shares its scale, exactly */
  assert_fact (&x, DESK_FACT_MONEY, "1234567890123456789000000 USD");
  assert_fact (&x, DESK_FACT_MONEY, "2000000000000000001000000 USD");
  /* decimals as before: four at most, rounded */
  assert_fact (&x, DESK_FACT_PERCENT, "10%");
  assert_fact (&x, DESK_FACT_PERCENT, "1.2346%");
}

static char *data_home;

/* The officer's own gazetteer adds names; a bad one is refused, named */
/* Names of the gazetteer are found whole, the longest one at a place,
 * and not inside a word or run into one */
static void
test_gazetteer_whole_names (void)
{
  g_auto(Extracted) x = { 0 };
  guint places = 0;

  extract (&x, "Los Perúes, _Perú, Perú_2 y 3Perú no son lugares, ni las Américas; lo son los Estados Unidos de "
               "Américas (los Estados Unidos), los Estados Unidos de América y el Perú.\n", NULL);
  for (guint i = 0; i < x.facts->len; i++)
    {
      DeskFact *f = &g_array_index (x.facts, DeskFact, i);
      static const char * const expected[] = { "Estados Unidos", "Estados Unidos", "Estados Unidos de América", "Perú" };

      if (f->kind != DESK_FACT_PLACE)
        continue;
      g_assert_cmpuint (places, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (f->text, ==, expected[places]);
      places++;
    }
  g_assert_cmpuint (places, ==, 4);
  assert_fact (&x, DESK_FACT_PLACE, "United States");
  assert_fact (&x, DESK_FACT_PLACE, "Peru");
}

/* Extracts @text with the shipped gazetteers and the officer's own,
 * @json written at @path */
static void
extract_with_gazetteer (Extracted  *x,
                        const char *path,
                        const char *json,
                        const char *text)
{
  g_autoptr(GError) error = NULL;
  DeskExtractor *shared = extractor;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  extractor = desk_extractor_new (&error);
  g_assert_no_error (error);
  extract (x, text, NULL);
  desk_extractor_free (extractor);
  extractor = shared;
}

static void
test_user_gazetteer (void)
{
  static const char * const bad[] = {
    "",
    "[1, 2]",
    "{\"places\": {\"canonical\": \"Cusco\"}}",
    "{\"places\": [\"Cusco\"]}",
    "{\"organizations\": [{\"canonical\": \"OEA\"}]}",
    "{\"people\": [{\"canonical\": 7, \"names\": [\"Siete\"]}]}",
    "{\"people\": [{\"canonical\": \"Ana Torres\", \"names\": [\"Ana Torres\", null]}]}",
    "{\"places\": [{\"canonical\": \"Cusco\", \"names\": [\"Cusco\"]}",
  };
  g_autofree char *folder = g_build_filename (data_home, "dialogue-desk", NULL);
  g_autofree char *path = g_build_filename (folder, "gazetteer.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      DeskExtractor *refused;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      refused = desk_extractor_new (&error);
      g_assert_null (refused);
      g_assert_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA);
      g_assert_nonnull (strstr (error->message, path));
    }

  {
    g_auto(Extracted) x = { 0 };

    extract_with_gazetteer (&x, path, "{\"places\": [{\"canonical\": \"Villa Rica de Oxapampa\","
                                      " \"names\": [\"Oxapampa\", \"Villa Rica de Oxapampa\"]}]}",
                            "La delegación visitó Oxapampa en marzo.");
    g_assert_nonnull (find (&x, DESK_FACT_PLACE, "Villa Rica de Oxapampa"));
  }

  /* a name that begins with no letter is found too (by the gazetteer's
   * pattern, not by first word), with the shipped ones */
  {
    g_auto(Extracted) x = { 0 };

    extract_with_gazetteer (&x, path, "{\"places\": [{\"canonical\": \"'s-Hertogenbosch\","
                                      " \"names\": [\"'s-Hertogenbosch\"]}]}",
                            "La delegación visitó 's-Hertogenbosch y luego los Estados Unidos de América.");
    g_assert_nonnull (find (&x, DESK_FACT_PLACE, "'s-Hertogenbosch"));
    g_assert_nonnull (find (&x, DESK_FACT_PLACE, "United States"));
    g_assert_cmpuint (count_kind (&x, DESK_FACT_PLACE), ==, 2);
  }
  g_unlink (path);
}

/* The officer's gazetteer nested 100,000 deep: refused, naming the file,
 * where json-glib's recursive parser crashed */
static void
test_deep_user_gazetteer (void)
{
  g_autofree char *folder = g_build_filename (data_home, "dialogue-desk", NULL);
  g_autofree char *close = g_strnfill (100000, '}');
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (folder, "gazetteer.json", NULL);
  g_autoptr(GError) error = NULL;
  DeskExtractor *refused;

  /* {"a":{"a":…}} */
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  g_string_append (text, close);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  refused = desk_extractor_new (&error);
  g_assert_null (refused);
  g_assert_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "deep"));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* the officer's additions must not change what the tests see: an empty
   * data folder, where /extract/user-gazetteer writes its own */
  data_home = desk_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  extractor = desk_extractor_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/extract/dates", test_dates);
  g_test_add_func ("/extract/not-dates", test_not_dates);
  g_test_add_func ("/extract/figures", test_figures);
  g_test_add_func ("/extract/entities", test_entities);
  g_test_add_func ("/extract/citations-and-quotes", test_citations_and_quotes);
  g_test_add_func ("/extract/quote-speakers", test_quote_speakers);
  g_test_add_func ("/extract/proposals-and-meetings", test_proposals_and_meetings);
  g_test_add_func ("/extract/modality", test_modality);
  g_test_add_func ("/extract/parse-number", test_parse_number);
  g_test_add_func ("/extract/exact-figures", test_exact_figures);
  g_test_add_func ("/extract/gazetteer-whole-names", test_gazetteer_whole_names);
  g_test_add_func ("/extract/user-gazetteer", test_user_gazetteer);
  g_test_add_func ("/extract/deep-user-gazetteer", test_deep_user_gazetteer);

  status = g_test_run ();
  desk_extractor_free (extractor);
  desk_test_rm_rf (data_home);
  g_free (data_home);
  return status;
}
