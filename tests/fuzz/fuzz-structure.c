/* fuzz-structure.c: reading, normalizing and outlining any bytes as a plain
 * text or Markdown file (the first byte chooses) */
#include "config.h"

#include "desk-importer.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskParsedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (size < 1)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  doc = desk_parse_bytes (data[0] & 1 ? "input.md" : "input.txt", bytes, NULL, &error);
  g_assert ((doc == NULL) != (error == NULL));
  return 0;
}
