/* fuzz-common.c: set-up shared by the fuzz targets: a critical or a
 * warning (a broken precondition in a library, say) is a crash, so that
 * libFuzzer saves the input that caused it */
#include "config.h"

#include <stdlib.h>
#include <glib.h>

#include "fuzz.h"

static GLogWriterOutput
crash_on_warnings (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (crash_on_warnings, NULL, NULL);
  return 0;
}
