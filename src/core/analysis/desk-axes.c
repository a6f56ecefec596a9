/* desk-axes.c: dialogue axes — the shipped ones and those documents propose — and
 * the keyword scoring that assigns paragraphs and facts to them
 *
 * A keyword is a phrase; each of its words is kept as the set of terms the
 * search tokenizer gives it (Spanish and English stems, with and without
 * accents), so that "intercambio de información" and "intelligence
 * sharing" are both found in texts of either language, inflected or not. */
#define G_LOG_DOMAIN "desk-axes"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-axes.h"
#include "desk-core-resources.h"
#include "desk-json.h"
#include "desk-normalize.h"
#include "desk-stemmer.h"

G_DEFINE_QUARK (desk-axes-error-quark, desk_axes_error)

typedef struct
{
  GPtrArray *words;   /* term sets of its words, until they are numbered */
  guint axis;         /* its axis's place in self->all */
  GArray *ids;        /* the term ids of its words, one after another */
  GArray *word_ends;  /* where each word's ids end in ids */
} Keyword;

struct _DeskAxes
{
  char *label;
  char *checksum;
  GPtrArray *dialogues;
  GPtrArray *all;        /* every axis, dialogues in order, parents before subaxes */
  GHashTable *by_id;
  DeskStemmer *stemmer;

  /* for scoring: every term of a keyword has an id from 1; a text's words
   * are read as the ids of their terms, the others are dropped */
  GHashTable *term_ids;  /* term → id */
  GPtrArray *keywords;   /* every Keyword, axis by axis */
  GPtrArray *starting;   /* per id: GArray of the keywords whose first word has it */
  GArray *last_start;    /* scratch: per keyword, the word it was last tried at */
};

/* A text as the ids of its words' terms */
typedef struct
{
  GHashTable *term_ids;
  GArray *ids;
  GArray *word_ends;     /* where each word's ids end */
} TermIds;

static void
keyword_free (gpointer data)
{
  Keyword *k = data;

  g_clear_pointer (&k->words, g_ptr_array_unref);
  g_clear_pointer (&k->ids, g_array_unref);
  g_clear_pointer (&k->word_ends, g_array_unref);
  g_free (k);
}

static void
axis_free (gpointer data)
{
  DeskAxis *a = data;

  g_free (a->id);
  for (int i = 0; i < 2; i++)
    {
      g_free (a->name[i]);
      g_free (a->description[i]);
      g_free (a->agreed[i]);
    }
  g_strfreev (a->maps_to);
  g_clear_pointer (&a->keywords, g_ptr_array_unref);
  g_clear_pointer (&a->subaxes, g_ptr_array_unref);
  g_free (a);
}

static void
meeting_clear (gpointer data)
{
  DeskMeeting *m = data;

  g_free (m->date);
  g_free (m->place);
  g_free (m->name);
}

static void
dialogue_free (gpointer data)
{
  DeskDialogue *d = data;

  g_free (d->id);
  for (int i = 0; i < 2; i++)
    {
      g_free (d->name[i]);
      g_free (d->level[i]);
      g_free (d->frequency[i]);
      g_free (d->venues[i]);
    }
  g_strfreev (d->partners);
  g_strfreev (d->languages);
  g_clear_pointer (&d->meetings, g_array_unref);
  g_clear_pointer (&d->axes, g_ptr_array_unref);
  g_free (d);
}

void
desk_axes_free (DeskAxes *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->checksum);
  g_clear_pointer (&self->dialogues, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  g_clear_pointer (&self->term_ids, g_hash_table_unref);
  g_clear_pointer (&self->keywords, g_ptr_array_unref);
  g_clear_pointer (&self->starting, g_ptr_array_unref);
  g_clear_pointer (&self->last_start, g_array_unref);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *label,
         const char  *what)
{
  g_set_error (error, DESK_AXES_ERROR, DESK_AXES_ERROR_INVALID,
               _("The axes file “%s” is not valid: %s"), label, what);
  return FALSE;
}

/* {"es": "...", "en": "..."} into out[0], out[1] */
/* The text of @member, or @fallback when it is absent or not text: what
 * an axes file holds is checked, never assumed */
static const char *
string_member (JsonObject *object,
               const char *member,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *member,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
read_bilingual (JsonObject  *object,
                const char  *member,
                gboolean     required,
                char       **out,
                const char  *label,
                const char  *where,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *pair;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      {
        g_autofree char *what = g_strdup_printf (_("%s has no “%s”"), where, member);
        return invalid (error, label, what);
      }
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” of %s must be an object with “es” and “en”"), member, where);
      return invalid (error, label, what);
    }
  pair = json_node_get_object (node);
  for (int i = 0; i < 2; i++)
    {
      const char *lang = i == 0 ? "es" : "en";
      JsonNode *value = json_object_get_member (pair, lang);

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_autofree char *what = g_strdup_printf (_("“%s” of %s has no “%s” text"), member, where, lang);
          return invalid (error, label, what);
        }
      out[i] = g_strdup (json_node_get_string (value));
    }
  return TRUE;
}

static GStrv
read_strings (JsonObject  *object,
              const char  *member,
              const char  *label,
              const char  *where,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” of %s must be a list of texts"), member, where);
      invalid (error, label, what);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *what = g_strdup_printf (_("“%s” of %s must be a list of texts"), member, where);
          invalid (error, label, what);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  return g_strv_builder_end (builder);
}

static gboolean
collect_terms_cb (const char *term,
                  gsize       term_len,
                  gsize       byte_start,
                  gsize       byte_end,
                  gboolean    colocated,
                  gpointer    user_data)
{
  GPtrArray *words = user_data;
  GPtrArray *current;

  if (!colocated || words->len == 0)
    g_ptr_array_add (words, g_ptr_array_new_with_free_func (g_free));
  current = g_ptr_array_index (words, words->len - 1);
  g_ptr_array_add (current, g_strndup (term, term_len));
  return TRUE;
}

/* The words of @text, each as the set of its index terms. */
static GPtrArray *
tokenize (DeskStemmer *stemmer,
          const char  *text,
          gsize        len)
{
  GPtrArray *words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  desk_stemmer_tokenize (stemmer, text, len, collect_terms_cb, words);
  return words;
}

static gboolean
collect_ids_cb (const char *term,
                gsize       term_len,
                gsize       byte_start,
                gsize       byte_end,
                gboolean    colocated,
                gpointer    user_data)
{
  TermIds *text = user_data;
  char key[256];
  guint id;

  if (!colocated)
    g_array_append_val (text->word_ends, text->ids->len);
  if (term_len >= sizeof key)
    return TRUE;
  memcpy (key, term, term_len);
  key[term_len] = '\0';
  id = GPOINTER_TO_UINT (g_hash_table_lookup (text->term_ids, key));
  if (id != 0)
    {
      g_array_append_val (text->ids, id);
      g_array_index (text->word_ends, guint, text->word_ends->len - 1) = text->ids->len;
    }
  return TRUE;
}

/* Whether the ids in [a, a_end) and [b, b_end) have one in common. */
static gboolean
ids_meet (const guint *a,
          const guint *a_end,
          const guint *b,
          const guint *b_end)
{
  for (const guint *i = a; i < a_end; i++)
    for (const guint *j = b; j < b_end; j++)
      if (*i == *j)
        return TRUE;
  return FALSE;
}

/* Gives every term of every keyword an id and lists, per id, the keywords
 * whose first word it is a term of. */
static void
index_keywords (DeskAxes *self)
{
  self->term_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keywords = g_ptr_array_new ();
  self->starting = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (self->starting, g_array_new (FALSE, FALSE, sizeof (guint))); /* id 0: none */

  for (guint a = 0; a < self->all->len; a++)
    {
      DeskAxis *axis = g_ptr_array_index (self->all, a);

      for (guint k = 0; k < axis->keywords->len; k++)
        {
          Keyword *keyword = g_ptr_array_index (axis->keywords, k);
          guint index = self->keywords->len;

          keyword->axis = a;
          keyword->ids = g_array_new (FALSE, FALSE, sizeof (guint));
          keyword->word_ends = g_array_new (FALSE, FALSE, sizeof (guint));
          for (guint w = 0; w < keyword->words->len; w++)
            {
              GPtrArray *terms = g_ptr_array_index (keyword->words, w);

              for (guint t = 0; t < terms->len; t++)
                {
                  const char *term = g_ptr_array_index (terms, t);
                  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (self->term_ids, term));

                  if (id == 0)
                    {
                      id = self->starting->len;
                      g_hash_table_insert (self->term_ids, g_strdup (term), GUINT_TO_POINTER (id));
                      g_ptr_array_add (self->starting, g_array_new (FALSE, FALSE, sizeof (guint)));
                    }
                  g_array_append_val (keyword->ids, id);
                  if (w == 0)
                    g_array_append_val ((GArray *) g_ptr_array_index (self->starting, id), index);
                }
              g_array_append_val (keyword->word_ends, keyword->ids->len);
            }
          /* the ids say all the words said */
          g_clear_pointer (&keyword->words, g_ptr_array_unref);
          g_ptr_array_add (self->keywords, keyword);
        }
    }
  self->last_start = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->keywords->len);
  g_array_set_size (self->last_start, self->keywords->len);
}

static DeskAxis *
read_axis (DeskAxes      *self,
           JsonObject    *object,
           DeskDialogue  *dialogue,
           DeskAxis      *parent,
           const char    *label,
           GError       **error)
{
  DeskAxis *axis = g_new0 (DeskAxis, 1);
  g_autofree char *where = NULL;
  JsonObject *keywords = NULL;
  JsonNode *node;

  axis->dialogue = dialogue;
  axis->parent = parent;
  axis->keywords = g_ptr_array_new_with_free_func (keyword_free);
  axis->subaxes = g_ptr_array_new_with_free_func (axis_free);

  if (string_member (object, "id", NULL) == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("an axis of the dialogue “%s” has no “id”"), dialogue->id);
      invalid (error, label, what);
      axis_free (axis);
      return NULL;
    }
  axis->id = g_strdup (string_member (object, "id", NULL));
  where = g_strdup_printf (_("the axis “%s”"), axis->id);
  if (g_hash_table_contains (self->by_id, axis->id))
    {
      g_autofree char *what = g_strdup_printf (_("the id “%s” is used twice"), axis->id);
      invalid (error, label, what);
      axis_free (axis);
      return NULL;
    }
  g_hash_table_insert (self->by_id, axis->id, axis);

  if (!read_bilingual (object, "name", TRUE, axis->name, label, where, error) ||
      !read_bilingual (object, "description", FALSE, axis->description, label, where, error) ||
      !read_bilingual (object, "agreed", FALSE, axis->agreed, label, where, error) ||
      !(axis->maps_to = read_strings (object, "maps_to", label, where, error)))
    goto fail;

  node = json_object_get_member (object, "keywords");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *what = g_strdup_printf (_("%s has no “keywords” with “es” and “en” lists"), where);
      invalid (error, label, what);
      goto fail;
    }
  keywords = json_node_get_object (node);
  for (int i = 0; i < 2; i++)
    {
      g_auto(GStrv) list = read_strings (keywords, i == 0 ? "es" : "en", label, where, error);

      if (list == NULL)
        goto fail;
      for (guint k = 0; list[k]; k++)
        {
          Keyword *keyword = g_new0 (Keyword, 1);
          keyword->words = tokenize (self->stemmer, list[k], strlen (list[k]));
          if (keyword->words->len == 0)
            keyword_free (keyword);
          else
            g_ptr_array_add (axis->keywords, keyword);
        }
    }

  node = json_object_get_member (object, "subaxes");
  if (node != NULL)
    {
      JsonArray *subaxes;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *what = g_strdup_printf (_("“subaxes” of %s must be a list"), where);
          invalid (error, label, what);
          goto fail;
        }
      subaxes = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (subaxes); i++)
        {
          JsonNode *child = json_array_get_element (subaxes, i);
          DeskAxis *sub;

          if (!JSON_NODE_HOLDS_OBJECT (child))
            {
              g_autofree char *what = g_strdup_printf (_("“subaxes” of %s must be a list"), where);
              invalid (error, label, what);
              goto fail;
            }
          sub = read_axis (self, json_node_get_object (child), dialogue, axis, label, error);
          if (sub == NULL)
            goto fail;
          g_ptr_array_add (axis->subaxes, sub);
        }
    }
  return axis;

fail:
  /* the whole set is dropped on error: the id table is not read again */
  axis_free (axis);
  return NULL;
}

static void
flatten (GPtrArray *all,
         GPtrArray *axes)
{
  for (guint i = 0; i < axes->len; i++)
    {
      DeskAxis *axis = g_ptr_array_index (axes, i);
      g_ptr_array_add (all, axis);
      flatten (all, axis->subaxes);
    }
}

/* Reads and checks an axes file; every problem is named with the file and
 * the dialogue or axis it is in. */
DeskAxes *
desk_axes_load_from_data (const char  *label,
                          const char  *data,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(DeskAxes) self = g_new0 (DeskAxes, 1);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *dialogues;

  g_return_val_if_fail (label != NULL && data != NULL, NULL);

  self->label = g_strdup (label);
  self->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  self->dialogues = g_ptr_array_new_with_free_func (dialogue_free);
  self->all = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->stemmer = desk_stemmer_new ();

  if (!(parser = desk_json_parse (data, len, &parse_error)))
    {
      invalid (error, label, parse_error->message);
      return NULL;
    }
  /* an empty file has no root */
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, label, _("it is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (string_member (root, "format", NULL), "dialogue-desk-axes") != 0)
    {
      invalid (error, label, _("it is not a Dialogue Desk axes file (its “format” is not “dialogue-desk-axes”)"));
      return NULL;
    }
  if (int_member (root, "version", 0) != 1)
    {
      invalid (error, label, _("its version is not 1"));
      return NULL;
    }
  node = json_object_get_member (root, "dialogues");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, label, _("it has no list of “dialogues”"));
      return NULL;
    }
  dialogues = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (dialogues); i++)
    {
      JsonNode *item = json_array_get_element (dialogues, i);
      DeskDialogue *dialogue;
      JsonObject *object;
      JsonArray *axes;
      JsonArray *meetings;
      g_autofree char *where = NULL;
      const char *kind;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *what = g_strdup_printf (_("dialogue %u is not an object"), i + 1);
          invalid (error, label, what);
          return NULL;
        }
      object = json_node_get_object (item);
      dialogue = g_new0 (DeskDialogue, 1);
      dialogue->meetings = g_array_new (FALSE, TRUE, sizeof (DeskMeeting));
      g_array_set_clear_func (dialogue->meetings, meeting_clear);
      dialogue->axes = g_ptr_array_new_with_free_func (axis_free);
      g_ptr_array_add (self->dialogues, dialogue);

      if (string_member (object, "id", NULL) == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("dialogue %u has no “id”"), i + 1);
          invalid (error, label, what);
          return NULL;
        }
      dialogue->id = g_strdup (string_member (object, "id", NULL));
      where = g_strdup_printf (_("the dialogue “%s”"), dialogue->id);
      kind = string_member (object, "kind", "");
      if (!g_str_equal (kind, "proposed") && !g_str_equal (kind, "comparator"))
        {
          g_autofree char *what = g_strdup_printf (_("the “kind” of %s must be “proposed” or “comparator”"), where);
          invalid (error, label, what);
          return NULL;
        }
      dialogue->proposed = g_str_equal (kind, "proposed");
      if (!read_bilingual (object, "name", TRUE, dialogue->name, label, where, error) ||
          !read_bilingual (object, "level", FALSE, dialogue->level, label, where, error) ||
          !read_bilingual (object, "frequency", FALSE, dialogue->frequency, label, where, error) ||
          !read_bilingual (object, "venues", FALSE, dialogue->venues, label, where, error) ||
          !(dialogue->partners = read_strings (object, "partners", label, where, error)) ||
          !(dialogue->languages = read_strings (object, "languages", label, where, error)))
        return NULL;

      if (json_object_has_member (object, "meetings"))
        {
          if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "meetings")))
            {
              g_autofree char *what = g_strdup_printf (_("“meetings” of %s must be a list"), where);
              invalid (error, label, what);
              return NULL;
            }
          meetings = json_object_get_array_member (object, "meetings");
          for (guint k = 0; k < json_array_get_length (meetings); k++)
            {
              JsonNode *meeting = json_array_get_element (meetings, k);
              JsonObject *mo;
              DeskMeeting m = { 0 };

              if (!JSON_NODE_HOLDS_OBJECT (meeting))
                {
                  g_autofree char *what = g_strdup_printf (_("meeting %u of %s is not an object"), k + 1, where);
                  invalid (error, label, what);
                  return NULL;
                }
              mo = json_node_get_object (meeting);
              m.date = g_strdup (string_member (mo, "date", ""));
              m.place = g_strdup (string_member (mo, "place", ""));
              m.name = g_strdup (string_member (mo, "name", ""));
              g_array_append_val (dialogue->meetings, m);
            }
        }

      node = json_object_get_member (object, "axes");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *what = g_strdup_printf (_("%s has no list of “axes”"), where);
          invalid (error, label, what);
          return NULL;
        }
      axes = json_node_get_array (node);
      for (guint k = 0; k < json_array_get_length (axes); k++)
        {
          JsonNode *axis_node = json_array_get_element (axes, k);
          DeskAxis *axis;

          if (!JSON_NODE_HOLDS_OBJECT (axis_node))
            {
              g_autofree char *what = g_strdup_printf (_("axis %u of %s is not an object"), k + 1, where);
              invalid (error, label, what);
              return NULL;
            }
          axis = read_axis (self, json_node_get_object (axis_node), dialogue, NULL, label, error);
          if (axis == NULL)
            return NULL;
          g_ptr_array_add (dialogue->axes, axis);
        }
    }

  for (guint i = 0; i < self->dialogues->len; i++)
    flatten (self->all, ((DeskDialogue *) g_ptr_array_index (self->dialogues, i))->axes);
  index_keywords (self);

  /* a comparator axis maps onto axes of a proposed dialogue */
  for (guint i = 0; i < self->all->len; i++)
    {
      DeskAxis *axis = g_ptr_array_index (self->all, i);

      for (guint k = 0; axis->maps_to && axis->maps_to[k]; k++)
        {
          DeskAxis *target = g_hash_table_lookup (self->by_id, axis->maps_to[k]);

          if (target == NULL || !target->dialogue->proposed)
            {
              g_autofree char *what = g_strdup_printf (_("the axis “%s” maps to “%s”, which is not an axis of a proposed dialogue"),
                                                       axis->id, axis->maps_to[k]);
              invalid (error, label, what);
              return NULL;
            }
        }
    }

  return g_steal_pointer (&self);
}

/* The officer's own axes file ($XDG_DATA_HOME/dialogue-desk/axes.json)
 * when there is one, else the shipped one. */
DeskAxes *
desk_axes_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *user_path = g_build_filename (g_get_user_data_dir (), "dialogue-desk", "axes.json", NULL);

  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) read_error = NULL;
      gsize len;

      if (!g_file_get_contents (user_path, &contents, &len, &read_error))
        {
          invalid (error, user_path, read_error->message);
          return NULL;
        }
      return desk_axes_load_from_data (user_path, contents, len, error);
    }

  g_assert (desk_core_get_resource () != NULL);
  bytes = g_resources_lookup_data ("/org/dialoguedesk/DialogueDesk/data/axes.json", G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return desk_axes_load_from_data ("axes.json", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

const char *
desk_axes_get_checksum (DeskAxes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->checksum;
}

GPtrArray *
desk_axes_get_dialogues (DeskAxes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dialogues;
}

DeskAxis *
desk_axes_lookup (DeskAxes   *self,
                  const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/* Every axis, dialogue by dialogue, each followed by its subaxes. */
GPtrArray *
desk_axes_list_all (DeskAxes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->all;
}

const char *
desk_axis_get_name (const DeskAxis *axis,
                    const char     *language)
{
  g_return_val_if_fail (axis != NULL, NULL);
  return axis->name[g_strcmp0 (language, "en") == 0 ? 1 : 0];
}

/* A place in a text found by its code point from the last place found,
 * so that the paragraphs of a document read in order cost a walk of the
 * text, not a walk from its start each (a document of 16 MB: minutes) */
typedef struct
{
  const char *text;
  const char *at;
  gint64 offset;    /* the code point at */
} TextCursor;

static const char *
cursor_move (TextCursor *cursor,
             gint64      offset)
{
  if (offset < cursor->offset)
    {
      cursor->at = cursor->text;
      cursor->offset = 0;
    }
  cursor->at = g_utf8_offset_to_pointer (cursor->at, offset - cursor->offset);
  cursor->offset = offset;
  return cursor->at;
}

/* The text between the code points @start and @end, newly allocated */
static char *
cursor_substring (TextCursor *cursor,
                  gint64      start,
                  gint64      end)
{
  const char *from = cursor_move (cursor, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

/* The scores of @text (@len bytes), from the words @tokens recorded for
 * it when they are given (@text is then their text from @byte_start on),
 * else from tokenizing it */
static GArray *
score_text (DeskAxes         *self,
            const char       *text,
            gsize             len,
            const DeskTokens *tokens,
            gsize             byte_start)
{
  TermIds words;
  GArray *scores;
  guint *last_start;

  scores = g_array_sized_new (FALSE, TRUE, sizeof (double), self->all->len);
  g_array_set_size (scores, self->all->len);

  words.term_ids = self->term_ids;
  words.ids = g_array_new (FALSE, FALSE, sizeof (guint));
  words.word_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  if (tokens == NULL || !desk_tokens_foreach (tokens, byte_start, byte_start + len, collect_ids_cb, &words))
    desk_stemmer_tokenize (self->stemmer, text, len, collect_ids_cb, &words);

  last_start = (guint *) self->last_start->data;
  for (guint k = 0; k < self->keywords->len; k++)
    last_start[k] = G_MAXUINT;

  for (guint w = 0; w < words.word_ends->len; w++)
    {
      const guint *ids = (const guint *) words.ids->data;
      const guint *ends = (const guint *) words.word_ends->data;
      guint begin = w == 0 ? 0 : ends[w - 1];

      for (guint i = begin; i < ends[w]; i++)
        {
          GArray *starting = g_ptr_array_index (self->starting, ids[i]);

          for (guint s = 0; s < starting->len; s++)
            {
              guint k = g_array_index (starting, guint, s);
              Keyword *keyword = g_ptr_array_index (self->keywords, k);
              const guint *kw_ids = (const guint *) keyword->ids->data;
              const guint *kw_ends = (const guint *) keyword->word_ends->data;
              guint n = keyword->word_ends->len;
              gboolean whole;

              /* a word with two terms of the keyword's first word starts it once */
              if (last_start[k] == w)
                continue;
              last_start[k] = w;
              whole = w + n <= words.word_ends->len;
              for (guint j = 1; whole && j < n; j++)
                whole = ids_meet (kw_ids + kw_ends[j - 1], kw_ids + kw_ends[j],
                                  ids + ends[w + j - 1], ids + ends[w + j]);
              if (whole)
                g_array_index (scores, double, keyword->axis) += n > 1 ? 2 : 1;
            }
        }
    }
  g_array_unref (words.ids);
  g_array_unref (words.word_ends);
  return scores;
}

/* Keyword evidence of @text for every axis, in desk_axes_list_all ()
 * order: one point a word, two a phrase, for each place it starts at. */
GArray *
desk_axes_score (DeskAxes   *self,
                 const char *text,
                 gssize      len)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return score_text (self, text, len < 0 ? strlen (text) : (gsize) len, NULL, 0);
}


void
desk_found_axis_free (DeskFoundAxis *axis)
{
  if (axis == NULL)
    return;
  g_free (axis->name);
  g_free (axis);
}

static char *
clean_axis_name (const char *text)
{
  g_autofree char *s = NULL;
  char *paren;
  gsize len;

  /* "- Seguridad y Defensa (Cancillería de Colombia, 2018)." and "2. Seguridad y defensa";
   * the dashes passed over rather than moved off one by one */
  while (*text == '-' || *text == ' ' || g_str_has_prefix (text, "•"))
    text = g_utf8_next_char (text);
  s = g_strdup (text);
  if (g_ascii_isdigit (*s))
    {
      char *p = s;
      while (g_ascii_isdigit (*p) || *p == '.')
        p++;
      if (*p == ' ' || *p == ')')
        memmove (s, p + 1, strlen (p + 1) + 1);
    }
  paren = strstr (s, " (");
  if (paren != NULL)
    *paren = '\0';
  g_strstrip (s);
  len = strlen (s);
  while (len > 0 && strchr (".;:,", s[len - 1]))
    s[--len] = '\0';
  if (g_str_has_prefix (s, "y ") || g_str_has_prefix (s, "and "))
    memmove (s, strchr (s, ' ') + 1, strlen (strchr (s, ' ') + 1) + 1);
  if (*s != '\0')
    {
      gunichar c = g_utf8_get_char (s);
      g_autofree char *rest = g_strdup (g_utf8_next_char (s));
      char buf[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_toupper (c), buf);
      return g_strconcat (buf, rest, NULL);
    }
  return g_strdup (s);
}

/* Characters apart within which the same axis named twice is one */
#define SAME_AXIS_DISTANCE 3000

/* The key of @folded found in the stretch of SAME_AXIS_DISTANCE
 * characters numbered @stretch */
static char *
found_key (const char *folded,
           gint64      stretch)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", stretch, folded);
}

/* Adds the axis @name found at @start unless it was found near there;
 * @near holds where each axis was found (found_key () → its start) */
static void
add_found (GPtrArray  *found,
           GHashTable *near,
           const char *name,
           int         section,
           gint64      start,
           gint64      end)
{
  DeskFoundAxis *axis;
  g_autofree char *clean = clean_axis_name (name);
  g_autofree char *folded = NULL;
  gint64 stretch = start / SAME_AXIS_DISTANCE;

  if (g_utf8_strlen (clean, -1) < 3 || g_utf8_strlen (clean, -1) > 120 || !g_unichar_isalpha (g_utf8_get_char (clean)))
    return;
  /* a document that lists its axes and then gives each a section names
   * them twice, near each other.  Looked up by name in the stretch of
   * text around: a long document finds thousands, and each stretch
   * holds a name once (a second one there would be near the first) */
  folded = g_utf8_casefold (clean, -1);
  for (gint64 k = stretch - 1; k <= stretch + 1; k++)
    {
      g_autofree char *key = found_key (folded, k);
      const gint64 *known = g_hash_table_lookup (near, key);

      if (known != NULL && ABS (*known - start) < SAME_AXIS_DISTANCE)
        return;
    }
  g_hash_table_insert (near, found_key (folded, stretch), g_memdup2 (&start, sizeof start));
  axis = g_new0 (DeskFoundAxis, 1);
  axis->name = g_steal_pointer (&clean);
  axis->section = section;
  axis->start = start;
  axis->end = end;
  g_ptr_array_add (found, axis);
}

/* The sections of @outline by their titles as axis names, folded: each
 * title's GArray of section numbers, in outline order */
static GHashTable *
index_section_titles (GArray *outline)
{
  GHashTable *sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  for (guint k = 0; k < outline->len; k++)
    {
      const DeskOutlineEntry *e = &g_array_index (outline, DeskOutlineEntry, k);
      g_autofree char *clean = clean_axis_name (e->title);
      char *title = g_utf8_casefold (clean, -1);
      GArray *titled = g_hash_table_lookup (sections, title);

      if (titled == NULL)
        {
          titled = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (sections, title, titled);
        }
      else
        g_free (title);
      g_array_append_val (titled, k);
    }
  return sections;
}

/* Axes a document proposes: the subsections of a section about thematic
 * axes, sections titled "Eje de …", the items of a list after a lead-in
 * about axes, and an inline enumeration ("se trabajaron seis ejes: a; b"). */
GPtrArray *
desk_axes_find_in_document (DeskParsedDocument *doc)
{
  static GRegex *axes_title, *axis_title, *leadin;
  static gsize initialized = 0;
  GPtrArray *found;
  g_autoptr(GHashTable) near = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) sections = NULL;
  TextCursor cursor;

  g_return_val_if_fail (doc != NULL, NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_found_axis_free);
  cursor = (TextCursor) { doc->text, doc->text, 0 };

  if (g_once_init_enter (&initialized))
    {
      axes_title = g_regex_new ("\\b(ejes\\s+tem[aá]ticos|ejes\\s+de\\s+trabajo|thematic\\s+axes|pilares|pillars)\\b",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      axis_title = g_regex_new ("^(?:eje|pilar|axis|pillar)\\s+(?:de(?:l)?\\s+|of\\s+)?(.+)$", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      leadin = g_regex_new ("\\b(ejes|pilares|axes|pillars)\\b[^:]*:\\s*(.*)$", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  /* sections */
  for (guint i = 0; i < doc->outline->len; i++)
    {
      DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
      g_autoptr(GMatchInfo) m = NULL;

      if (g_regex_match (axis_title, e->title, 0, &m))
        {
          g_autofree char *name = g_match_info_fetch (m, 1);
          add_found (found, near, name, i, e->start, e->end);
          continue;
        }
      if (!g_regex_match (axes_title, e->title, 0, NULL))
        continue;
      for (guint j = i + 1; j < doc->outline->len; j++)
        {
          DeskOutlineEntry *child = &g_array_index (doc->outline, DeskOutlineEntry, j);

          if (child->depth <= e->depth)
            break;
          if (child->depth == e->depth + 1)
            add_found (found, near, child->title, j, child->start, child->end);
        }
    }

  /* lead-ins and enumerations */
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) m = NULL;
      g_autofree char *rest = NULL;

      if (p->kind != DESK_BLOCK_PARAGRAPH)
        continue;
      text = cursor_substring (&cursor, p->start, p->end);
      if (!g_regex_match (leadin, text, 0, &m))
        continue;
      rest = g_match_info_fetch (m, 2);
      g_strstrip (rest);

      if (*rest == '\0')
        {
          /* the list items that follow */
          TextCursor items = cursor;

          for (guint j = i + 1; j < doc->paragraphs->len; j++)
            {
              DeskParagraph *item = &g_array_index (doc->paragraphs, DeskParagraph, j);
              g_autofree char *item_text = NULL;

              if (item->kind != DESK_BLOCK_LIST_ITEM)
                break;
              item_text = cursor_substring (&items, item->start, item->end);
              /* "- Eje: what it covers" names the axis before the colon */
              if (strchr (item_text, ':') != NULL && strchr (item_text, ':') - item_text < 80)
                *strchr (item_text, ':') = '\0';
              add_found (found, near, item_text, -1, item->start, item->end);
            }
        }
      else
        {
          /* "a; b; c; y d" or "a, b, c y d" */
          g_auto(GStrv) parts = NULL;
          const char *delimiter = strchr (rest, ';') ? ";" : ",";
          char *end = rest + strlen (rest);

          if (end > rest && end[-1] == '.')
            end[-1] = '\0';
          parts = g_strsplit (rest, delimiter, -1);
          if (g_strv_length (parts) < 2)
            continue;
          for (guint k = 0; parts[k]; k++)
            {
              g_auto(GStrv) last = NULL;

              if (parts[k + 1] == NULL && strstr (parts[k], " y ") != NULL && *delimiter == ',')
                {
                  last = g_strsplit (parts[k], " y ", 2);
                  add_found (found, near, last[0], -1, p->start, p->end);
                  add_found (found, near, last[1], -1, p->start, p->end);
                }
              else
                add_found (found, near, parts[k], -1, p->start, p->end);
            }
        }
    }
  /* an axis named in a list and given a section further on owns that
   * section: the first of that title after it */
  for (guint i = 0; i < found->len; i++)
    {
      DeskFoundAxis *axis = g_ptr_array_index (found, i);
      g_autofree char *name = NULL;
      GArray *titled;
      guint low = 0, high;

      if (axis->section >= 0)
        continue;
      if (sections == NULL)
        sections = index_section_titles (doc->outline);
      name = g_utf8_casefold (axis->name, -1);
      titled = g_hash_table_lookup (sections, name);
      if (titled == NULL)
        continue;
      /* sections start in outline order */
      high = titled->len;
      while (low < high)
        {
          guint mid = low + (high - low) / 2;
          const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, g_array_index (titled, guint, mid));

          if (e->start > axis->start)
            high = mid;
          else
            low = mid + 1;
        }
      if (low < titled->len)
        {
          guint k = g_array_index (titled, guint, low);
          const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, k);

          axis->section = k;
          axis->start = e->start;
          axis->end = e->end;
        }
    }
  return found;
}

/* The rules version and the axes file's checksum: scores made under
 * another stamp are made again. */
char *
desk_axes_get_stamp (DeskAxes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup_printf ("%d:%s", DESK_AXES_RULES_VERSION, self->checksum);
}

/* Scores every paragraph of @doc against every axis — a section's title
 * speaks for everything in it: "3.1.1. Asuntos Económicos, Comerciales…"
 * puts its proposals under the economy — and finds the axes @doc proposes.
 * Reads nothing but @doc; one DeskAxes per thread. */
DeskDocumentScores *
desk_axes_score_document (DeskAxes           *self,
                          DeskParsedDocument *doc)
{
  DeskDocumentScores *scores;
  g_autoptr(GPtrArray) section_scores = NULL;
  DeskOutlineCursor sections;
  TextCursor cursor;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  cursor = (TextCursor) { doc->text, doc->text, 0 };

  scores = g_new0 (DeskDocumentScores, 1);
  scores->stamp = desk_axes_get_stamp (self);
  scores->axis_ids = g_ptr_array_new_full (self->all->len, g_free);
  for (guint a = 0; a < self->all->len; a++)
    g_ptr_array_add (scores->axis_ids, g_strdup (((DeskAxis *) g_ptr_array_index (self->all, a))->id));
  scores->paragraphs = g_ptr_array_new_full (doc->paragraphs->len, (GDestroyNotify) g_array_unref);

  section_scores = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < doc->outline->len; i++)
    {
      const DeskOutlineEntry *e = &g_array_index (doc->outline, DeskOutlineEntry, i);
      g_ptr_array_add (section_scores, desk_axes_score (self, e->title, -1));
    }

  /* the paragraphs go in text order */
  desk_outline_cursor_init (&sections, doc->outline);
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);
      const char *start = cursor_move (&cursor, p->start);
      const char *end = g_utf8_offset_to_pointer (start, p->end - p->start);
      /* the words recorded for the index, when they were */
      GArray *paragraph = score_text (self, start, end - start, doc->tokens, start - doc->text);
      int section = desk_outline_cursor_section_at (&sections, p->start);

      if (section >= 0)
        for (guint a = 0; a < paragraph->len; a++)
          g_array_index (paragraph, double, a) += g_array_index ((GArray *) g_ptr_array_index (section_scores, section), double, a);
      g_ptr_array_add (scores->paragraphs, paragraph);
    }
  desk_outline_cursor_clear (&sections);

  scores->found = desk_axes_find_in_document (doc);
  return scores;
}

void
desk_document_scores_free (DeskDocumentScores *scores)
{
  if (scores == NULL)
    return;
  g_free (scores->stamp);
  g_clear_pointer (&scores->axis_ids, g_ptr_array_unref);
  g_clear_pointer (&scores->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&scores->found, g_ptr_array_unref);
  g_free (scores);
}
