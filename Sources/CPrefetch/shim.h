#ifndef CHOKEPOINT_CPREFETCH_SHIM_H
#define CHOKEPOINT_CPREFETCH_SHIM_H

// __builtin_prefetch is a compiler builtin, not a function Swift can see: a hint that `address`
// will be read soon, so that a walk over scattered records does not wait on each one's cache miss.
static inline void chokepoint_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif
