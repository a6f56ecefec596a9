/* desk-test-util.h: temporary folders, corpus paths and small files for tests */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "desk-store.h"

G_BEGIN_DECLS

char       *desk_test_make_tmpdir    (void);
void        desk_test_rm_rf          (const char *path);
char       *desk_test_write_file     (const char *dir,
                                      const char *name,
                                      const char *contents,
                                      gssize      len);
const char *desk_test_corpus_dir     (void);
char       *desk_test_corpus_file    (const char *name);
gboolean    desk_test_have_corpus    (void);
GPtrArray  *desk_test_corpus_sentences (gsize       max_len);
char       *desk_test_vary_digits    (const char *sentence,
                                      GRand      *rand);
char       *desk_test_generate_text  (GPtrArray  *sentences,
                                      guint       index,
                                      guint       n_sentences,
                                      GRand      *rand);
gint64      desk_test_count          (DeskStore  *store,
                                      const char *sql);
char       *desk_test_index_terms    (sqlite3    *db,
                                      const char *table);
void        desk_test_fill_library   (const char *library,
                                      guint       n_docs,
                                      const char *tmp);
int         desk_test_compare_doubles (gconstpointer a,
                                       gconstpointer b);
int         desk_test_run_cli        (const char  *library,
                                      char       **out,
                                      char       **err,
                                      ...) G_GNUC_NULL_TERMINATED;
char       *desk_test_query_text     (DeskStore   *store,
                                      const char  *sql);
char       *desk_test_review_events  (const char  *library);
gint64      desk_test_check_library  (const char  *library,
                                      const char  *events_before);
char       *desk_test_file_checksum  (const char  *path);
GPid        desk_test_hold_lock      (const char  *library,
                                      guint        seconds);
int         desk_test_wait_child     (GPid         pid);

G_END_DECLS
