#ifndef EVX_CZLIB_SHIM_H
#define EVX_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit is a macro that passes the library version and the stream's size; Swift cannot
/// import function-like macros, so this wraps it.
static inline int evx_inflate_init(z_streamp stream) {
    return inflateInit(stream);
}
#endif
