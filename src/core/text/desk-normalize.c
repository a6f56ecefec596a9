/* desk-normalize.c: turns the lines that converters emit into clean
 * paragraphs, headings and list items
 *
 * Text from PDF converters comes hard-wrapped, sometimes double-spaced (an
 * empty line after every line, a blank-but-not-empty line between
 * paragraphs), with page numbers and running headers between pages; text
 * from the web comes one paragraph per line with page chrome around it.
 * The joiner below decides, line pair by line pair, whether a line break is
 * a wrap or the end of a paragraph, from what the document as a whole looks
 * like (its typical line width, whether it is wrapped or double-spaced). */
#define G_LOG_DOMAIN "desk-normalize"

#include "config.h"

#include <string.h>

#include "desk-normalize.h"

typedef struct
{
  char *text;          /* trimmed, spaces normalized */
  guint indent;        /* leading spaces in the source */
  guint empties;       /* truly empty lines just before */
  guint blanks;        /* whitespace-only lines just before */
  guint page;          /* page index */
  gboolean page_start; /* first line of a page after the first */
  gboolean soft;       /* follows a dropped line: never a paragraph break */
  gboolean dropped;
} Line;

typedef enum
{
  LINE_TEXT,
  LINE_BULLET,
  LINE_MD_HEADING,
  LINE_CHAPTER,
  LINE_NUMBERED,
  LINE_CAPS,
} LineClass;

typedef struct
{
  GPtrArray *blocks;
  GString *text;
  DeskBlockKind kind;
  LineClass heading_class;
  guint depth;
  guint n_lines;
  gsize last_line_len;
  gunichar last;    /* the last meaningful character of text (last_char ()) */
  const char *raw;  /* whole source, to check hyphenated forms */
  GHashTable *written;  /* the hyphenated words raw writes (written_hyphenations ()) */
} Builder;

/* Lines that web pages put around an article and that are never content
 * (each shorter than BOILERPLATE_MAX_CHARS). */
static const char * const boilerplate[] = {
  "escucha la noticia",
  "resumen generado por inteligencia artificial",
  "accede a esta función exclusiva",
  "resume las noticias y mantente informado sin interrupciones",
  "no hay comentarios",
  "publicar un comentario",
  "listen to this article",
  "listen to the news",
  "share this article",
  "compartir",
  "compartir en facebook",
  "compartir en twitter",
  "advertisement",
  "publicidad",
  "read more",
  "leer más",
  "lee más",
  "lee también",
  "subscribe",
  "suscríbete",
  "related articles",
  "artículos relacionados",
  "skip to content",
  "skip to main content",
  "ir al contenido",
  "ir al contenido principal",
  "saltar al contenido",
  "saltar al contenido principal",
  "imprimir",
  "print this page",
};

static GRegex *numbered_re;
static GRegex *chapter_re;
static GRegex *bullet_re;
static GRegex *page_number_re;

static void
ensure_regexes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      numbered_re = g_regex_new ("^(\\d{1,2}(?:\\.\\d{1,2})*)(\\.?)\\s+(\\S.*)$", G_REGEX_OPTIMIZE, 0, NULL);
      chapter_re = g_regex_new ("^(?:CAP[IÍ]TULO|Cap[ií]tulo|CHAPTER|Chapter|PARTE|Parte|PART|Part)\\s+"
                                "([IVXLCDM]+|\\d{1,3}|[A-ZÁÉÍÓÚ]+)\\b\\s*[:.\\-–—]?\\s*(.*)$",
                                G_REGEX_OPTIMIZE, 0, NULL);
      bullet_re = g_regex_new ("^(?:[-•·▪◦‣∙*+–—]|[a-z]\\)|\\d{1,2}\\))\\s+\\S", G_REGEX_OPTIMIZE, 0, NULL);
      page_number_re = g_regex_new ("^(?:[-–—]\\s*)?(?:(?:p[aá]gina|page|p[aá]g\\.?|p\\.)\\s*)?"
                                    "(?:\\d{1,4}|[ivxlc]{1,6}|[IVXLC]{1,6})"
                                    "(?:\\s*(?:de|of|/)\\s*\\d{1,4})?(?:\\s*[-–—])?$",
                                    G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x205F || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A);
}

/* @c at the end of @out; ASCII, most of the text, as a byte */
static inline void
append_char (GString  *out,
             gunichar  c)
{
  if (c < 0x80)
    g_string_append_c (out, (char) c);
  else
    g_string_append_unichar (out, c);
}

/* Spaces of every kind become one ASCII space; invisible characters go. */
static char *
clean_line (const char *line,
            gsize       len,
            guint      *indent,
            gboolean   *whitespace_only)
{
  GString *out = g_string_sized_new (len);
  const char *p = line;
  const char *end = line + len;
  gboolean leading = TRUE;
  gboolean pending_space = FALSE;

  *indent = 0;
  *whitespace_only = len > 0;

  while (p < end)
    {
      gunichar c;

      /* printable ASCII, most of the text: kept as it is, a run at once */
      if ((guchar) *p > ' ' && (guchar) *p < 0x7f)
        {
          const char *run = p;

          while (p < end && (guchar) *p > ' ' && (guchar) *p < 0x7f)
            p++;
          leading = FALSE;
          *whitespace_only = FALSE;
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_len (out, run, p - run);
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (is_space_char (c))
        {
          if (leading)
            (*indent)++;
          else
            pending_space = TRUE;
          continue;
        }
      /* zero-width spaces and joiners, BOM, soft hyphen inside a line, controls */
      if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
          (c == 0xAD && p < end) || (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0))
        continue;
      if (c == 0xAD)
        c = '-';

      leading = FALSE;
      *whitespace_only = FALSE;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      append_char (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Longer than any line of boilerplate, in characters, with a margin */
#define BOILERPLATE_MAX_CHARS 64

static gboolean
is_boilerplate (const char *text)
{
  g_autofree char *lower = NULL;
  gsize len;
  guint n = 0;

  /* a line with more characters than any of them, its closing dots and
   * marks aside, is not one (lowering letters never makes fewer): most
   * lines are paragraphs, not worth lowering whole */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (++n > BOILERPLATE_MAX_CHARS && strchr (".:!|>", *p) == NULL && !g_str_has_prefix (p, "·"))
      return FALSE;

  lower = g_utf8_strdown (text, -1);
  len = strlen (lower);

  while (len > 0 && strchr (".:!·|>", lower[len - 1]))
    lower[--len] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (boilerplate); i++)
    if (strcmp (lower, boilerplate[i]) == 0)
      return TRUE;
  return FALSE;
}

/* URL and image-path debris that pages leave behind, rules of symbols */
static gboolean
is_debris (const char *text)
{
  gsize len = strlen (text);
  guint total = 0;

  if (len >= 20 && strchr (text, ' ') == NULL &&
      (strchr (text, '/') != NULL || strstr (text, ".com") != NULL || text[0] == ':'))
    return TRUE;
  if (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"))
    return strchr (text, ' ') == NULL;

  /* a letter or a digit anywhere: not debris */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      total++;
      if ((guchar) *p < 0x80 ? g_ascii_isalnum (*p) : g_unichar_isalnum (g_utf8_get_char (p)))
        return FALSE;
    }
  return total >= 3;
}

/* A Markdown heading, "## Title ##": its depth and its title, the closing
 * hashes and spaces left out.  Read by hand: a pattern with a lazy title
 * before "\s*#*$" tries the rest of the line at every character of a
 * line of many '#' */
static gboolean
parse_md_heading (const char  *text,
                  guint       *depth,
                  char       **title)
{
  const char *p = text;
  const char *end;
  guint n = 0;

  while (*p == '#')
    {
      p++;
      n++;
    }
  if (n < 1 || n > 6 || !g_ascii_isspace (*p))
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  end = p + strlen (p);
  while (end > p && end[-1] == '#')
    end--;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (depth != NULL)
    *depth = n;
  if (title != NULL)
    *title = g_strndup (p, end - p);
  return TRUE;
}

static gboolean
is_page_number (const char *text)
{
  return g_regex_match (page_number_re, text, 0, NULL);
}

static gunichar
first_char (const char *text)
{
  return *text ? g_utf8_get_char (text) : 0;
}

static gboolean
starts_lower (const char *text)
{
  gunichar c = first_char (text);

  return g_unichar_islower (c) || (c != 0 && strchr (",;)]}%", (int) c) != NULL && c < 128) ||
         c == 0xBB /* » */ || c == 0x201D /* ” */;
}

/* The last meaningful character, skipping closing quotes and brackets. */
static gunichar
last_char (const char *text,
           gsize       len)
{
  const char *p = text + len;

  while (p > text)
    {
      gunichar c;

      p = g_utf8_prev_char (p);
      c = g_utf8_get_char (p);
      if (c == ' ' || c == '"' || c == ')' || c == ']' || c == 0x201D || c == 0xBB || c == 0x2019 || c == '\'')
        continue;
      return c;
    }
  return 0;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
}

static gboolean
ends_sentence (const char *text,
               gsize       len)
{
  return is_sentence_end (last_char (text, len));
}

gboolean
desk_normalize_is_all_caps (const char *line)
{
  guint upper = 0, words = 1, long_word = 0, run = 0;
  /* measured no further than the longest heading: a paragraph being
   * joined is asked at every line */
  gsize len = strnlen (line, 141);

  /* "(EEAS, 2018)." is a citation, not a heading */
  if (len > 140 || line[0] == '(' || (len > 0 && (line[len - 1] == '.' || line[len - 1] == ',')))
    return FALSE;
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        {
          upper++;
          if (++run >= 3)
            long_word = 1;
        }
      else
        run = 0;
      if (c == ' ')
        words++;
    }
  return upper >= 5 && long_word && words <= 16;
}

gboolean
desk_normalize_is_numbered_heading (const char  *line,
                                    char       **number,
                                    char       **title)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *num = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *rest = NULL;
  gunichar c;
  guint words = 1;

  ensure_regexes ();
  if (!g_regex_match (numbered_re, line, 0, &match))
    return FALSE;

  num = g_match_info_fetch (match, 1);
  dot = g_match_info_fetch (match, 2);
  rest = g_match_info_fetch (match, 3);

  /* "3 personas" is not a heading; "3. Importancia" and "3.1 Objetivos" are. */
  if (strchr (num, '.') == NULL && *dot == '\0')
    return FALSE;
  c = first_char (rest);
  if (!(g_unichar_isupper (c) || c == 0xBF /* ¿ */ || c == 0xA1 /* ¡ */ ||
        c == 0x201C || c == '"' || c == 0xAB))
    return FALSE;
  for (const char *p = rest; *p; p++)
    if (*p == ' ')
      words++;
  if (words > 24 || strlen (rest) > 220)
    return FALSE;

  if (number)
    *number = g_steal_pointer (&num);
  if (title)
    *title = g_steal_pointer (&rest);
  return TRUE;
}

gboolean
desk_normalize_is_chapter_heading (const char  *line,
                                   char       **number,
                                   char       **title)
{
  g_autoptr(GMatchInfo) match = NULL;

  ensure_regexes ();
  if (strlen (line) > 240 || !g_regex_match (chapter_re, line, 0, &match))
    return FALSE;
  if (number)
    *number = g_match_info_fetch (match, 1);
  if (title)
    *title = g_match_info_fetch (match, 2);
  return TRUE;
}

static LineClass
classify (const char         *text,
          DeskNormalizeFlags  flags)
{
  ensure_regexes ();

  if (flags & DESK_NORMALIZE_MARKDOWN)
    {
      if (parse_md_heading (text, NULL, NULL))
        return LINE_MD_HEADING;
      if (g_regex_match (bullet_re, text, 0, NULL) || g_regex_match (numbered_re, text, 0, NULL))
        return LINE_BULLET;
      return LINE_TEXT;
    }

  if (g_regex_match (bullet_re, text, 0, NULL))
    return LINE_BULLET;
  if (desk_normalize_is_chapter_heading (text, NULL, NULL))
    return LINE_CHAPTER;
  if (desk_normalize_is_numbered_heading (text, NULL, NULL))
    return LINE_NUMBERED;
  if (desk_normalize_is_all_caps (text))
    return LINE_CAPS;
  return LINE_TEXT;
}

/* Straight and doubled quotes become typographic ones, by position. */
char *
desk_normalize_quotes (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  gunichar prev = ' ';

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      const char *plain = p;
      gunichar c;
      gboolean opening;

      /* ASCII but quotes, most of the text, is copied a run at a time */
      while (*p != '\0' && (guchar) *p < 0x80 && *p != '"' && *p != '\'' && *p != '`')
        p++;
      if (p > plain)
        {
          g_string_append_len (out, plain, p - plain);
          prev = (guchar) p[-1];
          if (*p == '\0')
            break;
        }
      c = g_utf8_get_char (p);
      opening = prev == ' ' || prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013;
      if (c == '`' && p[1] == '`')
        {
          g_string_append (out, "“");
          p++;
          prev = 0x201C;
          continue;
        }
      if (c == '\'' && p[1] == '\'')
        {
          g_string_append (out, opening ? "“" : "”");
          p++;
          prev = 0x201D;
          continue;
        }
      if (c == 0x201E) /* „ */
        c = 0x201C;
      if (c == '"')
        c = opening ? 0x201C : 0x201D;
      append_char (out, c);
      prev = c;
    }

  return g_string_free (out, FALSE);
}

/* Longer paragraphs are cut, at the end of a sentence where there is one,
 * else between words: what reads a paragraph at a time (extraction, axis
 * scoring, the reading view) stays bounded whatever the file (a text of
 * one line of megabytes). */
#define MAX_BLOCK_BYTES (32 * 1024)

static const char *
find_cut (const char *text)
{
  const char *limit = text + MAX_BLOCK_BYTES;
  const char *space = NULL;

  for (const char *p = limit - 1; p > text + MAX_BLOCK_BYTES / 2; p--)
    if (*p == ' ')
      {
        if (p[-1] == '.' || p[-1] == '?' || p[-1] == '!' || p[-1] == ';')
          return p;
        if (space == NULL)
          space = p;
      }
  return space ? space : g_utf8_find_prev_char (text, limit + 1);
}

static void
add_block (Builder       *b,
           DeskBlockKind  kind,
           guint          depth,
           const char    *text)
{
  /* measured once: the rest is measured by what is cut off */
  const char *end = text + strlen (text);

  if (end - text > MAX_BLOCK_BYTES && kind == DESK_BLOCK_HEADING)
    {
      kind = DESK_BLOCK_PARAGRAPH;
      depth = 0;
    }
  while (end - text > MAX_BLOCK_BYTES)
    {
      const char *cut = find_cut (text);
      g_autofree char *piece = g_strndup (text, cut - text);

      g_strstrip (piece);
      if (*piece != '\0')
        g_ptr_array_add (b->blocks, desk_block_new (kind, depth, piece));
      text = cut;
      while (*text == ' ')
        text++;
    }
  if (*text != '\0')
    g_ptr_array_add (b->blocks, desk_block_new (kind, depth, text));
}

static void
flush (Builder *b)
{
  g_autofree char *text = NULL;
  DeskBlockKind kind = b->kind;
  guint depth = b->depth;

  if (b->text->len == 0)
    return;

  text = desk_normalize_quotes (b->text->str);
  g_strstrip (text);
  if (*text != '\0')
    {
      if (b->heading_class == LINE_MD_HEADING)
        {
          char *title = NULL;

          if (parse_md_heading (text, &depth, &title))
            {
              kind = DESK_BLOCK_HEADING;
              g_free (text);
              text = title;
            }
        }
      add_block (b, kind, depth, text);
    }

  g_string_truncate (b->text, 0);
  b->kind = DESK_BLOCK_PARAGRAPH;
  b->heading_class = LINE_TEXT;
  b->depth = 0;
  b->n_lines = 0;
  b->last_line_len = 0;
  b->last = 0;
}

static void
start (Builder    *b,
       const Line *line,
       LineClass   cls)
{
  flush (b);
  g_string_append (b->text, line->text);
  b->kind = cls == LINE_BULLET ? DESK_BLOCK_LIST_ITEM : DESK_BLOCK_PARAGRAPH;
  b->heading_class = (cls == LINE_BULLET || cls == LINE_TEXT) ? LINE_TEXT : cls;
  b->n_lines = 1;
  b->last_line_len = g_utf8_strlen (line->text, -1);
  b->last = last_char (line->text, strlen (line->text));
}

/* Whether the paragraph being joined ends a sentence so far: from the
 * last character kept as lines come, rather than the paragraph read back
 * over the closing marks of every line (a page of lines of '"') */
static gboolean
builder_ends_sentence (const Builder *b)
{
  return is_sentence_end (b->last);
}

/* The letters and digits around every hyphen that @raw writes between
 * two of them, "anti-drug" of "(anti-drugs", in one table: a line ending
 * in a hyphen looks there rather than through the whole text (a text of
 * many hyphenated lines read once for each) */
static GHashTable *
written_hyphenations (const char *raw)
{
  GHashTable *written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const char *hyphen = strchr (raw, '-'); hyphen != NULL; hyphen = strchr (hyphen + 1, '-'))
    {
      const char *from = hyphen;
      const char *to = hyphen + 1;

      while (from > raw)
        {
          const char *prev = g_utf8_find_prev_char (raw, from);

          if (prev == NULL || !g_unichar_isalnum (g_utf8_get_char_validated (prev, -1)))
            break;
          from = prev;
        }
      while (*to != '\0' && g_unichar_isalnum (g_utf8_get_char_validated (to, -1)))
        to = g_utf8_next_char (to);
      if (from < hyphen && to > hyphen + 1)
        g_hash_table_add (written, g_strndup (from, to - from));
    }
  return written;
}

/* Whether the document writes @head (ending in its hyphen, from the text
 * so far) and @tail (the start of the next line) as one hyphenated word */
static gboolean
is_written_hyphenated (Builder    *b,
                       const char *head,
                       const char *head_end,
                       const char *tail)
{
  const char *from = head_end - 1;
  const char *to = tail;
  g_autofree char *word = NULL;

  if (b->raw == NULL)
    return FALSE;
  if (b->written == NULL)
    b->written = written_hyphenations (b->raw);
  while (from > head)
    {
      const char *prev = g_utf8_find_prev_char (head, from);

      if (prev == NULL || !g_unichar_isalnum (g_utf8_get_char (prev)))
        break;
      from = prev;
    }
  while (*to != '\0' && g_unichar_isalnum (g_utf8_get_char (to)))
    to = g_utf8_next_char (to);
  word = g_strdup_printf ("%.*s%.*s", (int) (head_end - from), from, (int) (to - tail), tail);
  return g_hash_table_contains (b->written, word);
}

/* Appends a wrapped line, undoing end-of-line hyphenation: "interna-" +
 * "cional" is "internacional", unless the document writes the hyphenated
 * form elsewhere ("anti-drug"). */
static void
append (Builder    *b,
        const Line *line)
{
  gsize len = b->text->len;
  const char *text = line->text;

  if (len >= 2 && b->text->str[len - 1] == '-' && g_ascii_isalpha (b->text->str[len - 2]) == FALSE &&
      b->text->str[len - 2] == ' ')
    {
      /* a dash between words: "Perú -" + "Chile" */
      g_string_append_c (b->text, ' ');
    }
  else if (len >= 2 && b->text->str[len - 1] == '-' && g_unichar_islower (first_char (text)) &&
           g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (b->text->str + len - 1))))
    {
      /* the hyphen kept where the document writes the word with it */
      if (!is_written_hyphenated (b, b->text->str, b->text->str + len, text))
        g_string_truncate (b->text, len - 1);
    }
  else
    g_string_append_c (b->text, ' ');

  g_string_append (b->text, text);
  b->n_lines++;
  b->last_line_len = g_utf8_strlen (text, -1);
  {
    gunichar c = last_char (text, strlen (text));

    if (c != 0)
      b->last = c;
  }
}

static const char * const function_words[] = {
  "de", "del", "la", "las", "el", "los", "en", "y", "e", "o", "a", "al", "con", "para",
  "por", "entre", "que", "sobre", "hacia", "su", "sus", "un", "una",
  "of", "the", "and", "or", "in", "for", "to", "with", "on", "between", "a", "an", "its",
};

/* A heading line that cannot end there: "… de", "… EE.", "¿… " without "?" */
static gboolean
heading_incomplete (const char *text)
{
  const char *last_space = strrchr (text, ' ');
  const char *last_word = last_space ? last_space + 1 : text;
  gsize len = strlen (text);

  if (strstr (text, "¿") != NULL && strchr (text, '?') == NULL)
    return TRUE;
  if (len > 0 && (text[len - 1] == '-' || g_str_has_suffix (text, "–") || text[len - 1] == ','))
    return TRUE;
  if (g_str_has_suffix (text, "EE."))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
    if (g_ascii_strcasecmp (last_word, function_words[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_widths (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static guint
percentile_width (GArray *lines)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      guint w;

      if (l->dropped)
        continue;
      w = g_utf8_strlen (l->text, -1);
      if (w >= 20)
        g_array_append_val (widths, w);
    }
  if (widths->len == 0)
    return 80;
  g_array_sort (widths, compare_widths);
  return g_array_index (widths, guint, (widths->len * 8) / 10);
}

static char *
digit_key (const char *text)
{
  char *key = g_strdup (text);

  for (char *p = key; *p; p++)
    if (g_ascii_isdigit (*p))
      *p = '#';
  return key;
}

/* Running headers and footers: with real pages, the first and last lines
 * that recur on many pages; without, short lines that recur often. */
static void
drop_running_lines (GArray             *lines,
                    guint               n_pages,
                    DeskNormalizeFlags  flags)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint threshold;

  if (flags & DESK_NORMALIZE_MARKDOWN)
    return;

  if (n_pages >= 3)
    {
      threshold = MAX (3, n_pages / 2);
      for (guint i = 0; i < lines->len; i++)
        {
          Line *l = &g_array_index (lines, Line, i);
          gboolean edge = l->page_start || i + 1 == lines->len ||
                          g_array_index (lines, Line, i + 1).page != l->page ||
                          (i > 0 && g_array_index (lines, Line, i - 1).page_start) ||
                          (i + 2 < lines->len && g_array_index (lines, Line, i + 2).page != l->page);
          if (edge && !l->dropped && strlen (l->text) <= 120 && !ends_sentence (l->text, strlen (l->text)))
            {
              char *key = digit_key (l->text);
              g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
            }
        }
    }
  else
    {
      threshold = 4;
      for (guint i = 0; i < lines->len; i++)
        {
          Line *l = &g_array_index (lines, Line, i);
          if (!l->dropped && strlen (l->text) <= 80 && !ends_sentence (l->text, strlen (l->text)) &&
              classify (l->text, flags) == LINE_TEXT)
            {
              char *key = digit_key (l->text);
              g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
            }
        }
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      g_autofree char *key = NULL;

      if (l->dropped)
        continue;
      key = digit_key (l->text);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) >= threshold)
        l->dropped = TRUE;
    }
}

static void
clear_line (gpointer data)
{
  g_free (((Line *) data)->text);
}

GPtrArray *
desk_normalize_pages (const char * const *pages,
                      guint               n_pages,
                      DeskNormalizeFlags  flags)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autoptr(GString) raw = g_string_new (NULL);
  gboolean markdown = (flags & DESK_NORMALIZE_MARKDOWN) != 0;
  gboolean double_spaced, wrapped, explicit;
  guint width, n_soft = 0, n_lower = 0, n_content = 0;
  Builder b = { 0 };
  Line *prev = NULL;

  g_return_val_if_fail (pages != NULL || n_pages == 0, NULL);

  ensure_regexes ();
  g_array_set_clear_func (lines, clear_line);

  /* 1. lines, with the empty and blank lines before each */
  for (guint page = 0; page < n_pages; page++)
    {
      const char *p = pages[page];
      guint empties = 0, blanks = 0;
      gboolean first = TRUE;

      g_string_append (raw, p);
      while (*p)
        {
          const char *eol = strchr (p, '\n');
          gsize len = eol ? (gsize) (eol - p) : strlen (p);
          gboolean ws_only;
          Line line = { 0 };

          if (len > 0 && p[len - 1] == '\r')
            line.text = clean_line (p, len - 1, &line.indent, &ws_only);
          else
            line.text = clean_line (p, len, &line.indent, &ws_only);
          p = eol ? eol + 1 : p + len;

          if (*line.text == '\0')
            {
              if (ws_only)
                blanks++;
              else
                empties++;
              g_free (line.text);
              continue;
            }
          line.empties = empties;
          line.blanks = blanks;
          line.page = page;
          line.page_start = first && page > 0;
          first = FALSE;
          empties = blanks = 0;
          g_array_append_val (lines, line);
        }
    }

  /* 2. page numbers, page debris and web chrome */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);

      if ((!markdown && is_page_number (l->text)) || is_boilerplate (l->text) || is_debris (l->text))
        l->dropped = TRUE;
    }
  drop_running_lines (lines, n_pages, flags);

  /* A dropped line between two halves of a paragraph must not split it:
   * the first line kept after dropped ones (in one pass, a run of
   * thousands of page numbers not walked again from each of them) */
  {
    gboolean after_dropped = FALSE;

    for (guint i = 0; i < lines->len; i++)
      {
        Line *l = &g_array_index (lines, Line, i);

        if (l->dropped)
          after_dropped = TRUE;
        else if (after_dropped)
          {
            l->soft = TRUE;
            after_dropped = FALSE;
          }
      }
  }

  /* 3. what the document looks like */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      if (l->dropped)
        continue;
      if (prev != NULL)
        {
          n_content++;
          if (l->empties == 1 && l->blanks == 0)
            n_soft++;
          if (starts_lower (l->text) && !ends_sentence (prev->text, strlen (prev->text)))
            n_lower++;
        }
      prev = l;
    }
  double_spaced = !markdown && n_content >= 4 && n_soft * 2 >= n_content;
  wrapped = n_content >= 4 && n_lower * 10 >= n_content;
  explicit = markdown || double_spaced;
  width = percentile_width (lines);
  if (width > 240)
    wrapped = FALSE;

  g_debug ("%u lines, double-spaced %d, wrapped %d, width %u", n_content, double_spaced, wrapped, width);

  /* 4. join */
  b.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_block_free);
  b.text = g_string_new (NULL);
  b.raw = raw->str;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      LineClass cls;
      gboolean separated, join;
      gboolean tight;

      if (l->dropped)
        continue;

      cls = classify (l->text, flags);
      separated = !l->soft && (l->blanks > 0 || (double_spaced ? l->empties >= 2 : l->empties >= 1));
      tight = double_spaced && l->empties == 0 && l->blanks == 0 && l->indent == 0;

      if (b.text->len == 0 || separated)
        {
          start (&b, l, cls);
          continue;
        }

      if (cls == LINE_BULLET || cls == LINE_MD_HEADING || b.heading_class == LINE_MD_HEADING)
        join = FALSE;
      else if (b.heading_class == LINE_CHAPTER && cls == LINE_CAPS)
        join = TRUE;
      else if (b.heading_class != LINE_TEXT)
        {
          if (b.n_lines >= 3 || cls != LINE_TEXT ||
              (builder_ends_sentence (&b) && !heading_incomplete (b.text->str)))
            join = FALSE;
          else if (double_spaced)
            join = tight;
          else
            join = heading_incomplete (b.text->str) ||
                   (g_utf8_strlen (l->text, -1) * 10 < width * 6 && !ends_sentence (l->text, strlen (l->text)));
          if (b.heading_class == LINE_CAPS && !desk_normalize_is_all_caps (l->text) && !heading_incomplete (b.text->str))
            join = FALSE;
        }
      else if (cls == LINE_CHAPTER || cls == LINE_NUMBERED)
        join = !builder_ends_sentence (&b) && wrapped && b.last_line_len * 4 >= width * 3 &&
               cls == LINE_NUMBERED && !double_spaced;
      else if (cls == LINE_CAPS)
        join = !builder_ends_sentence (&b) && !double_spaced &&
               desk_normalize_is_all_caps (b.text->str) == FALSE && wrapped;
      else if (starts_lower (l->text))
        join = TRUE;
      else if (explicit)
        join = TRUE;
      else if (builder_ends_sentence (&b))
        /* a sentence that ends at the wrap width may go on; a line far
         * longer than the width was never wrapped: it is a whole paragraph */
        join = wrapped && b.last_line_len * 10 >= width * 8 && b.last_line_len * 10 <= width * 13;
      else
        join = wrapped;

      if (join)
        append (&b, l);
      else
        start (&b, l, cls);
    }
  flush (&b);

  g_string_free (b.text, TRUE);
  g_clear_pointer (&b.written, g_hash_table_unref);
  return b.blocks;
}
