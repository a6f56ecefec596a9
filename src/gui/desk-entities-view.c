/* desk-entities-view.c: the people, organizations and places the documents
 * name: a list sorted and filtered in SQL, the detail of the selected one
 * (its names, mentions in context, documents and claims) and the
 * officer's decisions on it (rename, merge, split, kind, not an entity),
 * each a review change the window's undo takes back */
#define G_LOG_DOMAIN "desk-entities-view"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-entities-view-private.h"
#include "desk-entity-dialog.h"
#include "desk-entity-list.h"
#include "desk-format.h"
#include "desk-review.h"

/* Mentions the detail shows at most: the most named places of the corpus
 * have hundreds, and a list box builds a row for each */
#define MAX_MENTIONS 200
#define MAX_CLAIMS 100

struct _DeskEntitiesView
{
  GtkWidget parent_instance;

  /* template */
  GtkPaned *paned;
  GtkSearchEntry *filter_entry;
  GtkDropDown *kind_dropdown;
  GtkButton *reject_button;
  GtkLabel *count_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *mentions_column;
  GtkColumnViewColumn *documents_column;
  GtkColumnViewColumn *newest_column;
  GtkStack *detail_stack;
  GtkLabel *name_label;
  GtkLabel *summary_label;
  GtkLabel *aliases_label;
  GtkLabel *mentions_heading;
  GtkListBox *mentions_list;
  GtkLabel *documents_heading;
  GtkListBox *documents_list;
  GtkLabel *claims_heading;
  GtkListBox *claims_list;

  DeskStore *store;
  DeskLibraryWriter *writer;
  DeskEntityList *list;
  GtkSingleSelection *selection;
  DeskEntityItem *current;          /* shown in the detail */
  GPtrArray *mentions;              /* DeskMentionRow of the mention rows */
  GPtrArray *documents;             /* DeskDocument of the document rows */
  GPtrArray *claims;                /* DeskFactRow of the claim rows */
  gboolean reloading;               /* the selection passes through none unheeded */
};

G_DEFINE_FINAL_TYPE (DeskEntitiesView, desk_entities_view, GTK_TYPE_WIDGET)

enum {
  OPEN_PASSAGE,
  OPEN_FACT,
  REVIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds of the drop-down are desk_entity_kinds, after "All kinds";
 * after them, the names marked as not entities */
#define NOT_ENTITIES_POSITION (G_N_ELEMENTS (desk_entity_kinds) + 1)

/* Helpers */

static void
update_actions (DeskEntitiesView *self)
{
  gboolean some = self->current != NULL && self->store != NULL && !desk_store_is_read_only (self->store);
  const char * const *aliases = self->current ? desk_entity_item_get_aliases (self->current) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.rename", some);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.merge", some);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.split", some && aliases[0] != NULL && aliases[1] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.kind", some);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.reject", some);
  /* a name marked as not an entity can be made one again */
  if (self->current != NULL && desk_entity_item_get_rejected (self->current))
    {
      gtk_button_set_label (self->reject_button, _("_An entity after all"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), _("Put it back in the list of names (Delete)"));
    }
  else
    {
      gtk_button_set_label (self->reject_button, _("_Not an entity"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), _("Take it out of the list of names (Delete)"));
    }
}

static void
update_count (DeskEntitiesView *self)
{
  guint n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u name", "%u names", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static GtkWidget *
make_row_label (const char *markup,
                const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  return label;
}

/* @text on one line: a mention's context runs across paragraph breaks */
static char *
one_line (const char *text)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && line->len > 0)
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_unichar (line, c);
        }
    }
  /* a space before the name or after it stays */
  if (space)
    g_string_append_c (line, ' ');
  if (text != NULL && g_unichar_isspace (g_utf8_get_char (text)) && line->len > 0 && line->str[0] != ' ')
    g_string_prepend_c (line, ' ');
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* A document's title and date as a row's second line */
static char *
format_source (const char *title,
               const char *published)
{
  g_autofree char *date = published ? desk_format_date (published) : NULL;

  if (date != NULL && *date != '\0')
    /* TRANSLATORS: a document's title and its date, under a mention */
    return g_strdup_printf (_("%s, %s"), title ? title : "", date);
  return g_strdup (title ? title : "");
}

static void
fill_mentions (DeskEntitiesView *self,
               const char       *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  gint64 total = desk_entity_item_get_n_mentions (self->current);

  clear_list_box (self->mentions_list);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  self->mentions = desk_store_list_entity_mentions (self->store, uid, NULL, 0, MAX_MENTIONS, &error);
  if (self->mentions == NULL)
    {
      g_warning ("Cannot read the mentions of %s: %s", uid, error->message);
      self->mentions = g_ptr_array_new ();
    }
  if ((gint64) self->mentions->len < total)
    /* TRANSLATORS: heading of an entity's mentions when only some are shown */
    heading = g_strdup_printf (_("Mentions (the first %u of %u)"), self->mentions->len, (guint) total);
  else
    heading = g_strdup_printf (_("Mentions (%u)"), (guint) total);
  gtk_label_set_text (self->mentions_heading, heading);
  for (guint i = 0; i < self->mentions->len; i++)
    {
      DeskMentionRow *m = g_ptr_array_index (self->mentions, i);
      g_autofree char *before_line = one_line (m->before);
      g_autofree char *after_line = one_line (m->after);
      g_autofree char *before = g_markup_escape_text (before_line, -1);
      g_autofree char *form = g_markup_escape_text (m->form ? m->form : "", -1);
      g_autofree char *after = g_markup_escape_text (after_line, -1);
      g_autofree char *source = format_source (m->document_title, m->document_published);
      g_autofree char *source_markup = g_markup_escape_text (source, -1);
      g_autofree char *markup = g_strdup_printf ("…%s<b>%s</b>%s…\n<small>%s</small>", before, form, after, source_markup);
      g_autofree char *plain = g_strdup_printf ("%s%s%s — %s", before_line, m->form ? m->form : "", after_line, source);
      GtkWidget *label = make_row_label (markup, NULL);

      gtk_list_box_append (self->mentions_list, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
    }
}

static void
fill_documents (DeskEntitiesView *self,
                const char       *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;

  clear_list_box (self->documents_list);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  self->documents = desk_store_list_entity_documents (self->store, uid, &error);
  if (self->documents == NULL)
    {
      g_warning ("Cannot read the documents of %s: %s", uid, error->message);
      self->documents = g_ptr_array_new ();
    }
  heading = g_strdup_printf (_("Documents (%u)"), self->documents->len);
  gtk_label_set_text (self->documents_heading, heading);
  for (guint i = 0; i < self->documents->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (self->documents, i);
      g_autofree char *text = format_source (desk_document_get_title (doc), desk_document_get_published (doc));

      gtk_list_box_append (self->documents_list, make_row_label (NULL, text));
    }
}

static void
fill_claims (DeskEntitiesView *self,
             const char       *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;

  clear_list_box (self->claims_list);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  self->claims = desk_store_list_entity_claims (self->store, uid, MAX_CLAIMS, &error);
  if (self->claims == NULL)
    {
      g_warning ("Cannot read the claims of %s: %s", uid, error->message);
      self->claims = g_ptr_array_new ();
    }
  /* TRANSLATORS: heading of the facts whose sentence names the entity */
  heading = g_strdup_printf (_("Claims that name it (%u)"), self->claims->len);
  gtk_label_set_text (self->claims_heading, heading);
  for (guint i = 0; i < self->claims->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (self->claims, i);
      g_autofree char *kind = g_markup_escape_text (desk_format_fact_kind (row->fact.kind), -1);
      g_autofree char *text = g_markup_escape_text (row->fact.text ? row->fact.text : "", -1);
      g_autofree char *title = g_markup_escape_text (row->document_title ? row->document_title : "", -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b> · %s\n<small>%s</small>", kind, text, title);

      gtk_list_box_append (self->claims_list, make_row_label (markup, NULL));
    }
}

/* The detail shows @item, read again from the library, or nothing */
static void
show_detail (DeskEntitiesView *self,
             DeskEntityItem   *item)
{
  g_autofree char *aliases = NULL;
  g_autofree char *summary = NULL;
  gint64 n_mentions, n_documents;
  const char *uid;

  g_set_object (&self->current, item);
  update_actions (self);
  if (item == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  uid = desk_entity_item_get_uid (item);
  n_mentions = desk_entity_item_get_n_mentions (item);
  n_documents = desk_entity_item_get_n_documents (item);
  gtk_label_set_text (self->name_label, desk_entity_item_get_name (item));
  {
    g_autofree char *m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", (gulong) n_mentions),
                                          (guint) n_mentions);
    g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", (gulong) n_documents),
                                          (guint) n_documents);

    /* TRANSLATORS: under an entity's name: its kind, mentions, documents */
    summary = g_strdup_printf (_("%s · %s in %s"), desk_format_fact_kind (desk_entity_item_get_kind (item)), m, d);
  }
  gtk_label_set_text (self->summary_label, summary);
  aliases = g_strjoinv (" · ", (char **) desk_entity_item_get_aliases (item));
  gtk_label_set_text (self->aliases_label, aliases);
  fill_mentions (self, uid);
  fill_documents (self, uid);
  fill_claims (self, uid);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static gboolean
select_uid (DeskEntitiesView *self,
            const char       *uid)
{
  guint position = self->list ? desk_entity_list_find (self->list, uid) : G_MAXUINT;

  if (position == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  desk_format_scroll_to (self->column_view, position);
  return TRUE;
}

/* Reads the list again and selects @uid in it, or the row where the
 * selection was when it is gone; the detail follows */
static void
reread (DeskEntitiesView *self,
        const char       *uid)
{
  g_autoptr(GError) error = NULL;
  guint old = gtk_single_selection_get_selected (self->selection);
  guint n;

  if (self->list == NULL)
    return;
  self->reloading = TRUE;
  if (!desk_entity_list_reload (self->list, &error))
    {
      self->reloading = FALSE;
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, _("The names could not be read"), error->message);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (!select_uid (self, uid))
    gtk_single_selection_set_selected (self->selection,
                                       old != GTK_INVALID_LIST_POSITION && n > 0 ? MIN (old, n - 1) : GTK_INVALID_LIST_POSITION);
  self->reloading = FALSE;
  update_count (self);
  show_detail (self, gtk_single_selection_get_selected_item (self->selection));
}

/* Decisions */

/* A decision on an entity, on its way to the library */
typedef struct
{
  DeskEntitiesView *view;
  DeskEntityDecision what;
  char *uid;
  char *name;                /* the entity's, for messages */
  char *value;               /* the new name, the other entity, the alias */
  DeskFactKind kind;
  char *new_uid;             /* of an alias split off */
} Decision;

static void
decision_free (gpointer data)
{
  Decision *d = data;

  g_object_unref (d->view);
  g_free (d->uid);
  g_free (d->name);
  g_free (d->value);
  g_free (d->new_uid);
  g_free (d);
}

/* In the main thread, or a worker's when the library was busy */
static gboolean
write_decision (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  Decision *d = data;

  switch (d->what)
    {
    case DESK_ENTITY_DECISION_RENAME:
      return desk_review_rename_entity (store, d->uid, d->value, error);
    case DESK_ENTITY_DECISION_MERGE:
      return desk_review_merge_entity (store, d->uid, d->value, error);
    case DESK_ENTITY_DECISION_SPLIT:
      return desk_review_split_alias (store, d->uid, d->value, &d->new_uid, error);
    case DESK_ENTITY_DECISION_KIND:
      return desk_review_set_entity_kind (store, d->uid, d->kind, error);
    case DESK_ENTITY_DECISION_REJECT:
      /* a name marked as not an entity (value "again") is one again */
      return desk_review_reject_entity (store, d->uid, d->value == NULL, error);
    default:
      g_assert_not_reached ();
    }
}

static void
on_decision_written (gpointer      data,
                     gboolean      waited,
                     const GError *error)
{
  Decision *d = data;
  DeskEntitiesView *self = d->view;

  if (self->store == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *primary = NULL;

      switch (d->what)
        {
        case DESK_ENTITY_DECISION_RENAME:
          primary = g_strdup_printf (_("“%s” could not be renamed"), d->name);
          break;
        case DESK_ENTITY_DECISION_MERGE:
          primary = g_strdup_printf (_("“%s” could not be merged"), d->name);
          break;
        case DESK_ENTITY_DECISION_SPLIT:
          primary = g_strdup_printf (_("“%s” could not be split off “%s”"), d->value, d->name);
          break;
        case DESK_ENTITY_DECISION_KIND:
          primary = g_strdup_printf (_("The kind of “%s” could not be changed"), d->name);
          break;
        case DESK_ENTITY_DECISION_REJECT:
        default:
          primary = g_strdup_printf (_("“%s” could not be marked as not an entity"), d->name);
          break;
        }
      desk_format_show_message (GTK_WIDGET (self), GTK_MESSAGE_ERROR, primary, error->message);
      return;
    }
  /* a merged entity is shown as the one it went into */
  reread (self, d->what == DESK_ENTITY_DECISION_MERGE ? d->value : d->uid);
  g_signal_emit (self, signals[REVIEW_CHANGED], 0);
}

static gboolean
decide (DeskEntitiesView *self,
        DeskEntityDecision      what,
        const char       *value,
        DeskFactKind      kind)
{
  Decision *d;

  if (self->store == NULL || self->current == NULL)
    return FALSE;
  d = g_new0 (Decision, 1);
  d->view = g_object_ref (self);
  d->what = what;
  d->uid = g_strdup (desk_entity_item_get_uid (self->current));
  d->name = g_strdup (desk_entity_item_get_name (self->current));
  d->value = g_strdup (value);
  d->kind = kind;
  if (self->writer == NULL)
    self->writer = desk_library_writer_new (self->store);
  return desk_library_writer_run (self->writer, write_decision, on_decision_written, d, decision_free);
}

/* Callbacks */

static void
on_filter_changed_cb (DeskEntitiesView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  int kind = selected >= 1 && selected <= G_N_ELEMENTS (desk_entity_kinds) ? (int) desk_entity_kinds[selected - 1] : -1;
  g_autofree char *uid = self->current ? g_strdup (desk_entity_item_get_uid (self->current)) : NULL;
  gboolean changed;

  if (self->list == NULL)
    return;
  changed = desk_entity_list_set_kind (self->list, kind);
  changed |= desk_entity_list_set_rejected (self->list, selected == NOT_ENTITIES_POSITION);
  changed |= desk_entity_list_set_words (self->list, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  if (changed)
    reread (self, uid);
}

static void
on_sort_changed_cb (DeskEntitiesView *self)
{
  gboolean descending;
  int key = desk_format_get_sort_key (self->column_view, &descending);
  g_autofree char *uid = self->current ? g_strdup (desk_entity_item_get_uid (self->current)) : NULL;

  if (self->list == NULL)
    return;
  if (key < 0)
    {
      key = DESK_ENTITY_SORT_MENTIONS;
      descending = TRUE;
    }
  if (desk_entity_list_set_sort (self->list, key, descending))
    reread (self, uid);
}

static void
on_selection_changed_cb (DeskEntitiesView *self)
{
  if (self->reloading)
    return;
  show_detail (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_mention_activated_cb (DeskEntitiesView *self,
                         GtkListBoxRow    *row)
{
  desk_entities_view_activate_mention (self, gtk_list_box_row_get_index (row));
}

static void
on_document_activated_cb (DeskEntitiesView *self,
                          GtkListBoxRow    *row)
{
  int i = gtk_list_box_row_get_index (row);
  DeskDocument *doc;

  if (self->documents == NULL || i < 0 || (guint) i >= self->documents->len)
    return;
  doc = g_ptr_array_index (self->documents, i);
  g_signal_emit (self, signals[OPEN_PASSAGE], 0, desk_document_get_id (doc), (gint64) -1, (gint64) -1);
}

static void
on_claim_activated_cb (DeskEntitiesView *self,
                       GtkListBoxRow    *row)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->claims == NULL || i < 0 || (guint) i >= self->claims->len)
    return;
  g_signal_emit (self, signals[OPEN_FACT], 0, ((DeskFactRow *) g_ptr_array_index (self->claims, i))->uid);
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
on_number_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
set_cell (GtkListItem *item,
          const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

static void
on_name_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  set_cell (item, desk_entity_item_get_name (gtk_list_item_get_item (item)));
}

static void
on_kind_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  set_cell (item, desk_format_fact_kind (desk_entity_item_get_kind (gtk_list_item_get_item (item))));
}

static void
on_mentions_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, desk_entity_item_get_n_mentions (gtk_list_item_get_item (item)));

  set_cell (item, text);
}

static void
on_documents_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, desk_entity_item_get_n_documents (gtk_list_item_get_item (item)));

  set_cell (item, text);
}

static void
on_newest_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  const char *newest = desk_entity_item_get_newest (gtk_list_item_get_item (item));
  g_autofree char *text = newest ? desk_format_date (newest) : NULL;

  set_cell (item, text);
}

/* Actions */

static void
decision_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DeskEntitiesView *self = DESK_ENTITIES_VIEW (widget);

  if (self->current == NULL)
    return;
  if (g_str_equal (action_name, "entity.rename"))
    desk_entity_dialog_ask (self, self->store, self->current, DESK_ENTITY_DECISION_RENAME);
  else if (g_str_equal (action_name, "entity.merge"))
    desk_entity_dialog_ask (self, self->store, self->current, DESK_ENTITY_DECISION_MERGE);
  else if (g_str_equal (action_name, "entity.split"))
    desk_entity_dialog_ask (self, self->store, self->current, DESK_ENTITY_DECISION_SPLIT);
  else if (g_str_equal (action_name, "entity.kind"))
    desk_entity_dialog_ask (self, self->store, self->current, DESK_ENTITY_DECISION_KIND);
  else if (g_str_equal (action_name, "entity.reject"))
    desk_entities_view_reject (self);
}

/* Overrides */

static void
desk_entities_view_dispose (GObject *object)
{
  DeskEntitiesView *self = DESK_ENTITIES_VIEW (object);

  /* the columns leaving change the sorter: no order to read any more */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_ENTITIES_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->current);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_entities_view_parent_class)->dispose (object);
}

static void
desk_entities_view_class_init (DeskEntitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_entities_view_dispose;

  /* a document to open at a passage (start, end; -1 for its beginning) */
  signals[OPEN_PASSAGE] = g_signal_new ("open-passage", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[OPEN_FACT] = g_signal_new ("open-fact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REVIEW_CHANGED] = g_signal_new ("review-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/dialoguedesk/DialogueDesk/desk-entities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, paned);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, reject_button);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, name_column);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, mentions_column);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, documents_column);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, newest_column);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, name_label);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, mentions_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, mentions_list);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, documents_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, documents_list);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, claims_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskEntitiesView, claims_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mention_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_claim_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mentions_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_documents_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_newest_bind_cb);

  gtk_widget_class_install_action (widget_class, "entity.rename", NULL, decision_action);
  gtk_widget_class_install_action (widget_class, "entity.merge", NULL, decision_action);
  gtk_widget_class_install_action (widget_class, "entity.split", NULL, decision_action);
  gtk_widget_class_install_action (widget_class, "entity.kind", NULL, decision_action);
  gtk_widget_class_install_action (widget_class, "entity.reject", NULL, decision_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "entity.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "entity.merge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "entity.split", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "entity.split", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "entity.kind", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "entity.reject", NULL);
}

static void
desk_entities_view_init (DeskEntitiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  desk_format_set_sort_key (self->name_column, DESK_ENTITY_SORT_NAME);
  desk_format_set_sort_key (self->kind_column, DESK_ENTITY_SORT_KIND);
  desk_format_set_sort_key (self->mentions_column, DESK_ENTITY_SORT_MENTIONS);
  desk_format_set_sort_key (self->documents_column, DESK_ENTITY_SORT_DOCUMENTS);
  desk_format_set_sort_key (self->newest_column, DESK_ENTITY_SORT_NEWEST);
  gtk_column_view_sort_by_column (self->column_view, self->mentions_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Names"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter names"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of entity"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mentions_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mentions"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->documents_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Documents"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->claims_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Claims that name it"), -1);
  update_actions (self);
}

/* Public API */

void
desk_entities_view_set_store (DeskEntitiesView *self,
                              DeskStore        *store)
{
  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_object (&self->list);
  show_detail (self, NULL);
  if (store != NULL)
    {
      self->list = desk_entity_list_new (store);
      on_sort_changed_cb (self);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  desk_entities_view_reload (self);
}

/* The window's writer, so that its changes keep their order with the
 * other views' */
void
desk_entities_view_set_writer (DeskEntitiesView  *self,
                               DeskLibraryWriter *writer)
{
  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));

  g_set_object (&self->writer, writer);
}

/* Reads the names again (an import, an undo), keeping the selected one */
void
desk_entities_view_reload (DeskEntitiesView *self)
{
  g_autofree char *uid = NULL;

  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));

  uid = self->current ? g_strdup (desk_entity_item_get_uid (self->current)) : NULL;
  reread (self, uid);
}

/* What tests call (desk-entities-view-private.h) */

GListModel *
desk_entities_view_get_list (DeskEntitiesView *self)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), NULL);
  return G_LIST_MODEL (self->list);
}

/* As the officer would set the drop-down (-1 or a kind) and the entry */
void
desk_entities_view_set_filter (DeskEntitiesView *self,
                               int               kind,
                               const char       *words)
{
  guint selected = 0;

  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (desk_entity_kinds); i++)
    if ((int) desk_entity_kinds[i] == kind)
      selected = i + 1;
  gtk_drop_down_set_selected (self->kind_dropdown, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), words ? words : "");
  /* the entry tells after a delay: the filter applies now */
  on_filter_changed_cb (self);
}

/* As the officer would choose "Not entities" in the drop-down, or "All kinds" */
void
desk_entities_view_show_not_entities (DeskEntitiesView *self,
                                      gboolean          not_entities)
{
  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));

  gtk_drop_down_set_selected (self->kind_dropdown, not_entities ? NOT_ENTITIES_POSITION : 0);
  on_filter_changed_cb (self);
}

void
desk_entities_view_select (DeskEntitiesView *self,
                           guint             position)
{
  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

gboolean
desk_entities_view_select_uid (DeskEntitiesView *self,
                               const char       *uid)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  return select_uid (self, uid);
}

/* The entity the detail shows, or NULL */
DeskEntityItem *
desk_entities_view_get_selected (DeskEntitiesView *self)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), NULL);
  return self->current;
}

const char *
desk_entities_view_get_detail_name (DeskEntitiesView *self)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), NULL);
  return gtk_label_get_text (self->name_label);
}

guint
desk_entities_view_get_n_mention_rows (DeskEntitiesView *self)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), 0);
  return self->mentions ? self->mentions->len : 0;
}

/* Opens the document of the @index-th mention shown at its passage */
void
desk_entities_view_activate_mention (DeskEntitiesView *self,
                                     guint             index)
{
  DeskMentionRow *m;

  g_return_if_fail (DESK_IS_ENTITIES_VIEW (self));

  if (self->mentions == NULL || index >= self->mentions->len)
    return;
  m = g_ptr_array_index (self->mentions, index);
  g_signal_emit (self, signals[OPEN_PASSAGE], 0, m->document_id, m->start, m->end);
}

gboolean
desk_entities_view_rename (DeskEntitiesView *self,
                           const char       *name)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  return decide (self, DESK_ENTITY_DECISION_RENAME, name, 0);
}

gboolean
desk_entities_view_merge_into (DeskEntitiesView *self,
                               const char       *into_uid)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  g_return_val_if_fail (into_uid != NULL, FALSE);

  if (self->current != NULL && g_str_equal (into_uid, desk_entity_item_get_uid (self->current)))
    return FALSE;
  return decide (self, DESK_ENTITY_DECISION_MERGE, into_uid, 0);
}

gboolean
desk_entities_view_split (DeskEntitiesView *self,
                          const char       *form)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);
  return decide (self, DESK_ENTITY_DECISION_SPLIT, form, 0);
}

gboolean
desk_entities_view_set_kind (DeskEntitiesView *self,
                             DeskFactKind      kind)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  return decide (self, DESK_ENTITY_DECISION_KIND, NULL, kind);
}

gboolean
desk_entities_view_reject (DeskEntitiesView *self)
{
  g_return_val_if_fail (DESK_IS_ENTITIES_VIEW (self), FALSE);
  return decide (self, DESK_ENTITY_DECISION_REJECT,
                 self->current != NULL && desk_entity_item_get_rejected (self->current) ? "again" : NULL, 0);
}
