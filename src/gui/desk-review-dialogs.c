/* desk-review-dialogs.c: starting a review session, the sessions list, and
 * the decisions on another officer's conflicting changes */
#define G_LOG_DOMAIN "desk-review-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-review-dialogs.h"

static GtkWindow *
new_dialog (GtkWindow  *parent,
            const char *title,
            int         width,
            int         height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_title (window, title);
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_titlebar (window, gtk_header_bar_new ());
  return window;
}

static GtkWidget *
header_button (GtkWindow  *window,
               const char *label,
               gboolean    end,
               const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkHeaderBar *bar = GTK_HEADER_BAR (gtk_window_get_titlebar (window));

  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  if (end)
    gtk_header_bar_pack_end (bar, button);
  else
    gtk_header_bar_pack_start (bar, button);
  gtk_header_bar_set_show_title_buttons (bar, FALSE);
  return button;
}

/* Starting a session */

typedef struct
{
  GtkWindow *window;
  DeskStore *store;
  GtkEntry *name;
  GtkEntry *reviewer;
  GtkWidget *start;
  DeskReviewDoneFunc done;
  gpointer user_data;
} StartDialog;

static void
start_dialog_free (gpointer data)
{
  StartDialog *d = data;

  g_object_unref (d->store);
  g_free (d);
}

static gboolean
entry_filled (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0';
}

static void
on_start_entries_changed_cb (StartDialog *d)
{
  gtk_widget_set_sensitive (d->start, entry_filled (d->name) && entry_filled (d->reviewer));
}

static void
on_start_clicked_cb (StartDialog *d)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name))));
  g_autofree char *reviewer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->reviewer))));
  g_autoptr(DeskReviewSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (*name == '\0' || *reviewer == '\0')
    return;
  session = desk_review_start (d->store, name, reviewer, &error);
  if (session == NULL)
    {
      desk_format_show_message (GTK_WIDGET (d->window), GTK_MESSAGE_ERROR, _("The review session could not be started"), error->message);
      return;
    }
  if (d->done != NULL)
    d->done (d->user_data);
  gtk_window_destroy (d->window);
}

static GtkWidget *
labelled_entry (GtkGrid    *grid,
                int         row,
                const char *label,
                GtkEntry  **entry)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);

  *entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (*entry), TRUE);
  gtk_entry_set_activates_default (*entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), GTK_WIDGET (*entry));
  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (*entry), 1, row, 1, 1);
  return caption;
}

/* Asks for the session's name and the reviewer (the last one, remembered
 * in the library, is offered). */
GtkWindow *
desk_review_start_dialog_new (GtkWindow          *parent,
                              DeskStore          *store,
                              DeskReviewDoneFunc  done,
                              gpointer            user_data)
{
  StartDialog *d = g_new0 (StartDialog, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *cancel;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  /* TRANSLATORS: the name offered for a new review session; %s is the date */
  g_autofree char *name = g_strdup_printf (_("Review of %s"), date);
  g_autofree char *reviewer = desk_review_default_reviewer (store);

  d->window = new_dialog (parent, _("Start a Review Session"), 420, -1);
  d->store = g_object_ref (store);
  d->done = done;
  d->user_data = user_data;
  g_object_set_data_full (G_OBJECT (d->window), "desk-start-dialog", d, start_dialog_free);

  cancel = header_button (d->window, _("_Cancel"), FALSE, NULL);
  d->start = header_button (d->window, _("_Start"), TRUE, "suggested-action");
  gtk_window_set_default_widget (d->window, d->start);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->window);
  g_signal_connect_swapped (d->start, "clicked", G_CALLBACK (on_start_clicked_cb), d);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 18);
  labelled_entry (GTK_GRID (grid), 0, _("_Name"), &d->name);
  labelled_entry (GTK_GRID (grid), 1, _("_Reviewer"), &d->reviewer);
  gtk_editable_set_text (GTK_EDITABLE (d->name), name);
  gtk_editable_set_text (GTK_EDITABLE (d->reviewer), reviewer);
  g_signal_connect_swapped (d->name, "changed", G_CALLBACK (on_start_entries_changed_cb), d);
  g_signal_connect_swapped (d->reviewer, "changed", G_CALLBACK (on_start_entries_changed_cb), d);
  {
    GtkWidget *hint = gtk_label_new (_("Every change you make is logged in this session, and can be exported for your colleagues."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_grid_attach (GTK_GRID (grid), hint, 0, 2, 2, 1);
  }
  gtk_window_set_child (d->window, grid);
  on_start_entries_changed_cb (d);
  return d->window;
}

/* The sessions list */

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%x %H:%M") : g_strdup (iso ? iso : "");
}

typedef struct
{
  GtkWindow *parent;
  DeskStore *store;
  gint64 session_id;
  DeskReviewExportedFunc done;
  gpointer user_data;
} ExportRequest;

static void
export_request_free (ExportRequest *r)
{
  g_object_unref (r->store);
  g_free (r);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               ExportRequest   *r)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !desk_review_export (r->store, r->session_id, path, &error))
        desk_format_show_message (GTK_WIDGET (r->parent), GTK_MESSAGE_ERROR, _("The review could not be exported"), error->message);
      else if (path != NULL && r->done != NULL)
        r->done (path, r->user_data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_request_free (r);
}

/* Asks where to write a session's review file (@session_id 0: the open
 * or latest one), offering @file_name, and writes it; @done hears of it. */
void
desk_review_export_with_chooser (GtkWindow              *parent,
                                 DeskStore              *store,
                                 gint64                  session_id,
                                 const char             *file_name,
                                 DeskReviewExportedFunc  done,
                                 gpointer                user_data)
{
  ExportRequest *r = g_new0 (ExportRequest, 1);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  r->parent = parent;
  r->store = g_object_ref (store);
  r->session_id = session_id;
  r->done = done;
  r->user_data = user_data;
  chooser = gtk_file_chooser_native_new (_("Export Review"), parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Review files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), r);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_session_clicked_cb (GtkButton *button,
                              GtkWindow *window)
{
  g_autofree char *file_name = g_strdup_printf ("%s.json", (char *) g_object_get_data (G_OBJECT (button), "session-name"));

  desk_review_export_with_chooser (window, g_object_get_data (G_OBJECT (window), "desk-store"),
                                   GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "session-id")),
                                   file_name, NULL, NULL);
}

static GtkWidget *
session_row (GtkWindow         *window,
             DeskReviewSession *s)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (s->name);
  GtkWidget *details;
  g_autofree char *started = local_time (s->started);
  g_autofree char *ended = local_time (s->ended);
  g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", s->n_events),
                                              s->n_events);
  g_autofree char *text = NULL;

  if (s->origin != NULL)
    /* TRANSLATORS: a session merged from a colleague's file: reviewer, start, changes */
    text = g_strdup_printf (_("%s · %s · %s · merged from a review file"), s->reviewer, started, changes);
  else if (s->ended != NULL)
    /* TRANSLATORS: a past session: reviewer, start – end, changes */
    text = g_strdup_printf (_("%s · %s – %s · %s"), s->reviewer, started, ended, changes);
  else
    /* TRANSLATORS: the open session: reviewer, start, changes */
    text = g_strdup_printf (_("%s · since %s · %s · open"), s->reviewer, started, changes);
  details = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (row), box);
  if (s->n_events > 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Export…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* TRANSLATORS: tooltip of a session's export button; %s is its name */
      {
        g_autofree char *tip = g_strdup_printf (_("Write the changes of “%s” to a review file"), s->name);
        gtk_widget_set_tooltip_text (button, tip);
      }
      g_object_set_data (G_OBJECT (button), "session-id", GSIZE_TO_POINTER ((gsize) s->id));
      g_object_set_data_full (G_OBJECT (button), "session-name", g_strdup (s->name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_export_session_clicked_cb), window);
      gtk_box_append (GTK_BOX (row), button);
    }
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  return row;
}

GtkWindow *
desk_review_sessions_window_new (GtkWindow *parent,
                                 DeskStore *store)
{
  GtkWindow *window = new_dialog (parent, _("Review Sessions"), 520, 420);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = desk_review_list_sessions (store, &error);

  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (gtk_window_get_titlebar (window)), TRUE);
  g_object_set_data_full (G_OBJECT (window), "desk-store", g_object_ref (store), g_object_unref);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review Sessions"), -1);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), session_row (window, g_ptr_array_index (sessions, i)));
  if (sessions == NULL || sessions->len == 0)
    {
      GtkWidget *none = gtk_label_new (sessions == NULL ? error->message
                                                        : _("No review sessions yet: approving, rejecting or annotating a fact starts one."));
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), none);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_window_set_child (window, scrolled);
  return window;
}

/* Conflicts */

typedef struct
{
  GtkWindow *window;
  DeskStore *store;
  GPtrArray *conflicts;   /* DeskReviewConflict */
  GPtrArray *theirs;      /* GtkCheckButton per conflict: take the file's value */
  GPtrArray *mine;
  DeskReviewDoneFunc done;
  gpointer user_data;
} ConflictsDialog;

static void
conflicts_dialog_free (gpointer data)
{
  ConflictsDialog *d = data;

  g_object_unref (d->store);
  g_ptr_array_unref (d->conflicts);
  g_ptr_array_unref (d->theirs);
  g_ptr_array_unref (d->mine);
  g_free (d);
}

void
desk_review_conflicts_dialog_choose_all (GtkWindow *dialog,
                                         gboolean   theirs)
{
  ConflictsDialog *d = g_object_get_data (G_OBJECT (dialog), "desk-conflicts-dialog");

  g_return_if_fail (d != NULL);
  for (guint i = 0; i < d->conflicts->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (theirs ? d->theirs : d->mine, i), TRUE);
}

/* Settles every conflict as chosen, and closes the dialog. */
gboolean
desk_review_conflicts_dialog_apply (GtkWindow *dialog)
{
  ConflictsDialog *d = g_object_get_data (G_OBJECT (dialog), "desk-conflicts-dialog");
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (d != NULL, FALSE);
  for (guint i = 0; i < d->conflicts->len; i++)
    if (!desk_review_resolve (d->store, g_ptr_array_index (d->conflicts, i),
                              gtk_check_button_get_active (g_ptr_array_index (d->theirs, i)), &error))
      {
        desk_format_show_message (GTK_WIDGET (d->window), GTK_MESSAGE_ERROR, _("The conflicts could not be settled"), error->message);
        return FALSE;
      }
  if (d->done != NULL)
    d->done (d->user_data);
  gtk_window_destroy (d->window);
  return TRUE;
}

static void
on_keep_mine_clicked_cb (ConflictsDialog *d)
{
  desk_review_conflicts_dialog_choose_all (d->window, FALSE);
}

static void
on_take_theirs_clicked_cb (ConflictsDialog *d)
{
  desk_review_conflicts_dialog_choose_all (d->window, TRUE);
}

static void
on_apply_clicked_cb (ConflictsDialog *d)
{
  desk_review_conflicts_dialog_apply (d->window);
}

static GtkWidget *
conflict_row (ConflictsDialog    *d,
              DeskReviewConflict *c,
              const char         *reviewer)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autoptr(DeskFactRow) row = desk_store_get_fact (d->store, c->target, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *mine_value = desk_review_describe_value (c->field, c->mine);
  g_autofree char *theirs_value = desk_review_describe_value (c->field, c->theirs);
  g_autofree char *mine_text = NULL;
  g_autofree char *theirs_text = NULL;
  GtkWidget *title, *source, *mine, *theirs;

  /* TRANSLATORS: a conflict: the field changed, and the fact's text */
  heading = g_strdup_printf (_("%s of “%s”"), desk_review_field_name (c->field), row ? row->fact.text : c->target);
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  if (row != NULL)
    {
      source = gtk_label_new (row->document_title);
      gtk_label_set_xalign (GTK_LABEL (source), 0);
      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (source, "dim-label");
      gtk_box_append (GTK_BOX (box), source);
    }

  /* TRANSLATORS: in the conflicts dialog, the value in this library */
  mine_text = g_strdup_printf (_("Keep this library’s: %s"), mine_value);
  /* TRANSLATORS: in the conflicts dialog, the colleague's value; %s reviewer, %s value */
  theirs_text = g_strdup_printf (_("Take %s’s: %s"), reviewer, theirs_value);
  mine = gtk_check_button_new_with_label (mine_text);
  theirs = gtk_check_button_new_with_label (theirs_text);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (theirs), GTK_CHECK_BUTTON (mine));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mine), TRUE);
  gtk_box_append (GTK_BOX (box), mine);
  gtk_box_append (GTK_BOX (box), theirs);
  g_ptr_array_add (d->mine, mine);
  g_ptr_array_add (d->theirs, theirs);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  return box;
}

/* Lists the changes of a merged file that conflict with this library's,
 * each with both values; the officer keeps one side per conflict or all
 * of one side.  Closing without applying leaves them undecided. */
GtkWindow *
desk_review_conflicts_dialog_new (GtkWindow          *parent,
                                  DeskStore          *store,
                                  DeskReviewImport   *result,
                                  DeskReviewDoneFunc  done,
                                  gpointer            user_data)
{
  ConflictsDialog *d = g_new0 (ConflictsDialog, 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro, *buttons, *mine_all, *theirs_all, *scrolled, *list, *cancel, *apply;
  g_autofree char *text = NULL;

  d->window = new_dialog (parent, _("Conflicting Changes"), 620, 520);
  d->store = g_object_ref (store);
  d->conflicts = g_ptr_array_ref (result->conflicts);
  d->mine = g_ptr_array_new ();
  d->theirs = g_ptr_array_new ();
  d->done = done;
  d->user_data = user_data;
  g_object_set_data_full (G_OBJECT (d->window), "desk-conflicts-dialog", d, conflicts_dialog_free);

  cancel = header_button (d->window, _("_Decide Later"), FALSE, NULL);
  apply = header_button (d->window, _("_Apply"), TRUE, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->window);
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_apply_clicked_cb), d);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” by %s changed %u field that was changed differently here. Choose which value to keep.",
                                       "“%s” by %s changed %u fields that were changed differently here. Choose which values to keep.",
                                       result->conflicts->len),
                          result->session_name, result->reviewer, result->conflicts->len);
  intro = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (content), intro);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  mine_all = gtk_button_new_with_mnemonic (_("Keep All _Mine"));
  theirs_all = gtk_button_new_with_mnemonic (_("Take All _Theirs"));
  g_signal_connect_swapped (mine_all, "clicked", G_CALLBACK (on_keep_mine_clicked_cb), d);
  g_signal_connect_swapped (theirs_all, "clicked", G_CALLBACK (on_take_theirs_clicked_cb), d);
  gtk_box_append (GTK_BOX (buttons), mine_all);
  gtk_box_append (GTK_BOX (buttons), theirs_all);
  gtk_box_append (GTK_BOX (content), buttons);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conflicting Changes"), -1);
  for (guint i = 0; i < result->conflicts->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), conflict_row (d, g_ptr_array_index (result->conflicts, i), result->reviewer));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_window_set_child (d->window, content);
  return d->window;
}
