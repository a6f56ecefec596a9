/* desk-section.h: one entry of a document's section outline */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DESK_TYPE_SECTION (desk_section_get_type ())
G_DECLARE_FINAL_TYPE (DeskSection, desk_section, DESK, SECTION, GObject)

DeskSection *desk_section_new          (const char *uid,
                                        guint       position,
                                        guint       depth,
                                        const char *number,
                                        const char *title,
                                        gint64      start,
                                        gint64      end);
const char  *desk_section_get_uid      (DeskSection *self);
guint        desk_section_get_position (DeskSection *self);
guint        desk_section_get_depth    (DeskSection *self);
const char  *desk_section_get_number   (DeskSection *self);
const char  *desk_section_get_title    (DeskSection *self);
gint64       desk_section_get_start    (DeskSection *self);
gint64       desk_section_get_end      (DeskSection *self);

G_END_DECLS
