/* desk-cli-document.c: dialogue-desk-cli's document command: the officer
 * corrects a document's title, author, date or source */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"

/* The fields as typed, and the document's fields they change */
static const struct { const char *typed, *field; } fields[] = {
  { "title", "title" },
  { "author", "author" },
  { "date", "published" },
  { "source", "source" },
};

static const char *
field_of (const char *typed)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (typed, fields[i].typed))
      return fields[i].field;
  return NULL;
}

static int
cmd_document (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;
  const char *field, *value;

  if (action == NULL || !g_str_equal (action, "set"))
    return _desk_cli_usage_error (_("document needs an action: document set DOC-ID title|author|date|source VALUE"));
  if (cli->args->len != 4)
    return _desk_cli_usage_error (_("document set needs a document, a field (title, author, date or source) and "
                                    "one value (quote a value of several words)"));
  field = field_of (g_ptr_array_index (cli->args, 2));
  value = g_ptr_array_index (cli->args, 3);
  if (field == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not something of a document that can be changed (title, "
                                                "author, date or source)"),
                                              (const char *) g_ptr_array_index (cli->args, 2));
      return _desk_cli_usage_error (msg);
    }

  if (!(store = _desk_cli_open_store (cli, &error)) ||
      !(doc = desk_store_find_document (store, g_ptr_array_index (cli->args, 1), &error)) ||
      /* an empty author, date or source clears it */
      !desk_review_set (store, desk_document_get_uid (doc), field,
                        *value == '\0' && !g_str_equal (field, "title") ? NULL : value, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* The table */

/* document set takes no options: a review session says who changes what */
static const GOptionEntry document_entries[] = {
  { NULL }
};

static const DeskCliUsage document_usage[] = {
  { "document set DOC-ID title|author|date|source VALUE",
    N_("Change a document’s title, author, date (YYYY[-MM[-DD]]) or source") },
  { NULL }
};

const DeskCliCommand _desk_cli_document_command = { "document", cmd_document, document_entries, document_usage };
