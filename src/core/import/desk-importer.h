/* desk-importer.h: imports files and folders into the library, in the
 * background, with progress, cancellable */
#pragma once

#include <gio/gio.h>

#include "desk-extract.h"
#include "desk-store.h"
#include "desk-parsed-document.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_IMPORT_ADDED,
  DESK_IMPORT_DUPLICATE,
  DESK_IMPORT_FAILED,
  DESK_IMPORT_NOT_READ,      /* the import stopped before it: error says why */
} DeskImportStatus;

typedef struct
{
  char *path;
  DeskImportStatus status;
  gint64 document_id;
  char *title;
  GError *error;
  gboolean facts_limited;    /* only its first DESK_EXTRACT_MAX_FACTS facts were kept */
} DeskImportResult;

/* done of total files handled; current is the file being read, or NULL. */
typedef void (*DeskImportProgressFunc) (guint       done,
                                        guint       total,
                                        const char *current,
                                        gpointer    user_data);

#define DESK_TYPE_IMPORTER (desk_importer_get_type ())
G_DECLARE_FINAL_TYPE (DeskImporter, desk_importer, DESK, IMPORTER, GObject)

DeskImporter *desk_importer_new           (const char             *library_path);
void          desk_importer_set_max_size  (DeskImporter           *self,
                                           gint64                  max_size);
void          desk_importer_set_memory_budget (DeskImporter       *self,
                                               gsize               bytes);
void          desk_importer_set_waiting_func (DeskImporter        *self,
                                              DeskStoreWaitingFunc func,
                                              gpointer             user_data);
GPtrArray    *desk_importer_run           (DeskImporter           *self,
                                           const char * const     *paths,
                                           DeskImportProgressFunc  progress,
                                           gpointer                progress_data,
                                           GCancellable           *cancellable,
                                           GError                **error);
void          desk_importer_run_async     (DeskImporter           *self,
                                           const char * const     *paths,
                                           DeskImportProgressFunc  progress,
                                           gpointer                progress_data,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
GPtrArray    *desk_importer_run_finish    (DeskImporter           *self,
                                           GAsyncResult           *result,
                                           GError                **error);
gboolean      desk_importer_get_changed   (DeskImporter           *self);
char         *desk_import_result_note     (const DeskImportResult *result);
char         *desk_import_describe_stop   (GPtrArray              *results);

DeskParsedDocument *desk_parse_file      (GFile                  *file,
                                         gint64                  max_size,
                                         DeskExtractor          *extractor,
                                         GCancellable           *cancellable,
                                         GError                **error);
DeskParsedDocument *desk_parse_bytes     (const char             *name,
                                         GBytes                 *bytes,
                                         DeskExtractor          *extractor,
                                         GError                **error);

int                 desk_store_update_facts (DeskStore          *store,
                                             DeskExtractor      *extractor,
                                             GCancellable       *cancellable,
                                             GError            **error);

G_END_DECLS
