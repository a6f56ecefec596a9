/* fuzz-html.c: reading any bytes as an HTML page */
#include "config.h"

#include "desk-importer.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DeskParsedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = desk_parse_bytes ("input.html", bytes, NULL, &error);
  g_assert ((doc == NULL) != (error == NULL));
  return 0;
}
