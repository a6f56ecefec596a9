/* desk-utf8.c: text from outside the program (arguments, files) shown
 * with the bytes that are not UTF-8 spelled out, for the message that
 * refuses it */
#define G_LOG_DOMAIN "desk-utf8"

#include "config.h"

#include <string.h>

#include "desk-utf8.h"

/* How much of the text a message shows: characters before the first bad
 * byte, and characters in all */
#define EXCERPT_BEFORE 30
#define EXCERPT_CHARS 60

/* @text (@len bytes, or up to its NUL when @len is -1) as valid UTF-8 for
 * a message: each byte that is not part of a UTF-8 character, and each
 * control character, written as \xNN; a long text cut to the part around
 * its first bad byte, with "…" where it was cut. */
char *
desk_utf8_excerpt (const char *text,
                   gssize      len)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start = text;
  const char *bad;
  const char *end;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  /* what comes before the first bad byte is valid: walk back from it */
  if (!g_utf8_validate_len (text, len, &bad))
    start = bad;
  for (guint back = 0; back < EXCERPT_BEFORE && start > text; back++)
    start = g_utf8_find_prev_char (text, start);
  if (start > text)
    g_string_append (out, "…");

  for (const char *p = start; p < end; n++)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (n == EXCERPT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20 || c == 0x7f)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
        }
      else
        {
          g_string_append_unichar (out, c);
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
