/* desk-review-conflicts-dialog.c: the changes of a merged review file that
 * conflict with this library's, and which side to keep
 *
 * Each conflict shows both values; the officer keeps one side per
 * conflict or all of one side, and "resolved" tells that the library has
 * them.  Closing without applying leaves them undecided. */
#define G_LOG_DOMAIN "desk-review-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-format.h"
#include "desk-review-conflicts-dialog-private.h"

struct _DeskReviewConflictsDialog
{
  GtkWindow parent_instance;

  GtkLabel *intro_label;
  GtkListBox *conflict_list;

  DeskStore *store;
  GPtrArray *conflicts;   /* DeskReviewConflict */
  GPtrArray *theirs;      /* GtkCheckButton per conflict: take the file's value */
  GPtrArray *mine;
};

G_DEFINE_FINAL_TYPE (DeskReviewConflictsDialog, desk_review_conflicts_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static GtkWidget *
conflict_row (DeskReviewConflictsDialog *self,
              DeskReviewConflict        *c,
              const char                *reviewer)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autoptr(DeskFactRow) row = desk_store_get_fact (self->store, c->target, NULL);
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
  g_ptr_array_add (self->mine, mine);
  g_ptr_array_add (self->theirs, theirs);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  return box;
}

/* Says who changed how many fields, and lists each conflict */
static void
show_import (DeskReviewConflictsDialog *self,
             DeskReviewImport          *result)
{
  g_autofree char *text = NULL;

  self->conflicts = g_ptr_array_ref (result->conflicts);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” by %s changed %u field that was changed differently here. Choose which value to keep.",
                                       "“%s” by %s changed %u fields that were changed differently here. Choose which values to keep.",
                                       result->conflicts->len),
                          result->session_name, result->reviewer, result->conflicts->len);
  gtk_label_set_text (self->intro_label, text);
  for (guint i = 0; i < result->conflicts->len; i++)
    gtk_list_box_append (self->conflict_list, conflict_row (self, g_ptr_array_index (result->conflicts, i), result->reviewer));
}

/* Callbacks */

static void
on_decide_later_clicked_cb (DeskReviewConflictsDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_apply_clicked_cb (DeskReviewConflictsDialog *self)
{
  desk_review_conflicts_dialog_apply (self);
}

static void
on_keep_mine_clicked_cb (DeskReviewConflictsDialog *self)
{
  desk_review_conflicts_dialog_choose_all (self, FALSE);
}

static void
on_take_theirs_clicked_cb (DeskReviewConflictsDialog *self)
{
  desk_review_conflicts_dialog_choose_all (self, TRUE);
}

/* Overrides */

static void
desk_review_conflicts_dialog_dispose (GObject *object)
{
  DeskReviewConflictsDialog *self = DESK_REVIEW_CONFLICTS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->theirs, g_ptr_array_unref);
  g_clear_pointer (&self->mine, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_REVIEW_CONFLICTS_DIALOG);

  G_OBJECT_CLASS (desk_review_conflicts_dialog_parent_class)->dispose (object);
}

static void
desk_review_conflicts_dialog_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  DeskReviewConflictsDialog *self = DESK_REVIEW_CONFLICTS_DIALOG (object);

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
desk_review_conflicts_dialog_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  DeskReviewConflictsDialog *self = DESK_REVIEW_CONFLICTS_DIALOG (object);

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
desk_review_conflicts_dialog_class_init (DeskReviewConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_review_conflicts_dialog_dispose;
  object_class->get_property = desk_review_conflicts_dialog_get_property;
  object_class->set_property = desk_review_conflicts_dialog_set_property;

  /* The library the review file was merged into. */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when every conflict was settled as chosen, just before the
   * dialog closes. */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-review-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReviewConflictsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DeskReviewConflictsDialog, conflict_list);
  gtk_widget_class_bind_template_callback (widget_class, on_decide_later_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_mine_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_take_theirs_clicked_cb);
}

static void
desk_review_conflicts_dialog_init (DeskReviewConflictsDialog *self)
{
  self->mine = g_ptr_array_new ();
  self->theirs = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/* Lists the conflicts of @result, a review file merged into @store. */
DeskReviewConflictsDialog *
desk_review_conflicts_dialog_new (GtkWindow        *parent,
                                  DeskStore        *store,
                                  DeskReviewImport *result)
{
  DeskReviewConflictsDialog *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (DESK_TYPE_REVIEW_CONFLICTS_DIALOG, "transient-for", parent, "store", store, NULL);
  show_import (self, result);
  return self;
}

/* Chooses the file's value (@theirs) or this library's for every conflict. */
void
desk_review_conflicts_dialog_choose_all (DeskReviewConflictsDialog *self,
                                         gboolean                   theirs)
{
  g_return_if_fail (DESK_IS_REVIEW_CONFLICTS_DIALOG (self));

  for (guint i = 0; i < self->conflicts->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (theirs ? self->theirs : self->mine, i), TRUE);
}

/* Settles every conflict as chosen, and closes the dialog. */
gboolean
desk_review_conflicts_dialog_apply (DeskReviewConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DESK_IS_REVIEW_CONFLICTS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->conflicts->len; i++)
    if (!desk_review_resolve (self->store, g_ptr_array_index (self->conflicts, i),
                              gtk_check_button_get_active (g_ptr_array_index (self->theirs, i)), &error))
      {
        desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The conflicts could not be settled"), error->message);
        return FALSE;
      }
  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
