/* timed-window.c: the application's window on a library, taken through
 * what an officer does first on a large one (the first frame, the Facts
 * view, its last fact, the last document, the Axes view), printing on
 * standard error how long each step took to reach the screen, and the
 * peak of memory so far, as "timing: STEP N ms (VmHWM: …)"; then, with
 * --import FOLDER, it imports that folder and reports when the import is
 * done ("timing: import N ms (…)"); then it quits.  tests/bench-gui.c
 * reads these lines, and tests/test-network.c runs it as the window that
 * opens, shows each view and a document, and quits by itself.
 *
 * usage: timed-window --library PATH [--import FOLDER] */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-facts-view.h"
#include "desk-locale.h"
#include "desk-window-private.h"

typedef struct
{
  DeskApplication *app;
  DeskWindow *window;
  const char *import;   /* a folder to import after the views, or NULL */
  gint64 since;         /* monotonic time of the step before */
  guint step;
} Timing;

/* The peak of memory so far, where the system tells it, as a line of
 * /proc/self/status ("" elsewhere) */
static char *
timing_peak_memory (void)
{
  g_autofree char *status = NULL;
  const char *peak;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (peak = strstr (status, "VmHWM:")) == NULL)
    return g_strdup ("");
  return g_strndup (peak, strcspn (peak, "\n"));
}

static gboolean
on_timing_import_poll_cb (gpointer user_data)
{
  Timing *timing = user_data;
  g_autofree char *peak = NULL;

  if (desk_window_is_importing (timing->window))
    return G_SOURCE_CONTINUE;
  peak = timing_peak_memory ();
  g_printerr ("timing: import %.1f ms (%s)\n", (g_get_monotonic_time () - timing->since) / 1000.0, peak);
  g_application_quit (G_APPLICATION (timing->app));
  return G_SOURCE_REMOVE;
}

static void
on_timing_after_paint_cb (GdkFrameClock *clock,
                          Timing        *timing)
{
  static const char * const steps[] = { "first frame", "facts view", "last fact", "last document", "axes view" };
  gint64 now = g_get_monotonic_time ();
  DeskFactsView *facts = desk_window_get_facts_view (timing->window);
  g_autofree char *peak = timing_peak_memory ();
  GListModel *list;

  g_printerr ("timing: %s %.1f ms (%s)\n", steps[timing->step], (now - timing->since) / 1000.0, peak);
  timing->since = now;
  switch (timing->step++)
    {
    case 0:
      desk_window_show_view (timing->window, "facts");
      break;
    case 1:
      list = desk_facts_view_get_visible (facts);
      if (g_list_model_get_n_items (list) > 0)
        desk_facts_view_select (facts, g_list_model_get_n_items (list) - 1);
      break;
    case 2:
      desk_window_show_view (timing->window, "documents");
      list = desk_window_get_documents (timing->window);
      if (g_list_model_get_n_items (list) > 0)
        desk_window_select_document (timing->window, g_list_model_get_n_items (list) - 1);
      break;
    case 3:
      desk_window_show_view (timing->window, "axes");
      break;
    default:
      g_signal_handlers_disconnect_by_data (clock, timing);
      if (timing->import != NULL)
        {
          const char *paths[] = { timing->import, NULL };

          desk_window_import (timing->window, paths);
          g_timeout_add (10, on_timing_import_poll_cb, timing);
        }
      else
        g_application_quit (G_APPLICATION (timing->app));
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (timing->window));
}

static void
on_timing_map_cb (GtkWidget *window,
                  Timing    *timing)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_timing_after_paint_cb), timing);
}

/* The main window, as the application makes it: timed from its mapping */
static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    Timing         *timing)
{
  if (timing->window != NULL || !DESK_IS_WINDOW (window) || gtk_widget_get_mapped (GTK_WIDGET (window)))
    return;
  timing->window = DESK_WINDOW (window);
  g_signal_connect (window, "map", G_CALLBACK (on_timing_map_cb), timing);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *import = NULL;
  const GOptionEntry entries[] = {
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, "Import FOLDER once the views are shown", "FOLDER" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskApplication) app = NULL;
  Timing timing = { 0 };

  /* the application's own options (--library) pass through */
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("timed-window: %s\n", error->message);
      return 2;
    }

  /* as src/main.c starts the application */
  desk_locale_init ();
  g_set_application_name (_("Dialogue Desk"));
  timing.since = g_get_monotonic_time ();
  app = desk_application_new ();
  timing.app = app;
  timing.import = import;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &timing);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
