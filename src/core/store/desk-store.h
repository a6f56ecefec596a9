/* desk-store.h: the library, one SQLite file; one DeskStore per thread */
#pragma once

#include <gio/gio.h>

#include "desk-axes.h"
#include "desk-document.h"
#include "desk-fact.h"
#include "desk-section.h"
#include "desk-search-hit.h"
#include "desk-parsed-document.h"

G_BEGIN_DECLS

#define DESK_STORE_ERROR (desk_store_error_quark ())

typedef enum
{
  DESK_STORE_ERROR_OPEN,
  DESK_STORE_ERROR_NOT_A_LIBRARY,
  DESK_STORE_ERROR_NEWER_VERSION,
  DESK_STORE_ERROR_SQL,
  DESK_STORE_ERROR_NOT_FOUND,
  DESK_STORE_ERROR_QUERY,
  DESK_STORE_ERROR_FULL,
  DESK_STORE_ERROR_READ_ONLY,
  DESK_STORE_ERROR_BUSY,       /* another program kept the library to itself too long */
} DeskStoreError;

#define DESK_STORE_SCHEMA_VERSION 13


/* Characters of a search, at most: longer ones are refused, not run */
#define DESK_STORE_MAX_QUERY 500

/* A stored fact, with what locates it in the library */
typedef struct
{
  DeskFact fact;
  char *uid;
  gint64 document_id;
  char *document_title;
  char *document_language;
  char *document_published;
  char *section_title;
  double score;          /* against an axis, when listed for one */
  char *about;           /* the entities its sentence names, when asked for: "Peru, United States" */
} DeskFactRow;

/* An axis a document proposes, as stored */
typedef struct
{
  char *id;
  gint64 document_id;
  char *name;
  gint64 start;
  gint64 end;
  char *merged_into;
  char *document_title;
  guint n_proposals;
} DeskFoundAxisRow;

void desk_found_axis_row_free (DeskFoundAxisRow *row);

typedef struct
{
  int kind;          /* DeskFactKind, or -1 for any */
  int modality;      /* DeskModality, or -1 for any */
  gint64 document_id; /* 0 for any */
  const char *uid;    /* NULL for any */
} DeskFactFilter;

/* A person, organization or place of the library, as the officer left
 * it (renamed, merged, its kind changed) */
typedef struct
{
  gint64 id;
  char *uid;
  DeskFactKind kind;
  char *name;          /* the officer's, or the canonical name in the language asked */
  char *name_es;
  char *name_en;
  gboolean renamed;
  gboolean rejected;   /* marked as not an entity */
  GStrv aliases;       /* how the documents write it */
  gint64 n_mentions;
  gint64 n_documents;
  char *newest;        /* the newest date of a document that mentions it */
  char *note;
} DeskEntityRow;

/* One place a document names an entity */
typedef struct
{
  gint64 document_id;
  char *document_uid;
  char *document_title;
  char *document_published;
  gint64 start;
  gint64 end;
  char *form;          /* as the document writes it */
  char *before;        /* the text before it, when asked for context */
  char *after;
  char *entity_uid;
  char *entity_name;
  DeskFactKind kind;
} DeskMentionRow;

typedef enum
{
  DESK_ENTITY_SORT_MENTIONS,
  DESK_ENTITY_SORT_NAME,
  DESK_ENTITY_SORT_KIND,
  DESK_ENTITY_SORT_DOCUMENTS,
  DESK_ENTITY_SORT_NEWEST,
} DeskEntitySort;

typedef struct
{
  int kind;              /* DeskFactKind (a name's), or -1 for any */
  const char *words;     /* in its names or aliases, or NULL */
  const char *language;  /* "es" or "en" for its name, NULL for the interface's */
  DeskEntitySort sort;
  gboolean descending;
  gboolean rejected;     /* those marked as not entities, instead of the others */
} DeskEntityFilter;

/* What a review's target is */
typedef enum
{
  DESK_STORE_TARGET_NONE,
  DESK_STORE_TARGET_FACT = 1,
  DESK_STORE_TARGET_ENTITY = 2,
  DESK_STORE_TARGET_ALIAS = 3,
  DESK_STORE_TARGET_DOCUMENT = 4,
} DeskStoreTarget;

void desk_entity_row_free  (DeskEntityRow  *row);
void desk_mention_row_free (DeskMentionRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskEntityRow, desk_entity_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskMentionRow, desk_mention_row_free)

/* Told, in the thread that writes, that a write waits for the library at
 * @path because another program is writing it (desk_store_set_waiting_func) */
typedef void (*DeskStoreWaitingFunc) (const char *path,
                                      gpointer    user_data);

void desk_fact_row_free (DeskFactRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskFactRow, desk_fact_row_free)

/* Given each row of a walk over the library in turn, which it takes:
 * FALSE with @error set ends the walk with that error */
typedef gboolean (*DeskFactRowFunc)  (DeskFactRow   *row,
                                      gpointer       user_data,
                                      GError       **error);
typedef gboolean (*DeskMentionFunc)  (DeskMentionRow *row,
                                      gpointer        user_data,
                                      GError        **error);
typedef gboolean (*DeskDocumentFunc) (DeskDocument  *doc,
                                      gpointer       user_data,
                                      GError       **error);
typedef gboolean (*DeskFoundAxisFunc) (DeskFoundAxisRow *row,
                                       gpointer          user_data,
                                       GError          **error);

#define DESK_TYPE_STORE (desk_store_get_type ())
G_DECLARE_FINAL_TYPE (DeskStore, desk_store, DESK, STORE, GObject)

GQuark        desk_store_error_quark       (void);
char         *desk_store_default_path      (void);
DeskStore    *desk_store_open              (const char          *path,
                                            GError             **error);
DeskStore    *desk_store_open_existing     (const char          *path,
                                            GError             **error);
const char   *desk_store_get_path          (DeskStore           *self);
gboolean      desk_store_is_read_only      (DeskStore           *self);
gboolean      desk_store_is_disk_full      (DeskStore           *self);
gboolean      desk_store_check_writable    (DeskStore           *self,
                                            GError             **error);
void          desk_store_set_max_wait      (DeskStore           *self,
                                            guint                milliseconds);
void          desk_store_set_waiting_func  (DeskStore           *self,
                                            DeskStoreWaitingFunc func,
                                            gpointer             user_data);
void          desk_store_set_cancellable   (DeskStore           *self,
                                            GCancellable        *cancellable);
gint64        desk_store_get_data_version  (DeskStore           *self);
gboolean      desk_store_add_document      (DeskStore           *self,
                                            DeskParsedDocument  *doc,
                                            gint64              *out_id,
                                            gboolean            *out_existed,
                                            GError             **error);
gboolean      desk_store_add_scored_document (DeskStore         *self,
                                            DeskParsedDocument  *doc,
                                            DeskDocumentScores  *scores,
                                            gint64              *out_id,
                                            gboolean            *out_existed,
                                            GError             **error);
gboolean      desk_store_begin_batch       (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_commit_batch      (DeskStore           *self,
                                            GError             **error);
void          desk_store_rollback_batch    (DeskStore           *self);
gint64        desk_store_count_documents   (DeskStore           *self,
                                            GError             **error);
GPtrArray    *desk_store_list_documents    (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_foreach_document  (DeskStore           *self,
                                            DeskDocumentFunc     func,
                                            gpointer             user_data,
                                            GError             **error);
DeskDocument *desk_store_get_document      (DeskStore           *self,
                                            gint64               id,
                                            GError             **error);
DeskDocument *desk_store_find_document     (DeskStore           *self,
                                            const char          *id_or_uid,
                                            GError             **error);
char         *desk_store_get_text          (DeskStore           *self,
                                            gint64               id,
                                            GError             **error);
GPtrArray    *desk_store_get_sections      (DeskStore           *self,
                                            gint64               id,
                                            GError             **error);
GArray       *desk_store_get_paragraphs    (DeskStore           *self,
                                            gint64               id,
                                            GError             **error);
GPtrArray    *desk_store_search            (DeskStore           *self,
                                            const char          *query,
                                            guint                limit,
                                            GError             **error);
char         *desk_store_check_integrity   (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_backup            (DeskStore           *self,
                                            const char          *path,
                                            GError             **error);
GArray       *desk_store_list_outdated     (DeskStore           *self,
                                            int                  extractor_version,
                                            GError             **error);
DeskParsedDocument *desk_store_load_parsed (DeskStore           *self,
                                            gint64               id,
                                            GError             **error);
gboolean      desk_store_replace_facts     (DeskStore           *self,
                                            gint64               id,
                                            const char          *document_uid,
                                            GArray              *facts,
                                            int                  extractor_version,
                                            GError             **error);
GPtrArray    *desk_store_list_facts        (DeskStore           *self,
                                            const DeskFactFilter *filter,
                                            GError             **error);
gboolean      desk_store_foreach_fact      (DeskStore           *self,
                                            const DeskFactFilter *filter,
                                            DeskFactRowFunc      func,
                                            gpointer             user_data,
                                            GError             **error);
GPtrArray    *desk_store_get_facts_by_id   (DeskStore           *self,
                                            const gint64        *ids,
                                            guint                n_ids,
                                            GError             **error);
DeskFactRow  *desk_store_get_fact          (DeskStore           *self,
                                            const char          *uid,
                                            GError             **error);
gint64        desk_store_count_facts       (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_update_fact_counts (DeskStore          *self,
                                            GError             **error);
gboolean      desk_store_update_conflicts  (DeskStore           *self,
                                            GError             **error);
GPtrArray    *desk_store_list_conflicts    (DeskStore           *self,
                                            const char          *uid,
                                            GError             **error);
int           desk_store_update_axes       (DeskStore           *self,
                                            DeskAxes            *axes,
                                            GCancellable        *cancellable,
                                            GError             **error);
GPtrArray    *desk_store_list_axis_facts   (DeskStore           *self,
                                            const char          *axis_id,
                                            int                  kind,
                                            GError             **error);
GPtrArray    *desk_store_list_axis_facts_best (DeskStore        *self,
                                            const char          *axis_id,
                                            int                  kind,
                                            guint                limit,
                                            GError             **error);
gboolean      desk_store_foreach_axis_fact (DeskStore           *self,
                                            const char          *axis_id,
                                            int                  kind,
                                            guint                limit,
                                            DeskFactRowFunc      func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean      desk_store_summarize_axis    (DeskStore           *self,
                                            const char          *axis_id,
                                            guint               *n_facts,
                                            guint               *n_documents,
                                            char               **newest,
                                            GError             **error);
gboolean      desk_store_set_axis_assignment (DeskStore         *self,
                                            const char          *axis_id,
                                            const char          *target,
                                            gboolean             assigned,
                                            GError             **error);
gboolean      desk_store_has_found_axes    (DeskStore           *self);
GPtrArray    *desk_store_list_found_axes   (DeskStore           *self,
                                            GError             **error);
gboolean      desk_store_foreach_found_axis (DeskStore          *self,
                                            DeskFoundAxisFunc    func,
                                            gpointer             user_data,
                                            GError             **error);
GStrv         desk_store_list_fact_axes    (DeskStore           *self,
                                            const char          *uid,
                                            GError             **error);
gboolean      desk_store_merge_found_axis  (DeskStore           *self,
                                            const char          *found_id,
                                            const char          *axis_id,
                                            GError             **error);
gboolean      desk_store_update_entities   (DeskStore           *self,
                                            GError             **error);
gint64        desk_store_count_entities    (DeskStore           *self,
                                            const DeskEntityFilter *filter,
                                            GError             **error);
GPtrArray    *desk_store_list_entities     (DeskStore           *self,
                                            const DeskEntityFilter *filter,
                                            guint                offset,
                                            guint                limit,
                                            GError             **error);
DeskEntityRow *desk_store_get_entity       (DeskStore           *self,
                                            const char          *id_or_uid,
                                            const char          *language,
                                            GError             **error);
GPtrArray    *desk_store_list_entity_mentions (DeskStore        *self,
                                            const char          *uid,
                                            const char          *language,
                                            guint                offset,
                                            guint                limit,
                                            GError             **error);
GPtrArray    *desk_store_list_document_mentions (DeskStore      *self,
                                            gint64               document_id,
                                            const char          *language,
                                            GError             **error);
gboolean      desk_store_foreach_mention   (DeskStore           *self,
                                            gint64               document_id,
                                            const char          *language,
                                            DeskMentionFunc      func,
                                            gpointer             user_data,
                                            GError             **error);
GPtrArray    *desk_store_list_entity_documents (DeskStore       *self,
                                            const char          *uid,
                                            GError             **error);
GPtrArray    *desk_store_list_entity_claims (DeskStore          *self,
                                            const char          *uid,
                                            guint                limit,
                                            GError             **error);
GStrv         desk_store_list_sentence_entities (DeskStore      *self,
                                            gint64               document_id,
                                            gint64               sentence,
                                            const char          *language,
                                            GError             **error);
char         *desk_store_find_alias        (DeskStore           *self,
                                            const char          *uid,
                                            const char          *form,
                                            GError             **error);
DeskStoreTarget desk_store_target_kind     (DeskStore           *self,
                                            const char          *uid);

G_END_DECLS
