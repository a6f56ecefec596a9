/* desk-entity-dialog.c: the small dialogs that ask what a decision on
 * an entity needs: its new name, the entity to merge it into (found by
 * words, from the library's list), the name to split off, its kind */
#define G_LOG_DOMAIN "desk-entity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-entities-view-private.h"
#include "desk-entity-dialog.h"
#include "desk-entity-list.h"
#include "desk-format.h"

const DeskFactKind desk_entity_kinds[3] = { DESK_FACT_PERSON, DESK_FACT_ORG, DESK_FACT_PLACE };

typedef struct
{
  DeskEntitiesView *view;
  DeskEntityDecision what;
  GtkWidget *entry;          /* the new name */
  GtkWidget *dropdown;       /* an alias or a kind */
  GtkSingleSelection *choice;/* the entity to merge into */
  DeskEntityList *others;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_object_unref (ask->view);
  g_clear_object (&ask->choice);
  g_clear_object (&ask->others);
  g_free (ask);
}

static void
on_ask_response_cb (GtkDialog *dialog,
                    int        response,
                    Ask       *ask)
{
  DeskEntitiesView *self = ask->view;

  if (response == GTK_RESPONSE_ACCEPT)
    switch (ask->what)
      {
      case DESK_ENTITY_DECISION_RENAME:
        {
          g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));

          if (*name != '\0')
            desk_entities_view_rename (self, name);
        }
        break;
      case DESK_ENTITY_DECISION_MERGE:
        {
          DeskEntityItem *into = gtk_single_selection_get_selected_item (ask->choice);

          if (into != NULL)
            desk_entities_view_merge_into (self, desk_entity_item_get_uid (into));
        }
        break;
      case DESK_ENTITY_DECISION_SPLIT:
        {
          GtkStringObject *form = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (ask->dropdown));

          if (form != NULL)
            desk_entities_view_split (self, gtk_string_object_get_string (form));
        }
        break;
      case DESK_ENTITY_DECISION_KIND:
        {
          guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->dropdown));

          if (i < G_N_ELEMENTS (desk_entity_kinds))
            desk_entities_view_set_kind (self, desk_entity_kinds[i]);
        }
        break;
      case DESK_ENTITY_DECISION_REJECT:
      default:
        break;
      }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_ask_entry_activate_cb (GtkWidget *entry,
                          GtkDialog *dialog)
{
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
}

static void
on_others_changed_cb (GtkEditable *entry,
                      Ask         *ask)
{
  g_autoptr(GError) error = NULL;

  desk_entity_list_set_words (ask->others, gtk_editable_get_text (entry));
  if (!desk_entity_list_reload (ask->others, &error))
    g_warning ("Cannot read the names: %s", error->message);
}

static void
on_other_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_other_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  DeskEntityItem *entity = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  /* TRANSLATORS: an entity to merge into: its name, kind and mentions */
  text = g_strdup_printf (_("%s (%s, %u)"), desk_entity_item_get_name (entity),
                          desk_format_fact_kind (desk_entity_item_get_kind (entity)),
                          (guint) desk_entity_item_get_n_mentions (entity));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* A modal dialog asking what @what needs to be decided of @item, the
 * entity @view shows; accepted, the view makes the decision */
void
desk_entity_dialog_ask (DeskEntitiesView   *view,
                        DeskStore          *store,
                        DeskEntityItem     *item,
                        DeskEntityDecision  what)
{
  DeskEntitiesView *self = view;
  const char *name;
  g_autofree char *title = NULL;
  const char *accept = NULL;
  GtkWidget *dialog, *content, *label;
  Ask *a;
  GtkRoot *root;

  g_return_if_fail (DESK_IS_ENTITIES_VIEW (view));
  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (DESK_IS_ENTITY_ITEM (item));

  name = desk_entity_item_get_name (item);
  a = g_new0 (Ask, 1);
  root = gtk_widget_get_root (GTK_WIDGET (self));

  a->view = g_object_ref (self);
  a->what = what;
  switch (what)
    {
    case DESK_ENTITY_DECISION_RENAME:
      title = g_strdup_printf (_("Rename “%s”"), name);
      accept = _("_Rename");
      break;
    case DESK_ENTITY_DECISION_MERGE:
      title = g_strdup_printf (_("Merge “%s” into…"), name);
      accept = _("_Merge");
      break;
    case DESK_ENTITY_DECISION_SPLIT:
      title = g_strdup_printf (_("Split a name off “%s”"), name);
      accept = _("_Split Off");
      break;
    case DESK_ENTITY_DECISION_KIND:
    case DESK_ENTITY_DECISION_REJECT:
    default:
      title = g_strdup_printf (_("Kind of “%s”"), name);
      accept = _("_Change");
      break;
    }
  dialog = gtk_dialog_new_with_buttons (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL, accept, GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  content = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  gtk_box_set_spacing (GTK_BOX (content), 6);
  g_object_set (content, "margin-start", 12, "margin-end", 12, "margin-top", 12, "margin-bottom", 12, NULL);

  switch (what)
    {
    case DESK_ENTITY_DECISION_RENAME:
      label = gtk_label_new_with_mnemonic (_("_New name"));
      a->entry = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (a->entry), name);
      g_signal_connect (a->entry, "activate", G_CALLBACK (on_ask_entry_activate_cb), dialog);
      gtk_widget_set_size_request (a->entry, 320, -1);
      break;
    case DESK_ENTITY_DECISION_MERGE:
      {
        GtkWidget *scrolled = gtk_scrolled_window_new ();
        GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
        GtkWidget *list_view;

        label = gtk_label_new_with_mnemonic (_("_Find the entity it is the same as"));
        a->entry = gtk_search_entry_new ();
        a->others = desk_entity_list_new (store);
        desk_entity_list_reload (a->others, NULL);
        a->choice = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (a->others)));
        g_signal_connect (a->entry, "search-changed", G_CALLBACK (on_others_changed_cb), a);
        g_signal_connect (factory, "setup", G_CALLBACK (on_other_setup_cb), NULL);
        g_signal_connect (factory, "bind", G_CALLBACK (on_other_bind_cb), NULL);
        list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (a->choice)), factory);
        gtk_accessible_update_property (GTK_ACCESSIBLE (list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Entities to merge into"), -1);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
        gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
        gtk_box_append (GTK_BOX (content), label);
        gtk_box_append (GTK_BOX (content), a->entry);
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), a->entry);
        gtk_widget_set_halign (label, GTK_ALIGN_START);
        gtk_box_append (GTK_BOX (content), scrolled);
        label = NULL;
      }
      break;
    case DESK_ENTITY_DECISION_SPLIT:
      label = gtk_label_new_with_mnemonic (_("_Name to make an entity of its own"));
      a->dropdown = gtk_drop_down_new_from_strings (desk_entity_item_get_aliases (item));
      break;
    case DESK_ENTITY_DECISION_KIND:
    case DESK_ENTITY_DECISION_REJECT:
    default:
      {
        const char *names[G_N_ELEMENTS (desk_entity_kinds) + 1] = { NULL };

        for (guint i = 0; i < G_N_ELEMENTS (desk_entity_kinds); i++)
          names[i] = desk_format_fact_kind (desk_entity_kinds[i]);
        label = gtk_label_new_with_mnemonic (_("_Kind"));
        a->dropdown = gtk_drop_down_new_from_strings (names);
        for (guint i = 0; i < G_N_ELEMENTS (desk_entity_kinds); i++)
          if (desk_entity_kinds[i] == desk_entity_item_get_kind (item))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (a->dropdown), i);
      }
      break;
    }
  if (label != NULL)
    {
      GtkWidget *field = a->entry ? a->entry : a->dropdown;

      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
      gtk_box_append (GTK_BOX (content), label);
      gtk_box_append (GTK_BOX (content), field);
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response_cb), a, (GClosureNotify) (void (*) (void)) ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
