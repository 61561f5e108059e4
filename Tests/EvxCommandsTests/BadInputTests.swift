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
        assertUsageFailure(try evx("info", folder.write("notes.txt", "hello\nworld\n")), "neither an SQLite database, a JSON Lines file nor a CSV export")
    }

    func testSQLiteWithoutEventsTable() throws {
        let path = folder.path("app.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY)") }
        try queue.close()
        assertUsageFailure(try evx("info", path), "an SQLite database with tables users, which evx does not recognise as an event store; describe its events table with --map FILE.yaml")
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

    func testUnknownOptionAndMissingArgumentPointAtTheCommandsHelp() throws {
        assertUsageFailure(try evx("events", "x.sqlite", "--bogus"), "Unknown option '--bogus' (see 'evx events --help')")
        assertUsageFailure(try evx("generate", folder.path("x.sqlite")), "Missing expected argument '--events <events>' (see 'evx generate --help')")
        assertUsageFailure(try evx("replay", "x.sqlite"), "(see 'evx replay --help')")
        assertUsageFailure(try evx("x.sqlite", "--bogus"), "Unknown option '--bogus' (see 'evx open --help')")
    }

    func testNegativeNumbersAreRefusedAsSuch() throws {
        assertUsageFailure(try evx("events", "x", "--limit=-1"), "--limit must be 0 or more")
        assertUsageFailure(try evx("events", "x", "--limit", "-1"), "--limit must be 0 or more (see 'evx events --help')")
        assertUsageFailure(try evx("generate", folder.path("x.sqlite"), "--events", "-5"), "--events must be between 1 and")
        assertUsageFailure(try evx("tail", "x", "--duration", "-1"), "--duration must be positive")
        assertUsageFailure(try evx("demo", folder.path("x.sqlite"), "--rate", "-5"), "--rate must be more than 0")
        assertUsageFailure(try evx("--rate", "-5"), "--rate must be more than 0")
        assertUsageFailure(try evx("demo", folder.path("x.sqlite"), "--duration", "-1"), "--duration must be positive")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("x.sqlite")))
    }

    func testMistypedCommandsSuggestTheNearest() throws {
        assertUsageFailure(try evx("replya"), "unknown command 'replya'; did you mean 'replay'?")
        assertUsageFailure(try evx("replya", "--stream", "order-42"), "unknown command 'replya'; did you mean 'replay'?")
        assertUsageFailure(try evx("evnets", "x.sqlite"), "did you mean 'events'?")
        assertUsageFailure(try evx("inf"), "did you mean 'info'?")
        assertUsageFailure(try evx("Snapshot"), "did you mean 'snapshots'?")
        assertUsageFailure(try evx("--rules", "r.yaml", "genrate"), "did you mean 'generate'?")
        assertUsageFailure(try evx("nonsense"), "'nonsense' is neither a command nor a store file")
        assertUsageFailure(try evx("help", "nosuch"), "help: no command 'nosuch'; the commands are open, info, events")
        assertUsageFailure(try evx("help", "replya"), "help: no command 'replya'; did you mean 'replay'?")
        XCTAssertEqual(try evx("help", "replay").status, 0)
        // A path, a file name with an extension or a URI is a store, however close to a command.
        assertUsageFailure(try evx("./replya"), "./replya: no such file")
        assertUsageFailure(try evx("replya.sqlite"), "replya.sqlite: no such file")
    }

    func testAnExistingFileNamedLikeACommandIsAStore() throws {
        try StoreBuilder.workedExample(at: folder.path("replya")).close()
        let run = try EvxProcess.run(["replya"], directory: folder.url.path)
        assertUsageFailure(run, "the explorer needs a terminal")
    }

    func testDemoRefusesAJSONLinesName() throws {
        let path = folder.path("x.jsonl")
        assertUsageFailure(try evx("demo", path, "--duration", "1"), "x.jsonl: evx demo writes SQLite; name it .sqlite")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        assertUsageFailure(try evx("generate", folder.path("y.NDJSON"), "--events", "5"), "evx generate writes SQLite")
    }
}
