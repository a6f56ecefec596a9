/* desk-cli-review.c: the review command of dialogue-desk-cli: review
 * sessions, undo and redo, a fact's history, review files */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-cli-private.h"

/* What the options of review set */
static struct
{
  gboolean json;
  char *reviewer;
  gint64 session;     /* 0: the open session, else the latest */
  char *prefer;
} opts;

/* Options */

static gboolean
parse_session (const char  *option_name,
               const char  *value,
               gpointer     data,
               GError     **error)
{
  guint64 session;

  if (!_desk_cli_parse_number (option_name, value, G_MAXINT64, &session, error))
    return FALSE;
  opts.session = session;
  return TRUE;
}

/* Helpers */

static void
print_session (DeskReviewSession *s)
{
  g_autofree char *started = _desk_cli_local_time (s->started);
  g_autofree char *ended = _desk_cli_local_time (s->ended);

  printf ("%4" G_GINT64_FORMAT "  %-28s %-20s %s → %-16s  ", s->id, s->name, s->reviewer, started,
          s->ended ? ended : s->origin ? "…" : _("open"));
  /* TRANSLATORS: changes in force in a review session */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", s->n_events), s->n_events);
  if (s->origin != NULL)
    printf ("  %s", _("(merged from a review file)"));
  putchar ('\n');
}

static void
add_session_json (JsonBuilder       *builder,
                  DeskReviewSession *s)
{
  json_builder_begin_object (builder);
  _desk_cli_add_int (builder, "id", s->id);
  _desk_cli_add_string (builder, "uid", s->uid);
  _desk_cli_add_string (builder, "name", s->name);
  _desk_cli_add_string (builder, "reviewer", s->reviewer);
  _desk_cli_add_string (builder, "started", s->started);
  _desk_cli_add_string (builder, "ended", s->ended);
  _desk_cli_add_boolean (builder, "imported", s->origin != NULL);
  _desk_cli_add_int (builder, "changes", s->n_events);
  json_builder_end_object (builder);
}

static void
print_conflict (DeskStore          *store,
                DeskReviewConflict *c)
{
  g_autoptr(DeskFactRow) row = desk_store_get_fact (store, c->target, NULL);
  g_autofree char *mine = desk_review_describe_value (c->field, c->mine);
  g_autofree char *theirs = desk_review_describe_value (c->field, c->theirs);

  printf ("  %s  %s  «%s»\n", c->target, c->field, row ? row->fact.text : "");
  /* TRANSLATORS: the two values of a field in conflict after merging a review file */
  printf (_("    here: %s    in the file: %s\n"), mine, theirs);
}

/* Actions */

/* review start NAME [--reviewer NAME] */
static int
start_session (DeskCli   *cli,
               DeskStore *store)
{
  g_autoptr(DeskReviewSession) session = NULL;
  g_autofree char *reviewer = opts.reviewer ? g_strdup (opts.reviewer) : desk_review_default_reviewer (store);
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 2 || *(char *) g_ptr_array_index (cli->args, 1) == '\0')
    return _desk_cli_usage_error (_("review start needs the session’s name"));
  if (*reviewer == '\0')
    return _desk_cli_usage_error (_("--reviewer needs a name"));
  if (!(session = desk_review_start (store, g_ptr_array_index (cli->args, 1), reviewer, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  /* TRANSLATORS: %d is the session's number, %s its name, %s the reviewer */
  printf (_("Started review session %d “%s” for %s\n"), (int) session->id, session->name, session->reviewer);
  return DESK_CLI_EXIT_OK;
}

/* review end */
static int
end_session (DeskCli   *cli,
             DeskStore *store)
{
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 1)
    return _desk_cli_usage_error (_("review end takes no arguments"));
  if (!desk_review_end (store, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* review list */
static int
list_sessions (DeskCli   *cli,
               DeskStore *store)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 1)
    return _desk_cli_usage_error (_("review list takes no arguments"));
  if (!(sessions = desk_review_list_sessions (store, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < sessions->len; i++)
        add_session_json (builder, g_ptr_array_index (sessions, i));
      json_builder_end_array (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }
  if (sessions->len == 0)
    fprintf (stderr, "%s\n", _("No review sessions yet."));
  for (guint i = 0; i < sessions->len; i++)
    print_session (g_ptr_array_index (sessions, i));
  return DESK_CLI_EXIT_OK;
}

/* review undo|redo */
static int
undo_or_redo (DeskCli    *cli,
              DeskStore  *store,
              const char *action)
{
  gboolean undo = g_str_equal (action, "undo");
  gboolean done;
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 1)
    return _desk_cli_usage_error (undo ? _("review undo takes no arguments") : _("review redo takes no arguments"));
  if (!(undo ? desk_review_undo : desk_review_redo) (store, &done, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (!done)
    {
      _desk_cli_print_error (undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* What became of a change, in review history --json */
static const char *
event_state_id (DeskReviewEventState state)
{
  static const char * const ids[] = {
    [DESK_REVIEW_EVENT_IN_FORCE] = "in-force",
    [DESK_REVIEW_EVENT_UNDONE] = "undone",
    [DESK_REVIEW_EVENT_PASSED_OVER] = "passed-over",
    [DESK_REVIEW_EVENT_DECLINED] = "declined",
    [DESK_REVIEW_EVENT_CHANGED_SINCE] = "changed-since",
  };

  return (guint) state < G_N_ELEMENTS (ids) ? ids[state] : "changed-since";
}

/* review history FACT-UID */
static int
show_history (DeskCli   *cli,
              DeskStore *store)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(DeskFactRow) row = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->args->len != 2)
    return _desk_cli_usage_error (_("review history needs a fact"));
  if (!(row = desk_store_get_fact (store, g_ptr_array_index (cli->args, 1), &error)) ||
      !(events = desk_review_history (store, row->uid, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          DeskReviewEvent *e = g_ptr_array_index (events, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "time", e->time);
          _desk_cli_add_string (builder, "reviewer", e->reviewer);
          _desk_cli_add_string (builder, "session", e->session_name);
          _desk_cli_add_string (builder, "field", e->field);
          _desk_cli_add_string (builder, "old", e->old_value);
          _desk_cli_add_string (builder, "new", e->new_value);
          _desk_cli_add_string (builder, "state", event_state_id (e->state));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }
  printf ("«%s»\n", row->fact.text);
  if (events->len == 0)
    fprintf (stderr, "%s\n", _("Nobody has reviewed this fact yet."));
  for (guint i = 0; i < events->len; i++)
    {
      DeskReviewEvent *e = g_ptr_array_index (events, i);
      g_autofree char *old = desk_review_describe_value (e->field, e->old_value);
      g_autofree char *new = desk_review_describe_value (e->field, e->new_value);

      g_autofree char *time = _desk_cli_local_time (e->time);

      const char *state = desk_review_event_state_name (e->state);

      printf ("%s  %-20s %-10s %s → %s  (%s)", time, e->reviewer, e->field, old, new, e->session_name);
      if (state != NULL)
        printf ("  [%s]", state);
      putchar ('\n');
    }
  return DESK_CLI_EXIT_OK;
}

/* review export [--session ID] FILE */
static int
export_session (DeskCli   *cli,
                DeskStore *store)
{
  g_autoptr(GError) error = NULL;

  if (cli->args->len > 2)
    return _desk_cli_usage_error (_("review export takes one file, after its options"));
  if (cli->args->len != 2)
    return _desk_cli_usage_error (_("review export needs the file to write"));
  if (!desk_review_export (store, opts.session, g_ptr_array_index (cli->args, 1), &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* review import [--prefer mine|theirs] FILE: a colleague's changes are
 * applied; where both changed a field, --prefer settles it or it is listed */
static int
import_file (DeskCli   *cli,
             DeskStore *store)
{
  g_autoptr(DeskReviewImport) result = NULL;
  guint undecided = 0;
  g_autoptr(GError) error = NULL;

  if (cli->args->len > 2)
    return _desk_cli_usage_error (_("review import takes one file, after its options"));
  if (cli->args->len != 2)
    return _desk_cli_usage_error (_("review import needs a review file"));
  if (!(result = desk_review_import (store, g_ptr_array_index (cli->args, 1), &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < result->conflicts->len; i++)
    {
      DeskReviewConflict *c = g_ptr_array_index (result->conflicts, i);

      if (opts.prefer == NULL)
        undecided++;
      else if (!desk_review_resolve (store, c, g_str_equal (opts.prefer, "theirs"), &error))
        {
          _desk_cli_print_error (error->message);
          return DESK_CLI_EXIT_FAILURE;
        }
    }
  /* TRANSLATORS: %s is the session's name, %s its reviewer */
  printf (_("Merged “%s” by %s:\n"), result->session_name, result->reviewer);
  printf (g_dngettext (GETTEXT_PACKAGE, "  %u change applied\n", "  %u changes applied\n", result->applied), result->applied);
  printf (g_dngettext (GETTEXT_PACKAGE, "  %u change already here\n", "  %u changes already here\n", result->unchanged),
          result->unchanged);
  if (result->pending > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "  %u change waits for a document this library does not have\n",
                         "  %u changes wait for documents this library does not have\n", result->pending),
            result->pending);
  if (result->conflicts->len == 0)
    ;
  else if (opts.prefer != NULL)
    printf (g_dngettext (GETTEXT_PACKAGE, "  %u conflict settled: kept %s\n", "  %u conflicts settled: kept %s\n",
                         result->conflicts->len),
            result->conflicts->len,
            g_str_equal (opts.prefer, "theirs") ? _("the file’s values") : _("this library’s values"));
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "  %u conflict (the same field changed differently):\n",
                           "  %u conflicts (the same field changed differently):\n", undecided), undecided);
      for (guint i = 0; i < result->conflicts->len; i++)
        print_conflict (store, g_ptr_array_index (result->conflicts, i));
      if (undecided > 0)
        fprintf (stderr, "%s\n", _("Conflicts are left as they are here; import again with --prefer mine or --prefer theirs to settle them."));
    }
  return DESK_CLI_EXIT_OK;
}

/* Commands */

static int
cmd_review (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (action == NULL)
    return _desk_cli_usage_error (_("review needs an action: start, end, list, undo, redo, history, export or import"));
  if (opts.prefer != NULL && !g_str_equal (opts.prefer, "mine") && !g_str_equal (opts.prefer, "theirs"))
    {
      g_autofree char *msg = g_strdup_printf (_("--prefer takes “mine” or “theirs”, not “%s”"), opts.prefer);
      return _desk_cli_usage_error (msg);
    }
  /* a colleague's review may come before the documents it is about */
  if (!(store = g_str_equal (action, "import") ? _desk_cli_open_or_create_store (cli, &error)
                                               : _desk_cli_open_store (cli, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  if (g_str_equal (action, "start"))
    return start_session (cli, store);
  if (g_str_equal (action, "end"))
    return end_session (cli, store);
  if (g_str_equal (action, "list"))
    return list_sessions (cli, store);
  if (g_str_equal (action, "undo") || g_str_equal (action, "redo"))
    return undo_or_redo (cli, store, action);
  if (g_str_equal (action, "history"))
    return show_history (cli, store);
  if (g_str_equal (action, "export"))
    return export_session (cli, store);
  if (g_str_equal (action, "import"))
    return import_file (cli, store);

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown review action “%s” (start, end, list, undo, redo, history, export, import)"), action);
    return _desk_cli_usage_error (msg);
  }
}

/* The file of review export and review import is a path: nothing after
 * it is read as an option */
static gboolean
paths_begin (GPtrArray *args)
{
  const char *action = g_ptr_array_index (args, 0);

  return args->len == 2 && (g_str_equal (action, "export") || g_str_equal (action, "import"));
}

/* The table */

static const GOptionEntry review_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("With “review list” and “review history”: print JSON"), NULL },
  { "reviewer", 0, 0, G_OPTION_ARG_STRING, &opts.reviewer,
    N_("With “review start”: who reviews (default: the reviewer of the last session)"), "NAME" },
  { "session", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_session,
    N_("With “review export”: the session to write (default: the open one, else the latest)"), "ID" },
  { "prefer", 0, 0, G_OPTION_ARG_STRING, &opts.prefer,
    N_("With “review import”: settle conflicts with this library’s values (mine) or the file’s (theirs)"),
    "mine|theirs" },
  { NULL }
};

static const DeskCliUsage review_usage[] = {
  { "review start NAME [--reviewer NAME]", N_("Start a review session (the reviewer is remembered)") },
  { "review end|list [--json]", N_("End the open review session, or list the sessions") },
  { "review undo|redo", N_("Take back the last review change, or bring it back") },
  { "review history FACT-UID [--json]", N_("Who changed what of a fact, and when") },
  { "review export [--session ID] FILE", N_("Write a session’s changes to a review file") },
  { "review import [--prefer mine|theirs] FILE", N_("Merge a colleague’s review file") },
  { NULL }
};

const DeskCliCommand _desk_cli_review_command = { "review", cmd_review, review_entries, review_usage,
                                                    paths_begin };
