import TestSupport
import XCTest

/// evx never writes to a store it explores: every command leaves the file's bytes as they were,
/// and creates no journal or WAL file beside it.
final class ReadOnlyTests: CommandTestCase {
    func testNoCommandChangesASQLiteStore() throws {
        let path = try generatedStore(events: 800)
        try assertUnchanged(path)
    }

    func testNoCommandChangesAJSONLinesStore() throws {
        let sqlite = try generatedStore(events: 300)
        let path = folder.write("store.jsonl", try evx("events", sqlite, "--json").stdout)
        try assertUnchanged(path)
    }

    private func assertUnchanged(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try XCTUnwrap(fileBytes(path))
        let siblingsBefore = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        let commands: [[String]] = [
            ["info", path], ["info", path, "--json"],
            ["events", path], ["events", path, "--json"], ["events", path, "--stream", "order-42"],
            ["events", path, "--type", "OrderShipped", "--since", "2026-01-05", "--limit", "5"],
        ]
        for command in commands {
            let run = try EvxProcess.run(command)
            XCTAssertEqual(run.status, 0, "\(command): \(run.stderr)", file: file, line: line)
            XCTAssertEqual(fileBytes(path), before, "\(command) changed the store", file: file, line: line)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted(), siblingsBefore,
                       "a command left a file beside the store", file: file, line: line)
    }
}
