/* bench-brief.c: the time to export a long brief — every section of the
 * thesis and every fact of the corpus — next to the time bare Pango and
 * cairo take to set the same paragraphs on PDF pages, in the same run. */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "desk-brief.h"
#include "desk-importer.h"
#include "desk-test-util.h"

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* The baseline: the thesis's paragraphs, one after another, no layout rules */
static double
bare_pango (const char *text,
            guint      *pages)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard, NULL, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Serif 10.5");
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  double y = 72;

  *pages = 1;
  for (guint i = 0; paragraphs[i]; i++)
    {
      PangoLayout *layout;
      int h;

      if (*paragraphs[i] == '\0')
        continue;
      layout = pango_layout_new (context);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, 471 * PANGO_SCALE);
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_text (layout, paragraphs[i], -1);
      pango_layout_get_size (layout, NULL, &h);
      if (y + (double) h / PANGO_SCALE > 780)
        {
          cairo_show_page (cr);
          (*pages)++;
          y = 72;
        }
      cairo_move_to (cr, 62, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) h / PANGO_SCALE + 6;
      g_object_unref (layout);
    }
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_timer_elapsed (timer, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = desk_test_make_tmpdir ();
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "brief.pdf", NULL);
  g_autoptr(DeskImporter) importer = desk_importer_new (library);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new ("es");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *thesis_text = NULL;
  const char *paths[] = { desk_test_corpus_dir (), NULL };
  gint64 thesis = 0;
  guint n_pages = 0, bare_pages = 0;
  double seconds, bare;

  if (!desk_test_have_corpus ())
    {
      g_printerr ("bench-brief: the corpus is not beside the project\n");
      return 77;
    }
  results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  store = desk_store_open (library, &error);
  g_assert_no_error (error);
  axes = desk_axes_load_default (&error);
  g_assert_no_error (error);
  desk_store_update_axes (store, axes, NULL, &error);
  docs = desk_store_list_documents (store, &error);
  for (guint i = 0; i < docs->len; i++)
    if (g_str_has_suffix (desk_document_get_path (g_ptr_array_index (docs, i)), "003_afab1f356d31f7a2.txt"))
      thesis = desk_document_get_id (g_ptr_array_index (docs, i));
  g_assert_cmpint (thesis, >, 0);

  {
    g_autoptr(GPtrArray) sections = desk_store_get_sections (store, thesis, &error);
    for (guint i = 0; i < sections->len; i++)
      desk_brief_options_add_section (options, thesis, i);
  }
  desk_brief_options_add_facts (options, -1, -1, 0);
  options->title = g_strdup ("Benchmark");

  timer = g_timer_new ();
  if (!desk_brief_export (store, axes, options, pdf, NULL, NULL, NULL, &n_pages, &error))
    g_error ("%s", error->message);
  seconds = g_timer_elapsed (timer, NULL);

  thesis_text = desk_store_get_text (store, thesis, &error);
  bare = bare_pango (thesis_text, &bare_pages);

  g_print ("brief: %u pages in %.3f s (%.1f pages/s); target: 100 pages in under 2 s\n",
           n_pages, seconds, n_pages / seconds);
  g_print ("baseline, bare Pango and cairo on the thesis's paragraphs: %u pages in %.3f s (%.1f pages/s)\n",
           bare_pages, bare, bare_pages / bare);
  g_print ("brief time per page / baseline time per page: %.2f\n", (seconds / n_pages) / (bare / bare_pages));
  desk_test_rm_rf (dir);
  return 0;
}
