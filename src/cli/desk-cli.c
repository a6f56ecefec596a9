/* desk-cli.c: dialogue-desk-cli's entry point: its global options, the
 * table of commands, and the reading of each command's options
 *
 * Each group of commands lives in a file of its own and declares the
 * options of each command as GOptionEntry arrays (see
 * desk-cli-private.h).  They are read here and not by GOptionContext,
 * which would word its errors, its help and the forms it accepts
 * (--kind=K, options grouped under a command) differently from what the
 * tool has always done.  The global options go before the command's
 * name, the command's own after it; an option takes its value from the
 * next word; "--" ends the options, and so does the first of a command's
 * paths, so that a file name is never read as an option. */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "desk-cli.h"
#include "desk-cli-private.h"
#include "desk-utf8.h"

/* In the order of the help */
static const DeskCliCommand * const commands[] = {
  &_desk_cli_import_command,
  &_desk_cli_documents_command,
  &_desk_cli_show_command,
  &_desk_cli_search_command,
  &_desk_cli_extract_command,
  &_desk_cli_facts_command,
  &_desk_cli_entities_command,
  &_desk_cli_axes_command,
  &_desk_cli_review_command,
  &_desk_cli_fact_command,
  &_desk_cli_entity_command,
  &_desk_cli_document_command,
  &_desk_cli_export_pdf_command,
  &_desk_cli_backup_command,
};

/* The options of the tool rather than of a command: read by name in
 * desk_cli_run, declared here for the help */
enum { GLOBAL_LIBRARY, GLOBAL_HELP, GLOBAL_VERSION };

static const GOptionEntry global_entries[] = {
  [GLOBAL_LIBRARY] = { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL,
                       N_("Use the library at PATH (default: $DIALOGUE_DESK_LIBRARY or the user’s library)"), "PATH" },
  [GLOBAL_HELP] = { "help", 'h', 0, G_OPTION_ARG_NONE, NULL, N_("Show this help"), NULL },
  [GLOBAL_VERSION] = { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
  { NULL }
};

/* In the help a summary starts in the column after the synopses'; a
 * synopsis that fills their column is followed by one space, a longer one
 * (or one of several lines) by a line of its own. */
#define SYNOPSIS_WIDTH 37

/* Between an option and what it does, in the help */
#define OPTION_GAP 3

static void
clear_cli (DeskCli *cli)
{
  g_clear_pointer (&cli->library, g_free);
  g_clear_pointer (&cli->args, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DeskCli, clear_cli)

/* Help */

static void
print_usage_lines (FILE                 *out,
                   const DeskCliCommand *command)
{
  for (const DeskCliUsage *u = command->usage; u->synopsis != NULL; u++)
    {
      glong length = g_utf8_strlen (u->synopsis, -1);

      if (strchr (u->synopsis, '\n') == NULL && length <= SYNOPSIS_WIDTH)
        fprintf (out, "  %s%*s%s\n", u->synopsis, (int) MAX (SYNOPSIS_WIDTH - length, 1), "", _(u->summary));
      else
        fprintf (out, "  %s\n%*s%s\n", u->synopsis, 2 + SYNOPSIS_WIDTH, "", _(u->summary));
    }
}

/* "--name ARG", as the help shows an option */
static char *
option_label (const GOptionEntry *entry)
{
  if (entry->arg_description != NULL)
    return g_strdup_printf ("--%s %s", entry->long_name, entry->arg_description);
  return g_strdup_printf ("--%s", entry->long_name);
}

static int
label_width (const GOptionEntry *entry)
{
  g_autofree char *label = option_label (entry);

  return g_utf8_strlen (label, -1);
}

/* The widest label of @entries, or @width if that is wider */
static int
options_width (const GOptionEntry *entries,
               int                 width)
{
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    width = MAX (width, label_width (e));
  return width;
}

static void
print_option (FILE               *out,
              const GOptionEntry *entry,
              int                 width)
{
  g_autofree char *label = option_label (entry);

  fprintf (out, "  %s%*s%s\n", label, (int) (width - g_utf8_strlen (label, -1) + OPTION_GAP), "",
           _(entry->description));
}

static void
print_usage (FILE *out)
{
  int width = options_width (global_entries, 0);

  fprintf (out, "%s\n",
           _("Usage: dialogue-desk-cli [--library PATH] COMMAND [OPTIONS] [ARGUMENTS]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    print_usage_lines (out, commands[i]);
  fprintf (out, "\n%s\n", _("Options:"));
  for (const GOptionEntry *e = global_entries; e->long_name != NULL; e++)
    print_option (out, e, width);
}

/* COMMAND --help: what it does, its options, and the global ones that
 * apply to it, which go before its name */
static void
print_command_help (const DeskCliCommand *command)
{
  const GOptionEntry *library = &global_entries[GLOBAL_LIBRARY];
  const GOptionEntry *help = &global_entries[GLOBAL_HELP];
  int width = MAX (options_width (command->entries, 0), MAX (label_width (library), label_width (help)));

  /* TRANSLATORS: heading of a command's help, above the ways to type it */
  printf ("%s\n", _("Usage:"));
  print_usage_lines (stdout, command);
  printf ("\n%s\n", _("Options:"));
  for (const GOptionEntry *e = command->entries; e->long_name != NULL; e++)
    print_option (stdout, e, width);
  print_option (stdout, help, width);
  /* TRANSLATORS: heading of the options that go before a command's name, in its help */
  printf ("\n%s\n", _("Before the command’s name:"));
  print_option (stdout, library, width);
}

/* Options */

static const DeskCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

static const GOptionEntry *
find_entry (const GOptionEntry *entries,
            const char         *name)
{
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    if (g_str_equal (e->long_name, name))
      return e;
  return NULL;
}

/* The command other than @command that takes the option @arg
 * ("--NAME"), or NULL when none does */
static const DeskCliCommand *
find_other_owner (const DeskCliCommand *command,
                  const char           *arg)
{
  if (!g_str_has_prefix (arg, "--"))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i] != command && find_entry (commands[i]->entries, arg + 2) != NULL)
      return commands[i];
  return NULL;
}

static gboolean
takes_value (const GOptionEntry *entry)
{
  return entry->arg != G_OPTION_ARG_NONE && (entry->flags & G_OPTION_FLAG_NO_ARG) == 0;
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h");
}

/* A global option: --library, --library=PATH, --version (--help, which
 * after a command's name asks for its help, apart) */
static gboolean
is_global_option (const char *arg)
{
  return g_str_equal (arg, "--library") || g_str_has_prefix (arg, "--library=") || g_str_equal (arg, "--version");
}

/* A word that reads as an option ("-" alone is an argument) */
static gboolean
is_option (const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0';
}

/* Sets what @entry says from argv[*i] (and the word after it, which then
 * is taken: *i moves on) */
static gboolean
read_option (const GOptionEntry  *entry,
             DeskCli             *cli,
             int                  argc,
             char               **argv,
             int                 *i,
             GError             **error)
{
  const char *arg = argv[*i];
  const char *value = *i + 1 < argc ? argv[*i + 1] : NULL;

  if (value != NULL && takes_value (entry) && entry->arg != G_OPTION_ARG_FILENAME && !g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *shown = desk_utf8_excerpt (value, -1);

      /* TRANSLATORS: an option, then its value with each byte that is not UTF-8 written \xNN */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The value of %s, “%s”, is not UTF-8 text"),
                   arg, shown);
      return FALSE;
    }

  switch (entry->arg)
    {
    case G_OPTION_ARG_NONE:
      *(gboolean *) entry->arg_data = TRUE;
      return TRUE;

    case G_OPTION_ARG_STRING:
    case G_OPTION_ARG_FILENAME:
      if (value == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s needs a value"), arg);
          return FALSE;
        }
      g_free (*(char **) entry->arg_data);
      *(char **) entry->arg_data = g_strdup (value);
      (*i)++;
      return TRUE;

    case G_OPTION_ARG_CALLBACK:
      /* a missing value is the callback's to refuse, in its own words */
      if (!takes_value (entry))
        value = NULL;
      if (!((GOptionArgFunc) entry->arg_data) (arg, value, cli, error))
        return FALSE;
      if (value != NULL)
        (*i)++;
      return TRUE;

    default:
      /* no command declares other kinds of option */
      g_assert_not_reached ();
      return FALSE;
    }
}

/* Whether the word @i of @command's arguments is a file name, which may
 * be any bytes, as file names are: import PATH…, extract FILE…, review
 * export|import FILE.  Every other word is text and must be UTF-8. */
static gboolean
is_file_name (const DeskCliCommand *command,
              GPtrArray            *args,
              guint                 i)
{
  if (command == &_desk_cli_import_command || command == &_desk_cli_extract_command)
    return TRUE;
  return command == &_desk_cli_review_command && i == 1 &&
         (g_str_equal (g_ptr_array_index (args, 0), "export") || g_str_equal (g_ptr_array_index (args, 0), "import"));
}

/* Refuses an argument that is text but not UTF-8 (a terminal set to
 * Latin-1 sends "Peña" as "Pe\xF1a"), before anything stores it */
static gboolean
check_text_args (const DeskCliCommand  *command,
                 GPtrArray             *args,
                 GError               **error)
{
  for (guint i = 0; i < args->len; i++)
    if (!is_file_name (command, args, i) && !g_utf8_validate (g_ptr_array_index (args, i), -1, NULL))
      {
        g_autofree char *shown = desk_utf8_excerpt (g_ptr_array_index (args, i), -1);

        /* TRANSLATORS: %s is an argument, with each byte that is not UTF-8 written \xNN */
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The argument “%s” is not UTF-8 text"), shown);
        return FALSE;
      }
  return TRUE;
}

/* The words before the command's name: the global options only, "--"
 * ending them.  Returns where the command's name is (argc for none), or
 * -1 when the run ends here with *status: help, version, a usage error. */
static int
read_global_options (DeskCli  *cli,
                     int       argc,
                     char    **argv,
                     int      *status)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (is_help (arg))
        {
          print_usage (stdout);
          *status = DESK_CLI_EXIT_OK;
          return -1;
        }
      if (g_str_equal (arg, "--version"))
        {
          printf ("dialogue-desk-cli %s\n", VERSION);
          *status = DESK_CLI_EXIT_OK;
          return -1;
        }
      if (g_str_equal (arg, "--library") || g_str_has_prefix (arg, "--library="))
        {
          const char *value = arg[9] == '=' ? arg + 10 : (i + 1 < argc ? argv[++i] : NULL);

          if (value == NULL || *value == '\0')
            {
              *status = _desk_cli_usage_error (_("--library needs a path"));
              return -1;
            }
          g_free (cli->library);
          cli->library = g_strdup (value);
        }
      else if (g_str_equal (arg, "--"))
        return i + 1;
      else if (is_option (arg))
        {
          g_autofree char *msg = NULL;

          if (find_other_owner (NULL, arg) != NULL)
            /* TRANSLATORS: a command's option typed before the command's name */
            msg = g_strdup_printf (_("“%s” goes after the command’s name: only --library, --help and --version go before it"), arg);
          else
            msg = g_strdup_printf (_("Unknown option “%s”"), arg);
          *status = _desk_cli_usage_error (msg);
          return -1;
        }
      else
        return i;
    }
  return argc;
}

/* The words after the command's name: its own options, then its
 * arguments.  Once its paths begin (command->paths_begin), or after "--",
 * every word is an argument, whatever it looks like: "import *" in a
 * folder holding a file named "--help" imports that file.  Returns -1 to
 * run the command, else the status to end with. */
static int
read_command_words (DeskCli              *cli,
                    const DeskCliCommand *command,
                    int                   argc,
                    char                **argv,
                    int                   first)
{
  gboolean paths = FALSE;

  for (int i = first; i < argc; i++)
    {
      const char *arg = argv[i];
      const GOptionEntry *entry;
      g_autoptr(GError) error = NULL;

      if (paths || !is_option (arg))
        {
          g_ptr_array_add (cli->args, argv[i]);
          paths = paths || (command->paths_begin != NULL && command->paths_begin (cli->args));
        }
      else if (g_str_equal (arg, "--"))
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (cli->args, argv[i]);
        }
      else if (is_help (arg))
        {
          print_command_help (command);
          return DESK_CLI_EXIT_OK;
        }
      else if (is_global_option (arg))
        {
          g_autofree char *name = g_strndup (arg, strcspn (arg, "="));
          /* TRANSLATORS: a global option (--library, --version) typed after the command's name */
          g_autofree char *msg = g_strdup_printf (_("“%s” goes before the command’s name"), name);

          return _desk_cli_usage_error (msg);
        }
      else if (!g_str_has_prefix (arg, "--") || (entry = find_entry (command->entries, arg + 2)) == NULL)
        {
          const DeskCliCommand *owner = find_other_owner (command, arg);
          g_autofree char *msg = NULL;

          if (owner != NULL)
            /* TRANSLATORS: an option, then the command that does not take it */
            msg = g_strdup_printf (_("“%s” is not an option of “%s”"), arg, command->name);
          else
            msg = g_strdup_printf (_("Unknown option “%s”"), arg);
          return _desk_cli_usage_error (msg);
        }
      else if (!read_option (entry, cli, argc, argv, &i, &error))
        return _desk_cli_usage_error (error->message);
    }
  return -1;
}

/* Shared */

/* For commands whose arguments are all paths: they begin with the first */
gboolean
_desk_cli_paths_from_first (GPtrArray *args)
{
  return TRUE;
}

char *
_desk_cli_library_path (DeskCli *cli)
{
  return cli->library ? g_strdup (cli->library) : desk_store_default_path ();
}

/* Another program writes the library: the command waits for it, and says
 * why nothing moves (on a line of its own, after any progress line) */
void
_desk_cli_print_waiting (const char *path,
                         gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    fputs ("\r\033[K", stderr);
  /* TRANSLATORS: while another program writes the library; %s is its file */
  fprintf (stderr, _("Waiting for the library “%s”: it is in use by another program…"), path);
  fputc ('\n', stderr);
  fflush (stderr);
}

/* The library a command works on, which must be there: a mistyped
 * --library names no library, and none is made there */
DeskStore *
_desk_cli_open_store (DeskCli  *cli,
                      GError  **error)
{
  g_autofree char *path = _desk_cli_library_path (cli);
  DeskStore *store = desk_store_open_existing (path, error);

  if (store != NULL)
    desk_store_set_waiting_func (store, _desk_cli_print_waiting, NULL);
  return store;
}

/* The library, made where there is none yet: for what may begin one
 * (a colleague's review, waiting for its documents) */
DeskStore *
_desk_cli_open_or_create_store (DeskCli  *cli,
                                GError  **error)
{
  g_autofree char *path = _desk_cli_library_path (cli);
  DeskStore *store = desk_store_open (path, error);

  if (store != NULL)
    desk_store_set_waiting_func (store, _desk_cli_print_waiting, NULL);
  return store;
}

/* A whole number from 1 to @max, the value of @option_name */
gboolean
_desk_cli_parse_number (const char  *option_name,
                        const char  *value,
                        guint64      max,
                        guint64     *number,
                        GError     **error)
{
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, max, number, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s needs a positive number"), option_name);
      return FALSE;
    }
  return TRUE;
}

/* Entry point */

int
desk_cli_run (int    argc,
              char **argv)
{
  g_auto(DeskCli) cli = { NULL, g_ptr_array_new () };
  const DeskCliCommand *command;
  int status = DESK_CLI_EXIT_OK;
  int at = read_global_options (&cli, argc, argv, &status);

  if (at < 0)
    return status;
  if (at >= argc)
    {
      print_usage (stderr);
      return DESK_CLI_EXIT_USAGE;
    }
  if ((command = find_command (argv[at])) == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), argv[at]);
      return _desk_cli_usage_error (msg);
    }
  if ((status = read_command_words (&cli, command, argc, argv, at + 1)) >= 0)
    return status;
  {
    g_autoptr(GError) error = NULL;

    if (!check_text_args (command, cli.args, &error))
      return _desk_cli_usage_error (error->message);
  }
  return command->run (&cli);
}
