/* desk-fact-card.c: the card of one fact in the Facts view: its value and
 * passage, conflicts, axes, review and history
 *
 * The card shows what the library holds of its fact and reports what the
 * officer asks of it (a status, a note or a correction, an axis, seeing it
 * in its document) by signals: the Facts view applies a change to every
 * selected fact, as one step, and fills the card again. */
#define G_LOG_DOMAIN "desk-fact-card"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-drop-down.h"
#include "desk-fact-card-private.h"
#include "desk-format.h"

/* Characters of context shown around a fact in its card. */
#define CONTEXT 220

struct _DeskFactCard
{
  GtkWidget parent_instance;

  GtkBox *box;
  GtkLabel *kind_label;
  GtkLabel *value_label;
  GtkLabel *source_label;
  GtkLabel *about_label;
  GtkLabel *original_label;
  GtkToggleButton *approve_button;
  GtkToggleButton *reject_button;
  GtkToggleButton *pending_button;
  GtkEntry *note_entry;
  GtkEntry *value_entry;
  GtkLabel *value_error_label;
  GtkEntry *text_entry;
  GtkLabel *passage_label;
  GtkLabel *conflicts_label;
  GtkBox *axes_box;
  GtkDropDown *add_axis_dropdown;
  GtkBox *history_box;

  DeskStore *store;
  DeskFactItem *item;
  DeskAxes *axes;            /* the Facts view's, which outlive the card */
  GPtrArray *axis_ids;       /* of the add-to-axis drop-down, proposed axes */
  gboolean filling;          /* the card is being filled, not edited */
  char *passage;             /* plain text of the passage */
  guint n_conflicts;
  guint n_axes;
};

G_DEFINE_FINAL_TYPE (DeskFactCard, desk_fact_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM,
  N_PROPS
};

enum {
  STATUS_CHOSEN,
  FIELD_EDITED,
  AXIS_TOGGLED,
  OPEN_FACT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

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
update_conflicts (DeskFactCard *self)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);

  if (self->store != NULL)
    others = desk_store_list_conflicts (self->store, desk_fact_item_get_uid (self->item), NULL);
  self->n_conflicts = others ? others->len : 0;
  if (others == NULL || others->len == 0)
    {
      gtk_label_set_text (self->conflicts_label, _("No other document disagrees with this fact."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->conflicts_label), "warning");
      return;
    }
  for (guint i = 0; i < others->len; i++)
    {
      const DeskFactRow *row = g_ptr_array_index (others, i);
      g_autofree char *written = desk_format_value (row->fact.kind, row->fact.value);
      g_autofree char *value = g_markup_escape_text (written, -1);
      g_autofree char *text = g_markup_escape_text (row->fact.text, -1);
      g_autofree char *title = g_markup_escape_text (row->document_title, -1);

      if (markup->len > 0)
        g_string_append (markup, "\n\n");
      /* TRANSLATORS: a conflicting fact: value, modality, document title, passage */
      g_string_append_printf (markup, _("<b>%s</b> (%s) in “%s”: %s"), value,
                              desk_format_modality (row->fact.modality), title, text);
    }
  gtk_label_set_markup (self->conflicts_label, markup->str);
  gtk_widget_add_css_class (GTK_WIDGET (self->conflicts_label), "warning");
}

static void
on_remove_axis_clicked_cb (GtkButton    *button,
                           DeskFactCard *self)
{
  g_signal_emit (self, signals[AXIS_TOGGLED], 0, g_object_get_data (G_OBJECT (button), "axis-id"), FALSE);
}

/* The axes the fact stands under, each with a button to take it off. */
static void
update_axes (DeskFactCard *self)
{
  g_auto(GStrv) ids = NULL;
  GtkWidget *child;
  int lang = desk_format_ui_language ();

  self->n_axes = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->axes_box))) != NULL)
    gtk_box_remove (self->axes_box, child);
  if (self->store == NULL || self->axes == NULL)
    return;
  ids = desk_store_list_fact_axes (self->store, desk_fact_item_get_uid (self->item), NULL);
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
      gtk_box_append (self->axes_box, row);
      self->n_axes++;
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->axes_box)) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Under no axis."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->axes_box, none);
    }
}

static const char *
field_name (DeskFactCard *self,
            const char   *field)
{
  if (g_str_has_prefix (field, "axis:") && self->axes != NULL)
    {
      DeskAxis *axis = desk_axes_lookup (self->axes, field + 5);
      if (axis != NULL)
        return axis->name[desk_format_ui_language ()];
    }
  return desk_review_field_name (field);
}

/* Who changed what of the fact, and when. */
static void
update_history (DeskFactCard *self)
{
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_box))) != NULL)
    gtk_box_remove (self->history_box, child);
  if (self->store != NULL)
    events = desk_review_history (self->store, desk_fact_item_get_uid (self->item), NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      DeskReviewEvent *e = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (e->time, NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%x %H:%M") : g_strdup (e->time);
      g_autofree char *old = desk_review_describe_value (e->field, e->old_value);
      g_autofree char *new = desk_review_describe_value (e->field, e->new_value);
      const char *state = desk_review_event_state_name (e->state);
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* TRANSLATORS: a line of a fact's history: date, reviewer, field, old value, new value */
      text = g_strdup_printf (_("%s · %s — %s: %s → %s"), when, e->reviewer, field_name (self, e->field), old, new);
      if (state != NULL)
        {
          /* TRANSLATORS: a line of a fact's history, then what became of the change */
          g_autofree char *line = g_strdup_printf (_("%s (%s)"), text, state);

          g_free (text);
          text = g_steal_pointer (&line);
        }
      label = gtk_label_new (text);
      if (state != NULL)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_tooltip_text (label, e->session_name);
      gtk_box_append (self->history_box, label);
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->history_box)) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Nobody has reviewed this fact yet."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->history_box, none);
    }
}

/* Says under the value's entry why the officer's correction is refused,
 * or nothing for NULL */
static void
show_value_error (DeskFactCard *self,
                  const char   *message)
{
  gtk_label_set_text (self->value_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->value_error_label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Fills the card with what the library holds of its fact */
static void
fill (DeskFactCard *self)
{
  DeskFactItem *item = self->item;
  const DeskFact *fact = desk_fact_item_get_fact (item);
  const char *status;
  g_autofree char *heading = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *value = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *corrected = NULL;
  g_autoptr(GError) error = NULL;

  self->filling = TRUE;
  /* TRANSLATORS: kind of fact · modality, in the fact card */
  heading = g_strdup_printf (_("%s · %s"), desk_format_fact_kind (fact->kind), desk_format_modality (fact->modality));
  gtk_label_set_text (self->kind_label, heading);
  value = desk_format_value (fact->kind, desk_fact_item_get_value (item));
  gtk_label_set_text (self->value_label, value);
  if (desk_fact_item_get_corrected_value (item) != NULL || desk_fact_item_get_corrected_text (item) != NULL)
    {
      g_autofree char *extracted = desk_format_value (fact->kind, fact->value);
      /* TRANSLATORS: under a corrected fact: what the extraction had found */
      g_autofree char *original = g_strdup_printf (_("Corrected; extracted as “%s” from “%s”"), extracted, fact->text);
      gtk_label_set_text (self->original_label, original);
      gtk_widget_set_visible (GTK_WIDGET (self->original_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->original_label), FALSE);
  if (desk_fact_item_get_section_title (item) != NULL)
    /* TRANSLATORS: document title — section title */
    source = g_strdup_printf (_("%s — %s"), desk_fact_item_get_document_title (item), desk_fact_item_get_section_title (item));
  else
    source = g_strdup (desk_fact_item_get_document_title (item));
  gtk_label_set_text (self->source_label, source);
  if (desk_fact_item_get_about (item) != NULL)
    {
      /* TRANSLATORS: in the fact card, the people, organizations and places its sentence names */
      g_autofree char *about = g_strdup_printf (_("About %s"), desk_fact_item_get_about (item));

      gtk_label_set_text (self->about_label, about);
      gtk_widget_set_visible (GTK_WIDGET (self->about_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->about_label), FALSE);

  status = desk_fact_item_get_status (item);
  gtk_toggle_button_set_active (self->approve_button, g_str_equal (status, "approved"));
  gtk_toggle_button_set_active (self->reject_button, g_str_equal (status, "rejected"));
  gtk_toggle_button_set_active (self->pending_button, g_str_equal (status, "pending"));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), desk_fact_item_get_note (item) ? desk_fact_item_get_note (item) : "");
  corrected = desk_fact_item_get_corrected_value (item) ? desk_format_value (fact->kind, desk_fact_item_get_corrected_value (item))
                                                        : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), corrected);
  show_value_error (self, NULL);
  placeholder = desk_format_value (fact->kind, fact->value);
  gtk_entry_set_placeholder_text (self->value_entry, placeholder);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry),
                         desk_fact_item_get_corrected_text (item) ? desk_fact_item_get_corrected_text (item) : "");
  gtk_entry_set_placeholder_text (self->text_entry, fact->text);

  if (self->store != NULL && (text = desk_store_get_text (self->store, desk_fact_item_get_document_id (item), &error)))
    markup = markup_passage (text, fact->start, fact->end, &self->passage);
  else
    markup = g_markup_escape_text (error ? error->message : fact->text, -1);
  gtk_label_set_markup (self->passage_label, markup);
  update_conflicts (self);
  update_axes (self);
  update_history (self);
  self->filling = FALSE;
}

/* Callbacks */

static void
on_status_button_clicked_cb (GtkToggleButton *button,
                             DeskFactCard    *self)
{
  if (self->filling || self->item == NULL || !gtk_toggle_button_get_active (button))
    return;
  g_signal_emit (self, signals[STATUS_CHOSEN], 0,
                 button == self->approve_button ? "approved" : button == self->reject_button ? "rejected" : "pending");
}

/* Enter in the note or a correction keeps it; empty clears it.  A
 * figure's value is read back first: one that is not a number with its
 * currency or unit stays in the entry, and the card says why. */
static void
on_review_entry_activate_cb (GtkEntry     *entry,
                             DeskFactCard *self)
{
  const char *field = entry == self->note_entry ? "note" : entry == self->value_entry ? "value" : "text";
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->item == NULL)
    return;
  if (entry == self->value_entry && *text != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = desk_review_read_value (desk_fact_item_get_fact (self->item)->kind, text, &error);

      show_value_error (self, error ? error->message : NULL);
      if (value == NULL)
        return;
    }
  else if (entry == self->value_entry)
    show_value_error (self, NULL);
  g_signal_emit (self, signals[FIELD_EDITED], 0, field, *text != '\0' ? text : NULL);
}

static void
on_add_axis_clicked_cb (DeskFactCard *self)
{
  guint selected = gtk_drop_down_get_selected (self->add_axis_dropdown);

  if (self->axis_ids != NULL && selected < self->axis_ids->len)
    g_signal_emit (self, signals[AXIS_TOGGLED], 0, g_ptr_array_index (self->axis_ids, selected), TRUE);
}

static void
on_open_button_clicked_cb (DeskFactCard *self)
{
  if (self->item != NULL)
    g_signal_emit (self, signals[OPEN_FACT], 0, self->item);
}

/* Overrides */

static void
desk_fact_card_dispose (GObject *object)
{
  DeskFactCard *self = DESK_FACT_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_FACT_CARD);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_pointer (&self->axis_ids, g_ptr_array_unref);
  g_clear_pointer (&self->passage, g_free);
  self->axes = NULL;

  G_OBJECT_CLASS (desk_fact_card_parent_class)->dispose (object);
}

static void
desk_fact_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DeskFactCard *self = DESK_FACT_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fact_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DeskFactCard *self = DESK_FACT_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_fact_card_set_store (self, g_value_get_object (value));
      break;
    case PROP_ITEM:
      desk_fact_card_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_fact_card_class_init (DeskFactCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_fact_card_dispose;
  object_class->get_property = desk_fact_card_get_property;
  object_class->set_property = desk_fact_card_set_property;

  /* The library the card reads its fact's passage, conflicts, axes and history from. */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The fact shown; setting it fills the card again, even with the same fact. */
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, DESK_TYPE_FACT_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The officer chose a review status ("approved", "rejected" or "pending"). */
  signals[STATUS_CHOSEN] = g_signal_new ("status-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The officer kept a note or a correction ("note", "value" or "text"):
   * the field and its new value, NULL to clear it. */
  signals[FIELD_EDITED] = g_signal_new ("field-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* The officer put the fact under an axis, or took it off one: the axis
   * and whether the fact is to stand under it. */
  signals[AXIS_TOGGLED] = g_signal_new ("axis-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* The officer asked to see the fact in its document. */
  signals[OPEN_FACT] = g_signal_new ("open-fact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, DESK_TYPE_FACT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-fact-card.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, box);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, about_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, original_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, approve_button);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, reject_button);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, pending_button);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, note_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, value_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, value_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, text_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, passage_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, axes_box);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, add_axis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskFactCard, history_box);
  gtk_widget_class_bind_template_callback (widget_class, on_status_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_axis_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "factcard");
}

static void
desk_fact_card_init (DeskFactCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_drop_down_shorten (self->add_axis_dropdown);
}

/* Public API */

void
desk_fact_card_set_store (DeskFactCard *self,
                          DeskStore    *store)
{
  g_return_if_fail (DESK_IS_FACT_CARD (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* The dialogue axes that name the fact's axes and the history's changes
 * of axes, and the proposed ones (@axis_ids, named in @axis_names) that
 * the fact can be put under.  @axes must outlive the card. */
void
desk_fact_card_set_axes (DeskFactCard *self,
                         DeskAxes     *axes,
                         GPtrArray    *axis_ids,
                         GListModel   *axis_names)
{
  g_return_if_fail (DESK_IS_FACT_CARD (self));

  self->axes = axes;
  g_clear_pointer (&self->axis_ids, g_ptr_array_unref);
  self->axis_ids = axis_ids ? g_ptr_array_ref (axis_ids) : NULL;
  gtk_drop_down_set_model (self->add_axis_dropdown, axis_names);
}

DeskFactItem *
desk_fact_card_get_item (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), NULL);
  return self->item;
}

/* Shows @item, read again from the library even when it is the fact
 * already shown (after its review changed); NULL empties the card. */
void
desk_fact_card_set_item (DeskFactCard *self,
                         DeskFactItem *item)
{
  g_return_if_fail (DESK_IS_FACT_CARD (self));
  g_return_if_fail (item == NULL || DESK_IS_FACT_ITEM (item));

  g_clear_pointer (&self->passage, g_free);
  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  if (item != NULL)
    fill (self);
}

/* Takes the keyboard to the note (the N key of the fact list). */
void
desk_fact_card_focus_note (DeskFactCard *self)
{
  g_return_if_fail (DESK_IS_FACT_CARD (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

/* Types @text in the correction of the value and presses Enter. */
void
desk_fact_card_correct_value (DeskFactCard *self,
                              const char   *text)
{
  g_return_if_fail (DESK_IS_FACT_CARD (self));
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text);
  g_signal_emit_by_name (self->value_entry, "activate");
}

/* Why the correction of the value was refused, or NULL. */
const char *
desk_fact_card_get_value_error (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->value_error_label)) ? gtk_label_get_text (self->value_error_label)
                                                                          : NULL;
}

/* What the card shows as the fact's value. */
const char *
desk_fact_card_get_value (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), NULL);
  return gtk_label_get_text (self->value_label);
}

/* The passage as plain text, or NULL when the card shows no fact. */
const char *
desk_fact_card_get_passage (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), NULL);
  return self->passage;
}

/* How many facts of other documents disagree with the one shown. */
guint
desk_fact_card_get_n_conflicts (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), 0);
  return self->n_conflicts;
}

/* How many axes the fact shown stands under. */
guint
desk_fact_card_get_n_axes (DeskFactCard *self)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), 0);
  return self->n_axes;
}

/* What "Add to Axis" does with @axis_id chosen; FALSE when the drop-down
 * does not offer it. */
gboolean
desk_fact_card_add_to_axis (DeskFactCard *self,
                            const char   *axis_id)
{
  g_return_val_if_fail (DESK_IS_FACT_CARD (self), FALSE);
  g_return_val_if_fail (axis_id != NULL, FALSE);

  for (guint i = 0; self->axis_ids != NULL && i < self->axis_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->axis_ids, i), axis_id))
      {
        gtk_drop_down_set_selected (self->add_axis_dropdown, i);
        on_add_axis_clicked_cb (self);
        return TRUE;
      }
  return FALSE;
}
