/* desk-figures.c: numbers, money, percentages, quantities and dates,
 * with their values as DESIGN.md writes them */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "desk-extract-private.h"
#include "desk-value.h"

/* The decimal places a figure's value keeps */
#define FIGURE_DECIMALS 4

/* Numbers: a group of exactly three digits after a separator is a
 * thousands group in both Spanish and English writing ("1,135 TM" and
 * "1.135 TM" are 1135); one, two or four and more digits after the last
 * separator make it the decimal mark ("1.5 millones", "9,1%").  The
 * digits of @text, with a '.' at its decimal mark, and its sign. */
static GString *
number_digits (const char *text,
               gboolean   *negative)
{
  GString *digits = g_string_new (NULL);
  const char *p = text;
  const char *last_sep = NULL;
  int n_seps = 0;
  gboolean mixed = FALSE;
  char first_sep = 0;

  *negative = FALSE;
  if (g_str_has_prefix (p, "−"))
    {
      *negative = TRUE;
      p += strlen ("−");
    }
  else if (*p == '-' || *p == '+')
    *negative = *p++ == '-';

  for (const char *q = p; *q; q++)
    if (*q == '.' || *q == ',')
      {
        if (first_sep == 0)
          first_sep = *q;
        else if (*q != first_sep)
          mixed = TRUE;
        last_sep = q;
        n_seps++;
      }

  for (const char *q = p; *q; q++)
    {
      if (g_ascii_isdigit (*q))
        g_string_append_c (digits, *q);
      else if (q == last_sep)
        {
          gsize after = strspn (q + 1, "0123456789");
          gboolean decimal = mixed || (n_seps == 1 && (after != 3 || g_str_has_prefix (p, "0")));

          if (decimal)
            g_string_append_c (digits, '.');
        }
    }
  return digits;
}

gboolean
desk_extract_parse_number (const char *text,
                           double     *value)
{
  gboolean negative;
  g_autoptr(GString) digits = number_digits (text, &negative);

  if (digits->len == 0)
    return FALSE;
  *value = g_ascii_strtod (digits->str, NULL) * (negative ? -1 : 1);
  return TRUE;
}

/* @digits ("1234.5", a '.' at the decimal mark) times 10^@exponent,
 * written as a value: every digit of the whole part kept, however many
 * (a double keeps 17 and a printed one was cut at 38), at most
 * FIGURE_DECIMALS decimals, rounded half up, without trailing zeros */
static char *
format_exact (const char *digits,
              gboolean    negative,
              guint       exponent)
{
  const char *point = strchr (digits, '.');
  gsize whole = point != NULL ? (gsize) (point - digits) : strlen (digits);
  g_autoptr(GString) all = g_string_new_len (digits, whole);
  GString *out = g_string_new (negative ? "-" : "");
  gsize lead = 0;

  /* the digits without their mark, the first @whole of them before it */
  if (point != NULL)
    g_string_append (all, point + 1);
  whole += exponent;
  while (all->len < whole)
    g_string_append_c (all, '0');
  if (all->len > whole + FIGURE_DECIMALS)
    {
      gboolean up = all->str[whole + FIGURE_DECIMALS] >= '5';

      g_string_truncate (all, whole + FIGURE_DECIMALS);
      for (gsize i = all->len; up && i > 0; i--)
        {
          if (all->str[i - 1] == '9')
            all->str[i - 1] = '0';
          else
            {
              all->str[i - 1]++;
              up = FALSE;
            }
        }
      if (up)
        {
          g_string_prepend_c (all, '1');
          whole++;
        }
    }
  while (all->len > whole && all->str[all->len - 1] == '0')
    g_string_truncate (all, all->len - 1);
  while (lead + 1 < whole && all->str[lead] == '0')
    lead++;

  if (whole == 0)
    g_string_append_c (out, '0');
  else
    g_string_append_len (out, all->str + lead, whole - lead);
  if (all->len > whole)
    {
      g_string_append_c (out, '.');
      g_string_append (out, all->str + whole);
    }
  /* no "-0" */
  if (negative && strspn (out->str + 1, "0.") == out->len - 1)
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

/* The value of the number @text times 10^@exponent, every digit kept;
 * without its sign when @absolute */
static char *
figure_value (const char *text,
              guint       exponent,
              gboolean    absolute)
{
  gboolean negative;
  g_autoptr(GString) digits = number_digits (text, &negative);

  return format_exact (digits->str, negative && !absolute, exponent);
}

/* The power of ten a scale word stands for: "millones" 6 */
static guint
scale_exponent (const char *scale)
{
  g_autofree char *s = NULL;

  if (scale == NULL || *scale == '\0')
    return 0;
  s = g_utf8_strdown (scale, -1);
  if (g_str_has_prefix (s, "mil ") || g_str_has_prefix (s, "mil\t") || g_str_has_prefix (s, "mil\n"))
    return 9; /* "mil millones" */
  if (g_str_has_prefix (s, "mill"))
    return 6;
  if (g_str_equal (s, "mil") || g_str_has_prefix (s, "thousand"))
    return 3;
  if (g_str_has_prefix (s, "bill"))
    return strstr (s, "ón") || strstr (s, "ones") || g_str_equal (s, "billon") ? 12 : 9;
  if (g_str_has_prefix (s, "trillion"))
    return 12;
  return 0;
}

static const char *
currency_code (const char *currency)
{
  g_autofree char *c = g_utf8_strdown (currency, -1);

  if (g_str_has_prefix (c, "s/") || g_str_has_prefix (c, "sol") || g_str_equal (c, "pen"))
    return "PEN";
  if (g_str_has_prefix (c, "€") || g_str_has_prefix (c, "eur"))
    return "EUR";
  if (g_str_has_prefix (c, "£") || g_str_has_prefix (c, "libra") || g_str_has_prefix (c, "pound"))
    return "GBP";
  return "USD";
}

/* The unit of a quantity as the value writes it: "TM" "t" */
static const char *
unit_code (const char *unit)
{
  g_autofree char *u = g_utf8_strdown (unit, -1);

  if (g_str_equal (u, "tm") || g_str_has_prefix (u, "tonelada") || g_str_has_suffix (u, "tons") ||
      g_str_equal (u, "tonnes") || g_str_equal (u, "t"))
    return "t";
  if (g_str_equal (u, "km2") || g_str_equal (u, "km²") || strstr (u, "cuadrados") || strstr (u, "square") || strstr (u, "sq"))
    return "km2";
  if (g_str_equal (u, "km") || (g_str_has_prefix (u, "kil") && strstr (u, "met")))
    return "km";
  if (g_str_equal (u, "ha") || g_str_has_prefix (u, "hect"))
    return "ha";
  if (g_str_equal (u, "kg") || g_str_has_prefix (u, "kilo"))
    return "kg";
  if (g_str_equal (u, "mw") || g_str_has_prefix (u, "mega"))
    return "MW";
  return "bbl";
}

static int
month_of (const char *name)
{
  static const char * const es[] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                     "septiembre", "octubre", "noviembre", "diciembre" };
  static const char * const en[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
  g_autofree char *s = g_utf8_strdown (name, -1);

  if (g_str_equal (s, "setiembre"))
    return 9;
  for (int i = 0; i < 12; i++)
    if (g_str_equal (s, es[i]) || g_str_has_prefix (s, en[i]))
      return i + 1;
  return 0;
}

void
_desk_extract_find_figures (Run        *run,
                            const char *par,
                            GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gsize s, e;

  /* money with the currency first ("US$ 3,679 millones") or after ("1.5 millones de dólares") */
  for (guint r = 0; r < 2; r++)
    {
      GRegex *regex = r == 0 ? self->money_prefix_re : self->money_suffix_re;

      for (g_regex_match (regex, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *cur = _desk_extract_fetch (m, "cur");
          g_autofree char *num = _desk_extract_fetch (m, "num");
          g_autofree char *scale = _desk_extract_fetch (m, "scale");
          double v;

          _desk_extract_match_pos (m, 0, &s, &e);
          if (num && desk_extract_parse_number (num, &v))
            {
              g_autofree char *n = figure_value (num, scale_exponent (scale), TRUE);
              /* a prefixed figure without a scale may share the next one's ("de US$ 216 a US$ 717 millones") */
              _desk_extract_add_candidate (out, DESK_FACT_MONEY, par, s, e, g_strdup_printf ("%s %s", n, currency_code (cur)),
                                           r == 0 ? 0.95 : 0.9, r == 0 && scale == NULL ? g_strdup ("{\"scale\":false}") : NULL,
                                           CANDIDATE_FIGURE);
            }
        }
      g_clear_pointer (&m, g_match_info_free);
    }

  for (g_regex_match (self->percent_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *num = _desk_extract_fetch (m, "num");
      double v;

      _desk_extract_match_pos (m, 0, &s, &e);
      if (num && desk_extract_parse_number (num, &v))
        {
          g_autofree char *n = figure_value (num, 0, num[0] == '+');
          _desk_extract_add_candidate (out, DESK_FACT_PERCENT, par, s, e, g_strdup_printf ("%s%%", n), 0.95, NULL, CANDIDATE_FIGURE);
        }
    }
  g_clear_pointer (&m, g_match_info_free);

  for (g_regex_match (self->quantity_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *num = _desk_extract_fetch (m, "num");
      g_autofree char *scale = _desk_extract_fetch (m, "scale");
      g_autofree char *unit = _desk_extract_fetch (m, "unit");
      const char *code;
      double v;

      _desk_extract_match_pos (m, 0, &s, &e);
      if (num == NULL || unit == NULL || !desk_extract_parse_number (num, &v))
        continue;
      code = unit_code (unit);
      {
        g_autofree char *n = figure_value (num, scale_exponent (scale), FALSE);
        _desk_extract_add_candidate (out, DESK_FACT_QUANTITY, par, s, e, g_strdup_printf ("%s %s", n, code), 0.9, NULL, CANDIDATE_FIGURE);
      }
    }
  g_clear_pointer (&m, g_match_info_free);
}

void
_desk_extract_share_scales (GArray     *cands,
                            const char *par)
{
  static GRegex *link, *num_re;
  static gsize initialized = 0;

  /* import extracts in several threads at once */
  if (g_once_init_enter (&initialized))
    {
      link = _desk_extract_regex ("^\\s*(?:a|y|e|hasta|to|and|-|–)\\s*$", TRUE);
      num_re = _desk_extract_regex (NUM, FALSE);
      g_once_init_leave (&initialized, 1);
    }

  /* the sums of money in text order, to find those a few bytes after
   * another without trying every pair: a paragraph may hold thousands */
  g_autoptr(GArray) money = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < cands->len; i++)
    if (g_array_index (cands, Candidate, i).fact.kind == DESK_FACT_MONEY)
      g_array_append_val (money, i);
  g_array_sort_with_data (money, _desk_extract_compare_candidate_starts, cands);

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *a = &g_array_index (cands, Candidate, i);
      guint lo = 0, hi = money->len;

      if (a->fact.kind != DESK_FACT_MONEY || a->fact.extra == NULL)
        continue;
      /* those starting within 8 bytes after it, tried in the order found */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (cands, Candidate, g_array_index (money, guint, mid)).bstart <= a->bend)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_set_size (near, 0);
      for (guint k = lo; k < money->len; k++)
        {
          guint j = g_array_index (money, guint, k);
          if (g_array_index (cands, Candidate, j).bstart - a->bend > 8)
            break;
          g_array_append_val (near, j);
        }
      g_array_sort (near, _desk_extract_compare_indices);
      for (guint t = 0; t < near->len; t++)
        {
          guint j = g_array_index (near, guint, t);
          Candidate *b = &g_array_index (cands, Candidate, j);
          g_autofree char *gap = NULL;

          if (b->fact.kind != DESK_FACT_MONEY || b->bstart <= a->bend || b->fact.extra != NULL ||
              b->bstart - a->bend > 8)
            continue;
          gap = g_strndup (par + a->bend, b->bstart - a->bend);
          /* only a range in one currency shares its scale */
          if (g_strcmp0 (strchr (a->fact.value, ' '), strchr (b->fact.value, ' ')) != 0)
            continue;
          if (g_regex_match (link, gap, 0, NULL))
            {
              double vb = g_ascii_strtod (b->fact.value, NULL);
              const char *code = strchr (b->fact.value, ' ');
              double factor = 1;
              g_autofree char *raw = g_strndup (par + b->bstart, b->bend - b->bstart);
              g_autoptr(GMatchInfo) m = NULL;
              if (g_regex_match (num_re, raw, 0, &m))
                {
                  g_autofree char *num = g_match_info_fetch (m, 0);
                  double base;
                  if (desk_extract_parse_number (num, &base) && base != 0)
                    factor = vb / fabs (base);
                }
              /* the scale is a power of ten: the figure is shifted by it, exactly */
              if (factor > 1 && isfinite (factor))
                {
                  g_autofree char *digits = g_strndup (a->fact.value, strcspn (a->fact.value, " "));
                  g_autofree char *n = format_exact (digits, FALSE, (guint) lround (log10 (factor)));

                  g_free (a->fact.value);
                  a->fact.value = g_strdup_printf ("%s%s", n, code ? code : "");
                }
              break;
            }
        }
      g_clear_pointer (&a->fact.extra, g_free);
    }
}

char *
_desk_extract_date_value (Run        *run,
                          int         y,
                          int         m,
                          int         d)
{
  if (m < 1 || m > 12)
    return NULL;
  if (d == 0)
    return y > 0 ? g_strdup_printf ("%04d-%02d", y, m) : NULL;
  if (y == 0)
    {
      /* a day without a year takes the document's year when it has one */
      if (run->doc_year > 0 && g_date_valid_dmy (d, m, run->doc_year))
        return g_strdup_printf ("%04d-%02d-%02d", run->doc_year, m, d);
      return d >= 1 && d <= 31 ? g_strdup_printf ("--%02d-%02d", m, d) : NULL;
    }
  if (y < 1800 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

void
_desk_extract_find_dates (Run        *run,
                          const char *par,
                          const char *language,
                          GArray     *out)
{
  DeskExtractor *self = run->self;
  gsize s, e;
  gboolean number = FALSE, year = FALSE, modern_year = FALSE;

  /* every pattern wants a number, all but the first three a year: four
   * digits that no other digit touches, those of a range or after a word
   * a year from 1800 to 2099.  A paragraph is searched only for the
   * patterns it has what they want for */
  for (const char *p = par; *p && !modern_year;)
    {
      const char *digits = p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == digits)
        {
          p++;
          continue;
        }
      number = TRUE;
      if (p - digits == 4)
        {
          year = TRUE;
          modern_year = (digits[0] == '1' && (digits[1] == '8' || digits[1] == '9')) || (digits[0] == '2' && digits[1] == '0');
        }
    }

  for (guint r = 0; r < G_N_ELEMENTS (self->date_re); r++)
    {
      GMatchInfo *m = NULL;

      if (!number || (r >= DATE_NUMERIC && !year) || (r >= DATE_YEAR_RANGE && !modern_year))
        break;
      for (g_regex_match (self->date_re[r], par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *ys = _desk_extract_fetch (m, "y");
          g_autofree char *ms = NULL;
          g_autofree char *ds = NULL;
          int y = ys ? atoi (ys) : 0;
          char *value = NULL;
          double confidence = 0.95;

          _desk_extract_match_pos (m, 0, &s, &e);
          switch (r)
            {
            case DATE_DAY_MONTH_ES: case DATE_MONTH_DAY_EN: case DATE_DAY_MONTH_EN: case DATE_ISO:
              ms = _desk_extract_fetch (m, "m");
              ds = _desk_extract_fetch (m, "d");
              value = _desk_extract_date_value (run, y, r == DATE_ISO ? atoi (ms) : month_of (ms), atoi (ds));
              break;
            case DATE_NUMERIC:
              {
                g_autofree char *a = _desk_extract_fetch (m, "a");
                g_autofree char *b = _desk_extract_fetch (m, "b");
                int first = atoi (a), second = atoi (b);
                /* day first, as in Spanish, unless the text is English and it reads month first */
                gboolean month_first = g_str_equal (language, "en") && first <= 12 && second > 12;

                value = month_first ? _desk_extract_date_value (run, y, first, second) : _desk_extract_date_value (run, y, second, first);
                if (value == NULL && !month_first)
                  value = _desk_extract_date_value (run, y, first, second);
              }
              break;
            case DATE_MONTH_YEAR_ES: case DATE_MONTH_YEAR_EN:
              ms = _desk_extract_fetch (m, "m");
              value = _desk_extract_date_value (run, y, month_of (ms), 0);
              break;
            case DATE_PART_OF_YEAR:
              value = y >= 1800 && y <= 2200 ? g_strdup_printf ("%04d", y) : NULL;
              break;
            case DATE_YEAR_RANGE:
              {
                g_autofree char *y1 = _desk_extract_fetch (m, "y1");
                g_autofree char *y2 = _desk_extract_fetch (m, "y2");
                g_autofree char *y3 = _desk_extract_fetch (m, "y3");
                g_autofree char *y4 = _desk_extract_fetch (m, "y4");
                int a = atoi (y1 ? y1 : y3 ? y3 : "0");
                int b = atoi (y2 ? y2 : y4 ? y4 : "0");

                value = a > 0 && b > a ? g_strdup_printf ("%04d/%04d", a, b) : NULL;
              }
              break;
            case DATE_YEAR_AFTER_WORD:
              {
                /* the fact is the year, not the word before it */
                int ys_start, ys_end;

                g_match_info_fetch_named_pos (m, "y", &ys_start, &ys_end);
                s = ys_start;
                e = ys_end;
                value = g_strdup_printf ("%04d", y);
                confidence = 0.8;
              }
              break;
            default:
              break;
            }
          _desk_extract_add_candidate (out, DESK_FACT_DATE, par, s, e, value, confidence, NULL, CANDIDATE_FIGURE);
        }
      g_match_info_free (m);
    }
}

/* Reading a figure an officer typed */

enum
{
  READ_MONEY_PREFIX,   /* US$ 2,5 millones */
  READ_MONEY_SUFFIX,   /* 2,5 millones de dólares */
  READ_MONEY_CODE,     /* CAD 70,000, CN¥ 3000 millones */
  READ_PERCENT,        /* 9,1 % */
  READ_QUANTITY,       /* 89 755 ha */
  READ_STORED,         /* 2500000 USD, 822 t, 1500 €: the library's form, or a symbol after the number */
  N_READ_PATTERNS
};

/* The currency of a code or symbol written before or after a number
 * ("CAD", "CN¥", "€"), or NULL when the library knows none */
static const char *
written_currency (const char *code)
{
  g_autofree char *upper = g_utf8_strup (code, -1);

  if (g_str_equal (code, "CN¥"))
    return "CNY";
  if (g_str_equal (code, "¥"))
    return "JPY";
  if (g_str_equal (code, "€"))
    return "EUR";
  if (g_str_equal (code, "£"))
    return "GBP";
  return desk_value_is_currency (upper) ? g_intern_string (upper) : NULL;
}

/* The value of @text, an officer's correction of a figure of @kind
 * (money, quantity or percentage), as the extraction would write it:
 * the library's form ("2500000 USD", "822 t", "18%") or as people write
 * it ("US$ 2,5 millones", "US$2.5 million", "1.135 TM", "89 755 ha",
 * "9,1 %"), with the documents' number reading (desk_extract_parse_number)
 * and scale words.  A sign before it is kept ("−US$ 2,5 millones").
 * NULL when @text is not one figure of @kind. */
char *
desk_extract_read_figure (DeskFactKind  kind,
                          const char   *text)
{
  static GRegex *patterns[N_READ_PATTERNS];
  static GRegex *spaces, *groups;
  static gsize initialized = 0;
  g_autofree char *flat = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *number = NULL;
  const char *unit = NULL;
  const char *body;
  gboolean negative = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_once_init_enter (&initialized))
    {
      patterns[READ_MONEY_PREFIX] = _desk_extract_regex ("^(?:" MONEY_PREFIX_RE ")$", FALSE);
      patterns[READ_MONEY_SUFFIX] = _desk_extract_regex ("^(?:" MONEY_SUFFIX_RE ")$", TRUE);
      patterns[READ_MONEY_CODE] = _desk_extract_regex ("^(?P<cur>[A-Za-z]{3}|CN¥|¥)\\s?(?P<num>" NUM ")(?:\\s(?P<scale>" SCALE "))?$", FALSE);
      patterns[READ_PERCENT] = _desk_extract_regex ("^(?:" PERCENT_RE ")$", TRUE);
      patterns[READ_QUANTITY] = _desk_extract_regex ("^(?:" QUANTITY_RE ")$", FALSE);
      patterns[READ_STORED] = _desk_extract_regex ("^(?P<num>" NUM ")\\s?(?:(?P<scale>" SCALE ")\\s+(?:de\\s+)?)?"
                                                   "(?P<cur>[A-Za-z][A-Za-z0-9]{0,3}|€|£)$", FALSE);
      /* no-break and thin spaces, as the window writes figures */
      spaces = _desk_extract_regex ("\\s+|\xc2\xa0|\xe2\x80\xaf|\xe2\x80\x89", FALSE);
      /* digits grouped by spaces, as Spanish writes them: "125 000" */
      groups = _desk_extract_regex ("(?<=[0-9]) (?=[0-9]{3}(?![0-9]))", FALSE);
      g_once_init_leave (&initialized, 1);
    }

  if (kind != DESK_FACT_MONEY && kind != DESK_FACT_QUANTITY && kind != DESK_FACT_PERCENT)
    return NULL;
  flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  plain = g_regex_replace_literal (groups, g_strstrip (flat), -1, 0, "", 0, NULL);
  body = plain;
  /* a sign before the currency ("−US$ 2,5 millones"); the extraction
   * keeps none on sums, a correction may */
  if (g_str_has_prefix (body, "−") || *body == '-')
    {
      negative = TRUE;
      body += *body == '-' ? 1 : strlen ("−");
      while (*body == ' ')
        body++;
    }

  for (guint r = 0; r < N_READ_PATTERNS && number == NULL; r++)
    {
      g_autoptr(GMatchInfo) m = NULL;
      g_autofree char *num = NULL;
      g_autofree char *scale = NULL;
      g_autofree char *cur = NULL;
      g_autofree char *unit_text = NULL;
      gboolean money = r == READ_MONEY_PREFIX || r == READ_MONEY_SUFFIX || r == READ_MONEY_CODE;
      double v;

      if (!(kind == DESK_FACT_MONEY ? money || r == READ_STORED
            : kind == DESK_FACT_QUANTITY ? r == READ_QUANTITY || r == READ_STORED
            : r == READ_PERCENT) ||
          !g_regex_match (patterns[r], body, 0, &m))
        continue;
      num = _desk_extract_fetch (m, "num");
      if (num == NULL || !desk_extract_parse_number (num, &v))
        continue;
      if (r != READ_PERCENT)
        scale = _desk_extract_fetch (m, "scale");
      if (money || r == READ_STORED)
        cur = _desk_extract_fetch (m, "cur");
      if (r == READ_QUANTITY)
        unit_text = _desk_extract_fetch (m, "unit");

      if (r == READ_MONEY_PREFIX || r == READ_MONEY_SUFFIX)
        unit = currency_code (cur);
      else if (r == READ_MONEY_CODE || (r == READ_STORED && kind == DESK_FACT_MONEY))
        unit = written_currency (cur);
      else if (r == READ_STORED)
        unit = desk_value_is_unit (cur) ? g_intern_string (cur) : NULL;
      else if (r == READ_QUANTITY)
        unit = unit_code (unit_text);
      else
        unit = "%";
      if (unit == NULL)
        continue;
      number = figure_value (num, scale_exponent (scale), FALSE);
    }
  if (number == NULL)
    return NULL;
  /* one sign: "−−5 %" is no figure */
  if (negative && number[0] == '-')
    return NULL;
  if (negative && strspn (number, "0.") != strlen (number))
    {
      char *signed_number = g_strconcat ("-", number, NULL);

      g_free (number);
      number = signed_number;
    }
  return kind == DESK_FACT_PERCENT ? g_strconcat (number, "%", NULL) : g_strdup_printf ("%s %s", number, unit);
}
