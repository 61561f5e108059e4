#ifndef EVX_CNCURSES_SHIM_H
#define EVX_CNCURSES_SHIM_H
// SwiftPM drops the -D flags pkg-config gives, so the wide-character APIs are switched on here,
// before curses.h is read.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift imports neither function-like macros nor (in language mode 6) mutable C globals such as
// stdscr, LINES and COLS, so everything of that kind the Terminal target needs is wrapped here.

// MARK: - Screens and globals

/// newterm on the process's standard output and input (stdin/stdout are C globals too).
static inline SCREEN *evx_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *evx_stdscr(void) { return stdscr; }
static inline WINDOW *evx_curscr(void) { return curscr; }
static inline int evx_colors(void) { return COLORS; }
static inline int evx_color_pairs(void) { return COLOR_PAIRS; }
static inline void evx_getmaxyx(WINDOW *window, int *rows, int *columns) {
    getmaxyx(window, *rows, *columns);
}

/// A terminfo string capability, or NULL when the terminal lacks it (tigetstr also returns -1).
static inline const char *evx_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/// The width curses itself gives a character (it asks libc). Layout uses TUICore's DisplayWidth;
/// the backend only checks that the two agree. Declared here because the C library module is
/// built without _XOPEN_SOURCE, which hides it.
extern int wcwidth(wchar_t character);
static inline int evx_curses_width(wchar_t character) { return wcwidth(character); }

// MARK: - Attributes and keys

static inline attr_t evx_a_normal(void) { return A_NORMAL; }
static inline attr_t evx_a_bold(void) { return A_BOLD; }
static inline attr_t evx_a_dim(void) { return A_DIM; }
static inline attr_t evx_a_underline(void) { return A_UNDERLINE; }
static inline attr_t evx_a_reverse(void) { return A_REVERSE; }
static inline int evx_key_f(int number) { return KEY_F(number); }

// MARK: - Mouse masks

static inline mmask_t evx_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t evx_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
/// Pressed, clicked, double- or triple-clicked: any report that a button went down.
static inline mmask_t evx_button_down(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_PRESSED | NCURSES_BUTTON_CLICKED
                                          | NCURSES_DOUBLE_CLICKED | NCURSES_TRIPLE_CLICKED);
}
static inline mmask_t evx_button_released(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_RELEASED);
}
static inline mmask_t evx_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t evx_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t evx_button_alt(void) { return BUTTON_ALT; }

#endif
