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
  g_free (doc->format);
  g_free (doc->path);
  g_clear_pointer (&doc->outline, g_array_unref);
  g_clear_pointer (&doc->paragraphs, g_array_unref);
  g_clear_pointer (&doc->facts, g_array_unref);
  g_free (doc);
}
