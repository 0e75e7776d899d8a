#ifndef ARCHIVE_CZLIB_SHIM_H
#define ARCHIVE_CZLIB_SHIM_H
/* The system zlib (Debian: zlib1g-dev). deflateInit2 and inflateInit2 are function-like macros
   (they pass ZLIB_VERSION and sizeof(z_stream) for the library's version check), which Swift
   cannot call: one fixed-arity wrapper for each. */
#include <zlib.h>

/* A deflater that writes the gzip wrapper (windowBits 15 + 16), with the given level and memLevel. */
static inline int archive_deflate_init_gzip(z_stream *stream, int level, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, memLevel, Z_DEFAULT_STRATEGY);
}

/* An inflater that reads the gzip wrapper only (windowBits 15 + 16). */
static inline int archive_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
