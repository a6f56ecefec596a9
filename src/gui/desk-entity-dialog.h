/* desk-entity-dialog.h: the small dialogs that ask what a decision on
 * an entity needs: its new name, the entity to merge it into, the name
 * to split off, its kind */
#pragma once

#include "desk-entities-view.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_ENTITY_DECISION_RENAME,
  DESK_ENTITY_DECISION_MERGE,
  DESK_ENTITY_DECISION_SPLIT,
  DESK_ENTITY_DECISION_KIND,
  DESK_ENTITY_DECISION_REJECT,
} DeskEntityDecision;

/* The kinds an entity can have, in the order the dialogs offer them */
extern const DeskFactKind desk_entity_kinds[3];

void desk_entity_dialog_ask (DeskEntitiesView   *view,
                             DeskStore          *store,
                             DeskEntityItem     *item,
                             DeskEntityDecision  what);

G_END_DECLS
