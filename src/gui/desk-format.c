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

/* A stored YYYY-MM-DD in the user's own date format, or "—". */
char *
desk_format_date (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup ("—");
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso_date);
  return g_date_time_format (dt, "%x");
}

char *
desk_format_size (gint64 size)
{
  return g_format_size (size);
}
