/* desk-stemmer.h: accent-folding Spanish and English stemming of words,
 * and the recorded terms of a text */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DeskStemmer DeskStemmer;

/* A span of a text, in code points: a matched word, a highlight */
typedef struct
{
  guint start;
  guint end;
} DeskRange;

/* Called for every index term of every word: the first term of a word has
 * colocated FALSE, the other forms of the same word TRUE.  Return FALSE to stop. */
typedef gboolean (*DeskTermFunc) (const char *term,
                                  gsize       term_len,
                                  gsize       byte_start,
                                  gsize       byte_end,
                                  gboolean    colocated,
                                  gpointer    user_data);

DeskStemmer *desk_stemmer_new            (void);
void         desk_stemmer_free           (DeskStemmer  *self);
void         desk_stemmer_tokenize       (DeskStemmer  *self,
                                          const char   *text,
                                          gsize         len,
                                          DeskTermFunc  func,
                                          gpointer      user_data);
GArray      *desk_stemmer_find_matches   (DeskStemmer  *self,
                                          const char   *text,
                                          const char   *query);
char        *desk_stemmer_snippet        (DeskStemmer  *self,
                                          const char   *text,
                                          const char   *query,
                                          guint         n_words,
                                          const char   *open,
                                          const char   *close);

/* The index terms of a text as desk_stemmer_tokenize () gives them,
 * recorded where the text was read, so that the library's index takes
 * them as they are instead of tokenizing the text again on the one
 * thread that writes the library.  Shared: desk_tokens_ref (). */
typedef struct _DeskTokens DeskTokens;

DeskTokens  *desk_stemmer_record         (DeskStemmer  *self,
                                          const char   *text,
                                          gsize         len);
DeskTokens  *desk_tokens_ref             (DeskTokens   *tokens);
void         desk_tokens_unref           (DeskTokens   *tokens);
gsize        desk_tokens_size            (const DeskTokens *tokens);
gboolean     desk_tokens_foreach         (const DeskTokens *tokens,
                                          gsize         start,
                                          gsize         end,
                                          DeskTermFunc  func,
                                          gpointer      user_data);
const char  *desk_tokens_get_text        (const DeskTokens *tokens,
                                          gsize        *len);
gboolean     desk_tokens_is_whole        (const DeskTokens *tokens);
gsize        desk_tokens_byte_offset     (DeskTokens   *tokens,
                                          gint64        chars);
gboolean     desk_stemmer_is_word_char   (gunichar      c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskStemmer, desk_stemmer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTokens, desk_tokens_unref)

G_END_DECLS
