/* desk-document-view.h: reading view of one document, outline beside text */
#pragma once

#include <gtk/gtk.h>

#include "desk-document.h"

G_BEGIN_DECLS

#define DESK_TYPE_DOCUMENT_VIEW (desk_document_view_get_type ())
G_DECLARE_FINAL_TYPE (DeskDocumentView, desk_document_view, DESK, DOCUMENT_VIEW, GtkWidget)

GtkWidget    *desk_document_view_new            (void);
DeskDocument *desk_document_view_get_document   (DeskDocumentView *self);
void          desk_document_view_set_document   (DeskDocumentView *self,
                                                 DeskDocument     *document,
                                                 const char       *text,
                                                 GArray           *paragraphs,
                                                 GPtrArray        *sections);
void          desk_document_view_highlight      (DeskDocumentView *self,
                                                 GArray           *ranges);
void          desk_document_view_scroll_to      (DeskDocumentView *self,
                                                 gint64            offset);
void          desk_document_view_focus_outline  (DeskDocumentView *self);
void          desk_document_view_focus_text     (DeskDocumentView *self);
char         *desk_document_view_dup_text       (DeskDocumentView *self);
void          desk_document_view_set_mentions   (DeskDocumentView *self,
                                                 GPtrArray        *mentions);
void          desk_document_view_set_facts      (DeskDocumentView *self,
                                                 GPtrArray        *facts);
void          desk_document_view_update_document (DeskDocumentView *self,
                                                 DeskDocument     *document);
void          desk_document_view_show_passage   (DeskDocumentView *self,
                                                 gint64            start,
                                                 gint64            end);

G_END_DECLS
