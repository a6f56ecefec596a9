/* tests/fuzz/fuzz.h: what every fuzz target defines, for libFuzzer or for
 * fuzz-main.c, which runs saved inputs through a target without it */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
