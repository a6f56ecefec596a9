/* desk-review-start-dialog.c: starting a review session, named, with its reviewer
 *
 * The dialog offers a name with today's date and the last reviewer the
 * library remembers; "started" tells that the session is open, and the
 * dialog closes. */
#define G_LOG_DOMAIN "desk-review-start-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-review.h"
#include "desk-review-start-dialog.h"

struct _DeskReviewStartDialog
{
  GtkWindow parent_instance;

  GtkButton *start_button;
  GtkEntry *name_entry;
  GtkEntry *reviewer_entry;

  DeskStore *store;
};

G_DEFINE_FINAL_TYPE (DeskReviewStartDialog, desk_review_start_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  STARTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static gboolean
entry_filled (GtkEntry *entry)
{
  g_autofree char *text = entry_text (entry);

  return *text != '\0';
}

/* Callbacks */

static void
on_entries_changed_cb (DeskReviewStartDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button),
                            entry_filled (self->name_entry) && entry_filled (self->reviewer_entry));
}

static void
on_cancel_clicked_cb (DeskReviewStartDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_start_clicked_cb (DeskReviewStartDialog *self)
{
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *reviewer = entry_text (self->reviewer_entry);
  g_autoptr(DeskReviewSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (*name == '\0' || *reviewer == '\0')
    return;
  session = desk_review_start (self->store, name, reviewer, &error);
  if (session == NULL)
    {
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The review session could not be started"), error->message);
      return;
    }
  g_signal_emit (self, signals[STARTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Overrides */

static void
desk_review_start_dialog_dispose (GObject *object)
{
  DeskReviewStartDialog *self = DESK_REVIEW_START_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_REVIEW_START_DIALOG);

  G_OBJECT_CLASS (desk_review_start_dialog_parent_class)->dispose (object);
}

static void
desk_review_start_dialog_constructed (GObject *object)
{
  DeskReviewStartDialog *self = DESK_REVIEW_START_DIALOG (object);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  /* TRANSLATORS: the name offered for a new review session; %s is the date */
  g_autofree char *name = g_strdup_printf (_("Review of %s"), date);
  g_autofree char *reviewer = NULL;

  G_OBJECT_CLASS (desk_review_start_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);
  reviewer = desk_review_default_reviewer (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_entry), reviewer);
  on_entries_changed_cb (self);
}

static void
desk_review_start_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DeskReviewStartDialog *self = DESK_REVIEW_START_DIALOG (object);

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
desk_review_start_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  DeskReviewStartDialog *self = DESK_REVIEW_START_DIALOG (object);

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
desk_review_start_dialog_class_init (DeskReviewStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_review_start_dialog_dispose;
  object_class->constructed = desk_review_start_dialog_constructed;
  object_class->get_property = desk_review_start_dialog_get_property;
  object_class->set_property = desk_review_start_dialog_set_property;

  /* The library the session is started in. */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the session was started, just before the dialog closes. */
  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-review-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReviewStartDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewStartDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewStartDialog, reviewer_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entries_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
}

static void
desk_review_start_dialog_init (DeskReviewStartDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/* Asks for the session's name and the reviewer (the last one, remembered
 * in the library, is offered). */
DeskReviewStartDialog *
desk_review_start_dialog_new (GtkWindow *parent,
                              DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_REVIEW_START_DIALOG, "transient-for", parent, "store", store, NULL);
}
