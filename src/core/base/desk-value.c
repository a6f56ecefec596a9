/* desk-value.c: a fact's normalized value as people read it — money,
 * quantities and percentages written in Spanish or English
 *
 * The library keeps values as DESIGN.md writes them ("125000000000 USD",
 * "89755 ha", "9.1%"); people read "US$ 125 000 millones" or
 * "US$125 billion".  The language is a parameter, never the process's
 * locale: the window writes in its own language, a brief in the brief's.
 *
 * Spanish follows the Real Academia Española (Ortografía, 2010), as
 * Peruvian official writing does: a decimal comma; digits grouped by
 * threes with a space, and only in numbers of more than four digits
 * ("1135 t", "89 755 ha"); a space before "%"; "millones" up to a
 * billón (10^12), never "billones" for 10^9.  English groups with a
 * comma from four digits on and says "million", "billion" (10^9) and
 * "trillion".  The spaces are no-break spaces, so that a figure is never
 * cut at the end of a line.
 *
 * Nothing is rounded: a sum is said with a scale word only when that
 * keeps every digit with at most two decimals ("US$ 2,5 millones"),
 * otherwise it is written whole ("US$ 1 234 567").  What is written
 * here reads back to the same value (desk_extract_read_figure ()). */
#define G_LOG_DOMAIN "desk-value"

#include "config.h"

#include <string.h>

#include "desk-value.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"

/* The decimals a sum said with a scale word keeps at most: three after
 * a mark read as a group of thousands, in either language
 * (desk_extract_parse_number: "1.135 TM" is 1135), so that
 * "US$3.679 billion" would be read back a thousand times larger; it is
 * "US$3,679 million" */
#define SCALED_DECIMALS 2

typedef enum
{
  LANGUAGE_SPANISH,
  LANGUAGE_ENGLISH,
} Language;

/* How a currency is written: before the number in each language (with
 * its space, when it takes one), or in Spanish after it, as the RAE has
 * it for the euro ("1500 €", "2,5 millones de euros") */
typedef struct
{
  const char *code;
  const char *english;
  const char *spanish;
  const char *spanish_after;
  const char *spanish_name;   /* after a scale word */
} Currency;

static const Currency currencies[] = {
  { "USD", "US$", "US$" NBSP, NULL, NULL },
  { "PEN", "S/" NBSP, "S/" NBSP, NULL, NULL },
  { "EUR", "€", NULL, "€", "euros" },
  { "GBP", "£", NULL, "£", "libras" },
  { "CNY", "CN¥", "CN¥" NBSP, NULL, NULL },
  { "JPY", "¥", "¥" NBSP, NULL, NULL },
};

/* Written with their ISO code before the number in both languages */
static const char * const code_currencies[] = {
  "ARS", "AUD", "BOB", "BRL", "CAD", "CHF", "CLP", "COP", "INR", "KRW", "MXN",
};

/* The units of quantities and how they are written (SI symbols, the same
 * in both languages) */
static const struct
{
  const char *code;
  const char *symbol;
} units[] = {
  { "t", "t" }, { "kg", "kg" }, { "km", "km" }, { "km2", "km²" }, { "ha", "ha" }, { "MW", "MW" }, { "bbl", "bbl" },
};

/* Scale words, largest first: the power of ten, singular and plural */
typedef struct
{
  guint exponent;
  const char *one;
  const char *many;
} Scale;

static const Scale spanish_scales[] = {
  { 12, "billón", "billones" },
  { 6, "millón", "millones" },
  { 0, NULL, NULL },
};

static const Scale english_scales[] = {
  { 12, "trillion", "trillion" },
  { 9, "billion", "billion" },
  { 6, "million", "million" },
  { 0, NULL, NULL },
};

/* A number as the library writes it, taken apart */
typedef struct
{
  gboolean negative;
  char *whole;      /* digits, no leading zeros but one "0" */
  char *fraction;   /* digits, no trailing zeros; "" for none */
  const char *unit; /* into the value: what follows the number and its space, "%" or "" */
} Figure;

static void
figure_clear (Figure *figure)
{
  g_clear_pointer (&figure->whole, g_free);
  g_clear_pointer (&figure->fraction, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Figure, figure_clear)

static Language
language_of (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "es") ? LANGUAGE_SPANISH : LANGUAGE_ENGLISH;
}

static const Currency *
find_currency (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_equal (currencies[i].code, code))
      return &currencies[i];
  return NULL;
}

static const char *
find_unit_symbol (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].code, code))
      return units[i].symbol;
  return NULL;
}

/* Takes "-1234.5 USD", "9.1%" or "89755 ha" apart; FALSE for anything
 * else (a date, a name, an officer's free-text correction) */
static gboolean
parse_figure (const char *value,
              Figure     *figure)
{
  const char *p = value;
  gsize n;

  figure->negative = *p == '-';
  if (figure->negative)
    p++;
  n = strspn (p, "0123456789");
  if (n == 0)
    return FALSE;
  while (n > 1 && *p == '0')
    {
      p++;
      n--;
    }
  figure->whole = g_strndup (p, n);
  p += n;
  if (*p == '.')
    {
      gsize f = strspn (p + 1, "0123456789");

      if (f == 0)
        return FALSE;
      while (f > 0 && p[f] == '0')
        f--;
      figure->fraction = g_strndup (p + 1, f);
      p += 1 + strspn (p + 1, "0123456789");
    }
  else
    figure->fraction = g_strdup ("");

  if (*p == '\0' || g_str_equal (p, "%"))
    figure->unit = p;
  else if (*p == ' ' && p[1] != '\0' && strchr (p + 1, ' ') == NULL)
    figure->unit = p + 1;
  else
    return FALSE;
  /* no "−0" */
  if (g_str_equal (figure->whole, "0") && *figure->fraction == '\0')
    figure->negative = FALSE;
  return TRUE;
}

/* @whole and @fraction written with the language's decimal mark and
 * grouping */
static void
append_number (GString    *out,
               const char *whole,
               const char *fraction,
               Language    language)
{
  gsize n = strlen (whole);
  /* the RAE leaves numbers of four digits whole ("1135", "2024") */
  gboolean grouped = language == LANGUAGE_SPANISH ? n > 4 : n > 3;

  for (gsize i = 0; i < n; i++)
    {
      if (grouped && i > 0 && (n - i) % 3 == 0)
        g_string_append (out, language == LANGUAGE_SPANISH ? NBSP : ",");
      g_string_append_c (out, whole[i]);
    }
  if (*fraction != '\0')
    {
      g_string_append_c (out, language == LANGUAGE_SPANISH ? ',' : '.');
      g_string_append (out, fraction);
    }
}

/* The largest scale that says @figure exactly with at most
 * SCALED_DECIMALS decimals, and the number to say with it; NULL when
 * none does (the sum is written whole) */
static const Scale *
choose_scale (const Figure *figure,
              Language      language,
              char        **whole,
              char        **fraction)
{
  const Scale *scales = language == LANGUAGE_SPANISH ? spanish_scales : english_scales;
  gsize n = strlen (figure->whole);

  for (guint i = 0; scales[i].one != NULL; i++)
    {
      guint e = scales[i].exponent;
      g_autofree char *shifted = NULL;
      gsize f;

      if (n <= e)
        continue;
      shifted = g_strconcat (figure->whole + n - e, figure->fraction, NULL);
      f = strlen (shifted);
      while (f > 0 && shifted[f - 1] == '0')
        f--;
      if (f > SCALED_DECIMALS)
        continue;
      *whole = g_strndup (figure->whole, n - e);
      *fraction = g_strndup (shifted, f);
      return &scales[i];
    }
  return NULL;
}

static char *
format_money (const Figure *figure,
              Language      language)
{
  const Currency *currency = find_currency (figure->unit);
  GString *out = g_string_new (figure->negative ? MINUS : "");
  g_autofree char *whole = NULL;
  g_autofree char *fraction = NULL;
  const Scale *scale = choose_scale (figure, language, &whole, &fraction);
  const char *word = NULL;
  const char *before = NULL;
  const char *after = NULL;

  if (scale != NULL)
    word = g_str_equal (whole, "1") && *fraction == '\0' ? scale->one : scale->many;
  else
    {
      whole = g_strdup (figure->whole);
      fraction = g_strdup (figure->fraction);
    }

  if (currency != NULL && language == LANGUAGE_ENGLISH)
    before = currency->english;
  else if (currency != NULL && currency->spanish != NULL)
    before = currency->spanish;
  else if (currency != NULL)
    after = word != NULL ? currency->spanish_name : currency->spanish_after;

  if (before != NULL)
    g_string_append (out, before);
  else if (currency == NULL && *figure->unit != '\0')
    g_string_append_printf (out, "%s" NBSP, figure->unit);
  append_number (out, whole, fraction, language);
  if (word != NULL)
    g_string_append_printf (out, " %s", word);
  if (after != NULL)
    g_string_append_printf (out, word != NULL ? " de %s" : NBSP "%s", after);
  return g_string_free (out, FALSE);
}

/* The value @value of a fact of @kind as people write it in @language
 * ("es" or "en"; another reads as English): money with its currency's
 * symbol and a scale word ("US$ 2,5 millones", "US$2.5 million"),
 * quantities and percentages with their digits grouped ("89 755 ha",
 * "89,755 ha", "9,1 %").  Any other value, or one not in the library's
 * form (an officer's free-text correction), comes back as it is. */
char *
desk_value_format (DeskFactKind  kind,
                   const char   *value,
                   const char   *language)
{
  g_auto(Figure) figure = { 0 };
  Language lang = language_of (language);
  GString *out;

  g_return_val_if_fail (value != NULL, NULL);

  if ((kind != DESK_FACT_MONEY && kind != DESK_FACT_QUANTITY && kind != DESK_FACT_PERCENT) ||
      !parse_figure (value, &figure) ||
      (kind == DESK_FACT_PERCENT) != g_str_equal (figure.unit, "%"))
    return g_strdup (value);

  if (kind == DESK_FACT_MONEY)
    return format_money (&figure, lang);

  out = g_string_new (figure.negative ? MINUS : "");
  append_number (out, figure.whole, figure.fraction, lang);
  if (kind == DESK_FACT_PERCENT)
    g_string_append (out, lang == LANGUAGE_SPANISH ? NBSP "%" : "%");
  else if (*figure.unit != '\0')
    {
      const char *symbol = find_unit_symbol (figure.unit);

      g_string_append_printf (out, NBSP "%s", symbol != NULL ? symbol : figure.unit);
    }
  return g_string_free (out, FALSE);
}

/* Whether @code is a currency the library writes ("USD", "PEN"…) */
gboolean
desk_value_is_currency (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (find_currency (code) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (code_currencies); i++)
    if (g_str_equal (code_currencies[i], code))
      return TRUE;
  return FALSE;
}

/* Whether @code is a unit of quantities the library writes ("t", "km2"…) */
gboolean
desk_value_is_unit (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  return find_unit_symbol (code) != NULL;
}
