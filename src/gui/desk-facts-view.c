/* desk-facts-view.c: the facts of the library, filtered, with a card for the selected one */
#define G_LOG_DOMAIN "desk-facts-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-facts-view.h"
#include "desk-format.h"

/* Characters of context shown around a fact in its card. */
#define CONTEXT 220

struct _DeskFactsView
{
  GtkWidget parent_instance;

  GtkPaned *paned;
  GtkSearchEntry *filter_entry;
  GtkDropDown *kind_dropdown;
  GtkDropDown *modality_dropdown;
  GtkDropDown *language_dropdown;
  GtkDropDown *document_dropdown;
  GtkLabel *count_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *kind_column;
  GtkStack *detail_stack;
  GtkLabel *card_kind_label;
  GtkLabel *card_value_label;
  GtkLabel *card_source_label;
  GtkLabel *card_passage_label;
  GtkLabel *card_conflicts_label;
  GtkBox *card_axes_box;
  GtkDropDown *add_axis_dropdown;

  DeskStore *store;
  GListStore *facts;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GPtrArray *document_ids;   /* gint64 per document dropdown entry after "All" */
  char *passage;             /* plain text of the card's passage */
  char *needle;              /* casefolded filter text */
  guint n_conflicts;         /* of the fact in the card */
  guint n_axes;
  DeskAxes *axes;
  GPtrArray *axis_ids;       /* of the add-to-axis drop-down, proposed axes */
};

G_DEFINE_FINAL_TYPE (DeskFactsView, desk_facts_view, GTK_TYPE_WIDGET)

enum {
  OPEN_FACT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const languages[] = { NULL, "es", "en" };

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DeskFactsView *self = user_data;
  DeskFactItem *fact_item = item;
  const DeskFact *fact = desk_fact_item_get_fact (fact_item);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint modality = gtk_drop_down_get_selected (self->modality_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);
  guint document = gtk_drop_down_get_selected (self->document_dropdown);

  if (kind != GTK_INVALID_LIST_POSITION && kind > 0 && fact->kind != kind - 1)
    return FALSE;
  if (modality != GTK_INVALID_LIST_POSITION && modality > 0 && fact->modality != modality - 1)
    return FALSE;
  if (language != GTK_INVALID_LIST_POSITION && language > 0 && language < G_N_ELEMENTS (languages) &&
      g_strcmp0 (desk_fact_item_get_language (fact_item), languages[language]) != 0)
    return FALSE;
  if (document != GTK_INVALID_LIST_POSITION && document > 0 && document <= self->document_ids->len &&
      desk_fact_item_get_document_id (fact_item) != *(gint64 *) g_ptr_array_index (self->document_ids, document - 1))
    return FALSE;
  if (self->needle != NULL && *self->needle != '\0' &&
      !contains_casefold (fact->text, self->needle) && !contains_casefold (fact->value, self->needle) &&
      !contains_casefold (desk_fact_item_get_document_title (fact_item), self->needle))
    return FALSE;
  return TRUE;
}

static void
update_count (DeskFactsView *self)
{
  g_autofree char *text = NULL;
  guint shown, total;

  /* the drop-downs report their first selection before the models exist */
  if (self->filtered == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  total = g_list_model_get_n_items (G_LIST_MODEL (self->facts));

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fact", "%u facts", total), total);
  else
    /* TRANSLATORS: facts shown of facts in all */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u fact", "%u of %u facts", total), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static char *
markup_passage (const char *text,
                gint64      start,
                gint64      end,
                char      **plain)
{
  glong len = g_utf8_strlen (text, -1);
  gint64 from = MAX (0, start - CONTEXT);
  gint64 to = MIN (len, end + CONTEXT);
  g_autofree char *before = NULL;
  g_autofree char *fact = NULL;
  g_autofree char *after = NULL;
  g_autofree char *eb = NULL;
  g_autofree char *ef = NULL;
  g_autofree char *ea = NULL;

  /* whole words at the edges */
  while (from > 0 && from < start && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, from))))
    from++;
  while (to < len && to > end && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, to))))
    to--;

  before = g_utf8_substring (text, from, start);
  fact = g_utf8_substring (text, start, end);
  after = g_utf8_substring (text, end, to);
  *plain = g_strconcat (from > 0 ? "…" : "", before, fact, after, to < len ? "…" : "", NULL);
  eb = g_markup_escape_text (before, -1);
  ef = g_markup_escape_text (fact, -1);
  ea = g_markup_escape_text (after, -1);
  return g_strdup_printf ("%s%s<span background=\"#f8e45c\" foreground=\"#000000\"><b>%s</b></span>%s%s",
                          from > 0 ? "…" : "", eb, ef, ea, to < len ? "…" : "");
}

static void
update_conflicts (DeskFactsView *self,
                  DeskFactItem  *item)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);

  if (self->store != NULL)
    others = desk_store_list_conflicts (self->store, desk_fact_item_get_uid (item), NULL);
  self->n_conflicts = others ? others->len : 0;
  if (others == NULL || others->len == 0)
    {
      gtk_label_set_text (self->card_conflicts_label, _("No other document disagrees with this fact."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->card_conflicts_label), "warning");
      return;
    }
  for (guint i = 0; i < others->len; i++)
    {
      const DeskFactRow *row = g_ptr_array_index (others, i);
      g_autofree char *value = g_markup_escape_text (row->fact.value, -1);
      g_autofree char *text = g_markup_escape_text (row->fact.text, -1);
      g_autofree char *title = g_markup_escape_text (row->document_title, -1);

      if (markup->len > 0)
        g_string_append (markup, "\n\n");
      /* TRANSLATORS: a conflicting fact: value, modality, document title, passage */
      g_string_append_printf (markup, _("<b>%s</b> (%s) in “%s”: %s"), value,
                              desk_format_modality (row->fact.modality), title, text);
    }
  gtk_label_set_markup (self->card_conflicts_label, markup->str);
  gtk_widget_add_css_class (GTK_WIDGET (self->card_conflicts_label), "warning");
}

static void update_axes (DeskFactsView *self, DeskFactItem *item);

static void
on_remove_axis_clicked_cb (GtkButton     *button,
                           DeskFactsView *self)
{
  DeskFactItem *item = gtk_single_selection_get_selected_item (self->selection);
  const char *axis_id = g_object_get_data (G_OBJECT (button), "axis-id");
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL)
    return;
  if (!desk_store_set_axis_assignment (self->store, axis_id, desk_fact_item_get_uid (item), FALSE, &error))
    g_warning ("%s", error->message);
  self->n_axes = 0;
  update_axes (self, item);
}

static void
on_add_axis_clicked_cb (DeskFactsView *self)
{
  DeskFactItem *item = gtk_single_selection_get_selected_item (self->selection);
  guint selected = gtk_drop_down_get_selected (self->add_axis_dropdown);
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL || self->axis_ids == NULL || selected >= self->axis_ids->len)
    return;
  if (!desk_store_set_axis_assignment (self->store, g_ptr_array_index (self->axis_ids, selected),
                                       desk_fact_item_get_uid (item), TRUE, &error))
    g_warning ("%s", error->message);
  self->n_axes = 0;
  update_axes (self, item);
}

/* The axes the fact stands under, each with a button to take it off. */
static void
update_axes (DeskFactsView *self,
             DeskFactItem  *item)
{
  g_auto(GStrv) ids = NULL;
  GtkWidget *child;
  int lang = desk_format_ui_language ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->card_axes_box))) != NULL)
    gtk_box_remove (self->card_axes_box, child);
  if (self->store == NULL || self->axes == NULL)
    return;
  ids = desk_store_list_fact_axes (self->store, desk_fact_item_get_uid (item), NULL);
  for (guint i = 0; ids != NULL && ids[i]; i++)
    {
      DeskAxis *axis = desk_axes_lookup (self->axes, ids[i]);
      GtkWidget *row, *label, *button;

      if (axis == NULL)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = gtk_label_new (axis->name[lang]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, axis->dialogue->name[lang]);
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Take the fact off this axis"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Take the fact off this axis"), -1);
      g_object_set_data_full (G_OBJECT (button), "axis-id", g_strdup (axis->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_axis_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (self->card_axes_box, row);
      self->n_axes++;
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->card_axes_box)) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Under no axis."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->card_axes_box, none);
    }
}

static void
show_card (DeskFactsView *self,
           DeskFactItem  *item)
{
  const DeskFact *fact;
  g_autofree char *heading = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->passage, g_free);
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  fact = desk_fact_item_get_fact (item);
  /* TRANSLATORS: kind of fact · modality, in the fact card */
  heading = g_strdup_printf (_("%s · %s"), desk_format_fact_kind (fact->kind), desk_format_modality (fact->modality));
  gtk_label_set_text (self->card_kind_label, heading);
  gtk_label_set_text (self->card_value_label, fact->value);
  if (desk_fact_item_get_section_title (item) != NULL)
    /* TRANSLATORS: document title — section title */
    source = g_strdup_printf (_("%s — %s"), desk_fact_item_get_document_title (item), desk_fact_item_get_section_title (item));
  else
    source = g_strdup (desk_fact_item_get_document_title (item));
  gtk_label_set_text (self->card_source_label, source);

  if (self->store != NULL && (text = desk_store_get_text (self->store, desk_fact_item_get_document_id (item), &error)))
    markup = markup_passage (text, fact->start, fact->end, &self->passage);
  else
    markup = g_markup_escape_text (error ? error->message : fact->text, -1);
  gtk_label_set_markup (self->card_passage_label, markup);
  update_conflicts (self, item);
  self->n_axes = 0;
  update_axes (self, item);
  gtk_stack_set_visible_child_name (self->detail_stack, "card");
}

static void
on_selection_changed_cb (DeskFactsView *self)
{
  show_card (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_filter_changed_cb (DeskFactsView *self)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), -1);
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_column_view_activate_cb (DeskFactsView *self,
                            guint          position)
{
  g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[OPEN_FACT], 0, item);
}

static void
on_open_button_clicked_cb (DeskFactsView *self)
{
  DeskFactItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    g_signal_emit (self, signals[OPEN_FACT], 0, item);
}

static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
bind_text (GtkListItem *item,
           const char  *text)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, text);
}

static const DeskFact *
item_fact (GtkListItem *item)
{
  return desk_fact_item_get_fact (gtk_list_item_get_item (item));
}

static void
on_kind_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_text (item, desk_format_fact_kind (item_fact (item)->kind));
}

static void
on_text_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_text (item, item_fact (item)->text);
}

static void
on_value_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  bind_text (item, item_fact (item)->value);
}

static void
on_modality_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  bind_text (item, desk_format_modality (item_fact (item)->modality));
}

static void
on_document_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  bind_text (item, desk_fact_item_get_document_title (gtk_list_item_get_item (item)));
}

static void
on_section_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  bind_text (item, desk_fact_item_get_section_title (gtk_list_item_get_item (item)));
}

static GListModel *
string_model (const char *first,
              const char * (*name) (int),
              int          n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, first);
  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, name (i));
  return G_LIST_MODEL (list);
}

static const char *
kind_name (int i)
{
  return desk_format_fact_kind (i);
}

static const char *
modality_name (int i)
{
  return desk_format_modality (i);
}

static void
desk_facts_view_dispose (GObject *object)
{
  DeskFactsView *self = DESK_FACTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_FACTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->facts);
  g_clear_object (&self->store);
  g_clear_pointer (&self->document_ids, g_ptr_array_unref);
  g_clear_pointer (&self->passage, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->axis_ids, g_ptr_array_unref);
  g_clear_pointer (&self->axes, desk_axes_free);

  G_OBJECT_CLASS (desk_facts_view_parent_class)->dispose (object);
}

static void
desk_facts_view_class_init (DeskFactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_facts_view_dispose;

  /* Emitted when the officer asks to see a fact in its document. */
  signals[OPEN_FACT] = g_signal_new ("open-fact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, DESK_TYPE_FACT_ITEM);

  g_type_ensure (DESK_TYPE_FACT_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-facts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, paned);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, modality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_kind_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_value_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_source_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_passage_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, card_axes_box);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, add_axis_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_add_axis_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_modality_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "factsview");
}

static void
desk_facts_view_init (DeskFactsView *self)
{
  g_autoptr(GListModel) kinds = string_model (_("All kinds"), kind_name, DESK_N_FACT_KINDS);
  g_autoptr(GListModel) modalities = string_model (_("All modalities"), modality_name, DESK_N_MODALITIES);
  GtkStringList *langs;
  GtkSortListModel *sorted;

  self->document_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  gtk_drop_down_set_model (self->modality_dropdown, modalities);
  langs = gtk_string_list_new (NULL);
  gtk_string_list_append (langs, _("All languages"));
  gtk_string_list_append (langs, _("Spanish"));
  gtk_string_list_append (langs, _("English"));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (langs));
  g_object_unref (langs);

  self->facts = g_list_store_new (DESK_TYPE_FACT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->facts)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Facts"), -1);
  update_count (self);

  self->axes = desk_axes_load_default (NULL);
  self->axis_ids = g_ptr_array_new ();
  if (self->axes != NULL)
    {
      GtkStringList *names = gtk_string_list_new (NULL);
      GPtrArray *all = desk_axes_list_all (self->axes);
      int lang = desk_format_ui_language ();

      for (guint i = 0; i < all->len; i++)
        {
          DeskAxis *axis = g_ptr_array_index (all, i);
          g_autofree char *name = NULL;

          if (!axis->dialogue->proposed)
            continue;
          name = axis->parent ? g_strdup_printf ("  %s", axis->name[lang]) : g_strdup (axis->name[lang]);
          g_ptr_array_add (self->axis_ids, axis->id);
          gtk_string_list_append (names, name);
        }
      gtk_drop_down_set_model (self->add_axis_dropdown, G_LIST_MODEL (names));
      g_object_unref (names);
    }
}

void
desk_facts_view_set_store (DeskFactsView *self,
                           DeskStore     *store)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  if (g_set_object (&self->store, store))
    desk_facts_view_reload (self);
}

/* Loads every fact of the library, and the documents to filter by. */
void
desk_facts_view_reload (DeskFactsView *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkStringList *titles;

  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  if (self->store == NULL)
    return;
  rows = desk_store_list_facts (self->store, NULL, NULL);
  docs = desk_store_list_documents (self->store, NULL);

  titles = gtk_string_list_new (NULL);
  gtk_string_list_append (titles, _("All documents"));
  g_ptr_array_set_size (self->document_ids, 0);
  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (docs, i);
      gint64 *id = g_new (gint64, 1);

      *id = desk_document_get_id (doc);
      g_ptr_array_add (self->document_ids, id);
      gtk_string_list_append (titles, desk_document_get_title (doc));
    }
  gtk_drop_down_set_model (self->document_dropdown, G_LIST_MODEL (titles));
  g_object_unref (titles);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (items, desk_fact_item_new (g_ptr_array_index (rows, i)));
  if (rows != NULL)
    g_ptr_array_set_free_func (rows, NULL); /* the items own the rows now */

  g_list_store_remove_all (self->facts);
  g_list_store_splice (self->facts, 0, 0, items->pdata, items->len);
  update_count (self);
}

GListModel *
desk_facts_view_get_visible (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/* Sets the filters as the officer would: -1 for any kind or modality. */
void
desk_facts_view_set_filter (DeskFactsView *self,
                            int            kind,
                            int            modality,
                            const char    *text)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  gtk_drop_down_set_selected (self->kind_dropdown, kind + 1);
  gtk_drop_down_set_selected (self->modality_dropdown, modality + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  on_filter_changed_cb (self);
}

void
desk_facts_view_select (DeskFactsView *self,
                        guint          position)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

/* The card's passage as plain text, or NULL when no fact is selected. */
const char *
desk_facts_view_get_passage (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), NULL);
  return self->passage;
}

/* How many facts of other documents disagree with the one in the card. */
guint
desk_facts_view_get_n_conflicts (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), 0);
  return self->n_conflicts;
}

/* Shows the fact @uid in the list and its card, clearing the filters that
 * would hide it.  Returns FALSE when the library has no such fact. */
gboolean
desk_facts_view_select_uid (DeskFactsView *self,
                            const char    *uid)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  desk_facts_view_set_filter (self, -1, -1, NULL);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  gtk_drop_down_set_selected (self->document_dropdown, 0);
  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskFactItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (desk_fact_item_get_uid (item), uid) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* GTK 4.8 has no gtk_column_view_scroll_to (): ask its list */
          for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
               child != NULL; child = gtk_widget_get_next_sibling (child))
            if (GTK_IS_LIST_VIEW (child))
              gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

/* How many axes the fact in the card stands under. */
guint
desk_facts_view_get_n_axes (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), 0);
  return self->n_axes;
}

/* What the card's "Add to Axis" does, for @axis_id. */
gboolean
desk_facts_view_add_to_axis (DeskFactsView *self,
                             const char    *axis_id)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), FALSE);

  for (guint i = 0; self->axis_ids != NULL && i < self->axis_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->axis_ids, i), axis_id))
      {
        gtk_drop_down_set_selected (self->add_axis_dropdown, i);
        on_add_axis_clicked_cb (self);
        return TRUE;
      }
  return FALSE;
}
