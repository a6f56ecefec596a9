/* desk-brief-render.c: a brief's blocks laid out with Pango on a cairo
 * PDF surface, twice: the first pass finds the page of every heading and
 * the number of pages, the second draws the brief with its contents,
 * bookmarks, links and "Page X of N" footers into the file */
#define G_LOG_DOMAIN "desk-brief"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <gio/gunixoutputstream.h>
#include <pango/pangocairo.h>

#include "desk-brief-private.h"
#include "desk-file.h"

/* Layout */

typedef struct
{
  Brief *brief;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  gboolean drawing;         /* the second pass */
  GOutputStream *out;       /* where the second pass writes */
  GError *write_error;      /* why it could not, the first time */
  double width, height;     /* of the page, in points */
  double left, right, top, bottom;
  double y;
  guint page;
  guint n_pages;            /* known in the second pass */
  guint n_contents_pages;
  int outline_parents[3];
  PangoFontDescription *body_font;
  PangoFontDescription *small_font;
  PangoFontDescription *heading_fonts[3];
  PangoAttrList *no_hyphens;
  char *title;
  char *mark;
} Pager;

static double
text_width (Pager *pager)
{
  return pager->width - pager->left - pager->right;
}

static PangoLayout *
new_layout (Pager                *pager,
            const char           *text,
            PangoFontDescription *font,
            double                width,
            gboolean              justify)
{
  PangoLayout *layout = pango_layout_new (pager->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_justify (layout, justify);
  pango_layout_set_attributes (layout, pager->no_hyphens);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_layout (Pager       *pager,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (!pager->drawing)
    return;
  cairo_move_to (pager->cr, x, y);
  pango_cairo_show_layout (pager->cr, layout);
}

static void
set_grey (Pager  *pager,
          double  level)
{
  cairo_set_source_rgb (pager->cr, level, level, level);
}

/* The running header and the footer of a page after the title page */
static void
decorate_page (Pager *pager)
{
  g_autoptr(PangoLayout) header = NULL;
  g_autoptr(PangoLayout) mark = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *page_of = NULL;

  if (!pager->drawing || pager->page <= 1)
    return;
  header = new_layout (pager, pager->title, pager->small_font, text_width (pager) * 0.7, FALSE);
  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  mark = new_layout (pager, pager->mark, pager->small_font, text_width (pager) * 0.3, FALSE);
  pango_layout_set_alignment (mark, PANGO_ALIGN_RIGHT);
  set_grey (pager, 0.35);
  show_layout (pager, header, pager->left, pager->top - 28);
  show_layout (pager, mark, pager->left + text_width (pager) * 0.7, pager->top - 28);
  cairo_set_line_width (pager->cr, 0.5);
  cairo_move_to (pager->cr, pager->left, pager->top - 12);
  cairo_line_to (pager->cr, pager->width - pager->right, pager->top - 12);
  cairo_stroke (pager->cr);

  page_of = g_strdup_printf (_desk_brief_words[L_PAGE_OF][pager->brief->lang], pager->page, pager->n_pages);
  footer = new_layout (pager, page_of, pager->small_font, text_width (pager), FALSE);
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
  show_layout (pager, footer, pager->left, pager->height - pager->bottom + 14);
  set_grey (pager, 0);
}

static void
new_page (Pager *pager)
{
  if (pager->page > 0)
    cairo_show_page (pager->cr);
  pager->page++;
  pager->y = pager->top;
  decorate_page (pager);
}

static double
room (Pager *pager)
{
  return pager->height - pager->bottom - pager->y;
}

/* Draws a layout line by line from the current position, breaking pages
 * between lines. */
static void
flow_layout (Pager       *pager,
             PangoLayout *layout,
             double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      double line_top, line_height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = (double) logical.y / PANGO_SCALE;
      line_height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - line_top;
      if (line_height > room (pager))
        new_page (pager);
      if (pager->drawing)
        {
          cairo_move_to (pager->cr, x + (double) logical.x / PANGO_SCALE, pager->y + baseline);
          pango_cairo_show_layout_line (pager->cr, line);
        }
      pager->y += line_height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
link_rect (Pager      *pager,
           double      x,
           double      y,
           double      w,
           double      h,
           const char *dest)
{
  g_autofree char *attrs = NULL;
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE], ws[G_ASCII_DTOSTR_BUF_SIZE], hs[G_ASCII_DTOSTR_BUF_SIZE];

  if (!pager->drawing)
    return;
  attrs = g_strdup_printf ("rect=[%s %s %s %s] dest='%s'", g_ascii_dtostr (xs, sizeof xs, x), g_ascii_dtostr (ys, sizeof ys, y),
                           g_ascii_dtostr (ws, sizeof ws, w), g_ascii_dtostr (hs, sizeof hs, h), dest);
  cairo_tag_begin (pager->cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (pager->cr, CAIRO_TAG_LINK);
}

static void
dest_here (Pager      *pager,
           const char *name)
{
  g_autofree char *attrs = NULL;

  if (!pager->drawing)
    return;
  attrs = g_strdup_printf ("name='%s' x=%d y=%d", name, (int) pager->left, (int) pager->y);
  cairo_tag_begin (pager->cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end (pager->cr, CAIRO_TAG_DEST);
}

static void
render_heading (Pager *pager,
                Block *b,
                guint  index,
                Block *next)
{
  g_autofree char *text = g_strdup_printf ("%s  %s", b->number, b->text);
  g_autoptr(PangoLayout) layout = new_layout (pager, text, pager->heading_fonts[b->level - 1], text_width (pager), FALSE);
  g_autofree char *dest = g_strdup_printf ("h%u", index);
  double above = b->level == 1 ? 18 : 12;
  double height = layout_height (layout);
  /* no heading alone at the foot of a page: it keeps three lines of what follows */
  double keep = next != NULL && next->kind != BLOCK_HEADING ? 3 * 15 : 0;

  if (b->level == 1 && pager->y > pager->top + 1 && room (pager) < pager->height / 3)
    new_page (pager);
  else if (pager->y > pager->top + 1)
    pager->y += above;
  if (height + keep > room (pager))
    new_page (pager);

  b->page = pager->page;
  dest_here (pager, dest);
  if (pager->drawing)
    {
      int parent = b->level > 1 ? pager->outline_parents[b->level - 2] : CAIRO_PDF_OUTLINE_ROOT;
      g_autofree char *link = g_strdup_printf ("dest='%s'", dest);

      pager->outline_parents[b->level - 1] = cairo_pdf_surface_add_outline (pager->surface, parent, text, link,
                                                                             b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    }
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, layout, pager->left, pager->y);
  set_grey (pager, 0);
  pager->y += height + 6;
}

static void
render_paragraph (Pager *pager,
                  Block *b)
{
  gboolean item = b->kind == BLOCK_LIST_ITEM;
  gboolean note = b->kind == BLOCK_NOTE;
  double indent = item ? 16 : 0;
  g_autofree char *text = b->ref > 0 ? g_strdup_printf ("%s [%u]", b->text, b->ref) : g_strdup (b->text);
  g_autoptr(PangoLayout) layout = new_layout (pager, text, note ? pager->small_font : pager->body_font,
                                              text_width (pager) - indent, !note);
  double first_y;
  guint first_page;

  if (note)
    set_grey (pager, 0.4);
  if (item)
    {
      g_autoptr(PangoLayout) bullet = new_layout (pager, "•", pager->body_font, indent, FALSE);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_free (iter);
      if ((double) logical.height / PANGO_SCALE > room (pager))
        new_page (pager);
      show_layout (pager, bullet, pager->left + 4, pager->y);
    }
  first_y = pager->y;
  first_page = pager->page;
  flow_layout (pager, layout, pager->left + indent);
  set_grey (pager, 0);

  /* the reference links to its source, where the paragraph ends */
  if (b->ref > 0 && pager->drawing)
    {
      g_autofree char *dest = g_strdup_printf ("src%u", b->ref);
      PangoRectangle pos;
      int index = (int) strlen (b->text) + 1;
      double line_y;

      pango_layout_index_to_pos (layout, index, &pos);
      line_y = (double) pos.y / PANGO_SCALE;
      /* only when the reference did not move to another page with its line */
      if (pager->page == first_page)
        link_rect (pager, pager->left + indent + (double) pos.x / PANGO_SCALE, first_y + line_y,
                   (double) (strlen (text) - index) * 5.5, (double) pos.height / PANGO_SCALE, dest);
      else
        link_rect (pager, pager->left + indent, pager->y - (double) pos.height / PANGO_SCALE,
                   text_width (pager) - indent, (double) pos.height / PANGO_SCALE, dest);
    }
  pager->y += note ? 8 : 6;
}

static void
render_quote (Pager *pager,
              Block *b)
{
  g_autofree char *quoted = g_strdup_printf ("«%s»", b->text);
  g_autofree char *citation = g_strdup_printf ("— %s [%u]", b->citation ? b->citation : "", b->ref);
  g_autofree char *dest = g_strdup_printf ("src%u", b->ref);
  PangoFontDescription *italic = pango_font_description_copy (pager->body_font);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) cite = NULL;
  double indent = 28;
  double top, cite_height;

  pango_font_description_set_style (italic, PANGO_STYLE_ITALIC);
  layout = new_layout (pager, quoted, italic, text_width (pager) - 2 * indent, TRUE);
  cite = new_layout (pager, citation, pager->small_font, text_width (pager) - 2 * indent, FALSE);
  pango_layout_set_alignment (cite, PANGO_ALIGN_RIGHT);
  pango_font_description_free (italic);

  pager->y += 4;
  top = pager->y;
  flow_layout (pager, layout, pager->left + indent);
  if (pager->drawing && pager->y > top)
    {
      cairo_set_source_rgb (pager->cr, 0.6, 0.66, 0.75);
      cairo_rectangle (pager->cr, pager->left + indent - 10, top, 2.5, pager->y - top);
      cairo_fill (pager->cr);
      set_grey (pager, 0);
    }
  cite_height = layout_height (cite);
  if (cite_height > room (pager))
    new_page (pager);
  set_grey (pager, 0.35);
  show_layout (pager, cite, pager->left + indent, pager->y + 2);
  set_grey (pager, 0);
  link_rect (pager, pager->left + indent, pager->y + 2, text_width (pager) - 2 * indent, cite_height, dest);
  pager->y += cite_height + 10;
}

static const double columns[4] = { 0.17, 0.46, 0.25, 0.12 };

/* The byte where the lines of @layout that fit in @height end: the
 * whole text when it fits; 0 when not even its first line does */
static int
fitting_end (PangoLayout *layout,
             double       height)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int end = strlen (pango_layout_get_text (layout));

  do
    {
      PangoRectangle line;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      if ((double) (line.y + line.height) / PANGO_SCALE > height)
        {
          end = pango_layout_iter_get_index (iter);
          break;
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return end;
}

/* Draws a row of @cells at the pager's place and returns its height; -1,
 * and nothing drawn, when it is taller than what is left of the page.
 * With @rest, a row taller than that is drawn as far as whole lines fit,
 * and what did not fit of each cell is left in @rest ("" for a cell
 * drawn whole); @rest stays NULL when the row fits. */
static double
draw_row (Pager    *pager,
          char    **cells,
          gboolean  header,
          guint     ref,
          char    **rest)
{
  PangoLayout *layouts[4];
  double height = 0, x = pager->left;
  PangoFontDescription *bold = pango_font_description_copy (pager->small_font);

  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  for (guint c = 0; c < 4; c++)
    {
      layouts[c] = new_layout (pager, cells[c], header ? bold : pager->small_font, columns[c] * text_width (pager) - 8, FALSE);
      height = MAX (height, layout_height (layouts[c]));
    }
  height += 6;
  if (height > room (pager))
    {
      gboolean any = FALSE;

      for (guint c = 0; rest != NULL && c < 4; c++)
        {
          const char *text = pango_layout_get_text (layouts[c]);
          int end = fitting_end (layouts[c], room (pager) - 6);

          rest[c] = g_strdup (text + end);
          any = any || end > 0;
        }
      if (!any)
        {
          for (guint c = 0; c < 4; c++)
            {
              g_object_unref (layouts[c]);
              if (rest != NULL)
                g_clear_pointer (&rest[c], g_free);
            }
          pango_font_description_free (bold);
          return -1;
        }
      height = 0;
      for (guint c = 0; c < 4; c++)
        {
          g_autofree char *drawn = g_strdup (pango_layout_get_text (layouts[c]));

          drawn[strlen (drawn) - strlen (rest[c])] = '\0';
          pango_layout_set_text (layouts[c], drawn, -1);
          height = MAX (height, layout_height (layouts[c]));
        }
      height += 6;
    }
  if (pager->drawing)
    {
      if (header)
        {
          cairo_set_source_rgb (pager->cr, 0.9, 0.92, 0.95);
          cairo_rectangle (pager->cr, pager->left, pager->y, text_width (pager), height);
          cairo_fill (pager->cr);
        }
      cairo_set_source_rgb (pager->cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (pager->cr, 0.4);
      cairo_move_to (pager->cr, pager->left, pager->y + height);
      cairo_line_to (pager->cr, pager->width - pager->right, pager->y + height);
      cairo_stroke (pager->cr);
      set_grey (pager, 0);
    }
  for (guint c = 0; c < 4; c++)
    {
      show_layout (pager, layouts[c], x + 4, pager->y + 3);
      x += columns[c] * text_width (pager);
      g_object_unref (layouts[c]);
    }
  if (ref > 0)
    {
      g_autofree char *dest = g_strdup_printf ("src%u", ref);
      link_rect (pager, x - columns[3] * text_width (pager), pager->y, columns[3] * text_width (pager), height, dest);
    }
  pango_font_description_free (bold);
  return height;
}

/* How tall a row of @cells is, whole */
static double
row_height (Pager    *pager,
            char    **cells,
            gboolean  header)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pager->small_font);
  double height = 0;

  if (header)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  for (guint c = 0; c < 4; c++)
    {
      g_autoptr(PangoLayout) layout = new_layout (pager, cells[c], font, columns[c] * text_width (pager) - 8, FALSE);

      height = MAX (height, layout_height (layout));
    }
  return height + 6;
}

/* Room at the foot of a page worth beginning a row taller than a page
 * in, rather than on the next one */
#define MIN_ROW_START 60

/* A new page that goes on with a table: its header first */
static void
continue_table (Pager  *pager,
                char  **header)
{
  new_page (pager);
  pager->y += MAX (draw_row (pager, header, TRUE, 0, NULL), 0);
}

static void
render_table (Pager *pager,
              Block *b)
{
  char **header = g_ptr_array_index (b->rows, 0);
  double h;

  pager->y += 2;
  if ((h = draw_row (pager, header, TRUE, 0, NULL)) < 0 || room (pager) - h < 30)
    {
      new_page (pager);
      h = draw_row (pager, header, TRUE, 0, NULL);
    }
  pager->y += MAX (h, 0);
  for (guint r = 1; r < b->rows->len; r++)
    {
      g_auto(GStrv) cells = g_strdupv (g_ptr_array_index (b->rows, r));
      guint ref = g_array_index (b->row_refs, guint, r);

      /* a row taller than what is left of the page begins on the next
       * one; one taller than a whole page begins here, drawn as far as
       * it fits, and goes on over the pages after, so that no text of a
       * cell (a long review note) is left out */
      if ((h = draw_row (pager, cells, FALSE, ref, NULL)) < 0)
        {
          double page = pager->height - pager->top - pager->bottom - row_height (pager, header, TRUE);

          if (row_height (pager, cells, FALSE) <= page || room (pager) < MIN_ROW_START)
            continue_table (pager, header);
          while ((h = draw_row (pager, cells, FALSE, ref, NULL)) < 0)
            {
              char *rest[4] = { NULL };

              /* not a line of it fits a page: nothing more can be drawn */
              if ((h = draw_row (pager, cells, FALSE, ref, rest)) < 0)
                break;
              pager->y += h;
              for (guint c = 0; c < 4; c++)
                {
                  g_free (cells[c]);
                  cells[c] = rest[c] != NULL ? rest[c] : g_strdup ("");
                }
              continue_table (pager, header);
            }
        }
      pager->y += MAX (h, 0);
    }
  pager->y += 10;
}

static char *
long_date (int lang)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int month = g_date_time_get_month (now) - 1;

  if (lang == 0)
    return g_strdup_printf (_desk_brief_words[L_DATE][0], g_date_time_get_day_of_month (now), _desk_brief_months[month][0], g_date_time_get_year (now));
  return g_strdup_printf (_desk_brief_words[L_DATE][1], g_date_time_get_day_of_month (now), _desk_brief_months[month][1], g_date_time_get_year (now));
}

static void
render_title_page (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autofree char *date = long_date (brief->lang);
  g_autofree char *by = brief->options->reviewer && *brief->options->reviewer
                        ? g_strdup_printf (_desk_brief_word (brief, L_PREPARED_BY), brief->options->reviewer) : NULL;
  PangoFontDescription *title_font = pango_font_description_from_string ("DejaVu Serif Bold 24");
  PangoFontDescription *mark_font = pango_font_description_from_string ("DejaVu Sans Bold 11");
  g_autoptr(PangoLayout) mark = new_layout (pager, pager->mark, mark_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) title = new_layout (pager, pager->title, title_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) when = new_layout (pager, date, pager->body_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) who = by ? new_layout (pager, by, pager->body_font, text_width (pager), FALSE) : NULL;
  double y = pager->height * 0.3;

  new_page (pager);
  pango_layout_set_alignment (mark, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pager->cr, 0.6, 0.1, 0.1);
  show_layout (pager, mark, pager->left, pager->top);
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, title, pager->left, y);
  y += layout_height (title) + 12;
  if (pager->drawing)
    {
      cairo_set_line_width (pager->cr, 1.5);
      cairo_move_to (pager->cr, pager->left, y);
      cairo_line_to (pager->cr, pager->left + text_width (pager) * 0.4, y);
      cairo_stroke (pager->cr);
    }
  set_grey (pager, 0.25);
  y += 16;
  show_layout (pager, when, pager->left, y);
  y += layout_height (when) + 4;
  if (who != NULL)
    show_layout (pager, who, pager->left, y);
  set_grey (pager, 0);
  pango_font_description_free (title_font);
  pango_font_description_free (mark_font);
}

/* The table of contents: every numbered heading with its page, linked */
static void
render_contents (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autoptr(PangoLayout) heading = new_layout (pager, _desk_brief_word (brief, L_CONTENTS), pager->heading_fonts[0], text_width (pager), FALSE);

  new_page (pager);
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, heading, pager->left, pager->y);
  set_grey (pager, 0);
  pager->y += layout_height (heading) + 12;
  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);
      double indent = (b->level - 1) * 16;
      g_autofree char *entry = NULL;
      g_autofree char *page = NULL;
      g_autofree char *dest = NULL;
      g_autoptr(PangoLayout) text = NULL;
      g_autoptr(PangoLayout) number = NULL;
      double h;

      if (b->kind != BLOCK_HEADING)
        continue;
      entry = g_strdup_printf ("%s  %s", b->number, b->text);
      /* the first pass does not know the pages yet: the same width holds their place */
      page = pager->drawing ? g_strdup_printf ("%d", b->page) : g_strdup ("000");
      text = new_layout (pager, entry, b->level == 1 ? pager->body_font : pager->small_font,
                         text_width (pager) - indent - 40, FALSE);
      number = new_layout (pager, page, b->level == 1 ? pager->body_font : pager->small_font, 40, FALSE);
      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
      h = layout_height (text) + (b->level == 1 ? 5 : 2);
      if (h > room (pager))
        new_page (pager);
      show_layout (pager, text, pager->left + indent, pager->y);
      show_layout (pager, number, pager->width - pager->right - 40, pager->y);
      dest = g_strdup_printf ("h%u", i);
      link_rect (pager, pager->left + indent, pager->y, text_width (pager) - indent, layout_height (text), dest);
      pager->y += h;
    }
}

static void
render_sources (Pager *pager,
                guint  index)
{
  Brief *brief = pager->brief;
  Block heading = { .kind = BLOCK_HEADING, .level = 1, .text = (char *) _desk_brief_word (brief, L_SOURCES) };

  heading.number = g_strdup_printf ("%u", brief->counters[0] + 1);
  render_heading (pager, &heading, index, NULL);
  g_free (heading.number);
  for (guint i = 0; i < brief->sources->len; i++)
    {
      Source *s = g_ptr_array_index (brief->sources, i);
      g_autofree char *where = s->section ? g_strdup_printf (_desk_brief_word (brief, L_IN_SECTION), s->title, s->section) : g_strdup (s->title);
      g_autofree char *entry = s->date ? g_strdup_printf ("[%u]  %s (%s)", i + 1, where, s->date) : g_strdup_printf ("[%u]  %s", i + 1, where);
      g_autofree char *dest = g_strdup_printf ("src%u", i + 1);
      g_autoptr(PangoLayout) layout = new_layout (pager, entry, pager->small_font, text_width (pager), FALSE);

      if (layout_height (layout) > room (pager))
        new_page (pager);
      dest_here (pager, dest);
      flow_layout (pager, layout, pager->left);
      pager->y += 4;
    }
}

static gboolean
render (Brief         *brief,
        Pager         *pager,
        GCancellable  *cancellable,
        DeskBriefProgressFunc progress,
        gpointer       progress_data,
        double         from,
        double         to,
        GError       **error)
{
  /* a tagged document: cairo 1.16 writes links whole only inside a
   * structure (its parent tree would otherwise point at missing objects) */
  if (pager->drawing)
    cairo_tag_begin (pager->cr, "Document", NULL);
  render_title_page (pager);
  render_contents (pager);
  pager->n_contents_pages = pager->page - 1;
  new_page (pager);
  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && i % 50 == 0)
        progress (from + (to - from) * i / brief->blocks->len, progress_data);
      switch (b->kind)
        {
        case BLOCK_HEADING:
          render_heading (pager, b, i, i + 1 < brief->blocks->len ? g_ptr_array_index (brief->blocks, i + 1) : NULL);
          break;
        case BLOCK_PARAGRAPH:
        case BLOCK_LIST_ITEM:
        case BLOCK_NOTE:
          render_paragraph (pager, b);
          break;
        case BLOCK_QUOTE:
          render_quote (pager, b);
          break;
        case BLOCK_TABLE:
          render_table (pager, b);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (brief->sources->len > 0)
    render_sources (pager, brief->blocks->len);
  if (pager->drawing)
    cairo_tag_end (pager->cr, "Document");
  cairo_show_page (pager->cr);
  return TRUE;
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Pager *pager = closure;

  if (pager->out == NULL)
    return CAIRO_STATUS_SUCCESS; /* the first pass writes nowhere */
  if (pager->write_error != NULL ||
      !g_output_stream_write_all (pager->out, data, length, NULL, NULL, &pager->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
pager_init (Pager         *pager,
            Brief         *brief,
            GOutputStream *out)
{
  DeskBriefOptions *o = brief->options;

  memset (pager, 0, sizeof *pager);
  pager->brief = brief;
  pager->drawing = out != NULL;
  pager->width = o->paper == DESK_PAPER_LETTER ? 612 : 595.28;
  pager->height = o->paper == DESK_PAPER_LETTER ? 792 : 841.89;
  pager->left = pager->right = 62;
  pager->top = 72;
  pager->bottom = 64;
  pager->out = out;
  pager->surface = cairo_pdf_surface_create_for_stream (write_to_stream, pager, pager->width, pager->height);
  pager->cr = cairo_create (pager->surface);
  pager->body_font = pango_font_description_from_string ("DejaVu Serif 10.5");
  pager->small_font = pango_font_description_from_string ("DejaVu Sans 8.5");
  pager->heading_fonts[0] = pango_font_description_from_string ("DejaVu Sans Bold 15");
  pager->heading_fonts[1] = pango_font_description_from_string ("DejaVu Sans Bold 12");
  pager->heading_fonts[2] = pango_font_description_from_string ("DejaVu Sans Bold 10.5");
  pager->no_hyphens = pango_attr_list_new ();
  pango_attr_list_insert (pager->no_hyphens, pango_attr_insert_hyphens_new (FALSE));
  pager->title = g_strdup (o->title && *o->title ? o->title : brief->lang == 0 ? "Diálogo de alto nivel" : "High-level dialogue");
  pager->mark = g_strdup (o->mark && *o->mark ? o->mark : _desk_brief_words[L_MARK][brief->lang]);
  {
    /* no font hinting: the same metrics in both passes and on every machine */
    cairo_font_options_t *fo = cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
    pager->context = pango_cairo_create_context (pager->cr);
    pango_cairo_context_set_font_options (pager->context, fo);
    cairo_font_options_destroy (fo);
  }
}

static cairo_status_t
pager_finish (Pager *pager)
{
  cairo_status_t status;

  g_object_unref (pager->context);
  cairo_destroy (pager->cr);
  cairo_surface_finish (pager->surface);
  status = cairo_surface_status (pager->surface);
  cairo_surface_destroy (pager->surface);
  pango_font_description_free (pager->body_font);
  pango_font_description_free (pager->small_font);
  for (guint i = 0; i < 3; i++)
    pango_font_description_free (pager->heading_fonts[i]);
  pango_attr_list_unref (pager->no_hyphens);
  g_free (pager->title);
  g_free (pager->mark);
  return status;
}

static void
set_metadata (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *subject = NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);
      if (b->kind == BLOCK_HEADING && b->level == 1)
        g_string_append_printf (s, "%s%s", s->len ? "; " : "", b->text);
    }
  subject = g_string_free (s, FALSE);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_TITLE, pager->title);
  if (brief->options->reviewer != NULL && *brief->options->reviewer)
    cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_AUTHOR, brief->options->reviewer);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_KEYWORDS, pager->mark);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_CREATOR, "Dialogue Desk " VERSION);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* Lays @brief out twice and writes it to @path: to a temporary file
 * beside it, renamed into place when whole, so that a failure (an
 * unwritable folder, a full disk) leaves nothing half-written at @path */
gboolean
_desk_brief_write (Brief                  *brief,
                   const char             *path,
                   DeskBriefProgressFunc   progress,
                   gpointer                progress_data,
                   GCancellable           *cancellable,
                   guint                  *n_pages,
                   GError                **error)
{
  Pager pager;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) out = NULL;
  DeskReplace replace;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gboolean ok = FALSE;
  cairo_status_t status;

  /* first pass: where every heading falls, and how many pages */
  pager_init (&pager, brief, NULL);
  if (!render (brief, &pager, cancellable, progress, progress_data, 0.0, 0.4, error))
    {
      pager_finish (&pager);
      return FALSE;
    }
  {
    guint total = pager.page;

    pager_finish (&pager);

    /* second pass, into a temporary file beside the brief */
    file = g_file_new_for_path (path);
    display = g_file_get_parse_name (file);
    if (!desk_replace_begin (&replace, path, &local_error))
      {
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display, local_error->message);
        return FALSE;
      }
    out = g_unix_output_stream_new (replace.fd, FALSE);
    pager_init (&pager, brief, out);
    pager.n_pages = total;
    set_metadata (&pager);
    ok = render (brief, &pager, cancellable, progress, progress_data, 0.4, 1.0, error);
    status = pager_finish (&pager);
    if (ok && status != CAIRO_STATUS_SUCCESS)
      {
        /* the system's reason ("No space left on device") over cairo's */
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display,
                     pager.write_error ? pager.write_error->message : cairo_status_to_string (status));
        ok = FALSE;
      }
    g_clear_error (&pager.write_error);
    if (ok && !desk_replace_commit (&replace, &local_error))
      {
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display, local_error->message);
        ok = FALSE;
      }
    else if (!ok)
      desk_replace_abort (&replace);
    if (ok && n_pages != NULL)
      *n_pages = total;
    if (ok && progress != NULL)
      progress (1.0, progress_data);
  }

  return ok;
}
