/* desk-application.c: the application: one library, windows over it */
#define G_LOG_DOMAIN "desk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-store.h"
#include "desk-window.h"

struct _DeskApplication
{
  GtkApplication parent_instance;

  char *library_path;
  DeskStore *store;
};

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, GTK_TYPE_APPLICATION)

static void
show_fatal_error (DeskApplication *self,
                  const char      *message)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("The library cannot be opened"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window, created on first use over the one library of the process. */
static DeskWindow *
ensure_window (DeskApplication *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DESK_IS_WINDOW (window))
    return DESK_WINDOW (window);

  if (self->store == NULL)
    {
      g_autofree char *path = self->library_path ? g_strdup (self->library_path) : desk_store_default_path ();

      self->store = desk_store_open (path, &error);
      if (self->store == NULL)
        {
          show_fatal_error (self, error->message);
          return NULL;
        }
    }
  return desk_window_new (GTK_APPLICATION (self), self->store);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DeskApplication *self = user_data;
  static const char *developers[] = { "The Dialogue Desk developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Dialogue Desk"),
                         "logo-icon-name", APP_ID,
                         "version", VERSION,
                         "comments", _("Prepare a bilateral high-level dialogue from its sources"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* TRANSLATORS: your name, to be credited in the About dialog */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* closing lets each window save its state and stop its work */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static int
desk_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  DeskApplication *self = DESK_APPLICATION (application);
  const char *library = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("dialogue-desk %s\n", VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "library", "^&ay", &library))
    self->library_path = g_strdup (library);

  return G_APPLICATION_CLASS (desk_application_parent_class)->handle_local_options (application, options);
}

static void
desk_application_startup (GApplication *application)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Primary>q", NULL };

  G_APPLICATION_CLASS (desk_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);

  gtk_css_provider_load_from_resource (provider, "/org/dialoguedesk/DialogueDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
desk_application_activate (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);
  DeskWindow *window = ensure_window (self);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
}

static void
desk_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  DeskWindow *window = ensure_window (DESK_APPLICATION (application));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  desk_window_import (window, (const char * const *) paths->pdata);
}

static void
desk_application_finalize (GObject *object)
{
  DeskApplication *self = DESK_APPLICATION (object);

  g_free (self->library_path);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_application_parent_class)->finalize (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = desk_application_finalize;
  app_class->handle_local_options = desk_application_handle_local_options;
  app_class->startup = desk_application_startup;
  app_class->activate = desk_application_activate;
  app_class->open = desk_application_open;
}

static void
desk_application_init (DeskApplication *self)
{
  static const GOptionEntry options[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the library at PATH"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

DeskApplication *
desk_application_new (void)
{
  /* NON_UNIQUE: a second process may open another library */
  return g_object_new (DESK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/dialoguedesk/DialogueDesk",
                       NULL);
}
