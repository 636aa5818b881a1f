#ifndef CHOKEPOINT_CZLIB_SHIM_H
#define CHOKEPOINT_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro that Swift cannot call; 15 + 32 lets zlib detect gzip or zlib headers.
static inline int chokepoint_inflate_init_auto(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
