/* test-brief.c: PDF briefs from the corpus, checked with poppler's tools and qpdf */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "desk-brief.h"
#include "desk-importer.h"
#include "desk-review.h"
#include "desk-section.h"
#include "desk-store.h"
#include "desk-test-util.h"

typedef struct
{
  char *dir;
  char *library;
  DeskStore *store;
  DeskAxes *axes;
  gint64 thesis;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { desk_test_corpus_dir (), NULL };

  f->dir = desk_test_make_tmpdir ();
  f->library = g_build_filename (f->dir, "library.db", NULL);
  importer = desk_importer_new (f->library);
  results = desk_importer_run (importer, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = desk_store_open (f->library, &error);
  g_assert_no_error (error);
  f->axes = desk_axes_load_default (&error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_update_axes (f->store, f->axes, NULL, &error), >=, 0);
  docs = desk_store_list_documents (f->store, &error);
  for (guint i = 0; i < docs->len; i++)
    if (g_str_has_suffix (desk_document_get_path (g_ptr_array_index (docs, i)), "003_afab1f356d31f7a2.txt"))
      f->thesis = desk_document_get_id (g_ptr_array_index (docs, i));
  g_assert_cmpint (f->thesis, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->axes, desk_axes_free);
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

/* Runs a tool on @pdf and returns what it printed; FALSE if it failed */
static char *
run_tool (const char *tool,
          const char *option,
          const char *pdf,
          gboolean   *clean)
{
  const char *argv[] = { tool, option, pdf, option ? "-" : NULL, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (option == NULL)
    {
      argv[1] = pdf;
      argv[2] = NULL;
    }
  else if (!g_str_equal (tool, "pdftotext"))
    argv[3] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (clean != NULL)
    *clean = g_spawn_check_wait_status (status, NULL) && (err == NULL || *err == '\0');
  else
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
info_field (const char *info,
            const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (field) + 1));
  return NULL;
}

/* Collects link destinations and named destinations from qpdf's JSON */
static void
walk_json (JsonNode   *node,
           GHashTable *links,
           GHashTable *names)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      if (json_object_has_member (o, "/Subtype") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "/Subtype")) &&
          g_strcmp0 (json_object_get_string_member (o, "/Subtype"), "/Link") == 0 && json_object_has_member (o, "/Dest"))
        g_hash_table_add (links, g_strdup (json_object_get_string_member (o, "/Dest")));
      if (json_object_has_member (o, "/Names") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "/Names")))
        {
          JsonArray *a = json_object_get_array_member (o, "/Names");
          for (guint i = 0; i + 1 < json_array_get_length (a); i += 2)
            g_hash_table_add (names, g_strdup (json_array_get_string_element (a, i)));
        }
      for (GList *l = members; l != NULL; l = l->next)
        walk_json (json_object_get_member (o, l->data), links, names);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        walk_json (json_array_get_element (a, i), links, names);
    }
}

typedef struct
{
  guint n_pages;
  char *text;
  char *info;
  GPtrArray *outline;   /* titles */
} Checked;

static void
checked_clear (Checked *c)
{
  g_free (c->text);
  g_free (c->info);
  g_clear_pointer (&c->outline, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checked, checked_clear)

static void
collect_outline (JsonArray *items,
                 GPtrArray *titles)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      /* every bookmark leads to a page */
      g_assert_false (json_node_is_null (json_object_get_member (o, "destpageposfrom1")));
      g_ptr_array_add (titles, g_strdup (json_object_get_string_member (o, "title")));
      collect_outline (json_object_get_array_member (o, "kids"), titles);
    }
}

/* What every brief must be: a sound PDF with embedded fonts, metadata,
 * bookmarks that lead somewhere and links whose targets exist. */
static void
check_pdf (const char *pdf,
           Checked    *c)
{
  g_autofree char *fonts = run_tool ("pdffonts", NULL, pdf, NULL);
  g_autofree char *check = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pages = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) font_lines = g_strsplit (fonts, "\n", -1);
  gboolean clean;
  GHashTableIter iter;
  gpointer key;

  c->info = run_tool ("pdfinfo", NULL, pdf, NULL);
  c->text = run_tool ("pdftotext", "-layout", pdf, NULL);
  pages = info_field (c->info, "Pages");
  c->n_pages = atoi (pages);

  /* fonts: some, all embedded */
  g_assert_cmpuint (g_strv_length (font_lines), >, 3);
  for (guint i = 2; font_lines[i] && *font_lines[i]; i++)
    g_assert_nonnull (strstr (font_lines[i], " yes "));

  /* qpdf finds nothing wrong */
  check = run_tool ("qpdf", "--check", pdf, &clean);
  g_assert_true (clean);
  g_assert_null (strstr (check, "WARNING"));

  /* bookmarks and links */
  {
    const char *argv[] = { "qpdf", "--json", pdf, NULL };
    g_autoptr(GError) error = NULL;
    JsonObject *root;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &json, NULL, NULL, &error);
    g_assert_no_error (error);
    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    c->outline = g_ptr_array_new_with_free_func (g_free);
    collect_outline (json_object_get_array_member (root, "outlines"), c->outline);
    walk_json (json_parser_get_root (parser), links, names);
  }
  g_assert_cmpuint (g_hash_table_size (links), >, 0);
  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (names, key))
        g_error ("link to %s leads nowhere", (char *) key);
    }
}

static gboolean
outline_has (Checked    *c,
             const char *title)
{
  for (guint i = 0; i < c->outline->len; i++)
    if (strstr (g_ptr_array_index (c->outline, i), title) != NULL)
      return TRUE;
  return FALSE;
}

/* pdftotext's words, with runs of spaces made one */
static gboolean
text_has (Checked    *c,
          const char *words)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *flat = g_regex_replace_literal (spaces, c->text, -1, 0, " ", 0, NULL);

  return strstr (flat, words) != NULL;
}

static void
test_spanish_axis (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new ("es");
  g_autofree char *pdf = g_build_filename (f->dir, "seguridad.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Checked) c = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *size = NULL;
  g_autofree char *last = NULL;
  guint n_pages = 0;

  options->title = g_strdup ("Diálogo Perú – Estados Unidos: seguridad y defensa");
  options->reviewer = g_strdup ("Ana Torres");
  desk_brief_options_add_axis (options, "pe-us.security");
  desk_brief_options_add_section (options, f->thesis, 12);
  g_assert_true (desk_brief_export (f->store, f->axes, options, pdf, NULL, NULL, NULL, &n_pages, &error));
  g_assert_no_error (error);
  check_pdf (pdf, &c);
  g_assert_cmpuint (c.n_pages, ==, n_pages);
  g_assert_cmpuint (c.n_pages, >=, 4);

  title = info_field (c.info, "Title");
  g_assert_cmpstr (title, ==, "Diálogo Perú – Estados Unidos: seguridad y defensa");
  g_free (title);
  title = info_field (c.info, "Author");
  g_assert_cmpstr (title, ==, "Ana Torres");
  size = info_field (c.info, "Page size");
  g_assert_nonnull (strstr (size, "(A4)"));
  g_free (title);
  title = info_field (c.info, "Subject");
  g_assert_nonnull (title);
  g_free (title);
  title = info_field (c.info, "CreationDate");
  g_assert_nonnull (title);

  /* Spanish words, every heading in the text and in the bookmarks */
  g_assert_true (text_has (&c, "USO INTERNO"));
  g_assert_true (text_has (&c, "Contenido"));
  g_assert_true (text_has (&c, "Página 2 de"));
  last = g_strdup_printf ("Página %u de %u", c.n_pages, c.n_pages);
  g_assert_true (text_has (&c, last));
  g_assert_true (text_has (&c, "1 Seguridad y defensa"));
  g_assert_true (outline_has (&c, "Seguridad y defensa"));
  g_assert_true (outline_has (&c, "Propuestas"));
  g_assert_true (outline_has (&c, "Hechos que la sustentan"));
  g_assert_true (outline_has (&c, "Fuentes"));
  g_assert_true (text_has (&c, "Fuentes"));
  g_assert_false (text_has (&c, "Page 2 of"));
  g_assert_false (text_has (&c, "Sources"));
  {
    g_autoptr(GPtrArray) sections = desk_store_get_sections (f->store, f->thesis, NULL);
    const char *section = desk_section_get_title (g_ptr_array_index (sections, 12));

    g_assert_true (outline_has (&c, section));
  }
}

static void
test_english_letter (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new ("en");
  g_autofree char *pdf = g_build_filename (f->dir, "facts.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) money = NULL;
  DeskFactFilter filter = { DESK_FACT_MONEY, -1, 0, NULL };
  g_auto(Checked) c = { 0 };
  g_autofree char *size = NULL;

  /* the officer's review: a correction shows, a rejected fact does not */
  money = desk_store_list_facts (f->store, &filter, &error);
  g_assert_cmpuint (money->len, >=, 3);
  g_assert_true (desk_review_set (f->store, ((DeskFactRow *) g_ptr_array_index (money, 0))->uid, "value", "USD 2,750,000", &error));
  g_assert_true (desk_review_set (f->store, ((DeskFactRow *) g_ptr_array_index (money, 1))->uid, "status", "rejected", &error));
  g_assert_true (desk_review_set (f->store, ((DeskFactRow *) g_ptr_array_index (money, 2))->uid, "note", "Ask the embassy", &error));

  options->paper = DESK_PAPER_LETTER;
  options->mark = g_strdup ("RESTRICTED");
  desk_brief_options_add_facts (options, DESK_FACT_MONEY, -1, 0);
  desk_brief_options_add_notes (options);
  desk_brief_options_add_axis (options, "pe-us.economy");
  g_assert_true (desk_brief_export (f->store, f->axes, options, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  check_pdf (pdf, &c);
  size = info_field (c.info, "Page size");
  g_assert_nonnull (strstr (size, "(letter)"));
  g_assert_true (text_has (&c, "RESTRICTED"));
  g_assert_true (text_has (&c, "Contents"));
  g_assert_true (text_has (&c, "Page 2 of"));
  g_assert_true (text_has (&c, "Sources"));
  g_assert_true (text_has (&c, "Review notes"));
  g_assert_true (text_has (&c, "Ask the embassy"));
  /* the correction read back, then written for people */
  g_assert_true (text_has (&c, "US$2.75 million"));
  g_assert_false (text_has (&c, "Página"));
  g_assert_true (outline_has (&c, "Facts: Money"));

  /* sums as people write them, in the brief's language */
  g_assert_true (text_has (&c, "US$3,679 million"));
  g_assert_false (text_has (&c, "3679000000"));
  {
    g_autoptr(DeskBriefOptions) spanish = desk_brief_options_new ("es");
    g_autofree char *es_pdf = g_build_filename (f->dir, "hechos.pdf", NULL);
    g_auto(Checked) es = { 0 };

    desk_brief_options_add_facts (spanish, DESK_FACT_MONEY, -1, 0);
    g_assert_true (desk_brief_export (f->store, f->axes, spanish, es_pdf, NULL, NULL, NULL, NULL, &error));
    check_pdf (es_pdf, &es);
    /* pdftotext writes the no-break spaces as spaces */
    g_assert_true (text_has (&es, "US$ 3679 millones"));
    g_assert_true (text_has (&es, "US$ 125 000 millones"));
    g_assert_false (text_has (&es, "3679000000"));
  }
}

/* Review notes reach the brief whole, however long: a row taller than
 * a page goes on over the pages after */
static void
test_long_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new ("en");
  g_autofree char *pdf = g_build_filename (f->dir, "notes.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) money = NULL;
  g_autoptr(GString) short_note = g_string_new (NULL);
  g_autoptr(GString) long_note = g_string_new (NULL);
  DeskFactFilter filter = { DESK_FACT_MONEY, -1, 0, NULL };
  g_auto(Checked) c = { 0 };

  /* 900 characters, and 7,200: some pages of the note's column */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (short_note, "s%04u ", i);
  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (long_note, "n%04u ", i);
  money = desk_store_list_facts (f->store, &filter, &error);
  g_assert_cmpuint (money->len, >=, 2);
  g_assert_true (desk_review_set (f->store, ((DeskFactRow *) g_ptr_array_index (money, 0))->uid, "note", short_note->str, &error));
  g_assert_true (desk_review_set (f->store, ((DeskFactRow *) g_ptr_array_index (money, 1))->uid, "note", long_note->str, &error));

  desk_brief_options_add_notes (options);
  g_assert_true (desk_brief_export (f->store, f->axes, options, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  check_pdf (pdf, &c);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *word = g_strdup_printf ("s%04u", i);
      if (!text_has (&c, word))
        g_error ("the brief lacks %s of the 900-character note", word);
    }
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *word = g_strdup_printf ("n%04u", i);
      if (!text_has (&c, word))
        g_error ("the brief lacks %s of the 7,200-character note", word);
    }
  /* the title page, the contents, and the note over several pages */
  g_assert_cmpuint (c.n_pages, >=, 5);
}

static void
test_bad_destination (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskBriefOptions) options = desk_brief_options_new ("es");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "brief.pdf", NULL);
  g_autofree char *locked_dir = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *locked = g_build_filename (locked_dir, "brief.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  desk_brief_options_add_axis (options, "pe-us.security");
  g_assert_false (desk_brief_export (f->store, f->axes, options, missing, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* nothing selected */
  {
    g_autoptr(DeskBriefOptions) empty = desk_brief_options_new ("en");
    g_assert_false (desk_brief_export (f->store, f->axes, empty, locked, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_EMPTY);
    g_clear_error (&error);
  }

  /* a cancelled export leaves nothing behind, not even its temporary file */
  g_assert_cmpint (g_mkdir (locked_dir, 0755), ==, 0);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (desk_brief_export (f->store, f->axes, options, locked, NULL, NULL, cancellable, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    dir = g_dir_open (locked_dir, 0, NULL);
    g_assert_null (g_dir_read_name (dir));
  }

  /* an unknown axis, a section the document does not have */
  {
    g_autoptr(DeskBriefOptions) wrong = desk_brief_options_new ("en");
    desk_brief_options_add_axis (wrong, "pe-us.nothing");
    g_assert_false (desk_brief_export (f->store, f->axes, wrong, locked, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "pe-us.nothing"));
    g_clear_error (&error);
  }
  {
    g_autoptr(DeskBriefOptions) wrong = desk_brief_options_new ("en");
    desk_brief_options_add_section (wrong, f->thesis, 9999);
    g_assert_false (desk_brief_export (f->store, f->axes, wrong, locked, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return g_test_run ();
    }
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/brief/spanish-axis", test_spanish_axis);
  ADD ("/brief/english-letter", test_english_letter);
  ADD ("/brief/bad-destination", test_bad_destination);
  ADD ("/brief/long-notes", test_long_notes);
#undef ADD

  return g_test_run ();
}
