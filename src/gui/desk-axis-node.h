/* desk-axis-node.h: one row of the axes tree: a dialogue, an axis, or an axis found in a document */
#pragma once

#include <gio/gio.h>

#include "desk-axes.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_AXIS_NODE_DIALOGUE,
  DESK_AXIS_NODE_AXIS,
  DESK_AXIS_NODE_FOUND_GROUP,
  DESK_AXIS_NODE_FOUND,
} DeskAxisNodeKind;

#define DESK_TYPE_AXIS_NODE (desk_axis_node_get_type ())
G_DECLARE_FINAL_TYPE (DeskAxisNode, desk_axis_node, DESK, AXIS_NODE, GObject)

DeskAxisNode     *desk_axis_node_new_dialogue    (DeskDialogue     *dialogue);
DeskAxisNode     *desk_axis_node_new_axis        (DeskAxis         *axis);
DeskAxisNode     *desk_axis_node_new_found_group (GPtrArray        *found);
DeskAxisNode     *desk_axis_node_new_found       (DeskFoundAxisRow *row);
gboolean          desk_axis_node_has_found       (DeskAxisNode     *self);
void              desk_axis_node_set_found       (DeskAxisNode     *self,
                                                  GPtrArray        *found);
DeskAxisNodeKind  desk_axis_node_get_kind        (DeskAxisNode     *self);
DeskDialogue     *desk_axis_node_get_dialogue    (DeskAxisNode     *self);
DeskAxis         *desk_axis_node_get_axis        (DeskAxisNode     *self);
DeskFoundAxisRow *desk_axis_node_get_found       (DeskAxisNode     *self);
GListModel       *desk_axis_node_dup_children    (DeskAxisNode     *self);
char             *desk_axis_node_dup_label       (DeskAxisNode     *self,
                                                  int               language);

G_END_DECLS
