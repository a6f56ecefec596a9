/* test-network.c: no network.  The command line, and with --window the
 * application's window, run with tests/no-network.c preloaded over
 * documents that point all over the Internet (remote images, scripts,
 * style sheets, frames, a redirect, links in a page, in Markdown and in a
 * PDF): none of them may open an Internet socket.  A probe first shows
 * that the guard catches one. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "desk-test-util.h"

#define REMOTE "http://192.0.2.1"   /* an address for documentation: nobody answers */

typedef struct
{
  char *dir;
  char *docs;
  char *library;
  char *log;
} Fixture;

static char *self_path;

static const char page[] =
  "<!doctype html><html><head><title>Reunión bilateral</title>"
  "<link rel=\"stylesheet\" href=\"" REMOTE "/estilo.css\">"
  "<script src=\"https://192.0.2.1/app.js\"></script>"
  "<meta http-equiv=\"refresh\" content=\"0; url=" REMOTE "/otra\">"
  "</head><body><h1>Reunión bilateral en Lima</h1>"
  "<p>El 5 de marzo de 2024 los cancilleres firmaron <a href=\"" REMOTE "/acuerdo\">el acuerdo</a> "
  "de cooperación por US$ 30 millones. <img src=\"" REMOTE "/foto.png\" alt=\"foto\"></p>"
  "<iframe src=\"" REMOTE "/marco\"></iframe><object data=\"" REMOTE "/objeto.swf\"></object>"
  "<video src=\"" REMOTE "/video.mp4\"></video>"
  "<p style=\"background: url(" REMOTE "/fondo.png)\">El comercio creció 12% en 2023.</p>"
  "</body></html>";

static const char notes[] =
  "# Notas de la reunión\n\n"
  "![Mapa](" REMOTE "/mapa.png)\n\n"
  "Véase [el comunicado](" REMOTE "/comunicado) del 6 de marzo de 2024, y <" REMOTE "/anexo>.\n";

/* A PDF whose text links to the Internet */
static void
write_linked_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Informe sobre el Acuerdo de Promoción Comercial, 2024.");
  cairo_tag_begin (cr, CAIRO_TAG_LINK, "uri='" REMOTE "/informe'");
  cairo_move_to (cr, 72, 130);
  cairo_show_text (cr, "Texto completo en el sitio del ministerio.");
  cairo_tag_end (cr, CAIRO_TAG_LINK);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = NULL;

  f->dir = desk_test_make_tmpdir ();
  f->docs = g_build_filename (f->dir, "documents", NULL);
  f->library = g_build_filename (f->dir, "library.db", NULL);
  f->log = g_build_filename (f->dir, "network.log", NULL);
  g_mkdir (f->docs, 0700);
  g_free (desk_test_write_file (f->docs, "reunion.html", page, -1));
  g_free (desk_test_write_file (f->docs, "notas.md", notes, -1));
  pdf = g_build_filename (f->docs, "informe.pdf", NULL);
  write_linked_pdf (pdf);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->docs);
  g_free (f->library);
  g_free (f->log);
}

/* Runs @argv with the guard preloaded, and @name=@value in its
 * environment when given; returns its exit status */
static int
run_guarded_with (Fixture            *f,
                  const char * const *argv,
                  const char         *name,
                  const char         *value)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *asan = NULL;
  const char *lib = g_getenv ("DESK_NO_NETWORK_LIB");
  int wait_status = 0;

  g_assert_nonnull (lib);
  env = g_environ_setenv (env, "LD_PRELOAD", lib, TRUE);
  env = g_environ_setenv (env, "DESK_NETWORK_LOG", f->log, TRUE);
  /* a sanitized build lets the guard come before its runtime */
  asan = g_strconcat (g_environ_getenv (env, "ASAN_OPTIONS") ? g_environ_getenv (env, "ASAN_OPTIONS") : "",
                      ":verify_asan_link_order=0", NULL);
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan, TRUE);
  if (name != NULL)
    env = g_environ_setenv (env, name, value, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static int
run_guarded (Fixture            *f,
             const char * const *argv)
{
  return run_guarded_with (f, argv, NULL, NULL);
}

static char *
network_log (Fixture *f)
{
  char *contents = NULL;

  if (!g_file_get_contents (f->log, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

/* The guard catches a socket: without this, an empty log would prove nothing */
static void
probe_guard (Fixture *f)
{
  const char *argv[] = { self_path, "--probe", NULL };
  g_autofree char *log = NULL;

  g_assert_cmpint (run_guarded (f, argv), ==, 0);
  log = network_log (f);
  g_assert_nonnull (strstr (log, "socket family"));
  g_unlink (f->log);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *brief = g_build_filename (f->dir, "brief.pdf", NULL);
  g_autofree char *review = g_build_filename (f->dir, "review.json", NULL);
  const char *cli = g_getenv ("DIALOGUE_DESK_CLI");
  const char *runs[][10] = {
    { cli, "--library", f->library, "import", f->docs, NULL },
    { cli, "--library", f->library, "documents", NULL },
    { cli, "--library", f->library, "show", "1", "--text", NULL },
    { cli, "--library", f->library, "show", "2", "--outline", NULL },
    { cli, "--library", f->library, "search", "acuerdo", NULL },
    { cli, "--library", f->library, "facts", "--json", NULL },
    { cli, "--library", f->library, "axes", NULL },
    { cli, "--library", f->library, "review", "start", "Sin red", NULL },
    { cli, "--library", f->library, "review", "end", NULL },
    { cli, "--library", f->library, "review", "export", review, NULL },
  };
  g_autofree char *log = NULL;

  probe_guard (f);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    g_assert_cmpint (run_guarded (f, runs[i]), ==, 0);
  {
    const char *export[] = { cli, "--library", f->library, "export-pdf", "--out", brief,
                             "--facts", "kind=money", "--notes", NULL };
    g_assert_cmpint (run_guarded (f, export), ==, 0);
    g_assert_true (g_file_test (brief, G_FILE_TEST_IS_REGULAR));
  }
  {
    /* an address given to import is refused, not fetched */
    const char *fetch[] = { cli, "--library", f->library, "import", REMOTE "/otro.html", NULL };
    g_assert_cmpint (run_guarded (f, fetch), !=, 0);
  }

  log = network_log (f);
  g_assert_cmpstr (log, ==, "");
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  const char *cli = g_getenv ("DIALOGUE_DESK_CLI");
  const char *gui = g_getenv ("DIALOGUE_DESK_TIMED_WINDOW");
  const char *import[] = { cli, "--library", f->library, "import", f->docs, NULL };
  const char *window[] = { gui, "--library", f->library, NULL };
  g_autofree char *log = NULL;

  g_assert_nonnull (gui);
  probe_guard (f);
  g_assert_cmpint (run_guarded (f, import), ==, 0);
  /* tests/timed-window.c: it opens, shows each view and a document, and quits */
  g_assert_cmpint (run_guarded (f, window), ==, 0);
  log = network_log (f);
  g_assert_cmpstr (log, ==, "");
}

int
main (int    argc,
      char **argv)
{
  gboolean window = FALSE;

  /* the probe: an Internet socket, which the guard must refuse */
  if (argc > 1 && g_str_equal (argv[1], "--probe"))
    return socket (AF_INET, SOCK_STREAM, 0) < 0 ? 0 : 1;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--window"))
      window = TRUE;

  g_test_init (&argc, &argv, NULL);
  self_path = g_canonicalize_filename (argv[0], NULL);

  if (window)
    g_test_add ("/network/none-from-window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  else
    g_test_add ("/network/none-from-command-line", Fixture, NULL, fixture_set_up, test_command_line, fixture_tear_down);

  return g_test_run ();
}
