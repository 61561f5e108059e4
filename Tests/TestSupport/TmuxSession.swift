import Foundation
import XCTest

/// A tmux server of its own (private socket, no config file) with one bash pane of a fixed size,
/// for driving a full-screen program the way a person would: type, read the screen, resize.
public final class TmuxSession {
    private let socket = "evx-test-\(UUID().uuidString.prefix(8))"
    private let target = "evx"
    /// Where each tmux command's output lands.
    private let outputPath: String

    /// Starts bash (no rc files, prompt "$ ", UTF-8 locale) in a `width`×`height` pane and waits
    /// for its prompt; `directory` holds the session's scratch files.
    public init(width: Int, height: Int, directory: URL) throws {
        outputPath = directory.appendingPathComponent("tmux-output").path
        let shell = "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HISTFILE=/dev/null PS1='$ ' bash --norc --noprofile"
        try tmux(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", shell])
        _ = waitForScreen("the shell prompt") { $0.split(separator: "\n").contains { $0.hasPrefix("$") } }
    }

    /// Ends the server and everything running in it.
    public func kill() {
        _ = try? tmux(["kill-server"])
    }

    // MARK: - Driving

    /// Types `line` literally and presses Enter.
    public func type(_ line: String) throws {
        try tmux(["send-keys", "-t", target, "-l", line])
        try tmux(["send-keys", "-t", target, "Enter"])
    }

    /// Presses keys by tmux name (`Up`, `C-c`, `M-x`, `F5`).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Writes raw bytes to the program's input, e.g. a mouse report.
    public func sendBytes(_ bytes: [UInt8]) throws {
        try tmux(["send-keys", "-t", target, "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// Appends everything the program writes to the terminal, escape sequences included, to `path`.
    public func recordOutput(to path: String) throws {
        try tmux(["pipe-pane", "-o", "-t", target, "cat >> '\(path)'"])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    // MARK: - Reading

    /// The visible text of the pane.
    public func screen() -> String {
        (try? tmux(["capture-pane", "-p", "-t", target])) ?? ""
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    public func paneFormat(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", target, format])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How long a wait for the screen may take before the test fails: a bound against hangs, many
    /// times what any wait takes on a quiet machine (well under a second), so that a loaded CI
    /// machine does not fail.
    public static let waitLimit: TimeInterval = 60

    /// Polls the screen every 50 ms for up to `waitLimit` until `condition` holds, then looks
    /// once more 50 ms later (a capture can catch a frame half drawn: the condition must still
    /// hold on the next one, which is returned); fails the test (with the screen) on timeout.
    @discardableResult
    public func waitForScreen(
        _ what: String, file: StaticString = #filePath, line: UInt = #line, condition: (String) -> Bool
    ) -> String {
        let deadline = Date().addingTimeInterval(Self.waitLimit)
        var current = screen()
        while true {
            if condition(current) {
                usleep(50_000)
                let settled = screen()
                if condition(settled) { return settled }
                current = settled
            }
            guard Date() < deadline else {
                XCTFail("timed out waiting for \(what); the screen was:\n\(current)", file: file, line: line)
                return current
            }
            usleep(50_000)
            current = screen()
        }
    }

    // MARK: - Running tmux

    /// Runs a tmux command and returns what it printed (through a file: the server that the first
    /// command forks keeps its standard output open). posix_spawn and waitpid rather than
    /// Foundation's Process, which counts the forked server as part of the command and never sees it end.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let executable = TmuxSession.executable ?? "/usr/bin/tmux"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let argv = ([executable, "-u", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let error = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Where tmux is installed, or nil when it is not.
    public static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
