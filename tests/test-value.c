/* test-value.c: money, quantities and percentages as people read them,
 * in Spanish and English, from the values the library keeps */
#include "config.h"

#include <string.h>

#include "desk-extract.h"
#include "desk-normalize.h"
#include "desk-reader.h"
#include "desk-structure.h"
#include "desk-test-util.h"
#include "desk-value.h"

#define NBSP "\xc2\xa0"

typedef struct
{
  DeskFactKind kind;
  const char *value;
  const char *spanish;
  const char *english;
} Case;

/* Every money, quantity and percentage value of the corpus and the
 * samples, as the extraction gives them */
static const Case corpus_cases[] = {
  { DESK_FACT_MONEY, "125000000000 USD", "US$" NBSP "125" NBSP "000 millones", "US$125 billion" },
  { DESK_FACT_MONEY, "16000000000 USD", "US$" NBSP "16" NBSP "000 millones", "US$16 billion" },
  { DESK_FACT_MONEY, "9000000000 USD", "US$" NBSP "9000 millones", "US$9 billion" },
  { DESK_FACT_MONEY, "7800000000 USD", "US$" NBSP "7800 millones", "US$7.8 billion" },
  { DESK_FACT_MONEY, "3679000000 USD", "US$" NBSP "3679 millones", "US$3,679 million" },
  { DESK_FACT_MONEY, "717000000 USD", "US$" NBSP "717 millones", "US$717 million" },
  { DESK_FACT_MONEY, "216000000 USD", "US$" NBSP "216 millones", "US$216 million" },
  { DESK_FACT_MONEY, "45000000 USD", "US$" NBSP "45 millones", "US$45 million" },
  { DESK_FACT_MONEY, "2500000 USD", "US$" NBSP "2,5 millones", "US$2.5 million" },
  { DESK_FACT_MONEY, "1500000 USD", "US$" NBSP "1,5 millones", "US$1.5 million" },
  { DESK_FACT_MONEY, "300000 USD", "US$" NBSP "300" NBSP "000", "US$300,000" },
  { DESK_FACT_MONEY, "500 USD", "US$" NBSP "500", "US$500" },
  { DESK_FACT_QUANTITY, "35900 km2", "35" NBSP "900" NBSP "km²", "35,900" NBSP "km²" },
  { DESK_FACT_QUANTITY, "1135 t", "1135" NBSP "t", "1,135" NBSP "t" },
  { DESK_FACT_QUANTITY, "822 t", "822" NBSP "t", "822" NBSP "t" },
  { DESK_FACT_QUANTITY, "313 t", "313" NBSP "t", "313" NBSP "t" },
  { DESK_FACT_PERCENT, "316%", "316" NBSP "%", "316%" },
  { DESK_FACT_PERCENT, "9.1%", "9,1" NBSP "%", "9.1%" },
  { DESK_FACT_PERCENT, "0.6%", "0,6" NBSP "%", "0.6%" },
  { DESK_FACT_PERCENT, "18%", "18" NBSP "%", "18%" },
};

/* The edges: zero, signs, the turn of a million, huge exact sums,
 * fractions, other currencies and units, and what is not a figure */
static const Case edge_cases[] = {
  { DESK_FACT_MONEY, "0 USD", "US$" NBSP "0", "US$0" },
  { DESK_FACT_MONEY, "-2500000 USD", "−US$" NBSP "2,5 millones", "−US$2.5 million" },
  { DESK_FACT_MONEY, "999999 USD", "US$" NBSP "999" NBSP "999", "US$999,999" },
  { DESK_FACT_MONEY, "1000000 USD", "US$" NBSP "1 millón", "US$1 million" },
  { DESK_FACT_MONEY, "1000000000 USD", "US$" NBSP "1000 millones", "US$1 billion" },
  { DESK_FACT_MONEY, "1000000000000 USD", "US$" NBSP "1 billón", "US$1 trillion" },
  { DESK_FACT_MONEY, "2300000000000 USD", "US$" NBSP "2,3 billones", "US$2.3 trillion" },
  { DESK_FACT_MONEY, "1234500000000 USD", "US$" NBSP "1" NBSP "234" NBSP "500 millones", "US$1,234.5 billion" },
  { DESK_FACT_MONEY, "1234567 USD", "US$" NBSP "1" NBSP "234" NBSP "567", "US$1,234,567" },
  { DESK_FACT_MONEY, "1250000.5 USD", "US$" NBSP "1" NBSP "250" NBSP "000,5", "US$1,250,000.5" },
  { DESK_FACT_MONEY, "2750000 USD", "US$" NBSP "2,75 millones", "US$2.75 million" },
  { DESK_FACT_MONEY, "123456789012345678 USD",
    "US$" NBSP "123" NBSP "456" NBSP "789" NBSP "012" NBSP "345" NBSP "678",
    "US$123,456,789,012,345,678" },
  { DESK_FACT_MONEY, "123456789012345678000000 USD", "US$" NBSP "123" NBSP "456" NBSP "789" NBSP "012" NBSP "345" NBSP "678 millones",
    "US$123,456,789,012,345,678 million" },
  { DESK_FACT_MONEY, "0.75 USD", "US$" NBSP "0,75", "US$0.75" },
  { DESK_FACT_MONEY, "1500 PEN", "S/" NBSP "1500", "S/" NBSP "1,500" },
  { DESK_FACT_MONEY, "45000000 PEN", "S/" NBSP "45 millones", "S/" NBSP "45 million" },
  { DESK_FACT_MONEY, "1500 EUR", "1500" NBSP "€", "€1,500" },
  { DESK_FACT_MONEY, "2500000 EUR", "2,5 millones de euros", "€2.5 million" },
  { DESK_FACT_MONEY, "2500000 GBP", "2,5 millones de libras", "£2.5 million" },
  { DESK_FACT_MONEY, "3000000000 CNY", "CN¥" NBSP "3000 millones", "CN¥3 billion" },
  { DESK_FACT_MONEY, "70000 CAD", "CAD" NBSP "70" NBSP "000", "CAD" NBSP "70,000" },
  { DESK_FACT_MONEY, "2500000", "2,5 millones", "2.5 million" },
  { DESK_FACT_QUANTITY, "89755 ha", "89" NBSP "755" NBSP "ha", "89,755" NBSP "ha" },
  { DESK_FACT_QUANTITY, "2500000 t", "2" NBSP "500" NBSP "000" NBSP "t", "2,500,000" NBSP "t" },
  { DESK_FACT_QUANTITY, "-12.5 km", "−12,5" NBSP "km", "−12.5" NBSP "km" },
  { DESK_FACT_QUANTITY, "0 bbl", "0" NBSP "bbl", "0" NBSP "bbl" },
  { DESK_FACT_QUANTITY, "1200 furlongs", "1200" NBSP "furlongs", "1,200" NBSP "furlongs" },
  { DESK_FACT_QUANTITY, "89755", "89" NBSP "755", "89,755" },
  { DESK_FACT_PERCENT, "-3.25%", "−3,25" NBSP "%", "−3.25%" },
  { DESK_FACT_PERCENT, "12500%", "12" NBSP "500" NBSP "%", "12,500%" },
  /* no "−0", and leading zeros or trailing decimal zeros are no digits */
  { DESK_FACT_MONEY, "-0 USD", "US$" NBSP "0", "US$0" },
  { DESK_FACT_QUANTITY, "007.50 t", "7,5" NBSP "t", "7.5" NBSP "t" },
  /* not the library's form: shown as the officer or the extraction wrote it */
  { DESK_FACT_MONEY, "USD 2,500,000 (checked)", "USD 2,500,000 (checked)", "USD 2,500,000 (checked)" },
  { DESK_FACT_MONEY, "", "", "" },
  { DESK_FACT_MONEY, "1. USD", "1. USD", "1. USD" },
  { DESK_FACT_MONEY, "12 US dollars", "12 US dollars", "12 US dollars" },
  { DESK_FACT_QUANTITY, "18%", "18%", "18%" },
  { DESK_FACT_PERCENT, "18 t", "18 t", "18 t" },
  { DESK_FACT_DATE, "2009-02-01", "2009-02-01", "2009-02-01" },
  { DESK_FACT_DATE, "2017/2021", "2017/2021", "2017/2021" },
  { DESK_FACT_PLACE, "1000000", "1000000", "1000000" },
};

static void
check_cases (const Case *cases,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *es = desk_value_format (cases[i].kind, cases[i].value, "es");
      g_autofree char *en = desk_value_format (cases[i].kind, cases[i].value, "en");
      g_autofree char *en_us = desk_value_format (cases[i].kind, cases[i].value, "en_US");
      g_autofree char *es_pe = desk_value_format (cases[i].kind, cases[i].value, "es_PE");

      g_test_message ("%s: %s | %s", cases[i].value, es, en);
      g_assert_cmpstr (es, ==, cases[i].spanish);
      g_assert_cmpstr (en, ==, cases[i].english);
      g_assert_cmpstr (es_pe, ==, es);
      g_assert_cmpstr (en_us, ==, en);
    }
}

static void
test_corpus_values (void)
{
  check_cases (corpus_cases, G_N_ELEMENTS (corpus_cases));
}

static void
test_edges (void)
{
  check_cases (edge_cases, G_N_ELEMENTS (edge_cases));
}

/* What is written for people reads back to the same value, as an
 * officer's correction (desk_extract_read_figure) */
static void
check_read_back (const Case *cases,
                 guint       n)
{
  /* values out of the library's form, or without a currency or unit the
   * library knows */
  static const char * const unreadable[] = { "2500000", "1200 furlongs", "89755", NULL };

  for (guint i = 0; i < n; i++)
    {
      const char *languages[] = { "es", "en" };

      if ((cases[i].kind != DESK_FACT_MONEY && cases[i].kind != DESK_FACT_QUANTITY && cases[i].kind != DESK_FACT_PERCENT) ||
          g_str_equal (cases[i].spanish, cases[i].value))
        continue;
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autofree char *written = desk_value_format (cases[i].kind, cases[i].value, languages[l]);
          g_autofree char *read = desk_extract_read_figure (cases[i].kind, written);
          const char *expected = g_str_equal (cases[i].value, "-0 USD") ? "0 USD"
                                 : g_str_equal (cases[i].value, "007.50 t") ? "7.5 t"
                                 : g_strv_contains (unreadable, cases[i].value) ? NULL : cases[i].value;

          g_test_message ("%s → %s → %s", cases[i].value, written, read);
          g_assert_cmpstr (read, ==, expected);
        }
    }
}

static void
test_read_back (void)
{
  check_read_back (corpus_cases, G_N_ELEMENTS (corpus_cases));
  check_read_back (edge_cases, G_N_ELEMENTS (edge_cases));
}

/* The figures the extraction finds in the corpus and the samples: every
 * one is written for people (no raw value, no long run of digits) and is
 * in the table above, so that a new kind of value is looked at here */
static void
test_extracted_values (void)
{
  const char *dirs[] = { desk_test_corpus_dir (), g_getenv ("DIALOGUE_DESK_SAMPLES_DIR") };
  g_autoptr(DeskExtractor) extractor = NULL;
  g_autoptr(GError) error = NULL;
  guint n_figures = 0;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("no corpus");
      return;
    }
  extractor = desk_extractor_new (&error);
  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_assert_nonnull (dirs[d]);
      dir = g_dir_open (dirs[d], 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(DeskRawDocument) raw = NULL;
          g_autoptr(GPtrArray) blocks = NULL;
          g_autoptr(GArray) facts = NULL;
          DeskParsedDocument *doc;

          if (g_str_equal (name, "README.md") || !desk_reader_is_supported (name))
            continue;
          raw = desk_reader_read (file, DESK_READER_DEFAULT_MAX_SIZE, NULL, &error);
          g_assert_no_error (error);
          blocks = desk_normalize_pages ((const char * const *) raw->pages->pdata, raw->pages->len,
                                         raw->markdown ? DESK_NORMALIZE_MARKDOWN : DESK_NORMALIZE_PLAIN);
          doc = desk_structure_analyze (blocks, raw->title, raw->date);
          facts = desk_extractor_run (extractor, doc);
          for (guint i = 0; i < facts->len; i++)
            {
              const DeskFact *fact = &g_array_index (facts, DeskFact, i);
              gboolean listed = FALSE;

              if (fact->kind != DESK_FACT_MONEY && fact->kind != DESK_FACT_QUANTITY && fact->kind != DESK_FACT_PERCENT)
                continue;
              n_figures++;
              for (guint k = 0; k < G_N_ELEMENTS (corpus_cases) && !listed; k++)
                listed = corpus_cases[k].kind == fact->kind && g_str_equal (corpus_cases[k].value, fact->value);
              /* the percentages the table leaves out are whole numbers of three digits at most */
              if (!listed && fact->kind == DESK_FACT_PERCENT)
                {
                  g_autofree char *en = desk_value_format (fact->kind, fact->value, "en");
                  g_autofree char *es = desk_value_format (fact->kind, fact->value, "es");
                  g_autofree char *spanish = g_strndup (fact->value, strlen (fact->value) - 1);

                  g_assert_cmpuint (strspn (fact->value, "0123456789"), ==, strlen (fact->value) - 1);
                  g_assert_cmpuint (strlen (fact->value), <=, 4);
                  g_assert_cmpstr (en, ==, fact->value);
                  g_assert_true (g_str_has_prefix (es, spanish) && g_str_has_suffix (es, NBSP "%"));
                  continue;
                }
              if (!listed)
                g_error ("%s: the %s value “%s” (“%s”) is not in the table", name,
                         desk_fact_kind_to_string (fact->kind), fact->value, fact->text);
            }
          g_array_unref (g_steal_pointer (&facts));
          desk_parsed_document_free (doc);
        }
    }
  g_assert_cmpuint (n_figures, >=, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/corpus", test_corpus_values);
  g_test_add_func ("/value/edges", test_edges);
  g_test_add_func ("/value/extracted", test_extracted_values);
  g_test_add_func ("/value/read-back", test_read_back);
  return g_test_run ();
}
