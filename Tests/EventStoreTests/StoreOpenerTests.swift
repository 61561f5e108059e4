import EventModel
import EventStore
import GRDB
import TestSupport
import XCTest

/// Every kind of unusable input gets one clear message (the CLI turns it into exit status 2).
final class StoreOpenerTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testDetectsTheFormatByContentNotName() throws {
        let sqliteNamedJSON = folder.path("store.jsonl")
        try StoreBuilder.workedExample(at: sqliteNamedJSON).close()
        XCTAssertEqual(try StoreOpener.detectFormat(path: sqliteNamedJSON), .sqlite)
        let jsonNamedSQLite = folder.write("store.sqlite", "\u{FEFF}\n  {\"stream\":\"a-1\",\"type\":\"T\"}\n")
        XCTAssertEqual(try StoreOpener.detectFormat(path: jsonNamedSQLite), .jsonl)
    }

    func testMissingFile() {
        assertRejected(folder.path("nope.sqlite"), "no such file")
    }

    func testDirectory() {
        assertRejected(folder.url.path, "is a directory")
    }

    func testEmptyFile() {
        assertRejected(folder.write("empty.sqlite", ""), "the file is empty")
    }

    func testNeitherSQLiteNorJSONLines() {
        assertRejected(folder.write("binary.bin", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01]), "neither an SQLite database, a JSON Lines file nor a CSV export")
        assertRejected(folder.write("array.json", "[{\"a\":1}]"), "a JSON array")
        assertRejected(folder.write("blank.jsonl", "\n\n  \n"), "only blank lines")
    }

    func testSQLiteOfNoFamilyIsRefusedNamingItsTablesAndPointingToMap() throws {
        let path = folder.path("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER); CREATE TABLE orders (id INTEGER)") }
        try queue.close()
        assertRejected(path, "an SQLite database with tables customers, orders, which evx does not recognise as an event store; describe its events table with --map FILE.yaml")
    }

    func testSQLiteMissingRequiredColumns() throws {
        let path = folder.path("columns.sqlite")
        _ = try StoreBuilder(path: path, schema: "CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT, data TEXT)")
        assertRejected(path, "lacks required column(s) event_id, stream_type, version, type, recorded_at")
    }

    func testCorruptDatabase() throws {
        let path = folder.path("corrupt.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        var bytes = try XCTUnwrap(fileBytes(path)).map { $0 }
        for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xA5 }  // the schema page, after the header
        let corrupt = folder.write("corrupt2.sqlite", bytes: bytes)
        assertRejected(corrupt, "corrupt")
    }

    func testTruncatedDatabase() throws {
        let path = folder.path("big.sqlite")
        try StoreGenerator_generate(path)
        let bytes = try XCTUnwrap(fileBytes(path))
        let truncated = folder.write("truncated.sqlite", bytes: Array(bytes.prefix(bytes.count / 3)))
        XCTAssertThrowsError(try StoreOpener.open(path: truncated).summary()) { error in
            XCTAssertTrue("\(error)".contains("truncated.sqlite: "), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    private func assertRejected(_ path: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try StoreOpener.open(path: path).summary(), file: file, line: line) { error in
            XCTAssertTrue(error is StoreError, "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix(path), "\(error)", file: file, line: line)
            XCTAssertFalse("\(error)".contains("\n"), file: file, line: line)
        }
    }
}

private func StoreGenerator_generate(_ path: String) throws {
    try StoreGeneratorFixture.generate(path: path, events: 3000)
}
