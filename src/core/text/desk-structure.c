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

/* What a thesis says of itself, and a news text's byline */
static GRegex *thesis_marker_re;
static GRegex *institution_re;
static GRegex *stated_title_re;
static GRegex *author_label_re;
static GRegex *advisor_re;
static GRegex *byline_re;
static GRegex *newsroom_re;
static GRegex *year_re;

static void
ensure_regexes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* the line of a title page that says what the work is for */
      thesis_marker_re = g_regex_new ("^(?:tesis|tesina|memoria|monograf[ií]a|trabajo de (?:investigaci[oó]n|suficiencia"
                                      "|grado|fin de (?:grado|m[aá]ster))|informe final|(?:a |an |master'?s |doctoral )?"
                                      "(?:thesis|dissertation)|para optar|presentad[ao] (?:por|para|a|ante)|sustentad[ao]"
                                      "|submitted (?:by|to|in)|in partial fulfil)\\b",
                                      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* the university, academy, faculty or school heading it */
      institution_re = g_regex_new ("^(?:(?:la |el )?(?:universidad|academia|facultad|escuela|instituto|departamento|"
                                    "programa|maestr[ií]a|doctorado|centro|colegio|pontificia|ministerio|unidad|secci[oó]n|vicerrectorado)|(?:the )?"
                                    "(?:university|academy|faculty|school|institute|department|college|program(?:me)?))\\b"
                                    "|\\b(?:university|universidad|academia|academy|college|school|faculty|facultad|escuela|"
                                    "instituto|institute|department|departamento|posgrado|postgrado|graduate)\\b",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* "se plantea como tema de esta Tesis “…”", "this thesis, entitled “…”" */
      stated_title_re = g_regex_new ("(?:(?:tema|t[ií]tulo) de (?:esta|la presente|este|el presente) (?:tesis|tesina|"
                                     "investigaci[oó]n|trabajo(?: de investigaci[oó]n)?)[^“\"«.]{0,30}"
                                     "|(?:esta|la presente|este|el presente) (?:tesis|tesina|investigaci[oó]n|"
                                     "trabajo(?: de investigaci[oó]n)?),? (?:titulad[ao]|denominad[ao]|intitulad[ao])\\s*:?\\s*"
                                     "|(?:this|the present) (?:thesis|dissertation|study|research|paper),? (?:is )?"
                                     "(?:entitled|titled)\\s*:?\\s*)"
                                     "[“\"«]([^”\"»]{10,300})[”\"»]",
                                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      author_label_re = g_regex_new ("^(?:presentad[ao] por|sustentad[ao] por|elaborad[ao] por|submitted by|autor(?:a|es)?|"
                                     "author|by|por|bachiller|tesista)\\s*:?\\s*(.*)$",
                                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      advisor_re = g_regex_new ("^(?:asesor|asesora|director|directora|supervisor|advisor|adviser|tutor|tutora|jurado)\\b",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* "By Jane Doe", "Por Carmen Masías | Lima, 3 de mayo de 2025" */
      byline_re = g_regex_new ("^(?:by|por|written by|escrito por|autor(?:a)?:|author:)\\s+([^,|–—]+?)"
                               "(?:\\s*[,|–—]\\s*(.*))?$",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* a newsroom's credit: "Redacción EC", "Redacción Gestión" */
      newsroom_re = g_regex_new ("^(?:redacci[oó]n|newsroom|staff|agencias)\\b[^.:;]{0,40}$",
                                 G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      year_re = g_regex_new ("(?:^|[\\s,–—-])((?:19|20)[0-9]{2})\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* Blocks of a title page looked at, at most: it is the document's start */
#define TITLE_PAGE_BLOCKS 30
/* Characters of a title page's line, at most */
#define TITLE_PAGE_LINE_CHARS 300
/* Blocks of the start looked at for a byline */
#define BYLINE_BLOCKS 10
/* Blocks looked at for a thesis naming its title (its introduction) */
#define STATED_TITLE_BLOCKS 150

static gboolean
is_particle (const char *word)
{
  static const char * const particles[] = { "de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von",
                                            "der", "di", "le", "and", "of", NULL };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  return g_strv_contains (particles, lower);
}

/* Whether @text reads as a person's name: two to six words, each
 * capitalized or a particle ("de", "del"), no digits and no colon */
static gboolean
is_name (const char *text)
{
  g_auto(GStrv) words = NULL;
  guint n, capitalized = 0;

  if (strlen (text) > 80 || strpbrk (text, "0123456789:;()[]@/") != NULL)
    return FALSE;
  words = g_strsplit_set (text, " \t", -1);
  n = 0;
  for (guint i = 0; words[i]; i++)
    {
      gunichar c;

      if (*words[i] == '\0')
        continue;
      n++;
      c = g_utf8_get_char (words[i]);
      if (g_unichar_isupper (c))
        capitalized++;
      else if (!is_particle (words[i]))
        return FALSE;
    }
  return n >= 2 && n <= 6 && capitalized >= 2 && !g_regex_match (institution_re, text, 0, NULL);
}

static gboolean
is_text_of_year (const char *text,
                 char      **year)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (g_utf8_strlen (text, -1) > 40 || !g_regex_match (year_re, text, 0, &match))
    return FALSE;
  *year = g_match_info_fetch (match, 1);
  return TRUE;
}

static char *
block_text (GPtrArray *blocks,
            guint      i)
{
  return ((const DeskBlock *) g_ptr_array_index (blocks, i))->text;
}

/* A thesis's title page: its title is what stands between the
 * institution's heading and the line saying what the work is for
 * ("Tesis para optar…", "presentada por"); its author follows, after
 * "presentada por" or "Autor"; a year closes it. */
static gboolean
read_title_page (GPtrArray  *blocks,
                 char      **title,
                 char      **author,
                 char      **year)
{
  guint n = MIN (blocks->len, TITLE_PAGE_BLOCKS);
  guint marker = G_MAXUINT;
  g_autoptr(GString) joined = NULL;
  int first = -1;

  for (guint i = 1; i < n && marker == G_MAXUINT; i++)
    if (g_utf8_strlen (block_text (blocks, i), TITLE_PAGE_LINE_CHARS * 4) <= TITLE_PAGE_LINE_CHARS &&
        g_regex_match (thesis_marker_re, block_text (blocks, i), 0, NULL))
      marker = i;
  if (marker == G_MAXUINT)
    return FALSE;

  /* up from the marker to the heading: at most three lines of title */
  for (int i = (int) marker - 1; i >= 0 && (int) marker - i <= 4; i--)
    {
      const char *text = block_text (blocks, i);

      if (g_regex_match (institution_re, text, 0, NULL))
        break;
      if (g_utf8_strlen (text, TITLE_PAGE_LINE_CHARS * 4) > TITLE_PAGE_LINE_CHARS || is_generic_heading (text))
        return FALSE;
      first = i;
    }
  if (first < 0)
    return FALSE;
  /* the institution's heading must be there, or the title the first
   * thing of the document: else the marker was a sentence of the text */
  if (first > 0 && !g_regex_match (institution_re, block_text (blocks, first - 1), 0, NULL))
    return FALSE;
  joined = g_string_new (NULL);
  for (guint i = first; i < marker; i++)
    {
      g_autofree char *y = NULL;

      if (is_name (block_text (blocks, i)) || is_text_of_year (block_text (blocks, i), &y))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, block_text (blocks, i));
    }
  if (joined->len == 0)
    return FALSE;
  *title = g_strdup (joined->str);

  /* what follows: the author, a year */
  for (guint i = marker; i < MIN (blocks->len, marker + 10); i++)
    {
      const char *text = block_text (blocks, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *y = NULL;

      if (g_regex_match (advisor_re, text, 0, NULL))
        {
          /* the advisor's name follows the label, or is on its own line */
          if (strchr (text, ' ') == NULL || g_str_has_suffix (text, ":"))
            i++;
          continue;
        }
      if (*author == NULL && g_regex_match (author_label_re, text, 0, &match))
        {
          g_autofree char *rest = g_match_info_fetch (match, 1);

          g_strstrip (rest);
          if (is_name (rest))
            *author = g_steal_pointer (&rest);
          else if (*rest == '\0' && i + 1 < blocks->len && is_name (block_text (blocks, i + 1)))
            *author = g_strdup (block_text (blocks, ++i));
          continue;
        }
      if (*author == NULL && i > marker && is_name (text))
        *author = g_strdup (text);
      else if (*year == NULL && is_text_of_year (text, &y))
        *year = g_steal_pointer (&y);
    }
  return TRUE;
}

/* A thesis naming itself in its introduction: "se plantea como tema de
 * esta Tesis “El Mecanismo…, en el marco…”" */
static char *
find_stated_title (GPtrArray *blocks)
{
  for (guint i = 0; i < MIN (blocks->len, STATED_TITLE_BLOCKS); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (stated_title_re, block_text (blocks, i), 0, &match))
        {
          g_autofree char *title = g_match_info_fetch (match, 1);
          gsize len;

          g_strstrip (title);
          len = strlen (title);
          while (len > 0 && (title[len - 1] == ',' || title[len - 1] == '.' || title[len - 1] == ' '))
            title[--len] = '\0';
          return g_steal_pointer (&title);
        }
    }
  return NULL;
}

/* "By Jane Doe" or "Por Carmen Masías", alone on a line near the start */
static char *
find_byline (GPtrArray  *blocks,
             char      **date)
{
  for (guint i = 0; i < MIN (blocks->len, BYLINE_BLOCKS); i++)
    {
      const char *text = block_text (blocks, i);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (newsroom_re, text, 0, NULL))
        return g_strdup (text);
      if (strlen (text) <= 160 && g_regex_match (byline_re, text, 0, &match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_autofree char *rest = g_match_info_fetch (match, 2);

          g_strstrip (name);
          if (!is_name (name) && !(strchr (name, ' ') == NULL && g_unichar_isupper (g_utf8_get_char (name)) &&
                                   g_utf8_strlen (name, -1) > 2 && strpbrk (name, "0123456789") == NULL))
            continue;
          if (rest != NULL && *date == NULL)
            *date = desk_date_find (rest);
          return g_steal_pointer (&name);
        }
    }
  return NULL;
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
      /* a newsroom's credit on the first line is no headline */
      if (g_regex_match (newsroom_re, block->text, 0, NULL))
        continue;
      if ((i == 0 && depths[i] > 0) ||
          (len <= 160 && is_title_case (block->text) && block->text[len - 1] != '.'))
        return g_strdup (block->text);
    }

  /* nothing names it: its first sentence would be a title it does not
   * have; the importer names it after its file */
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
  doc->published = date_hint != NULL ? g_strdup (date_hint) : find_published (blocks);
  ensure_regexes ();
  {
    g_autofree char *title = NULL;
    g_autofree char *year = NULL;

    /* what a thesis says it is comes before its headings: the first of
     * its title page is the university's name */
    if ((title_hint == NULL || *title_hint == '\0') && read_title_page (blocks, &title, &doc->author, &year))
      doc->title = g_steal_pointer (&title);
    else if (title_hint == NULL || *title_hint == '\0')
      doc->title = find_stated_title (blocks);
    if (doc->published == NULL && year != NULL)
      doc->published = g_steal_pointer (&year);
  }
  if (doc->title == NULL)
    doc->title = choose_title (blocks, depths, title_hint);
  if (doc->title == NULL)
    doc->title = g_strdup ("");
  if (doc->author == NULL)
    doc->author = find_byline (blocks, &doc->published);

  return g_steal_pointer (&doc);
}
