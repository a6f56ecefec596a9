/* desk-cli.h: the commands of dialogue-desk-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int desk_cli_run (int    argc,
                  char **argv);

G_END_DECLS
