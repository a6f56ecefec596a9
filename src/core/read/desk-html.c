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

/* Meta tags naming a page's title, author, date and site, by their
 * name, property or itemprop (compared without case) */
static const char * const title_keys[] = { "og:title", "twitter:title", "dc.title", "dcterms.title", "headline" };
static const char * const author_keys[] = {
  "author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author",
};
static const char * const date_keys[] = {
  "date", "dc.date", "dcterms.date", "dcterms.created", "pubdate", "datepublished", "parsely-pub-date",
  "sailthru.date", "publish-date", "publication_date",
};
static const char * const source_keys[] = {
  "og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher", "article:publisher",
};

static gboolean
key_in (const char         *key,
        const char * const *keys,
        guint               n)
{
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (key, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* What a page's metadata says, gathered as the page is read */
typedef struct
{
  char *meta_title;
  char *title_element;
  char *h1;
  char *author;
  char *source;
  char *url;
} PageMeta;

static void
page_meta_clear (PageMeta *m)
{
  g_free (m->meta_title);
  g_free (m->title_element);
  g_free (m->h1);
  g_free (m->author);
  g_free (m->source);
  g_free (m->url);
}

static void
set_once (char       **slot,
          const char  *value)
{
  if (*slot == NULL)
    *slot = desk_reader_clean_meta (value);
}

/* Reads one <meta> tag (@tag, @len bytes up to its '>') into @m and @date */
static void
read_meta (const char  *tag,
           gsize        len,
           PageMeta    *m,
           char       **date)
{
  g_autofree char *prop = attribute (tag, len, "property");
  g_autofree char *meta_name = attribute (tag, len, "name");
  g_autofree char *itemprop = attribute (tag, len, "itemprop");
  g_autofree char *content = NULL;
  const char *key = prop ? prop : meta_name ? meta_name : itemprop;

  if (key == NULL)
    return;
  content = attribute (tag, len, "content");
  if (content == NULL)
    return;
  {
    /* the entities of the value too: "Per&uacute;" */
    g_autofree char *decoded = text_of (content, strlen (content));

    g_free (content);
    content = g_steal_pointer (&decoded);
  }
  if (date != NULL && *date == NULL &&
      (strstr (key, "published_time") != NULL || key_in (key, date_keys, G_N_ELEMENTS (date_keys))))
    *date = desk_date_find (content);
  else if (key_in (key, title_keys, G_N_ELEMENTS (title_keys)))
    set_once (&m->meta_title, content);
  else if (key_in (key, author_keys, G_N_ELEMENTS (author_keys)))
    {
      /* a profile's address names nobody */
      if (!g_str_has_prefix (content, "http") && m->author == NULL)
        {
          const char *name = content;

          if (g_ascii_strncasecmp (name, "by ", 3) == 0)
            name += 3;
          m->author = desk_reader_clean_meta (name);
        }
    }
  else if (key_in (key, source_keys, G_N_ELEMENTS (source_keys)))
    {
      if (!g_str_has_prefix (content, "http"))
        set_once (&m->source, content);
    }
  else if (g_ascii_strcasecmp (key, "og:url") == 0)
    set_once (&m->url, content);
}

/* The host of an address without its "www.", or NULL */
static char *
host_of (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (scheme == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;
  if (g_str_has_prefix (host, "www."))
    host += 4;
  return g_strdup (host);
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* Whether @part, cut off a page's title, reads as a site's name: a few
 * words, each capitalized, or a domain */
static gboolean
looks_like_site (const char *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  guint n = g_strv_length (words);

  if (n == 0 || n > 5)
    return FALSE;
  if (strchr (part, '.') != NULL && strchr (part, ' ') == NULL)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      gunichar c = g_utf8_get_char (words[i]);

      if (g_utf8_strlen (words[i], -1) > 3 && !g_unichar_isupper (c) && !g_unichar_isdigit (c))
        return FALSE;
    }
  return TRUE;
}

/* A page's <title> often ends (or begins) with its site's name: "Peru
 * named ally | Reuters".  Cuts it off, and takes it as the source when
 * the page named none. */
static char *
strip_site_name (const char  *title,
                 char       **source)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " » " };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *last = NULL;
      const char *first = strstr (title, separators[i]);

      for (const char *at = first; at != NULL; at = strstr (at + 1, separators[i]))
        last = at;
      if (last == NULL)
        continue;
      {
        const char *after = last + strlen (separators[i]);
        g_autofree char *before = g_strndup (title, last - title);
        g_autofree char *lead = g_strndup (title, first - title);
        const char *rest = first + strlen (separators[i]);

        if ((*source != NULL && g_utf8_collate (after, *source) == 0) ||
            (*source == NULL && looks_like_site (after) && count_words (before) >= 3))
          {
            if (*source == NULL)
              *source = g_strdup (after);
            return g_strdup (before);
          }
        if (*source != NULL && g_utf8_collate (lead, *source) == 0 && count_words (rest) >= 2)
          return g_strdup (rest);
      }
    }
  return g_strdup (title);
}

/* Decides the page's title, author and source from what it said */
static void
settle_meta (PageMeta        *m,
             DeskRawDocument *meta)
{
  g_autofree char *title = NULL;

  if (m->meta_title != NULL)
    title = strip_site_name (m->meta_title, &m->source);
  else if (m->title_element != NULL)
    title = strip_site_name (m->title_element, &m->source);
  /* a heading the title holds is the title without the site's words; a
   * one- or two-word title ("Noticias") names the site's section, not
   * the page */
  if (m->h1 != NULL && (title == NULL || count_words (title) <= 2 ||
                        (strstr (title, m->h1) != NULL && count_words (m->h1) >= 3)))
    {
      g_free (title);
      title = g_strdup (m->h1);
    }
  if (m->source == NULL && m->url != NULL)
    m->source = host_of (m->url);

  if (meta->title == NULL)
    meta->title = g_steal_pointer (&title);
  if (meta->author == NULL)
    meta->author = g_steal_pointer (&m->author);
  if (meta->source == NULL)
    meta->source = g_steal_pointer (&m->source);
}

char *
desk_html_to_markdown (const char      *html,
                       DeskRawDocument *meta)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  const char *end = html + strlen (html);
  g_autofree char *skip_until = NULL;
  guint pre = 0;
  gboolean title_seen = FALSE;
  PageMeta page = { 0 };
  char **date = meta != NULL ? &meta->date : NULL;
  gssize h1_start = -1;

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
          if (!closing && strcmp (name, "title") == 0 && meta != NULL && !title_seen)
            {
              const char *c = strstr (tag_end, "</");

              title_seen = TRUE;
              if (c != NULL)
                {
                  g_autofree char *text = text_of (tag_end + 1, c - tag_end - 1);

                  page.title_element = desk_reader_clean_meta (text);
                }
            }
          if (!closing && strcmp (name, "meta") == 0 && meta != NULL)
            read_meta (p, tag_end - p, &page, date);
          if (!closing && strcmp (name, "link") == 0 && meta != NULL && page.url == NULL)
            {
              g_autofree char *rel = attribute (p, tag_end - p, "rel");

              if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
                {
                  g_autofree char *href = attribute (p, tag_end - p, "href");

                  set_once (&page.url, href);
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
              /* the page's first <h1>, as it was written out */
              if (closing && name[1] == '1' && h1_start >= 0 && page.h1 == NULL)
                {
                  page.h1 = desk_reader_clean_meta (out->str + h1_start);
                  h1_start = -1;
                }
              break_block (out);
              if (!closing)
                {
                  for (int i = 0; i < name[1] - '0'; i++)
                    g_string_append_c (out, '#');
                  g_string_append_c (out, ' ');
                  if (name[1] == '1' && page.h1 == NULL && meta != NULL)
                    h1_start = out->len;
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

  if (meta != NULL)
    settle_meta (&page, meta);
  page_meta_clear (&page);
  return g_string_free (out, FALSE);
}
