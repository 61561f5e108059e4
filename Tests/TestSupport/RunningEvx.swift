import EventModel
import Foundation

/// The `evx` binary running in the background (`evx tail`, say), its output collected as it comes.
public final class RunningEvx {
    private let process = Process()
    private let output = Locked(Data())
    private let errors = Locked(Data())

    public init(_ arguments: [String]) throws {
        process.executableURL = EvxProcess.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let output = self.output, errors = self.errors
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.update { $0.append(data) }
        }
        err.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            errors.update { $0.append(data) }
        }
        try process.run()
    }

    /// The complete lines printed so far.
    public var lines: [String] {
        let text = String(decoding: output.get(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the part after the last newline (empty when the output ends a line)
        return lines
    }

    public var stderr: String { String(decoding: errors.get(), as: UTF8.self) }

    public var isRunning: Bool { process.isRunning }

    /// Waits until `condition` holds, checking every 20 ms; false after `timeout` seconds.
    @discardableResult
    public func wait(timeout: TimeInterval, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    /// Ends it with SIGTERM (as Ctrl-C would) and returns its exit status; one still running 30 s
    /// later is killed (status -9), so a test fails rather than hangs.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        guard wait(timeout: 30, until: { !process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -9
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stop() }
}
