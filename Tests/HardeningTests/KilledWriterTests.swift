import EventStore
import Foundation
import JSON
import TestSupport
import XCTest

/// A writer killed in the middle of a transaction: `evx tail` reports exactly the events that
/// were committed, and the store is still readable.
final class KilledWriterTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testTailReportsExactlyTheCommittedEvents() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3") else {
            throw XCTSkip("python3 (the killed writer) is not installed")
        }
        let path = folder.path("killed.sqlite")
        try StoreBuilder(path: path).close()
        let ready = folder.path("ready")
        // Commits 50 events, then inserts 25 more in a transaction it never commits, and waits to be killed.
        let script = """
            import sqlite3, time
            db = sqlite3.connect('\(path)', isolation_level=None)
            db.execute('PRAGMA journal_mode=WAL')
            for n in range(1, 51):
                db.execute("INSERT INTO events (position, event_id, stream_id, stream_type, version, type, data, recorded_at) VALUES (?, ?, 's-1', 'S', ?, 'T', '{}', '2026-01-05T08:00:00.000Z')", (n, 'e%d' % n, n))
            db.execute('BEGIN')
            for n in range(51, 76):
                db.execute("INSERT INTO events (position, event_id, stream_id, stream_type, version, type, data, recorded_at) VALUES (?, ?, 's-1', 'S', ?, 'T', '{}', '2026-01-05T08:00:00.000Z')", (n, 'e%d' % n, n))
            open('\(ready)', 'w').close()
            time.sleep(60)
            """
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", script]
        try writer.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: ready), Date() < deadline { usleep(20_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: ready), "the writer did not get to its open transaction")

        let during = try EvxProcess.run(["tail", path, "--from-start", "--json", "--duration", "0.5"])
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        let after = try EvxProcess.run(["tail", path, "--from-start", "--json", "--duration", "0.5"])

        for run in [during, after] {
            XCTAssertEqual(run.status, 0, run.stderr)
            let positions = try run.stdoutLines.map { try JSONParser.parse($0)["position"]?.intValue ?? 0 }
            XCTAssertEqual(positions, Array(1...50), "only the committed events, each once")
        }
        // Reading the crashed writer's store changes neither the database nor its write-ahead log.
        let store = fileBytes(path), log = fileBytes(path + "-wal")
        XCTAssertNotNil(log, "the killed writer left its WAL")
        for command in [["info", path], ["events", path, "--json"], ["replay", path, "--stream", "s-1"]] {
            XCTAssertEqual(try EvxProcess.run(command).status, 0, "\(command)")
        }
        XCTAssertEqual(fileBytes(path), store)
        XCTAssertEqual(fileBytes(path + "-wal"), log)
    }
}
