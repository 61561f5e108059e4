import CNcurses

/// The bytes that give the terminal back after a crash or signal, read from terminfo while
/// curses is up (a signal handler cannot ask terminfo).
enum RestoreSequence {
    /// Mouse reporting off, attributes reset, cursor shown, keypad mode off, normal screen.
    static func fromTerminfo(mouse: Bool) -> String {
        // curses turns mouse reporting on with these xterm modes when the terminal has kmous.
        let mouseOff = mouse && evx_tigetstr("kmous") != nil ? "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l" : ""
        let capabilities = ["sgr0", "cnorm", "rmkx", "rmcup"].compactMap { (name: String) -> String? in
            evx_tigetstr(name).map { String(cString: $0) }
        }
        return mouseOff + capabilities.joined()
    }
}
