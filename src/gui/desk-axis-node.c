/* desk-axis-node.c: one row of the axes tree: a dialogue, an axis, or an axis found in a document */
#define G_LOG_DOMAIN "desk-axis-node"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-axis-node.h"

struct _DeskAxisNode
{
  GObject parent_instance;

  DeskAxisNodeKind kind;
  DeskDialogue *dialogue;   /* owned by the DeskAxes of the view */
  DeskAxis *axis;           /* same */
  DeskFoundAxisRow *found;  /* owned */
  GPtrArray *found_rows;    /* the group's, owned */
};

G_DEFINE_FINAL_TYPE (DeskAxisNode, desk_axis_node, G_TYPE_OBJECT)

static void
desk_axis_node_finalize (GObject *object)
{
  DeskAxisNode *self = DESK_AXIS_NODE (object);

  g_clear_pointer (&self->found, desk_found_axis_row_free);
  g_clear_pointer (&self->found_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_axis_node_parent_class)->finalize (object);
}

static void
desk_axis_node_class_init (DeskAxisNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_axis_node_finalize;
}

static void
desk_axis_node_init (DeskAxisNode *self)
{
}

static DeskAxisNode *
node_new (DeskAxisNodeKind kind)
{
  DeskAxisNode *self = g_object_new (DESK_TYPE_AXIS_NODE, NULL);

  self->kind = kind;
  return self;
}

DeskAxisNode *
desk_axis_node_new_dialogue (DeskDialogue *dialogue)
{
  DeskAxisNode *self = node_new (DESK_AXIS_NODE_DIALOGUE);

  self->dialogue = dialogue;
  return self;
}

DeskAxisNode *
desk_axis_node_new_axis (DeskAxis *axis)
{
  DeskAxisNode *self = node_new (DESK_AXIS_NODE_AXIS);

  self->axis = axis;
  self->dialogue = axis->dialogue;
  return self;
}

/* Takes @found (DeskFoundAxisRow). */
DeskAxisNode *
desk_axis_node_new_found_group (GPtrArray *found)
{
  DeskAxisNode *self = node_new (DESK_AXIS_NODE_FOUND_GROUP);

  self->found_rows = found;
  return self;
}

/* Takes @row. */
DeskAxisNode *
desk_axis_node_new_found (DeskFoundAxisRow *row)
{
  DeskAxisNode *self = node_new (DESK_AXIS_NODE_FOUND);

  self->found = row;
  return self;
}

DeskAxisNodeKind desk_axis_node_get_kind (DeskAxisNode *self) { g_return_val_if_fail (DESK_IS_AXIS_NODE (self), 0); return self->kind; }
DeskDialogue *desk_axis_node_get_dialogue (DeskAxisNode *self) { g_return_val_if_fail (DESK_IS_AXIS_NODE (self), NULL); return self->dialogue; }
DeskAxis *desk_axis_node_get_axis (DeskAxisNode *self) { g_return_val_if_fail (DESK_IS_AXIS_NODE (self), NULL); return self->axis; }
DeskFoundAxisRow *desk_axis_node_get_found (DeskAxisNode *self) { g_return_val_if_fail (DESK_IS_AXIS_NODE (self), NULL); return self->found; }

/* The rows under this one, or NULL for a leaf. */
GListModel *
desk_axis_node_dup_children (DeskAxisNode *self)
{
  GListStore *children;
  GPtrArray *axes = NULL;

  g_return_val_if_fail (DESK_IS_AXIS_NODE (self), NULL);

  if (self->kind == DESK_AXIS_NODE_DIALOGUE)
    axes = self->dialogue->axes;
  else if (self->kind == DESK_AXIS_NODE_AXIS)
    axes = self->axis->subaxes;

  if (self->kind == DESK_AXIS_NODE_FOUND_GROUP)
    {
      children = g_list_store_new (DESK_TYPE_AXIS_NODE);
      for (guint i = 0; self->found_rows != NULL && i < self->found_rows->len; i++)
        {
          DeskFoundAxisRow *row = g_ptr_array_index (self->found_rows, i);
          DeskFoundAxisRow *copy = g_new0 (DeskFoundAxisRow, 1);
          g_autoptr(DeskAxisNode) node = NULL;

          copy->id = g_strdup (row->id);
          copy->document_id = row->document_id;
          copy->name = g_strdup (row->name);
          copy->start = row->start;
          copy->end = row->end;
          copy->merged_into = g_strdup (row->merged_into);
          copy->document_title = g_strdup (row->document_title);
          copy->n_proposals = row->n_proposals;
          node = desk_axis_node_new_found (copy);
          g_list_store_append (children, node);
        }
      return G_LIST_MODEL (children);
    }

  if (axes == NULL || axes->len == 0)
    return NULL;
  children = g_list_store_new (DESK_TYPE_AXIS_NODE);
  for (guint i = 0; i < axes->len; i++)
    {
      g_autoptr(DeskAxisNode) node = desk_axis_node_new_axis (g_ptr_array_index (axes, i));
      g_list_store_append (children, node);
    }
  return G_LIST_MODEL (children);
}

/* @language 0 for Spanish, 1 for English */
char *
desk_axis_node_dup_label (DeskAxisNode *self,
                          int           language)
{
  g_return_val_if_fail (DESK_IS_AXIS_NODE (self), NULL);

  switch (self->kind)
    {
    case DESK_AXIS_NODE_DIALOGUE:
      return g_strdup (self->dialogue->name[language]);
    case DESK_AXIS_NODE_AXIS:
      return g_strdup (self->axis->name[language]);
    case DESK_AXIS_NODE_FOUND_GROUP:
      return g_strdup (_("Axes found in the documents"));
    case DESK_AXIS_NODE_FOUND:
    default:
      return g_strdup (self->found->name);
    }
}

/* Whether the group has read the axes documents propose. */
gboolean
desk_axis_node_has_found (DeskAxisNode *self)
{
  g_return_val_if_fail (DESK_IS_AXIS_NODE (self), FALSE);
  return self->found_rows != NULL;
}

/* Gives the group the axes documents propose (DeskFoundAxisRow); takes @found. */
void
desk_axis_node_set_found (DeskAxisNode *self,
                          GPtrArray    *found)
{
  g_return_if_fail (DESK_IS_AXIS_NODE (self));

  g_clear_pointer (&self->found_rows, g_ptr_array_unref);
  self->found_rows = found;
}
