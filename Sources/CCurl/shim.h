// libcurl's easy interface for Chokepoint's downloads.
#ifndef CHOKEPOINT_CCURL_SHIM_H
#define CHOKEPOINT_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per argument type.
static inline CURLcode chokepoint_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chokepoint_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chokepoint_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode chokepoint_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*chokepoint_curl_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode chokepoint_curl_set_write_function(CURL *handle, chokepoint_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

typedef int (*chokepoint_curl_progress_callback)(void *context, curl_off_t total, curl_off_t now,
                                                 curl_off_t upload_total, curl_off_t upload_now);
static inline CURLcode chokepoint_curl_set_progress_function(CURL *handle, chokepoint_curl_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode chokepoint_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode chokepoint_curl_get_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
