/* desk-search-hit.c: one ranked document found by a full-text search */
#define G_LOG_DOMAIN "desk-search-hit"

#include "config.h"

#include <string.h>

#include "desk-search-hit.h"

struct _DeskSearchHit
{
  GObject parent_instance;

  gint64 document_id;
  char *uid;
  char *title;
  char *language;
  char *snippet;
  GArray *highlights;
  double rank;
};

G_DEFINE_FINAL_TYPE (DeskSearchHit, desk_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Splits SQLite's marked snippet into plain text and highlight ranges,
 * so that callers never have to parse private-use characters. */
static void
parse_marked_snippet (DeskSearchHit *self,
                      const char    *marked)
{
  GString *plain = g_string_new (NULL);
  const char *p = marked ? marked : "";
  guint offset = 0;
  DeskRange range = { 0, 0 };
  gboolean open = FALSE;

  while (*p)
    {
      if (strncmp (p, DESK_SEARCH_MARK_OPEN, 3) == 0)
        {
          range.start = offset;
          open = TRUE;
          p += 3;
          continue;
        }
      if (strncmp (p, DESK_SEARCH_MARK_CLOSE, 3) == 0)
        {
          if (open)
            {
              range.end = offset;
              g_array_append_val (self->highlights, range);
            }
          open = FALSE;
          p += 3;
          continue;
        }

      {
        const char *next = g_utf8_next_char (p);
        char c = *p;

        /* Snippets are shown on one line, paragraphs apart by one space. */
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ')
          {
            if (plain->len > 0 && plain->str[plain->len - 1] != ' ')
              {
                g_string_append_c (plain, ' ');
                offset++;
              }
          }
        else
          {
            g_string_append_len (plain, p, next - p);
            offset++;
          }
        p = next;
      }
    }

  self->snippet = g_string_free (plain, FALSE);
}

static void
desk_search_hit_finalize (GObject *object)
{
  DeskSearchHit *self = DESK_SEARCH_HIT (object);

  g_free (self->uid);
  g_free (self->title);
  g_free (self->language);
  g_free (self->snippet);
  g_array_unref (self->highlights);

  G_OBJECT_CLASS (desk_search_hit_parent_class)->finalize (object);
}

static void
desk_search_hit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DeskSearchHit *self = DESK_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SNIPPET: g_value_set_string (value, self->snippet); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_search_hit_class_init (DeskSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_search_hit_finalize;
  object_class->get_property = desk_search_hit_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_search_hit_init (DeskSearchHit *self)
{
  self->highlights = g_array_new (FALSE, FALSE, sizeof (DeskRange));
}

DeskSearchHit *
desk_search_hit_new (gint64      document_id,
                     const char *uid,
                     const char *title,
                     const char *language,
                     const char *marked_snippet,
                     double      rank)
{
  DeskSearchHit *self = g_object_new (DESK_TYPE_SEARCH_HIT, NULL);

  self->document_id = document_id;
  self->uid = g_strdup (uid);
  self->title = g_strdup (title);
  self->language = g_strdup (language);
  self->rank = rank;
  parse_marked_snippet (self, marked_snippet);

  return self;
}

gint64 desk_search_hit_get_document_id (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), 0); return self->document_id; }
const char *desk_search_hit_get_uid (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL); return self->uid; }
const char *desk_search_hit_get_title (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL); return self->title; }
const char *desk_search_hit_get_language (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL); return self->language; }
const char *desk_search_hit_get_snippet (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL); return self->snippet; }
const GArray *desk_search_hit_get_highlights (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL); return self->highlights; }
double desk_search_hit_get_rank (DeskSearchHit *self) { g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), 0); return self->rank; }

/* Pango markup of the snippet with the matched terms in bold. */
char *
desk_search_hit_dup_snippet_markup (DeskSearchHit *self)
{
  GString *markup;
  guint last = 0;

  g_return_val_if_fail (DESK_IS_SEARCH_HIT (self), NULL);

  markup = g_string_new (NULL);
  for (guint i = 0; i < self->highlights->len; i++)
    {
      const DeskRange *r = &g_array_index (self->highlights, DeskRange, i);
      const char *a = g_utf8_offset_to_pointer (self->snippet, last);
      const char *b = g_utf8_offset_to_pointer (self->snippet, r->start);
      const char *c = g_utf8_offset_to_pointer (self->snippet, r->end);
      g_autofree char *before = g_markup_escape_text (a, b - a);
      g_autofree char *hit = g_markup_escape_text (b, c - b);

      g_string_append_printf (markup, "%s<b>%s</b>", before, hit);
      last = r->end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (g_utf8_offset_to_pointer (self->snippet, last), -1);
    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}
