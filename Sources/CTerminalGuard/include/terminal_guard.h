#ifndef EVX_TERMINAL_GUARD_H
#define EVX_TERMINAL_GUARD_H
/// Placeholder: filled by the terminal backend work.
int evx_terminal_guard_placeholder(void);
#endif
