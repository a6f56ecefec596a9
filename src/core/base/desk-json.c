/* desk-json.c: every JSON text the program reads (review files, the axes
 * and gazetteers, what it stored itself), checked for what json-glib does
 * not refuse before json-glib reads it
 *
 * json-glib reads nested lists and objects by recursion without a limit
 * (a file of 100,000 "[" overflows the stack); it refuses bytes that are
 * not UTF-8 without saying where they are, but stores the escape of half
 * a character (\ud800) as bytes that are not UTF-8, cuts a text at
 * \u0000, and wraps a whole number past 64 bits (10^30 reads as -1).
 * One pass over the text, before json-glib sees it, refuses each of these
 * with the line it is on. */
#define G_LOG_DOMAIN "desk-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-json.h"
#include "desk-utf8.h"

G_DEFINE_QUARK (desk-json-error-quark, desk_json_error)

/* Characters past which a whole number cannot fit in 64 bits, whatever
 * they are */
#define MAX_NUMBER_CHARS 32

static guint
line_of (const char *data,
         const char *p)
{
  guint line = 1;

  for (const char *q = data; q < p; q++)
    if (*q == '\n')
      line++;
  return line;
}

/* The four hex digits of a \u escape at @p, or -1 */
static gint
read_hex4 (const char *p,
           const char *end)
{
  gint value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Whether the number at @p, @len characters without a fraction or an
 * exponent, fits in the 64 bits json-glib reads it into */
static gboolean
whole_number_fits (const char *p,
                   gsize       len)
{
  char buf[MAX_NUMBER_CHARS + 1];

  if (len > MAX_NUMBER_CHARS)
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  /* "-" alone is json-glib's to refuse */
  return (len == 1 && *p == '-') || g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, NULL, NULL);
}

/* Moves *@p, at the first character of a number, to its last; FALSE for a
 * whole number json-glib would wrap */
static gboolean
skip_number (const char  *data,
             const char  *end,
             const char **p,
             GError     **error)
{
  const char *start = *p;
  const char *q = start;
  gboolean whole = TRUE;

  while (q + 1 < end && (g_ascii_isdigit (q[1]) || q[1] == '.' || q[1] == 'e' || q[1] == 'E' || q[1] == '+' ||
                         q[1] == '-'))
    {
      q++;
      if (!g_ascii_isdigit (*q))
        whole = FALSE;
    }
  *p = q;
  if (whole && !whole_number_fits (start, q + 1 - start))
    {
      g_autofree char *shown = g_strndup (start, MIN (q + 1 - start, MAX_NUMBER_CHARS));

      /* TRANSLATORS: %u is a line of a file, %s a number, then "…" when it is longer than shown */
      g_set_error (error, DESK_JSON_ERROR, DESK_JSON_ERROR_NUMBER,
                   _("line %u holds the whole number %s%s, too large to be read exactly"), line_of (data, start),
                   shown, q + 1 - start > MAX_NUMBER_CHARS ? "…" : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_bytes (const char  *data,
              const char  *end,
              const char  *bad,
              GError     **error)
{
  const char *start = bad;
  const char *stop = bad;
  g_autofree char *shown = NULL;

  while (start > data && start[-1] != '\n')
    start--;
  while (start < bad && (*start == ' ' || *start == '\t'))
    start++;
  while (stop < end && *stop != '\n')
    stop++;
  shown = desk_utf8_excerpt (start, stop - start);
  /* TRANSLATORS: %u is a line of a file, %s what it holds, with each byte that is not UTF-8 written \xNN */
  g_set_error (error, DESK_JSON_ERROR, DESK_JSON_ERROR_NOT_TEXT, _("line %u is not UTF-8 text: “%s”"),
               line_of (data, bad), shown);
  return FALSE;
}

/* Moves *@p, at a backslash in a text, to the last character of the
 * escape; FALSE for the escape of half a character or of U+0000, which
 * json-glib would store as bytes that are not UTF-8 or cut the text at */
static gboolean
skip_escape (const char  *data,
             const char  *end,
             const char **p,
             GError     **error)
{
  const char *escape = *p;
  gint unit, low;

  if (escape + 1 >= end)
    return TRUE;
  if (escape[1] != 'u' || (unit = read_hex4 (escape + 2, end)) < 0)
    {
      /* json-glib's to refuse, if it is not a simple escape */
      *p = escape + 1;
      return TRUE;
    }
  if (unit >= 0xd800 && unit <= 0xdbff && end - escape >= 12 && escape[6] == '\\' && escape[7] == 'u' &&
      (low = read_hex4 (escape + 8, end)) >= 0xdc00 && low <= 0xdfff)
    {
      *p = escape + 11;
      return TRUE;
    }
  if ((unit >= 0xd800 && unit <= 0xdfff) || unit == 0)
    {
      g_autofree char *shown = g_strndup (escape, 6);

      /* TRANSLATORS: %u is a line of a file, %s an escape such as \ud800 */
      g_set_error (error, DESK_JSON_ERROR, DESK_JSON_ERROR_NOT_TEXT,
                   _("line %u holds “%s”, which stands for no character of text"), line_of (data, escape), shown);
      return FALSE;
    }
  *p = escape + 5;
  return TRUE;
}

static gboolean
check_text (const char  *data,
            gsize        len,
            GError     **error)
{
  const char *end = data + len;
  const char *bad;
  guint depth = 0;

  if (!g_utf8_validate_len (data, len, &bad))
    return refuse_bytes (data, end, bad, error);

  for (const char *p = data; p < end; p++)
    {
      if (*p == '"')
        {
          /* brackets in a text do not nest */
          for (p++; p < end && *p != '"'; p++)
            if (*p == '\\' && !skip_escape (data, end, &p, error))
              return FALSE;
        }
      else if (*p == '[' || *p == '{')
        {
          if (++depth > DESK_JSON_MAX_DEPTH)
            {
              g_set_error (error, DESK_JSON_ERROR, DESK_JSON_ERROR_TOO_DEEP,
                           _("it nests lists and objects more than %d levels deep (line %u)"), DESK_JSON_MAX_DEPTH,
                           line_of (data, p));
              return FALSE;
            }
        }
      else if (*p == ']' || *p == '}')
        {
          if (depth > 0)
            depth--;
        }
      else if ((*p == '-' || g_ascii_isdigit (*p)) && !skip_number (data, end, &p, error))
        return FALSE;
    }
  return TRUE;
}

/* Reads @data (@len bytes, or up to its NUL when @len is -1) as JSON,
 * after checking it for what json-glib would crash on (see the top of
 * this file).  Returns the parser, whose root is NULL when the text is
 * empty; on failure NULL and an error of DESK_JSON_ERROR, or json-glib's
 * own (JSON_PARSER_ERROR), which names the line.  The message, in
 * lowercase, says what is wrong, for the caller to put after the file's
 * name. */
JsonParser *
desk_json_parse (const char  *data,
                 gssize       len,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (len < 0)
    len = strlen (data);
  if (!check_text (data, len, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  return g_steal_pointer (&parser);
}
