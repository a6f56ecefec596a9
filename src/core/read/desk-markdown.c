/* desk-markdown.c: Markdown reduced to headings, paragraphs and list items */
#define G_LOG_DOMAIN "desk-markdown"

#include "config.h"

#include <string.h>

#include "desk-reader.h"
#include "desk-date.h"

static GRegex *link_re;
static GRegex *image_re;
static GRegex *emphasis_re;
static GRegex *code_re;
static GRegex *tag_re;
/* what a line is, compiled once rather than for every line */
static GRegex *fence_re;
static GRegex *setext_equals_re;
static GRegex *setext_dashes_re;
static GRegex *not_space_re;
static GRegex *reference_re;
static GRegex *rule_re;

static void
ensure_regexes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      image_re = g_regex_new ("!\\[[^\\]]*\\]\\([^)]*\\)", G_REGEX_OPTIMIZE, 0, NULL);
      link_re = g_regex_new ("\\[([^\\]]+)\\]\\([^)]*\\)", G_REGEX_OPTIMIZE, 0, NULL);
      emphasis_re = g_regex_new ("(\\*\\*|__|(?<![\\w*])\\*(?=\\S)|(?<=\\S)\\*(?![\\w*])|(?<!\\w)_(?=\\S)|(?<=\\S)_(?!\\w))",
                                 G_REGEX_OPTIMIZE, 0, NULL);
      code_re = g_regex_new ("`([^`]*)`", G_REGEX_OPTIMIZE, 0, NULL);
      tag_re = g_regex_new ("</?[a-zA-Z][^>]*>", G_REGEX_OPTIMIZE, 0, NULL);
      fence_re = g_regex_new ("^\\s{0,3}```", G_REGEX_OPTIMIZE, 0, NULL);
      setext_equals_re = g_regex_new ("^=+\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      setext_dashes_re = g_regex_new ("^-{2,}\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      not_space_re = g_regex_new ("\\S", G_REGEX_OPTIMIZE, 0, NULL);
      reference_re = g_regex_new ("^\\s{0,3}\\[[^\\]]+\\]:\\s", G_REGEX_OPTIMIZE, 0, NULL);
      rule_re = g_regex_new ("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

static char *
inline_text (const char *line)
{
  g_autofree char *a = g_regex_replace_literal (image_re, line, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace (link_re, a, -1, 0, "\\1", 0, NULL);
  g_autofree char *c = g_regex_replace (code_re, b, -1, 0, "\\1", 0, NULL);
  g_autofree char *d = g_regex_replace_literal (tag_re, c, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (emphasis_re, d, -1, 0, "", 0, NULL);
}

static char *
front_matter_value (const char *line,
                    const char *key)
{
  gsize n = strlen (key);

  if (g_ascii_strncasecmp (line, key, n) != 0 || line[n] != ':')
    return NULL;
  return g_strstrip (g_strdup (line + n + 1));
}

/* Front matter keys, as static site generators and converters write them */
static const char * const author_keys[] = { "author", "authors", "autor", "creator", "by" };
static const char * const source_keys[] = { "source", "publisher", "site", "site_name", "fuente", "medio" };

static char *
front_matter_any (const char         *line,
                  const char * const *keys,
                  guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      char *v = front_matter_value (line, keys[i]);

      if (v != NULL)
        return v;
    }
  return NULL;
}

/* A front matter value without its YAML list brackets: "[Ana, Luis]" */
static char *
front_matter_text (char *value)
{
  gsize len = strlen (value);

  if (len >= 2 && value[0] == '[' && value[len - 1] == ']')
    {
      value[len - 1] = '\0';
      return desk_reader_clean_meta (value + 1);
    }
  return desk_reader_clean_meta (value);
}

char *
desk_markdown_clean (const char      *markdown,
                     DeskRawDocument *meta)
{
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  guint i = 0;
  gboolean fenced = FALSE;

  ensure_regexes ();
  lines = desk_reader_split (markdown, '\n');

  /* YAML front matter */
  if (lines[0] && g_str_has_prefix (lines[0], "---"))
    {
      for (i = 1; lines[i] && !g_str_has_prefix (lines[i], "---"); i++)
        {
          g_autofree char *t = front_matter_value (lines[i], "title");
          g_autofree char *d = front_matter_value (lines[i], "date");
          g_autofree char *a = front_matter_any (lines[i], author_keys, G_N_ELEMENTS (author_keys));
          g_autofree char *s = front_matter_any (lines[i], source_keys, G_N_ELEMENTS (source_keys));

          if (meta == NULL)
            continue;
          if (t && meta->title == NULL)
            meta->title = front_matter_text (t);
          if (d && meta->date == NULL)
            meta->date = desk_date_find (d);
          if (a && meta->author == NULL)
            meta->author = front_matter_text (a);
          if (s && meta->source == NULL)
            meta->source = front_matter_text (s);
        }
      if (lines[i])
        i++;
      else
        i = 0;
    }

  for (; lines[i]; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      g_autofree char *clean = NULL;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      if (g_regex_match (fence_re, line, 0, NULL))
        {
          fenced = !fenced;
          g_string_append_c (out, '\n');
          continue;
        }
      if (fenced)
        {
          g_string_append_printf (out, "%s\n", line);
          continue;
        }

      /* setext headings: a line underlined with === or --- */
      if (lines[i + 1] != NULL && len > 0 && line[0] != '-' &&
          (g_regex_match (setext_equals_re, lines[i + 1], 0, NULL) ||
           (g_regex_match (setext_dashes_re, lines[i + 1], 0, NULL) && g_regex_match (not_space_re, line, 0, NULL))))
        {
          clean = inline_text (line);
          g_string_append_printf (out, "\n%s %s\n\n", lines[i + 1][0] == '=' ? "#" : "##", g_strstrip (clean));
          i++;
          continue;
        }

      /* reference definitions and rules carry no text */
      if (g_regex_match (reference_re, line, 0, NULL) ||
          g_regex_match (rule_re, line, 0, NULL))
        {
          g_string_append_c (out, '\n');
          continue;
        }

      while (*line == '>')
        {
          line++;
          if (*line == ' ')
            line++;
        }
      if (g_str_has_prefix (line, "* ") || g_str_has_prefix (line, "+ "))
        line[0] = '-';

      clean = inline_text (line);
      g_string_append_printf (out, "%s\n", clean);
    }

  return g_string_free (out, FALSE);
}
