/* main.c: entry point of the Dialogue Desk window application */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "desk-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(DeskApplication) app = NULL;
  const char *localedir = g_getenv ("DIALOGUE_DESK_LOCALEDIR");

  /* LANGUAGE is ignored in the C locale; C.UTF-8 keeps it working. */
  if (setlocale (LC_ALL, "") == NULL || g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Dialogue Desk"));
  app = desk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
