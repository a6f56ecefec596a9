/* desk-format.c: how the interface writes languages, dates and sizes */
#define G_LOG_DOMAIN "desk-format"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "desk-format.h"

static const char *
language_name (const char *code)
{
  if (g_str_equal (code, "es"))
    return _("Spanish");
  if (g_str_equal (code, "en"))
    return _("English");
  return code;
}

/* "es en" → "Spanish, English" */
char *
desk_format_languages (const char *languages)
{
  g_auto(GStrv) codes = g_strsplit (languages ? languages : "", " ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes[i]; i++)
    {
      if (*codes[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, language_name (codes[i]));
    }
  return g_string_free (out, FALSE);
}

/* Dates stay in ISO 8601 (2025-03-14): officers exchange briefs across
 * languages, where 03/04 reads two ways; "—" when there is none. */
char *
desk_format_date (const char *iso_date)
{
  int y, m, d;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup ("—");
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
desk_format_size (gint64 size)
{
  return g_format_size (size);
}
