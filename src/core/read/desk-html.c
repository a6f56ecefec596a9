/* desk-html.c: the readable text of an HTML page, as Markdown-like lines
 *
 * A small tolerant scanner, not a browser: it keeps headings, paragraphs
 * and list items, drops scripts, styles, navigation and forms, decodes
 * entities, and never fetches anything the page refers to. */
#define G_LOG_DOMAIN "desk-html"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "desk-reader.h"
#include "desk-date.h"

/* Elements whose content is never article text. */
static const char * const skipped_elements[] = {
  "script", "style", "noscript", "template", "svg", "iframe", "nav", "form",
  "button", "select", "textarea", "object", "canvas", "head", "aside", "footer",
};

static const char * const block_elements[] = {
  "p", "div", "section", "article", "header", "main", "blockquote", "ul", "ol", "table",
  "tr", "hr", "dl", "dd", "dt", "pre", "figure", "figcaption", "address", "body", "br",
  "caption", "center", "details", "summary",
};

static const struct { const char *name; const char *text; } entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "laquo", "«" }, { "raquo", "»" },
  { "ldquo", "“" }, { "rdquo", "”" }, { "lsquo", "‘" }, { "rsquo", "’" }, { "hellip", "…" },
  { "aacute", "á" }, { "eacute", "é" }, { "iacute", "í" }, { "oacute", "ó" }, { "uacute", "ú" },
  { "Aacute", "Á" }, { "Eacute", "É" }, { "Iacute", "Í" }, { "Oacute", "Ó" }, { "Uacute", "Ú" },
  { "ntilde", "ñ" }, { "Ntilde", "Ñ" }, { "uuml", "ü" }, { "Uuml", "Ü" }, { "iquest", "¿" },
  { "iexcl", "¡" }, { "ordm", "º" }, { "ordf", "ª" }, { "deg", "°" }, { "euro", "€" },
  { "copy", "©" }, { "reg", "®" }, { "middot", "·" }, { "bull", "•" }, { "shy", "" },
  { "ccedil", "ç" }, { "agrave", "à" }, { "egrave", "è" }, { "ouml", "ö" }, { "auml", "ä" },
};

static gboolean
in_list (const char         *name,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The longest entity name looked for, its ';' aside */
#define ENTITY_MAX_CHARS 10

/* Appends the entity at *p (just after '&') and moves past it. */
static void
append_entity (GString     *out,
               const char **p)
{
  const char *s = *p;
  /* the ';' looked for within an entity's length only: a page of many
   * '&' and no ';' is not read to its end for each of them */
  const char *semi = memchr (s, ';', strnlen (s, ENTITY_MAX_CHARS + 1));

  if (semi != NULL)
    {
      if (*s == '#')
        {
          gunichar c = (s[1] == 'x' || s[1] == 'X') ? strtoul (s + 2, NULL, 16) : strtoul (s + 1, NULL, 10);
          if (c == 0xA0)
            c = ' ';
          if (g_unichar_validate (c) && c != 0)
            g_string_append_unichar (out, c);
          *p = semi + 1;
          return;
        }
      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        if ((gsize) (semi - s) == strlen (entities[i].name) && strncmp (s, entities[i].name, semi - s) == 0)
          {
            g_string_append (out, entities[i].text);
            *p = semi + 1;
            return;
          }
    }
  g_string_append_c (out, '&');
}

static char *
attribute (const char *tag,
           gsize       len,
           const char *name)
{
  g_autofree char *lower = g_ascii_strdown (tag, len);
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *at = strstr (lower, key);
  const char *value;
  char quote;
  const char *end;

  while (at != NULL && at > lower && !g_ascii_isspace (at[-1]))
    at = strstr (at + 1, key);
  if (at == NULL)
    return NULL;
  value = tag + (at - lower) + strlen (key);
  quote = *value;
  if (quote == '"' || quote == '\'')
    {
      value++;
      end = memchr (value, quote, tag + len - value);
    }
  else
    {
      end = value;
      while (end < tag + len && !g_ascii_isspace (*end) && *end != '>')
        end++;
    }
  if (end == NULL)
    return NULL;
  return g_strndup (value, end - value);
}

static void
collapse_append (GString    *out,
                 const char *text,
                 gsize       len,
                 gboolean    pre)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (pre)
        {
          g_string_append_c (out, c);
          continue;
        }
      if (g_ascii_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, c);
    }
}

static void
break_block (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  /* the output's last two bytes, not g_str_has_suffix (), which measures
   * all of it again at every block */
  if (out->len > 0 && !(out->len >= 2 && out->str[out->len - 2] == '\n' && out->str[out->len - 1] == '\n'))
    g_string_append (out, out->str[out->len - 1] == '\n' ? "\n" : "\n\n");
}

static char *
text_of (const char *html,
         gsize       len)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  const char *end = html + len;

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          if (close == NULL)
            break;
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          p++;
          append_entity (out, &p);
          continue;
        }
      collapse_append (out, p, 1, FALSE);
      p++;
    }
  return g_strstrip (g_string_free (out, FALSE));
}

char *
desk_html_to_markdown (const char  *html,
                       char       **title,
                       char       **date)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  const char *end = html + strlen (html);
  g_autofree char *skip_until = NULL;
  guint pre = 0;
  gboolean title_seen = FALSE;

  while (p < end)
    {
      if (*p == '<')
        {
          const char *tag_end;
          const char *name_start = p + 1;
          gboolean closing = FALSE;
          char name[16];
          gsize n = 0;

          if (strncmp (p, "<!--", 4) == 0)
            {
              /* bounded: strstr () reads the rest of the page under the sanitizers */
              const char *c = g_strstr_len (p + 4, end - p - 4, "-->");
              p = c ? c + 3 : end;
              continue;
            }
          tag_end = memchr (p, '>', end - p);
          if (tag_end == NULL)
            break;
          if (*name_start == '/')
            {
              closing = TRUE;
              name_start++;
            }
          while (name_start + n < tag_end && n < sizeof name - 1 &&
                 (g_ascii_isalnum (name_start[n]) || name_start[n] == '-'))
            {
              name[n] = g_ascii_tolower (name_start[n]);
              n++;
            }
          name[n] = '\0';

          /* the first title only: looking for the end of every one reads
           * the page to its end again for each */
          if (!closing && strcmp (name, "title") == 0 && title != NULL && *title == NULL && !title_seen)
            {
              const char *c = strstr (tag_end, "</");

              title_seen = TRUE;
              if (c != NULL)
                *title = text_of (tag_end + 1, c - tag_end - 1);
            }
          if (!closing && strcmp (name, "meta") == 0 && date != NULL && *date == NULL)
            {
              g_autofree char *prop = attribute (p, tag_end - p, "property");
              g_autofree char *meta_name = attribute (p, tag_end - p, "name");
              const char *key = prop ? prop : meta_name;

              if (key != NULL && (strstr (key, "published_time") || g_ascii_strcasecmp (key, "date") == 0 ||
                                  g_ascii_strcasecmp (key, "dc.date") == 0 || g_ascii_strcasecmp (key, "pubdate") == 0))
                {
                  g_autofree char *content = attribute (p, tag_end - p, "content");
                  if (content != NULL)
                    *date = desk_date_find (content);
                }
            }
          if (!closing && strcmp (name, "time") == 0 && date != NULL && *date == NULL)
            {
              g_autofree char *when = attribute (p, tag_end - p, "datetime");
              if (when != NULL)
                *date = desk_date_find (when);
            }

          if (skip_until != NULL)
            {
              if (closing && strcmp (name, skip_until) == 0)
                g_clear_pointer (&skip_until, g_free);
              p = tag_end + 1;
              continue;
            }

          if (!closing && tag_end[-1] != '/' && in_list (name, skipped_elements, G_N_ELEMENTS (skipped_elements)))
            skip_until = g_strdup (name);
          else if (n == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')
            {
              break_block (out);
              if (!closing)
                {
                  for (int i = 0; i < name[1] - '0'; i++)
                    g_string_append_c (out, '#');
                  g_string_append_c (out, ' ');
                }
            }
          else if (strcmp (name, "li") == 0)
            {
              if (!closing)
                {
                  while (out->len > 0 && out->str[out->len - 1] == ' ')
                    g_string_truncate (out, out->len - 1);
                  if (out->len > 0 && out->str[out->len - 1] != '\n')
                    g_string_append_c (out, '\n');
                  g_string_append (out, "- ");
                }
            }
          else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
            g_string_append_c (out, ' ');
          else if (strcmp (name, "pre") == 0)
            {
              break_block (out);
              pre = closing ? 0 : 1;
            }
          else if (in_list (name, block_elements, G_N_ELEMENTS (block_elements)))
            break_block (out);

          p = tag_end + 1;
          continue;
        }

      if (skip_until != NULL)
        {
          p++;
          continue;
        }
      if (*p == '&')
        {
          p++;
          append_entity (out, &p);
          continue;
        }
      collapse_append (out, p, 1, pre > 0);
      p++;
    }

  return g_string_free (out, FALSE);
}
