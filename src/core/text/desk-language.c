/* desk-language.c: Spanish or English, from function words
 *
 * Function words are frequent in any text of a language and rare in the
 * other; counting them decides a paragraph reliably from a dozen words on.
 * Words common to both ("a", "no", "me") are left out. */
#define G_LOG_DOMAIN "desk-language"

#include "config.h"

#include <string.h>

#include "desk-language.h"

static const char * const spanish_words[] = {
  "de", "la", "que", "el", "en", "y", "los", "se", "del", "las", "por", "un", "para",
  "con", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "este",
  "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "hasta",
  "hay", "donde", "desde", "todo", "nos", "durante", "todos", "les", "ni", "contra",
  "otros", "ese", "eso", "ante", "ellos", "esto", "antes", "algunos", "qué", "unos",
  "otro", "otras", "otra", "él", "tanto", "esa", "estos", "mucho", "nada", "muchos",
  "cual", "ha", "han", "es", "son", "fue", "ser", "está", "están", "sido", "así",
};

static const char * const english_words[] = {
  "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be",
  "by", "on", "not", "this", "are", "or", "his", "from", "at", "which", "but", "have",
  "an", "they", "you", "were", "her", "she", "there", "been", "one", "all", "we",
  "their", "has", "would", "when", "if", "so", "will", "more", "can", "its", "these",
  "than", "into", "also", "between", "both", "such", "those", "while", "who", "should",
};

/* Bytes of the longest function word ("también") */
#define LONGEST_WORD 8

static GHashTable *
word_table (void)
{
  static GHashTable *table;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (spanish_words); i++)
        {
          g_assert (strlen (spanish_words[i]) <= LONGEST_WORD);
          g_hash_table_insert (table, (gpointer) spanish_words[i], GINT_TO_POINTER (1));
        }
      for (guint i = 0; i < G_N_ELEMENTS (english_words); i++)
        {
          g_assert (strlen (english_words[i]) <= LONGEST_WORD);
          g_hash_table_insert (table, (gpointer) english_words[i], GINT_TO_POINTER (2));
        }
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

/* Whether the character at @p is a letter; most are ASCII */
static inline gboolean
letter_at (const char *p)
{
  guchar b = (guchar) *p;

  return b < 0x80 ? g_ascii_isalpha (b) : g_unichar_isalpha (g_utf8_get_char (p));
}

/* "es", "en", or "" when the text gives too little evidence. */
const char *
desk_language_detect (const char *text,
                      gssize      len)
{
  GHashTable *table = word_table ();
  const char *p = text;
  const char *end;
  guint es = 0, en = 0;
  char word[16];

  g_return_val_if_fail (text != NULL, "");

  end = text + (len < 0 ? (gssize) strlen (text) : len);
  while (p < end)
    {
      const char *w;
      gsize n = 0;

      while (p < end && !letter_at (p))
        p = g_utf8_next_char (p);
      w = p;
      while (p < end && letter_at (p))
        p = g_utf8_next_char (p);
      n = p - w;
      /* longer, it is none of them */
      if (n == 0 || n > LONGEST_WORD)
        continue;

      for (gsize i = 0; i < n; i++)
        word[i] = g_ascii_tolower (w[i]);
      word[n] = '\0';
      switch (GPOINTER_TO_INT (g_hash_table_lookup (table, word)))
        {
        case 1: es++; break;
        case 2: en++; break;
        default: break;
        }
    }

  if (es + en < 2)
    return "";
  return es >= en ? "es" : "en";
}
