/* desk-fact-item.c: one stored fact, as a list row */
#define G_LOG_DOMAIN "desk-fact-item"

#include "config.h"

#include "desk-fact-item.h"

struct _DeskFactItem
{
  GObject parent_instance;

  DeskFactRow *row;
  /* the officer's review */
  char *status;
  char *note;
  char *text;
  char *value;
};

G_DEFINE_FINAL_TYPE (DeskFactItem, desk_fact_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TEXT,
  PROP_VALUE,
  PROP_MODALITY,
  PROP_DOCUMENT_TITLE,
  PROP_SECTION_TITLE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_fact_item_finalize (GObject *object)
{
  DeskFactItem *self = DESK_FACT_ITEM (object);

  desk_fact_row_free (self->row);
  g_free (self->status);
  g_free (self->note);
  g_free (self->text);
  g_free (self->value);

  G_OBJECT_CLASS (desk_fact_item_parent_class)->finalize (object);
}

static void
desk_fact_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DeskFactItem *self = DESK_FACT_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_string (value, desk_fact_kind_to_string (self->row->fact.kind)); break;
    case PROP_TEXT: g_value_set_string (value, desk_fact_item_get_text (self)); break;
    case PROP_VALUE: g_value_set_string (value, desk_fact_item_get_value (self)); break;
    case PROP_STATUS: g_value_set_string (value, desk_fact_item_get_status (self)); break;
    case PROP_MODALITY: g_value_set_string (value, desk_modality_to_string (self->row->fact.modality)); break;
    case PROP_DOCUMENT_TITLE: g_value_set_string (value, self->row->document_title); break;
    case PROP_SECTION_TITLE: g_value_set_string (value, self->row->section_title); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fact_item_class_init (DeskFactItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = desk_fact_item_finalize;
  object_class->get_property = desk_fact_item_get_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  /* the officer's correction when there is one, else what was extracted */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODALITY] = g_param_spec_string ("modality", NULL, NULL, NULL, flags);
  properties[PROP_DOCUMENT_TITLE] = g_param_spec_string ("document-title", NULL, NULL, NULL, flags);
  properties[PROP_SECTION_TITLE] = g_param_spec_string ("section-title", NULL, NULL, NULL, flags);
  /* "pending", "approved" or "rejected" */
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "pending", flags | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_fact_item_init (DeskFactItem *self)
{
}

/* Takes @row. */
DeskFactItem *
desk_fact_item_new (DeskFactRow *row)
{
  DeskFactItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (DESK_TYPE_FACT_ITEM, NULL);
  self->row = row;
  return self;
}

const DeskFact *desk_fact_item_get_fact (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return &self->row->fact; }
const char *desk_fact_item_get_uid (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->row->uid; }
gint64 desk_fact_item_get_document_id (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), 0); return self->row->document_id; }
const char *desk_fact_item_get_document_title (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->row->document_title; }
const char *desk_fact_item_get_section_title (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->row->section_title; }
const char *desk_fact_item_get_about (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->row->about; }
const char *desk_fact_item_get_language (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->row->document_language; }

/* The review: status, note, and corrections (NULL when there is none). */
const char *desk_fact_item_get_status (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->status ? self->status : "pending"; }
const char *desk_fact_item_get_note (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->note; }
const char *desk_fact_item_get_corrected_text (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->text; }
const char *desk_fact_item_get_corrected_value (DeskFactItem *self) { g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL); return self->value; }

/* What the officer reads: the correction when there is one. */
const char *
desk_fact_item_get_text (DeskFactItem *self)
{
  g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL);
  return self->text ? self->text : self->row->fact.text;
}

const char *
desk_fact_item_get_value (DeskFactItem *self)
{
  g_return_val_if_fail (DESK_IS_FACT_ITEM (self), NULL);
  return self->value ? self->value : self->row->fact.value;
}

static void
replace (DeskFactItem *self,
         char        **slot,
         const char   *value,
         GParamSpec   *pspec)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* Sets the review as stored (@state NULL: never reviewed). */
void
desk_fact_item_set_review (DeskFactItem          *self,
                           const DeskReviewState *state)
{
  g_return_if_fail (DESK_IS_FACT_ITEM (self));

  replace (self, &self->status, state && state->status ? state->status : NULL, properties[PROP_STATUS]);
  replace (self, &self->note, state ? state->note : NULL, NULL);
  replace (self, &self->text, state ? state->text : NULL, properties[PROP_TEXT]);
  replace (self, &self->value, state ? state->value : NULL, properties[PROP_VALUE]);
}
