#ifndef EVX_TERMINAL_GUARD_H
#define EVX_TERMINAL_GUARD_H
// Puts the user's terminal back when the process dies while a full-screen UI is up.
//
// While installed, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE (crashes, including Swift
// traps), SIGTERM, SIGHUP, SIGINT and SIGQUIT run a handler that writes the restore sequence
// (mouse reporting off, attributes reset, cursor shown, keypad mode off, alternate screen left)
// to the terminal, puts back the terminal modes saved at install time, then re-raises the signal
// with the handler that was there before (the default action, or the Swift runtime's crash
// reporter), so the process ends exactly as it would have, with the shell usable.
// Everything here is process-wide state; call it from one thread.

/// Saves the modes of the terminal on `terminal_fd` and installs the handlers.
/// Returns 0, or -1 when already installed or `terminal_fd` is not a terminal.
int evx_guard_install(int terminal_fd);

/// Sets the bytes the handlers write to restore the screen (copied; at most 511 bytes are kept).
void evx_guard_set_restore_sequence(const char *bytes);

/// Sends standard error to `path` (appending, created 0600), or to /dev/null when `path` is NULL,
/// so stray writes cannot corrupt the screen. After a crash the report stays in that file and a
/// one-line pointer to it is written to the terminal; with /dev/null standard error is put back
/// before the crash reporter runs, so its report is not lost. Returns 0, or -1 if it cannot be opened.
int evx_guard_redirect_stderr(const char *path);

/// Puts standard error and the previous signal handlers back (the terminal modes are restored
/// by endwin). Does nothing when not installed.
void evx_guard_uninstall(void);

/// 1 while installed.
int evx_guard_is_installed(void);

#endif
