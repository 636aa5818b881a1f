#ifndef CHOKEPOINT_CMALLOC_SHIM_H
#define CHOKEPOINT_CMALLOC_SHIM_H
#include <malloc.h>

// M_ARENA_MAX is a macro of glibc's malloc.h; a function is what Swift can call.
static inline int chokepoint_single_malloc_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}
#endif
