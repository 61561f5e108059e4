import GRDB
import TestSupport
import XCTest

/// One test per kind of bad input: each gets one line on stderr and exit status 2, never a crash.
final class BadInputTests: CommandTestCase {
    func testMissingFile() throws {
        assertUsageFailure(try evx("info", folder.path("missing.sqlite")), "missing.sqlite: no such file")
    }

    func testDirectory() throws {
        assertUsageFailure(try evx("info", folder.url.path), "is a directory, not a store file")
    }

    func testEmptyFile() throws {
        assertUsageFailure(try evx("events", folder.write("empty.jsonl", "")), "the file is empty")
    }

    func testNeitherSQLiteNorJSONLines() throws {
        assertUsageFailure(try evx("info", folder.write("notes.txt", "hello\nworld\n")), "neither an SQLite database nor a JSON Lines file")
    }

    func testSQLiteWithoutEventsTable() throws {
        let path = folder.path("app.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY)") }
        try queue.close()
        assertUsageFailure(try evx("info", path), "without an `events` table")
    }

    func testSQLiteMissingRequiredColumns() throws {
        let path = folder.path("partial.sqlite")
        try StoreBuilder(path: path, schema: "CREATE TABLE events (position INTEGER PRIMARY KEY, type TEXT)").close()
        assertUsageFailure(try evx("events", path), "lacks required column(s)")
    }

    func testLockedDatabase() throws {
        let path = folder.path("locked.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        let writer = try DatabaseQueue(path: path)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            assertUsageFailure(try evx("info", path), "locked by another process")
            try db.execute(sql: "ROLLBACK")
        }
    }

    func testCorruptDatabase() throws {
        let path = try generatedStore(events: 500)
        var bytes = try XCTUnwrap(fileBytes(path)).map { $0 }
        for i in 100..<4096 { bytes[i] = 0 }
        assertUsageFailure(try evx("info", folder.write("zeroed.sqlite", bytes: bytes)), "zeroed.sqlite: ")
        let truncated = folder.write("truncated.sqlite", bytes: Array(bytes.prefix(20_000)))
        assertUsageFailure(try evx("info", truncated), "truncated.sqlite: ")
    }

    func testNoReadableJSONLines() throws {
        assertUsageFailure(try evx("info", folder.write("broken.jsonl", "{nope\n{nope\n")), "no readable event")
    }

    func testUnknownOptionAndMissingArgument() throws {
        assertUsageFailure(try evx("events", "x.sqlite", "--bogus"), "Unknown option '--bogus'")
        assertUsageFailure(try evx("generate", folder.path("x.sqlite")), "Missing expected argument '--events <events>'")
        assertUsageFailure(try evx("events", "x", "--limit=-1"), "--limit must be 0 or more")
    }
}
