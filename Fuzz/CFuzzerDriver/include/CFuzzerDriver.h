// libFuzzer's entry for programs that keep their own main function. SwiftPM gives every executable
// a main of its own, which would win over libFuzzer's; calling the driver from it avoids that.
#ifndef CHOKEPOINT_CFUZZERDRIVER_H
#define CHOKEPOINT_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
