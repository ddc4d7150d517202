#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, in the libFuzzer runtime that `-sanitize=fuzzer` links.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
