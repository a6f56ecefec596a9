/* test-scaling.c: the time a document takes to read, normalize, outline,
 * extract and score grows with its size, not with its square
 *
 * Each input is generated at a size and at twice that size, and both are
 * taken through what an import does with a file before writing it
 * (desk_parse_bytes () with the extractor, then the axes' scores).  What
 * is measured is the CPU time of the test's thread, the least of a few
 * rounds, so that other programs on a loaded machine and sanitizers
 * (which slow both sizes alike) move it little: twice the input must
 * take less than three times as long, where work that grows with the
 * square takes four times as long.  The sizes are those at which the
 * quadratic part dominates in the code that had it; each input is also
 * one of the fuzzers' regression inputs (tests/fuzz/regressions). */
#include "config.h"

#include <string.h>
#include <time.h>

#include "desk-axes.h"
#include "desk-extract.h"
#include "desk-importer.h"

/* Twice the input may take this many times as long, at most */
#define MAX_RATIO 3.0
/* Rounds measured, at most: the least time of each size is kept */
#define MAX_ROUNDS 4
/* A measure is of repeated runs lasting about this long, in seconds,
 * so that short ones are not lost in the clock's noise */
#define MIN_MEASURE 0.08

typedef struct
{
  const char *name;                        /* the file's name: its extension picks the reader */
  gsize size;                              /* the smaller size, in bytes */
  void (*make) (GString *out, gsize size); /* writes about @size bytes */
} Input;

static DeskExtractor *extractor;
static DeskAxes *axes;

/* Generated inputs */

static void
append_until (GString    *out,
              gsize       size,
              const char *unit)
{
  while (out->len + strlen (unit) <= size)
    g_string_append (out, unit);
}

/* A page of '&' and no ';': each '&' looked for its ';' to the end */
static void
make_ampersands (GString *out,
                 gsize    size)
{
  g_string_append (out, "<html><body><p>");
  append_until (out, size, "a&b ");
  g_string_append (out, "</p></body></html>");
}

/* Many <title> and no "</": each looked for the end of the title to the
 * end of the page */
static void
make_titles (GString *out,
             gsize    size)
{
  g_string_append (out, "<html><body>");
  append_until (out, size, "<title>x ");
}

/* Many headings, each with a short paragraph: every paragraph looked at
 * every section, every block break measured the text so far */
static void
make_html_headings (GString *out,
                    gsize    size)
{
  g_string_append (out, "<html><body>");
  for (guint i = 0; out->len < size; i++)
    g_string_append_printf (out, "<h2>S%u</h2><p>T.</p>", i);
}

/* The same hyphenated line again and again: each hyphen looked for the
 * word in the whole text */
static void
make_hyphenated_lines (GString *out,
                       gsize    size)
{
  append_until (out, size,
                "Esta es una línea bastante larga que habla de la cooperación entre los países interna-\n"
                "cional sigue con más palabras aquí mismo y luego termina sin punto final alguno\n");
}

/* A Markdown heading of many '#': the heading pattern tried the rest of
 * the line at each of them */
static void
make_heading_hashes (GString *out,
                     gsize    size)
{
  g_string_append (out, "# a ");
  while (out->len + 2 < size)
    g_string_append_c (out, '#');
  g_string_append (out, "x\n");
}

/* A long run of page numbers: each dropped line walked the run after it */
static void
make_page_numbers (GString *out,
                   gsize    size)
{
  g_string_append (out, "Texto inicial del documento.\n");
  for (guint i = 0; out->len + 16 < size; i++)
    g_string_append_printf (out, "%u\n", i % 1000);
  g_string_append (out, "Texto final.\n");
}

/* Pages of lines of '"' joined into one paragraph: each line read the
 * paragraph back over every '"' to know whether it ended a sentence */
static void
make_closing_quotes (GString *out,
                     gsize    size)
{
  gsize lines = size / 2;

  g_string_append (out, "a\fb\fc\f");
  for (gsize i = 0; i < lines * 15 / 100; i++)
    g_string_append (out, "y\n");
  for (gsize i = 0; i < lines * 85 / 100; i++)
    g_string_append (out, "\"\n");
}

/* A section on thematic axes with thousands of subsections: each axis
 * found compared with every one before it */
static void
make_axis_sections (GString *out,
                    gsize    size)
{
  g_string_append (out, "# Ejes temáticos\n\n");
  for (guint i = 0; out->len < size; i++)
    g_string_append_printf (out, "## Economía %u\n\nTexto.\n\n", i);
}

/* A person a paragraph, each of another name: each person's name was
 * compared with every other, each paragraph searched for every surname */
static void
make_people (GString *out,
             gsize    size)
{
  for (guint i = 0; out->len < size; i++)
    g_string_append_printf (out, "Juan Per%c%c%c dijo algo importante el día %u.\n\n",
                            'a' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676 % 26, i);
}

static const Input inputs[] = {
  { "ampersands.html", 800 * 1024, make_ampersands },
  { "titles.html", 100 * 1024, make_titles },
  { "headings.html", 800 * 1024, make_html_headings },
  { "hyphenated-lines.txt", 800 * 1024, make_hyphenated_lines },
  { "heading-hashes.md", 48 * 1024, make_heading_hashes },
  { "page-numbers.txt", 200 * 1024, make_page_numbers },
  { "closing-quotes.txt", 40 * 1024, make_closing_quotes },
  { "axis-sections.md", 400 * 1024, make_axis_sections },
  { "people.txt", 64 * 1024, make_people },
};

/* Measuring */

static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What an import does with the file before writing it */
static void
parse (const char *name,
       GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskParsedDocument) doc = desk_parse_bytes (name, bytes, extractor, &error);
  DeskDocumentScores *scores;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  scores = desk_axes_score_document (axes, doc);
  desk_document_scores_free (scores);
}

/* CPU seconds of @runs parses of @bytes */
static double
measure (const char *name,
         GBytes     *bytes,
         guint       runs)
{
  double start = thread_seconds ();

  for (guint i = 0; i < runs; i++)
    parse (name, bytes);
  return thread_seconds () - start;
}

static GBytes *
generate (const Input *input,
          gsize        size)
{
  GString *out = g_string_new (NULL);

  input->make (out, size);
  return g_string_free_to_bytes (out);
}

static void
test_scaling (gconstpointer data)
{
  const Input *input = data;
  g_autoptr(GBytes) small = generate (input, input->size);
  g_autoptr(GBytes) large = generate (input, 2 * input->size);
  double once, best_small = G_MAXDOUBLE, best_large = G_MAXDOUBLE;
  guint runs;

  /* the runs that make a measure long enough, from one that also warms up */
  once = measure (input->name, small, 1);
  runs = once >= MIN_MEASURE ? 1 : (guint) (MIN_MEASURE / MAX (once, 1e-4)) + 1;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      double small_seconds = measure (input->name, small, runs);
      double large_seconds = measure (input->name, large, runs);

      best_small = MIN (best_small, small_seconds);
      best_large = MIN (best_large, large_seconds);
      g_test_message ("%s: %zu bytes %.3f s, %zu bytes %.3f s (%u runs)", input->name,
                      g_bytes_get_size (small), best_small, g_bytes_get_size (large), best_large, runs);
      if (best_large < MAX_RATIO * best_small)
        break;
    }
  if (best_large >= MAX_RATIO * best_small)
    g_test_fail_printf ("%s: twice the input (%zu bytes) took %.1f times as long (%.3f s against %.3f s)",
                        input->name, g_bytes_get_size (large), best_large / best_small, best_large, best_small);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  extractor = desk_extractor_new (&error);
  g_assert_no_error (error);
  axes = desk_axes_load_default (&error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scaling/%s", inputs[i].name);

      g_test_add_data_func (path, &inputs[i], test_scaling);
    }

  status = g_test_run ();
  g_clear_pointer (&extractor, desk_extractor_free);
  g_clear_pointer (&axes, desk_axes_free);
  return status;
}
