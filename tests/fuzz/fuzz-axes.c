/* fuzz-axes.c: reading any bytes as an axes file, and scoring a text with
 * the axes when they are read */
#include "config.h"

#include "desk-axes.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DeskAxes) axes = NULL;
  g_autoptr(GError) error = NULL;

  axes = desk_axes_load_from_data ("input.json", (const char *) data, size, &error);
  g_assert ((axes == NULL) != (error == NULL));
  if (axes != NULL)
    {
      g_autoptr(GArray) scores = desk_axes_score (axes, "Intercambio de información sobre el narcotráfico "
                                                        "y las exportaciones; intelligence sharing.", -1);
      g_autofree char *stamp = desk_axes_get_stamp (axes);

      g_assert (scores->len == desk_axes_list_all (axes)->len);
    }
  return 0;
}
