/* desk-conflicts.h: which facts of different documents disagree */
#pragma once

#include <glib.h>

#include "desk-fact.h"

G_BEGIN_DECLS

typedef struct _DeskConflictFinder DeskConflictFinder;
typedef struct _DeskConflictFact DeskConflictFact;

/* The terms of the sentence at @sentence of @document_id, in *@terms
 * (valid until the next call), or NULL when it has none; FALSE with
 * @error when they cannot be read */
typedef gboolean (*DeskSentenceTermsFunc) (gint64       document_id,
                                           gint64       sentence,
                                           const char **terms,
                                           gpointer     user_data,
                                           GError     **error);

/* The facts @a_uid and @b_uid (the smaller first) disagree, for @reason
 * ("figure" or "modality"); FALSE with @error stops the comparison */
typedef gboolean (*DeskConflictFunc)      (const char  *a_uid,
                                           const char  *b_uid,
                                           const char  *reason,
                                           gpointer     user_data,
                                           GError     **error);

DeskConflictFinder *desk_conflict_finder_new       (GHashTable            *background,
                                                    gint64                 since,
                                                    DeskSentenceTermsFunc  sentence_terms,
                                                    DeskConflictFunc       found,
                                                    gpointer               user_data);
void                desk_conflict_finder_free      (DeskConflictFinder    *self);
DeskConflictFact   *desk_conflict_finder_read_fact (DeskConflictFinder    *self,
                                                    gint64                 id,
                                                    const char            *uid,
                                                    gint64                 document_id,
                                                    const char            *kind,
                                                    const char            *value,
                                                    const char            *modality,
                                                    const char            *terms,
                                                    gint64                 sentence);
void                desk_conflict_fact_free        (gpointer               fact);
gboolean            desk_conflict_finder_compare_figures (DeskConflictFinder  *self,
                                                          GPtrArray           *figures,
                                                          GError             **error);
gboolean            desk_conflict_finder_compare_claims  (DeskConflictFinder  *self,
                                                          GPtrArray           *group,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskConflictFinder, desk_conflict_finder_free)

G_END_DECLS
