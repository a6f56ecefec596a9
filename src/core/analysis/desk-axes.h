/* desk-axes.h: dialogue axes — the shipped ones and those documents propose — and
 * the keyword scoring that assigns paragraphs and facts to them */
#pragma once

#include <gio/gio.h>

#include "desk-parsed-document.h"

G_BEGIN_DECLS

#define DESK_AXES_ERROR (desk_axes_error_quark ())

typedef enum
{
  DESK_AXES_ERROR_INVALID,
} DeskAxesError;

/* Bumped with the scoring rules: stored scores are then recomputed. */
#define DESK_AXES_RULES_VERSION 3

/* A paragraph or fact belongs to an axis from this score on. */
#define DESK_AXES_THRESHOLD 2.0

typedef struct _DeskDialogue DeskDialogue;
typedef struct _DeskAxis DeskAxis;

typedef struct
{
  char *date;
  char *place;
  char *name;
} DeskMeeting;

struct _DeskAxis
{
  char *id;
  char *name[2];        /* [0] Spanish, [1] English */
  char *description[2];
  char *agreed[2];      /* comparators: what the mechanism agreed under it */
  GStrv maps_to;        /* comparators: ids of proposed axes */
  GPtrArray *keywords;  /* private: stemmed phrases */
  GPtrArray *subaxes;   /* DeskAxis */
  DeskAxis *parent;
  DeskDialogue *dialogue;
};

struct _DeskDialogue
{
  char *id;
  gboolean proposed;
  char *name[2];
  GStrv partners;
  char *level[2];
  char *frequency[2];
  char *venues[2];
  GStrv languages;
  GArray *meetings;     /* DeskMeeting */
  GPtrArray *axes;      /* DeskAxis, top level */
};

typedef struct
{
  char *name;
  int section;          /* the axis's own section, or -1 for an item of a list */
  gint64 start;
  gint64 end;           /* the text that belongs to it */
} DeskFoundAxis;

typedef struct _DeskAxes DeskAxes;

GQuark        desk_axes_error_quark     (void);
DeskAxes     *desk_axes_load_default    (GError     **error);
DeskAxes     *desk_axes_load_from_data  (const char  *label,
                                         const char  *data,
                                         gsize        len,
                                         GError     **error);
void          desk_axes_free            (DeskAxes    *self);
const char   *desk_axes_get_checksum    (DeskAxes    *self);
GPtrArray    *desk_axes_get_dialogues   (DeskAxes    *self);
DeskAxis     *desk_axes_lookup          (DeskAxes    *self,
                                         const char  *id);
GPtrArray    *desk_axes_list_all        (DeskAxes    *self);
GArray       *desk_axes_score           (DeskAxes    *self,
                                         const char  *text,
                                         gssize       len);
GPtrArray    *desk_axes_find_in_document (DeskParsedDocument *doc);
void          desk_found_axis_free      (DeskFoundAxis *axis);

/* What the axes make of one document, computed apart from the library
 * (import does it in its parser threads) and then stored with it */
typedef struct
{
  char *stamp;          /* the rules and axes file that scored it */
  GPtrArray *axis_ids;  /* of every axis, in the order of the scores */
  GPtrArray *paragraphs; /* per paragraph: GArray of double, one per axis */
  GPtrArray *found;     /* DeskFoundAxis: the axes the document proposes */
} DeskDocumentScores;

char               *desk_axes_get_stamp        (DeskAxes           *self);
DeskDocumentScores *desk_axes_score_document   (DeskAxes           *self,
                                                DeskParsedDocument *doc);
void                desk_document_scores_free  (DeskDocumentScores *scores);
const char   *desk_axis_get_name        (const DeskAxis *axis,
                                         const char     *language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAxes, desk_axes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskDocumentScores, desk_document_scores_free)

G_END_DECLS
