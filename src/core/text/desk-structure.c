/* desk-structure.c: from normalized blocks to a document with paragraphs,
 * a section outline, a title, a date and its languages */
#define G_LOG_DOMAIN "desk-structure"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "desk-language.h"
#include "desk-date.h"
#include "desk-normalize.h"
#include "desk-structure.h"
#include "desk-stemmer.h"

/* Section names that head a document without naming it. */
static const char * const generic_headings[] = {
  "resumen", "abstract", "summary", "introducción", "introduccion", "introduction",
  "índice", "indice", "contenido", "contents", "table of contents", "agradecimientos",
  "acknowledgements", "dedicatoria", "presentación", "prólogo", "prefacio", "preface",
};

/* More characters than any of them, with a margin */
#define GENERIC_HEADING_MAX_CHARS 24

static gboolean
is_generic_heading (const char *text)
{
  g_autofree char *lower = NULL;
  const char *start = text;
  const char *end = text + strlen (text);
  guint n = 0;

  /* longer, its spaces aside, it is not one of them (lowering letters
   * never makes fewer): not worth lowering a paragraph whole */
  while (g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (++n > GENERIC_HEADING_MAX_CHARS)
      return FALSE;

  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (generic_headings); i++)
    if (strcmp (lower, generic_headings[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A dateline: a short paragraph near the top that is mostly a date. */
static char *
find_published (GPtrArray *blocks)
{
  for (guint i = 0; i < MIN (blocks->len, 8); i++)
    {
      const DeskBlock *block = g_ptr_array_index (blocks, i);
      /* the labels are at the start: only its first characters lowered */
      g_autofree char *lower = g_utf8_strdown (block->text, g_utf8_offset_to_pointer (block->text,
                                               MIN (g_utf8_strlen (block->text, 64), 16)) - block->text);
      gboolean labelled = g_str_has_prefix (lower, "publicado") || g_str_has_prefix (lower, "published") ||
                          g_str_has_prefix (lower, "fecha") || g_str_has_prefix (lower, "date") ||
                          g_str_has_prefix (lower, "actualizado") || g_str_has_prefix (lower, "updated");

      if (strlen (block->text) <= 80 || labelled)
        {
          char *date = desk_date_find (block->text);
          if (date != NULL)
            return date;
        }
    }
  return NULL;
}

typedef struct
{
  guint segs[8];
  guint n;
} Numbering;

static gboolean
parse_number (const char *number,
              Numbering  *out)
{
  g_auto(GStrv) parts = g_strsplit (number, ".", -1);

  out->n = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (out->n == G_N_ELEMENTS (out->segs))
        return FALSE;
      out->segs[out->n++] = atoi (parts[i]);
    }
  return out->n > 0;
}

/* Whether @next can follow @current in a document's numbering: the next
 * sibling at some depth (allowing one skipped number), or a first child. */
static gboolean
numbering_follows (const Numbering *current,
                   const Numbering *next)
{
  guint k = next->n;

  for (guint i = 0; i + 1 < k; i++)
    if (i >= current->n || current->segs[i] != next->segs[i])
      return FALSE;

  if (k == current->n + 1)
    return next->segs[k - 1] >= 1 && next->segs[k - 1] <= 2;
  if (k <= current->n)
    return next->segs[k - 1] == current->segs[k - 1] + 1 || next->segs[k - 1] == current->segs[k - 1] + 2;
  return FALSE;
}

static gboolean
looks_like_subhead (GPtrArray *blocks,
                    guint      i)
{
  const DeskBlock *block = g_ptr_array_index (blocks, i);
  const DeskBlock *next;
  guint words = 1;
  gsize len = strlen (block->text);
  gunichar first, last;

  if (block->kind != DESK_BLOCK_PARAGRAPH || i + 1 >= blocks->len || len > 100)
    return FALSE;
  next = g_ptr_array_index (blocks, i + 1);
  if (next->kind == DESK_BLOCK_HEADING)
    return FALSE;
  for (const char *p = block->text; *p; p++)
    if (*p == ' ')
      words++;
  if (words > 12)
    return FALSE;
  first = g_utf8_get_char (block->text);
  last = g_utf8_get_char (g_utf8_prev_char (block->text + len));
  if (!g_unichar_isupper (first) && first != 0xBF && first != 0xA1)
    return FALSE;
  /* a dateline ("Lima, 14 de marzo de 2025") is not a subhead */
  {
    g_autofree char *date = desk_date_find (block->text);
    if (date != NULL)
      return FALSE;
  }
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == 0x2026)
    return FALSE;
  /* a short first line is the headline */
  if (i == 0)
    return words <= 16;
  /* the following paragraph must be body text, longer than the subhead */
  return strlen (next->text) > len * 2 && strlen (next->text) > 80;
}

static void
add_outline_entry (GArray     *outline,
                   guint       depth,
                   const char *number,
                   const char *title,
                   gint64      start)
{
  DeskOutlineEntry e = { 0 };

  e.depth = MAX (depth, 1);
  e.number = g_strdup (number);
  e.title = g_strdup (title);
  e.start = start;
  g_array_append_val (outline, e);
}

/* Decides which blocks are headings and gives each its depth. */
static void
detect_headings (GPtrArray *blocks,
                 guint     *depths)
{
  gboolean explicit = FALSE, numbered = FALSE, in_chapter = FALSE;
  Numbering current = { { 0 }, 0 };

  for (guint i = 0; i < blocks->len; i++)
    if (((DeskBlock *) g_ptr_array_index (blocks, i))->kind == DESK_BLOCK_HEADING)
      explicit = TRUE;

  for (guint i = 0; i < blocks->len; i++)
    {
      DeskBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *number = NULL;
      Numbering n;

      depths[i] = 0;
      if (explicit)
        {
          if (block->kind == DESK_BLOCK_HEADING)
            depths[i] = MAX (block->depth, 1);
          continue;
        }
      if (block->kind != DESK_BLOCK_PARAGRAPH)
        continue;

      if (desk_normalize_is_chapter_heading (block->text, NULL, NULL))
        {
          depths[i] = 1;
          in_chapter = TRUE;
          numbered = TRUE;
          current.n = 0;
        }
      else if (desk_normalize_is_numbered_heading (block->text, &number, NULL) &&
               parse_number (number, &n) && numbering_follows (&current, &n))
        {
          depths[i] = n.n + (in_chapter ? 1 : 0);
          current = n;
          numbered = TRUE;
        }
      else if (desk_normalize_is_all_caps (block->text))
        depths[i] = 1;
    }

  if (explicit || numbered)
    return;

  /* News articles: short unpunctuated lines between paragraphs. */
  for (guint i = 0; i < blocks->len; i++)
    if (depths[i] == 0 && looks_like_subhead (blocks, i))
      depths[i] = 1;
}

static char *
clip_title (const char *text)
{
  const char *end = text;
  guint chars = 0;
  const char *last_space = NULL;

  /* the first sentence, or 110 characters at a word boundary */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '.' || c == '?' || c == '!') && chars > 20 && (p[1] == ' ' || p[1] == '\0'))
        {
          if (c != '.')
            p = g_utf8_next_char (p);
          return g_strndup (text, p - text);
        }
      if (c == ' ')
        last_space = p;
      if (++chars > 110)
        {
          end = last_space ? last_space : p;
          return g_strdup_printf ("%.*s…", (int) (end - text), text);
        }
    }
  return g_strdup (text);
}

static gboolean
is_title_case (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint capitalized = 0, counted = 0;

  for (guint i = 0; words[i]; i++)
    {
      gunichar c = g_utf8_get_char (words[i]);
      if (g_utf8_strlen (words[i], -1) <= 3)
        continue;
      counted++;
      if (g_unichar_isupper (c))
        capitalized++;
    }
  return counted >= 2 && capitalized * 10 >= counted * 7;
}

static char *
choose_title (GPtrArray   *blocks,
              const guint *depths,
              const char  *hint)
{
  if (hint != NULL && *hint != '\0' && !is_generic_heading (hint))
    return g_strdup (hint);

  for (guint i = 0; i < MIN (blocks->len, 3); i++)
    {
      const DeskBlock *block = g_ptr_array_index (blocks, i);
      gsize len = strlen (block->text);

      if (is_generic_heading (block->text))
        continue;
      if ((i == 0 && depths[i] > 0) ||
          (len <= 160 && is_title_case (block->text) && block->text[len - 1] != '.'))
        return g_strdup (block->text);
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      const DeskBlock *block = g_ptr_array_index (blocks, i);

      if (!is_generic_heading (block->text))
        return depths[i] > 0 ? g_strdup (block->text) : clip_title (block->text);
    }
  return NULL;
}

/* Builds the stored text (paragraphs apart by an empty line, list items by a
 * line break), with every paragraph's code-point offsets and language, and
 * the outline. */
DeskParsedDocument *
desk_structure_analyze (GPtrArray  *blocks,
                        const char *title_hint,
                        const char *date_hint)
{
  g_autoptr(DeskParsedDocument) doc = g_new0 (DeskParsedDocument, 1);
  g_autofree guint *depths = NULL;
  GString *text = g_string_new (NULL);
  gint64 offset = 0;
  gint64 chars_es = 0, chars_en = 0;
  DeskBlockKind previous = DESK_BLOCK_PARAGRAPH;

  g_return_val_if_fail (blocks != NULL, NULL);

  doc->outline = desk_outline_new ();
  doc->paragraphs = g_array_new (FALSE, TRUE, sizeof (DeskParagraph));

  depths = g_new0 (guint, MAX (blocks->len, 1));
  detect_headings (blocks, depths);

  for (guint i = 0; i < blocks->len; i++)
    {
      DeskBlock *block = g_ptr_array_index (blocks, i);
      DeskParagraph p = { 0 };
      glong len = g_utf8_strlen (block->text, -1);
      const char *lang;

      if (i > 0)
        {
          const char *sep = (block->kind == DESK_BLOCK_LIST_ITEM && previous == DESK_BLOCK_LIST_ITEM) ? "\n" : "\n\n";
          g_string_append (text, sep);
          offset += strlen (sep);
        }

      p.kind = depths[i] > 0 ? DESK_BLOCK_HEADING : block->kind;
      p.start = offset;
      p.end = offset + len;
      lang = desk_language_detect (block->text, -1);
      g_strlcpy (p.language, lang, sizeof p.language);
      if (g_str_equal (lang, "es"))
        chars_es += len;
      else if (g_str_equal (lang, "en"))
        chars_en += len;
      g_array_append_val (doc->paragraphs, p);

      if (depths[i] > 0)
        {
          g_autofree char *number = NULL;
          g_autofree char *title = NULL;

          if (!desk_normalize_is_chapter_heading (block->text, &number, NULL))
            {
              g_clear_pointer (&number, g_free);
              if (block->kind != DESK_BLOCK_HEADING &&
                  desk_normalize_is_numbered_heading (block->text, &number, &title))
                ;
              else
                g_clear_pointer (&number, g_free);
            }
          add_outline_entry (doc->outline, depths[i], number, title ? title : block->text, offset);
        }

      g_string_append (text, block->text);
      offset += len;
      previous = block->kind;
    }

  /* a section runs to the next heading of the same or a higher level */
  for (guint i = 0; i < doc->outline->len; i++)
    {
      DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);

      e->end = offset;
      for (guint j = i + 1; j < doc->outline->len; j++)
        {
          DeskOutlineEntry *f = &g_array_index (doc->outline, DeskOutlineEntry, j);
          if (f->depth <= e->depth)
            {
              e->end = f->start;
              break;
            }
        }
    }

  /* paragraphs too short to tell take the language of the document */
  doc->language = g_strdup (chars_en > chars_es ? "en" : "es");
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);
      if (p->language[0] == '\0')
        g_strlcpy (p->language, doc->language, sizeof p->language);
    }
  {
    gint64 minority = MIN (chars_es, chars_en);
    gint64 total = chars_es + chars_en;

    if (minority >= 400 || (total > 0 && minority * 10 >= total && minority >= 100))
      doc->languages = g_strdup (g_str_equal (doc->language, "es") ? "es en" : "en es");
    else
      doc->languages = g_strdup (doc->language);
  }

  /* no room to grow kept: a document is held until it is written */
  {
    gsize text_len = text->len;

    doc->text = g_realloc (g_string_free (text, FALSE), text_len + 1);
  }
  doc->n_chars = offset;
  doc->uid = g_compute_checksum_for_string (G_CHECKSUM_SHA256, doc->text, -1);
  doc->title = choose_title (blocks, depths, title_hint);
  if (doc->title == NULL)
    doc->title = g_strdup ("");
  doc->published = date_hint != NULL ? g_strdup (date_hint) : find_published (blocks);

  return g_steal_pointer (&doc);
}
