/* desk-extract.h: rule- and gazetteer-based extraction of facts */
#pragma once

#include <gio/gio.h>

#include "desk-fact.h"
#include "desk-parsed-document.h"

G_BEGIN_DECLS

#define DESK_EXTRACT_ERROR (desk_extract_error_quark ())

typedef enum
{
  DESK_EXTRACT_ERROR_DATA,
} DeskExtractError;

/* Bumped whenever the rules change, so that stored facts get re-extracted. */
#define DESK_EXTRACTOR_VERSION 4

/* Facts kept of one document, at most, in text order: past them a
 * document is noise more than news, and would only weigh on the library */
#define DESK_EXTRACT_MAX_FACTS 50000

typedef struct _DeskExtractor DeskExtractor;

GQuark         desk_extract_error_quark (void);
DeskExtractor *desk_extractor_new       (GError             **error);
void           desk_extractor_free      (DeskExtractor       *self);
GArray        *desk_extractor_run       (DeskExtractor       *self,
                                         DeskParsedDocument  *doc);
gboolean       desk_extract_parse_number (const char         *text,
                                          double             *value);
char          *desk_extract_read_figure (DeskFactKind        kind,
                                         const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskExtractor, desk_extractor_free)

G_END_DECLS
