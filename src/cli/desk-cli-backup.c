/* desk-cli-backup.c: the command of dialogue-desk-cli that copies the
 * library safely while it is in use (backup) */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"

/* Commands */

static int
cmd_backup (DeskCli *cli)
{
  g_autofree char *library = _desk_cli_library_path (cli);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (cli->args->len != 1)
    return _desk_cli_usage_error (_("backup needs one file to write the copy of the library to"));
  path = g_ptr_array_index (cli->args, 0);

  /* a mistyped library is refused, not made empty to be backed up */
  if (!(store = _desk_cli_open_store (cli, &error)) || !desk_store_backup (store, path, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  /* TRANSLATORS: the library's file, then its copy */
  printf (_("Backed up the library “%s” to “%s”\n"), library, path);
  return DESK_CLI_EXIT_OK;
}

/* The table */

static const GOptionEntry backup_entries[] = {
  { NULL }
};

static const DeskCliUsage backup_usage[] = {
  { "backup FILE", N_("Copy the library to FILE, whole even while it is in use") },
  { NULL }
};

/* FILE is a path, whatever it starts with */
const DeskCliCommand _desk_cli_backup_command = { "backup", cmd_backup, backup_entries, backup_usage,
                                                  _desk_cli_paths_from_first };
