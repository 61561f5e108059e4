import Foundation
import TestSupport
import XCTest

/// Runs the real `evx-terminal-check` binary inside tmux: what it draws, which events it sees,
/// and that every way of ending it (quit key, crash, SIGTERM, SIGHUP) gives the shell back intact.
final class TerminalEndToEndTests: XCTestCase {
    private var session: TmuxSession?
    private var directory: URL!

    override func setUpWithError() throws {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("evx-terminal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        session?.kill()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: - Tests

    func testFrameShowsWideCharactersEmojiCombiningAndEscapedPayload() throws {
        let session = try startCheck()
        let screen = session.screen()
        XCTAssertTrue(screen.contains("日本語"), screen)
        XCTAssertTrue(screen.contains("🙂"), screen)
        XCTAssertTrue(screen.contains("e\u{301}") || screen.contains("é"), screen)
        XCTAssertTrue(screen.contains(#"\u001b]0;pwned\u0007 then \u001b[2J"#), screen)
        XCTAssertTrue(screen.contains("size:       80x24"), screen)
        XCTAssertFalse(screen.contains("\u{1B}"), "raw ESC on screen")
        XCTAssertNotEqual(session.paneFormat("#{pane_title}"), "pwned", "the payload changed the window title")
        XCTAssertEqual(session.paneFormat("#{alternate_on} #{cursor_flag}"), "1 0", "alternate screen on, cursor hidden")
        // The right border stays in the last column: wide characters took exactly two cells.
        for line in screen.split(separator: "\n").prefix(8).dropFirst() {
            XCTAssertTrue(line.hasSuffix("│"), "misaligned: \(line)")
        }

        try session.press("q")
        let after = assertShellRestored(session, exitStatus: 0)
        XCTAssertTrue(after.contains("evx-terminal-check: quit by q"), after)
        XCTAssertFalse(after.contains("payload:"), "the frame is still on the normal screen:\n\(after)")
    }

    func testKeysMouseAndResizeArriveAsEvents() throws {
        let session = try startCheck()
        let keys: [(tmuxName: String, shown: String)] = [
            ("Up", "key Up"), ("x", "key x"), ("C-a", "key Ctrl+A"), ("M-x", "key Alt+x"),
            ("F5", "key F5"), ("NPage", "key PageDown"), ("BTab", "key Shift+Tab"), ("C-Up", "key Ctrl+Up"),
            ("Escape", "key Esc"),
        ]
        for (tmuxName, shown) in keys {
            try session.press(tmuxName)
            session.waitForScreen("\(shown) after \(tmuxName)") { $0.contains("last:       \(shown) ") }
        }

        // X10 mouse reports (ESC [ M button+32 column+33 row+33): wheel up, then a left click.
        try session.sendBytes([0x1B, 0x5B, 0x4D, 0x60, 0x2B, 0x26])
        session.waitForScreen("a wheel event") { $0.contains("last:       mouse scrollUp at 10,5") }
        try session.sendBytes([0x1B, 0x5B, 0x4D, 0x20, 0x2C, 0x27])
        session.waitForScreen("a click") { $0.contains("last:       mouse press left at 11,6") }

        try session.resize(width: 100, height: 30)
        session.waitForScreen("the new size") { $0.contains("size:       100x30") && $0.contains("last:       resize 100x30") }

        // Ctrl-C is a key in raw mode (no SIGINT), so the program quits through its own path.
        try session.press("C-c")
        let after = assertShellRestored(session, exitStatus: 0)
        XCTAssertTrue(after.contains("evx-terminal-check: quit by Ctrl+C"), after)
    }

    func testCrashRestoresTheTerminal() throws {
        let log = directory.appendingPathComponent("stderr.log").path
        // The Swift crash reporter would otherwise wait for a key; here it writes to the log.
        let session = try startCheck(arguments: ["--log", log, "--crash-after-first-frame"], environment: "SWIFT_BACKTRACE=interactive=no")
        let after = assertShellRestored(session, exitStatus: nil)
        XCTAssertTrue(after.contains("Crashed; standard error was logged to"), after)
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(logged.contains("Fatal error: crash requested by --crash-after-first-frame"), logged)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        try assertSignalRestores(SIGTERM)
    }

    func testSIGHUPRestoresTheTerminal() throws {
        try assertSignalRestores(SIGHUP)
    }

    func testRefusesToStartWithoutATerminal() throws {
        let process = Process()
        process.executableURL = try checkBinary()
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(message.contains("needs a terminal"), message)
        XCTAssertEqual(message.filter { $0 == "\n" }.count, 1, "one line: \(message)")
    }

    // MARK: - Helpers

    private func assertSignalRestores(_ signal: Int32, file: StaticString = #filePath, line: UInt = #line) throws {
        let session = try startCheck()
        let screen = session.screen()
        let pidLine = screen.split(separator: "\n").first { $0.contains("pid:") } ?? ""
        let pid = try XCTUnwrap(pidLine.split(separator: " ").compactMap { Int32($0) }.first, "no pid in \(screen)")
        XCTAssertEqual(kill(pid, signal), 0, file: file, line: line)
        assertShellRestored(session, exitStatus: 128 + signal, file: file, line: line)
    }

    /// Starts a session, records the tty modes, runs the check program and waits for its first frame.
    private func startCheck(arguments: [String] = [], environment: String = "") throws -> TmuxSession {
        let session = try TmuxSession(width: 80, height: 24, directory: directory)
        self.session = session
        let binary = try checkBinary().path
        let modes = directory.appendingPathComponent("tty-before").path
        try session.type("stty -g > '\(modes)'; clear")
        try session.type("\(environment) '\(binary)' \(arguments.map { "'\($0)'" }.joined(separator: " ")); echo exit=$?")
        // The last row is drawn last, so once it shows the whole frame is there.
        session.waitForScreen("the first frame") { $0.contains("q or Ctrl+C quits") || Self.exitStatus(on: $0) != nil }
        return session
    }

    /// Waits for the program to end and checks the shell got its terminal back: normal screen,
    /// cursor shown, mouse reporting and keypad mode off, the tty modes as before (echo,
    /// canonical mode), and a command typed at the prompt runs. Returns the final screen.
    @discardableResult
    private func assertShellRestored(
        _ session: TmuxSession, exitStatus: Int32?, file: StaticString = #filePath, line: UInt = #line
    ) -> String {
        let ended = session.waitForScreen("the program to end", file: file, line: line) { Self.exitStatus(on: $0) != nil }
        let status = Self.exitStatus(on: ended)
        if let exitStatus { XCTAssertEqual(status, exitStatus, ended, file: file, line: line) }
        else { XCTAssertNotEqual(status, 0, "expected a crash:\n\(ended)", file: file, line: line) }
        XCTAssertEqual(
            session.paneFormat("#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag} #{keypad_cursor_flag}"),
            "0 1 000 0", "alternate screen, cursor, mouse reporting, keypad mode", file: file, line: line
        )
        let modes = directory.appendingPathComponent("tty-before").path
        try? session.type("stty -g | cmp -s - '\(modes)' && echo tty-modes-$((2+2))")
        session.waitForScreen("the tty modes to match", file: file, line: line) { $0.contains("tty-modes-4") }
        try? session.type("echo ok-$((1+1))")
        return session.waitForScreen("the shell to run a command", file: file, line: line) { screen in
            screen.split(separator: "\n").contains("ok-2")
        }
    }

    /// The status `echo exit=$?` printed after the program, once it has (the typed command line
    /// itself shows `exit=$?`, which does not count).
    private static func exitStatus(on screen: String) -> Int32? {
        screen.split(separator: "\n").lazy.compactMap { $0.hasPrefix("exit=") ? Int32($0.dropFirst(5)) : nil }.first
    }

    /// The `evx-terminal-check` executable next to the test bundle (on Linux the bundle is the
    /// test executable itself, and Bundle.main's folder is the products folder).
    private func checkBinary() throws -> URL {
        let xctest = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        let products = xctest?.bundleURL.deletingLastPathComponent() ?? Bundle.main.bundleURL
        let binary = products.appendingPathComponent("evx-terminal-check")
        let built = FileManager.default.isExecutableFile(atPath: binary.path)
        return try XCTUnwrap(built ? binary : nil, "\(binary.path) is missing: build it first (swift build --product evx-terminal-check)")
    }
}
