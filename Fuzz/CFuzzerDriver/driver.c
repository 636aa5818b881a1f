// The declaration is all this target provides; libFuzzer (-sanitize=fuzzer) defines the function.
#include "CFuzzerDriver.h"
