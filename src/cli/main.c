/* main.c: entry point of dialogue-desk-cli */
#include "config.h"

#include "desk-cli.h"
#include "desk-file.h"
#include "desk-locale.h"

int
main (int    argc,
      char **argv)
{
  desk_locale_init ();
  /* an export stopped by Ctrl-C, TERM or HUP leaves no temporary file */
  desk_file_remove_on_signal ();
  return desk_cli_run (argc, argv);
}
