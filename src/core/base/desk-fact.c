/* desk-fact.c: one fact extracted from a document, tied to its passage */
#define G_LOG_DOMAIN "desk-fact"

#include "config.h"

#include "desk-fact.h"

static const char * const kind_names[DESK_N_FACT_KINDS] = {
  "date", "quantity", "money", "percent", "person", "org", "place",
  "citation", "quote", "proposal", "meeting",
};

static const char * const modality_names[DESK_N_MODALITIES] = {
  "asserted", "proposed", "expected", "intended", "negated", "reported",
};

const char *
desk_fact_kind_to_string (DeskFactKind kind)
{
  g_return_val_if_fail (kind < DESK_N_FACT_KINDS, NULL);
  return kind_names[kind];
}

gboolean
desk_fact_kind_from_string (const char   *name,
                            DeskFactKind *kind)
{
  for (guint i = 0; i < DESK_N_FACT_KINDS; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
desk_modality_to_string (DeskModality modality)
{
  g_return_val_if_fail (modality < DESK_N_MODALITIES, NULL);
  return modality_names[modality];
}

gboolean
desk_modality_from_string (const char   *name,
                           DeskModality *modality)
{
  for (guint i = 0; i < DESK_N_MODALITIES; i++)
    if (g_strcmp0 (name, modality_names[i]) == 0)
      {
        *modality = i;
        return TRUE;
      }
  return FALSE;
}

void
desk_fact_clear (DeskFact *fact)
{
  g_clear_pointer (&fact->text, g_free);
  g_clear_pointer (&fact->value, g_free);
  g_clear_pointer (&fact->extra, g_free);
  g_clear_pointer (&fact->terms, g_ref_string_release);
}

/* Stable across copies of a library: (document uid, kind, start, end). */
char *
desk_fact_compute_uid (const char   *document_uid,
                       DeskFactKind  kind,
                       gint64        start,
                       gint64        end)
{
  g_autofree char *key = g_strdup_printf ("%s:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          document_uid, desk_fact_kind_to_string (kind), start, end);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strndup (sum, 32);
}

/* The uids of @facts (DeskFact) of a document, in their order */
GPtrArray *
desk_fact_compute_uids (const char *document_uid,
                        GArray     *facts)
{
  GPtrArray *uids;

  g_return_val_if_fail (document_uid != NULL && facts != NULL, NULL);

  uids = g_ptr_array_new_full (facts->len, g_free);
  for (guint i = 0; i < facts->len; i++)
    {
      const DeskFact *f = &g_array_index (facts, DeskFact, i);

      g_ptr_array_add (uids, desk_fact_compute_uid (document_uid, f->kind, f->start, f->end));
    }
  return uids;
}

/* A name among the terms of a fact: "@" and the name, its spaces made
 * "_" so that the terms can be told apart by spaces ("@United_States") */
char *
desk_fact_entity_term (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return g_strdelimit (g_strconcat ("@", value, NULL), " ", '_');
}

/* Whether facts of @kind name someone or something (people,
 * organizations, places): the library keeps them as mentions of
 * entities, not as claims */
gboolean
desk_fact_kind_is_name (DeskFactKind kind)
{
  return kind == DESK_FACT_PERSON || kind == DESK_FACT_ORG || kind == DESK_FACT_PLACE;
}

/* A uid of what @what names by @a and @b: 32 hex digits of a SHA-256 */
static char *
compute_uid (const char *what,
             const char *a,
             const char *b)
{
  g_autofree char *text = g_strdup_printf ("%s:%s:%s", what, a, b);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (sum, 32);
}

/* An entity's uid: its kind and the name the extractor gave it, so that
 * two copies of a library agree on it; an officer's renaming keeps it */
char *
desk_entity_compute_uid (const char *kind,
                         const char *key)
{
  g_return_val_if_fail (kind != NULL && key != NULL, NULL);
  return compute_uid ("entity", kind, key);
}

/* An alias's uid: one way of writing the entity @entity_uid */
char *
desk_alias_compute_uid (const char *entity_uid,
                        const char *form)
{
  g_return_val_if_fail (entity_uid != NULL && form != NULL, NULL);
  return compute_uid ("alias", entity_uid, form);
}
