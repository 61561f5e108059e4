#include "terminal_guard.h"
int evx_terminal_guard_placeholder(void) { return 0; }
