/* desk-export-dialog.c: choosing what goes into a PDF brief, in which
 * order and how, and exporting it in the background
 *
 * What can go in is listed on the left (the proposed axes, the fact list
 * as the Facts view filters it, the review notes, then every document,
 * whose sections show when it is opened), each with a check box; what is
 * ticked is listed on the right in the brief's order, with buttons to
 * move it up and down.  The documents are a list paged from the library
 * and a document's sections are read when it is opened, so that the
 * dialog opens as fast on a hundred thousand documents as on five. */
#define G_LOG_DOMAIN "desk-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-document-list.h"
#include "desk-export-dialog-private.h"
#include "desk-format.h"
#include "desk-review.h"
#include "desk-section.h"

struct _DeskExportDialog
{
  GtkWindow parent_instance;

  DeskStore *store;
  DeskAxes *axes;
  GHashTable *checks;        /* key → GtkCheckButton, of the axes, facts and notes */
  GHashTable *shown;         /* key → GtkCheckButton, of the sections on screen */
  DeskDocumentList *documents;
  GtkTreeListModel *tree;    /* documents, and their sections when opened */
  GtkListView *documents_view;
  GHashTable *labels;        /* key → what the officer reads */
  GPtrArray *order;          /* keys, ticked, in the brief's order */
  int fact_kind;
  int modality;
  gint64 fact_document;
  gboolean filling;

  GtkBox *choices_box;
  GtkListBox *order_box;
  GtkLabel *empty_label;
  GtkEntry *title_entry;
  GtkDropDown *language_dropdown;
  GtkDropDown *paper_dropdown;
  GtkEntry *mark_entry;
  GtkEntry *reviewer_entry;
  GtkSwitch *approved_switch;
  GtkButton *export_button;
  GtkProgressBar *progress;
  GtkStack *footer_stack;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DeskExportDialog, desk_export_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_order (DeskExportDialog *self);
static void set_ticked    (DeskExportDialog *self,
                           const char       *key,
                           const char       *label,
                           gboolean          ticked);

static void
on_check_toggled_cb (GtkCheckButton   *check,
                     DeskExportDialog *self)
{
  set_ticked (self, g_object_get_data (G_OBJECT (check), "key"), NULL, gtk_check_button_get_active (check));
  rebuild_order (self);
}

static GtkWidget *
add_check (DeskExportDialog *self,
           GtkBox           *box,
           const char       *key,
           const char       *label,
           guint             depth)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);
  GtkWidget *child = gtk_widget_get_first_child (check);

  /* long titles wrap rather than widen the dialog */
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_wrap (GTK_LABEL (child), TRUE);
        gtk_label_set_xalign (GTK_LABEL (child), 0);
      }
  gtk_widget_set_margin_start (check, 6 + 18 * depth);
  g_object_set_data_full (G_OBJECT (check), "key", g_strdup (key), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  g_hash_table_insert (self->checks, g_strdup (key), check);
  g_hash_table_insert (self->labels, g_strdup (key), g_strdup (label));
  gtk_box_append (box, check);
  return check;
}

static GtkWidget *
group_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 2);
  return label;
}

static void
add_axes (DeskExportDialog *self,
          GtkBox           *box,
          DeskAxis         *axis,
          guint             depth)
{
  int lang = desk_format_ui_language ();
  g_autofree char *key = g_strconcat ("axis:", axis->id, NULL);

  add_check (self, box, key, axis->name[lang], depth);
  for (guint i = 0; axis->subaxes != NULL && i < axis->subaxes->len; i++)
    add_axes (self, box, g_ptr_array_index (axis->subaxes, i), depth + 1);
}

static void
fill_choices (DeskExportDialog *self,
              GtkBox           *box)
{
  if (self->axes != NULL)
    {
      GPtrArray *dialogues = desk_axes_get_dialogues (self->axes);

      gtk_box_append (box, group_heading (_("Dialogue axes")));
      for (guint d = 0; d < dialogues->len; d++)
        {
          DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);

          if (!dialogue->proposed)
            continue;
          for (guint a = 0; a < dialogue->axes->len; a++)
            add_axes (self, box, g_ptr_array_index (dialogue->axes, a), 0);
        }
    }

  gtk_box_append (box, group_heading (_("Facts and review")));
  add_check (self, box, "facts", _("The fact list, as the Facts view filters it"), 0);
  add_check (self, box, "notes", _("Review notes"), 0);
}

static char *
section_label (DeskSection *section)
{
  const char *number = desk_section_get_number (section);
  const char *title = desk_section_get_title (section);

  return number && *number && !g_str_has_prefix (title, number) ? g_strdup_printf ("%s %s", number, title)
                                                                 : g_strdup (title);
}

static char *
section_key (gint64 document_id,
             guint  position)
{
  return g_strdup_printf ("section:%" G_GINT64_FORMAT ":%u", document_id, position);
}

/* Ticks or unticks @key, known to the officer as @label */
static void
set_ticked (DeskExportDialog *self,
            const char       *key,
            const char       *label,
            gboolean          ticked)
{
  guint index;

  if (label != NULL)
    g_hash_table_insert (self->labels, g_strdup (key), g_strdup (label));
  if (ticked)
    {
      if (!g_ptr_array_find_with_equal_func (self->order, key, g_str_equal, NULL))
        g_ptr_array_add (self->order, g_strdup (key));
    }
  else if (g_ptr_array_find_with_equal_func (self->order, key, g_str_equal, &index))
    g_ptr_array_remove_index (self->order, index);
}

/* The check boxes of the sections on screen say what is ticked */
static void
sync_shown (DeskExportDialog *self)
{
  GHashTableIter iter;
  gpointer key, check;

  self->filling = TRUE;
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, &check))
    gtk_check_button_set_active (check, g_ptr_array_find_with_equal_func (self->order, key, g_str_equal, NULL));
  self->filling = FALSE;
}

static GListModel *
create_sections_cb (gpointer item,
                    gpointer user_data)
{
  DeskExportDialog *self = user_data;
  g_autoptr(GPtrArray) sections = NULL;
  GListStore *store;
  gint64 id;

  if (!DESK_IS_DOCUMENT (item) || desk_document_get_n_sections (item) == 0)
    return NULL;
  id = desk_document_get_id (item);
  if (!(sections = desk_store_get_sections (self->store, id, NULL)))
    return NULL;
  store = g_list_store_new (DESK_TYPE_SECTION);
  for (guint i = 0; i < sections->len; i++)
    {
      DeskSection *section = g_ptr_array_index (sections, i);

      /* what a section row needs to name its part of the brief */
      g_object_set_data_full (G_OBJECT (section), "key", section_key (id, i), g_free);
      g_list_store_append (store, section);
    }
  return G_LIST_MODEL (store);
}

static void
on_section_toggled_cb (GtkCheckButton   *check,
                       DeskExportDialog *self)
{
  if (self->filling)
    return;
  set_ticked (self, g_object_get_data (G_OBJECT (check), "key"), gtk_check_button_get_label (check),
              gtk_check_button_get_active (check));
  rebuild_order (self);
}

static void
on_document_row_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          DeskExportDialog         *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  desk_format_label_tooltip (label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_signal_connect (check, "toggled", G_CALLBACK (on_section_toggled_cb), self);
  gtk_list_item_set_child (item, expander);
}

static void
on_document_row_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         DeskExportDialog         *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  GtkWidget *check = gtk_widget_get_next_sibling (label);
  gpointer object = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_widget_set_visible (label, DESK_IS_DOCUMENT (object));
  gtk_widget_set_visible (check, DESK_IS_SECTION (object));
  if (DESK_IS_DOCUMENT (object))
    gtk_label_set_text (GTK_LABEL (label), desk_document_get_title (object));
  else if (DESK_IS_SECTION (object))
    {
      g_autofree char *text = section_label (object);
      const char *key = g_object_get_data (object, "key");

      gtk_widget_set_margin_start (check, 18 * desk_section_get_depth (object));
      self->filling = TRUE;
      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_ptr_array_find_with_equal_func (self->order, key, g_str_equal, NULL));
      self->filling = FALSE;
      g_object_set_data_full (G_OBJECT (check), "key", g_strdup (key), g_free);
      g_hash_table_insert (self->shown, g_strdup (key), check);
    }
  g_object_unref (object);
}

static void
on_document_row_unbind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           DeskExportDialog         *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  GtkWidget *check = gtk_widget_get_next_sibling (label);
  const char *key = g_object_get_data (G_OBJECT (check), "key");

  /* rows are unbound while the dialog is disposed, too */
  if (key != NULL && self->shown != NULL && g_hash_table_lookup (self->shown, key) == check)
    g_hash_table_remove (self->shown, key);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* The documents, paged from the library; sections when a document opens */
static void
list_documents (DeskExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->documents = desk_document_list_new (self->store);
  if (!desk_document_list_reload (self->documents, &error))
    g_warning ("Cannot list the documents: %s", error->message);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)), FALSE, FALSE,
                                        create_sections_cb, self, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_list_view_set_model (self->documents_view, GTK_SELECTION_MODEL (selection));
}

static void
on_move_clicked_cb (GtkButton        *button,
                    DeskExportDialog *self)
{
  desk_export_dialog_move (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position")),
                           GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta")));
}

static GtkWidget *
move_button (DeskExportDialog *self,
             const char       *icon,
             const char       *tooltip,
             guint             position,
             int               delta,
             gboolean          sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  return button;
}

/* The brief's parts, in order, each with buttons to move it */
static void
rebuild_order (DeskExportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->order_box))) != NULL)
    gtk_list_box_remove (self->order_box, child);
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *key = g_ptr_array_index (self->order, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, (char *) g_hash_table_lookup (self->labels, key));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, text);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_start (label, 8);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), move_button (self, "go-up-symbolic", _("Move Up"), i, -1, i > 0));
      gtk_box_append (GTK_BOX (row), move_button (self, "go-down-symbolic", _("Move Down"), i, 1, i + 1 < self->order->len));
      gtk_list_box_append (self->order_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->order->len == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->order->len > 0 && self->cancellable == NULL);
}

/* Export in the background */

typedef struct
{
  char *library;
  char *path;
  DeskBriefOptions *options;
  guint n_pages;
  DeskExportDialog *dialog;
  GMainContext *context;
} ExportTask;

static void
export_task_free (ExportTask *t)
{
  g_free (t->library);
  g_free (t->path);
  desk_brief_options_free (t->options);
  g_clear_object (&t->dialog);
  g_main_context_unref (t->context);
  g_free (t);
}

typedef struct
{
  DeskExportDialog *dialog;
  double fraction;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *p = data;

  gtk_progress_bar_set_fraction (p->dialog->progress, p->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->dialog);
  g_free (p);
}

static void
report_progress (double   fraction,
                 gpointer user_data)
{
  ExportTask *t = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->dialog = g_object_ref (t->dialog);
  p->fraction = fraction;
  g_main_context_invoke_full (t->context, G_PRIORITY_DEFAULT, show_progress_cb, p, progress_free);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportTask *t = task_data;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAxes) axes = NULL;
  GError *error = NULL;

  /* a connection of the worker's own */
  if (!(store = desk_store_open (t->library, &error)) || !(axes = desk_axes_load_default (&error)) ||
      !desk_brief_export (store, axes, t->options, t->path, report_progress, t, cancellable, &t->n_pages, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (source);
  ExportTask *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  gtk_stack_set_visible_child_name (self->footer_stack, "idle");
  rebuild_order (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The brief could not be exported"), error->message);
      return;
    }
  g_signal_emit (self, signals[EXPORTED], 0, t->path, t->n_pages);
  gtk_window_destroy (GTK_WINDOW (self));
}

static DeskBriefOptions *
collect_options (DeskExportDialog *self)
{
  DeskBriefOptions *o = desk_brief_options_new (gtk_drop_down_get_selected (self->language_dropdown) == 1 ? "en" : "es");

  o->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  o->mark = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->mark_entry)));
  o->reviewer = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reviewer_entry)));
  o->paper = gtk_drop_down_get_selected (self->paper_dropdown) == 1 ? DESK_PAPER_LETTER : DESK_PAPER_A4;
  o->approved_only = gtk_switch_get_active (self->approved_switch);
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *key = g_ptr_array_index (self->order, i);

      if (g_str_has_prefix (key, "axis:"))
        desk_brief_options_add_axis (o, key + 5);
      else if (g_str_has_prefix (key, "section:"))
        {
          g_auto(GStrv) parts = g_strsplit (key, ":", 3);
          desk_brief_options_add_section (o, g_ascii_strtoll (parts[1], NULL, 10), (guint) g_ascii_strtoull (parts[2], NULL, 10));
        }
      else if (g_str_equal (key, "facts"))
        desk_brief_options_add_facts (o, self->fact_kind, self->modality, self->fact_document);
      else
        desk_brief_options_add_notes (o);
    }
  return o;
}

/* Exports to @path in the background; the dialog closes when it is done. */
void
desk_export_dialog_export_to (DeskExportDialog *self,
                              const char       *path)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *t;

  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL || self->order->len == 0)
    return;
  t = g_new0 (ExportTask, 1);
  t->library = g_strdup (desk_store_get_path (self->store));
  t->path = g_strdup (path);
  t->options = collect_options (self);
  t->dialog = g_object_ref (self);
  t->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_stack_set_visible_child_name (self->footer_stack, "working");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);

  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_task_data (task, t, (GDestroyNotify) export_task_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
desk_export_dialog_is_exporting (DeskExportDialog *self)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        DeskExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        desk_export_dialog_export_to (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_clicked_cb (DeskExportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  chooser = gtk_file_chooser_native_new (_("Export the Brief"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  /* TRANSLATORS: file name offered for a brief without a title */
  name = g_strdup_printf ("%s.pdf", *title ? title : _("brief"));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_clicked_cb (DeskExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The handling mark follows the brief's language until the officer writes one */
static void
on_language_changed_cb (DeskExportDialog *self)
{
  const char *mark = gtk_editable_get_text (GTK_EDITABLE (self->mark_entry));

  if (*mark == '\0' || g_str_equal (mark, "USO INTERNO") || g_str_equal (mark, "INTERNAL USE"))
    gtk_editable_set_text (GTK_EDITABLE (self->mark_entry),
                           gtk_drop_down_get_selected (self->language_dropdown) == 1 ? "INTERNAL USE" : "USO INTERNO");
}

static void
desk_export_dialog_dispose (GObject *object)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->axes, desk_axes_free);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_object (&self->tree);
  g_clear_object (&self->documents);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->dispose (object);
}

static void
desk_export_dialog_constructed (GObject *object)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);
  g_autofree char *reviewer = NULL;

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);
  list_documents (self);
  reviewer = desk_review_default_reviewer (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_entry), reviewer);
}

static void
desk_export_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_export_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_export_dialog_class_init (DeskExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_export_dialog_dispose;
  object_class->constructed = desk_export_dialog_constructed;
  object_class->get_property = desk_export_dialog_get_property;
  object_class->set_property = desk_export_dialog_set_property;

  /* The library the brief is made from. */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a brief was written: its path and number of pages. */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, choices_box);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, documents_view);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, order_box);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, mark_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, reviewer_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, approved_switch);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, footer_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, progress);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_row_unbind_cb);
}

static void
desk_export_dialog_init (DeskExportDialog *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->fact_kind = self->modality = -1;
  self->axes = desk_axes_load_default (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_choices (self, self->choices_box);
  /* the handling mark follows (on_language_changed_cb) */
  gtk_drop_down_set_selected (self->language_dropdown, desk_format_ui_language () == 1 ? 1 : 0);
  on_language_changed_cb (self);
  rebuild_order (self);
}

DeskExportDialog *
desk_export_dialog_new (GtkWindow *parent,
                        DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_EXPORT_DIALOG, "transient-for", parent, "store", store, NULL);
}

static void
tick (DeskExportDialog *self,
      const char       *key)
{
  GtkCheckButton *check = g_hash_table_lookup (self->checks, key);

  if (check != NULL)
    gtk_check_button_set_active (check, TRUE);
}

/* "Export this axis": the axis ticked, and the title its name */
void
desk_export_dialog_tick_axis (DeskExportDialog *self,
                              const char       *axis_id)
{
  g_autofree char *key = g_strconcat ("axis:", axis_id, NULL);

  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  tick (self, key);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->title_entry)) == '\0' && g_hash_table_contains (self->labels, key))
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), g_hash_table_lookup (self->labels, key));
}

/* "Export this section": @section -1 ticks every section of the document.
 * The document opens in the list, in view. */
void
desk_export_dialog_tick_section (DeskExportDialog *self,
                                 gint64            document_id,
                                 int               section)
{
  g_autoptr(GPtrArray) sections = NULL;
  guint position;

  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));

  if (!(sections = desk_store_get_sections (self->store, document_id, NULL)))
    return;
  for (guint i = 0; i < sections->len; i++)
    if (section < 0 || (guint) section == i)
      {
        g_autofree char *key = section_key (document_id, i);
        g_autofree char *label = section_label (g_ptr_array_index (sections, i));

        set_ticked (self, key, label, TRUE);
      }
  rebuild_order (self);
  sync_shown (self);

  /* its place among the documents, when none above it is open */
  position = desk_document_list_find_id (self->documents, document_id);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, position);
      g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

      if (DESK_IS_DOCUMENT (item) && desk_document_get_id (DESK_DOCUMENT (item)) == document_id)
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->documents_view), "list.scroll-to-item", "u", position);
        }
    }
}

void
desk_export_dialog_set_fact_filter (DeskExportDialog *self,
                                    int               kind,
                                    int               modality,
                                    gint64            document_id)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  self->fact_kind = kind;
  self->modality = modality;
  self->fact_document = document_id;
}

void
desk_export_dialog_tick_facts (DeskExportDialog *self)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  tick (self, "facts");
}

void
desk_export_dialog_tick_notes (DeskExportDialog *self)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  tick (self, "notes");
}

guint
desk_export_dialog_get_n_ticked (DeskExportDialog *self)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), 0);
  return self->order->len;
}

/* The key of the part at @position of the brief: "axis:ID", "section:DOC:N", "facts" or "notes" */
const char *
desk_export_dialog_get_ticked (DeskExportDialog *self,
                               guint             position)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), NULL);
  g_return_val_if_fail (position < self->order->len, NULL);
  return g_ptr_array_index (self->order, position);
}

void
desk_export_dialog_move (DeskExportDialog *self,
                         guint             position,
                         int               delta)
{
  int to = (int) position + delta;

  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  if (position >= self->order->len || to < 0 || to >= (int) self->order->len)
    return;
  {
    gpointer moved = self->order->pdata[position];
    self->order->pdata[position] = self->order->pdata[to];
    self->order->pdata[to] = moved;
  }
  rebuild_order (self);
}

void
desk_export_dialog_set_language (DeskExportDialog *self,
                                 const char       *language)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  gtk_drop_down_set_selected (self->language_dropdown, g_strcmp0 (language, "en") == 0 ? 1 : 0);
}
