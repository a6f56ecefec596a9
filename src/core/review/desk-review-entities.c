/* desk-review-entities.c: the officer's decisions on entities — rename,
 * merge, split an alias off, change the kind, mark as not an entity —
 * as review changes like any other: logged, undone, exchanged in files */
#define G_LOG_DOMAIN "desk-review"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-review-private.h"

/* Characters of an entity's name, at most */
#define MAX_NAME_CHARS 200

static gboolean
is_uid (const char *value)
{
  if (value == NULL || strlen (value) != 32)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Refuses a value an entity's field cannot take; TRUE for other fields */
gboolean
_desk_review_check_entity_change (const char  *field,
                                  const char  *value,
                                  GError     **error)
{
  DeskFactKind kind;

  if (g_str_equal (field, "name") && value != NULL)
    {
      g_autofree char *trimmed = g_utf8_validate (value, -1, NULL) ? g_strstrip (g_strdup (value)) : NULL;

      if (trimmed == NULL)
        {
          g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD, _("An entity’s name must be UTF-8 text"));
          return FALSE;
        }
      if (*trimmed == '\0')
        {
          g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD, _("An entity’s name cannot be empty"));
          return FALSE;
        }
      if (g_utf8_strlen (value, -1) > MAX_NAME_CHARS)
        {
          g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_TOO_LONG,
                       g_dngettext (GETTEXT_PACKAGE, "An entity’s name has at most %u character",
                                    "An entity’s name has at most %u characters", MAX_NAME_CHARS), MAX_NAME_CHARS);
          return FALSE;
        }
    }
  if (g_str_equal (field, "kind") && value != NULL &&
      (!desk_fact_kind_from_string (value, &kind) || !desk_fact_kind_is_name (kind)))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not a kind of entity (person, org or place)"), value);
      return FALSE;
    }
  /* "" keeps an entity apart from the one it would be linked to */
  if ((g_str_equal (field, "merged_into") || g_str_equal (field, "split")) && value != NULL && !is_uid (value) &&
      !(g_str_equal (field, "merged_into") && *value == '\0'))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD, _("“%s” is not an entity’s identifier"), value);
      return FALSE;
    }
  if (g_str_equal (field, "not_entity") && value != NULL && !g_str_equal (value, "yes"))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not a rejection of an entity (yes, or nothing)"), value);
      return FALSE;
    }
  return TRUE;
}

/* Whether @field of @target can be changed here: a fact's fields on a
 * fact, an entity's on an entity, a split on an alias; a note on any */
gboolean
_desk_review_target_fits (DeskStore   *store,
                          const char  *target,
                          const char  *field,
                          GError     **error)
{
  DeskStoreTarget wanted = _desk_review_entity_field (field);
  DeskStoreTarget found = desk_store_target_kind (store, target);

  if (wanted == DESK_STORE_TARGET_NONE && g_str_equal (field, "note") &&
      (found == DESK_STORE_TARGET_ENTITY || found == DESK_STORE_TARGET_FACT))
    return TRUE;
  if (wanted == DESK_STORE_TARGET_NONE)
    wanted = DESK_STORE_TARGET_FACT;
  if (found == wanted)
    return TRUE;
  if (wanted == DESK_STORE_TARGET_FACT)
    g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_FOUND, _("There is no fact “%s” in the library"), target);
  else
    g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_NOT_FOUND, _("There is no entity “%s” in the library"), target);
  return FALSE;
}

/* The uid of the entity @id_or_uid names, as it stands now (one merged
 * into another gives that other) */
static char *
entity_uid (DeskStore   *store,
            const char  *id_or_uid,
            GError     **error)
{
  g_autoptr(DeskEntityRow) row = desk_store_get_entity (store, id_or_uid, NULL, error);

  return row != NULL ? g_steal_pointer (&row->uid) : NULL;
}

/* Renames the entity @uid; a NULL or empty @name gives it back its
 * canonical names */
gboolean
desk_review_rename_entity (DeskStore   *store,
                           const char  *uid,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!(target = entity_uid (store, uid, error)))
    return FALSE;
  if (name != NULL && g_utf8_validate (name, -1, NULL))
    trimmed = g_strstrip (g_strdup (name));
  return desk_review_set (store, target, "name", trimmed != NULL && *trimmed != '\0' ? trimmed : NULL, error);
}

/* Merges the entity @uid into @into_uid: its aliases and mentions are
 * the other's from now on.  Merging an entity into itself, or into one
 * merged into it, is refused */
gboolean
desk_review_merge_entity (DeskStore   *store,
                          const char  *uid,
                          const char  *into_uid,
                          GError     **error)
{
  g_autofree char *from = NULL;
  g_autoptr(DeskEntityRow) into = NULL;
  g_autoptr(DeskEntityRow) source = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL && into_uid != NULL, FALSE);

  if (!(source = desk_store_get_entity (store, uid, NULL, error)) ||
      !(into = desk_store_get_entity (store, into_uid, NULL, error)))
    return FALSE;
  if (g_str_equal (source->uid, into->uid))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” and “%s” are already one entity"), source->name, into->name);
      return FALSE;
    }
  from = g_strdup (source->uid);
  return desk_review_set (store, from, "merged_into", into->uid, error);
}

/* Splits the alias @form off the entity @uid, into an entity of its own
 * named as the alias is written (its uid in *@new_uid).  When @form is
 * the name of an entity merged into @uid, that entity is taken apart
 * again instead */
gboolean
desk_review_split_alias (DeskStore   *store,
                         const char  *uid,
                         const char  *form,
                         char       **new_uid,
                         GError     **error)
{
  g_autoptr(DeskEntityRow) entity = NULL;
  g_autoptr(DeskEntityRow) after = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *split = NULL;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL && form != NULL, FALSE);

  if (new_uid != NULL)
    *new_uid = NULL;
  if (!(entity = desk_store_get_entity (store, uid, NULL, error)) ||
      !(alias = desk_store_find_alias (store, entity->uid, form, error)))
    return FALSE;
  if (entity->aliases != NULL && g_strv_length (entity->aliases) < 2)
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is the only way “%s” is written: there is nothing to split off"), form, entity->name);
      return FALSE;
    }
  kind = g_strdup (desk_fact_kind_to_string (entity->kind));
  split = desk_entity_compute_uid (kind, form);
  if (g_str_equal (split, entity->uid))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is the name “%s” was found under: split off the other ways it is written instead"),
                   form, entity->name);
      return FALSE;
    }

  /* an entity of that name merged into this one (by the officer, or as
   * a short form of it) is kept apart from it again */
  if (desk_store_target_kind (store, split) == DESK_STORE_TARGET_ENTITY)
    {
      g_autoptr(DeskEntityRow) final = desk_store_get_entity (store, split, NULL, NULL);

      if (final != NULL && g_str_equal (final->uid, entity->uid) && !desk_review_set (store, split, "merged_into", "", error))
        return FALSE;
    }
  /* and the alias, when it still stands under this entity, goes to it */
  if (!(after = desk_store_get_entity (store, entity->uid, NULL, error)))
    return FALSE;
  if (after->aliases != NULL && g_strv_contains ((const char * const *) after->aliases, form) &&
      !desk_review_set (store, alias, "split", split, error))
    return FALSE;
  if (new_uid != NULL)
    *new_uid = g_steal_pointer (&split);
  return TRUE;
}

gboolean
desk_review_set_entity_kind (DeskStore     *store,
                             const char    *uid,
                             DeskFactKind   kind,
                             GError       **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!desk_fact_kind_is_name (kind))
    {
      g_set_error (error, DESK_REVIEW_ERROR, DESK_REVIEW_ERROR_INVALID_FIELD,
                   _("“%s” is not a kind of entity (person, org or place)"), desk_fact_kind_to_string (kind));
      return FALSE;
    }
  if (!(target = entity_uid (store, uid, error)))
    return FALSE;
  return desk_review_set (store, target, "kind", desk_fact_kind_to_string (kind), error);
}

/* Marks the entity @uid as not an entity (its mentions are no longer
 * highlighted nor listed), or takes the mark back */
gboolean
desk_review_reject_entity (DeskStore   *store,
                           const char  *uid,
                           gboolean     rejected,
                           GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!(target = entity_uid (store, uid, error)))
    return FALSE;
  return desk_review_set (store, target, "not_entity", rejected ? "yes" : NULL, error);
}
