/* desk-json.h: every JSON text the program reads (review files, the axes
 * and gazetteers, what it stored itself), checked for what json-glib does
 * not refuse before json-glib reads it */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DESK_JSON_ERROR (desk_json_error_quark ())

typedef enum
{
  DESK_JSON_ERROR_TOO_DEEP,   /* lists and objects nested past DESK_JSON_MAX_DEPTH */
  DESK_JSON_ERROR_NOT_TEXT,   /* not UTF-8, or a \u escape of no character */
  DESK_JSON_ERROR_NUMBER,     /* a whole number beyond 64 bits */
} DeskJsonError;

/* How deep lists and objects may nest.  json-glib reads nesting by
 * recursion, with no limit of its own: some 70,000 levels overflow a
 * main thread's 8 MiB stack, far fewer a worker thread's.  The deepest
 * file the program reads, an axes file, nests two levels per level of
 * subaxes: 128 allows some 60 levels of subaxes. */
#define DESK_JSON_MAX_DEPTH 128

GQuark      desk_json_error_quark (void);
JsonParser *desk_json_parse       (const char  *data,
                                   gssize       len,
                                   GError     **error);

G_END_DECLS
