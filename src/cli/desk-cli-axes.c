/* desk-cli-axes.c: the axes command of dialogue-desk-cli: the dialogue
 * axes, the facts under them, and the axes documents propose */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-axes.h"
#include "desk-cli-private.h"

/* What the options of axes set */
static struct
{
  gboolean json;
  char *kind;
} opts;

/* Helpers */

/* How many facts an axis has, from how many documents, and the newest
 * date among them: counted by the library, not listed (an axis of a large
 * library has hundreds of thousands) */
typedef struct
{
  guint facts;
  guint documents;
  char *newest;
} AxisSummary;

static void
summarize (DeskStore   *store,
           DeskAxis    *axis,
           AxisSummary *summary)
{
  g_autoptr(GError) error = NULL;

  if (!desk_store_summarize_axis (store, axis->id, &summary->facts, &summary->documents, &summary->newest, &error))
    g_warning ("Axis %s not counted: %s", axis->id, error->message);
}

static void
add_axis_json (JsonBuilder *builder,
               DeskStore   *store,
               DeskAxis    *axis)
{
  AxisSummary summary = { 0 };

  summarize (store, axis, &summary);
  json_builder_begin_object (builder);
  _desk_cli_add_string (builder, "id", axis->id);
  _desk_cli_add_string (builder, "name_es", axis->name[0]);
  _desk_cli_add_string (builder, "name_en", axis->name[1]);
  _desk_cli_add_string (builder, "description_es", axis->description[0]);
  _desk_cli_add_string (builder, "description_en", axis->description[1]);
  if (axis->agreed[0] != NULL)
    {
      _desk_cli_add_string (builder, "agreed_es", axis->agreed[0]);
      _desk_cli_add_string (builder, "agreed_en", axis->agreed[1]);
    }
  _desk_cli_begin_array_member (builder, "maps_to");
  for (guint i = 0; axis->maps_to && axis->maps_to[i]; i++)
    json_builder_add_string_value (builder, axis->maps_to[i]);
  json_builder_end_array (builder);
  _desk_cli_add_int (builder, "facts", summary.facts);
  _desk_cli_add_int (builder, "documents", summary.documents);
  _desk_cli_add_string (builder, "newest", summary.newest);
  if (axis->dialogue->proposed)
    {
      g_autoptr(GPtrArray) rows = desk_store_list_axis_facts (store, axis->id, DESK_FACT_PROPOSAL, NULL);

      _desk_cli_begin_array_member (builder, "proposals");
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          DeskFactRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "uid", row->uid);
          _desk_cli_add_string (builder, "text", row->fact.value);
          _desk_cli_add_int (builder, "document", row->document_id);
          _desk_cli_add_string (builder, "document_title", row->document_title);
          _desk_cli_add_string (builder, "section", row->section_title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  _desk_cli_begin_array_member (builder, "subaxes");
  for (guint i = 0; i < axis->subaxes->len; i++)
    add_axis_json (builder, store, g_ptr_array_index (axis->subaxes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_free (summary.newest);
}

static void
print_axis (DeskStore *store,
            DeskAxis  *axis,
            guint      depth,
            int        lang)
{
  AxisSummary summary = { 0 };

  summarize (store, axis, &summary);
  for (guint d = 0; d < depth; d++)
    fputs ("  ", stdout);
  /* TRANSLATORS: an axis in the list: name, id, facts, documents, newest date */
  printf (_("%s [%s] — %u facts from %u documents, newest %s\n"), axis->name[lang], axis->id,
          summary.facts, summary.documents, summary.newest ? summary.newest : "—");
  g_free (summary.newest);
  for (guint i = 0; i < axis->subaxes->len; i++)
    print_axis (store, g_ptr_array_index (axis->subaxes, i), depth + 1, lang);
}

/* Actions */

/* axes assign|unassign AXIS FACT-UID */
static int
assign_fact (DeskCli    *cli,
             DeskStore  *store,
             DeskAxes   *axes,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;

  if (cli->args->len != 3)
    return _desk_cli_usage_error (_("axes assign and axes unassign need an axis and a fact"));
  if (desk_axes_lookup (axes, g_ptr_array_index (cli->args, 1)) == NULL)
    return _desk_cli_no_axis_error (g_ptr_array_index (cli->args, 1));
  field = g_strconcat ("axis:", (char *) g_ptr_array_index (cli->args, 1), NULL);

  /* through the review, so that the assignment is logged, undone and exchanged */
  if (!desk_review_set (store, g_ptr_array_index (cli->args, 2), field,
                        g_str_equal (action, "assign") ? "assigned" : "unassigned", &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* axes merge FOUND-AXIS AXIS */
static int
merge_found_axis (DeskCli   *cli,
                  DeskStore *store,
                  DeskAxes  *axes)
{
  g_autoptr(GError) error = NULL;
  const char *target;

  if (cli->args->len != 3)
    return _desk_cli_usage_error (_("axes merge needs an axis found in a document and a dialogue axis"));
  target = g_ptr_array_index (cli->args, 2);
  if (desk_axes_lookup (axes, target) == NULL)
    return _desk_cli_no_axis_error (target);
  if (!desk_store_merge_found_axis (store, g_ptr_array_index (cli->args, 1), target, &error))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  return DESK_CLI_EXIT_OK;
}

/* axes show AXIS: the axis, the axes of other dialogues that map to it,
 * and its facts, best first */
static int
show_axis (DeskCli   *cli,
           DeskStore *store,
           DeskAxes  *axes,
           int        lang)
{
  GPtrArray *dialogues = desk_axes_get_dialogues (axes);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  DeskAxis *axis;
  int kind = -1;

  if (cli->args->len != 2)
    return _desk_cli_usage_error (_("axes show needs an axis"));
  axis = desk_axes_lookup (axes, g_ptr_array_index (cli->args, 1));
  if (axis == NULL)
    return _desk_cli_no_axis_error (g_ptr_array_index (cli->args, 1));
  if (opts.kind != NULL)
    {
      DeskFactKind k;
      if (!desk_fact_kind_from_string (opts.kind, &k))
        return _desk_cli_unknown_kind_error (opts.kind);
      kind = k;
    }
  rows = desk_store_list_axis_facts (store, axis->id, kind, &error);
  if (rows == NULL)
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "axis");
      add_axis_json (builder, store, axis);
      _desk_cli_begin_array_member (builder, "comparators");
      for (guint d = 0; d < dialogues->len; d++)
        {
          DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);
          const DeskAxis *top = axis;

          while (top->parent != NULL)
            top = top->parent;
          for (guint k = 0; !dialogue->proposed && k < dialogue->axes->len; k++)
            {
              DeskAxis *other = g_ptr_array_index (dialogue->axes, k);

              if (other->maps_to == NULL || !g_strv_contains ((const char * const *) other->maps_to, top->id))
                continue;
              json_builder_begin_object (builder);
              _desk_cli_add_string (builder, "dialogue", dialogue->id);
              _desk_cli_add_string (builder, "dialogue_name", dialogue->name[lang]);
              _desk_cli_add_string (builder, "axis", other->id);
              _desk_cli_add_string (builder, "name", other->name[lang]);
              _desk_cli_add_string (builder, "agreed", other->agreed[lang]);
              json_builder_end_object (builder);
            }
        }
      json_builder_end_array (builder);
      _desk_cli_begin_array_member (builder, "facts");
      for (guint i = 0; i < rows->len; i++)
        {
          DeskFactRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "uid", row->uid);
          _desk_cli_add_int (builder, "document", row->document_id);
          _desk_cli_add_string (builder, "document_title", row->document_title);
          _desk_cli_add_double (builder, "score", row->score);
          _desk_cli_add_fact_members (builder, &row->fact, row->section_title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }
  printf ("%s [%s]\n", axis->name[lang], axis->id);
  if (axis->description[lang])
    printf ("  %s\n", axis->description[lang]);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);

      printf ("  %6.1f  %-9s %-10s %s  «%s» — %s\n", row->score, desk_fact_kind_to_string (row->fact.kind),
              desk_modality_to_string (row->fact.modality), row->fact.value, row->fact.text, row->document_title);
    }
  return DESK_CLI_EXIT_OK;
}

/* axes: every dialogue with its axes, then the axes found in documents */
static int
list_axes (DeskStore *store,
           DeskAxes  *axes,
           int        lang)
{
  GPtrArray *dialogues = desk_axes_get_dialogues (axes);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  if (!(found = desk_store_list_found_axes (store, &error)))
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (opts.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _desk_cli_begin_array_member (builder, "dialogues");
      for (guint i = 0; i < dialogues->len; i++)
        {
          DeskDialogue *d = g_ptr_array_index (dialogues, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "id", d->id);
          _desk_cli_add_string (builder, "kind", d->proposed ? "proposed" : "comparator");
          _desk_cli_add_string (builder, "name_es", d->name[0]);
          _desk_cli_add_string (builder, "name_en", d->name[1]);
          _desk_cli_add_string (builder, "level", d->level[lang]);
          _desk_cli_add_string (builder, "frequency", d->frequency[lang]);
          _desk_cli_add_string (builder, "venues", d->venues[lang]);
          _desk_cli_begin_array_member (builder, "meetings");
          for (guint k = 0; k < d->meetings->len; k++)
            {
              DeskMeeting *m = &g_array_index (d->meetings, DeskMeeting, k);

              json_builder_begin_object (builder);
              _desk_cli_add_string (builder, "name", m->name);
              _desk_cli_add_string (builder, "date", m->date);
              _desk_cli_add_string (builder, "place", m->place);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          _desk_cli_begin_array_member (builder, "axes");
          for (guint k = 0; k < d->axes->len; k++)
            add_axis_json (builder, store, g_ptr_array_index (d->axes, k));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _desk_cli_begin_array_member (builder, "found");
      for (guint i = 0; i < found->len; i++)
        {
          DeskFoundAxisRow *row = g_ptr_array_index (found, i);

          json_builder_begin_object (builder);
          _desk_cli_add_string (builder, "id", row->id);
          _desk_cli_add_string (builder, "name", row->name);
          _desk_cli_add_int (builder, "document", row->document_id);
          _desk_cli_add_string (builder, "document_title", row->document_title);
          _desk_cli_add_int (builder, "proposals", row->n_proposals);
          _desk_cli_add_string (builder, "merged_into", row->merged_into);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _desk_cli_print_json (builder);
      return DESK_CLI_EXIT_OK;
    }

  for (guint i = 0; i < dialogues->len; i++)
    {
      DeskDialogue *d = g_ptr_array_index (dialogues, i);

      printf ("%s%s\n", d->name[lang], d->proposed ? _(" (proposed)") : "");
      for (guint k = 0; k < d->axes->len; k++)
        print_axis (store, g_ptr_array_index (d->axes, k), 1, lang);
    }
  if (found->len > 0)
    printf ("\n%s\n", _("Axes found in the documents:"));
  for (guint i = 0; i < found->len; i++)
    {
      DeskFoundAxisRow *row = g_ptr_array_index (found, i);

      printf ("  %s [%s] — %s%s%s\n", row->name, row->id, row->document_title,
              row->merged_into ? " → " : "", row->merged_into ? row->merged_into : "");
    }
  return DESK_CLI_EXIT_OK;
}

/* Commands */

static int
cmd_axes (DeskCli *cli)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;
  int lang = _desk_cli_ui_language ();

  if (!(axes = desk_axes_load_default (&error)) || !(store = _desk_cli_open_store (cli, &error)) ||
      desk_store_update_axes (store, axes, NULL, &error) < 0)
    {
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }

  if (action == NULL)
    return list_axes (store, axes, lang);
  if (g_str_equal (action, "assign") || g_str_equal (action, "unassign"))
    return assign_fact (cli, store, axes, action);
  if (g_str_equal (action, "merge"))
    return merge_found_axis (cli, store, axes);
  if (g_str_equal (action, "show"))
    return show_axis (cli, store, axes, lang);

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), action);
    return _desk_cli_usage_error (msg);
  }
}

/* The table */

static const GOptionEntry axes_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, N_("Print the axes, or the axis shown, as JSON"), NULL },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opts.kind, N_("With “axes show”: only its facts of kind K"), "K" },
  { NULL }
};

static const DeskCliUsage axes_usage[] = {
  { "axes [--json]", N_("List the dialogue axes and the axes found in documents") },
  { "axes show AXIS [--json] [--kind K]", N_("Show an axis with its proposals and supporting facts") },
  { "axes assign|unassign AXIS FACT-UID", N_("Put a fact under an axis, or take it off") },
  { "axes merge FOUND-AXIS AXIS", N_("Count an axis found in a document as a dialogue axis") },
  { NULL }
};

const DeskCliCommand _desk_cli_axes_command = { "axes", cmd_axes, axes_entries, axes_usage };
