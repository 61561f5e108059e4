import TestSupport
import XCTest

/// Runs the real `evx` binary, as a user or a script would.
class CommandTestCase: XCTestCase {
    let folder = TemporaryDirectory()

    @discardableResult
    func evx(_ arguments: String..., stdin: String? = nil) throws -> EvxRun {
        try EvxProcess.run(arguments, stdin: stdin)
    }

    /// Asserts a failure reported the way every bad input must be: status 2, one line on stderr
    /// starting with `evx: ` and containing `fragment`, nothing on stdout, no stack trace.
    func assertUsageFailure(_ run: EvxRun, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, 2, "stderr: \(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "expected one line, got: \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.stderr.hasPrefix("evx: "), run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.contains(fragment), "\(run.stderr) lacks \(fragment)", file: file, line: line)
    }

    /// A generated orders store in this test's folder.
    func generatedStore(events: Int = 2000, seed: Int = 3, domain: String = "orders", name: String = "store.sqlite") throws -> String {
        let path = folder.path(name)
        let run = try evx("generate", path, "--events", "\(events)", "--seed", "\(seed)", "--domain", domain)
        XCTAssertEqual(run.status, 0, run.stderr)
        return path
    }
}
