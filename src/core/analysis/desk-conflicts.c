/* desk-conflicts.c: which facts of different documents disagree — two
 * figures of the same unit for the same measure with different values;
 * the same entities in claims of which one says it happened and the
 * other that it is proposed, expected, intended or denied */
#define G_LOG_DOMAIN "desk-conflicts"

#include "config.h"

#include <string.h>

#include "desk-conflicts.h"

/* The facts are held in a compact form (words as numbers of one
 * dictionary) so that memory grows with the vocabulary, not with the
 * library; the library gives them a group at a time. */

typedef struct
{
  GHashTable *ids;        /* term → its number + 1 */
  GPtrArray *terms;       /* number → term */
  GByteArray *flags;      /* number → TERM_ENTITY, TERM_BACKGROUND */
  GHashTable *background; /* "@name" of names too common to tell claims apart */
} Dictionary;

#define TERM_ENTITY 1     /* "@name" */
#define TERM_BACKGROUND 2 /* a name of the background */

struct _DeskConflictFact
{
  gint64 id;
  char *uid;            /* what a conflict names it by */
  gint64 document_id;
  DeskFactKind kind;
  DeskModality modality;
  guint value;          /* in the dictionary */
  guint unit;
  gint64 sentence;      /* of a name: where its terms are */
  GArray *terms;        /* guint, ascending; of a name, NULL until needed */
} DeskDeskConflictFact_;

void
desk_conflict_fact_free (gpointer data)
{
  DeskConflictFact *f = data;

  if (f == NULL)
    return;

  g_clear_pointer (&f->terms, g_array_unref);
  g_free (f->uid);
  g_free (f);
}

static guint
dictionary_id (Dictionary *dict,
               const char *term)
{
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (dict->ids, term));

  if (id == 0)
    {
      char *copy = g_strdup (term);
      guint8 flags = (term[0] == '@' ? TERM_ENTITY : 0) |
                     (g_hash_table_contains (dict->background, term) ? TERM_BACKGROUND : 0);

      g_ptr_array_add (dict->terms, copy);
      g_byte_array_append (dict->flags, &flags, 1);
      id = dict->terms->len;
      g_hash_table_insert (dict->ids, copy, GUINT_TO_POINTER (id));
    }
  return id - 1;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The numbers of the terms of @text (separated by spaces), ascending */
static GArray *
dictionary_ids (Dictionary *dict,
                const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  char term[128];

  /* each term copied out only to be looked up, most of them short */
  for (const char *p = text; *p;)
    {
      const char *start = p;
      gsize n;

      while (*p && *p != ' ')
        p++;
      n = p - start;
      if (n > 0)
        {
          g_autofree char *longer = n < sizeof term ? NULL : g_strndup (start, n);
          guint id;

          if (longer == NULL)
            {
              memcpy (term, start, n);
              term[n] = '\0';
            }
          id = dictionary_id (dict, longer != NULL ? longer : term);
          g_array_append_val (ids, id);
        }
      if (*p == ' ')
        p++;
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

struct _DeskConflictFinder
{
  Dictionary dict;
  GHashTable *background;  /* "@name" of names too common to tell claims apart */
  GHashTable *sentences;   /* sentence (document_id << 32 | start) → its terms, read last */
  gint64 since;            /* facts of larger ids are compared; 0: all */
  DeskSentenceTermsFunc sentence_terms;
  DeskConflictFunc found;
  gpointer user_data;
};

/* Sentences whose terms a finder keeps at most: the names of a sentence
 * are compared in as many groups as they are names */
#define CONFLICT_SENTENCES 50000

/* The terms @a and @b share, in one walk of both: entities ("@name")
 * leaving out those of the background, in *@entities, and words, in
 * *@words */
static void
shared_terms (const DeskConflictFact *a,
              const DeskConflictFact *b,
              const Dictionary   *dict,
              guint              *entities,
              guint              *words)
{
  const guint *x = (const guint *) a->terms->data, *y = (const guint *) b->terms->data;
  const guint *x_end = x + a->terms->len, *y_end = y + b->terms->len;
  const guint8 *flags = dict->flags->data;

  *entities = *words = 0;
  while (x < x_end && y < y_end)
    {
      if (*x == *y)
        {
          guint8 f = flags[*x];

          if (!(f & TERM_ENTITY))
            (*words)++;
          else if (!(f & TERM_BACKGROUND))
            (*entities)++;
          x++;
          y++;
        }
      else if (*x < *y)
        x++;
      else
        y++;
    }
}

static gboolean
modality_done (DeskModality m)
{
  return m == DESK_MODALITY_ASSERTED || m == DESK_MODALITY_REPORTED;
}

/* A conflict is named by its facts' uids, the smaller first */
static gboolean
report (DeskConflictFinder      *self,
        const DeskConflictFact  *a,
        const DeskConflictFact  *b,
        const char              *reason,
        GError                 **error)
{
  gboolean a_first = strcmp (a->uid, b->uid) < 0;

  return self->found (a_first ? a->uid : b->uid, a_first ? b->uid : a->uid, reason, self->user_data, error);
}

/* A name's terms, those of its sentence, asked for when it is compared,
 * and shared with the other names of the sentence */
static gboolean
ensure_terms (DeskConflictFinder  *self,
              DeskConflictFact    *f,
              GError             **error)
{
  gint64 key = f->document_id << 32 | (f->sentence & G_GINT64_CONSTANT (0xffffffff));
  const char *text = NULL;
  GArray *terms;

  if (f->terms != NULL)
    return TRUE;
  if ((terms = g_hash_table_lookup (self->sentences, &key)) != NULL)
    {
      f->terms = g_array_ref (terms);
      return TRUE;
    }
  if (!self->sentence_terms (f->document_id, f->sentence, &text, self->user_data, error))
    return FALSE;
  f->terms = text != NULL ? dictionary_ids (&self->dict, text) : g_array_new (FALSE, FALSE, sizeof (guint));
  if (g_hash_table_size (self->sentences) >= CONFLICT_SENTENCES)
    g_hash_table_remove_all (self->sentences);
  g_hash_table_insert (self->sentences, g_memdup2 (&key, sizeof key), g_array_ref (f->terms));
  return TRUE;
}

static gboolean
is_new_fact (const DeskConflictFinder *self,
             const DeskConflictFact   *f)
{
  return f->id > self->since;
}

/* A finder of conflicts among facts of ids above @since (0: all), with
 * the names of @background left out of what claims share; @found is
 * called for each conflict, @sentence_terms for the terms of a name's
 * sentence */
DeskConflictFinder *
desk_conflict_finder_new (GHashTable            *background,
                          gint64                 since,
                          DeskSentenceTermsFunc  sentence_terms,
                          DeskConflictFunc       found,
                          gpointer               user_data)
{
  DeskConflictFinder *self = g_new0 (DeskConflictFinder, 1);

  g_return_val_if_fail (background != NULL, NULL);
  g_return_val_if_fail (sentence_terms != NULL && found != NULL, NULL);

  self->background = g_hash_table_ref (background);
  self->since = since;
  self->sentence_terms = sentence_terms;
  self->found = found;
  self->user_data = user_data;
  self->sentences = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  self->dict.ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->dict.terms = g_ptr_array_new_with_free_func (g_free);
  self->dict.flags = g_byte_array_new ();
  self->dict.background = self->background;
  return self;
}

void
desk_conflict_finder_free (DeskConflictFinder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sentences, g_hash_table_unref);
  g_clear_pointer (&self->dict.ids, g_hash_table_unref);
  g_clear_pointer (&self->dict.terms, g_ptr_array_unref);
  g_clear_pointer (&self->dict.flags, g_byte_array_unref);
  g_clear_pointer (&self->background, g_hash_table_unref);
  g_free (self);
}

/* A fact to compare: a figure with its own @terms (the words around it),
 * or a name with NULL terms and the start of its @sentence, whose terms
 * are asked for when it is compared */
DeskConflictFact *
desk_conflict_finder_read_fact (DeskConflictFinder *self,
                                gint64              id,
                                const char         *uid,
                                gint64              document_id,
                                const char         *kind,
                                const char         *value,
                                const char         *modality,
                                const char         *terms,
                                gint64              sentence)
{
  DeskConflictFact *f = g_new0 (DeskConflictFact, 1);
  const char *space;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  f->id = id;
  f->uid = g_strdup (uid);
  f->document_id = document_id;
  desk_fact_kind_from_string (kind, &f->kind);
  desk_modality_from_string (modality, &f->modality);
  f->value = dictionary_id (&self->dict, value);
  space = strrchr (value, ' ');
  f->unit = dictionary_id (&self->dict, space ? space + 1 : (g_str_has_suffix (value, "%") ? "%" : ""));
  if (terms != NULL)
    f->terms = dictionary_ids (&self->dict, terms);
  else
    f->sentence = sentence;
  return f;
}

/* figures: two of the same unit for the same measure (three words in
 * common) with different values, at least one of them new.  Candidates
 * come from an index of their words, leaving out the words so common that
 * they name no measure, so that the work grows with the library rather
 * than with its square */
gboolean
desk_conflict_finder_compare_figures (DeskConflictFinder  *self,
                                     GPtrArray           *figures,
                                     GError             **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  guint cap = MAX (50, figures->len / 50);

  for (guint i = 0; i < figures->len; i++)
    {
      DeskConflictFact *a = g_ptr_array_index (figures, i);
      for (guint t = 0; t < a->terms->len; t++)
        {
          gpointer key = GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1);
          GArray *list = g_hash_table_lookup (index, key);
          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (index, key, list);
            }
          g_array_append_val (list, i);
        }
    }

  for (guint i = 0; i < figures->len; i++)
    {
      DeskConflictFact *a = g_ptr_array_index (figures, i);
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (!is_new_fact (self, a))
        continue;
      counts = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint t = 0; t < a->terms->len; t++)
        {
          GArray *list = g_hash_table_lookup (index, GUINT_TO_POINTER (g_array_index (a->terms, guint, t) + 1));
          if (list == NULL || list->len > cap)
            continue;
          for (guint k = 0; k < list->len; k++)
            {
              guint j = g_array_index (list, guint, k);
              /* each pair once: a new fact with the old ones and with the new ones after it */
              if (j > i || (j < i && !is_new_fact (self, g_ptr_array_index (figures, j))))
                g_hash_table_insert (counts, GUINT_TO_POINTER (j + 1),
                                     GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (j + 1))) + 1));
            }
        }

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          DeskConflictFact *b = g_ptr_array_index (figures, GPOINTER_TO_UINT (key) - 1);

          if (GPOINTER_TO_UINT (value) < 3 || a->document_id == b->document_id || a->kind != b->kind ||
              a->unit != b->unit || a->value == b->value)
            continue;
          if (!report (self, a, b, "figure", error))
            return FALSE;
        }
    }
  return TRUE;
}

/* claims: facts naming the same entity (@group), in documents of which
 * one says it happened and the other that it is proposed, expected,
 * intended or denied, and sharing more; at least one of them new */
gboolean
desk_conflict_finder_compare_claims (DeskConflictFinder  *self,
                                    GPtrArray           *group,
                                    GError             **error)
{
  for (guint i = 0; i < group->len; i++)
    for (guint j = i + 1; j < group->len; j++)
      {
        DeskConflictFact *a = g_ptr_array_index (group, i);
        DeskConflictFact *b = g_ptr_array_index (group, j);
        guint entities, words;

        if ((!is_new_fact (self, a) && !is_new_fact (self, b)) ||
            a->document_id == b->document_id || modality_done (a->modality) == modality_done (b->modality))
          continue;
        if (!ensure_terms (self, a, error) || !ensure_terms (self, b, error))
          return FALSE;
        shared_terms (a, b, &self->dict, &entities, &words);
        if (entities >= 2 && (words >= 1 || entities >= 3) &&
            !report (self, a, b, "modality", error))
          return FALSE;
      }
  return TRUE;
}
