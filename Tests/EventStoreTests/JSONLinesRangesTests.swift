import EventModel
@testable import EventStore
import Foundation
import TestSupport
import XCTest

/// Files larger than one range (`JSONLinesSource.chunkSize`) are read as byte ranges on several
/// threads; what a reader sees must not depend on where the ranges fall. A followed file is read
/// from where the last read ended.
final class JSONLinesRangesTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testAFileOfManyRangesReadsLineByLine() throws {
        // Lines of varied length, so that range boundaries fall inside lines, between them, inside a
        // CRLF and inside a line longer than several ranges; blank and broken lines in between.
        var lines: [String] = []
        var expected: [(position: Int64, stream: String, version: Int64, type: String)] = []
        var expectedWarnings: [String] = []
        var versions: [String: Int64] = [:]
        let long = String(repeating: "z", count: 5 * JSONLinesSource.chunkSize / 2)
        for n in 0..<40_000 {
            let lineNumber = lines.count + 1
            if n % 5_001 == 17 {
                lines.append("not json at all")
                expectedWarnings.append("line \(lineNumber): not a valid JSON object")
                continue
            }
            if n % 3_333 == 5 { lines.append("   ") }
            let stream = "s-\(n % 97)"
            let version = (versions[stream] ?? 0) + 1
            versions[stream] = version
            let padding = String(repeating: "p", count: n % 173)
            let blob = n == 20_000 ? long : padding
            lines.append(#"{"stream":"\#(stream)","type":"T\#(n % 7)","data":{"blob":"\#(blob)"}}"# + (n % 11 == 0 ? "\r" : ""))
            expected.append((Int64(expected.count + 1), stream, version, "T\(n % 7)"))
        }
        let path = folder.write("ranges.jsonl", lines.joined(separator: "\n") + "\n")
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0, 5 * JSONLinesSource.chunkSize)

        let source = JSONLinesSource(path: path)
        var events: [Event] = []
        try source.readEvents(EventFilter()) { events.append($0); return true }
        XCTAssertEqual(events.count, expected.count)
        for (event, wanted) in zip(events, expected) where (event.position, event.stream, event.version, event.type) != wanted {
            return XCTFail("at position \(wanted.position): read \(event.position) \(event.stream) v\(event.version) \(event.type), expected \(wanted)")
        }
        XCTAssertEqual(events.first { $0.data.count > JSONLinesSource.chunkSize }?.data.count, long.count + 11)
        XCTAssertEqual(source.readWarnings.count, expectedWarnings.count)
        for (warning, wanted) in zip(source.readWarnings, expectedWarnings) {
            XCTAssertTrue(warning.hasPrefix(wanted), "\(warning) is not \(wanted)")
        }

        let summary = try source.summary()
        XCTAssertEqual(summary.eventCount, expected.count)
        XCTAssertEqual(summary.streamCount, 97)
        XCTAssertEqual(summary.warnings.first { $0.kind == .skippedLines }?.count, expectedWarnings.count)
        XCTAssertNil(summary.warnings.first { $0.kind == .duplicateEventIDs }, "ids derived from positions are distinct")

        // A read that stops early stops the threads and leaves the file readable again.
        var firstTen: [Int64] = []
        try source.readEvents(EventFilter(limit: 10)) { firstTen.append($0.position); return true }
        XCTAssertEqual(firstTen, Array(1...10))
    }

    /// While every line gives its version no table of streams is kept; the first line that
    /// leaves its version out continues from the versions the lines before it gave, whether it
    /// comes ranges later in one read, in a read resumed after the file grew, or in a CSV export.
    func testAVersionLeftOutContinuesFromTheVersionsGivenBefore() throws {
        // Versions that are not 1, 2, 3...: a derived one must come from the stream's last given one.
        let given = (0..<30_000).map { n in
            #"{"stream":"s-\#(n % 101)","type":"T","version":\#(10 * (n / 101) + 7),"pad":"\#(String(repeating: "p", count: n % 90))"}"#
        }
        let lastGiven = { (stream: Int) in Int64(10 * ((30_000 - 1 - (30_000 - 1 - stream) % 101) / 101) + 7) }
        // s-2 is the last versioned line's stream: a table missing that line would derive from s-2's earlier version.
        let unversioned = [#"{"stream":"s-2","type":"U"}"#, #"{"stream":"s-5","type":"U"}"#, #"{"stream":"s-5","type":"U"}"#,
                           #"{"stream":"new-1","type":"U"}"#]
        let path = folder.write("versions.jsonl", (given + unversioned).joined(separator: "\n") + "\n")
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0, 2 * JSONLinesSource.chunkSize)
        let tail = { (source: JSONLinesSource, from: Int64) throws -> [String] in
            var seen: [String] = []
            try source.readEvents(EventFilter(fromPosition: from)) { seen.append("\($0.stream)@\($0.version)"); return true }
            return Array(seen.suffix(4))
        }
        XCTAssertEqual((30_000 - 1) % 101, 2)
        let expected = ["s-2@\(lastGiven(2) + 1)", "s-5@\(lastGiven(5) + 1)", "s-5@\(lastGiven(5) + 2)", "new-1@1"]
        XCTAssertEqual(try tail(JSONLinesSource(path: path), .min), expected)

        // Resumed: the first read saw only versioned lines; the unversioned ones are appended after.
        let growing = folder.write("growing.jsonl", given.joined(separator: "\n") + "\n")
        let source = JSONLinesSource(path: growing)
        XCTAssertEqual(try tail(source, .min).last, "s-2@\(lastGiven(2))")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: growing))
        try handle.seekToEnd()
        handle.write(Data((unversioned.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        XCTAssertEqual(try tail(source, 30_001), expected)
        XCTAssertEqual(try tail(source, .min), expected, "a whole read again")

        // The same as CSV.
        let rows = (0..<30_000).map { n in "s-\(n % 101),T,\(10 * (n / 101) + 7),\(String(repeating: "p", count: n % 90))" }
            + ["s-2,U,,", "s-5,U,,", "s-5,U,,", "new-1,U,,"]
        let csv = folder.write("versions.csv", "stream,type,version,pad\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(try tail(JSONLinesSource(path: csv, kind: .csv), .min), expected)
    }

    func testAByteOrderMarkIsIgnored() throws {
        let path = folder.write("bom.jsonl", "\u{FEFF}" + #"{"stream":"c-1","type":"T"}"# + "\r\n" + #"{"stream":"c-1","type":"U"}"# + "\r\n")
        let source = JSONLinesSource(path: path)
        var types: [String] = []
        try source.readEvents(EventFilter()) { types.append($0.type); return true }
        XCTAssertEqual(types, ["T", "U"])
        XCTAssertEqual(source.readWarnings, [])
    }

    func testAFollowedFileIsReadFromWhereTheLastReadEnded() throws {
        let pad = String(repeating: "x", count: 300)
        let path = folder.write("live.jsonl", (1...3).map { #"{"stream":"a-1","type":"T\#($0)","pad":"\#(pad)"}"# }.joined(separator: "\n") + "\n")
        let source = JSONLinesSource(path: path)
        func read(from position: Int64) throws -> [String] {
            var seen: [String] = []
            try source.readEvents(EventFilter(fromPosition: position)) { seen.append("\($0.position):\($0.type)@\($0.version)"); return true }
            return seen
        }
        XCTAssertEqual(try read(from: 1), ["1:T1@1", "2:T2@2", "3:T3@3"])

        // Break the first line in place, same length: a read that resumes does not see it again.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 0)
        handle.write(Data("X".utf8))
        try handle.seekToEnd()
        handle.write(Data((#"{"stream":"a-1","type":"T4"}"# + "\n" + #"{"stream":"b-1","type":"T5"}"# + "\n" + #"{"stream":"a-1","ty"#).utf8))
        XCTAssertEqual(try read(from: 4), ["4:T4@4", "5:T5@1"])
        XCTAssertEqual(source.readWarnings, ["line 6: incomplete last line skipped (a writer may be mid-line)"])

        // The writer finishes its line: it is read once, where it belongs.
        handle.write(Data((#"pe":"T6"}"# + "\n").utf8))
        XCTAssertEqual(try read(from: 6), ["6:T6@5"])
        XCTAssertEqual(source.readWarnings, [])
        try handle.close()

        // A whole read sees the broken first line; positions are derived again from the start.
        XCTAssertEqual(try read(from: 1), ["1:T2@1", "2:T3@2", "3:T4@3", "4:T5@1", "5:T6@4"])
        XCTAssertEqual(source.readWarnings.count, 1)
        XCTAssertEqual(try read(from: .min).count, 5)

        // Rewritten rather than appended to (and longer than before): read whole again.
        folder.write("live.jsonl", (1...8).map { #"{"stream":"c-1","type":"N\#($0)","pad":"\#(String(repeating: "x", count: 40))"}"# }
            .joined(separator: "\n") + "\n")
        XCTAssertEqual(try read(from: 6), ["6:N6@6", "7:N7@7", "8:N8@8"])
    }
}
