import TUICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to stdout and one-line messages to stderr. Listings can run to millions of
/// lines, so output is gathered into large blocks instead of one write per line.
struct StandardOutput {
    private var buffer = ""
    private let flushThreshold = 1 << 16

    mutating func line(_ text: String) {
        buffer.append(text)
        buffer.append("\n")
        if buffer.utf8.count >= flushThreshold { flush() }
    }

    /// Writes multi-line text (pretty JSON, say) line by line, each escaped for the terminal.
    mutating func lines(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { self.line(SafeText.escaped(String(line))) }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Self.write(buffer, to: STDOUT_FILENO)
        buffer = ""
    }

    /// Writes `evx: warning: …` to stderr at once (warnings interleave with output in a terminal).
    static func warn(_ message: String) {
        write("evx: warning: \(message)\n", to: STDERR_FILENO)
    }

    /// Writes all of `text` to a file descriptor (unbuffered: nothing is left behind at exit).
    static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
