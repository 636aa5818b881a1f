// Debian's libbz2-dev ships no pkg-config file, so the module map links "bz2" itself.
#ifndef CHOKEPOINT_CBZIP2_SHIM_H
#define CHOKEPOINT_CBZIP2_SHIM_H
#include <bzlib.h>

// The return codes are macros; Swift sees them as plain Int32 constants through these.
static inline int chokepoint_bz_ok(void) { return BZ_OK; }
static inline int chokepoint_bz_run_ok(void) { return BZ_RUN_OK; }
static inline int chokepoint_bz_stream_end(void) { return BZ_STREAM_END; }
#endif
