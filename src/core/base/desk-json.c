/* desk-json.c: every JSON text the program reads (review files, the axes
 * and gazetteers, what it stored itself), checked for what json-glib does
 * not refuse before json-glib reads it
 *
 * json-glib reads nested lists and objects by recursion without a limit:
 * a file of 100,000 "[" overflows the stack.  One pass over the text,
 * before json-glib sees it, refuses such a text with the line it is on. */
#define G_LOG_DOMAIN "desk-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-json.h"

G_DEFINE_QUARK (desk-json-error-quark, desk_json_error)

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

static gboolean
check_text (const char  *data,
            gsize        len,
            GError     **error)
{
  const char *end = data + len;
  guint depth = 0;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '"')
        {
          /* brackets in a text do not nest */
          for (p++; p < end && *p != '"'; p++)
            if (*p == '\\' && p + 1 < end)
              p++;
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
