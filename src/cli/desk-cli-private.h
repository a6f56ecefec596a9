/* desk-cli-private.h: what the command files of dialogue-desk-cli share */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "desk-document.h"
#include "desk-fact.h"
#include "desk-review.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_CLI_EXIT_OK = 0,
  DESK_CLI_EXIT_FAILURE = 1,
  DESK_CLI_EXIT_USAGE = 2,
} DeskCliExit;

/* One run of the tool: its global options and the command's arguments */
typedef struct
{
  char *library;          /* --library PATH, or NULL for the default library */
  GPtrArray *args;        /* the words after the command's name that are not options */
} DeskCli;

/* One line of the help: what to type, and what it does */
typedef struct
{
  const char *synopsis;   /* as typed, not translated */
  const char *summary;    /* N_() */
} DeskCliUsage;

/* A command: its name, what runs it, the options it takes (each other
 * command's are refused), the lines of help that say what it does, and
 * where its paths begin: called with the arguments read so far each time
 * one is added, TRUE when that one is a path; every word after it is then
 * an argument, even one that starts with "-" (NULL: it takes no paths). */
typedef struct
{
  const char *name;
  int (*run) (DeskCli *cli);
  const GOptionEntry *entries;    /* ended by an entry without a name */
  const DeskCliUsage *usage;      /* ended by a line without a synopsis */
  gboolean (*paths_begin) (GPtrArray *args);
} DeskCliCommand;

/* The commands, one file for each group */
extern const DeskCliCommand _desk_cli_import_command;     /* desk-cli-library.c */
extern const DeskCliCommand _desk_cli_documents_command;
extern const DeskCliCommand _desk_cli_show_command;
extern const DeskCliCommand _desk_cli_search_command;
extern const DeskCliCommand _desk_cli_extract_command;
extern const DeskCliCommand _desk_cli_facts_command;      /* desk-cli-facts.c */
extern const DeskCliCommand _desk_cli_fact_command;
extern const DeskCliCommand _desk_cli_entities_command;   /* desk-cli-entities.c */
extern const DeskCliCommand _desk_cli_entity_command;
extern const DeskCliCommand _desk_cli_axes_command;       /* desk-cli-axes.c */
extern const DeskCliCommand _desk_cli_review_command;     /* desk-cli-review.c */
extern const DeskCliCommand _desk_cli_export_pdf_command; /* desk-cli-export.c */
extern const DeskCliCommand _desk_cli_backup_command;     /* desk-cli-backup.c */
extern const DeskCliCommand _desk_cli_document_command;   /* desk-cli-document.c */

/* desk-cli.c */
gboolean   _desk_cli_paths_from_first    (GPtrArray           *args);
DeskStore *_desk_cli_open_store          (DeskCli             *cli,
                                          GError             **error);
DeskStore *_desk_cli_open_or_create_store (DeskCli             *cli,
                                          GError             **error);
char      *_desk_cli_library_path        (DeskCli             *cli);
void       _desk_cli_print_waiting       (const char          *path,
                                          gpointer             user_data);
gboolean   _desk_cli_parse_number        (const char          *option_name,
                                          const char          *value,
                                          guint64              max,
                                          guint64             *number,
                                          GError             **error);

/* desk-cli-output.c: messages */
void       _desk_cli_print_error         (const char          *message);
int        _desk_cli_usage_error         (const char          *message);
int        _desk_cli_no_axis_error       (const char          *axis_id);
int        _desk_cli_unknown_kind_error  (const char          *kind);
int        _desk_cli_ui_language         (void);
char      *_desk_cli_local_time          (const char          *iso);

/* desk-cli-output.c: JSON */
void       _desk_cli_print_json          (JsonBuilder         *builder);
void       _desk_cli_add_string          (JsonBuilder         *builder,
                                          const char          *name,
                                          const char          *value);
void       _desk_cli_add_int             (JsonBuilder         *builder,
                                          const char          *name,
                                          gint64               value);
void       _desk_cli_add_double          (JsonBuilder         *builder,
                                          const char          *name,
                                          double               value);
void       _desk_cli_add_boolean         (JsonBuilder         *builder,
                                          const char          *name,
                                          gboolean             value);
void       _desk_cli_begin_array_member  (JsonBuilder         *builder,
                                          const char          *name);
void       _desk_cli_add_document_members (JsonBuilder        *builder,
                                           DeskDocument       *doc);
void       _desk_cli_add_fact_members    (JsonBuilder         *builder,
                                          const DeskFact      *fact,
                                          const char          *section);
void       _desk_cli_add_review_members  (JsonBuilder         *builder,
                                          const DeskReviewState *state);

/* desk-cli-output.c: JSON written as it is made (see there) */
typedef struct _DeskCliJson DeskCliJson;

DeskCliJson *_desk_cli_json_new          (void);
void       _desk_cli_json_free           (DeskCliJson         *json);
void       _desk_cli_json_begin_array    (DeskCliJson         *json,
                                          const char          *name);
void       _desk_cli_json_begin_object   (DeskCliJson         *json,
                                          const char          *name);
void       _desk_cli_json_end            (DeskCliJson         *json);
void       _desk_cli_json_add            (DeskCliJson         *json,
                                          const char          *name,
                                          JsonBuilder         *builder);
void       _desk_cli_json_add_string     (DeskCliJson         *json,
                                          const char          *name,
                                          const char          *value);
void       _desk_cli_json_add_int        (DeskCliJson         *json,
                                          const char          *name,
                                          gint64               value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCliJson, _desk_cli_json_free)

G_END_DECLS
