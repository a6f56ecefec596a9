/* desk-axes-view.c: the dialogue axes, their proposals and evidence, and the comparators side by side */
#define G_LOG_DOMAIN "desk-axes-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-axes-view-private.h"
#include "desk-axis-node.h"
#include "desk-format.h"

/* Supporting facts shown at once; the Facts view has them all. */
#define MAX_FACTS 150
/* proposals, dates and meetings listed at most under an axis */
#define MAX_LISTED 100

struct _DeskAxesView
{
  GtkWidget parent_instance;

  GtkPaned *paned;
  GtkListView *tree_view;
  GtkBox *detail_box;

  DeskStore *store;
  DeskAxes *axes;
  GtkSingleSelection *selection;
  int language;
  int kind_filter;          /* of the supporting facts, -1 for all */
  guint n_facts;            /* shown for the selected axis */
  guint n_proposals;
  guint n_matrix_cells;
  GCancellable *load_cancellable; /* the axis page being read, or NULL */
  gboolean stale;           /* the library changed while the view was hidden */
  GtkWidget *loading;       /* says so meanwhile */
};

/* What the page of an axis shows of the library */
typedef struct
{
  char *library;
  DeskAxis *axis;           /* of the view's axes, which outlive the task */
  int kind;
  GPtrArray *rows;          /* the best supporting facts (of that kind) */
  GPtrArray *proposals;
  GPtrArray *dates;
  GPtrArray *meetings;
  guint n_facts;
  guint n_documents;
  char *newest;
} AxisPage;

G_DEFINE_FINAL_TYPE (DeskAxesView, desk_axes_view, GTK_TYPE_WIDGET)

enum {
  OPEN_FACT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_node (DeskAxesView *self, DeskAxisNode *node);
static void show_axis_facts (DeskAxesView *self, AxisPage *page);
static DeskAxisNode *selected_node (DeskAxesView *self);

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
append (DeskAxesView *self,
        GtkWidget    *widget)
{
  gtk_box_append (self->detail_box, widget);
}

static void
append_heading (DeskAxesView *self,
                const char   *text)
{
  GtkWidget *label = label_new (text, "heading");

  gtk_widget_set_margin_top (label, 8);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  append (self, label);
}

static void
clear_detail (DeskAxesView *self)
{
  GtkWidget *child;

  /* a page still being read is not wanted any more */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->loading = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  self->n_facts = self->n_proposals = self->n_matrix_cells = 0;
}

static void
on_fact_row_activated_cb (GtkListBox    *box,
                          GtkListBoxRow *row,
                          DeskAxesView  *self)
{
  const char *uid = g_object_get_data (G_OBJECT (row), "uid");

  if (uid != NULL)
    g_signal_emit (self, signals[OPEN_FACT], 0, uid);
}

static GtkWidget *
fact_list_new (DeskAxesView *self)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  g_signal_connect (box, "row-activated", G_CALLBACK (on_fact_row_activated_cb), self);
  return box;
}

static void
fact_list_add (GtkWidget         *box,
               const DeskFactRow *row,
               gboolean           with_kind)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *head = NULL;
  g_autofree char *source = NULL;
  g_autofree char *value = desk_format_value (row->fact.kind, row->fact.value);
  GtkWidget *text;
  GtkWidget *meta;

  if (with_kind)
    /* TRANSLATORS: a supporting fact: value · kind · modality */
    head = g_strdup_printf (_("%s · %s · %s"), value, desk_format_fact_kind (row->fact.kind),
                            desk_format_modality (row->fact.modality));
  else
    head = g_steal_pointer (&value);
  source = row->section_title ? g_strdup_printf (_("%s — %s"), row->document_title, row->section_title)
                              : g_strdup (row->document_title);

  text = gtk_label_new (head);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  meta = gtk_label_new (source);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (vbox), text);
  gtk_box_append (GTK_BOX (vbox), meta);
  gtk_widget_set_margin_top (vbox, 6);
  gtk_widget_set_margin_bottom (vbox, 6);
  gtk_widget_set_margin_start (vbox, 10);
  gtk_widget_set_margin_end (vbox, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), vbox);
  g_object_set_data_full (G_OBJECT (list_row), "uid", g_strdup (row->uid), g_free);
  gtk_widget_set_tooltip_text (list_row, row->fact.text);
  gtk_list_box_append (GTK_LIST_BOX (box), list_row);
}

static const DeskAxis *
top_axis (const DeskAxis *axis)
{
  while (axis->parent != NULL)
    axis = axis->parent;
  return axis;
}

/* Proposed axes × comparator mechanisms: what each mechanism has under each axis. */
static void
append_matrix (DeskAxesView   *self,
               const DeskAxis *current)
{
  GPtrArray *dialogues = desk_axes_get_dialogues (self->axes);
  DeskDialogue *proposed = NULL;
  GtkWidget *grid, *scroller;
  guint col = 1;

  for (guint i = 0; i < dialogues->len && proposed == NULL; i++)
    if (((DeskDialogue *) g_ptr_array_index (dialogues, i))->proposed)
      proposed = g_ptr_array_index (dialogues, i);
  if (proposed == NULL)
    return;

  append_heading (self, _("How the other mechanisms organize it"));
  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "axis-matrix");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 2);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);

  for (guint r = 0; r < proposed->axes->len; r++)
    {
      const DeskAxis *row_axis = g_ptr_array_index (proposed->axes, r);
      GtkWidget *head = label_new (row_axis->name[self->language], "matrix-head");

      gtk_widget_set_size_request (head, 180, -1);
      if (current != NULL && top_axis (current) == row_axis)
        gtk_widget_add_css_class (head, "matrix-current");
      gtk_grid_attach (GTK_GRID (grid), head, 0, r + 1, 1, 1);
    }

  for (guint d = 0; d < dialogues->len; d++)
    {
      DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);
      GtkWidget *head;

      if (dialogue->proposed)
        continue;
      head = label_new (dialogue->name[self->language], "matrix-head");
      gtk_widget_set_size_request (head, 150, -1);
      gtk_grid_attach (GTK_GRID (grid), head, col, 0, 1, 1);

      for (guint r = 0; r < proposed->axes->len; r++)
        {
          const DeskAxis *row_axis = g_ptr_array_index (proposed->axes, r);
          g_autoptr(GString) names = g_string_new (NULL);
          g_autoptr(GString) agreed = g_string_new (NULL);
          GtkWidget *cell;

          for (guint k = 0; k < dialogue->axes->len; k++)
            {
              const DeskAxis *axis = g_ptr_array_index (dialogue->axes, k);

              if (axis->maps_to == NULL || !g_strv_contains ((const char * const *) axis->maps_to, row_axis->id))
                continue;
              if (names->len > 0)
                g_string_append (names, "\n");
              g_string_append (names, axis->name[self->language]);
              if (axis->agreed[self->language] != NULL)
                g_string_append_printf (agreed, "%s%s: %s", agreed->len ? "\n" : "",
                                        axis->name[self->language], axis->agreed[self->language]);
              self->n_matrix_cells++;
            }
          cell = label_new (names->len ? names->str : "—", NULL);
          if (agreed->len > 0)
            gtk_widget_set_tooltip_text (cell, agreed->str);
          if (current != NULL && top_axis (current) == row_axis)
            gtk_widget_add_css_class (cell, "matrix-current");
          gtk_grid_attach (GTK_GRID (grid), cell, col, r + 1, 1, 1);
        }
      col++;
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  append (self, scroller);

  /* what each mechanism agreed under the axis shown */
  if (current == NULL)
    return;
  for (guint d = 0; d < dialogues->len; d++)
    {
      DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);

      for (guint k = 0; !dialogue->proposed && k < dialogue->axes->len; k++)
        {
          const DeskAxis *axis = g_ptr_array_index (dialogue->axes, k);
          g_autofree char *line = NULL;

          if (axis->maps_to == NULL || axis->agreed[self->language] == NULL ||
              !g_strv_contains ((const char * const *) axis->maps_to, top_axis (current)->id))
            continue;
          /* TRANSLATORS: mechanism — its axis: what it agreed */
          line = g_strdup_printf (_("%s — %s: %s"), dialogue->name[self->language], axis->name[self->language],
                                  axis->agreed[self->language]);
          append (self, label_new (line, NULL));
        }
    }
}

static int
compare_by_value (gconstpointer a,
                  gconstpointer b)
{
  const DeskFactRow *x = *(const DeskFactRow * const *) a;
  const DeskFactRow *y = *(const DeskFactRow * const *) b;

  return g_strcmp0 (x->fact.value, y->fact.value);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DeskAxesView *self = user_data;
  g_autoptr(DeskAxisNode) node = NULL;

  if (self->selection != NULL)
    node = selected_node (self);
  show_node (self, node);
  return G_SOURCE_REMOVE;
}

static void
on_kind_filter_changed_cb (GtkDropDown  *dropdown,
                           GParamSpec   *pspec,
                           DeskAxesView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  self->kind_filter = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
  /* rebuilt after this handler returns: the drop-down is one of the widgets replaced */
  g_idle_add_full (G_PRIORITY_DEFAULT, refresh_idle_cb, g_object_ref (self), g_object_unref);
}

/* Under a list cut at @cap: says it shows the best ones only */
static void
append_cap_note (DeskAxesView *self,
                 guint         shown,
                 guint         cap)
{
  g_autofree char *text = NULL;

  if (shown < cap)
    return;
  /* TRANSLATORS: under a list of an axis's facts that holds only the best-scored ones */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing the best %u.", "Showing the best %u.", cap), cap);
  append (self, label_new (text, "dim-label"));
}

static void
axis_page_free (gpointer data)
{
  AxisPage *page = data;

  g_free (page->library);
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->proposals, g_ptr_array_unref);
  g_clear_pointer (&page->dates, g_ptr_array_unref);
  g_clear_pointer (&page->meetings, g_ptr_array_unref);
  g_free (page->newest);
  g_free (page);
}

/* The best of each list of the axis's page, counted and dated in SQL, with
 * a connection of the thread's own */
static void
load_axis_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AxisPage *page = task_data;
  const char *id = page->axis->id;
  g_autoptr(DeskStore) store = NULL;
  GError *error = NULL;

  if (!(store = desk_store_open (page->library, &error)) ||
      !(page->rows = desk_store_list_axis_facts_best (store, id, page->kind, MAX_FACTS, &error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !desk_store_summarize_axis (store, id, &page->n_facts, &page->n_documents, &page->newest, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !(page->proposals = desk_store_list_axis_facts_best (store, id, DESK_FACT_PROPOSAL, MAX_LISTED, &error)) ||
      !(page->dates = desk_store_list_axis_facts_best (store, id, DESK_FACT_DATE, MAX_LISTED, &error)) ||
      !(page->meetings = desk_store_list_axis_facts_best (store, id, DESK_FACT_MEETING, MAX_LISTED, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_axis_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskAxesView *self = DESK_AXES_VIEW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->load_cancellable);
      if (self->loading != NULL)
        gtk_box_remove (self->detail_box, self->loading);
      self->loading = NULL;
      append (self, label_new (error->message, "error"));
      return;
    }
  g_clear_object (&self->load_cancellable);
  if (self->loading != NULL)
    gtk_box_remove (self->detail_box, self->loading);
  self->loading = NULL;
  show_axis_facts (self, g_task_get_task_data (G_TASK (result)));
}

/* The rest of an axis's page, from what load_axis_in_thread () read */
static void
show_axis_facts (DeskAxesView *self,
                 AxisPage     *page)
{
  DeskAxis *axis = page->axis;
  GPtrArray *rows = page->rows;
  GPtrArray *proposal_rows = page->proposals;
  GPtrArray *date_rows = page->dates;
  GPtrArray *meeting_rows = page->meetings;
  g_autoptr(GPtrArray) dated = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  const char *newest = page->newest;
  guint n_facts = page->n_facts, n_documents = page->n_documents;
  GtkWidget *proposals, *facts, *dropdown;
  GtkStringList *kinds;
  guint shown = 0;

  for (guint i = 0; date_rows != NULL && i < date_rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (date_rows, i);
      if (strlen (row->fact.value) >= 7 && g_ascii_isdigit (row->fact.value[0]))
        g_ptr_array_add (dated, row);
    }
  for (guint i = 0; meeting_rows != NULL && i < meeting_rows->len; i++)
    g_ptr_array_add (dated, g_ptr_array_index (meeting_rows, i));
  summary = g_strdup_printf (_("%u supporting facts from %u independent documents · newest %s"),
                             n_facts, n_documents, newest ? newest : "—");
  append (self, label_new (summary, "dim-label"));

  /* proposals */
  append_heading (self, _("Proposals"));
  proposals = fact_list_new (self);
  for (guint i = 0; proposal_rows != NULL && i < proposal_rows->len; i++)
    {
      fact_list_add (proposals, g_ptr_array_index (proposal_rows, i), FALSE);
      self->n_proposals++;
    }
  if (self->n_proposals > 0)
    {
      append (self, proposals);
      append_cap_note (self, self->n_proposals, MAX_LISTED);
    }
  else
    {
      g_object_ref_sink (proposals);
      g_object_unref (proposals);
      append (self, label_new (_("No proposals under this axis yet."), "dim-label"));
    }

  /* supporting facts, filterable by kind */
  append_heading (self, _("Supporting facts"));
  kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (kinds, _("All kinds"));
  for (guint k = 0; k < DESK_N_FACT_KINDS; k++)
    gtk_string_list_append (kinds, desk_format_fact_kind (k));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (kinds), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), self->kind_filter + 1);
  gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (dropdown, _("Kind of fact"));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_kind_filter_changed_cb), self);
  append (self, dropdown);
  facts = fact_list_new (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (facts), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Supporting facts"), -1);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      fact_list_add (facts, g_ptr_array_index (rows, i), TRUE);
      shown++;
    }
  self->n_facts = shown;
  append (self, facts);
  append_cap_note (self, shown, MAX_FACTS);

  /* the comparators side by side */
  append_matrix (self, axis);

  /* timeline */
  append_heading (self, _("Timeline"));
  g_ptr_array_sort (dated, compare_by_value);
  if (dated->len == 0)
    append (self, label_new (_("No dated facts under this axis yet."), "dim-label"));
  else if ((date_rows != NULL && date_rows->len == MAX_LISTED) || (meeting_rows != NULL && meeting_rows->len == MAX_LISTED))
    append_cap_note (self, MAX_LISTED, MAX_LISTED);
  for (guint i = 0; i < dated->len; i++)
    {
      const DeskFactRow *row = g_ptr_array_index (dated, i);
      g_autofree char *line = NULL;
      g_autofree char *date = g_strdup (row->fact.value);
      char *bar = strchr (date, '|');

      if (bar != NULL)
        *bar = '\0';
      g_strstrip (date);
      /* TRANSLATORS: a timeline entry: date — passage (document) */
      line = g_strdup_printf (_("%s — %s (%s)"), date, row->fact.text, row->document_title);
      append (self, label_new (line, NULL));
    }
  for (guint i = 0; axis->parent == NULL && !axis->dialogue->proposed && i < axis->dialogue->meetings->len; i++)
    {
      DeskMeeting *m = &g_array_index (axis->dialogue->meetings, DeskMeeting, i);
      /* TRANSLATORS: a meeting of a mechanism: name, date, place */
      g_autofree char *line = g_strdup_printf (_("Meeting %s: %s, %s"), m->name, m->date, *m->place ? m->place : "—");
      append (self, label_new (line, "dim-label"));
    }
}

static void
show_axis (DeskAxesView *self,
           DeskAxis     *axis)
{
  AxisPage *page;
  g_autoptr(GTask) task = NULL;
  GtkWidget *spinner, *box;

  append (self, label_new (axis->name[self->language], "axis-title"));
  append (self, label_new (axis->dialogue->name[self->language], "dim-label"));
  if (axis->dialogue->proposed)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("E_xport this Axis…"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (button, _("A PDF brief of this axis: its proposals, facts, quotations and comparable mechanisms"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.export-axis");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", axis->id);
      append (self, button);
    }
  if (axis->description[self->language] != NULL)
    append (self, label_new (axis->description[self->language], NULL));
  if (axis->agreed[self->language] != NULL)
    {
      /* TRANSLATORS: what a comparator mechanism agreed under this axis */
      g_autofree char *agreed = g_strdup_printf (_("Agreed: %s"), axis->agreed[self->language]);
      append (self, label_new (agreed, NULL));
    }

  /* the facts under it are read in the background: an axis of a large
   * library holds hundreds of thousands of them */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label_new (_("Reading the facts under this axis…"), "dim-label"));
  append (self, box);
  self->loading = box;

  page = g_new0 (AxisPage, 1);
  page->library = g_strdup (desk_store_get_path (self->store));
  page->axis = axis;
  page->kind = self->kind_filter;
  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, on_axis_loaded_cb, NULL);
  g_task_set_task_data (task, page, axis_page_free);
  g_task_run_in_thread (task, load_axis_in_thread);
}

static void
show_dialogue (DeskAxesView *self,
               DeskDialogue *dialogue)
{
  g_autofree char *partners = g_strjoinv (" – ", dialogue->partners);

  append (self, label_new (dialogue->name[self->language], "axis-title"));
  append (self, label_new (partners, "dim-label"));
  if (dialogue->level[self->language])
    {
      g_autofree char *text = g_strdup_printf (_("Level: %s"), dialogue->level[self->language]);
      append (self, label_new (text, NULL));
    }
  if (dialogue->frequency[self->language])
    {
      g_autofree char *text = g_strdup_printf (_("Frequency: %s"), dialogue->frequency[self->language]);
      append (self, label_new (text, NULL));
    }
  if (dialogue->venues[self->language])
    {
      g_autofree char *text = g_strdup_printf (_("Venues: %s"), dialogue->venues[self->language]);
      append (self, label_new (text, NULL));
    }
  if (dialogue->languages != NULL && dialogue->languages[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (" ", dialogue->languages);
      g_autofree char *names = desk_format_languages (joined);
      g_autofree char *text = g_strdup_printf (_("Languages: %s"), names);
      append (self, label_new (text, NULL));
    }
  if (dialogue->meetings->len > 0)
    {
      append_heading (self, _("Meetings"));
      for (guint i = 0; i < dialogue->meetings->len; i++)
        {
          DeskMeeting *m = &g_array_index (dialogue->meetings, DeskMeeting, i);
          g_autofree char *line = g_strdup_printf (_("Meeting %s: %s, %s"), m->name, m->date, *m->place ? m->place : "—");
          append (self, label_new (line, NULL));
        }
    }
  append_matrix (self, NULL);
}

static void
on_merge_changed_cb (GtkDropDown  *dropdown,
                     GParamSpec   *pspec,
                     DeskAxesView *self)
{
  const char *found_id = g_object_get_data (G_OBJECT (dropdown), "found-id");
  GPtrArray *targets = g_object_get_data (G_OBJECT (dropdown), "targets");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  const char *axis_id = selected > 0 && selected <= targets->len ? g_ptr_array_index (targets, selected - 1) : NULL;

  if (!desk_store_merge_found_axis (self->store, found_id, axis_id, &error))
    g_warning ("%s", error->message);
}

static void
show_found (DeskAxesView     *self,
            DeskFoundAxisRow *found)
{
  DeskFactFilter filter = { DESK_FACT_PROPOSAL, -1, found->document_id };
  g_autoptr(GPtrArray) rows = desk_store_list_facts (self->store, &filter, NULL);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  GPtrArray *all = desk_axes_list_all (self->axes);
  GtkWidget *dropdown, *box, *list;
  guint selected = 0;

  append (self, label_new (found->name, "axis-title"));
  {
    /* TRANSLATORS: where an axis was found: document title */
    g_autofree char *where = g_strdup_printf (_("Proposed in “%s”"), found->document_title);
    append (self, label_new (where, "dim-label"));
  }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (box), label_new (_("Counts for the dialogue axis:"), NULL));
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < all->len; i++)
    {
      DeskAxis *axis = g_ptr_array_index (all, i);

      if (!axis->dialogue->proposed)
        continue;
      g_ptr_array_add (targets, axis->id);
      gtk_string_list_append (names, axis->name[self->language]);
      if (g_strcmp0 (found->merged_into, axis->id) == 0)
        selected = targets->len;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_object_set_data_full (G_OBJECT (dropdown), "found-id", g_strdup (found->id), g_free);
  g_object_set_data_full (G_OBJECT (dropdown), "targets", g_ptr_array_ref (targets), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_merge_changed_cb), self);
  gtk_box_append (GTK_BOX (box), dropdown);
  append (self, box);

  append_heading (self, _("Proposals"));
  list = fact_list_new (self);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);
      if (row->fact.start >= found->start && row->fact.start < found->end)
        {
          fact_list_add (list, row, FALSE);
          self->n_proposals++;
        }
    }
  if (self->n_proposals > 0)
    append (self, list);
  else
    {
      g_object_ref_sink (list);
      g_object_unref (list);
      append (self, label_new (_("No proposals under this axis yet."), "dim-label"));
    }
}

static void
show_node (DeskAxesView *self,
           DeskAxisNode *node)
{
  clear_detail (self);
  if (node == NULL || self->store == NULL)
    return;
  switch (desk_axis_node_get_kind (node))
    {
    case DESK_AXIS_NODE_DIALOGUE:
      show_dialogue (self, desk_axis_node_get_dialogue (node));
      break;
    case DESK_AXIS_NODE_AXIS:
      show_axis (self, desk_axis_node_get_axis (node));
      break;
    case DESK_AXIS_NODE_FOUND:
      show_found (self, desk_axis_node_get_found (node));
      break;
    case DESK_AXIS_NODE_FOUND_GROUP:
    default:
      append (self, label_new (_("Axes found in the documents"), "axis-title"));
      append (self, label_new (_("Documents that propose axes of their own — a section on thematic axes, a list after "
                                 "a lead-in about axes — bring them here. Choose one to see its proposals and to count "
                                 "it for one of the dialogue’s axes."), NULL));
      break;
    }
}

static DeskAxisNode *
selected_node (DeskAxesView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
on_selection_changed_cb (DeskAxesView *self)
{
  g_autoptr(DeskAxisNode) node = selected_node (self);

  self->kind_filter = -1;
  show_node (self, node);
}

static void
on_tree_view_activate_cb (DeskAxesView *self,
                          guint         position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
on_tree_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (item, expander);
}

static void
on_tree_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  DeskAxisNode *node = gtk_tree_list_row_get_item (row);
  g_autofree char *text = desk_axis_node_dup_label (node, desk_format_ui_language ());

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (desk_axis_node_get_kind (node) == DESK_AXIS_NODE_DIALOGUE || desk_axis_node_get_kind (node) == DESK_AXIS_NODE_FOUND_GROUP)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
  g_object_unref (node);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  DeskAxesView *self = user_data;

  if (desk_axis_node_get_kind (item) == DESK_AXIS_NODE_FOUND_GROUP && !desk_axis_node_has_found (item) &&
      self->store != NULL)
    desk_axis_node_set_found (item, desk_store_list_found_axes (self->store, NULL));
  return desk_axis_node_dup_children (item);
}

static void
desk_axes_view_dispose (GObject *object)
{
  DeskAxesView *self = DESK_AXES_VIEW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->loading = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_AXES_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->axes, desk_axes_free);

  G_OBJECT_CLASS (desk_axes_view_parent_class)->dispose (object);
}

static void
desk_axes_view_map (GtkWidget *widget)
{
  DeskAxesView *self = DESK_AXES_VIEW (widget);

  GTK_WIDGET_CLASS (desk_axes_view_parent_class)->map (widget);
  if (self->stale)
    desk_axes_view_reload (self);
}

static void
desk_axes_view_class_init (DeskAxesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_axes_view_dispose;
  widget_class->map = desk_axes_view_map;

  /* The officer asked to see a fact (its uid). */
  signals[OPEN_FACT] = g_signal_new ("open-fact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-axes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAxesView, paned);
  gtk_widget_class_bind_template_child (widget_class, DeskAxesView, tree_view);
  gtk_widget_class_bind_template_child (widget_class, DeskAxesView, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "axesview");
}

static void
desk_axes_view_init (DeskAxesView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->language = desk_format_ui_language ();
  self->kind_filter = -1;
  self->axes = desk_axes_load_default (&error);
  if (self->axes == NULL)
    {
      append (self, label_new (error->message, NULL));
      return;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tree_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dialogue axes"), -1);
}

void
desk_axes_view_set_store (DeskAxesView *self,
                          DeskStore    *store)
{
  g_return_if_fail (DESK_IS_AXES_VIEW (self));

  g_set_object (&self->store, store);
}

/* Rebuilds the tree (the proposed dialogue first, then the comparators,
 * then the axes documents propose) and keeps the selected axis. */
void
desk_axes_view_reload (DeskAxesView *self)
{
  g_autoptr(DeskAxisNode) previous = NULL;
  g_autofree char *previous_id = NULL;
  GListStore *roots;
  GtkTreeListModel *tree;
  GPtrArray *dialogues;

  g_return_if_fail (DESK_IS_AXES_VIEW (self));

  if (self->axes == NULL || self->store == NULL)
    return;
  /* built when shown: the window opens on another view */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  if (self->selection != NULL && (previous = selected_node (self)) != NULL &&
      desk_axis_node_get_kind (previous) == DESK_AXIS_NODE_AXIS)
    previous_id = g_strdup (desk_axis_node_get_axis (previous)->id);

  roots = g_list_store_new (DESK_TYPE_AXIS_NODE);
  dialogues = desk_axes_get_dialogues (self->axes);
  for (guint i = 0; i < dialogues->len; i++)
    {
      g_autoptr(DeskAxisNode) node = desk_axis_node_new_dialogue (g_ptr_array_index (dialogues, i));
      g_list_store_append (roots, node);
    }
  /* the axes documents propose are read when their group opens: a large
   * library proposes thousands */
  if (desk_store_has_found_axes (self->store))
    {
      g_autoptr(DeskAxisNode) node = desk_axis_node_new_found_group (NULL);
      g_list_store_append (roots, node);
    }

  tree = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, FALSE, create_children_cb, self, NULL);
  g_clear_object (&self->selection);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  /* the proposed dialogue opens with its axes in view */
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (G_LIST_MODEL (tree), 0);
    if (first != NULL)
      gtk_tree_list_row_set_expanded (first, TRUE);
  }
  if (previous_id == NULL || !desk_axes_view_select (self, previous_id))
    {
      g_autoptr(DeskAxisNode) node = selected_node (self);
      show_node (self, node);
    }
}

/* Selects the axis @axis_id, expanding what holds it. */
gboolean
desk_axes_view_select (DeskAxesView *self,
                       const char   *axis_id)
{
  GListModel *model;

  g_return_val_if_fail (DESK_IS_AXES_VIEW (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(DeskAxisNode) node = gtk_tree_list_row_get_item (row);
      DeskAxis *axis = desk_axis_node_get_kind (node) == DESK_AXIS_NODE_AXIS ? desk_axis_node_get_axis (node) : NULL;

      if (axis != NULL && g_str_equal (axis->id, axis_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
      /* open the rows on the way to it */
      if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
        {
          gboolean on_the_way = FALSE;

          if (desk_axis_node_get_kind (node) == DESK_AXIS_NODE_DIALOGUE)
            on_the_way = g_str_has_prefix (axis_id, desk_axis_node_get_dialogue (node)->id);
          else if (axis != NULL)
            on_the_way = g_str_has_prefix (axis_id, axis->id);
          if (on_the_way)
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  return FALSE;
}

guint
desk_axes_view_get_n_facts (DeskAxesView *self)
{
  g_return_val_if_fail (DESK_IS_AXES_VIEW (self), 0);
  return self->n_facts;
}

guint
desk_axes_view_get_n_proposals (DeskAxesView *self)
{
  g_return_val_if_fail (DESK_IS_AXES_VIEW (self), 0);
  return self->n_proposals;
}

guint
desk_axes_view_get_n_matrix_cells (DeskAxesView *self)
{
  g_return_val_if_fail (DESK_IS_AXES_VIEW (self), 0);
  return self->n_matrix_cells;
}

/* Whether the page of the selected axis is still being read. */
gboolean
desk_axes_view_is_loading (DeskAxesView *self)
{
  g_return_val_if_fail (DESK_IS_AXES_VIEW (self), FALSE);
  return self->load_cancellable != NULL;
}
