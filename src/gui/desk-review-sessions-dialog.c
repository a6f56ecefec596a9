/* desk-review-sessions-dialog.c: the review sessions of the library, each
 * with its changes, and their review files
 *
 * A row per session, the open one, past ones and those merged from a
 * colleague's file; a session with changes has a button that writes them
 * to a review file. */
#define G_LOG_DOMAIN "desk-review-sessions-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-review.h"
#include "desk-review-export.h"
#include "desk-review-sessions-dialog.h"

struct _DeskReviewSessionsDialog
{
  GtkWindow parent_instance;

  GtkListBox *session_list;

  DeskStore *store;
};

G_DEFINE_FINAL_TYPE (DeskReviewSessionsDialog, desk_review_sessions_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%x %H:%M") : g_strdup (iso ? iso : "");
}

/* Callbacks */

static void
on_export_session_clicked_cb (GtkButton                *button,
                              DeskReviewSessionsDialog *self)
{
  g_autofree char *file_name = g_strdup_printf ("%s.json", (char *) g_object_get_data (G_OBJECT (button), "session-name"));

  desk_review_export_with_chooser (GTK_WINDOW (self), self->store,
                                   GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "session-id")),
                                   file_name, NULL, NULL);
}

static GtkWidget *
session_row (DeskReviewSessionsDialog *self,
             DeskReviewSession        *s)
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
      g_signal_connect (button, "clicked", G_CALLBACK (on_export_session_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), button);
    }
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  return row;
}

/* A row per session of the library, or why there is none */
static void
list_sessions (DeskReviewSessionsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = desk_review_list_sessions (self->store, &error);

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    gtk_list_box_append (self->session_list, session_row (self, g_ptr_array_index (sessions, i)));
  if (sessions == NULL || sessions->len == 0)
    {
      GtkWidget *none = gtk_label_new (sessions == NULL ? error->message
                                                        : _("No review sessions yet: approving, rejecting or annotating a fact starts one."));
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_set_placeholder (self->session_list, none);
    }
}

/* Overrides */

static void
desk_review_sessions_dialog_dispose (GObject *object)
{
  DeskReviewSessionsDialog *self = DESK_REVIEW_SESSIONS_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_REVIEW_SESSIONS_DIALOG);

  G_OBJECT_CLASS (desk_review_sessions_dialog_parent_class)->dispose (object);
}

static void
desk_review_sessions_dialog_constructed (GObject *object)
{
  DeskReviewSessionsDialog *self = DESK_REVIEW_SESSIONS_DIALOG (object);

  G_OBJECT_CLASS (desk_review_sessions_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);
  list_sessions (self);
}

static void
desk_review_sessions_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  DeskReviewSessionsDialog *self = DESK_REVIEW_SESSIONS_DIALOG (object);

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
desk_review_sessions_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  DeskReviewSessionsDialog *self = DESK_REVIEW_SESSIONS_DIALOG (object);

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
desk_review_sessions_dialog_class_init (DeskReviewSessionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_review_sessions_dialog_dispose;
  object_class->constructed = desk_review_sessions_dialog_constructed;
  object_class->get_property = desk_review_sessions_dialog_get_property;
  object_class->set_property = desk_review_sessions_dialog_set_property;

  /* The library whose sessions are listed. */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-review-sessions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReviewSessionsDialog, session_list);
}

static void
desk_review_sessions_dialog_init (DeskReviewSessionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DeskReviewSessionsDialog *
desk_review_sessions_dialog_new (GtkWindow *parent,
                                 DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_REVIEW_SESSIONS_DIALOG, "transient-for", parent, "store", store, NULL);
}
