@testable import EventStore
import XCTest

/// CSV as RFC 4180 and `psql \copy … csv header` write it.
final class CSVRecordReaderTests: XCTestCase {
    /// Every record of `text`, each as its fields' texts (nil for NULL), read in one buffer.
    private func records(_ text: String) -> [[String?]] {
        let bytes = Array(text.utf8)
        var fields: [CSVRecordReader.Field] = []
        var result: [[String?]] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            while start < buffer.count {
                switch CSVRecordReader.read(buffer, from: start, atEnd: true, into: &fields) {
                case .record(let end, _, _), .malformed(_, let end, _, _):
                    result.append(fields.map { $0.isNull ? nil : $0.text(in: buffer) })
                    start = end
                case .needsMoreBytes:
                    XCTFail("asked for more bytes at the end")
                    return
                }
            }
        }
        return result
    }

    func testQuotedFieldsHoldCommasDoubledQuotesAndNewlines() {
        XCTAssertEqual(records("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n"), [
            ["a", "b", "c"],
            ["1", "x, y", #"say "hi""#],
            ["2", "two\nlines", nil],
        ])
    }

    func testAnUnquotedEmptyFieldIsNullAndAQuotedOneIsEmptyText() {
        XCTAssertEqual(records(",\"\",x\n"), [[nil, "", "x"]])
    }

    func testCRLFAndAMissingLastNewline() {
        XCTAssertEqual(records("a,b\r\n\"1\",2\r\n3,\"4\""), [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    func testCountsTheNewlinesARecordSpans() {
        let bytes = Array("\"a\nb\nc\",d\ne,f".utf8)
        var fields: [CSVRecordReader.Field] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard case .record(let end, let newlines, let terminated) = CSVRecordReader.read(buffer, from: 0, atEnd: true, into: &fields) else {
                return XCTFail("expected a record")
            }
            XCTAssertEqual([end, newlines], [10, 3])
            XCTAssertTrue(terminated)
            guard case .record(_, let lastNewlines, let lastTerminated) = CSVRecordReader.read(buffer, from: end, atEnd: true, into: &fields) else {
                return XCTFail("expected a record")
            }
            XCTAssertEqual(lastNewlines, 0)
            XCTAssertFalse(lastTerminated)
        }
    }

    /// A record cut by the end of the buffer asks for more bytes wherever the cut falls (inside
    /// quotes, between doubled quotes, before a newline); at the end of the file it is a record.
    func testARecordCutByTheBufferAsksForMore() {
        let text = Array("1,\"a \"\"q\"\"\nb\",c\r\n".utf8)
        var fields: [CSVRecordReader.Field] = []
        for cut in 1..<text.count {
            text.withUnsafeBufferPointer { buffer in
                let part = UnsafeBufferPointer(rebasing: buffer[..<cut])
                if case .record = CSVRecordReader.read(part, from: 0, atEnd: false, into: &fields) {
                    XCTFail("a record after \(cut) of \(text.count) bytes")
                }
            }
        }
        text.withUnsafeBufferPointer { buffer in
            guard case .record(let end, _, true) = CSVRecordReader.read(buffer, from: 0, atEnd: false, into: &fields) else {
                return XCTFail("expected the whole record")
            }
            XCTAssertEqual(end, text.count)
            XCTAssertEqual(fields.map { $0.text(in: buffer) }, ["1", "a \"q\"\nb", "c"])
        }
    }

    func testTextAfterAClosingQuoteOrAQuoteNeverClosedIsMalformed() {
        let bytes = Array("\"a\"b,c\nd,e\n\"open".utf8)
        var fields: [CSVRecordReader.Field] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard case .malformed(let reason, let end, 1, true) = CSVRecordReader.read(buffer, from: 0, atEnd: true, into: &fields) else {
                return XCTFail("expected a malformed record")
            }
            XCTAssertEqual(reason, "text after a closing quote")
            guard case .record(let next, 1, true) = CSVRecordReader.read(buffer, from: end, atEnd: true, into: &fields) else {
                return XCTFail("expected the next line to be read")
            }
            guard case .malformed(let unclosed, _, _, false) = CSVRecordReader.read(buffer, from: next, atEnd: true, into: &fields) else {
                return XCTFail("expected an unclosed quote")
            }
            XCTAssertEqual(unclosed, "a quoted field is never closed")
        }
    }
}
