/* test-import.c: importing real documents, and every kind of bad input */
#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "desk-importer.h"
#include "desk-reader.h"
#include "desk-store-private.h"
#include "desk-test-util.h"
#include "desk-tokenizer.h"

typedef struct
{
  char *dir;
  char *library;
  DeskImporter *importer;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = desk_test_make_tmpdir ();
  f->library = g_build_filename (f->dir, "library.db", NULL);
  f->importer = desk_importer_new (f->library);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->importer);
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

static GPtrArray *
import_paths (Fixture            *f,
              const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = desk_importer_run (f->importer, paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static guint
count_status (GPtrArray        *results,
              DeskImportStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    if (((DeskImportResult *) g_ptr_array_index (results, i))->status == status)
      n++;
  return n;
}

static DeskImportResult *
result_for (GPtrArray  *results,
            const char *path)
{
  for (guint i = 0; i < results->len; i++)
    {
      DeskImportResult *r = g_ptr_array_index (results, i);
      if (g_str_equal (r->path, path))
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

static DeskStore *
open_library (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (f->library, &error);

  g_assert_no_error (error);
  return store;
}

static void
assert_library_sound (Fixture *f,
                      gint64   expected_documents)
{
  g_autoptr(DeskStore) store = open_library (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = desk_store_check_integrity (store, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (desk_store_count_documents (store, NULL), ==, expected_documents);
}

/* The corpus */

static DeskDocument *
thesis (DeskStore *store)
{
  g_autoptr(GPtrArray) docs = desk_store_list_documents (store, NULL);

  for (guint i = 0; i < docs->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (docs, i);
      if (g_str_has_suffix (desk_document_get_path (doc), "003_afab1f356d31f7a2.txt") ||
          g_str_has_suffix (desk_document_get_path (doc), "thesis.pdf"))
        return g_object_ref (doc);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_corpus_once (Fixture       *f,
                  gconstpointer  data)
{
  const char *paths[] = { desk_test_corpus_dir (), NULL };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }

  first = import_paths (f, paths);
  g_assert_cmpuint (count_status (first, DESK_IMPORT_ADDED), ==, 5);
  g_assert_cmpuint (count_status (first, DESK_IMPORT_FAILED), ==, 0);
  second = import_paths (f, paths);
  g_assert_cmpuint (count_status (second, DESK_IMPORT_ADDED), ==, 0);
  g_assert_cmpuint (count_status (second, DESK_IMPORT_DUPLICATE), ==, 5);
  assert_library_sound (f, 5);

  {
    g_autoptr(DeskStore) store = open_library (f);
    g_autoptr(GPtrArray) docs = desk_store_list_documents (store, NULL);
    guint english = 0, mixed = 0;

    for (guint i = 0; i < docs->len; i++)
      {
        DeskDocument *doc = g_ptr_array_index (docs, i);
        if (g_str_equal (desk_document_get_language (doc), "en"))
          english++;
        if (g_str_equal (desk_document_get_languages (doc), "es en"))
          mixed++;
      }
    g_assert_cmpuint (english, ==, 2);
    g_assert_cmpuint (mixed, ==, 1);
  }
}

static GPtrArray *
outline_labels (DeskStore    *store,
                DeskDocument *doc)
{
  g_autoptr(GPtrArray) sections = desk_store_get_sections (store, desk_document_get_id (doc), NULL);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sections->len; i++)
    {
      DeskSection *s = g_ptr_array_index (sections, i);
      g_ptr_array_add (labels, g_strdup_printf ("%u|%s|%s", desk_section_get_depth (s),
                                                desk_section_get_number (s) ? desk_section_get_number (s) : "",
                                                desk_section_get_title (s)));
    }
  return labels;
}

static gboolean
has_label (GPtrArray  *labels,
           const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), label))
      return TRUE;
  return FALSE;
}

static void
check_thesis_outline (GPtrArray *labels)
{
  guint chapters = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      const char *title = strrchr (label, '|') + 1;

      if (strstr (label, "CAPÍTULO") != NULL)
        chapters++;
      /* no year, page number or citation as a heading */
      g_assert_false (g_regex_match_simple ("^[0-9]+\\.?$", title, 0, 0));
      g_assert_false (g_str_has_prefix (title, "("));
      g_assert_false (g_str_has_prefix (title, "2015"));
    }
  g_assert_cmpuint (chapters, ==, 3);
  g_assert_true (has_label (labels, "1|III|CAPÍTULO III: MECANISMO DE DIÁLOGO DE ALTO NIVEL PERÚ – ESTADOS UNIDOS DE AMÉRICA"));
  g_assert_true (has_label (labels, "3|3.1|Ejes Temáticos de Mutuo Interés para le Relación Bilateral"));
  g_assert_true (has_label (labels, "4|3.1.1|Asuntos Económicos, Comerciales, Inversiones y Turismo"));
  g_assert_true (has_label (labels, "4|3.1.2|Seguridad y Defensa"));
  g_assert_true (has_label (labels, "4|3.1.3|Gobernabilidad Democrática e Institucionalidad"));
  g_assert_true (has_label (labels, "2|3|Bases del Mecanismo de Diálogo de Alto Nivel Perú – EE. UU."));
  g_assert_true (has_label (labels, "4|4.3.1|Gobernanza y Asuntos Sociales y Desarrollo Sostenible"));
}

static void
test_thesis_structure (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskDocument) doc = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *source = NULL;
  guint source_lines = 0, paragraphs = 0;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }

  path = desk_test_corpus_file ("003_afab1f356d31f7a2.txt");
  paths[0] = path;
  results = import_paths (f, paths);
  g_assert_cmpuint (count_status (results, DESK_IMPORT_ADDED), ==, 1);

  store = open_library (f);
  doc = thesis (store);
  g_assert_cmpstr (desk_document_get_languages (doc), ==, "es en");
  labels = outline_labels (store, doc);
  check_thesis_outline (labels);

  /* paragraphs, not PDF lines; no page numbers; no hyphenation artefacts */
  text = desk_store_get_text (store, desk_document_get_id (doc), NULL);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  for (const char *p = source; *p; p++)
    source_lines += *p == '\n';
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      paragraphs++;
      g_assert_false (g_regex_match_simple ("^\\s*[0-9]+\\s*$", lines[i], 0, 0));
      g_assert_false (g_regex_match_simple ("[a-záéíóúñ]- [a-záéíóúñ]", lines[i], 0, 0));
    }
  g_assert_cmpuint (paragraphs * 4, <, source_lines);
  g_assert_nonnull (strstr (text, "el cual fue implementado el 1 de febrero del 2009."));
}

static char *
convert_to_pdf (const char *source,
                const char *outdir)
{
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", outdir);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (outdir, "thesis.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  int status = -1;
  const char *argv[] = { "soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", outdir, copy, NULL };

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_unlink (copy);
  return g_build_filename (outdir, "thesis.pdf", NULL);
}

static void
test_thesis_pdf_same_outline (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *text_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) text_labels = NULL;
  g_autoptr(GPtrArray) pdf_labels = NULL;
  const char *paths[3] = { NULL, NULL, NULL };

  if (!desk_test_have_corpus () || soffice == NULL)
    {
      g_test_skip ("needs the corpus and LibreOffice (build-aux/quickstart installs it)");
      return;
    }

  text_path = desk_test_corpus_file ("003_afab1f356d31f7a2.txt");
  pdf_path = convert_to_pdf (text_path, f->dir);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  paths[0] = text_path;
  paths[1] = pdf_path;
  results = import_paths (f, paths);
  g_assert_cmpuint (count_status (results, DESK_IMPORT_ADDED), ==, 2);

  store = open_library (f);
  docs = desk_store_list_documents (store, NULL);
  for (guint i = 0; i < docs->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (docs, i);
      if (g_str_equal (desk_document_get_format (doc), "pdf"))
        pdf_labels = outline_labels (store, doc);
      else
        text_labels = outline_labels (store, doc);
    }
  g_assert_nonnull (pdf_labels);
  g_assert_nonnull (text_labels);
  check_thesis_outline (pdf_labels);
  g_assert_cmpuint (pdf_labels->len, ==, text_labels->len);
  for (guint i = 0; i < pdf_labels->len; i++)
    g_assert_cmpstr (g_ptr_array_index (pdf_labels, i), ==, g_ptr_array_index (text_labels, i));
}

/* PDFs made here with cairo */

static char *
make_pdf (const char *dir,
          const char *name,
          guint       n_pages)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint page = 1; page <= n_pages; page++)
    {
      static const char * const topics[] = { "comercio", "turismo", "inversiones", "migracion", "energia" };
      g_autofree char *number = g_strdup_printf ("%u", page);

      cairo_move_to (cr, 60, 50);
      cairo_show_text (cr, "Informe de prueba - uso interno");
      for (guint line = 0; line < 6; line++)
        {
          g_autofree char *body = g_strdup_printf ("En la reunion %u los ministros trataron el tema de %s y", page * 10 + line,
                                                   topics[(page + line) % G_N_ELEMENTS (topics)]);
          cairo_move_to (cr, 60, 120 + 15 * line);
          cairo_show_text (cr, body);
        }
      cairo_move_to (cr, 60, 210);
      cairo_show_text (cr, "revisaron el plan de accion del eje de seguridad y defensa.");
      cairo_move_to (cr, 290, 800);
      cairo_show_text (cr, number);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static void
test_pdf_pages_cleaned (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = make_pdf (f->dir, "informe.pdf", 4);
  const char *paths[] = { pdf, NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (count_status (results, DESK_IMPORT_ADDED), ==, 1);
  store = open_library (f);
  docs = desk_store_list_documents (store, NULL);
  text = desk_store_get_text (store, desk_document_get_id (g_ptr_array_index (docs, 0)), NULL);

  g_assert_null (strstr (text, "Informe de prueba"));
  g_assert_false (g_regex_match_simple ("^[0-9]+$", text, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (text, "revisaron el plan de accion del eje de seguridad y defensa."));
  g_assert_nonnull (strstr (text, "En la reunion 40 los ministros"));
  g_assert_cmpstr (desk_document_get_format (g_ptr_array_index (docs, 0)), ==, "pdf");
}

/* Bad input: one batch, every failure named, the good file still imported */

static void
test_bad_inputs (Fixture       *f,
                 gconstpointer  data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  g_autofree char *good = desk_test_write_file (f->dir, "good.txt", "Un documento correcto sobre la cooperación bilateral.\n", -1);
  g_autofree char *bin = desk_test_write_file (f->dir, "image.txt", binary, sizeof binary - 1);
  g_autofree char *empty = desk_test_write_file (f->dir, "empty.txt", "", 0);
  g_autofree char *blank = desk_test_write_file (f->dir, "blank.md", "  \n\n \t\n", -1);
  g_autofree char *corrupt = desk_test_write_file (f->dir, "corrupt.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog", -1);
  g_autofree char *large = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.txt", NULL);
  g_autofree char *encrypted = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  struct { const char *path; int code; } expected[8];
  guint n = 0;

  for (int i = 0; i < 600; i++)
    g_string_append (big, "Una línea de un documento demasiado grande para el límite.\n");
  large = desk_test_write_file (f->dir, "large.txt", big->str, -1);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  expected[n].path = bin; expected[n++].code = DESK_IMPORT_ERROR_BINARY;
  expected[n].path = empty; expected[n++].code = DESK_IMPORT_ERROR_EMPTY;
  expected[n].path = blank; expected[n++].code = DESK_IMPORT_ERROR_EMPTY;
  expected[n].path = corrupt; expected[n++].code = DESK_IMPORT_ERROR_PDF_DAMAGED;
  expected[n].path = large; expected[n++].code = DESK_IMPORT_ERROR_TOO_LARGE;
  expected[n].path = missing; expected[n++].code = DESK_IMPORT_ERROR_NOT_FOUND;
  expected[n].path = fifo; expected[n++].code = DESK_IMPORT_ERROR_NOT_A_FILE;

  if (qpdf != NULL)
    {
      g_autofree char *plain = make_pdf (f->dir, "plain.pdf", 1);
      const char *argv[] = { "qpdf", "--encrypt", "secret", "owner", "256", "--", plain, NULL, NULL };
      int status = -1;

      encrypted = g_build_filename (f->dir, "protected.pdf", NULL);
      argv[7] = encrypted;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_unlink (plain);
      expected[n].path = encrypted; expected[n++].code = DESK_IMPORT_ERROR_PDF_ENCRYPTED;
    }
  else
    g_test_message ("qpdf is missing: the password-protected PDF case is not run");

  desk_importer_set_max_size (f->importer, 20000);
  g_ptr_array_add (paths, good);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (paths, (gpointer) expected[i].path);
  g_ptr_array_add (paths, NULL);
  results = import_paths (f, (const char * const *) paths->pdata);

  g_assert_cmpuint (results->len, ==, n + 1);
  g_assert_cmpint (result_for (results, good)->status, ==, DESK_IMPORT_ADDED);
  for (guint i = 0; i < n; i++)
    {
      DeskImportResult *r = result_for (results, expected[i].path);
      g_autofree char *base = g_path_get_basename (expected[i].path);

      g_assert_cmpint (r->status, ==, DESK_IMPORT_FAILED);
      g_assert_error (r->error, DESK_IMPORT_ERROR, expected[i].code);
      g_assert_nonnull (strstr (r->error->message, base));
    }
  assert_library_sound (f, 1);
}

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = desk_test_write_file (f->dir, "secret.txt", "Texto reservado.\n", -1);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) results = NULL;
  DeskImportResult *r;

  if (geteuid () == 0)
    {
      /* root reads every file; test-cli runs this case as an ordinary user */
      g_test_skip ("running as root");
      return;
    }
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  results = import_paths (f, paths);
  r = g_ptr_array_index (results, 0);
  g_assert_error (r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (r->error->message, "secret.txt"));
  assert_library_sound (f, 0);
}

/* A folder whose files lie deeper than the system's longest path: the
 * import says it cannot read them, rather than importing the rest and
 * reporting nothing failed */
static void
test_too_deep (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *top = g_build_filename (f->dir, "deep", NULL);
  g_autofree char *shallow = NULL;
  g_autofree char *name = g_strnfill (200, 'd');
  const char *paths[] = { top, NULL };
  g_autoptr(GPtrArray) results = NULL;
  guint added = 0, failed = 0;
  int fd;

  g_assert_cmpint (g_mkdir (top, 0700), ==, 0);
  shallow = desk_test_write_file (top, "near.txt", "Perú y Chile firmaron el 3 de mayo de 2018 un acuerdo.\n", -1);
  /* folders made one inside the other by their handles: no path names them */
  fd = open (top, O_RDONLY | O_DIRECTORY);
  g_assert_cmpint (fd, >=, 0);
  for (guint depth = 0; depth * (strlen (name) + 1) < 4500; depth++)
    {
      int next;

      g_assert_cmpint (mkdirat (fd, name, 0700), ==, 0);
      next = openat (fd, name, O_RDONLY | O_DIRECTORY);
      g_assert_cmpint (next, >=, 0);
      close (fd);
      fd = next;
    }
  {
    const char text[] = "El 12 de marzo de 2019 Perú firmó un acuerdo por US$ 5 millones.\n";
    int file = openat (fd, "far.txt", O_WRONLY | O_CREAT, 0600);

    g_assert_cmpint (file, >=, 0);
    g_assert_cmpint (write (file, text, sizeof text - 1), ==, sizeof text - 1);
    close (file);
  }
  close (fd);

  results = import_paths (f, paths);
  for (guint i = 0; i < results->len; i++)
    {
      DeskImportResult *r = g_ptr_array_index (results, i);

      if (r->status == DESK_IMPORT_ADDED)
        added++;
      else if (r->status == DESK_IMPORT_FAILED)
        {
          failed++;
          g_assert_error (r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE);
          g_assert_nonnull (strstr (r->error->message, "longer than the system allows"));
        }
    }
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (failed, ==, 1);

  /* the folders go before the test's own clean-up, from the inside */
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", top);
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
}

static void
test_windows_1252 (Fixture       *f,
                   gconstpointer  data)
{
  /* "Cooperación y comunicación: “diálogo”" in Windows-1252 */
  static const char latin[] = "Cooperaci\xf3n y comunicaci\xf3n: \x93" "di\xe1logo\x94 bilateral entre ambos pa\xedses.\n";
  g_autofree char *path = desk_test_write_file (f->dir, "latin.txt", latin, sizeof latin - 1);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (((DeskImportResult *) g_ptr_array_index (results, 0))->status, ==, DESK_IMPORT_ADDED);
  store = open_library (f);
  text = desk_store_get_text (store, ((DeskImportResult *) g_ptr_array_index (results, 0))->document_id, NULL);
  g_assert_cmpstr (text, ==, "Cooperación y comunicación: “diálogo” bilateral entre ambos países.");
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  const char *samples = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");
  const char *paths[] = { samples, NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = open_library (f);
  g_autoptr(GPtrArray) docs = desk_store_list_documents (store, NULL);
  g_autoptr(GHashTable) formats = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (count_status (results, DESK_IMPORT_FAILED), ==, 0);
  g_assert_cmpuint (docs->len, >=, 4);
  for (guint i = 0; i < docs->len; i++)
    {
      DeskDocument *doc = g_ptr_array_index (docs, i);
      g_autofree char *text = desk_store_get_text (store, desk_document_get_id (doc), NULL);

      g_hash_table_add (formats, (gpointer) desk_document_get_format (doc));
      g_assert_cmpuint (desk_document_get_n_sections (doc), >, 0);
      /* markup never reaches the text */
      g_assert_null (strstr (text, "<"));
      g_assert_null (strstr (text, "**"));
      g_assert_null (strstr (text, "console.log"));
      g_assert_null (strstr (text, "Todos los derechos"));
      if (g_str_equal (desk_document_get_format (doc), "html"))
        g_assert_cmpstr (desk_document_get_published (doc), ==, "2025-11-20");
    }
  g_assert_true (g_hash_table_contains (formats, "text"));
  g_assert_true (g_hash_table_contains (formats, "markdown"));
  g_assert_true (g_hash_table_contains (formats, "html"));
}

static void
cancel_after_first_cb (guint       done,
                       guint       total,
                       const char *current,
                       gpointer    user_data)
{
  if (done == 1)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = desk_test_write_file (f->dir, "a.txt", "Primer documento del lote.\n", -1);
  g_autofree char *b = desk_test_write_file (f->dir, "b.txt", "Segundo documento del lote.\n", -1);
  g_autofree char *c = desk_test_write_file (f->dir, "c.txt", "Tercer documento del lote.\n", -1);
  const char *paths[] = { a, b, c, NULL };

  results = desk_importer_run (f->importer, paths, cancel_after_first_cb, cancellable, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  assert_library_sound (f, 1);
}

static GHashTable *
fact_uids (DeskStore *store)
{
  g_autoptr(GPtrArray) rows = desk_store_list_facts (store, NULL, NULL);
  GHashTable *uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (uids, g_strdup (((DeskFactRow *) g_ptr_array_index (rows, i))->uid));
  return uids;
}

static void
test_facts_stored (Fixture       *f,
                   gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = open_library (f);
  g_autoptr(GPtrArray) rows = desk_store_list_facts (store, NULL, NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(DeskExtractor) extractor = desk_extractor_new (NULL);
  DeskFactFilter money = { DESK_FACT_MONEY, -1, 0 };
  g_autoptr(GPtrArray) money_rows = NULL;
  sqlite3 *db;
  g_autofree char *path = g_build_filename (f->dir, "library.db", NULL);

  g_assert_cmpuint (rows->len, >, 20);
  /* every stored fact points at its exact passage of the stored text */
  for (guint i = 0; i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);
      g_autofree char *text = desk_store_get_text (store, row->document_id, NULL);
      g_autofree char *passage = g_utf8_substring (text, row->fact.start, row->fact.end);

      g_assert_cmpstr (passage, ==, row->fact.text);
    }
  money_rows = desk_store_list_facts (store, &money, NULL);
  g_assert_cmpuint (money_rows->len, >=, 2);
  for (guint i = 0; i < money_rows->len; i++)
    g_assert_cmpint (((DeskFactRow *) g_ptr_array_index (money_rows, i))->fact.kind, ==, DESK_FACT_MONEY);

  /* new rules re-extract; facts still found keep their uids */
  before = fact_uids (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE documents SET extractor_version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (desk_store_update_facts (store, extractor, NULL, NULL), ==, (int) results->len);
  g_assert_cmpint (desk_store_update_facts (store, extractor, NULL, NULL), ==, 0);
  after = fact_uids (store);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (after, key));
  }

  /* a value older rules gave otherwise is indexed again with its new
   * words; the others keep theirs */
  {
    const char *uid = ((DeskFactRow *) g_ptr_array_index (money_rows, 0))->uid;
    g_autofree char *change = g_strdup_printf (
      "INSERT INTO facts_fts (facts_fts, rowid, text, value) SELECT 'delete', id, text, value FROM facts WHERE uid = '%s';"
      "UPDATE facts SET value = 'zanahoriazul' WHERE uid = '%s';"
      "INSERT INTO facts_fts (rowid, text, value) SELECT id, text, value FROM facts WHERE uid = '%s';"
      /* older rules gave it another modality, and found a fact the new
       * ones do not: the counts of facts by kind and modality follow */
      "UPDATE fact_counts SET n = n - 1 WHERE kind = 'money' AND modality = (SELECT modality FROM facts WHERE uid = '%s');"
      "UPDATE facts SET modality = 'intended' WHERE uid = '%s';"
      "INSERT INTO fact_counts (kind, modality, n) VALUES ('money', 'intended', 1) ON CONFLICT DO UPDATE SET n = n + 1;"
      "INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\", modality, confidence)"
      "  SELECT 'f-older-rules', document_id, 'percent', 'x', 'x', 0, 1, 'expected', 1 FROM facts WHERE uid = '%s';"
      "INSERT INTO facts_fts (rowid, text, value) SELECT id, text, value FROM facts WHERE uid = 'f-older-rules';"
      "INSERT INTO fact_counts (kind, modality, n) VALUES ('percent', 'expected', 1) ON CONFLICT DO UPDATE SET n = n + 1;"
      "UPDATE documents SET extractor_version = 0;", uid, uid, uid, uid, uid, uid);
    g_autofree char *found = NULL;
    g_autofree char *check = NULL;
    g_autofree char *modality_sql = g_strdup_printf ("SELECT modality FROM facts WHERE uid = '%s'", uid);
    g_autofree char *modality = desk_test_query_text (store, modality_sql);

    g_assert_cmpstr (modality, !=, "intended\t\n");
    g_assert_cmpint (sqlite3_exec (desk_store_get_db (store), change, NULL, NULL, NULL), ==, SQLITE_OK);
    check = desk_store_check_integrity (store, NULL);
    g_assert_cmpstr (check, ==, "ok");
    g_clear_pointer (&check, g_free);
    found = desk_test_query_text (store, "SELECT count (*) FROM facts_fts WHERE facts_fts MATCH 'zanahoriazul'");
    g_assert_cmpstr (found, ==, "1\t\n");
    g_assert_cmpint (desk_store_update_facts (store, extractor, NULL, NULL), ==, (int) results->len);
    g_free (found);
    found = desk_test_query_text (store, "SELECT count (*) FROM facts_fts WHERE facts_fts MATCH 'zanahoriazul'");
    g_assert_cmpstr (found, ==, "0\t\n");
    g_free (found);
    found = desk_test_query_text (store, "SELECT count (*) FROM facts WHERE value = 'zanahoriazul'");
    g_assert_cmpstr (found, ==, "0\t\n");
    g_free (found);
    found = desk_test_query_text (store, "SELECT count (*) FROM facts WHERE uid = 'f-older-rules'");
    g_assert_cmpstr (found, ==, "0\t\n");
    g_free (found);
    found = desk_test_query_text (store, modality_sql);
    g_assert_cmpstr (found, ==, modality);
    g_assert_cmpint (desk_store_count_facts (store, NULL), ==, (gint64) g_hash_table_size (before));
    g_assert_cmpint (sqlite3_exec (desk_store_get_db (store), "INSERT INTO facts_fts (facts_fts, rank) VALUES ('integrity-check', 1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    check = desk_store_check_integrity (store, NULL);
    g_assert_cmpstr (check, ==, "ok");
  }
}

/* Two documents that disagree: on a figure of one measure, and on
 * whether something was done */
#define CLAIMS_DONE \
  "Según cifras oficiales, la producción potencial de cocaína en el Perú alcanzó las 822 TM en el 2024.\n" \
  "El presidente Donald Trump designó al Perú como aliado estratégico extra OTAN.\n"
#define CLAIMS_NOT_DONE \
  "La producción potencial de cocaína en el Perú alcanzó las 950 TM en el 2024, según otro informe.\n" \
  "Por ahora, Donald Trump no ha designado al Perú como aliado estratégico extra OTAN.\n"

/* The words of documents and facts, recorded by the parser threads, go
 * into the index as tokenizing them on the writing thread would have put
 * them: the same as the index rebuilt from the library's own text */
static void
test_words_recorded (Fixture       *f,
                     gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL };
  guint before = desk_tokenizer_replayed ();
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = open_library (f);
  sqlite3 *db = desk_store_get_db (store);
  g_autofree char *documents = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *documents_rebuilt = NULL;
  g_autofree char *facts_rebuilt = NULL;
  gint64 n_documents = desk_test_count (store, "SELECT count (*) FROM documents");

  g_assert_cmpint (n_documents, >, 3);
  /* every document's text, and most facts' text */
  g_assert_cmpuint (desk_tokenizer_replayed () - before, >, n_documents + desk_test_count (store, "SELECT count (*) FROM facts") / 2);
  documents = desk_test_index_terms (db, "documents_fts");
  facts = desk_test_index_terms (db, "facts_fts");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');"
                                     "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild');"
                                     "DROP TABLE documents_fts_terms; DROP TABLE facts_fts_terms;", NULL, NULL, NULL), ==, SQLITE_OK);
  documents_rebuilt = desk_test_index_terms (db, "documents_fts");
  facts_rebuilt = desk_test_index_terms (db, "facts_fts");
  g_assert_cmpuint (strlen (documents), >, 10000);
  g_assert_cmpstr (documents, ==, documents_rebuilt);
  g_assert_cmpstr (facts, ==, facts_rebuilt);
  assert_library_sound (f, n_documents);
}

/* What a library holds of its documents, for comparing two imports */
static char *
library_contents (const char *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (library, &error);
  sqlite3 *db;
  GString *out = g_string_new (NULL);
  g_autofree char *rows = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *facts = NULL;

  g_assert_no_error (error);
  db = desk_store_get_db (store);
  rows = desk_test_query_text (store,
                               "SELECT d.uid || ' ' || d.title || ' ' || length (d.text) FROM documents d"
                               " UNION ALL SELECT f.uid || ' ' || f.kind || ' ' || f.value || ' ' || f.modality || ' '"
                               "  || coalesce (f.terms, '') || ' ' || f.text FROM facts f"
                               " UNION ALL SELECT d.uid || ' ' || s.sentence || ' ' || s.terms FROM sentence_terms s"
                               "  JOIN documents d ON d.id = s.document_id"
                               " UNION ALL SELECT c.a || ' ' || c.b || ' ' || c.reason FROM conflicts c"
                               " ORDER BY 1");
  documents = desk_test_index_terms (db, "documents_fts");
  facts = desk_test_index_terms (db, "facts_fts");
  g_string_append_printf (out, "%s\n%s\n%s", rows, documents, facts);
  return g_string_free (out, FALSE);
}

/* With a small memory budget (as the window imports), the importer writes
 * fewer documents at a time and does not record words ahead; what it
 * stores is the same as with the default budget */
static void
test_small_budget (Fixture       *f,
                   gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"),
                          desk_test_have_corpus () ? desk_test_corpus_dir () : NULL, NULL };
  g_autofree char *small_library = g_build_filename (f->dir, "small.db", NULL);
  g_autoptr(DeskImporter) small = desk_importer_new (small_library);
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(GPtrArray) small_results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *small_contents = NULL;
  guint before;

  desk_importer_set_memory_budget (small, 1);
  before = desk_tokenizer_replayed ();
  small_results = desk_importer_run (small, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* no words were recorded to be replayed */
  g_assert_cmpuint (desk_tokenizer_replayed (), ==, before);
  g_assert_cmpuint (count_status (small_results, DESK_IMPORT_ADDED), ==, count_status (results, DESK_IMPORT_ADDED));
  g_assert_cmpuint (count_status (small_results, DESK_IMPORT_ADDED), >, 3);

  contents = library_contents (f->library);
  small_contents = library_contents (small_library);
  g_assert_cmpuint (strlen (contents), >, 10000);
  g_assert_cmpstr (contents, ==, small_contents);
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = desk_test_write_file (f->dir, "a.txt", CLAIMS_DONE, -1);
  g_autofree char *b = desk_test_write_file (f->dir, "b.txt", CLAIMS_NOT_DONE, -1);
  g_autofree char *c = desk_test_write_file (f->dir, "c.txt",
    "El Perú exportó 40 TM de café a Alemania en el 2024.\n", -1);
  const char *paths[] = { a, b, c, NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = open_library (f);
  DeskFactFilter quantities = { DESK_FACT_QUANTITY, -1, 0 };
  g_autoptr(GPtrArray) rows = desk_store_list_facts (store, &quantities, NULL);
  gboolean figure = FALSE;

  g_assert_cmpuint (count_status (results, DESK_IMPORT_ADDED), ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) others = desk_store_list_conflicts (store, row->uid, NULL);

      if (g_str_equal (row->fact.value, "822 t"))
        {
          /* the same measure with another figure; the coffee exports are another measure */
          g_assert_cmpuint (others->len, ==, 1);
          g_assert_cmpstr (((DeskFactRow *) g_ptr_array_index (others, 0))->fact.value, ==, "950 t");
          figure = TRUE;
        }
      if (g_str_equal (row->fact.value, "40 t"))
        g_assert_cmpuint (others->len, ==, 0);
    }
  g_assert_true (figure);

  /* names are mentions of entities, not claims: they never disagree */
  {
    DeskFactFilter people = { DESK_FACT_PERSON, -1, 0 };
    g_autoptr(GPtrArray) persons = desk_store_list_facts (store, &people, NULL);

    g_assert_cmpuint (persons->len, ==, 0);
  }
}

/* Documents added to a library compare their facts with those already
 * there, without comparing the library's own facts again: the conflicts
 * are those a whole computation finds */
static void
test_conflicts_added (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const fillers[] = {
    "La ministra Ana Torres visitó Quito el 3 de marzo de 2023 con 12 funcionarios del Banco Mundial.\n"
    "El Banco Interamericano de Desarrollo aportó 5 millones de dólares a Bolivia en 2022.\n"
    "La cosecha de quinua en Puno llegó a %d toneladas en el 2021, según el Ministerio de Agricultura.\n",
    "El canciller Javier González Olaechea se reunió en Brasilia con la Organización de Estados Americanos.\n"
    "Las exportaciones de cobre a China sumaron %d millones de dólares en el 2023.\n"
    "La Comunidad Andina propuso ampliar el comercio con Colombia en un 15 %% hasta el 2026.\n",
  };
  g_autofree char *a = desk_test_write_file (f->dir, "a.txt", CLAIMS_DONE, -1);
  g_autofree char *b = desk_test_write_file (f->dir, "b.txt", CLAIMS_NOT_DONE, -1);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *whole = NULL, *added = NULL, *again = NULL, *state = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (first, g_strdup (a));
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("filler-%02u.txt", i);
      g_autofree char *text = g_strdup_printf (fillers[i % G_N_ELEMENTS (fillers)], 100 + 37 * i);

      g_ptr_array_add (first, desk_test_write_file (f->dir, name, text, -1));
    }
  g_ptr_array_add (first, NULL);
  g_ptr_array_unref (import_paths (f, (const char * const *) first->pdata));
  store = open_library (f);
  whole = desk_test_query_text (store, "SELECT value FROM library_state WHERE key = 'conflicts_whole'");
  g_assert_cmpstr (whole, !=, "");
  g_clear_object (&store);

  {
    const char *paths[] = { b, NULL };
    g_ptr_array_unref (import_paths (f, paths));
  }
  store = open_library (f);
  /* only the new facts were compared: the last whole computation is the same */
  state = desk_test_query_text (store, "SELECT value FROM library_state WHERE key = 'conflicts_whole'");
  g_assert_cmpstr (state, ==, whole);
  added = desk_test_query_text (store, "SELECT a, b, reason FROM conflicts ORDER BY a, b");
  /* the figures of the new document meet those of the first */
  g_assert_nonnull (strstr (added, "\tfigure\t"));

  /* computed whole, they are the same */
  g_assert_cmpint (sqlite3_exec (desk_store_get_db (store), "DELETE FROM library_state WHERE key = 'conflicts_through'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (desk_store_update_conflicts (store, &error));
  g_assert_no_error (error);
  again = desk_test_query_text (store, "SELECT a, b, reason FROM conflicts ORDER BY a, b");
  g_assert_cmpstr (added, ==, again);
  g_free (state);
  state = desk_test_query_text (store, "SELECT value FROM library_state WHERE key = 'conflicts_whole'");
  g_assert_cmpstr (state, !=, whole);
}

static gboolean
lists_fact (GPtrArray  *rows,
            const char *uid)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((DeskFactRow *) g_ptr_array_index (rows, i))->uid, uid))
      return TRUE;
  return FALSE;
}

static void
test_axes_assignment (Fixture       *f,
                      gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL };
  g_autoptr(GPtrArray) results = import_paths (f, paths);
  g_autoptr(DeskStore) store = open_library (f);
  g_autoptr(DeskAxes) axes = desk_axes_load_default (NULL);
  g_autoptr(GPtrArray) security = desk_store_list_axis_facts (store, "pe-us.security", -1, NULL);
  g_autoptr(GPtrArray) all = desk_store_list_facts (store, NULL, NULL);
  g_autoptr(GPtrArray) found = desk_store_list_found_axes (store, NULL);
  g_autofree char *taken_off = NULL;
  g_autofree char *put_on = NULL;
  const char *found_security = NULL;
  sqlite3 *db;

  g_assert_cmpuint (security->len, >, 0);
  for (guint i = 0; i + 1 < security->len; i++)
    g_assert_cmpfloat (((DeskFactRow *) g_ptr_array_index (security, i))->score, >=,
                       ((DeskFactRow *) g_ptr_array_index (security, i + 1))->score);

  /* the officer takes one fact off and puts another on */
  taken_off = g_strdup (((DeskFactRow *) g_ptr_array_index (security, 0))->uid);
  for (guint i = 0; i < all->len && put_on == NULL; i++)
    if (!lists_fact (security, ((DeskFactRow *) g_ptr_array_index (all, i))->uid))
      put_on = g_strdup (((DeskFactRow *) g_ptr_array_index (all, i))->uid);
  g_assert_nonnull (put_on);
  g_assert_true (desk_store_set_axis_assignment (store, "pe-us.security", taken_off, FALSE, NULL));
  g_assert_true (desk_store_set_axis_assignment (store, "pe-us.security", put_on, TRUE, NULL));

  /* scoring again (new rules, new axes file) keeps the officer's word */
  g_assert_cmpint (sqlite3_open (desk_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM axes_stamps", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (desk_store_update_axes (store, axes, NULL, NULL), ==, (int) results->len);
  g_assert_cmpint (desk_store_update_axes (store, axes, NULL, NULL), ==, 0);
  /* and so does extracting the facts again under new rules */
  g_assert_cmpint (sqlite3_open (desk_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE documents SET extractor_version = 0; DELETE FROM axes_stamps", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr(DeskExtractor) extractor = desk_extractor_new (NULL);
    g_assert_cmpint (desk_store_update_facts (store, extractor, NULL, NULL), ==, (int) results->len);
    g_assert_cmpint (desk_store_update_axes (store, axes, NULL, NULL), ==, (int) results->len);
  }
  {
    g_autoptr(GPtrArray) again = desk_store_list_axis_facts (store, "pe-us.security", -1, NULL);

    g_assert_false (lists_fact (again, taken_off));
    g_assert_true (lists_fact (again, put_on));
  }

  /* data/samples/ejes-tematicos.md proposes its own axes */
  for (guint i = 0; i < found->len; i++)
    {
      DeskFoundAxisRow *row = g_ptr_array_index (found, i);
      if (g_str_equal (row->name, "Seguridad y defensa"))
        found_security = row->id;
    }
  g_assert_nonnull (found_security);
  g_assert_true (desk_store_merge_found_axis (store, found_security, "pe-us.governance", NULL));
  {
    g_autoptr(GPtrArray) governance = desk_store_list_axis_facts (store, "pe-us.governance", DESK_FACT_PROPOSAL, NULL);
    gboolean merged = FALSE;

    /* its proposals now stand under the axis it was merged into */
    for (guint i = 0; i < governance->len; i++)
      if (strstr (((DeskFactRow *) g_ptr_array_index (governance, i))->fact.text, "inteligencia") != NULL)
        merged = TRUE;
    g_assert_true (merged);
  }
  g_assert_false (desk_store_merge_found_axis (store, "no-such-axis", "pe-us.security", NULL));
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  guint progress_calls;
  GThread *main_thread;
} AsyncState;

static void
async_progress_cb (guint       done,
                   guint       total,
                   const char *current,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  /* progress arrives in the caller's thread, where widgets live */
  g_assert_true (g_thread_self () == state->main_thread);
  state->progress_calls++;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->results = desk_importer_run_finish (DESK_IMPORTER (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  const char *paths[] = { g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL };
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  desk_importer_run_async (f->importer, paths, async_progress_cb, &state, NULL, async_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_nonnull (state.results);
  g_assert_cmpuint (count_status (state.results, DESK_IMPORT_ADDED), ==, state.results->len);
  g_assert_cmpuint (state.progress_calls, >=, state.results->len);
  g_ptr_array_unref (state.results);
  g_main_loop_unref (state.loop);
}

/* What keeps time and memory bounded whatever the file: a file far over
 * the size limit is refused before it is read, a line of megabytes is cut
 * into paragraphs, a document of more facts than the limit keeps the
 * first ones, and a search longer than its limit is refused */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *huge = g_build_filename (f->dir, "huge.txt", NULL);
  g_autofree char *line = g_build_filename (f->dir, "line.txt", NULL);
  g_autofree char *dense = g_build_filename (f->dir, "dense.txt", NULL);
  const char *paths[] = { huge, line, dense, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  DeskImportResult *r;
  glong line_chars;
  int fd;

  /* 200 MB, sparse: it takes no room */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 200 * 1024 * 1024), ==, 0);
  close (fd);

  /* 10 MB without a line break */
  {
    const char *sentence = "La cooperación entre Perú y Estados Unidos en seguridad y comercio se amplió. ";
    gsize n = strlen (sentence);
    g_autoptr(GString) text = g_string_sized_new (10 * 1024 * 1024 + n);

    while (text->len < 10 * 1024 * 1024)
      g_string_append_len (text, sentence, n);
    g_assert_true (g_file_set_contents (line, text->str, text->len, NULL));
    line_chars = g_utf8_strlen (text->str, text->len);
  }

  /* a percentage every few words, more than the facts kept of one document */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < DESK_EXTRACT_MAX_FACTS + 5000; i++)
      g_string_append_printf (text, "Subió %u%%. ", i % 90 + 1);
    g_assert_true (g_file_set_contents (dense, text->str, text->len, NULL));
  }

  results = import_paths (f, paths);
  g_assert_cmpuint (results->len, ==, 3);

  r = result_for (results, huge);
  g_assert_cmpint (r->status, ==, DESK_IMPORT_FAILED);
  g_assert_error (r->error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (r->error->message, "huge.txt"));

  store = desk_store_open (f->library, &error);
  g_assert_no_error (error);

  r = result_for (results, line);
  g_assert_cmpint (r->status, ==, DESK_IMPORT_ADDED);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT max (\"end\" - start) FROM paragraphs WHERE document_id = %" G_GINT64_FORMAT,
                                            r->document_id);
    g_autofree char *count = g_strdup_printf ("SELECT count (*) FROM paragraphs WHERE document_id = %" G_GINT64_FORMAT,
                                              r->document_id);
    g_autofree char *length = g_strdup_printf ("SELECT n_chars FROM documents WHERE id = %" G_GINT64_FORMAT, r->document_id);

    g_assert_cmpint (desk_test_count (store, sql), <=, 32 * 1024);
    g_assert_cmpint (desk_test_count (store, count), >=, 300);
    /* nothing of the text is lost but the spaces where it was cut */
    g_assert_cmpint (desk_test_count (store, length), >=, line_chars - 2000);
  }

  r = result_for (results, dense);
  g_assert_cmpint (r->status, ==, DESK_IMPORT_ADDED);
  g_assert_true (r->facts_limited);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM facts WHERE document_id = %" G_GINT64_FORMAT, r->document_id);
    g_assert_cmpint (desk_test_count (store, sql), ==, DESK_EXTRACT_MAX_FACTS);
  }

  /* a search too long is refused, saying so */
  {
    g_autoptr(GString) query = g_string_new (NULL);
    g_autoptr(GPtrArray) hits = NULL;

    while (g_utf8_strlen (query->str, -1) <= DESK_STORE_MAX_QUERY)
      g_string_append (query, "cooperación ");
    hits = desk_store_search (store, query->str, 20, &error);
    g_assert_null (hits);
    g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_QUERY);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import/corpus-once", test_corpus_once);
  ADD ("/import/words-recorded", test_words_recorded);
  ADD ("/import/small-budget", test_small_budget);
  ADD ("/import/thesis-structure", test_thesis_structure);
  ADD ("/import/thesis-pdf-same-outline", test_thesis_pdf_same_outline);
  ADD ("/import/pdf-pages-cleaned", test_pdf_pages_cleaned);
  ADD ("/import/bad-inputs", test_bad_inputs);
  ADD ("/import/unreadable-file", test_unreadable_file);
  ADD ("/import/too-deep", test_too_deep);
  ADD ("/import/windows-1252", test_windows_1252);
  ADD ("/import/formats", test_formats);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/async", test_async);
  ADD ("/import/facts-stored", test_facts_stored);
  ADD ("/import/conflicts", test_conflicts);
  ADD ("/import/conflicts-added", test_conflicts_added);
  ADD ("/import/axes-assignment", test_axes_assignment);
  ADD ("/import/limits", test_limits);
#undef ADD

  return g_test_run ();
}
