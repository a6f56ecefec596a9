/* desk-parsed-document.c: making and freeing the plain types of a parsed
 * document */
#define G_LOG_DOMAIN "desk-parsed-document"

#include "config.h"

#include "desk-parsed-document.h"
#include "desk-stemmer.h"

DeskBlock *
desk_block_new (DeskBlockKind  kind,
                guint          depth,
                const char    *text)
{
  DeskBlock *block = g_new0 (DeskBlock, 1);

  block->kind = kind;
  block->depth = depth;
  block->text = g_strdup (text);
  return block;
}

void
desk_block_free (DeskBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block);
}

static void
clear_outline_entry (gpointer data)
{
  DeskOutlineEntry *e = data;

  g_free (e->number);
  g_free (e->title);
}

/* An empty outline: an array of DeskOutlineEntry that frees their texts. */
GArray *
desk_outline_new (void)
{
  GArray *outline = g_array_new (FALSE, TRUE, sizeof (DeskOutlineEntry));

  g_array_set_clear_func (outline, clear_outline_entry);
  return outline;
}

/* Starts walking @outline (sections in text order, as
 * desk_structure_analyze () makes them) from the start of the text */
void
desk_outline_cursor_init (DeskOutlineCursor *cursor,
                          GArray            *outline)
{
  g_return_if_fail (cursor != NULL);
  g_return_if_fail (outline != NULL);

  cursor->outline = outline;
  cursor->open = g_array_new (FALSE, FALSE, sizeof (guint));
  cursor->next = 0;
}

/* The innermost section at the code point @offset (the last of those
 * that start at or before it and hold it), or -1.  @offset is never
 * before the one asked for last: each section is opened and closed
 * once along the text, rather than every section looked at for every
 * place (a document of many headings) */
int
desk_outline_cursor_section_at (DeskOutlineCursor *cursor,
                                gint64             offset)
{
  g_return_val_if_fail (cursor != NULL && cursor->open != NULL, -1);

  for (; cursor->next < cursor->outline->len &&
         g_array_index (cursor->outline, DeskOutlineEntry, cursor->next).start <= offset; cursor->next++)
    g_array_append_val (cursor->open, cursor->next);
  /* a section that ended is ended for every place after */
  while (cursor->open->len > 0)
    {
      guint k = g_array_index (cursor->open, guint, cursor->open->len - 1);
      const DeskOutlineEntry *e = &g_array_index (cursor->outline, DeskOutlineEntry, k);

      if (offset < MAX (e->end, e->start + 1))
        return k;
      g_array_set_size (cursor->open, cursor->open->len - 1);
    }
  return -1;
}

void
desk_outline_cursor_clear (DeskOutlineCursor *cursor)
{
  g_return_if_fail (cursor != NULL);

  g_clear_pointer (&cursor->open, g_array_unref);
}

void
desk_parsed_document_free (DeskParsedDocument *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->fact_uids, g_ptr_array_unref);
  g_clear_pointer (&doc->tokens, desk_tokens_unref);
  g_free (doc->uid);
  g_free (doc->title);
  g_free (doc->text);
  g_free (doc->language);
  g_free (doc->languages);
  g_free (doc->published);
  g_free (doc->author);
  g_free (doc->source);
  g_free (doc->format);
  g_free (doc->path);
  g_clear_pointer (&doc->outline, g_array_unref);
  g_clear_pointer (&doc->paragraphs, g_array_unref);
  g_clear_pointer (&doc->facts, g_array_unref);
  g_free (doc);
}
