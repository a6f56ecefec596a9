/* desk-date.c: the first full date written in a text, in Spanish or
 * English, as readers take it from metadata and structure from a dateline */
#define G_LOG_DOMAIN "desk-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "desk-date.h"

static const char * const months_es[] = {
  "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
  "septiembre", "octubre", "noviembre", "diciembre",
};

static const char * const months_en[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
};

static int
month_number (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);

  for (guint i = 0; i < 12; i++)
    if (strcmp (lower, months_es[i]) == 0 || strcmp (lower, months_en[i]) == 0 ||
        (strlen (lower) == 3 && strncmp (lower, months_en[i], 3) == 0) ||
        (strcmp (lower, "setiembre") == 0 && i == 8))
      return i + 1;
  return 0;
}

static char *
iso_date (int year,
          int month,
          int day)
{
  if (year < 1800 || year > 2200 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* The first full date written in @text, as YYYY-MM-DD, or NULL. */
char *
desk_date_find (const char *text)
{
  static GRegex *re;
  static gsize initialized = 0;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&initialized))
    {
      re = g_regex_new ("(?:\\b(\\d{1,2})\\s+de\\s+([[:alpha:]]+)\\s+(?:de|del)\\s+(\\d{4})\\b)"
                        "|(?:\\b([[:alpha:]]+)\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})\\b)"
                        "|(?:\\b(\\d{1,2})\\s+([[:alpha:]]+)\\.?,?\\s+(\\d{4})\\b)"
                        "|(?:\\b(\\d{4})-(\\d{2})-(\\d{2})(?!\\d))"
                        "|(?:\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b)",
                        G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  g_return_val_if_fail (text != NULL, NULL);

  g_regex_match (re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_auto(GStrv) g = g_match_info_fetch_all (match);
      guint n = g_strv_length (g);
      char *date = NULL;

#define G(i) ((i) < n ? g[i] : "")
      if (*G (1))
        date = iso_date (atoi (G (3)), month_number (G (2)), atoi (G (1)));
      else if (*G (4))
        date = iso_date (atoi (G (6)), month_number (G (4)), atoi (G (5)));
      else if (*G (7))
        date = iso_date (atoi (G (9)), month_number (G (8)), atoi (G (7)));
      else if (*G (10))
        date = iso_date (atoi (G (10)), atoi (G (11)), atoi (G (12)));
      else if (*G (13))
        date = iso_date (atoi (G (15)), atoi (G (14)), atoi (G (13)));
#undef G
      if (date != NULL)
        return date;
      g_match_info_next (match, NULL);
    }
  return NULL;
}
