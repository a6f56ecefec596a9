/* desk-drop-down.c: drop-downs of long names that show the chosen one shortened */
#define G_LOG_DOMAIN "desk-drop-down"

#include "config.h"

#include "desk-document.h"
#include "desk-drop-down.h"
#include "desk-format.h"

static void
on_ellipsized_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  desk_format_label_tooltip (label);
  gtk_list_item_set_child (item, label);
}

static void
on_string_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  gpointer object = gtk_list_item_get_item (item);
  /* the document filter lists "All documents", then documents */
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (object)
                     : DESK_IS_DOCUMENT (object) ? desk_document_get_title (object) : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_plain_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

/* A drop-down of long names (strings or documents) that shows the chosen
 * one shortened, so that the pane it is in stays narrow; the list shows
 * them whole. */
void
desk_drop_down_shorten (GtkDropDown *dropdown)
{
  GtkListItemFactory *button = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_signal_connect (button, "setup", G_CALLBACK (on_ellipsized_setup_cb), NULL);
  g_signal_connect (button, "bind", G_CALLBACK (on_string_bind_cb), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (on_plain_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (on_string_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
  g_object_unref (button);
  g_object_unref (list);
}
