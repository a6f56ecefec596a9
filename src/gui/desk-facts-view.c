/* desk-facts-view.c: the facts of the library, filtered, with a card for the selected one */
#define G_LOG_DOMAIN "desk-facts-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-document-list.h"
#include "desk-drop-down.h"
#include "desk-fact-card-private.h"
#include "desk-fact-list.h"
#include "desk-facts-view-private.h"
#include "desk-format.h"
#include "desk-library-writer.h"
#include "desk-review-bar-private.h"

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
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *text_column;
  GtkColumnViewColumn *value_column;
  GtkColumnViewColumn *modality_column;
  GtkColumnViewColumn *document_column;
  DeskReviewBar *review_bar;
  GtkStack *detail_stack;
  DeskFactCard *fact_card;
  GtkLabel *bulk_label;
  GtkDropDown *bulk_axis_dropdown;

  DeskStore *store;
  DeskLibraryWriter *writer;  /* makes the review changes, waiting when another program writes */
  GCancellable *words_cancellable; /* the words filter being searched in a thread */
  gboolean stale;           /* the library changed while the view was hidden */
  DeskFactList *facts;       /* filtered and sorted in SQL, read a page at a time */
  DeskDocumentList *documents; /* of the document filter */
  GtkMultiSelection *selection;
  DeskFactItem *current;     /* in the card, when one fact is selected */
  DeskAxes *axes;            /* the card names axes with them too */
  GPtrArray *axis_ids;       /* proposed axes, of the card's and the bulk add-to-axis drop-downs */
};

G_DEFINE_FINAL_TYPE (DeskFactsView, desk_facts_view, GTK_TYPE_WIDGET)

enum {
  OPEN_FACT,
  REVIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const languages[] = { NULL, "es", "en" };

/* The document the document filter names, or 0 for all. */
static gint64
selected_document_id (DeskFactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->document_dropdown);
  g_autoptr(GObject) item = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return 0;
  item = g_list_model_get_item (gtk_drop_down_get_model (self->document_dropdown), selected);
  return DESK_IS_DOCUMENT (item) ? desk_document_get_id (DESK_DOCUMENT (item)) : 0;
}

/* The kinds of the Facts list: claims; names are the Entities view's */
static const DeskFactKind claim_kinds[] = {
  DESK_FACT_DATE, DESK_FACT_QUANTITY, DESK_FACT_MONEY, DESK_FACT_PERCENT,
  DESK_FACT_CITATION, DESK_FACT_QUOTE, DESK_FACT_PROPOSAL, DESK_FACT_MEETING,
};

/* The filters as the library reads them. */
static void
get_query (DeskFactsView *self,
           DeskFactQuery *query)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint modality = gtk_drop_down_get_selected (self->modality_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);

  query->kind = kind != GTK_INVALID_LIST_POSITION && kind > 0 && kind <= G_N_ELEMENTS (claim_kinds)
                ? (int) claim_kinds[kind - 1] : -1;
  query->modality = modality != GTK_INVALID_LIST_POSITION && modality > 0 ? (int) modality - 1 : -1;
  query->document_id = selected_document_id (self);
  query->language = language < G_N_ELEMENTS (languages) ? languages[language] : NULL;
  query->status = desk_review_bar_get_status_filter (self->review_bar);
  query->text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
}

/* The review bar: how many facts of the current filter the officers
 * have reviewed. */
static void
update_progress (DeskFactsView *self)
{
  desk_review_bar_set_progress (self->review_bar, desk_fact_list_count_reviewed (self->facts),
                                g_list_model_get_n_items (G_LIST_MODEL (self->facts)));
}

/* The review bar: the session open, if any */
static void
update_session (DeskFactsView *self)
{
  g_autoptr(DeskReviewSession) session = NULL;

  if (self->store != NULL)
    session = desk_review_current (self->store, NULL);
  desk_review_bar_set_session (self->review_bar, session);
}

static void
update_count (DeskFactsView *self)
{
  g_autofree char *text = NULL;
  guint shown, total;

  /* the drop-downs report their first selection before the models exist */
  if (self->facts == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->facts));
  total = desk_fact_list_get_total (self->facts);

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fact", "%u facts", total), total);
  else
    /* TRANSLATORS: facts shown of facts in all */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u fact", "%u of %u facts", total), shown, total);
  gtk_label_set_text (self->count_label, text);
  update_progress (self);
}

static void catch_up (DeskFactsView *self);

/* Reads the list again after its query, its order or the library changed:
 * the fact in the card stays selected and in view when the list still has
 * it.  Counting and finding are SQL, so this answers at once on a large
 * library. */
static void
reload_list (DeskFactsView *self,
             gboolean       keep_selection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  guint position;

  if (self->facts == NULL)
    return;
  if (keep_selection && self->current != NULL)
    uid = g_strdup (desk_fact_item_get_uid (self->current));
  if (!desk_fact_list_reload (self->facts, &error))
    {
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The facts could not be read"), error->message);
      return;
    }
  update_count (self);
  if (uid == NULL)
    return;
  position = desk_fact_list_find (self->facts, uid);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  desk_facts_view_select (self, position);
}

/* Emitted after every change, so that the window can offer undo and the
 * other views can follow. */
static void
review_changed (DeskFactsView *self)
{
  update_session (self);
  g_signal_emit (self, signals[REVIEW_CHANGED], 0);
}

/* The selected facts, in list order. */
static GPtrArray *
selected_items (DeskFactsView *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, set, &position))
    do
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
    while (gtk_bitset_iter_next (&iter, &position));
  return items;
}

/* Reads the review of @item again from the library. */
static void
refresh_item (DeskFactsView *self,
              DeskFactItem  *item)
{
  g_autoptr(DeskReviewState) state = desk_review_get_state (self->store, desk_fact_item_get_uid (item));

  desk_fact_item_set_review (item, state);
}

/* A review change of the selected facts, on its way to the library */
typedef struct
{
  DeskFactsView *view;
  GPtrArray *items;          /* DeskFactItem */
  GStrv uids;
  char *field;
  char *value;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->view);
  g_ptr_array_unref (change->items);
  g_strfreev (change->uids);
  g_free (change->field);
  g_free (change->value);
  g_free (change);
}

/* In the main thread, or a worker's when the library was busy */
static gboolean
write_change (DeskStore  *store,
              gpointer    data,
              GError    **error)
{
  Change *change = data;

  return desk_review_set_many (store, (const char * const *) change->uids, change->field, change->value, NULL, error);
}

static void
on_change_written (gpointer      data,
                   gboolean      waited,
                   const GError *error)
{
  Change *change = data;
  DeskFactsView *self = change->view;

  if (self->store == NULL)
    return;
  if (error != NULL)
    {
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The review could not be changed"), error->message);
      return;
    }
  for (guint i = 0; i < change->items->len; i++)
    refresh_item (self, g_ptr_array_index (change->items, i));
  /* written later: the officer has moved on, and the list may have been
   * read again meanwhile: what it shows follows */
  if (waited)
    desk_facts_view_refresh_review (self);
  review_changed (self);
}

/* Sets @field of every selected fact to @value, as one step: at once, or,
 * while another program writes the library, once it is free (the window
 * says so).  FALSE when it was refused. */
static gboolean
apply_to_selection (DeskFactsView *self,
                    const char    *field,
                    const char    *value)
{
  g_autoptr(GPtrArray) items = selected_items (self);
  GPtrArray *uids;
  Change *change;

  if (self->store == NULL || items->len == 0)
    return FALSE;
  uids = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (uids, g_strdup (desk_fact_item_get_uid (g_ptr_array_index (items, i))));
  g_ptr_array_add (uids, NULL);
  change = g_new0 (Change, 1);
  change->view = g_object_ref (self);
  change->items = g_steal_pointer (&items);
  change->uids = (GStrv) g_ptr_array_free (uids, FALSE);
  change->field = g_strdup (field);
  change->value = g_strdup (value);
  if (self->writer == NULL)
    self->writer = desk_library_writer_new (self->store);
  return desk_library_writer_run (self->writer, write_change, on_change_written, change, change_free);
}

/* The card shows @item, or nothing for NULL */
static void
show_card (DeskFactsView *self,
           DeskFactItem  *item)
{
  if (item != self->current)
    g_set_object (&self->current, item);
  desk_fact_card_set_item (self->fact_card, item);
  gtk_stack_set_visible_child_name (self->detail_stack, item != NULL ? "card" : "empty");
}

static void
set_axis (DeskFactsView *self,
          const char    *axis_id,
          gboolean       assigned)
{
  g_autofree char *field = g_strconcat ("axis:", axis_id, NULL);

  if (apply_to_selection (self, field, assigned ? "assigned" : "unassigned") && self->current != NULL)
    show_card (self, self->current);
}

static void
on_bulk_axis_clicked_cb (DeskFactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->bulk_axis_dropdown);

  if (self->axis_ids != NULL && selected < self->axis_ids->len)
    set_axis (self, g_ptr_array_index (self->axis_ids, selected), TRUE);
}

static void
on_selection_changed_cb (DeskFactsView *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (set);

  if (n == 1)
    {
      g_autoptr(DeskFactItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (set));
      show_card (self, item);
    }
  else
    {
      show_card (self, NULL);
      if (n > 1)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fact selected", "%u facts selected", n),
                                                   (guint) n);
          gtk_label_set_text (self->bulk_label, text);
          gtk_stack_set_visible_child_name (self->detail_stack, "bulk");
        }
    }
}

/* Sets the status of the selection; with one fact selected, moves on to
 * the next one, so that the officer can go down the list with the keys. */
static void
set_status (DeskFactsView *self,
            const char    *status)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gboolean single = gtk_bitset_get_size (set) == 1;
  guint position = single ? gtk_bitset_get_minimum (set) : 0;
  g_autoptr(DeskFactItem) item = single ? g_list_model_get_item (G_LIST_MODEL (self->selection), position) : NULL;
  guint n;

  if (!apply_to_selection (self, "status", status))
    return;
  if (desk_fact_list_query_needs_review (self->facts))
    reload_list (self, FALSE);
  update_count (self);
  if (!single)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  /* the fact may have left the filtered list: the next one took its place */
  if (position < n)
    {
      g_autoptr(DeskFactItem) there = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      if (there == item)
        position++;
    }
  if (position < n)
    desk_facts_view_select (self, position);
  else
    show_card (self, item);
}

static void
on_fact_card_status_chosen_cb (DeskFactsView *self,
                               const char    *status)
{
  if (self->current != NULL)
    set_status (self, status);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskFactsView *self = DESK_FACTS_VIEW (widget);

  set_status (self, g_str_equal (action_name, "review.approve") ? "approved"
                    : g_str_equal (action_name, "review.reject") ? "rejected" : "pending");
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskFactsView *self = DESK_FACTS_VIEW (widget);

  if (self->current != NULL)
    desk_fact_card_focus_note (self->fact_card);
}

/* A note or a correction kept in the card (Enter; NULL clears it): the
 * keyboard goes back to the list. */
static void
on_fact_card_field_edited_cb (DeskFactsView *self,
                              const char    *field,
                              const char    *value)
{
  g_autoptr(DeskFactItem) item = self->current ? g_object_ref (self->current) : NULL;

  if (item == NULL)
    return;
  if (apply_to_selection (self, field, value))
    {
      show_card (self, item);
      update_count (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_fact_card_axis_toggled_cb (DeskFactsView *self,
                              const char    *axis_id,
                              gboolean       assigned)
{
  set_axis (self, axis_id, assigned);
}

static void
on_words_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskFactsView) self = user_data;
  g_autoptr(GError) error = NULL;

  /* a newer search, or none, replaced it */
  if (!desk_fact_list_find_words_finish (DESK_FACT_LIST (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The facts could not be read"), error->message);
      return;
    }
  if (DESK_FACT_LIST (source) != self->facts)
    return;
  g_clear_object (&self->words_cancellable);
  reload_list (self, TRUE);
}

/* Gives up a search of words still running */
static void
cancel_words (DeskFactsView *self)
{
  g_cancellable_cancel (self->words_cancellable);
  g_clear_object (&self->words_cancellable);
}

/* Reads the list again after its filters or its order changed.  With
 * words to find, when @in_thread, the list is found in a thread (on a
 * large library a common word is tens of thousands of facts), the list
 * showing what it showed until then. */
static void
reload_or_search (DeskFactsView *self,
                  gboolean       in_thread)
{
  cancel_words (self);
  if (in_thread && desk_fact_list_needs_words (self->facts))
    {
      self->words_cancellable = g_cancellable_new ();
      gtk_label_set_text (self->count_label, _("Searching…"));
      desk_fact_list_find_words_async (self->facts, self->words_cancellable, on_words_found_cb, g_object_ref (self));
      return;
    }
  reload_list (self, TRUE);
}

/* Applies the filters as they are set; in a thread when the officer sets
 * them (@in_thread). */
static void
apply_filters (DeskFactsView *self,
               gboolean       in_thread)
{
  DeskFactQuery query = DESK_FACT_QUERY_INIT;

  if (self->facts == NULL)
    return;
  get_query (self, &query);
  if (desk_fact_list_set_query (self->facts, &query))
    reload_or_search (self, in_thread);
}

static void
on_filter_changed_cb (DeskFactsView *self)
{
  apply_filters (self, TRUE);
}

/* A click on a column header: the order is SQL's. */
static void
on_sort_changed_cb (DeskFactsView *self)
{
  gboolean descending;
  int key;

  /* the view's columns leave its sorter while it is disposed */
  if (self->facts == NULL || self->column_view == NULL)
    return;
  key = desk_format_get_sort_key (self->column_view, &descending);
  if (desk_fact_list_set_sort (self->facts, key < 0 ? DESK_FACT_SORT_NONE : key, descending))
    reload_or_search (self, TRUE);
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
on_fact_card_open_fact_cb (DeskFactsView *self,
                           DeskFactItem  *item)
{
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
  desk_format_label_tooltip (label);
  gtk_list_item_set_child (item, label);
}

static void
bind_text (GtkListItem *item,
           const char  *text)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
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
rebind_text (GtkListItem *item)
{
  bind_text (item, desk_fact_item_get_text (gtk_list_item_get_item (item)));
}

/* as people write it, in the interface's language */
static void
rebind_value (GtkListItem *item)
{
  DeskFactItem *fact = gtk_list_item_get_item (item);
  g_autofree char *value = desk_format_value (desk_fact_item_get_fact (fact)->kind, desk_fact_item_get_value (fact));

  bind_text (item, value);
}

/* The text and value columns show the officer's corrections as they come */
static void
on_text_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  rebind_text (item);
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::text", G_CALLBACK (rebind_text), item);
}

static void
on_value_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  rebind_value (item);
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::value", G_CALLBACK (rebind_value), item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item), item);
}

static void
on_status_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
rebind_status (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  DeskFactItem *fact = gtk_list_item_get_item (item);
  const char *status = desk_fact_item_get_status (fact);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), g_str_equal (status, "approved") ? "object-select-symbolic"
                                                  : g_str_equal (status, "rejected") ? "window-close-symbolic" : NULL);
  gtk_label_set_text (GTK_LABEL (label), desk_review_status_name (status));
  gtk_widget_remove_css_class (box, "review-approved");
  gtk_widget_remove_css_class (box, "review-rejected");
  gtk_widget_remove_css_class (box, "dim-label");
  gtk_widget_add_css_class (box, g_str_equal (status, "approved") ? "review-approved"
                                 : g_str_equal (status, "rejected") ? "review-rejected" : "dim-label");
  desk_format_set_tooltip (box, desk_fact_item_get_note (fact));
}

static void
on_status_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  rebind_status (item);
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::status", G_CALLBACK (rebind_status), item);
}

static void
on_status_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item), item);
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
on_about_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  const char *about = desk_fact_item_get_about (gtk_list_item_get_item (item));

  bind_text (item, about);
  desk_format_set_tooltip (gtk_list_item_get_child (item), about);
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
  return desk_format_fact_kind (claim_kinds[i]);
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

  cancel_words (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_FACTS_VIEW);
  g_clear_object (&self->current);
  g_clear_object (&self->selection);
  g_clear_object (&self->facts);
  g_clear_object (&self->documents);
  g_clear_object (&self->store);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->axis_ids, g_ptr_array_unref);
  g_clear_pointer (&self->axes, desk_axes_free);

  G_OBJECT_CLASS (desk_facts_view_parent_class)->dispose (object);
}

static void
desk_facts_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (desk_facts_view_parent_class)->map (widget);
  catch_up (DESK_FACTS_VIEW (widget));
}

static void
desk_facts_view_class_init (DeskFactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_facts_view_dispose;
  widget_class->map = desk_facts_view_map;

  /* Emitted when the officer asks to see a fact in its document. */
  signals[OPEN_FACT] = g_signal_new ("open-fact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, DESK_TYPE_FACT_ITEM);
  /* Emitted after the officer changed the review of facts. */
  signals[REVIEW_CHANGED] = g_signal_new ("review-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DESK_TYPE_FACT_ITEM);
  g_type_ensure (DESK_TYPE_FACT_CARD);
  g_type_ensure (DESK_TYPE_REVIEW_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-facts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, paned);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, modality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, status_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, text_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, value_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, modality_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, document_column);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, review_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, fact_card);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactsView, bulk_axis_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_bulk_axis_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fact_card_status_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fact_card_field_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fact_card_axis_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fact_card_open_fact_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_unbind_cb);

  gtk_widget_class_install_action (widget_class, "review.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.pending", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.note", NULL, note_action);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_modality_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_about_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "factsview");
}

static void
desk_facts_view_init (DeskFactsView *self)
{
  g_autoptr(GListModel) kinds = string_model (_("All kinds"), kind_name, G_N_ELEMENTS (claim_kinds));
  g_autoptr(GListModel) modalities = string_model (_("All modalities"), modality_name, DESK_N_MODALITIES);
  GtkStringList *langs;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  gtk_drop_down_set_model (self->modality_dropdown, modalities);
  langs = gtk_string_list_new (NULL);
  gtk_string_list_append (langs, _("All languages"));
  gtk_string_list_append (langs, _("Spanish"));
  gtk_string_list_append (langs, _("English"));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (langs));
  g_object_unref (langs);
  desk_drop_down_shorten (self->document_dropdown);

  /* the list comes with the store (desk_facts_view_set_store) */
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  desk_format_set_sort_key (self->status_column, DESK_FACT_SORT_STATUS);
  desk_format_set_sort_key (self->kind_column, DESK_FACT_SORT_KIND);
  desk_format_set_sort_key (self->text_column, DESK_FACT_SORT_TEXT);
  desk_format_set_sort_key (self->value_column, DESK_FACT_SORT_VALUE);
  desk_format_set_sort_key (self->modality_column, DESK_FACT_SORT_MODALITY);
  desk_format_set_sort_key (self->document_column, DESK_FACT_SORT_DOCUMENT);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* going through the list with the keys: A approve, R reject, P pending, N note */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    static const struct { guint key; const char *action; } keys[] = {
      { GDK_KEY_a, "review.approve" }, { GDK_KEY_r, "review.reject" },
      { GDK_KEY_p, "review.pending" }, { GDK_KEY_n, "review.note" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                              gtk_named_action_new (keys[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  }
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
      desk_fact_card_set_axes (self->fact_card, self->axes, self->axis_ids, G_LIST_MODEL (names));
      gtk_drop_down_set_model (self->bulk_axis_dropdown, G_LIST_MODEL (names));
      desk_drop_down_shorten (self->bulk_axis_dropdown);
      g_object_unref (names);
    }
}

/* The library to list; desk_facts_view_reload () reads it. */
void
desk_facts_view_set_store (DeskFactsView *self,
                           DeskStore     *store)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  if (!g_set_object (&self->store, store))
    return;
  desk_fact_card_set_store (self->fact_card, store);
  g_clear_object (&self->facts);
  g_clear_object (&self->documents);
  if (store != NULL)
    {
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
      GtkStringList *all = gtk_string_list_new (NULL);
      gboolean descending;
      int key = desk_format_get_sort_key (self->column_view, &descending);
      GtkFlattenListModel *choices;

      self->facts = desk_fact_list_new (store);
      desk_fact_list_set_sort (self->facts, key < 0 ? DESK_FACT_SORT_NONE : key, descending);
      /* "All documents", then the library's documents, paged like the lists */
      self->documents = desk_document_list_new (store);
      gtk_string_list_append (all, _("All documents"));
      g_list_store_append (parts, all);
      g_list_store_append (parts, self->documents);
      g_object_unref (all);
      choices = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
      gtk_drop_down_set_model (self->document_dropdown, G_LIST_MODEL (choices));
      g_object_unref (choices);
    }
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->facts));
}

/* Reads the facts and the documents to filter by again. */
static void
load (DeskFactsView *self)
{
  g_autoptr(GError) error = NULL;
  DeskFactQuery query = DESK_FACT_QUERY_INIT;
  gint64 document_id = selected_document_id (self);
  guint position;

  self->stale = FALSE;
  if (!desk_document_list_reload (self->documents, &error))
    g_warning ("Cannot list the documents to filter by: %s", error->message);
  position = document_id > 0 ? desk_document_list_find_id (self->documents, document_id) : GTK_INVALID_LIST_POSITION;
  gtk_drop_down_set_selected (self->document_dropdown, position != GTK_INVALID_LIST_POSITION ? position + 1 : 0);
  get_query (self, &query);
  desk_fact_list_set_query (self->facts, &query);
  reload_or_search (self, TRUE);
  update_session (self);
}

/* What a hidden view put off, done before its list is used */
static void
catch_up (DeskFactsView *self)
{
  if (self->stale)
    load (self);
}

/* After the library changed: read at once when the view is shown, else
 * when it is, or when its list is asked for (the window opens on the
 * documents: counting a large library's facts would delay its first
 * frame). */
void
desk_facts_view_reload (DeskFactsView *self)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  if (self->store == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    load (self);
}

/* What makes the review changes: the window's, so that its changes and
 * the view's are made in the order asked even while they wait */
void
desk_facts_view_set_writer (DeskFactsView     *self,
                            DeskLibraryWriter *writer)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));
  g_set_object (&self->writer, writer);
}

/* Reads the review of the facts again (after undo, redo or a merge). */
void
desk_facts_view_refresh_review (DeskFactsView *self)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  /* a list put off is read whole when shown */
  if (self->facts == NULL || self->stale)
    return;
  if (desk_fact_list_query_needs_review (self->facts))
    reload_list (self, TRUE);
  else
    desk_fact_list_refresh_review (self->facts);
  update_count (self);
  update_session (self);
  if (self->current != NULL)
    {
      g_autoptr(DeskFactItem) current = g_object_ref (self->current);
      show_card (self, current);
    }
}

/* The fact in the card, or NULL when none or several are selected. */
DeskFactItem *
desk_facts_view_get_current (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), NULL);
  return self->current;
}

/* Shows only the facts of a review status (NULL for all). */
void
desk_facts_view_set_status_filter (DeskFactsView *self,
                                   const char    *status)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));
  catch_up (self);

  desk_review_bar_set_status_filter (self->review_bar, status);
}

/* The review bar's progress, as shown: "12 of 340 reviewed". */
const char *
desk_facts_view_get_progress (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), NULL);
  catch_up (self);
  return desk_review_bar_get_progress (self->review_bar);
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
  catch_up (self);

  {
    guint position = 0;

    for (guint i = 0; i < G_N_ELEMENTS (claim_kinds); i++)
      if ((int) claim_kinds[i] == kind)
        position = i + 1;
    gtk_drop_down_set_selected (self->kind_dropdown, position);
  }
  gtk_drop_down_set_selected (self->modality_dropdown, modality + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  apply_filters (self, FALSE);
}

void
desk_facts_view_select (DeskFactsView *self,
                        guint          position)
{
  g_return_if_fail (DESK_IS_FACTS_VIEW (self));
  catch_up (self);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  desk_format_scroll_to (self->column_view, position);
}

/* The card's passage as plain text, or NULL when no fact is selected. */
const char *
desk_facts_view_get_passage (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), NULL);
  return desk_fact_card_get_passage (self->fact_card);
}

/* How many facts of other documents disagree with the one in the card. */
guint
desk_facts_view_get_n_conflicts (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), 0);
  return desk_fact_card_get_n_conflicts (self->fact_card);
}

/* Shows the fact @uid in the list and its card, clearing the filters that
 * would hide it.  Returns FALSE when the library has no such fact. */
gboolean
desk_facts_view_select_uid (DeskFactsView *self,
                            const char    *uid)
{
  guint position;

  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  catch_up (self);

  if (self->facts == NULL)
    return FALSE;
  desk_facts_view_set_filter (self, -1, -1, NULL);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  gtk_drop_down_set_selected (self->document_dropdown, 0);
  desk_review_bar_set_status_filter (self->review_bar, NULL);
  position = desk_fact_list_find (self->facts, uid);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  desk_facts_view_select (self, position);
  return TRUE;
}

/* How many axes the fact in the card stands under. */
guint
desk_facts_view_get_n_axes (DeskFactsView *self)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), 0);
  return desk_fact_card_get_n_axes (self->fact_card);
}

/* What the card's "Add to Axis" does, for @axis_id. */
gboolean
desk_facts_view_add_to_axis (DeskFactsView *self,
                             const char    *axis_id)
{
  g_return_val_if_fail (DESK_IS_FACTS_VIEW (self), FALSE);
  return desk_fact_card_add_to_axis (self->fact_card, axis_id);
}

/* The filters of the list, as a brief's fact list takes them: -1 or 0 for any */
void
desk_facts_view_get_filter (DeskFactsView *self,
                            int           *kind,
                            int           *modality,
                            gint64        *document_id)
{
  DeskFactQuery query = DESK_FACT_QUERY_INIT;

  g_return_if_fail (DESK_IS_FACTS_VIEW (self));

  get_query (self, &query);
  *kind = query.kind;
  *modality = query.modality;
  *document_id = query.document_id;
}
