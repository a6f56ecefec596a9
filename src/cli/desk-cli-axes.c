/* desk-cli-axes.c: the axes command of dialogue-desk-cli: the dialogue
 * axes, the facts under them, and the axes documents propose */
#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "desk-axes.h"
#include "desk-cli-private.h"
#include "desk-locale.h"
#include "desk-value.h"

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

/* What the JSON of axes is written with (see desk-cli-output.c): the
 * output, and a builder for each value */
typedef struct
{
  DeskCliJson *json;
  JsonBuilder *builder;
} JsonOutput;

static gboolean
write_proposal (DeskFactRow  *row,
                gpointer      user_data,
                GError      **error)
{
  JsonOutput *out = user_data;

  json_builder_begin_object (out->builder);
  _desk_cli_add_string (out->builder, "uid", row->uid);
  _desk_cli_add_string (out->builder, "text", row->fact.value);
  _desk_cli_add_int (out->builder, "document", row->document_id);
  _desk_cli_add_string (out->builder, "document_title", row->document_title);
  _desk_cli_add_string (out->builder, "section", row->section_title);
  json_builder_end_object (out->builder);
  _desk_cli_json_add (out->json, NULL, out->builder);
  desk_fact_row_free (row);
  return TRUE;
}

/* An axis with its proposals and subaxes, written as the proposals are
 * read: an axis of a large library has thousands */
static void
write_axis_json (JsonOutput *out,
                 const char *name,
                 DeskStore  *store,
                 DeskAxis   *axis)
{
  AxisSummary summary = { 0 };

  summarize (store, axis, &summary);
  _desk_cli_json_begin_object (out->json, name);
  _desk_cli_json_add_string (out->json, "id", axis->id);
  _desk_cli_json_add_string (out->json, "name_es", axis->name[0]);
  _desk_cli_json_add_string (out->json, "name_en", axis->name[1]);
  _desk_cli_json_add_string (out->json, "description_es", axis->description[0]);
  _desk_cli_json_add_string (out->json, "description_en", axis->description[1]);
  if (axis->agreed[0] != NULL)
    {
      _desk_cli_json_add_string (out->json, "agreed_es", axis->agreed[0]);
      _desk_cli_json_add_string (out->json, "agreed_en", axis->agreed[1]);
    }
  json_builder_begin_array (out->builder);
  for (guint i = 0; axis->maps_to && axis->maps_to[i]; i++)
    json_builder_add_string_value (out->builder, axis->maps_to[i]);
  json_builder_end_array (out->builder);
  _desk_cli_json_add (out->json, "maps_to", out->builder);
  _desk_cli_json_add_int (out->json, "facts", summary.facts);
  _desk_cli_json_add_int (out->json, "documents", summary.documents);
  _desk_cli_json_add_string (out->json, "newest", summary.newest);
  if (axis->dialogue->proposed)
    {
      _desk_cli_json_begin_array (out->json, "proposals");
      /* as before, a failed query lists none */
      desk_store_foreach_axis_fact (store, axis->id, DESK_FACT_PROPOSAL, 0, write_proposal, out, NULL);
      _desk_cli_json_end (out->json);
    }
  _desk_cli_json_begin_array (out->json, "subaxes");
  for (guint i = 0; i < axis->subaxes->len; i++)
    write_axis_json (out, NULL, store, g_ptr_array_index (axis->subaxes, i));
  _desk_cli_json_end (out->json);
  _desk_cli_json_end (out->json);
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

/* A fact of axes show, written as it is read (as text when out->json is
 * NULL) */
static gboolean
write_axis_fact (DeskFactRow  *row,
                 gpointer      user_data,
                 GError      **error)
{
  JsonOutput *out = user_data;

  if (out->json != NULL)
    {
      JsonBuilder *builder = out->builder;

      json_builder_begin_object (builder);
      _desk_cli_add_string (builder, "uid", row->uid);
      _desk_cli_add_int (builder, "document", row->document_id);
      _desk_cli_add_string (builder, "document_title", row->document_title);
      _desk_cli_add_double (builder, "score", row->score);
      _desk_cli_add_fact_members (builder, &row->fact, row->section_title);
      json_builder_end_object (builder);
      _desk_cli_json_add (out->json, NULL, builder);
    }
  else
    {
      g_autofree char *value = desk_value_format (row->fact.kind, row->fact.value, desk_locale_language ());

      printf ("  %6.1f  %-9s %-10s %s  «%s» — %s\n", row->score, desk_fact_kind_to_string (row->fact.kind),
              desk_modality_to_string (row->fact.modality), value, row->fact.text, row->document_title);
    }
  desk_fact_row_free (row);
  return TRUE;
}

/* axes show AXIS: the axis, the axes of other dialogues that map to it,
 * and its facts, best first, written as they are read */
static int
show_axis (DeskCli   *cli,
           DeskStore *store,
           DeskAxes  *axes,
           int        lang)
{
  GPtrArray *dialogues = desk_axes_get_dialogues (axes);
  g_autoptr(DeskCliJson) json = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  JsonOutput out = { NULL, NULL };
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
  if (opts.json)
    {
      out.json = json = _desk_cli_json_new ();
      out.builder = builder = json_builder_new ();
      _desk_cli_json_begin_object (json, NULL);
      write_axis_json (&out, "axis", store, axis);
      _desk_cli_json_begin_array (json, "comparators");
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
              _desk_cli_json_add (json, NULL, builder);
            }
        }
      _desk_cli_json_end (json);
      _desk_cli_json_begin_array (json, "facts");
    }
  else
    {
      printf ("%s [%s]\n", axis->name[lang], axis->id);
      if (axis->description[lang])
        printf ("  %s\n", axis->description[lang]);
    }
  if (!desk_store_foreach_axis_fact (store, axis->id, kind, 0, write_axis_fact, &out, &error))
    {
      fflush (stdout);
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (json != NULL)
    {
      _desk_cli_json_end (json);
      _desk_cli_json_end (json);
    }
  return DESK_CLI_EXIT_OK;
}

/* An axis found in a document, written as it is read */
typedef struct
{
  JsonOutput json;            /* json.json NULL: as text */
  guint written;
} FoundOutput;

static gboolean
write_found_axis (DeskFoundAxisRow  *row,
                  gpointer           user_data,
                  GError           **error)
{
  FoundOutput *out = user_data;

  if (out->json.json != NULL)
    {
      JsonBuilder *builder = out->json.builder;

      json_builder_begin_object (builder);
      _desk_cli_add_string (builder, "id", row->id);
      _desk_cli_add_string (builder, "name", row->name);
      _desk_cli_add_int (builder, "document", row->document_id);
      _desk_cli_add_string (builder, "document_title", row->document_title);
      _desk_cli_add_int (builder, "proposals", row->n_proposals);
      _desk_cli_add_string (builder, "merged_into", row->merged_into);
      json_builder_end_object (builder);
      _desk_cli_json_add (out->json.json, NULL, builder);
    }
  else
    {
      if (out->written == 0)
        printf ("\n%s\n", _("Axes found in the documents:"));
      printf ("  %s [%s] — %s%s%s\n", row->name, row->id, row->document_title,
              row->merged_into ? " → " : "", row->merged_into ? row->merged_into : "");
    }
  out->written++;
  desk_found_axis_row_free (row);
  return TRUE;
}

/* axes: every dialogue with its axes, then the axes found in documents */
static int
list_axes (DeskStore *store,
           DeskAxes  *axes,
           int        lang)
{
  GPtrArray *dialogues = desk_axes_get_dialogues (axes);
  g_autoptr(DeskCliJson) json = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  FoundOutput found = { { NULL, NULL }, 0 };

  if (opts.json)
    {
      JsonOutput *out = &found.json;

      out->json = json = _desk_cli_json_new ();
      out->builder = builder = json_builder_new ();
      _desk_cli_json_begin_object (json, NULL);
      _desk_cli_json_begin_array (json, "dialogues");
      for (guint i = 0; i < dialogues->len; i++)
        {
          DeskDialogue *d = g_ptr_array_index (dialogues, i);

          _desk_cli_json_begin_object (json, NULL);
          _desk_cli_json_add_string (json, "id", d->id);
          _desk_cli_json_add_string (json, "kind", d->proposed ? "proposed" : "comparator");
          _desk_cli_json_add_string (json, "name_es", d->name[0]);
          _desk_cli_json_add_string (json, "name_en", d->name[1]);
          _desk_cli_json_add_string (json, "level", d->level[lang]);
          _desk_cli_json_add_string (json, "frequency", d->frequency[lang]);
          _desk_cli_json_add_string (json, "venues", d->venues[lang]);
          json_builder_begin_array (builder);
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
          _desk_cli_json_add (json, "meetings", builder);
          _desk_cli_json_begin_array (json, "axes");
          for (guint k = 0; k < d->axes->len; k++)
            write_axis_json (out, NULL, store, g_ptr_array_index (d->axes, k));
          _desk_cli_json_end (json);
          _desk_cli_json_end (json);
        }
      _desk_cli_json_end (json);
      _desk_cli_json_begin_array (json, "found");
    }
  else
    for (guint i = 0; i < dialogues->len; i++)
      {
        DeskDialogue *d = g_ptr_array_index (dialogues, i);

        printf ("%s%s\n", d->name[lang], d->proposed ? _(" (proposed)") : "");
        for (guint k = 0; k < d->axes->len; k++)
          print_axis (store, g_ptr_array_index (d->axes, k), 1, lang);
      }

  if (!desk_store_foreach_found_axis (store, write_found_axis, &found, &error))
    {
      fflush (stdout);
      _desk_cli_print_error (error->message);
      return DESK_CLI_EXIT_FAILURE;
    }
  if (json != NULL)
    {
      _desk_cli_json_end (json);
      _desk_cli_json_end (json);
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
