/* desk-window-private.h: what the window's files (desk-window.c, its
 * import part desk-window-import.c, its library part
 * desk-window-library.c, its review part desk-window-review.c) and its
 * tests share */
#pragma once

#include "desk-axes-view.h"
#include "desk-document-list.h"
#include "desk-document-view.h"
#include "desk-entities-view.h"
#include "desk-export-dialog.h"
#include "desk-facts-view.h"
#include "desk-library-writer.h"
#include "desk-searcher.h"
#include "desk-tokenizer.h"
#include "desk-window.h"

G_BEGIN_DECLS

struct _DeskWindow
{
  GtkApplicationWindow parent_instance;

  /* template */
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkRevealer *status_revealer;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;
  GtkButton *details_button;
  GtkButton *dismiss_button;
  GtkStack *main_stack;
  GtkStack *sidebar_stack;
  GtkColumnView *document_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *language_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *size_column;
  GtkListView *results_view;
  GtkLabel *no_results_label;
  DeskDocumentView *document_reader;
  GtkStack *view_stack;
  GtkStackSwitcher *view_switcher;
  DeskFactsView *facts_view;
  DeskAxesView *axes_view;
  DeskEntitiesView *entities_view;

  DeskStore *store;
  DeskLibraryWriter *writer;        /* the window's changes, waiting while another program writes */
  gboolean close_when_written;      /* closing waits for the changes waiting */
  gboolean backing_up;              /* a backup of the library is being written */
  guint follow_source;              /* looks for changes other programs made to the library */
  gint64 library_version;           /* desk_store_get_data_version () when the views last read it */
  GSettings *settings;
  DeskStemmer *stemmer;
  GCancellable *cancellable;        /* the window's life */
  GCancellable *import_cancellable; /* the running import, or NULL */
  GCancellable *search_cancellable; /* the running search, or NULL */
  DeskSearcher *searcher;           /* its thread and connection, from the first search */
  guint search_serial;
  char *query;                      /* of the results shown */
  char *requested;                  /* of the last search asked for */

  DeskDocumentList *documents;       /* sorted in SQL, read a page at a time */
  GtkSingleSelection *selection;
  gboolean resorting;               /* the list is read again (a new order, new documents):
                                     * its selection passes through none meanwhile */
  GListStore *results;
  GPtrArray *failures;              /* DeskImportResult messages of the last import */
  guint status_timeout;
};

/* desk-window.c */
void  _desk_window_show_status                (DeskWindow         *self,
                                               const char         *message,
                                               gboolean            working);
guint _desk_window_find_document              (DeskWindow         *self,
                                               gint64              id,
                                               const char         *uid);
void  _desk_window_reload_documents           (DeskWindow         *self);
void  _desk_window_library_changed            (DeskWindow         *self);
void  _desk_window_refresh_document_rows      (DeskWindow         *self);
void  _desk_window_refresh_mentions           (DeskWindow         *self);

/* desk-window-import.c */
void  _desk_window_init_import                (DeskWindow         *self);
void  _desk_window_refresh_library            (DeskWindow         *self);
void  _desk_window_update_import_actions      (DeskWindow         *self);
void  _desk_window_add_file_filter            (GtkFileChooser     *chooser,
                                               const char         *name,
                                               const char * const *patterns,
                                               const char * const *types);
void  _desk_window_import_files_action        (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_import_folder_action       (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_open_samples_action        (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_cancel_import_action       (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);

/* desk-window-library.c */
void  _desk_window_follow_library             (DeskWindow         *self);
void  _desk_window_library_read               (DeskWindow         *self);
void  _desk_window_back_up_action             (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);

/* desk-window-review.c */
void  _desk_window_document_metadata_edited_cb (DeskWindow        *self,
                                               const char         *title,
                                               const char         *author,
                                               const char         *published,
                                               const char         *source);
void  _desk_window_init_review                (DeskWindow         *self);
void  _desk_window_update_review_actions      (DeskWindow         *self);
void  _desk_window_start_review_action        (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_end_review_action          (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_review_sessions_action     (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_undo_redo_action           (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_export_review_action       (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);
void  _desk_window_import_review_action       (GtkWidget          *widget,
                                               const char         *action_name,
                                               GVariant           *parameter);

/* What tests/test-gui.c and tests/timed-window.c ask of the window (some
 * of it its parts call too) */
gboolean          desk_window_is_importing       (DeskWindow         *self);
gboolean          desk_window_is_waiting_for_library (DeskWindow     *self);
const char       *desk_window_get_page           (DeskWindow         *self);
GListModel       *desk_window_get_documents      (DeskWindow         *self);
void              desk_window_select_document    (DeskWindow         *self,
                                                  guint               position);
DeskDocumentView *desk_window_get_document_view  (DeskWindow         *self);
void              desk_window_search             (DeskWindow         *self,
                                                  const char         *query);
gboolean          desk_window_is_searching       (DeskWindow         *self);
GListModel       *desk_window_get_results        (DeskWindow         *self);
void              desk_window_activate_result    (DeskWindow         *self,
                                                  guint               position);
const char       *desk_window_get_status         (DeskWindow         *self);
DeskFactsView    *desk_window_get_facts_view     (DeskWindow         *self);
DeskAxesView     *desk_window_get_axes_view      (DeskWindow         *self);
DeskEntitiesView *desk_window_get_entities_view  (DeskWindow         *self);
void              desk_window_show_view          (DeskWindow         *self,
                                                  const char         *name);
gboolean          desk_window_import_review      (DeskWindow         *self,
                                                  const char         *path,
                                                  GtkWindow         **conflicts);
DeskExportDialog *desk_window_open_export        (DeskWindow         *self);
void              desk_window_back_up            (DeskWindow         *self,
                                                  const char         *path);
gboolean          desk_window_is_backing_up      (DeskWindow         *self);

G_END_DECLS
