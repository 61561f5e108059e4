import EventModel
import Foundation

/// Runs the built `evx` binary as a user would and collects what it printed.
public struct EvxRun {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

public enum EvxProcess {
    /// Where SwiftPM put the products of this build (the test bundle sits beside them).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    public static var binary: URL { productsDirectory.appendingPathComponent("evx") }

    /// Runs another program (pgrep, say) and returns what it printed.
    public static func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `evx arguments…` (in `directory` if given); a run that outlives `timeout` seconds is
    /// killed and reported as status -1.
    public static func run(_ arguments: [String], stdin: String? = nil, directory: String? = nil,
                           environment extra: [String: String] = [:], timeout: TimeInterval = 120) throws -> EvxRun {
        let process = Process()
        process.executableURL = binary
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Drain both pipes while the process runs, so a large output cannot block it.
        let output = Locked(Data()), errors = Locked(Data())
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { output.set(out.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: readers) { errors.set(err.fileHandleForReading.readDataToEndOfFile()) }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            readers.wait()
            return EvxRun(status: -1, stdout: String(decoding: output.get(), as: UTF8.self),
                          stderr: "timed out after \(timeout) s\n" + String(decoding: errors.get(), as: UTF8.self))
        }
        readers.wait()
        return EvxRun(status: process.terminationStatus, stdout: String(decoding: output.get(), as: UTF8.self),
                      stderr: String(decoding: errors.get(), as: UTF8.self))
    }
}
