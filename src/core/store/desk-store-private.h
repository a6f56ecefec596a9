/* desk-store-private.h: the library's connection and SQL helpers, shared
 * by the files of the store and by the stages after it that keep their
 * SQL beside their logic (review, lists); never by src/gui or src/cli */
#pragma once

#include <sqlite3.h>

#include "desk-stemmer.h"
#include "desk-store.h"

G_BEGIN_DECLS

struct _DeskStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements;   /* SQL text (a literal) → its prepared statement */
  gboolean in_batch;        /* desk_store_begin_batch () holds a transaction */
  gboolean read_only;       /* where it is, it cannot be written: opened as it is */
  gboolean disk_full;       /* … because its disk is full */
  gboolean damaged;         /* SQLite found it damaged: it is only read */
  DeskStemmer *stemmer;     /* for snippets, made when first needed */
  GArray *fts_pending;      /* PendingIndex: documents written whose words are not indexed yet */
  gboolean entities_new;    /* this transaction made entities, to settle before it ends */

  /* waiting for the library while another program writes it (on_library_busy) */
  guint max_wait;           /* milliseconds; 0: give up at once */
  gint64 busy_since;        /* monotonic time the current wait began */
  gboolean busy_told;       /* the current wait was told to waiting_func */
  DeskStoreWaitingFunc waiting_func;
  gpointer waiting_data;
  GCancellable *cancellable; /* gives up a wait when cancelled */
};

/* A document written in this transaction whose words the full-text
 * index has not taken yet (desk-store-index.c) */
typedef struct
{
  gint64 id;
  DeskTokens *tokens;       /* the words of its text, recorded as it was read, or NULL */
} PendingIndex;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Whether the table fact_counts holds how many facts of each kind and
 * modality the library has (a library of an earlier version has them
 * counted in the background: desk_store_update_fact_counts), in SQL */
#define DESK_STORE_FACT_COUNTS_KEPT "EXISTS (SELECT 1 FROM library_state WHERE key = 'fact_counts')"

/* How many facts the library has: read from fact_counts, or counted */
#define DESK_STORE_COUNT_FACTS_SQL \
  "SELECT CASE WHEN " DESK_STORE_FACT_COUNTS_KEPT " THEN (SELECT coalesce (sum (n), 0) FROM fact_counts)" \
  " ELSE (SELECT count (*) FROM facts) END"

/* A figure's value (money, quantity, percentage: "2500000 USD", "822 t",
 * "18%") as an order: its unit, then its amount as a number, so that
 * 2500000 USD comes before 125000000000 USD, which its text puts after.
 * Other facts have no unit ('') and no amount (0).  The facts_amount
 * index is on these expressions, then the kind and the value: an order
 * by them is a walk along it.  @t is the facts table's alias with its
 * dot, or "" */
/* (not "kind IN (…)": SQLite builds a table of the list each time it
 * evaluates it, once for every fact written, which made an import a
 * fifth slower) */
#define DESK_STORE_FACT_IS_FIGURE_SQL(t) "(" t "kind = 'money' OR " t "kind = 'quantity' OR " t "kind = 'percent')"
#define DESK_STORE_FACT_UNIT_SQL(t) \
  "(CASE WHEN " DESK_STORE_FACT_IS_FIGURE_SQL (t) " THEN ltrim (" t "value, '-0123456789.') ELSE '' END)"
#define DESK_STORE_FACT_AMOUNT_SQL(t) \
  "(CASE WHEN " DESK_STORE_FACT_IS_FIGURE_SQL (t) " THEN CAST (" t "value AS REAL) ELSE 0 END)"

/* The columns desk_store_document_from_row () reads, in its order */
#define DESK_STORE_DOCUMENT_COLUMNS \
  "id, uid, title, path, format, language, languages, published, imported, size, n_chars, n_sections, author, source"

/* What a step of a statement gave (desk_store_step) */
typedef enum
{
  DESK_STORE_STEP_FAILED,   /* the error is set */
  DESK_STORE_STEP_DONE,
  DESK_STORE_STEP_ROW,
} DeskStoreStep;

/* The SQL helpers */
sqlite3      *desk_store_get_db            (DeskStore           *self);
gboolean      desk_store_set_error_from_db (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_exec              (DeskStore           *self,
                                            const char          *sql,
                                            GError             **error);
sqlite3_stmt *desk_store_prepare           (DeskStore           *self,
                                            const char          *sql,
                                            GError             **error);
sqlite3_stmt *desk_store_cached            (DeskStore           *self,
                                            const char          *sql,
                                            GError             **error);
DeskStoreStep desk_store_step              (DeskStore           *self,
                                            sqlite3_stmt        *stmt,
                                            GError             **error);
const char   *desk_store_column_text       (sqlite3_stmt        *stmt,
                                            int                  column);
gint64        desk_store_query_int64       (DeskStore           *self,
                                            const char          *sql,
                                            GError             **error);
gint64        desk_store_get_state         (DeskStore           *self,
                                            const char          *key);
gboolean      desk_store_set_state         (DeskStore           *self,
                                            const char          *key,
                                            gint64               value,
                                            GError             **error);
DeskDocument *desk_store_document_from_row (sqlite3_stmt        *stmt);

/* Shared by the store's own files only */

/* A name's terms when they are its sentence's, in sentence_terms */
#define DESK_STORE_SENTENCE_TERMS "*"

/* The columns of a DeskFactRow (_desk_store_fact_row_from_stmt) */
#define DESK_STORE_FACT_ROW_COLUMNS \
  "f.uid, f.document_id, f.kind, f.text, f.value, f.start, f.\"end\", f.section, f.modality," \
  " f.confidence, f.extra, s.number, s.title, d.title, d.language, f.id, coalesce (f.sentence, f.start)"
#define DESK_STORE_FACT_ROW_JOINS \
  " FROM facts f JOIN documents d ON d.id = f.document_id" \
  " LEFT JOIN sections s ON s.document_id = f.document_id AND s.position = f.section"

int           _desk_store_read_version     (DeskStore           *self,
                                            GError             **error);
gboolean      _desk_store_migrate          (DeskStore           *self,
                                            int                  version,
                                            GError             **error);
gboolean      _desk_store_commit           (DeskStore           *self,
                                            GError             **error);
void          _desk_store_rollback         (DeskStore           *self);
gboolean      _desk_store_index_pending    (DeskStore           *self,
                                            GError             **error);
gboolean      _desk_store_has_sentence_terms (DeskFactKind       kind);
gboolean      _desk_store_count_document_facts (DeskStore       *self,
                                            gint64               id,
                                            int                  sign,
                                            GError             **error);
gboolean      _desk_store_upsert_facts     (DeskStore           *self,
                                            gint64               id,
                                            GArray              *facts,
                                            GPtrArray           *uids,
                                            GError             **error);
DeskFactRow  *_desk_store_fact_row_from_stmt (sqlite3_stmt      *stmt);
gboolean      _desk_store_register_entity_functions (DeskStore *self,
                                            GError             **error);
gboolean      _desk_store_write_mentions   (DeskStore           *self,
                                            gint64               id,
                                            GArray              *facts,
                                            GError             **error);
gboolean      _desk_store_settle_entities  (DeskStore           *self,
                                            GError             **error);
gboolean      _desk_store_apply_entity_decisions (DeskStore     *self,
                                            GError             **error);
gboolean      _desk_store_write_scores     (DeskStore           *self,
                                            gint64               id,
                                            const char          *doc_uid,
                                            DeskDocumentScores  *scores,
                                            GError             **error);

G_END_DECLS
