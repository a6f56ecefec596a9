/* desk-locale.c: the process's locale and message catalogue, for every entry point */
#define G_LOG_DOMAIN "desk-locale"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "desk-locale.h"

/* Sets the locale from the environment and binds the message catalogue
 * ($DIALOGUE_DESK_LOCALEDIR overrides the installed one, for running from
 * the build tree).  LANGUAGE is ignored in the C locale, so a machine
 * without a locale set falls back to C.UTF-8, where LANGUAGE=es works. */
void
desk_locale_init (void)
{
  const char *localedir = g_getenv ("DIALOGUE_DESK_LOCALEDIR");

  if (setlocale (LC_ALL, "") == NULL || g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The interface's language among those the application speaks: "es"
 * when the first language the user asks for is Spanish, else "en" */
const char *
desk_locale_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "es") ? "es" : "en";
}
