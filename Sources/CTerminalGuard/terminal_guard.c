#include "terminal_guard.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// MARK: - State (written before the handlers are installed, read by them)

static const int guarded_signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE,
                                       SIGTERM, SIGHUP, SIGINT, SIGQUIT };
#define GUARDED_COUNT ((int)(sizeof guarded_signals / sizeof guarded_signals[0]))

static int installed = 0;
static int terminal = -1;
static struct termios saved_modes;
static struct sigaction previous_actions[GUARDED_COUNT];
static volatile sig_atomic_t restoring = 0;

/// Used until the backend supplies the terminal's own strings: the xterm sequences for
/// mouse off, attributes off, cursor on, keypad off, leave the alternate screen.
static char restore_sequence[512] =
    "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1l\033>\033[?1049l";

static int saved_stderr = -1;
static int stderr_is_discarded = 0;
static char crash_notice[1100] = "";

// MARK: - The handler (async-signal-safe calls only)

static void write_all(int fd, const char *bytes) {
    size_t left = strlen(bytes);
    while (left > 0) {
        ssize_t written = write(fd, bytes, left);
        if (written <= 0) return;
        bytes += written;
        left -= (size_t)written;
    }
}

static int is_crash(int signal_number) {
    return signal_number != SIGTERM && signal_number != SIGHUP
        && signal_number != SIGINT && signal_number != SIGQUIT;
}

static void restore_and_reraise(int signal_number) {
    if (!restoring) {
        restoring = 1;
        write_all(terminal, restore_sequence);
        tcsetattr(terminal, TCSANOW, &saved_modes);
        if (is_crash(signal_number)) {
            if (stderr_is_discarded && saved_stderr >= 0) dup2(saved_stderr, STDERR_FILENO);
            else write_all(terminal, crash_notice);
        }
    }
    for (int i = 0; i < GUARDED_COUNT; i++) {
        if (guarded_signals[i] == signal_number) sigaction(signal_number, &previous_actions[i], NULL);
    }
    // Blocked while this handler runs, so it is delivered to the previous handler on return.
    raise(signal_number);
}

// MARK: - Installing

/// A stack for the handler, so a stack overflow (SIGSEGV on the guard page) can still restore.
static char alternate_stack[64 * 1024];

int evx_guard_install(int terminal_fd) {
    if (installed || tcgetattr(terminal_fd, &saved_modes) != 0) return -1;
    terminal = terminal_fd;
    restoring = 0;

    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t stack = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
        sigaltstack(&stack, NULL);
    }

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = restore_and_reraise;
    action.sa_flags = SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < GUARDED_COUNT; i++) sigaction(guarded_signals[i], &action, &previous_actions[i]);
    installed = 1;
    return 0;
}

void evx_guard_set_restore_sequence(const char *bytes) {
    strncpy(restore_sequence, bytes, sizeof restore_sequence - 1);
    restore_sequence[sizeof restore_sequence - 1] = '\0';
}

int evx_guard_redirect_stderr(const char *path) {
    int target = open(path ? path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (target < 0) return -1;
    if (saved_stderr < 0) saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    dup2(target, STDERR_FILENO);
    close(target);
    stderr_is_discarded = (path == NULL);
    if (path) snprintf(crash_notice, sizeof crash_notice, "Crashed; standard error was logged to %s\n", path);
    else crash_notice[0] = '\0';
    return 0;
}

void evx_guard_uninstall(void) {
    if (!installed) return;
    if (saved_stderr >= 0) {
        fflush(stderr);
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
    for (int i = 0; i < GUARDED_COUNT; i++) sigaction(guarded_signals[i], &previous_actions[i], NULL);
    installed = 0;
}

int evx_guard_is_installed(void) { return installed; }
