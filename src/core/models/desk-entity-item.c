/* desk-entity-item.c: one person, organization or place, as a list row */
#define G_LOG_DOMAIN "desk-entity-item"

#include "config.h"

#include "desk-entity-item.h"

struct _DeskEntityItem
{
  GObject parent_instance;

  DeskEntityRow *row;
};

G_DEFINE_FINAL_TYPE (DeskEntityItem, desk_entity_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_entity_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskEntityItem *self = DESK_ENTITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->row->uid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->row->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_entity_item_finalize (GObject *object)
{
  DeskEntityItem *self = DESK_ENTITY_ITEM (object);

  g_clear_pointer (&self->row, desk_entity_row_free);

  G_OBJECT_CLASS (desk_entity_item_parent_class)->finalize (object);
}

static void
desk_entity_item_class_init (DeskEntityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_entity_item_get_property;
  object_class->finalize = desk_entity_item_finalize;

  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* for the searchable lists of entities (GtkStringFilter, GtkDropDown) */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_entity_item_init (DeskEntityItem *self)
{
}

/* A row for @row, which it takes */
DeskEntityItem *
desk_entity_item_new (DeskEntityRow *row)
{
  DeskEntityItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (DESK_TYPE_ENTITY_ITEM, NULL);
  self->row = row;
  return self;
}

const DeskEntityRow *
desk_entity_item_get_row (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), NULL);
  return self->row;
}

const char *
desk_entity_item_get_uid (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), NULL);
  return self->row->uid;
}

const char *
desk_entity_item_get_name (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), NULL);
  return self->row->name;
}

gboolean
desk_entity_item_get_rejected (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), FALSE);
  return self->row->rejected;
}

DeskFactKind
desk_entity_item_get_kind (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), DESK_FACT_PLACE);
  return self->row->kind;
}

/* How the documents write it; never NULL */
const char * const *
desk_entity_item_get_aliases (DeskEntityItem *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), none);
  return self->row->aliases != NULL ? (const char * const *) self->row->aliases : none;
}

gint64
desk_entity_item_get_n_mentions (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), 0);
  return self->row->n_mentions;
}

gint64
desk_entity_item_get_n_documents (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), 0);
  return self->row->n_documents;
}

/* The newest date of a document that names it, or NULL */
const char *
desk_entity_item_get_newest (DeskEntityItem *self)
{
  g_return_val_if_fail (DESK_IS_ENTITY_ITEM (self), NULL);
  return self->row->newest;
}
