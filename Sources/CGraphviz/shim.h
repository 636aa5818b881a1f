#ifndef CHOKEPOINT_CGRAPHVIZ_SHIM_H
#define CHOKEPOINT_CGRAPHVIZ_SHIM_H
#include <gvc.h>
#include <cgraph.h>

// Swift 6 rejects C globals such as Agdirected as not concurrency-safe; read them through getters.
static inline Agdesc_t chokepoint_agdirected(void) { return Agdirected; }
static inline Agdesc_t chokepoint_agundirected(void) { return Agundirected; }

// cgraph takes `char *` for strings it never writes; these keep the casts in one place.
static inline Agraph_t *chokepoint_agopen(const char *name, Agdesc_t desc) {
    return agopen((char *)name, desc, NULL);
}
static inline Agraph_t *chokepoint_agsubg(Agraph_t *g, const char *name) {
    return agsubg(g, (char *)name, 1);
}
static inline Agnode_t *chokepoint_agnode(Agraph_t *g, const char *name) {
    return agnode(g, (char *)name, 1);
}
static inline Agedge_t *chokepoint_agedge(Agraph_t *g, Agnode_t *t, Agnode_t *h) {
    return agedge(g, t, h, NULL, 1);
}
static inline int chokepoint_agsafeset(void *obj, const char *name, const char *value, const char *def) {
    return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}
static inline Agraph_t *chokepoint_agmemread(const char *text) {
    return agmemread(text);
}
#endif
