import Foundation
import JSON
import TestSupport
import XCTest

/// `evx demo` writes a store with the invariants of the outbox pattern, and `evx tail` follows it
/// without losing or repeating an event.
final class DemoAndTailTests: CommandTestCase {
    /// Starts `evx demo` in the background.
    private func startDemo(_ path: String, rate: Int, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = EvxProcess.binary
        process.arguments = ["demo", path, "--rate", "\(rate)", "--duration", "\(seconds)", "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits (bounded) for a condition, polling.
    private func wait(_ what: String, seconds: Double = 20, until condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return XCTFail("timed out waiting for \(what)") }
            usleep(20_000)
        }
    }

    func testTheDemoKeepsTheOutboxInvariants() throws {
        let path = folder.path("demo.sqlite")
        let demo = try startDemo(path, rate: 400, seconds: 2)
        wait("the demo's store") { FileManager.default.fileExists(atPath: path) }
        // While it runs, a reader never sees an event without its outbox row: they commit together.
        var samples = 0
        while demo.isRunning, samples < 200 {
            if let reader = try? GRDBReader(path: path),
               let orphans = try? reader.int("SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM outbox)") {
                XCTAssertEqual(orphans, 0, "an event was visible without its outbox row")
                samples += 1
            }
            usleep(10_000)
        }
        demo.waitUntilExit()
        XCTAssertEqual(demo.terminationStatus, 0)
        XCTAssertGreaterThan(samples, 5)

        let store = try GRDBReader(path: path)
        XCTAssertGreaterThan(try store.int("SELECT count(*) FROM events"), 300)
        XCTAssertEqual(try store.int("SELECT count(*) FROM events e WHERE (SELECT count(*) FROM outbox o WHERE o.event_id = e.event_id) != 1"), 0)
        XCTAssertEqual(try store.int("SELECT count(*) FROM processed_events WHERE event_id NOT IN (SELECT event_id FROM events)"), 0)
        XCTAssertEqual(try store.int("SELECT count(*) FROM outbox WHERE published_at IS NULL"), 0, "the relay drained the outbox")
        XCTAssertEqual(try store.int("SELECT count(*) FROM (SELECT consumer, event_id FROM consumer_effects GROUP BY 1, 2 HAVING count(*) > 1)"), 0,
                       "a consumer applied an effect twice")
        XCTAssertGreaterThan(try store.int("SELECT count(*) FROM projection_checkpoints"), 0)
        let info = try JSONParser.parse(try evx("info", path, "--json").stdout)
        XCTAssertEqual(info["warnings"], [])
        let snapshots = try JSONParser.parse(try evx("snapshots", path, "--json").stdout)
        XCTAssertEqual(snapshots["disagreeing"], 0)
    }

    func testTailPrintsEveryCommittedEventOnce() throws {
        let path = folder.path("tailed.sqlite")
        let demo = try startDemo(path, rate: 500, seconds: 3)
        wait("the demo's store") { (try? GRDBReader(path: path).int("SELECT count(*) FROM events")) ?? 0 > 0 }
        let tail = try EvxProcess.run(["tail", path, "--from-start", "--json", "--duration", "6"])
        demo.waitUntilExit()
        XCTAssertEqual(tail.status, 0, tail.stderr)
        let printed = try tail.stdoutLines.map { try JSONParser.parse($0)["position"]?.intValue ?? -1 }
        let stored = try GRDBReader(path: path).int("SELECT count(*) FROM events")
        XCTAssertEqual(printed.count, stored, "tail printed \(printed.count) of \(stored) events")
        XCTAssertEqual(printed, Array(1...Int64(stored)), "every position once, in order")
    }

    func testTailFollowsAppendedJSONLines() throws {
        let path = folder.write("growing.jsonl", #"{"stream":"a-1","type":"T"}"# + "\n")
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        let appender = Thread {
            usleep(300_000)
            handle.seekToEndOfFile()
            handle.write(Data((#"{"stream":"a-1","type":"U"}"# + "\n" + #"{"stream":"b-1","ty"#).utf8))
            usleep(300_000)
            handle.write(Data((#"pe":"V"}"# + "\n").utf8))
            try? handle.close()
        }
        appender.start()
        let tail = try EvxProcess.run(["tail", path, "--json", "--duration", "2"])
        XCTAssertEqual(tail.status, 0, tail.stderr)
        XCTAssertEqual(try tail.stdoutLines.map { try JSONParser.parse($0)["type"] }, ["U", "V"])
    }
}
