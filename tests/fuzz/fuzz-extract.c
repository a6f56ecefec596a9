/* fuzz-extract.c: extracting the facts of any bytes read as a text file */
#include "config.h"

#include "desk-extract.h"
#include "desk-importer.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DeskExtractor *extractor;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DeskParsedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (extractor == NULL)
    {
      extractor = desk_extractor_new (&error);
      g_assert_no_error (error);
    }
  doc = desk_parse_bytes ("input.txt", bytes, extractor, &error);
  g_assert ((doc == NULL) != (error == NULL));
  if (doc != NULL)
    {
      glong n_chars = g_utf8_strlen (doc->text, -1);

      /* every fact points into the text */
      for (guint i = 0; i < doc->facts->len; i++)
        {
          const DeskFact *f = &g_array_index (doc->facts, DeskFact, i);
          g_assert (f->start >= 0 && f->start <= f->end && f->end <= n_chars);
        }
    }
  return 0;
}
