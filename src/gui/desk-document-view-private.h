/* desk-document-view-private.h: what the reading view's tests ask of it */
#pragma once

#include "desk-document-view.h"

G_BEGIN_DECLS

guint       desk_document_view_get_n_sections    (DeskDocumentView *self);
void        desk_document_view_activate_section  (DeskDocumentView *self,
                                                  guint             position);
gint64      desk_document_view_get_scroll_target (DeskDocumentView *self);
guint       desk_document_view_count_fact_tags   (DeskDocumentView *self);
const char *desk_document_view_fact_at           (DeskDocumentView *self,
                                                  gint64            offset);
const char *desk_document_view_entity_at         (DeskDocumentView *self,
                                                  gint64            offset);
GtkEditable *desk_document_view_open_metadata    (DeskDocumentView *self,
                                                  const char       *field);
const char *desk_document_view_get_title_shown   (DeskDocumentView *self);

G_END_DECLS
