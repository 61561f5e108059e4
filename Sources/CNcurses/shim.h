#ifndef EVX_CNCURSES_SHIM_H
#define EVX_CNCURSES_SHIM_H
// SwiftPM drops the -D flags pkg-config gives, so wide-character APIs are switched on here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>
#endif
