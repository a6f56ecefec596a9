/* desk-review-bar.c: the Facts view's review bar: the review status shown,
 * the review session, and how far the officers have got */
#define G_LOG_DOMAIN "desk-review-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-review-bar-private.h"

struct _DeskReviewBar
{
  GtkWidget parent_instance;

  GtkActionBar *action_bar;
  GtkDropDown *status_dropdown;
  GtkLabel *session_label;
  GtkButton *session_button;
  GtkLabel *progress_label;
  GtkProgressBar *review_progress;

  gboolean session_open;
};

G_DEFINE_FINAL_TYPE (DeskReviewBar, desk_review_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The review statuses of the drop-down, in its order: all, then each */
static const char * const statuses[] = { NULL, "pending", "approved", "rejected" };

/* Callbacks */

static void
on_status_selected_cb (DeskReviewBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

static void
on_session_button_clicked_cb (DeskReviewBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), self->session_open ? "win.end-review" : "win.start-review", NULL);
}

/* Overrides */

static void
desk_review_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_REVIEW_BAR);

  G_OBJECT_CLASS (desk_review_bar_parent_class)->dispose (object);
}

static void
desk_review_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DeskReviewBar *self = DESK_REVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      g_value_set_string (value, desk_review_bar_get_status_filter (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_review_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DeskReviewBar *self = DESK_REVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      desk_review_bar_set_status_filter (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_review_bar_class_init (DeskReviewBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_review_bar_dispose;
  object_class->get_property = desk_review_bar_get_property;
  object_class->set_property = desk_review_bar_set_property;

  /* The review status of the facts to show ("pending", "approved" or
   * "rejected"), or NULL for all. */
  properties[PROP_STATUS_FILTER] = g_param_spec_string ("status-filter", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-review-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, session_label);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, session_button);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewBar, review_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_session_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewbar");
}

static void
desk_review_bar_init (DeskReviewBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

const char *
desk_review_bar_get_status_filter (DeskReviewBar *self)
{
  guint selected;

  g_return_val_if_fail (DESK_IS_REVIEW_BAR (self), NULL);

  selected = gtk_drop_down_get_selected (self->status_dropdown);
  return selected < G_N_ELEMENTS (statuses) ? statuses[selected] : NULL;
}

/* Shows the facts of a review status, NULL for all; an unknown status
 * changes nothing. */
void
desk_review_bar_set_status_filter (DeskReviewBar *self,
                                   const char    *status)
{
  g_return_if_fail (DESK_IS_REVIEW_BAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);
}

/* The review session open, or NULL for none: its button ends it or
 * starts one. */
void
desk_review_bar_set_session (DeskReviewBar           *self,
                             const DeskReviewSession *session)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DESK_IS_REVIEW_BAR (self));

  self->session_open = session != NULL;
  if (session != NULL)
    /* TRANSLATORS: the review bar: session name, reviewer */
    text = g_strdup_printf (_("Review session “%s” · %s"), session->name, session->reviewer);
  else
    text = g_strdup (_("No review session open: the first change starts one"));
  gtk_label_set_text (self->session_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->session_label), text);
  gtk_button_set_label (self->session_button, session != NULL ? _("_End Session") : _("_Start Session…"));
}

/* How many of the facts shown the officers have reviewed. */
void
desk_review_bar_set_progress (DeskReviewBar *self,
                              guint          reviewed,
                              guint          shown)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DESK_IS_REVIEW_BAR (self));

  /* TRANSLATORS: review progress: facts reviewed of facts shown */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed", "%u of %u reviewed", shown), reviewed, shown);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->review_progress, shown > 0 ? (double) reviewed / shown : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_progress), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* The progress as shown: "12 of 340 reviewed". */
const char *
desk_review_bar_get_progress (DeskReviewBar *self)
{
  g_return_val_if_fail (DESK_IS_REVIEW_BAR (self), NULL);
  return gtk_label_get_text (self->progress_label);
}
