/* desk-fact.h: one fact extracted from a document, tied to its passage */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_FACT_DATE,
  DESK_FACT_QUANTITY,
  DESK_FACT_MONEY,
  DESK_FACT_PERCENT,
  DESK_FACT_PERSON,
  DESK_FACT_ORG,
  DESK_FACT_PLACE,
  DESK_FACT_CITATION,
  DESK_FACT_QUOTE,
  DESK_FACT_PROPOSAL,
  DESK_FACT_MEETING,
  DESK_N_FACT_KINDS
} DeskFactKind;

typedef enum
{
  DESK_MODALITY_ASSERTED,
  DESK_MODALITY_PROPOSED,
  DESK_MODALITY_EXPECTED,
  DESK_MODALITY_INTENDED,
  DESK_MODALITY_NEGATED,
  DESK_MODALITY_REPORTED,
  DESK_N_MODALITIES
} DeskModality;

typedef struct
{
  DeskFactKind kind;
  char *text;       /* the exact passage */
  char *value;      /* normalized, as in DESIGN.md */
  gint64 start;     /* code points into the document text */
  gint64 end;
  int section;      /* position in the outline, or -1 */
  DeskModality modality;
  double confidence;
  char *extra;      /* a JSON object with kind-specific details, or NULL */
  gint64 sentence;  /* code point where the fact's sentence starts */
  char *terms;      /* what the fact is about, for conflicts: stems and entity
                     * terms (desk_fact_entity_term), separated by spaces; a
                     * GRefString, shared by the names of a sentence */
} DeskFact;

const char *desk_fact_kind_to_string     (DeskFactKind  kind);
gboolean    desk_fact_kind_from_string   (const char   *name,
                                          DeskFactKind *kind);
const char *desk_modality_to_string      (DeskModality  modality);
gboolean    desk_modality_from_string    (const char   *name,
                                          DeskModality *modality);
void        desk_fact_clear              (DeskFact     *fact);
char       *desk_fact_compute_uid        (const char   *document_uid,
                                          DeskFactKind  kind,
                                          gint64        start,
                                          gint64        end);
GPtrArray  *desk_fact_compute_uids       (const char   *document_uid,
                                          GArray       *facts);
char       *desk_fact_entity_term        (const char   *value);
gboolean    desk_fact_kind_is_name       (DeskFactKind  kind);
char       *desk_entity_compute_uid      (const char   *kind,
                                          const char   *key);
char       *desk_alias_compute_uid       (const char   *entity_uid,
                                          const char   *form);

/* The same in SQL, of a column or an expression */
#define DESK_FACT_ENTITY_TERM_SQL(value) "'@' || replace (" value ", ' ', '_')"

G_END_DECLS
