import TUICore

/// Why the terminal UI could not start. `description` is a one-line message for the user.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file.
    case notATerminal
    /// TERM is unset, or curses does not know it or cannot drive it.
    case unusableTerminalType(String?)
    /// Another `Terminal` is running in this process.
    case alreadyStarted
    /// The log file for standard error could not be opened.
    case cannotOpenLog(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the interactive view needs a terminal: standard input and output must not be a pipe or a file"
        case .unusableTerminalType(nil):
            return "the interactive view needs a terminal type: TERM is not set (try TERM=xterm-256color)"
        case .unusableTerminalType(let name?):
            return "the terminal type TERM=\"\(SafeText.escaped(name))\" is unknown or cannot be used for a full-screen view (try TERM=xterm-256color)"
        case .alreadyStarted:
            return "the terminal view is already running"
        case .cannotOpenLog(let path):
            return "cannot open the log file \"\(SafeText.escaped(path))\" for standard error"
        }
    }
}
