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
// An HTML-like label: the string must be interned as HTML before it is set, or Graphviz draws the markup.
static inline int chokepoint_agsafeset_html(Agraph_t *g, void *obj, const char *name, const char *value) {
    char *html = agstrdup_html(g, (char *)value);
    int status = agsafeset(obj, (char *)name, html, (char *)"");
    agstrfree(g, html);
    return status;
}
static inline Agraph_t *chokepoint_agmemread(const char *text) {
    return agmemread(text);
}
static inline int chokepoint_agnode_kind(void) { return AGNODE; }
static inline int chokepoint_agedge_kind(void) { return AGEDGE; }
static inline int chokepoint_agraph_kind(void) { return AGRAPH; }
static inline Agsym_t *chokepoint_agattr(Agraph_t *g, int kind, const char *name, const char *value) {
    return agattr(g, kind, (char *)name, (char *)value);
}
static inline int chokepoint_gvlayout(GVC_t *gvc, Agraph_t *g, const char *engine) {
    return gvLayout(gvc, g, engine);
}
static inline int chokepoint_gvrenderdata(GVC_t *gvc, Agraph_t *g, const char *format, char **result, unsigned int *length) {
    return gvRenderData(gvc, g, format, result, length);
}
/* Errors are collected rather than printed, so they can be reported in a typed error. */
static inline void chokepoint_quiet_errors(void) { agseterr(AGMAX); }
#endif
