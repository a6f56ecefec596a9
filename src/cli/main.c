/* main.c: entry point of dialogue-desk-cli */
#include "config.h"

#include "desk-cli.h"
#include "desk-locale.h"

int
main (int    argc,
      char **argv)
{
  desk_locale_init ();
  return desk_cli_run (argc, argv);
}
