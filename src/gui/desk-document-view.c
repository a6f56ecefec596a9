/* desk-document-view.c: reading view of one document, outline beside text */
#define G_LOG_DOMAIN "desk-document-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-document-view-private.h"
#include "desk-fact.h"
#include "desk-format.h"
#include "desk-review.h"
#include "desk-store.h"
#include "desk-section.h"
#include "desk-search-hit.h"
#include "desk-structure.h"

struct _DeskDocumentView
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkStack *outline_stack;
  GtkListView *outline_view;
  GtkLabel *title_label;
  GtkLabel *byline_label;
  GtkLabel *details_label;
  GtkMenuButton *edit_button;
  GtkPopover *edit_popover;
  GtkEntry *title_entry;
  GtkEntry *author_entry;
  GtkEntry *date_entry;
  GtkEntry *source_entry;
  GtkLabel *edit_error_label;
  GtkWidget *edit_apply_button;
  GtkTextView *text_view;
  GtkToggleButton *highlight_button;
  GtkFlowBox *legend_box;

  DeskDocument *document;
  GListStore *sections;
  GtkTextMark *target;
  gint64 target_offset;
  GPtrArray *facts; /* DeskFactRow of the document shown */
  GPtrArray *mentions; /* DeskMentionRow of the document shown: its names */
  guint highlight_source;   /* tags the facts and names a batch at a time */
  guint highlight_next;     /* the next fact, then name, to tag */
};

G_DEFINE_FINAL_TYPE (DeskDocumentView, desk_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  FACT_ACTIVATED,
  ENTITY_ACTIVATED,
  METADATA_EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ensure_tags (DeskDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, "heading-1") != NULL)
    return;
  gtk_text_buffer_create_tag (buffer, "heading-1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.35,
                              "pixels-above-lines", 16, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "heading-2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.18,
                              "pixels-above-lines", 12, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "heading-3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.05,
                              "pixels-above-lines", 10, "pixels-below-lines", 2, NULL);
  gtk_text_buffer_create_tag (buffer, "list-item", "left-margin", 48, "indent", -14, NULL);
  gtk_text_buffer_create_tag (buffer, "match", "background", "#f8e45c", "foreground", "#000000", NULL);

  for (guint kind = 0; kind < DESK_N_FACT_KINDS; kind++)
    {
      g_autofree char *name = g_strdup_printf ("fact-%s", desk_fact_kind_to_string (kind));
      const char *color = desk_format_fact_color (kind);

      if (color != NULL)
        gtk_text_buffer_create_tag (buffer, name, "background", color, "foreground", "#241f31", NULL);
      else if (kind == DESK_FACT_QUOTE)
        gtk_text_buffer_create_tag (buffer, name, "style", PANGO_STYLE_ITALIC, NULL);
      else if (kind == DESK_FACT_PROPOSAL)
        gtk_text_buffer_create_tag (buffer, name, "underline", PANGO_UNDERLINE_SINGLE, NULL);
    }
  /* the match of a search or an opened fact stays on top of fact colors */
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (table, "match"), gtk_text_tag_table_get_size (table) - 1);
}

static void
build_legend (DeskDocumentView *self)
{
  for (guint kind = 0; kind < DESK_N_FACT_KINDS; kind++)
    {
      const char *color = desk_format_fact_color (kind);
      g_autofree char *markup = NULL;
      g_autofree char *name = NULL;
      GtkWidget *label;

      if (color == NULL)
        continue;
      name = g_markup_escape_text (desk_format_fact_kind (kind), -1);
      markup = g_strdup_printf ("<span background=\"%s\" foreground=\"#241f31\"> %s </span>", color, name);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_flow_box_append (self->legend_box, label);
    }
}

/* Facts tagged per turn of the main loop: a document may have tens of
 * thousands, and tagging them at once would stop the window for seconds */
#define HIGHLIGHT_BATCH 500

static gboolean
highlight_some_cb (gpointer user_data)
{
  DeskDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  guint n_facts = self->facts != NULL ? self->facts->len : 0;
  guint total = n_facts + (self->mentions != NULL ? self->mentions->len : 0);
  guint end = MIN (self->highlight_next + HIGHLIGHT_BATCH, total);

  for (guint i = self->highlight_next; i < end; i++)
    {
      DeskFactKind kind;
      gint64 start, stop;
      g_autofree char *name = NULL;
      GtkTextIter a, b;

      if (i < n_facts)
        {
          const DeskFactRow *row = g_ptr_array_index (self->facts, i);

          kind = row->fact.kind, start = row->fact.start, stop = row->fact.end;
        }
      else
        {
          const DeskMentionRow *row = g_ptr_array_index (self->mentions, i - n_facts);

          kind = row->kind, start = row->start, stop = row->end;
        }
      name = g_strdup_printf ("fact-%s", desk_fact_kind_to_string (kind));
      if (gtk_text_tag_table_lookup (table, name) == NULL)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, stop);
      gtk_text_buffer_apply_tag_by_name (buffer, name, &a, &b);
    }
  self->highlight_next = end;
  if (end < total)
    return G_SOURCE_CONTINUE;
  self->highlight_source = 0;
  return G_SOURCE_REMOVE;
}

static void
apply_fact_tags (DeskDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;
  gboolean on = gtk_toggle_button_get_active (self->highlight_button);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  for (guint kind = 0; kind < DESK_N_FACT_KINDS; kind++)
    {
      g_autofree char *name = g_strdup_printf ("fact-%s", desk_fact_kind_to_string (kind));
      if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name) != NULL)
        gtk_text_buffer_remove_tag_by_name (buffer, name, &a, &b);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), on);
  if (!on || (self->facts == NULL && self->mentions == NULL))
    return;

  /* the first batch at once, so that a short document shows whole */
  self->highlight_next = 0;
  if (highlight_some_cb (self) == G_SOURCE_CONTINUE)
    self->highlight_source = g_idle_add_full (G_PRIORITY_LOW, highlight_some_cb, self, NULL);
}

/* The section selected in the outline, or the whole document when none is */
static void
on_export_button_clicked_cb (DeskDocumentView *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->outline_view));
  guint selected = gtk_single_selection_get_selected (selection);

  if (self->document == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.export-section", "(xi)", desk_document_get_id (self->document),
                              selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected);
}

static void
on_highlight_button_toggled_cb (DeskDocumentView *self)
{
  apply_fact_tags (self);
}

static void
update_details (DeskDocumentView *self)
{
  g_autofree char *languages = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  g_autofree char *base = NULL;
  g_autofree char *details = NULL;
  g_autofree char *sections = NULL;

  if (self->document == NULL)
    return;

  languages = desk_format_languages (desk_document_get_languages (self->document));
  date = desk_format_date (desk_document_get_published (self->document));
  size = desk_format_size (desk_document_get_size (self->document));
  base = g_path_get_basename (desk_document_get_path (self->document) ? desk_document_get_path (self->document) : "");
  sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                           desk_document_get_n_sections (self->document)),
                              desk_document_get_n_sections (self->document));
  /* TRANSLATORS: languages · file name · file size · number of sections */
  details = g_strdup_printf (_("%s · %s · %s · %s"), languages, base, size, sections);

  gtk_label_set_text (self->title_label, desk_document_get_title (self->document));
  {
    /* who, when and where: what the file says, or the officer set */
    const char *author = desk_document_get_author (self->document);
    const char *source = desk_document_get_source (self->document);
    g_autoptr(GPtrArray) parts = g_ptr_array_new ();
    g_autofree char *byline = NULL;

    if (author != NULL)
      g_ptr_array_add (parts, (gpointer) author);
    if (desk_document_get_published (self->document) != NULL)
      g_ptr_array_add (parts, date);
    if (source != NULL)
      g_ptr_array_add (parts, (gpointer) source);
    g_ptr_array_add (parts, NULL);
    byline = g_strjoinv (" · ", (char **) parts->pdata);
    gtk_label_set_text (self->byline_label, byline);
    gtk_widget_set_visible (GTK_WIDGET (self->byline_label), *byline != '\0');
  }
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), desk_document_get_path (self->document));
}

/* The fact under a click in the text, the narrowest when several hold it. */
static const DeskFactRow *
fact_at (DeskDocumentView *self,
         gint64            offset)
{
  const DeskFactRow *best = NULL;

  for (guint i = 0; self->facts != NULL && i < self->facts->len; i++)
    {
      const DeskFactRow *row = g_ptr_array_index (self->facts, i);

      if (row->fact.start <= offset && offset < row->fact.end &&
          desk_format_fact_color (row->fact.kind) != NULL &&
          (best == NULL || row->fact.end - row->fact.start < best->fact.end - best->fact.start))
        best = row;
    }
  return best;
}

/* The name under a click in the text, when no narrower fact holds it */
static const DeskMentionRow *
mention_at (DeskDocumentView  *self,
            gint64             offset,
            const DeskFactRow *fact)
{
  for (guint i = 0; self->mentions != NULL && i < self->mentions->len; i++)
    {
      const DeskMentionRow *row = g_ptr_array_index (self->mentions, i);

      if (row->start <= offset && offset < row->end &&
          (fact == NULL || row->end - row->start < fact->fact.end - fact->fact.start))
        return row;
    }
  return NULL;
}

static void
on_text_click_released_cb (GtkGestureClick  *gesture,
                           int               n_press,
                           double            x,
                           double            y,
                           DeskDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const DeskFactRow *row;
  const DeskMentionRow *mention;
  GtkTextIter iter;
  int bx, by;

  /* a click, not the end of a selection, on a highlighted fact */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer) ||
      !gtk_toggle_button_get_active (self->highlight_button))
    return;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;
  row = fact_at (self, gtk_text_iter_get_offset (&iter));
  mention = mention_at (self, gtk_text_iter_get_offset (&iter), row);
  if (mention != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, mention->entity_uid);
  else if (row != NULL)
    g_signal_emit (self, signals[FACT_ACTIVATED], 0, row->uid);
}

static void
on_outline_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_add_css_class (label, "outline-row");
  gtk_list_item_set_child (item, label);
}

static void
on_outline_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  DeskSection *section = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *number = desk_section_get_number (section);
  const char *title = desk_section_get_title (section);
  guint depth = MIN (desk_section_get_depth (section), 5);
  g_autofree char *text = NULL;
  g_autofree char *css = g_strdup_printf ("depth-%u", depth);

  if (number != NULL && strstr (title, number) == NULL)
    text = g_strdup_printf ("%s %s", number, title);
  else
    text = g_strdup (title);

  for (guint d = 1; d <= 5; d++)
    {
      g_autofree char *c = g_strdup_printf ("depth-%u", d);
      gtk_widget_remove_css_class (label, c);
    }
  gtk_widget_add_css_class (label, css);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) depth, -1);
}

static void
on_outline_view_activate_cb (DeskDocumentView *self,
                             guint             position)
{
  desk_document_view_activate_section (self, position);
}

/* Title, author, date and source */

static void
on_edit_popover_show_cb (DeskDocumentView *self)
{
  const char *author, *published, *source;

  if (self->document == NULL)
    return;
  author = desk_document_get_author (self->document);
  published = desk_document_get_published (self->document);
  source = desk_document_get_source (self->document);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), desk_document_get_title (self->document));
  gtk_editable_set_text (GTK_EDITABLE (self->author_entry), author ? author : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), published ? published : "");
  gtk_editable_set_text (GTK_EDITABLE (self->source_entry), source ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->edit_error_label), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

/* An entry's text without its surrounding spaces, or NULL when empty */
static char *
entry_value (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
show_edit_error (DeskDocumentView *self,
                 const char       *message,
                 GtkEntry         *entry)
{
  gtk_label_set_text (self->edit_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_error_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
on_edit_apply_clicked_cb (DeskDocumentView *self)
{
  g_autofree char *title = entry_value (self->title_entry);
  g_autofree char *author = entry_value (self->author_entry);
  g_autofree char *published = entry_value (self->date_entry);
  g_autofree char *source = entry_value (self->source_entry);

  if (self->document == NULL)
    return;
  if (title == NULL)
    {
      show_edit_error (self, _("A document’s title cannot be empty"), self->title_entry);
      return;
    }
  if (published != NULL && !desk_review_is_date (published))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it as a year, a year and month or a "
                                                    "full date (2025, 2025-03 or 2025-03-14)"), published);

      show_edit_error (self, message, self->date_entry);
      return;
    }
  gtk_popover_popdown (self->edit_popover);
  g_signal_emit (self, signals[METADATA_EDITED], 0, title, author, published, source);
}

static void
on_edit_cancel_clicked_cb (DeskDocumentView *self)
{
  gtk_popover_popdown (self->edit_popover);
}

static void
edit_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskDocumentView *self = DESK_DOCUMENT_VIEW (widget);

  if (self->document != NULL)
    gtk_menu_button_popup (self->edit_button);
}

static void
desk_document_view_dispose (GObject *object)
{
  DeskDocumentView *self = DESK_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->document);
  g_clear_object (&self->sections);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_document_view_parent_class)->dispose (object);
}

static void
desk_document_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskDocumentView *self = DESK_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_document_view_class_init (DeskDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_document_view_dispose;
  object_class->get_property = desk_document_view_get_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, DESK_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A highlighted fact was clicked: its uid. */
  signals[FACT_ACTIVATED] = g_signal_new ("fact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A highlighted name was clicked: the uid of its entity. */
  signals[ENTITY_ACTIVATED] = g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The officer set the document's title, author, published date and
   * source (NULL: none), checked, in the form of the view */
  signals[METADATA_EDITED] = g_signal_new ("metadata-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                           G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "document.edit-details", NULL, edit_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "document.edit-details", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, outline_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, outline_view);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, details_label);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, byline_label);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, title_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, author_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, date_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, source_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, edit_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, edit_apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_cancel_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, text_view);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, highlight_button);
  gtk_widget_class_bind_template_child (widget_class, DeskDocumentView, legend_box);
  gtk_widget_class_bind_template_callback (widget_class, on_highlight_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_outline_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_outline_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_outline_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentview");
}

static void
desk_document_view_init (DeskDocumentView *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_list_store_new (DESK_TYPE_SECTION);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sections)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->outline_view, GTK_SELECTION_MODEL (selection));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outline_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Section outline"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document text"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit title, author, date and source"), -1);
  /* Enter in any entry applies; Escape closes the popover unchanged */
  gtk_popover_set_default_widget (self->edit_popover, self->edit_apply_button);
  ensure_tags (self);
  build_legend (self);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (on_text_click_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  }
}

GtkWidget *
desk_document_view_new (void)
{
  return g_object_new (DESK_TYPE_DOCUMENT_VIEW, NULL);
}

DeskDocument *
desk_document_view_get_document (DeskDocumentView *self)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

/* Shows @document with its text, paragraph kinds and outline; NULL shows
 * the empty page. */
void
desk_document_view_set_document (DeskDocumentView *self,
                                 DeskDocument     *document,
                                 const char       *text,
                                 GArray           *paragraphs,
                                 GPtrArray        *sections)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || DESK_IS_DOCUMENT (document));

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_list_store_remove_all (self->sections);

  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);

  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  if (document == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_text_buffer_set_text (buffer, text ? text : "", -1);

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (paragraphs, DeskParagraph, i);
      GtkTextIter a, b;
      const char *tag = NULL;

      if (p->kind == DESK_BLOCK_LIST_ITEM)
        tag = "list-item";
      else if (p->kind == DESK_BLOCK_HEADING)
        {
          guint depth = 1;

          for (guint j = 0; sections != NULL && j < sections->len; j++)
            if (desk_section_get_start (g_ptr_array_index (sections, j)) == p->start)
              depth = desk_section_get_depth (g_ptr_array_index (sections, j));
          tag = depth <= 1 ? "heading-1" : depth == 2 ? "heading-2" : "heading-3";
        }
      if (tag == NULL)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, p->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, p->end);
      gtk_text_buffer_apply_tag_by_name (buffer, tag, &a, &b);
    }

  if (sections != NULL)
    g_list_store_splice (self->sections, 0, 0, sections->pdata, sections->len);
  gtk_stack_set_visible_child_name (self->outline_stack,
                                    sections != NULL && sections->len > 0 ? "outline" : "no-outline");

  update_details (self);
  gtk_stack_set_visible_child_name (self->stack, "document");

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  desk_document_view_scroll_to (self, 0);
}

/* Marks @ranges (code-point offsets into the text) as matches and scrolls
 * to the first one. */
void
desk_document_view_highlight (DeskDocumentView *self,
                              GArray           *ranges)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag_by_name (buffer, "match", &a, &b);

  if (ranges == NULL || ranges->len == 0)
    return;

  for (guint i = 0; i < ranges->len; i++)
    {
      const DeskRange *r = &g_array_index (ranges, DeskRange, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &a, r->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, r->end);
      gtk_text_buffer_apply_tag_by_name (buffer, "match", &a, &b);
    }
  desk_document_view_scroll_to (self, g_array_index (ranges, DeskRange, 0).start);
}

/* Brings the character at @offset (code points) to the top of the view. */
void
desk_document_view_scroll_to (DeskDocumentView *self,
                              gint64            offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  self->target_offset = offset;

  /* align the start of the paragraph, so that the view never scrolls sideways */
  gtk_text_iter_set_line_offset (&iter, 0);
  if (self->target == NULL)
    self->target = gtk_text_buffer_create_mark (buffer, "scroll-target", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->target, &iter);
  gtk_text_view_scroll_to_mark (self->text_view, self->target, 0.0, TRUE, 0.0, 0.0);
}

gint64
desk_document_view_get_scroll_target (DeskDocumentView *self)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), 0);
  return self->target_offset;
}

guint
desk_document_view_get_n_sections (DeskDocumentView *self)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sections));
}

/* What clicking an outline entry does: scroll the text to its heading. */
void
desk_document_view_activate_section (DeskDocumentView *self,
                                     guint             position)
{
  g_autoptr(DeskSection) section = NULL;

  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  section = g_list_model_get_item (G_LIST_MODEL (self->sections), position);
  if (section == NULL)
    return;
  desk_document_view_scroll_to (self, desk_section_get_start (section));
}

void
desk_document_view_focus_outline (DeskDocumentView *self)
{
  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->outline_view));
}

void
desk_document_view_focus_text (DeskDocumentView *self)
{
  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

char *
desk_document_view_dup_text (DeskDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

/* Colors the facts of the document shown, by kind (a DeskFactRow array). */
void
desk_document_view_set_facts (DeskDocumentView *self,
                              GPtrArray        *facts)
{
  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->facts, g_ptr_array_unref);
  if (facts != NULL)
    self->facts = g_ptr_array_ref (facts);
  apply_fact_tags (self);
}

/* Colors the names of the document shown by the kind of their entity
 * (a DeskMentionRow array); a click on one opens its entity. */
void
desk_document_view_set_mentions (DeskDocumentView *self,
                                 GPtrArray        *mentions)
{
  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  if (mentions != NULL)
    self->mentions = g_ptr_array_ref (mentions);
  apply_fact_tags (self);
}

/* The entity of the name at @offset, or NULL */
const char *
desk_document_view_entity_at (DeskDocumentView *self,
                              gint64            offset)
{
  const DeskMentionRow *row;

  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);
  row = mention_at (self, offset, NULL);
  return row != NULL ? row->entity_uid : NULL;
}

/* Opens a fact's passage: highlighted, selected and scrolled into view. */
void
desk_document_view_show_passage (DeskDocumentView *self,
                                 gint64            start,
                                 gint64            end)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (DeskRange));
  DeskRange range = { start, end };
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));

  g_array_append_val (ranges, range);
  desk_document_view_highlight (self, ranges);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

guint
desk_document_view_count_fact_tags (DeskDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint n = 0;

  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), 0);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      GSList *tags = gtk_text_iter_get_toggled_tags (&iter, TRUE);
      for (GSList *l = tags; l; l = l->next)
        {
          g_autofree char *name = NULL;
          g_object_get (l->data, "name", &name, NULL);
          if (name != NULL && g_str_has_prefix (name, "fact-"))
            n++;
        }
      g_slist_free (tags);
    }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, NULL));
  return n;
}

/* What clicking at @offset in the text activates: the uid of a fact, or NULL. */
const char *
desk_document_view_fact_at (DeskDocumentView *self,
                            gint64            offset)
{
  const DeskFactRow *row;

  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);
  row = fact_at (self, offset);
  return row ? row->uid : NULL;
}

/* The same document read again (its title, author, date or source
 * changed): the heading follows, the text stays where it was read */
void
desk_document_view_update_document (DeskDocumentView *self,
                                    DeskDocument     *document)
{
  g_return_if_fail (DESK_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (DESK_IS_DOCUMENT (document));

  if (self->document == NULL || desk_document_get_id (self->document) != desk_document_get_id (document))
    return;
  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  update_details (self);
}

/* For tests: the form's entry of @field (title, author, published or
 * source), after opening it as F2 does */
GtkEditable *
desk_document_view_open_metadata (DeskDocumentView *self,
                                  const char       *field)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "document.edit-details", NULL);
  if (g_str_equal (field, "title"))
    return GTK_EDITABLE (self->title_entry);
  if (g_str_equal (field, "author"))
    return GTK_EDITABLE (self->author_entry);
  if (g_str_equal (field, "published"))
    return GTK_EDITABLE (self->date_entry);
  return GTK_EDITABLE (self->source_entry);
}

const char *
desk_document_view_get_title_shown (DeskDocumentView *self)
{
  g_return_val_if_fail (DESK_IS_DOCUMENT_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}
