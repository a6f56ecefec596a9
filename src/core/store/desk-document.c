/* desk-document.c: one document of the library, as a list row */
#define G_LOG_DOMAIN "desk-document"

#include "config.h"

#include "desk-document.h"

struct _DeskDocument
{
  GObject parent_instance;

  gint64 id;
  char *uid;
  char *title;
  char *path;
  char *format;
  char *language;
  char *languages;
  char *published;
  char *imported;
  char *author;
  char *source;
  gint64 size;
  gint64 n_chars;
  guint n_sections;
};

G_DEFINE_FINAL_TYPE (DeskDocument, desk_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  PROP_TITLE,
  PROP_PATH,
  PROP_FORMAT,
  PROP_LANGUAGE,
  PROP_LANGUAGES,
  PROP_PUBLISHED,
  PROP_IMPORTED,
  PROP_SIZE,
  PROP_N_CHARS,
  PROP_N_SECTIONS,
  PROP_AUTHOR,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_document_finalize (GObject *object)
{
  DeskDocument *self = DESK_DOCUMENT (object);

  g_free (self->uid);
  g_free (self->title);
  g_free (self->path);
  g_free (self->format);
  g_free (self->language);
  g_free (self->languages);
  g_free (self->published);
  g_free (self->imported);
  g_free (self->author);
  g_free (self->source);

  G_OBJECT_CLASS (desk_document_parent_class)->finalize (object);
}

static void
desk_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DeskDocument *self = DESK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UID: g_value_set_string (value, self->uid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_FORMAT: g_value_set_string (value, self->format); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_LANGUAGES: g_value_set_string (value, self->languages); break;
    case PROP_PUBLISHED: g_value_set_string (value, self->published); break;
    case PROP_IMPORTED: g_value_set_string (value, self->imported); break;
    case PROP_SIZE: g_value_set_int64 (value, self->size); break;
    case PROP_N_CHARS: g_value_set_int64 (value, self->n_chars); break;
    case PROP_N_SECTIONS: g_value_set_uint (value, self->n_sections); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_document_class_init (DeskDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = desk_document_finalize;
  object_class->get_property = desk_document_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGES] = g_param_spec_string ("languages", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED] = g_param_spec_string ("imported", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_CHARS] = g_param_spec_int64 ("n-chars", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_SECTIONS] = g_param_spec_uint ("n-sections", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_document_init (DeskDocument *self)
{
}

DeskDocument *
desk_document_new (gint64      id,
                   const char *uid,
                   const char *title,
                   const char *path,
                   const char *format,
                   const char *language,
                   const char *languages,
                   const char *published,
                   const char *imported,
                   gint64      size,
                   gint64      n_chars,
                   guint       n_sections)
{
  DeskDocument *self = g_object_new (DESK_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->uid = g_strdup (uid);
  self->title = g_strdup (title);
  self->path = g_strdup (path);
  self->format = g_strdup (format);
  self->language = g_strdup (language);
  self->languages = g_strdup (languages);
  self->published = g_strdup (published);
  self->imported = g_strdup (imported);
  self->size = size;
  self->n_chars = n_chars;
  self->n_sections = n_sections;

  return self;
}

gint64 desk_document_get_id (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), 0); return self->id; }
const char *desk_document_get_uid (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->uid; }
const char *desk_document_get_title (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->title; }
const char *desk_document_get_path (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->path; }
const char *desk_document_get_format (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->format; }
const char *desk_document_get_language (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->language; }
const char *desk_document_get_languages (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->languages; }
const char *desk_document_get_published (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->published; }
const char *desk_document_get_imported (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->imported; }
gint64 desk_document_get_size (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), 0); return self->size; }
gint64 desk_document_get_n_chars (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), 0); return self->n_chars; }
guint desk_document_get_n_sections (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), 0); return self->n_sections; }
const char *desk_document_get_author (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->author; }
const char *desk_document_get_source (DeskDocument *self) { g_return_val_if_fail (DESK_IS_DOCUMENT (self), NULL); return self->source; }

/* Who wrote the document and where it was published (NULL: not known);
 * for the library as it reads a row */
void
desk_document_set_byline (DeskDocument *self,
                          const char   *author,
                          const char   *source)
{
  g_return_if_fail (DESK_IS_DOCUMENT (self));

  g_free (self->author);
  self->author = g_strdup (author);
  g_free (self->source);
  self->source = g_strdup (source);
}
