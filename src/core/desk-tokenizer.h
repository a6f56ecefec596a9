/* desk-tokenizer.h: accent-folding, Spanish and English stemming tokenizer
 * shared by the FTS5 index and by match highlighting */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _DeskStemmer DeskStemmer;

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
void         desk_tokenizer_replay       (DeskTokens   *tokens,
                                          gint64        start,
                                          const gsize  *deltas,
                                          guint         n_deltas);
guint        desk_tokenizer_replayed     (void);

gboolean     desk_tokenizer_register     (sqlite3      *db,
                                          GError      **error);
char        *desk_tokenizer_build_query  (const char   *user_query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskStemmer, desk_stemmer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTokens, desk_tokens_unref)

G_END_DECLS
