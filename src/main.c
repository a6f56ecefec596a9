/* main.c: entry point of the Dialogue Desk window application */
#include "config.h"

#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-file.h"
#include "desk-locale.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(DeskApplication) app = NULL;

  desk_locale_init ();
  /* an export stopped by Ctrl-C, TERM or HUP leaves no temporary file */
  desk_file_remove_on_signal ();
  g_set_application_name (_("Dialogue Desk"));
  app = desk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
