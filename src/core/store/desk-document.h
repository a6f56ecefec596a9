/* desk-document.h: one document of the library, as a list row */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_DOCUMENT (desk_document_get_type ())
G_DECLARE_FINAL_TYPE (DeskDocument, desk_document, DESK, DOCUMENT, GObject)

DeskDocument *desk_document_new            (gint64      id,
                                            const char *uid,
                                            const char *title,
                                            const char *path,
                                            const char *format,
                                            const char *language,
                                            const char *languages,
                                            const char *published,
                                            const char *imported,
                                            gint64      size,
                                            gint64      n_chars,
                                            guint       n_sections);
gint64        desk_document_get_id         (DeskDocument *self);
const char   *desk_document_get_uid        (DeskDocument *self);
const char   *desk_document_get_title      (DeskDocument *self);
const char   *desk_document_get_path       (DeskDocument *self);
const char   *desk_document_get_format     (DeskDocument *self);
const char   *desk_document_get_language   (DeskDocument *self);
const char   *desk_document_get_languages  (DeskDocument *self);
const char   *desk_document_get_published  (DeskDocument *self);
const char   *desk_document_get_imported   (DeskDocument *self);
gint64        desk_document_get_size       (DeskDocument *self);
gint64        desk_document_get_n_chars    (DeskDocument *self);
guint         desk_document_get_n_sections (DeskDocument *self);
const char   *desk_document_get_author     (DeskDocument *self);
const char   *desk_document_get_source     (DeskDocument *self);
void          desk_document_set_byline     (DeskDocument *self,
                                            const char   *author,
                                            const char   *source);

G_END_DECLS
