/* test-cli.c: dialogue-desk-cli as an officer runs it */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "desk-review.h"
#include "desk-store.h"
#include "desk-test-util.h"

typedef struct
{
  char *dir;
  char *library;
} Fixture;

typedef struct
{
  char *out;
  char *err;
  int status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = desk_test_make_tmpdir ();
  f->library = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  desk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

/* Runs the CLI with --library and @args (NULL-terminated), in @language. */
static void
run_cli_full (Run         *run,
              const char  *library,
              const char  *language,
              const char **prefix,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *arg;
  int wait_status = 0;

  for (guint i = 0; prefix && prefix[i]; i++)
    g_ptr_array_add (argv, (gpointer) prefix[i]);
  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
  if (library != NULL)
    {
      g_ptr_array_add (argv, "--library");
      g_ptr_array_add (argv, (gpointer) library);
    }
  va_start (ap, prefix);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  env = g_environ_unsetenv (env, "DIALOGUE_DESK_LIBRARY");
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

#define run_cli(run, f, ...) run_cli_full (run, (f)->library, "en", NULL, __VA_ARGS__, NULL)

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
thesis_id (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *docs;

  run_cli (&run, f, "documents", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  docs = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      if (g_str_has_suffix (json_object_get_string_member (doc, "path"), "003_afab1f356d31f7a2.txt"))
        return json_object_get_int_member (doc, "id");
    }
  g_assert_not_reached ();
  return 0;
}

static void
import_corpus (Fixture *f)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, f, "import", desk_test_corpus_dir ());
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_import_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) list = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }

  run_cli (&first, f, "import", desk_test_corpus_dir ());
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.err, "5 added, 0 already in the library, 0 failed"));
  run_cli (&second, f, "import", desk_test_corpus_dir ());
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.err, "0 added, 5 already in the library, 0 failed"));
  /* progress is for terminals only */
  g_assert_null (strstr (second.err, "Importing"));

  run_cli (&list, f, "documents", "--json");
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 5);
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) outline = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }
  import_corpus (f);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, thesis_id (f));

  run_cli (&outline, f, "show", id, "--outline");
  g_assert_cmpint (outline.status, ==, 0);
  g_assert_nonnull (strstr (outline.out, "\nCAPÍTULO III: MECANISMO DE DIÁLOGO DE ALTO NIVEL PERÚ – ESTADOS UNIDOS DE AMÉRICA\n"));
  g_assert_nonnull (strstr (outline.out, "\n    3.1 Ejes Temáticos de Mutuo Interés para le Relación Bilateral\n"
                                         "      3.1.1 Asuntos Económicos, Comerciales, Inversiones y Turismo\n"
                                         "      3.1.2 Seguridad y Defensa\n"
                                         "      3.1.3 Gobernabilidad Democrática e Institucionalidad\n"));
  g_assert_false (g_regex_match_simple ("^\\s*(19|20)\\d\\d\\b", outline.out, G_REGEX_MULTILINE, 0));

  run_cli (&text, f, "show", id, "--text");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_false (g_regex_match_simple ("^\\s*\\d+\\s*$", text.out, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (text.out, "\n3.1.2. Seguridad y Defensa\n"));

  run_cli (&json, f, "show", id, "--json");
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  {
    JsonObject *doc = json_node_get_object (root);
    JsonArray *outline_entries = json_object_get_array_member (doc, "outline");
    JsonArray *langs = json_object_get_array_member (doc, "languages");
    const char *body = json_object_get_string_member (doc, "text");
    gboolean found = FALSE;

    g_assert_cmpuint (json_array_get_length (langs), ==, 2);
    for (guint i = 0; i < json_array_get_length (outline_entries); i++)
      {
        JsonObject *s = json_array_get_object_element (outline_entries, i);
        if (g_strcmp0 (json_object_get_string_member (s, "number"), "3.1.2") == 0)
          {
            /* start is a code-point offset into text */
            g_autofree char *heading = g_utf8_substring (body, json_object_get_int_member (s, "start"),
                                                         json_object_get_int_member (s, "start") + 26);
            g_assert_cmpstr (heading, ==, "3.1.2. Seguridad y Defensa");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

static GHashTable *
search_ids (Fixture    *f,
            const char *query)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JsonArray *hits;

  run_cli (&run, f, "search", "--json", query);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  hits = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (hit, "id");
      g_hash_table_add (ids, id);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (hit, "highlights")), >, 0);
      g_assert_cmpstr (json_object_get_string_member (hit, "snippet"), !=, "");
      if (i > 0)
        g_assert_cmpfloat (json_object_get_double_member (hit, "rank"), >=,
                           json_object_get_double_member (json_array_get_object_element (hits, i - 1), "rank"));
    }
  return ids;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  g_auto(Run) text = { 0 };
  gint64 thesis;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }
  import_corpus (f);
  thesis = thesis_id (f);

  a = search_ids (f, "cooperacion");
  b = search_ids (f, "cooperar");
  /* the three Spanish documents say "cooperación" */
  g_assert_cmpuint (g_hash_table_size (a), >=, 3);
  g_assert_true (g_hash_table_contains (a, &thesis));
  g_assert_true (g_hash_table_contains (b, &thesis));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, a);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (b, key));
  }

  run_cli (&text, f, "search", "Seguridad y Defensa");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "1. ["));
  g_assert_true (g_regex_match_simple ("\\[[Ss]eguridad\\]", text.out, 0, 0));
}

static void
test_extract_and_facts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = desk_test_write_file (f->dir, "nota.txt",
                                                "El 1 de febrero del 2009 el Perú recibió US$ 3,679 millones (MRE, 2014).\n", -1);
  g_auto(Run) extract = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) facts = { 0 };
  g_auto(Run) bad_kind = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) stored = NULL;
  gboolean date = FALSE, money = FALSE, citation = FALSE;

  /* no library needed: none is created */
  run_cli (&extract, f, "extract", "--json", path);
  g_assert_cmpint (extract.status, ==, 0);
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
  root = parse_json (extract.out);
  {
    JsonObject *doc = json_node_get_object (root);
    JsonArray *list = json_object_get_array_member (doc, "facts");

    g_assert_cmpstr (json_object_get_string_member (doc, "file"), ==, path);
    g_assert_cmpstr (json_object_get_string_member (doc, "language"), ==, "es");
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *fact = json_array_get_object_element (list, i);
        const char *kind = json_object_get_string_member (fact, "kind");
        const char *value = json_object_get_string_member (fact, "value");

        g_assert_true (json_object_has_member (fact, "start") && json_object_has_member (fact, "end"));
        g_assert_true (json_object_has_member (fact, "modality") && json_object_has_member (fact, "text"));
        date |= g_str_equal (kind, "date") && g_str_equal (value, "2009-02-01");
        money |= g_str_equal (kind, "money") && g_str_equal (value, "3679000000 USD");
        citation |= g_str_equal (kind, "citation") && g_str_equal (value, "MRE|2014");
      }
  }
  g_assert_true (date && money && citation);

  run_cli (&import, f, "import", path);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (&facts, f, "facts", "--json", "--kind", "money");
  g_assert_cmpint (facts.status, ==, 0);
  stored = parse_json (facts.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (stored)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (stored), 0), "value"),
                   ==, "3679000000 USD");

  /* the text is for people: the sum in the language of the messages */
  {
    g_auto(Run) english = { 0 };
    g_auto(Run) spanish = { 0 };

    run_cli (&english, f, "facts", "--kind", "money");
    g_assert_cmpint (english.status, ==, 0);
    g_assert_nonnull (strstr (english.out, " US$3,679 million  «US$ 3,679 millones»"));
    run_cli_full (&spanish, f->library, "es", NULL, "facts", "--kind", "money", NULL);
    g_assert_cmpint (spanish.status, ==, 0);
    g_assert_nonnull (strstr (spanish.out, " US$\u00a03679 millones  «US$ 3,679 millones»"));
    g_assert_null (strstr (spanish.out, "3679000000"));
  }

  /* a correction of the sum is read back: refused, in the officer's
   * language, when it is no sum; kept in the library's form when it is */
  {
    const char *uid = json_object_get_string_member (json_array_get_object_element (json_node_get_array (stored), 0), "uid");
    g_auto(Run) refused = { 0 };
    g_auto(Run) rechazada = { 0 };
    g_auto(Run) kept = { 0 };
    g_auto(Run) after = { 0 };
    g_autoptr(JsonNode) corrected = NULL;
    JsonObject *review;

    run_cli (&refused, f, "fact", "set", uid, "value", "dos millones");
    g_assert_cmpint (refused.status, !=, 0);
    g_assert_nonnull (strstr (refused.err, "“dos millones” is not an amount of money: write a number and a currency"));
    run_cli_full (&rechazada, f->library, "es", NULL, "fact", "set", uid, "value", "dos millones", NULL);
    g_assert_cmpint (rechazada.status, !=, 0);
    g_assert_nonnull (strstr (rechazada.err, "«dos millones» no es una cantidad de dinero"));
    run_cli (&kept, f, "fact", "set", uid, "value", "US$ 3.680 millones");
    g_assert_cmpint (kept.status, ==, 0);
    run_cli (&after, f, "facts", "--json", "--kind", "money");
    corrected = parse_json (after.out);
    review = json_object_get_object_member (json_array_get_object_element (json_node_get_array (corrected), 0), "review");
    g_assert_cmpstr (json_object_get_string_member (review, "value"), ==, "3680000000 USD");
  }

  run_cli (&bad_kind, f, "facts", "--kind", "rumour");
  g_assert_cmpint (bad_kind.status, ==, 2);
  g_assert_nonnull (strstr (bad_kind.err, "rumour"));
}

static void
test_axes (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) import = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) spanish = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) axis = NULL;
  const char *samples = g_getenv ("DIALOGUE_DESK_SAMPLES_DIR");

  run_cli (&import, f, "import", samples);
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&list, f, "axes", "--json");
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  {
    JsonObject *o = json_node_get_object (root);
    JsonArray *dialogues = json_object_get_array_member (o, "dialogues");
    JsonObject *proposed = json_array_get_object_element (dialogues, 0);

    g_assert_cmpuint (json_array_get_length (dialogues), ==, 11);
    g_assert_cmpstr (json_object_get_string_member (proposed, "kind"), ==, "proposed");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (proposed, "axes")), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "found")), >=, 3);
  }

  run_cli (&show, f, "axes", "show", "pe-us.security", "--json");
  g_assert_cmpint (show.status, ==, 0);
  axis = parse_json (show.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (axis), "facts")), >, 0);

  run_cli_full (&spanish, f->library, "es", NULL, "axes", NULL);
  g_assert_cmpint (spanish.status, ==, 0);
  g_assert_nonnull (strstr (spanish.out, "Seguridad y defensa [pe-us.security]"));

  run_cli (&bad, f, "axes", "show", "pe-us.nothing");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "pe-us.nothing"));
}

static JsonArray *
facts_json (JsonNode  **root,
            Fixture    *f,
            const char *library,
            const char *status)
{
  g_auto(Run) run = { 0 };

  if (status != NULL)
    run_cli_full (&run, library, "en", NULL, "facts", "--json", "--status", status, NULL);
  else
    run_cli_full (&run, library, "en", NULL, "facts", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  *root = parse_json (run.out);
  return json_node_get_array (*root);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "ana.json", NULL);
  g_autofree char *bad = desk_test_write_file (f->dir, "bad.json", "{\"format\": \"dialogue-desk-review\"", -1);
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) approved = NULL;
  g_autoptr(JsonNode) sessions = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(GDir) samples = g_dir_open (g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  char *u1, *u2, *u3;
  JsonArray *facts;

  {
    g_auto(Run) run = { 0 };
    run_cli (&run, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
    g_assert_cmpint (run.status, ==, 0);
  }
  /* the colleague's copy: the same files, one by one, in another order */
  while ((name = g_dir_read_name (samples)) != NULL)
    g_ptr_array_add (names, g_build_filename (g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), name, NULL));
  for (guint i = names->len; i > 0; i--)
    {
      g_auto(Run) run = { 0 };
      run_cli_full (&run, other, "en", NULL, "import", g_ptr_array_index (names, i - 1), NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  facts = facts_json (&all, f, f->library, NULL);
  g_assert_cmpuint (json_array_get_length (facts), >, 3);
  u1 = (char *) json_object_get_string_member (json_array_get_object_element (facts, 0), "uid");
  u2 = (char *) json_object_get_string_member (json_array_get_object_element (facts, 1), "uid");
  u3 = (char *) json_object_get_string_member (json_array_get_object_element (facts, 2), "uid");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (facts, 0),
                                                                                 "review"), "status"), ==, "pending");

  {
    g_auto(Run) start = { 0 };
    g_auto(Run) set = { 0 };
    g_auto(Run) note = { 0 };
    g_auto(Run) list = { 0 };
    g_auto(Run) again = { 0 };

    run_cli (&start, f, "review", "start", "Money figures", "--reviewer", "Ana Torres");
    g_assert_cmpint (start.status, ==, 0);
    run_cli (&set, f, "fact", "set", u1, u2, "status", "approved");
    g_assert_cmpint (set.status, ==, 0);
    run_cli (&note, f, "fact", "set", u3, "note", "Ask the embassy");
    g_assert_cmpint (note.status, ==, 0);
    run_cli (&list, f, "review", "list", "--json");
    g_assert_cmpint (list.status, ==, 0);
    sessions = parse_json (list.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (sessions)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (sessions), 0),
                                                    "reviewer"), ==, "Ana Torres");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (sessions), 0),
                                                 "changes"), ==, 3);
    /* the reviewer's name is remembered */
    run_cli (&again, f, "review", "start", "Second pass");
    g_assert_cmpint (again.status, ==, 0);
    g_assert_nonnull (strstr (again.out, "Ana Torres"));
  }

  facts_json (&approved, f, f->library, "approved");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (approved)), ==, 2);
  g_clear_pointer (&approved, json_node_unref);

  /* undo takes back the note, then both approvals at once; redo brings them back */
  {
    g_auto(Run) undo1 = { 0 };
    g_auto(Run) undo2 = { 0 };
    g_auto(Run) redo = { 0 };

    run_cli (&undo1, f, "review", "undo");
    run_cli (&undo2, f, "review", "undo");
    g_assert_cmpint (undo1.status, ==, 0);
    g_assert_cmpint (undo2.status, ==, 0);
    facts_json (&approved, f, f->library, "approved");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (approved)), ==, 0);
    g_clear_pointer (&approved, json_node_unref);
    run_cli (&redo, f, "review", "redo");
    g_assert_cmpint (redo.status, ==, 0);
    facts_json (&approved, f, f->library, "approved");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (approved)), ==, 2);
    g_clear_pointer (&approved, json_node_unref);
  }

  /* exchange with the colleague, who rejected the first fact meanwhile */
  {
    g_auto(Run) theirs = { 0 };
    g_auto(Run) export = { 0 };
    g_auto(Run) import = { 0 };
    g_auto(Run) settle = { 0 };
    g_auto(Run) refused = { 0 };
    g_auto(Run) hist = { 0 };
    g_autofree char *conflict = g_strdup_printf ("%s  status", u1);

    run_cli_full (&theirs, other, "en", NULL, "fact", "set", u1, "status", "rejected", NULL);
    g_assert_cmpint (theirs.status, ==, 0);
    run_cli (&export, f, "review", "export", "--session", "1", file);
    g_assert_cmpint (export.status, ==, 0);

    run_cli_full (&import, other, "en", NULL, "review", "import", file, NULL);
    g_assert_cmpint (import.status, ==, 0);
    g_assert_nonnull (strstr (import.out, "1 change applied"));
    g_assert_nonnull (strstr (import.out, "1 conflict"));
    g_assert_nonnull (strstr (import.out, conflict));
    g_assert_nonnull (strstr (import.out, "here: Rejected"));
    g_assert_nonnull (strstr (import.out, "in the file: Approved"));

    run_cli_full (&settle, other, "en", NULL, "review", "import", "--prefer", "theirs", file, NULL);
    g_assert_cmpint (settle.status, ==, 0);
    g_assert_nonnull (strstr (settle.out, "0 changes applied"));
    facts_json (&approved, f, other, "approved");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (approved)), ==, 2);

    run_cli_full (&refused, other, "en", NULL, "review", "import", bad, NULL);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "bad.json"));

    run_cli_full (&hist, other, "en", NULL, "review", "history", u1, "--json", NULL);
    g_assert_cmpint (hist.status, ==, 0);
    history = parse_json (hist.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (history)), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (history), 1),
                                                    "reviewer"), ==, "Ana Torres");
  }

  /* mistakes */
  {
    g_auto(Run) field = { 0 };
    g_auto(Run) status = { 0 };
    g_auto(Run) missing = { 0 };
    g_auto(Run) prefer = { 0 };

    run_cli (&field, f, "fact", "set", u1, "kind", "money");
    g_assert_cmpint (field.status, ==, 2);
    g_assert_nonnull (strstr (field.err, "kind"));
    run_cli (&status, f, "fact", "set", u1, "status", "maybe");
    g_assert_cmpint (status.status, ==, 1);
    g_assert_nonnull (strstr (status.err, "maybe"));
    run_cli (&missing, f, "fact", "set", "0123456789abcdef", "note", "x");
    g_assert_cmpint (missing.status, ==, 1);
    g_assert_nonnull (strstr (missing.err, "0123456789abcdef"));
    run_cli (&prefer, f, "review", "import", "--prefer", "both", file);
    g_assert_cmpint (prefer.status, ==, 2);
    g_assert_nonnull (strstr (prefer.err, "both"));
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) missing_doc = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_args = { 0 };
  g_auto(Run) missing_file = { 0 };
  g_auto(Run) spanish = { 0 };
  g_auto(Run) bad_library = { 0 };
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.txt", NULL);
  g_autofree char *good = desk_test_write_file (f->dir, "good.txt", "Un documento correcto.\n", -1);
  g_autofree char *notes = desk_test_write_file (f->dir, "notes.db", "not a database at all\n", -1);

  run_cli (&unknown, f, "frobnicate");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&no_args, f, "search");
  g_assert_cmpint (no_args.status, ==, 2);

  run_cli (&missing_file, f, "import", missing, good);
  g_assert_cmpint (missing_file.status, ==, 1);
  g_assert_nonnull (strstr (missing_file.err, "no-such-file.txt"));
  g_assert_nonnull (strstr (missing_file.out, "good.txt"));

  /* a document the library does not have (the library has good.txt) */
  run_cli (&missing_doc, f, "show", "999");
  g_assert_cmpint (missing_doc.status, ==, 1);
  g_assert_nonnull (strstr (missing_doc.err, "999"));
  g_assert_cmpstr (missing_doc.out, ==, "");

  run_cli_full (&spanish, f->library, "es", NULL, "import", missing, NULL);
  g_assert_cmpint (spanish.status, ==, 1);
  g_assert_nonnull (strstr (spanish.err, "no existe"));

  run_cli_full (&bad_library, notes, "en", NULL, "documents", NULL);
  g_assert_cmpint (bad_library.status, ==, 1);
  g_assert_nonnull (strstr (bad_library.err, "notes.db"));
}

/* A command on a library that is not there says so, and makes nothing:
 * no folder, no library, and an empty file stays empty; only import
 * (and a colleague's review, which may come first) begins a library */
static void
test_no_library (Fixture       *f,
                 gconstpointer  data)
{
  const char *reads[][5] = {
    { "documents", NULL }, { "show", "1", NULL }, { "facts", NULL }, { "search", "Perú", NULL },
    { "axes", NULL }, { "review", "list", NULL }, { "export-pdf", "--notes", "--out", "brief.pdf", NULL },
  };
  g_autofree char *folder = g_build_filename (f->dir, "mistyped", NULL);
  g_autofree char *missing = g_build_filename (folder, "library.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  GStatBuf st;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(Run) on_empty = { 0 };

      run_cli_full (&run, missing, "en", NULL, reads[i][0], reads[i][1], reads[i][2], reads[i][3], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "There is no library at"));
      g_assert_nonnull (strstr (run.err, missing));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

      run_cli_full (&on_empty, empty, "en", NULL, reads[i][0], reads[i][1], reads[i][2], reads[i][3], NULL);
      g_assert_cmpint (on_empty.status, ==, 1);
      g_assert_nonnull (strstr (on_empty.err, "is not a Dialogue Desk library"));
      g_assert_cmpint (g_stat (empty, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
    }
  {
    g_auto(Run) spanish = { 0 };

    run_cli_full (&spanish, missing, "es", NULL, "documents", NULL);
    g_assert_nonnull (strstr (spanish.err, "No hay ninguna biblioteca en"));
  }
  /* import begins one */
  {
    g_auto(Run) run = { 0 };

    run_cli_full (&run, missing, "en", NULL, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (missing, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_unreadable_as_user (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *secret = NULL;
  g_autofree char *good = NULL;
  g_auto(Run) run = { 0 };
  const char *as_nobody[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", NULL };

  if (geteuid () != 0 || setpriv == NULL)
    {
      g_test_skip ("needs root and setpriv to run the CLI as another user");
      return;
    }
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  secret = desk_test_write_file (f->dir, "secret.txt", "Texto reservado.\n", -1);
  good = desk_test_write_file (f->dir, "public.txt", "Texto público.\n", -1);
  g_assert_cmpint (g_chmod (secret, 0600), ==, 0);
  g_assert_cmpint (g_chmod (good, 0644), ==, 0);

  run_cli_full (&run, f->library, "en", as_nobody, "import", secret, good, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "secret.txt"));
  g_assert_nonnull (strstr (run.err, "cannot be read"));
  g_assert_nonnull (strstr (run.err, "1 added, 0 already in the library, 1 failed"));
}

/* An option of another command is refused, naming the command, before
 * anything runs; an unknown option keeps its message */
static void
test_foreign_option (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) after = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) spanish = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) own = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (&after, f, "facts", "--lang", "es");
  g_assert_cmpint (after.status, ==, 2);
  g_assert_cmpstr (after.out, ==, "");
  g_assert_cmpstr (after.err, ==, "dialogue-desk-cli: “--lang” is not an option of “facts”\n"
                                  "Run “dialogue-desk-cli --help” to see the commands.\n");
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));

  /* before the command's name, where only the global options go */
  run_cli (&before, f, "--limit", "3", "documents");
  g_assert_cmpint (before.status, ==, 2);
  g_assert_nonnull (strstr (before.err, "“--limit” goes after the command’s name"));
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));

  run_cli_full (&spanish, f->library, "es", NULL, "review", "list", "--out", "x.pdf", NULL);
  g_assert_cmpint (spanish.status, ==, 2);
  g_assert_nonnull (strstr (spanish.err, "«--out» no es una opción de «review»"));

  run_cli (&unknown, f, "facts", "--langs", "es");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.err, ==, "dialogue-desk-cli: Unknown option “--langs”\n"
                                    "Run “dialogue-desk-cli --help” to see the commands.\n");

  /* a command's own option goes after its name (on an empty library) */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DeskStore) store = desk_store_open (f->library, &error);

    g_assert_no_error (error);
  }
  run_cli (&own, f, "documents", "--json");
  g_assert_cmpint (own.status, ==, 0);
  root = parse_json (own.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
}

/* Once a command's paths begin, every word is a path, whatever it looks
 * like: "import *" in a folder holding files named like options imports
 * them into the library named before the command; "--" starts the paths
 * at once; a global option after the command's name is refused. */
static void
test_option_like_file_names (Fixture       *f,
                             gconstpointer  data)
{
  const char *names[] = { "a.txt", "--library=evil.txt", "--help", "--max-size=1", "-h", "--json" };
  g_autofree char *docs = g_build_filename (f->dir, "docs", NULL);
  g_autofree char *evil = g_build_filename (docs, "evil.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_auto(Run) glob = { 0 };
  g_auto(Run) dashes = { 0 };
  g_auto(Run) extract = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) late = { 0 };
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (g_mkdir (docs, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("Documento %u: el acuerdo se firmó el 3 de marzo de 2024.\n", i);
      g_free (desk_test_write_file (docs, names[i], text, -1));
    }
  g_assert_cmpint (g_chdir (docs), ==, 0);

  /* the order "import *" gives where names sort by their letters */
  run_cli (&glob, f, "import", "a.txt", "--library=evil.txt", "--help", "--max-size=1", "-h");
  run_cli (&dashes, f, "import", "--", "--json");
  run_cli (&extract, f, "extract", "a.txt", "--json");
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_test_message ("import: %s%s", glob.out, glob.err);
  g_assert_cmpint (glob.status, ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *added = g_strdup_printf ("(%s%s%s)\n", docs, G_DIR_SEPARATOR_S, names[i]);
      g_assert_nonnull (strstr (glob.out, added));
    }
  g_assert_nonnull (strstr (glob.err, "5 added, 0 already in the library, 0 failed"));
  g_assert_false (g_file_test (evil, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dashes.status, ==, 0);
  g_assert_nonnull (strstr (dashes.err, "1 added"));
  run_cli (&list, f, "documents", "--json");
  root = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 6);

  /* both files' facts, as text */
  g_assert_cmpint (extract.status, ==, 0);
  g_assert_true (g_str_has_prefix (extract.out, "a.txt\n"));
  g_assert_nonnull (strstr (extract.out, "\n--json\n"));

  run_cli (&late, f, "documents", "--library", other);
  g_assert_cmpint (late.status, ==, 2);
  g_assert_nonnull (strstr (late.err, "“--library” goes before the command’s name"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* How many facts the library of /cli/facts-memory grows to: data/samples'
 * facts, copied over */
#define MANY_FACTS 60000

/* How much more memory listing MANY_FACTS facts may take than listing
 * those of data/samples, in KiB of peak resident memory: SQLite's cache
 * filled (8 MiB), a page of facts, what the allocator keeps (8.5 MB in
 * all, 13 MB built with AddressSanitizer).  Building the whole list first
 * took 34 MB more for "facts" and 260 MB more for "facts --json". */
#define FACTS_MEMORY_GROWTH_KB (20 * 1024)

/* test-cli --peak-memory OUT PROGRAM ARGUMENTS…: runs the program, its
 * standard output to the file OUT, and prints its peak resident memory in
 * KiB and its exit status.  The test runs this in a process of its own:
 * the peak of a child counts what the process that forked it held then,
 * and a test process that built a large library holds much. */
static int
print_peak_memory (char **argv)
{
  struct rusage usage = { 0 };
  int wait_status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      int fd = open (argv[0], O_WRONLY | O_CREAT | O_TRUNC, 0600);

      if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
        _exit (127);
      close (fd);
      execv (argv[1], argv + 1);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &wait_status, 0, &usage) != pid)
    return 1;
  printf ("%ld %d\n", usage.ru_maxrss, WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1);
  return 0;
}

/* Runs the CLI on @library with @args (NULL-terminated), its standard
 * output to @out; returns its peak resident memory in KiB */
static glong
run_cli_peak_memory (const char  *library,
                     const char  *out,
                     const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *asan = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  glong peak_kb = 0;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_test_get_filename (G_TEST_BUILT, "test-cli", NULL));
  g_ptr_array_add (argv, "--peak-memory");
  g_ptr_array_add (argv, (gpointer) out);
  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_DESK_CLI"));
  g_ptr_array_add (argv, "--library");
  g_ptr_array_add (argv, (gpointer) library);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* built with AddressSanitizer, the program keeps what it frees in a
   * quarantine of 256 MB: that is the sanitizer's memory, not its own */
  asan = g_strdup_printf ("%s%squarantine_size_mb=1", g_environ_getenv (env, "ASAN_OPTIONS") ?: "",
                          g_environ_getenv (env, "ASAN_OPTIONS") ? ":" : "");
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan, TRUE);
  env = g_environ_unsetenv (env, "DIALOGUE_DESK_LIBRARY");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sscanf (report, "%ld %d", &peak_kb, &status), ==, 2);
  g_assert_cmpint (status, ==, 0);
  return peak_kb;
}

/* How many lines of @text start with @prefix (memchr, not strstr: a
 * sanitizer's strstr reads the whole rest of the text at each call) */
static guint
count_lines (const char *text,
             const char *prefix)
{
  const char *end = text + strlen (text);
  guint n = 0;

  for (const char *line = text; line < end;)
    {
      const char *next = memchr (line, '\n', end - line);

      next = next != NULL ? next + 1 : end;
      if ((gsize) (next - line) >= strlen (prefix) && memcmp (line, prefix, strlen (prefix)) == 0)
        n++;
      line = next;
    }
  return n;
}

/* Listing every fact of a large library takes the memory of a page of
 * them, not of the whole list: "facts --json" and "facts" on MANY_FACTS
 * facts take at most FACTS_MEMORY_GROWTH_KB more than on data/samples'
 * few, and write every fact */
static void
test_facts_memory (Fixture       *f,
                   gconstpointer  data)
{
  const char *json_args[] = { "facts", "--json", NULL };
  const char *text_args[] = { "facts", NULL };
  g_autofree char *json_out = g_build_filename (f->dir, "facts.json", NULL);
  g_autofree char *text_out = g_build_filename (f->dir, "facts.txt", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) import = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *count = NULL;
  gint64 n_facts = 0;
  glong few_json_kb, few_text_kb, json_kb, text_kb;

  run_cli (&import, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
  g_assert_cmpint (import.status, ==, 0);
  few_json_kb = run_cli_peak_memory (f->library, json_out, json_args);
  few_text_kb = run_cli_peak_memory (f->library, text_out, text_args);

  /* the same facts again under other uids, as a large library has them */
  g_assert_cmpint (sqlite3_open (f->library, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("WITH RECURSIVE copy (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy"
                         "  WHERE n * (SELECT count (*) FROM facts) < %d)"
                         " INSERT INTO facts (uid, document_id, kind, text, value, start, \"end\", section, modality,"
                         "  confidence, extra, sentence, terms)"
                         " SELECT f.uid || '-' || copy.n, document_id, kind, text, value, start, \"end\", section,"
                         "  modality, confidence, extra, sentence, terms FROM facts f, copy", MANY_FACTS);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM facts", -1, &count, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  n_facts = sqlite3_column_int64 (count, 0);
  sqlite3_finalize (count);
  sqlite3_close (db);
  g_assert_cmpint (n_facts, >=, MANY_FACTS);

  json_kb = run_cli_peak_memory (f->library, json_out, json_args);
  text_kb = run_cli_peak_memory (f->library, text_out, text_args);
  g_test_message ("facts --json: %ld KiB, then %ld KiB for %" G_GINT64_FORMAT " facts", few_json_kb, json_kb, n_facts);
  g_test_message ("facts: %ld KiB, then %ld KiB", few_text_kb, text_kb);

  g_assert_true (g_file_get_contents (json_out, &json, NULL, NULL));
  g_assert_cmpuint (count_lines (json, "    \"uid\" : "), ==, n_facts);
  g_assert_true (g_str_has_prefix (json, "[\n  {\n"));
  g_assert_true (g_str_has_suffix (json, "\n  }\n]\n"));
  g_assert_true (g_file_get_contents (text_out, &text, NULL, NULL));
  g_assert_cmpuint (count_lines (text, ""), ==, n_facts);

  g_assert_cmpint (json_kb - few_json_kb, <, FACTS_MEMORY_GROWTH_KB);
  g_assert_cmpint (text_kb - few_text_kb, <, FACTS_MEMORY_GROWTH_KB);
}

/* Runs COMMAND --help and checks that the command takes every option its
 * help lists (each given before --help, which then prints the same): its
 * own after its name, the global ones before it */
static void
check_command_help (Fixture    *f,
                    const char *command)
{
  g_autoptr(GRegex) option = g_regex_new ("^  (--[a-z-]+)(?: (\\S+))?   ", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *start = g_strdup_printf ("Usage:\n  %s", command);
  g_auto(Run) help = { 0 };
  const char *global;
  guint n_options = 0;

  run_cli (&help, f, command, "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_cmpstr (help.err, ==, "");
  g_assert_true (g_str_has_prefix (help.out, start));
  g_assert_nonnull (strstr (help.out, "\nOptions:\n"));
  g_assert_nonnull ((global = strstr (help.out, "\nBefore the command’s name:\n")));

  g_regex_match (option, strstr (help.out, "\nOptions:\n"), 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *value = g_match_info_fetch (match, 2);
      gboolean has_value = value != NULL && *value != '\0';
      int at = 0;
      g_auto(Run) with = { 0 };

      g_match_info_fetch_pos (match, 0, &at, NULL);
      if (g_match_info_get_string (match) + at > global)
        run_cli (&with, f, name, has_value ? "1" : command, has_value ? command : "--help",
                 has_value ? "--help" : NULL, NULL);
      else if (has_value)
        run_cli (&with, f, command, name, "1", "--help");
      else
        run_cli (&with, f, command, name, "--help");
      g_test_message ("%s %s: %s", command, name, with.err);
      g_assert_cmpint (with.status, ==, 0);
      g_assert_cmpstr (with.out, ==, help.out);
      n_options++;
    }
  /* at least --library and --help */
  g_assert_cmpuint (n_options, >=, 2);
}

/* COMMAND --help is the command's own help; --help alone, or before the
 * command's name, the tool's */
static void
test_command_help (Fixture       *f,
                   gconstpointer  data)
{
  const char *commands[] = { "import", "documents", "show", "search", "extract", "facts", "fact", "axes",
                             "review", "export-pdf" };
  g_auto(Run) global = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) facts = { 0 };
  g_auto(Run) short_form = { 0 };
  g_auto(Run) spanish = { 0 };

  run_cli (&global, f, "--help");
  g_assert_cmpint (global.status, ==, 0);
  g_assert_true (g_str_has_prefix (global.out, "Usage: dialogue-desk-cli [--library PATH] COMMAND [OPTIONS] [ARGUMENTS]\n"));
  g_assert_nonnull (strstr (global.out, "\n  export-pdf --out FILE"));
  run_cli (&before, f, "--help", "facts");
  g_assert_cmpint (before.status, ==, 0);
  g_assert_cmpstr (before.out, ==, global.out);

  run_cli (&facts, f, "facts", "--help");
  g_assert_cmpint (facts.status, ==, 0);
  g_assert_true (g_str_has_prefix (facts.out, "Usage:\n  facts [--json] [--kind K] [--document ID] [--modality M] [--axis AXIS] [--status S]\n"));
  g_assert_nonnull (strstr (facts.out, "List the facts of the library\n"));
  g_assert_nonnull (strstr (facts.out, "\n  --kind K "));
  g_assert_nonnull (strstr (facts.out, "\n  --library PATH "));
  g_assert_null (strstr (facts.out, "--lang"));
  g_assert_null (strstr (facts.out, "export-pdf"));
  /* help opens no library */
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));

  run_cli (&short_form, f, "facts", "-h");
  g_assert_cmpint (short_form.status, ==, 0);
  g_assert_cmpstr (short_form.out, ==, facts.out);

  run_cli_full (&spanish, f->library, "es", NULL, "facts", "--help", NULL);
  g_assert_cmpint (spanish.status, ==, 0);
  g_assert_true (g_str_has_prefix (spanish.out, "Uso:\n  facts [--json]"));
  g_assert_nonnull (strstr (spanish.out, "Listar los hechos de la biblioteca\n"));
  g_assert_nonnull (strstr (spanish.out, "Opciones:\n"));
  g_assert_nonnull (strstr (spanish.out, "Solo hechos del tipo K"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    check_command_help (f, commands[i]);
}

/* Exports a brief, or the review, to @out */
static void
export_to (Fixture    *f,
           gboolean    review,
           const char *out,
           Run        *run)
{
  if (review)
    run_cli (run, f, "review", "export", out);
  else
    run_cli (run, f, "export-pdf", "--out", out, "--axis", "pe-us.security");
}

/* What is at an export's destination: a file keeps its permissions, a
 * link is written through to its file, what is not a regular file is
 * refused and left as it is, a new file follows the umask, and no
 * temporary file is left beside any of them */
static void
check_destinations (Fixture  *f,
                    gboolean  review)
{
  const char *names[] = { "kept", "link", "fresh", "fifo", "folder" };
  g_autofree char *kept = g_build_filename (f->dir, "kept", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;
  mode_t umask_before;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      desk_test_rm_rf (path);
    }

  /* a brief readable by its owner only stays so */
  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_assert_cmpint (g_chmod (kept, 0600), ==, 0);
  {
    g_auto(Run) run = { 0 };
    export_to (f, review, kept, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 3);

  /* a link stays a link, and the file it names gets the new contents */
  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_assert_cmpint (g_chmod (kept, 0600), ==, 0);
  g_assert_cmpint (symlink ("kept", link), ==, 0);
  {
    g_auto(Run) run = { 0 };
    export_to (f, review, link, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "kept");
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 3);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* a new file follows the umask */
  umask_before = umask (027);
  {
    g_auto(Run) run = { 0 };
    export_to (f, review, fresh, &run);
    g_assert_cmpint (run.status, ==, 0);
  }
  umask (umask_before);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* a pipe and a folder are refused, named, and left as they are */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_auto(Run) run = { 0 };
    export_to (f, review, fifo, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, fifo));
    g_assert_nonnull (strstr (run.err, "it is not a regular file"));
  }
  {
    g_auto(Run) run = { 0 };
    export_to (f, review, folder, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "it is a folder"));
  }
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* no temporary file ("kept.AbC123") beside any of them */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_has_prefix (name, names[i]) && name[strlen (names[i])] == '.')
        g_error ("%s was left behind", name);
}

static void
test_export_destination (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) facts = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&facts, f, "facts", "--json");
  root = parse_json (facts.out);
  {
    g_auto(Run) start = { 0 };
    g_auto(Run) note = { 0 };
    const char *uid = json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "uid");

    run_cli (&start, f, "review", "start", "Destinos");
    g_assert_cmpint (start.status, ==, 0);
    run_cli (&note, f, "fact", "set", uid, "note", "Por confirmar");
    g_assert_cmpint (note.status, ==, 0);
  }
  check_destinations (f, FALSE);
  check_destinations (f, TRUE);
}

/* A note or a correction longer than a review keeps is refused, from
 * the command line and from a colleague's review file, naming the
 * limit; the library is left as it was */
static void
test_too_long (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) facts = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *longest = g_strnfill (10000, 'x');
  g_autofree char *longer = g_strnfill (10001, 'x');
  g_autofree char *file = g_build_filename (f->dir, "colleague.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *uid;

  run_cli (&run, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&facts, f, "facts", "--json");
  root = parse_json (facts.out);
  uid = json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "uid");
  {
    g_auto(Run) start = { 0 };
    g_auto(Run) kept = { 0 };
    g_auto(Run) exported = { 0 };

    run_cli (&start, f, "review", "start", "Límites");
    g_assert_cmpint (start.status, ==, 0);
    /* at the limit it is kept */
    run_cli (&kept, f, "fact", "set", uid, "note", longest);
    g_assert_cmpint (kept.status, ==, 0);
    run_cli (&exported, f, "review", "export", file);
    g_assert_cmpint (exported.status, ==, 0);
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *field = i == 0 ? "note" : i == 1 ? "value" : "text";
      g_auto(Run) refused = { 0 };

      run_cli (&refused, f, "fact", "set", uid, field, longer);
      g_assert_cmpint (refused.status, ==, 1);
      g_assert_nonnull (strstr (refused.err, "at most 10000 characters; this one has 10001"));
    }
  {
    g_auto(Run) note = { 0 };
    g_autoptr(JsonNode) history = NULL;

    run_cli (&note, f, "review", "history", uid, "--json");
    g_assert_cmpint (note.status, ==, 0);
    g_assert_null (strstr (note.out, longer));
  }

  /* a colleague's file with a longer note changes nothing */
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", longest);
    g_autofree char *replaced = g_strdup_printf ("\"%s\"", longer);
    g_autoptr(GString) edited = g_string_new (contents);

    g_assert_nonnull (strstr (contents, quoted));
    g_string_replace (edited, quoted, replaced, 0);
    /* another session, so that the file is not the library's own */
    g_string_replace (edited, "Límites", "Límites de Ana", 0);
    g_assert_true (g_file_set_contents (file, edited->str, -1, NULL));
  }
  {
    g_auto(Run) end = { 0 };
    g_auto(Run) refused = { 0 };

    run_cli (&end, f, "review", "end");
    before = desk_test_file_checksum (f->library);
    run_cli (&refused, f, "review", "import", file);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "10001 characters, more than the 10000 a review keeps"));
    after = desk_test_file_checksum (f->library);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Files nested 100,000 deep, which crashed json-glib's recursive parser
 * and with it every command while the officer's axes file or gazetteer
 * was one: each command says which file is wrong instead */
static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');
  g_autofree char *deep = g_strconcat (open, close, NULL);
  g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);
  g_autofree char *folder = g_build_filename (data_home, "dialogue-desk", NULL);
  g_autofree char *review = desk_test_write_file (f->dir, "deep.json", deep, -1);
  g_autofree char *setting = g_strconcat ("XDG_DATA_HOME=", data_home, NULL);
  const char *env[] = { "env", setting, NULL };
  g_autofree char *text = desk_test_write_file (f->dir, "note.txt", "La delegación visitó Lima en marzo.\n", -1);
  /* each file, and a command that reads it (with its argument) */
  const char *files[][3] = { { "axes.json", "axes", NULL }, { "gazetteer.json", "extract", text } };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  {
    g_auto(Run) run = { 0 };

    run_cli_full (&run, f->library, "en", env, "review", "import", review, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, review));
    g_assert_nonnull (strstr (run.err, "deep"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = desk_test_write_file (folder, files[i][0], deep, -1);
      g_auto(Run) run = { 0 };

      run_cli_full (&run, f->library, "en", env, files[i][1], files[i][2], NULL);
      g_test_message ("%s: %s", files[i][0], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, path));
      g_assert_nonnull (strstr (run.err, "deep"));
      g_unlink (path);
    }
}

/* Arguments from a terminal set to Latin-1: text that is not UTF-8 is
 * refused, naming the argument, before anything stores it (briefs and
 * review files written afterwards failed on such bytes); file names stay
 * any bytes, as file names are */
static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *brief = g_build_filename (f->dir, "br\xe9" "f.pdf", NULL);
  g_autofree char *review = g_build_filename (f->dir, "revisi\xf3n.json", NULL);
  g_autofree char *latin_named = desk_test_write_file (f->dir, "caf\xe9.txt", "La delegación visitó Lima en marzo.\n", -1);
  g_autofree char *events = NULL;
  g_autofree char *events_after = NULL;
  g_autoptr(JsonNode) all = NULL;
  const char *uid;

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"), latin_named);
    g_assert_cmpint (run.status, ==, 0);
  }
  uid = json_object_get_string_member (json_array_get_object_element (facts_json (&all, f, f->library, NULL), 0), "uid");
  events = desk_test_review_events (f->library);

  {
    g_auto(Run) reviewer = { 0 };
    g_auto(Run) name = { 0 };
    g_auto(Run) note = { 0 };
    g_auto(Run) title = { 0 };
    g_auto(Run) list = { 0 };

    run_cli (&reviewer, f, "review", "start", "Cifras", "--reviewer", "Pe\xf1" "a");
    g_assert_cmpint (reviewer.status, ==, 2);
    g_assert_nonnull (strstr (reviewer.err, "--reviewer"));
    g_assert_nonnull (strstr (reviewer.err, "“Pe\\xF1a”"));
    g_assert_true (g_utf8_validate (reviewer.err, -1, NULL));

    run_cli (&name, f, "review", "start", "Revisi\xf3n");
    g_assert_cmpint (name.status, ==, 2);
    g_assert_nonnull (strstr (name.err, "“Revisi\\xF3n”"));

    run_cli (&note, f, "fact", "set", uid, "note", "nota \xff\xfe");
    g_assert_cmpint (note.status, ==, 2);
    g_assert_nonnull (strstr (note.err, "“nota \\xFF\\xFE”"));

    run_cli (&title, f, "export-pdf", "--out", brief, "--title", "T\xedtulo");
    g_assert_cmpint (title.status, ==, 2);
    g_assert_nonnull (strstr (title.err, "--title"));
    g_assert_false (g_file_test (brief, G_FILE_TEST_EXISTS));

    /* nothing was stored */
    run_cli (&list, f, "review", "list", "--json");
    g_assert_cmpint (list.status, ==, 0);
    g_assert_cmpstr (g_strstrip (list.out), ==, "[]");
    events_after = desk_test_review_events (f->library);
    g_assert_cmpstr (events, ==, events_after);
  }

  /* the same work typed as UTF-8 goes on to a brief and a review file,
   * under file names that are not UTF-8 */
  {
    g_auto(Run) start = { 0 };
    g_auto(Run) note = { 0 };
    g_auto(Run) pdf = { 0 };
    g_auto(Run) out = { 0 };

    run_cli (&start, f, "review", "start", "Revisión", "--reviewer", "Peña");
    g_assert_cmpint (start.status, ==, 0);
    run_cli (&note, f, "fact", "set", uid, "note", "nota revisada");
    g_assert_cmpint (note.status, ==, 0);
    run_cli (&pdf, f, "export-pdf", "--out", brief, "--notes", "--reviewer", "Peña");
    g_assert_cmpint (pdf.status, ==, 0);
    g_assert_true (g_file_test (brief, G_FILE_TEST_IS_REGULAR));
    run_cli (&out, f, "review", "export", review);
    g_assert_cmpint (out.status, ==, 0);
    g_assert_true (g_file_test (review, G_FILE_TEST_IS_REGULAR));
  }
}

/* The note a review gave the fact @uid in the library at @path, or NULL */
static char *
stored_note (const char *path,
             const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, &error);

  g_assert_no_error (error);
  return desk_review_get (store, uid, "note");
}

/* backup FILE: a whole copy of a library in use, in one file, never
 * written over something that is not a regular file */
static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *by_hand = g_build_filename (f->dir, "by-hand.db", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *pipe = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "nowhere.db", NULL);
  g_autofree char *uid = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(DeskStore) keeper = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) note = { 0 };
  g_auto(Run) backup = { 0 };
  gsize len;
  struct stat st;

  run_cli (&import, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
  g_assert_cmpint (import.status, ==, 0);
  /* another program (a window) has the library open: the newest work
   * stays in its log, library.db-wal */
  keeper = desk_store_open (f->library, NULL);
  {
    g_autofree char *uids = desk_test_query_text (keeper, "SELECT uid FROM facts ORDER BY id LIMIT 1");
    uid = g_strndup (uids, strlen (uids) - 2);
  }
  run_cli (&note, f, "fact", "set", uid, "note", "The newest work");
  g_assert_cmpint (note.status, ==, 0);

  /* library.db copied by hand, without its log, lacks it */
  g_assert_true (g_file_get_contents (f->library, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (by_hand, contents, len, NULL));
  {
    g_autofree char *lost = stored_note (by_hand, uid);
    g_assert_null (lost);
  }

  /* the backup has it, while another program even holds the write lock */
  {
    GPid holder = desk_test_hold_lock (f->library, 3);
    gint64 start = g_get_monotonic_time ();
    g_autofree char *kept = NULL;
    g_autofree char *said = g_strdup_printf ("Backed up the library “%s” to “%s”\n", f->library, copy);

    run_cli (&backup, f, "backup", copy);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
    g_assert_cmpint (desk_test_wait_child (holder), ==, 0);
    g_assert_cmpint (backup.status, ==, 0);
    g_assert_cmpstr (backup.out, ==, said);
    /* in one file, owner only, and nothing left beside it */
    {
      g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (g_str_has_prefix (name, "copy.db") && !g_str_equal (name, "copy.db"));
    }
    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    kept = stored_note (copy, uid);
    g_assert_cmpstr (kept, ==, "The newest work");
    g_assert_cmpint (desk_test_check_library (copy, ""), ==, 5);
  }

  /* again over the same file: replaced, its permissions kept */
  {
    g_auto(Run) again = { 0 };

    g_assert_cmpint (g_chmod (copy, 0640), ==, 0);
    run_cli (&again, f, "backup", copy);
    g_assert_cmpint (again.status, ==, 0);
    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }

  /* never over a folder, a pipe or the library itself */
  {
    g_auto(Run) onto_folder = { 0 };
    g_auto(Run) onto_pipe = { 0 };
    g_auto(Run) onto_library = { 0 };
    g_auto(Run) spanish = { 0 };
    g_autofree char *before = desk_test_file_checksum (f->library);
    g_autofree char *after = NULL;

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
    run_cli (&onto_folder, f, "backup", folder);
    g_assert_cmpint (onto_folder.status, ==, 1);
    g_assert_nonnull (strstr (onto_folder.err, "Cannot write the backup"));
    g_assert_nonnull (strstr (onto_folder.err, "it is a folder"));
    g_assert_nonnull (strstr (onto_folder.err, folder));
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    run_cli (&onto_pipe, f, "backup", pipe);
    g_assert_cmpint (onto_pipe.status, ==, 1);
    g_assert_nonnull (strstr (onto_pipe.err, "it is not a regular file"));
    g_assert_cmpint (g_lstat (pipe, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
    run_cli (&onto_library, f, "backup", f->library);
    g_assert_cmpint (onto_library.status, ==, 1);
    g_assert_nonnull (strstr (onto_library.err, "is the library itself"));
    g_clear_object (&keeper);
    after = desk_test_file_checksum (f->library);
    g_assert_cmpstr (before, ==, after);

    run_cli_full (&spanish, f->library, "es", NULL, "backup", folder, NULL);
    g_assert_cmpint (spanish.status, ==, 1);
    g_assert_nonnull (strstr (spanish.err, "es una carpeta"));
  }

  check_command_help (f, "backup");

  /* no library there: none is made to be backed up */
  {
    g_auto(Run) none = { 0 };

    run_cli_full (&none, nowhere, "en", NULL, "backup", copy, NULL);
    g_assert_cmpint (none.status, ==, 1);
    g_assert_nonnull (strstr (none.err, "There is no library at"));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }
}

/* review history: a change taken back stays in it, said so */
static void
test_history_keeps_undone (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *uid = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *event;
  g_auto(Run) import = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) spanish = { 0 };

  run_cli (&import, f, "import", g_getenv ("DIALOGUE_DESK_SAMPLES_DIR"));
  g_assert_cmpint (import.status, ==, 0);
  {
    g_autoptr(DeskStore) store = desk_store_open (f->library, NULL);
    g_autofree char *uids = desk_test_query_text (store, "SELECT uid FROM facts ORDER BY id LIMIT 1");

    uid = g_strndup (uids, strlen (uids) - 2);
  }
  run_cli (&set, f, "fact", "set", uid, "status", "approved");
  g_assert_cmpint (set.status, ==, 0);
  run_cli (&undo, f, "review", "undo");
  g_assert_cmpint (undo.status, ==, 0);

  run_cli (&history, f, "review", "history", uid);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_nonnull (strstr (history.out, "Pending → Approved"));
  g_assert_nonnull (strstr (history.out, "  [undone]\n"));
  run_cli (&json, f, "review", "history", uid, "--json");
  root = parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  event = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "new"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (event, "state"), ==, "undone");
  run_cli_full (&spanish, f->library, "es", NULL, "review", "history", uid, NULL);
  g_assert_nonnull (strstr (spanish.out, "  [deshecho]\n"));
}

/* The corpus's names are entities with their alias groups; the facts
 * are claims, each with what it is about; an officer renames and merges
 * from the command line */
static void
test_entities (Fixture       *f,
               gconstpointer  data)
{
  static const char * const groups[][6] = {
    { "Estados Unidos", "EE. UU.", "EEUU", "United States", "U.S.", NULL },
    { "OTAN", "NATO", NULL },
    { "Trump", "Donald Trump", NULL },
  };
  g_auto(Run) import = { 0 };
  g_auto(Run) entities = { 0 };
  g_auto(Run) facts = { 0 };
  g_auto(Run) mentions = { 0 };
  g_auto(Run) places = { 0 };
  g_auto(Run) rename = { 0 };
  g_auto(Run) merge = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) show = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_autoptr(JsonNode) renamed = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *us = NULL, *nato = NULL;
  gboolean about = FALSE;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not here");
      return;
    }
  run_cli (&import, f, "import", desk_test_corpus_dir ());
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&entities, f, "entities", "--json");
  g_assert_cmpint (entities.status, ==, 0);
  list = parse_json (entities.out);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      guint found = 0;

      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          JsonObject *e = json_array_get_object_element (json_node_get_array (list), i);
          JsonArray *aliases = json_object_get_array_member (e, "aliases");
          guint n = 0;

          for (guint j = 0; groups[g][j] != NULL; j++)
            for (guint k = 0; k < json_array_get_length (aliases); k++)
              n += g_str_equal (json_array_get_string_element (aliases, k), groups[g][j]);
          if (n == 0)
            continue;
          /* every form of the group in this one entity, with its mentions */
          for (guint j = 0; groups[g][j] != NULL; j++)
            {
              gboolean has = FALSE;

              for (guint k = 0; k < json_array_get_length (aliases); k++)
                has |= g_str_equal (json_array_get_string_element (aliases, k), groups[g][j]);
              g_assert_true (has);
            }
          g_assert_cmpint (json_object_get_int_member (e, "mentions"), >=, 2);
          g_assert_true (json_object_has_member (e, "name_es") && json_object_has_member (e, "name_en") &&
                         json_object_has_member (e, "documents") && json_object_has_member (e, "kind") &&
                         json_object_has_member (e, "id") && json_object_has_member (e, "name"));
          if (g == 0)
            us = g_strdup (json_object_get_string_member (e, "id"));
          if (g == 1)
            nato = g_strdup (json_object_get_string_member (e, "id"));
          found++;
        }
      g_assert_cmpuint (found, ==, 1);
    }

  /* the facts hold no names; claims say what they are about */
  run_cli (&facts, f, "facts", "--json");
  g_assert_cmpint (facts.status, ==, 0);
  claims = parse_json (facts.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (claims)), >, 100);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (claims)); i++)
    {
      JsonObject *fact = json_array_get_object_element (json_node_get_array (claims), i);
      const char *kind = json_object_get_string_member (fact, "kind");

      g_assert_false (g_str_equal (kind, "person") || g_str_equal (kind, "org") || g_str_equal (kind, "place"));
      /* "822 TM" of cocaine is about Peru: the entities of its own sentence */
      if (g_str_equal (json_object_get_string_member (fact, "value"), "822 t"))
        {
          JsonArray *names = json_object_get_array_member (fact, "about");

          g_assert_cmpuint (json_array_get_length (names), >, 0);
          g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "Peru");
          about = TRUE;
        }
    }
  g_assert_true (about);
  run_cli (&mentions, f, "facts", "--mentions", "--json");
  g_assert_cmpint (mentions.status, ==, 0);
  g_assert_nonnull (strstr (mentions.out, "\"EE. UU.\""));
  run_cli (&places, f, "facts", "--kind", "place");
  g_assert_cmpint (places.status, ==, 2);
  g_assert_nonnull (strstr (places.err, "entities"));

  /* rename, and merge NATO into the United States (wrong, but to be seen) */
  run_cli (&rename, f, "entity", "rename", us, "EE. UU. (país)");
  g_assert_cmpint (rename.status, ==, 0);
  run_cli (&merge, f, "entity", "merge", nato, us);
  g_assert_cmpint (merge.status, ==, 0);
  run_cli (&after, f, "entities", "--json", "--search", "país");
  renamed = parse_json (after.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (renamed)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (renamed), 0), "name"),
                   ==, "EE. UU. (país)");
  g_assert_nonnull (strstr (after.out, "\"OTAN\""));
  run_cli (&show, f, "entity", "show", nato, "--json");
  g_assert_cmpint (show.status, ==, 0);
  shown = parse_json (show.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "id"), ==, us);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (shown), "mention_list")), >, 0);
}

/* The JSON object of document @id in documents --json */
static JsonObject *
listed_document (JsonNode *root,
                 gint64    id)
{
  JsonArray *docs = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (docs); i++)
    if (json_object_get_int_member (json_array_get_object_element (docs, i), "id") == id)
      return json_array_get_object_element (docs, i);
  g_assert_not_reached ();
  return NULL;
}

/* document set: the title the thesis gives itself, changed by the officer
 * everywhere the command line shows it; a wrong field, date or document
 * is refused with a message that names it */
static void
test_document_set (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) before = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) author = { 0 };
  g_auto(Run) date = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) search = { 0 };
  g_auto(Run) bad_date = { 0 };
  g_auto(Run) bad_field = { 0 };
  g_auto(Run) bad_doc = { 0 };
  g_auto(Run) help = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  JsonObject *doc;

  if (!desk_test_have_corpus ())
    {
      g_test_skip ("the corpus is not beside the project");
      return;
    }
  import_corpus (f);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, thesis_id (f));
  run_cli (&before, f, "documents", "--json");
  root = parse_json (before.out);
  doc = listed_document (root, thesis_id (f));
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==,
                   "El Mecanismo de Relacionamiento de Diálogo de Alto Nivel entre los Estados Unidos y el Perú, "
                   "en el marco de la nueva administración del presidente Trump");
  g_assert_true (json_object_has_member (doc, "author"));
  g_assert_true (json_object_has_member (doc, "source"));
  g_clear_pointer (&root, json_node_unref);

  run_cli (&set, f, "document", "set", id, "title", "Diálogo de Alto Nivel Perú–EE. UU. Zanahoria");
  g_assert_cmpint (set.status, ==, 0);
  run_cli (&author, f, "document", "set", id, "author", "Academia Diplomática del Perú");
  g_assert_cmpint (author.status, ==, 0);
  run_cli (&date, f, "document", "set", id, "date", "2018");
  g_assert_cmpint (date.status, ==, 0);

  run_cli (&after, f, "documents", "--json");
  root = parse_json (after.out);
  doc = listed_document (root, thesis_id (f));
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "Diálogo de Alto Nivel Perú–EE. UU. Zanahoria");
  g_assert_cmpstr (json_object_get_string_member (doc, "author"), ==, "Academia Diplomática del Perú");
  g_assert_cmpstr (json_object_get_string_member (doc, "published"), ==, "2018");
  run_cli (&show, f, "show", id);
  g_assert_true (g_str_has_prefix (show.out, "Diálogo de Alto Nivel Perú–EE. UU. Zanahoria\n"));
  g_assert_nonnull (strstr (show.out, "Academia Diplomática del Perú"));
  /* the new title is searched */
  run_cli (&search, f, "search", "zanahoria");
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "Diálogo de Alto Nivel Perú–EE. UU. Zanahoria"));

  run_cli (&bad_date, f, "document", "set", id, "date", "14/03/2025");
  g_assert_cmpint (bad_date.status, ==, 1);
  g_assert_nonnull (strstr (bad_date.err, "“14/03/2025” is not a date"));
  run_cli (&bad_field, f, "document", "set", id, "colour", "red");
  g_assert_cmpint (bad_field.status, ==, 2);
  g_assert_nonnull (strstr (bad_field.err, "“colour”"));
  run_cli (&bad_doc, f, "document", "set", "999", "title", "Otro");
  g_assert_cmpint (bad_doc.status, ==, 1);
  g_assert_nonnull (strstr (bad_doc.err, "999"));
  run_cli (&help, f, "document", "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_str_has_prefix (help.out, "Usage:\n  document set DOC-ID title|author|date|source VALUE\n"));
}

int
main (int    argc,
      char **argv)
{
  if (argc > 3 && g_str_equal (argv[1], "--peak-memory"))
    return print_peak_memory (argv + 2);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/import-and-list", test_import_and_list);
  ADD ("/cli/show", test_show);
  ADD ("/cli/review", test_review);
  ADD ("/cli/search", test_search);
  ADD ("/cli/errors", test_errors);
  ADD ("/cli/no-library", test_no_library);
  ADD ("/cli/extract-and-facts", test_extract_and_facts);
  ADD ("/cli/axes", test_axes);
  ADD ("/cli/unreadable-as-user", test_unreadable_as_user);
  ADD ("/cli/foreign-option", test_foreign_option);
  ADD ("/cli/command-help", test_command_help);
  ADD ("/cli/export-destination", test_export_destination);
  ADD ("/cli/too-long", test_too_long);
  ADD ("/cli/deep-json", test_deep_json);
  ADD ("/cli/not-utf8", test_not_utf8);
  ADD ("/cli/option-like-file-names", test_option_like_file_names);
  ADD ("/cli/facts-memory", test_facts_memory);
  ADD ("/cli/backup", test_backup);
  ADD ("/cli/history-keeps-undone", test_history_keeps_undone);
  ADD ("/cli/entities", test_entities);
  ADD ("/cli/document-set", test_document_set);
#undef ADD

  return g_test_run ();
}
