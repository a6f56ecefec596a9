/* desk-window.c: the main window: its layout and views, the document
 * list, search, the welcome page and the status bar; its import, library
 * and review parts are desk-window-import.c, desk-window-library.c and
 * desk-window-review.c */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-search-hit.h"
#include "desk-window-private.h"

#define SEARCH_LIMIT 50

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, GTK_TYPE_APPLICATION_WINDOW)

typedef struct
{
  DeskWindow *window;
  char *query;
  guint serial;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *s = data;

  g_object_unref (s->window);
  g_free (s->query);
  g_free (s);
}

void
_desk_window_show_status (DeskWindow *self,
                          const char *message,
                          gboolean    working)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), working);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), working);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), !working);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), !working && self->failures->len > 0);
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

static DeskDocument *
selected_document (DeskWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Shows @doc in the reading view; read again from the library when
 * @again, even if it is the one shown (its facts may have changed). */
static void
show_document (DeskWindow   *self,
               DeskDocument *doc,
               gboolean      again)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  gint64 id;

  if (doc == NULL)
    {
      desk_document_view_set_document (self->document_reader, NULL, NULL, NULL, NULL);
      return;
    }
  /* the same document, read again as a new row of a new order */
  if (!again && desk_document_view_get_document (self->document_reader) != NULL &&
      desk_document_get_id (desk_document_view_get_document (self->document_reader)) == desk_document_get_id (doc))
    return;

  id = desk_document_get_id (doc);
  if (!(text = desk_store_get_text (self->store, id, &error)) ||
      !(paragraphs = desk_store_get_paragraphs (self->store, id, &error)) ||
      !(sections = desk_store_get_sections (self->store, id, &error)))
    {
      g_clear_pointer (&self->failures, g_ptr_array_unref);
      self->failures = g_ptr_array_new_with_free_func (g_free);
      _desk_window_show_status (self, error->message, FALSE);
      return;
    }
  desk_document_view_set_document (self->document_reader, doc, text, paragraphs, sections);
  {
    DeskFactFilter filter = { -1, -1, id };
    g_autoptr(GPtrArray) facts = desk_store_list_facts (self->store, &filter, NULL);

    desk_document_view_set_facts (self->document_reader, facts);
  }
  _desk_window_refresh_mentions (self);
  g_settings_set_string (self->settings, "last-document", desk_document_get_uid (doc));
}

static void
open_document (DeskWindow   *self,
               DeskDocument *doc)
{
  show_document (self, doc, FALSE);
}

guint
_desk_window_find_document (DeskWindow *self,
                            gint64      id,
                            const char *uid)
{
  if (self->documents == NULL)
    return GTK_INVALID_LIST_POSITION;
  return id > 0 ? desk_document_list_find_id (self->documents, id) : desk_document_list_find (self->documents, uid);
}

/* Selects the document at @position and brings it into view. */
static void
select_document (DeskWindow *self,
                 guint       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    desk_format_scroll_to (self->document_view, position);
}

/* Reads the list again (a new order, new documents) and selects the
 * document @uid in it, or the first one when it is gone and @or_first.
 * The selection passes through none meanwhile unheeded, so the document
 * shown stays shown while its row leaves and comes back (hiding it and
 * showing it again also made GTK 4.8 complain as its scrollbars went).
 * FALSE, said in the status, when the list cannot be read. */
static gboolean
reread_documents (DeskWindow *self,
                  const char *uid,
                  gboolean    or_first)
{
  g_autoptr(GError) error = NULL;
  guint position;

  self->resorting = TRUE;
  if (!desk_document_list_reload (self->documents, &error))
    {
      self->resorting = FALSE;
      _desk_window_show_status (self, error->message, FALSE);
      return FALSE;
    }
  position = _desk_window_find_document (self, 0, uid);
  if (position == GTK_INVALID_LIST_POSITION && or_first && g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 0)
    position = 0;
  select_document (self, position);
  self->resorting = FALSE;
  return TRUE;
}

/* Replaces the list in two steps (remove all, add all), so that GTK does
 * not fetch every row to diff them, and keeps the open document selected. */
void
_desk_window_reload_documents (DeskWindow *self)
{
  g_autofree char *keep_uid = NULL;
  DeskDocument *current = desk_document_view_get_document (self->document_reader);
  guint n;

  keep_uid = current ? g_strdup (desk_document_get_uid (current))
                     : g_settings_get_string (self->settings, "last-document");
  if (!reread_documents (self, keep_uid, TRUE))
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "library" : "welcome");
  gtk_widget_set_visible (GTK_WIDGET (self->view_switcher), n > 0);
  desk_facts_view_reload (self->facts_view);
  desk_entities_view_reload (self->entities_view);
  desk_axes_view_reload (self->axes_view);
  /* read again: its facts may have changed */
  show_document (self, selected_document (self), TRUE);
}

/* A document's title, author, date or source changed (the officer's
 * change, its undo, a colleague's review): the list reads its rows again,
 * keeping the open document selected, and the reading view's heading
 * follows without reading the text again */
/* The names of the document shown, as their entities are now: after a
 * rename, merge or split, or its undo, without reading the text again */
void
_desk_window_refresh_mentions (DeskWindow *self)
{
  DeskDocument *doc = desk_document_view_get_document (self->document_reader);
  g_autoptr(GPtrArray) mentions = NULL;

  if (doc == NULL || self->store == NULL)
    return;
  mentions = desk_store_list_document_mentions (self->store, desk_document_get_id (doc), NULL, NULL);
  desk_document_view_set_mentions (self->document_reader, mentions);
}

void
_desk_window_refresh_document_rows (DeskWindow *self)
{
  DeskDocument *current = desk_document_view_get_document (self->document_reader);
  g_autofree char *uid = current ? g_strdup (desk_document_get_uid (current)) : NULL;
  DeskDocument *row;

  if (self->documents == NULL || !reread_documents (self, uid, FALSE))
    return;
  row = selected_document (self);
  if (row != NULL)
    desk_document_view_update_document (self->document_reader, row);
}

/* Another program changed the library (an import, a review): the lists
 * read it again, each keeping its selection; the document shown stays as
 * it is, where the officer was reading, unless it is gone. */
void
_desk_window_library_changed (DeskWindow *self)
{
  DeskDocument *current = desk_document_view_get_document (self->document_reader);
  g_autofree char *uid = current ? g_strdup (desk_document_get_uid (current)) : NULL;
  guint n;

  if (!reread_documents (self, uid, TRUE))
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "library" : "welcome");
  gtk_widget_set_visible (GTK_WIDGET (self->view_switcher), n > 0);
  desk_facts_view_reload (self->facts_view);
  desk_entities_view_reload (self->entities_view);
  desk_axes_view_reload (self->axes_view);
  _desk_window_update_review_actions (self);
  show_document (self, selected_document (self), FALSE);
}

/* A click on a column header: the order is SQL's, the open document stays
 * selected where it now is. */
static void
on_document_sort_changed_cb (DeskWindow *self)
{
  gboolean descending;
  int key;
  DeskDocument *current;
  g_autofree char *uid = NULL;

  /* the view's columns leave its sorter while it is disposed */
  if (self->documents == NULL || self->document_view == NULL)
    return;
  key = desk_format_get_sort_key (self->document_view, &descending);
  if (key < 0)
    key = DESK_DOCUMENT_SORT_TITLE;
  if (!desk_document_list_set_sort (self->documents, key, descending))
    return;
  current = selected_document (self);
  uid = current ? g_strdup (desk_document_get_uid (current)) : NULL;
  if (reread_documents (self, uid, FALSE))
    open_document (self, selected_document (self));
}

static void
on_selection_changed_cb (DeskWindow *self)
{
  if (self->resorting)
    return;
  open_document (self, selected_document (self));
}

/* PDF briefs */

static void
on_brief_exported_cb (DeskExportDialog *dialog,
                      const char       *path,
                      guint             n_pages,
                      DeskWindow       *self)
{
  g_autofree char *base = g_path_get_basename (path);
  /* TRANSLATORS: after a PDF export: file name, number of pages */
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Brief exported to “%s” (%u page)",
                                                           "Brief exported to “%s” (%u pages)", n_pages), base, n_pages);
  _desk_window_show_status (self, message, FALSE);
}

/* Opens the export dialog, with the Facts view's filters for the fact list */
DeskExportDialog *
desk_window_open_export (DeskWindow *self)
{
  DeskExportDialog *dialog;
  int kind, modality;
  gint64 document;

  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  dialog = desk_export_dialog_new (GTK_WINDOW (self), self->store);
  desk_facts_view_get_filter (self->facts_view, &kind, &modality, &document);
  desk_export_dialog_set_fact_filter (dialog, kind, modality, document);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_brief_exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_brief_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  DeskExportDialog *dialog = desk_window_open_export (self);

  if (g_str_equal (action_name, "win.export-axis"))
    desk_export_dialog_tick_axis (dialog, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (action_name, "win.export-section"))
    {
      gint64 document;
      int section;

      g_variant_get (parameter, "(xi)", &document, &section);
      desk_export_dialog_tick_section (dialog, document, section);
    }
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "facts") == 0)
    desk_export_dialog_tick_facts (dialog);
}

/* Search */

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchData *data = user_data;
  DeskWindow *self = data->window;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = desk_searcher_search_finish (self->searcher, result, &error);
  if (self->searcher == NULL)
    {
      search_data_free (data);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->serial != self->search_serial)
    {
      search_data_free (data);
      return;
    }

  g_clear_object (&self->search_cancellable);
  g_free (self->query);
  self->query = g_strdup (data->query);

  g_list_store_remove_all (self->results);
  if (hits != NULL)
    g_list_store_splice (self->results, 0, 0, hits->pdata, hits->len);

  if (hits != NULL && hits->len > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "results");
  else
    {
      g_autofree char *message = NULL;

      if (error != NULL && g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY))
        message = g_strdup (error->message);
      else if (error != NULL)
        message = g_strdup (error->message);
      else
        message = g_strdup_printf (_("No document matches “%s”"), data->query);
      gtk_label_set_text (self->no_results_label, message);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
    }
  search_data_free (data);
}

/* Runs @query off the main thread; a newer query makes older ones moot. */
void
desk_window_search (DeskWindow *self,
                    const char *query)
{
  SearchData *data;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (DESK_IS_WINDOW (self));

  /* the entry reports, a moment later, the text set here */
  if (g_strcmp0 (self->requested, query) == 0)
    return;
  g_free (self->requested);
  self->requested = g_strdup (query);

  self->search_serial++;
  if (self->search_cancellable != NULL)
    {
      g_cancellable_cancel (self->search_cancellable);
      g_clear_object (&self->search_cancellable);
    }

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
    }

  trimmed = g_strstrip (g_strdup (query ? query : ""));
  if (*trimmed == '\0')
    {
      g_clear_pointer (&self->query, g_free);
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
      desk_document_view_highlight (self->document_reader, NULL);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->window = g_object_ref (self);
  data->query = g_steal_pointer (&trimmed);
  data->serial = self->search_serial;

  self->search_cancellable = g_cancellable_new ();
  if (self->searcher == NULL)
    self->searcher = desk_searcher_new (desk_store_get_path (self->store));
  desk_searcher_search_async (self->searcher, data->query, SEARCH_LIMIT, self->search_cancellable,
                              search_done_cb, data);
}

/* Template callbacks */

static void
on_document_reader_fact_activated_cb (DeskWindow *self,
                                      const char *uid)
{
  gtk_stack_set_visible_child_name (self->view_stack, "facts");
  desk_facts_view_select_uid (self->facts_view, uid);
}

static void
on_axes_view_open_fact_cb (DeskWindow *self,
                           const char *uid)
{
  on_document_reader_fact_activated_cb (self, uid);
}

static void
on_facts_view_open_fact_cb (DeskWindow   *self,
                            DeskFactItem *item)
{
  const DeskFact *fact = desk_fact_item_get_fact (item);
  guint position = _desk_window_find_document (self, desk_fact_item_get_document_id (item), NULL);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_stack_set_visible_child_name (self->view_stack, "documents");
  select_document (self, position);
  desk_document_view_show_passage (self->document_reader, fact->start, fact->end);
}

/* A mention or a document of the entities view: the document opens at
 * the passage, or at its beginning for @start -1 */
static void
on_entities_view_open_passage_cb (DeskWindow *self,
                                  gint64      document_id,
                                  gint64      start,
                                  gint64      end)
{
  guint position = _desk_window_find_document (self, document_id, NULL);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_stack_set_visible_child_name (self->view_stack, "documents");
  select_document (self, position);
  if (start >= 0)
    desk_document_view_show_passage (self->document_reader, start, end);
}

/* A name clicked in the reading view opens its entity */
static void
on_document_reader_entity_activated_cb (DeskWindow *self,
                                        const char *uid)
{
  gtk_stack_set_visible_child_name (self->view_stack, "entities");
  desk_entities_view_select_uid (self->entities_view, uid);
}

static void
on_entities_view_review_changed_cb (DeskWindow *self)
{
  desk_facts_view_refresh_review (self->facts_view);
  desk_axes_view_reload (self->axes_view);
  _desk_window_update_review_actions (self);
  /* the highlights of the document shown name entities */
  _desk_window_refresh_mentions (self);
}

static void
on_facts_view_review_changed_cb (DeskWindow *self)
{
  desk_axes_view_reload (self->axes_view);
  _desk_window_update_review_actions (self);
}

static void
on_search_entry_search_changed_cb (DeskWindow *self)
{
  desk_window_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_activate_cb (DeskWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    desk_window_activate_result (self, 0);
}

static void
on_search_entry_stop_search_cb (DeskWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_document_view_activate_cb (DeskWindow *self,
                              guint       position)
{
  desk_document_view_focus_text (self->document_reader);
}

static void
on_results_view_activate_cb (DeskWindow *self,
                             guint       position)
{
  desk_window_activate_result (self, position);
}

static void
on_details_button_clicked_cb (DeskWindow *self)
{
  g_autofree char *details = NULL;

  g_ptr_array_add (self->failures, NULL);
  details = g_strjoinv ("\n", (char **) self->failures->pdata);
  g_ptr_array_remove_index (self->failures, self->failures->len - 1);

  desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_WARNING, _("Some files could not be imported"), details);
}

static void
on_dismiss_button_clicked_cb (DeskWindow *self)
{
  gtk_revealer_set_reveal_child (self->status_revealer, FALSE);
}

static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  desk_format_label_tooltip (label);
  gtk_list_item_set_child (item, label);
}

static void
on_title_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  DeskDocument *doc = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), desk_document_get_title (doc));
}

static void
on_language_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  DeskDocument *doc = gtk_list_item_get_item (item);
  g_autofree char *text = desk_format_languages (desk_document_get_languages (doc));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_date_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  DeskDocument *doc = gtk_list_item_get_item (item);
  g_autofree char *text = desk_format_date (desk_document_get_published (doc));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_size_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  DeskDocument *doc = gtk_list_item_get_item (item);
  g_autofree char *text = desk_format_size (desk_document_get_size (doc));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_result_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "search-snippet");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (item, box);
}

static void
on_result_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  DeskSearchHit *hit = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *snippet = gtk_widget_get_next_sibling (title);
  g_autofree char *markup = desk_search_hit_dup_snippet_markup (hit);

  gtk_label_set_text (GTK_LABEL (title), desk_search_hit_get_title (hit));
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Alt+1…4: the views in the order of the switcher */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->view_switcher)))
    gtk_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (g_str_equal (action_name, "win.focus-documents"))
    gtk_widget_grab_focus (g_str_equal (gtk_stack_get_visible_child_name (self->sidebar_stack), "results")
                           ? GTK_WIDGET (self->results_view) : GTK_WIDGET (self->document_view));
  else if (g_str_equal (action_name, "win.focus-outline"))
    desk_document_view_focus_outline (self->document_reader);
  else
    desk_document_view_focus_text (self->document_reader);
}

/* Overrides */

static gboolean
desk_window_close_request (GtkWindow *window)
{
  DeskWindow *self = DESK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* review changes waiting for the library are saved first, unless the
   * officer closes it again */
  if (self->writer != NULL && desk_library_writer_is_waiting (self->writer) && !self->close_when_written)
    {
      self->close_when_written = TRUE;
      _desk_window_show_status (self, _("Saving your review changes before the window closes: "
                                        "the library is in use by another program…"), FALSE);
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->status_timeout, g_source_remove);
  g_clear_handle_id (&self->follow_source, g_source_remove);
  if (self->writer != NULL)
    {
      desk_library_writer_cancel (self->writer);
      g_signal_handlers_disconnect_by_data (self->writer, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->documents);
  g_clear_object (&self->results);
  g_clear_object (&self->store);
  g_clear_object (&self->writer);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->searcher);
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->requested, g_free);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_window_dispose;
  window_class->close_request = desk_window_close_request;

  g_type_ensure (DESK_TYPE_DOCUMENT);
  g_type_ensure (DESK_TYPE_DOCUMENT_VIEW);
  g_type_ensure (DESK_TYPE_FACTS_VIEW);
  g_type_ensure (DESK_TYPE_AXES_VIEW);
  g_type_ensure (DESK_TYPE_ENTITIES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, title_column);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, language_column);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, date_column);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, size_column);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, no_results_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, document_reader);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, facts_view);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, axes_view);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, entities_view);
  gtk_widget_class_bind_template_callback (widget_class, on_axes_view_open_fact_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facts_view_open_fact_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facts_view_review_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entities_view_open_passage_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entities_view_review_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_reader_fact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_reader_entity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, _desk_window_document_metadata_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_size_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_bind_cb);

  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, _desk_window_import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, _desk_window_import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-samples", NULL, _desk_window_open_samples_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, _desk_window_cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.focus-documents", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "win.focus-outline", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "win.focus-text", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "win.start-review", NULL, _desk_window_start_review_action);
  gtk_widget_class_install_action (widget_class, "win.end-review", NULL, _desk_window_end_review_action);
  gtk_widget_class_install_action (widget_class, "win.review-sessions", NULL, _desk_window_review_sessions_action);
  gtk_widget_class_install_action (widget_class, "win.export-review", NULL, _desk_window_export_review_action);
  gtk_widget_class_install_action (widget_class, "win.import-review", NULL, _desk_window_import_review_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, _desk_window_undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.export-brief", NULL, export_brief_action);
  gtk_widget_class_install_action (widget_class, "win.export-axis", "s", export_brief_action);
  gtk_widget_class_install_action (widget_class, "win.export-section", "(xi)", export_brief_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, _desk_window_undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.back-up-library", NULL, _desk_window_back_up_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-files", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.cancel-import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.focus-documents", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.focus-outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.focus-text", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-brief", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "documents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "facts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "entities");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "axes");
}

static void
desk_window_init (DeskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->stemmer = desk_stemmer_new ();
  self->failures = g_ptr_array_new_with_free_func (g_free);

  /* the store comes with desk_window_new (), and the list with it */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->document_view, GTK_SELECTION_MODEL (self->selection));
  desk_format_set_sort_key (self->title_column, DESK_DOCUMENT_SORT_TITLE);
  desk_format_set_sort_key (self->language_column, DESK_DOCUMENT_SORT_LANGUAGE);
  desk_format_set_sort_key (self->date_column, DESK_DOCUMENT_SORT_DATE);
  desk_format_set_sort_key (self->size_column, DESK_DOCUMENT_SORT_SIZE);
  gtk_column_view_sort_by_column (self->document_view, self->title_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->document_view), "changed",
                           G_CALLBACK (on_document_sort_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->results = g_list_store_new (DESK_TYPE_SEARCH_HIT);
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  _desk_window_init_import (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->document_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Documents"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search results"), -1);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  _desk_window_update_import_actions (self);
}

/* Public API */

DeskWindow *
desk_window_new (GtkApplication *application,
                 DeskStore      *store)
{
  DeskWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->documents = desk_document_list_new (store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->documents));
  desk_facts_view_set_store (self->facts_view, store);
  _desk_window_init_review (self);
  _desk_window_update_review_actions (self);
  desk_axes_view_set_store (self->axes_view, store);
  desk_entities_view_set_store (self->entities_view, store);
  _desk_window_reload_documents (self);
  if (desk_store_is_disk_full (store))
    _desk_window_show_status (self, _("The disk holding this library is full: it can be read, searched and exported, not changed"), FALSE);
  else if (desk_store_is_read_only (store))
    _desk_window_show_status (self, _("This library is read-only: it can be read, searched and exported, not changed"), FALSE);
  else
    _desk_window_refresh_library (self);
  _desk_window_follow_library (self);
  return self;
}

/* What tests call (desk-window-private.h) */

gboolean
desk_window_is_searching (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);
  return self->search_cancellable != NULL;
}

/* Whether review changes wait for the library, which another program
 * is writing */
gboolean
desk_window_is_waiting_for_library (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);
  return self->writer != NULL && desk_library_writer_is_waiting (self->writer);
}

/* "welcome" or "library" */
const char *
desk_window_get_page (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

GListModel *
desk_window_get_documents (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->documents);
}

void
desk_window_select_document (DeskWindow *self,
                             guint       position)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  select_document (self, position);
}

DeskDocumentView *
desk_window_get_document_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->document_reader;
}

GListModel *
desk_window_get_results (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->results);
}

/* Opens the document of a search result at its first match, with every
 * match of the query highlighted. */
void
desk_window_activate_result (DeskWindow *self,
                             guint       position)
{
  g_autoptr(DeskSearchHit) hit = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autofree char *text = NULL;
  guint doc_position;

  g_return_if_fail (DESK_IS_WINDOW (self));

  hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (hit == NULL || self->query == NULL)
    return;

  doc_position = _desk_window_find_document (self, desk_search_hit_get_document_id (hit), NULL);
  if (doc_position == GTK_INVALID_LIST_POSITION)
    return;
  select_document (self, doc_position);

  text = desk_document_view_dup_text (self->document_reader);
  ranges = desk_stemmer_find_matches (self->stemmer, text, self->query);
  desk_document_view_highlight (self->document_reader, ranges);
}

const char *
desk_window_get_status (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

DeskFactsView *
desk_window_get_facts_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->facts_view;
}

/* "documents" or "facts" */
void
desk_window_show_view (DeskWindow *self,
                       const char *name)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->view_stack, name);
}

DeskAxesView *
desk_window_get_axes_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->axes_view;
}

DeskEntitiesView *
desk_window_get_entities_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->entities_view;
}

