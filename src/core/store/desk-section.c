/* desk-section.c: one entry of a document's section outline */
#define G_LOG_DOMAIN "desk-section"

#include "config.h"

#include "desk-section.h"

struct _DeskSection
{
  GObject parent_instance;

  char *uid;
  guint position;
  guint depth;
  char *number;
  char *title;
  gint64 start;
  gint64 end;
};

G_DEFINE_FINAL_TYPE (DeskSection, desk_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_POSITION,
  PROP_DEPTH,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_section_finalize (GObject *object)
{
  DeskSection *self = DESK_SECTION (object);

  g_free (self->uid);
  g_free (self->number);
  g_free (self->title);

  G_OBJECT_CLASS (desk_section_parent_class)->finalize (object);
}

static void
desk_section_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DeskSection *self = DESK_SECTION (object);

  switch (prop_id)
    {
    case PROP_UID: g_value_set_string (value, self->uid); break;
    case PROP_POSITION: g_value_set_uint (value, self->position); break;
    case PROP_DEPTH: g_value_set_uint (value, self->depth); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_START: g_value_set_int64 (value, self->start); break;
    case PROP_END: g_value_set_int64 (value, self->end); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_section_class_init (DeskSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = desk_section_finalize;
  object_class->get_property = desk_section_get_property;

  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_section_init (DeskSection *self)
{
}

DeskSection *
desk_section_new (const char *uid,
                  guint       position,
                  guint       depth,
                  const char *number,
                  const char *title,
                  gint64      start,
                  gint64      end)
{
  DeskSection *self = g_object_new (DESK_TYPE_SECTION, NULL);

  self->uid = g_strdup (uid);
  self->position = position;
  self->depth = depth;
  self->number = g_strdup (number);
  self->title = g_strdup (title);
  self->start = start;
  self->end = end;

  return self;
}

const char *desk_section_get_uid (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), NULL); return self->uid; }
guint desk_section_get_position (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), 0); return self->position; }
guint desk_section_get_depth (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), 0); return self->depth; }
const char *desk_section_get_number (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), NULL); return self->number; }
const char *desk_section_get_title (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), NULL); return self->title; }
gint64 desk_section_get_start (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), 0); return self->start; }
gint64 desk_section_get_end (DeskSection *self) { g_return_val_if_fail (DESK_IS_SECTION (self), 0); return self->end; }
