/// Splits CSV text into records and fields as RFC 4180 and `psql \copy … csv header` write it:
/// fields separated by commas, records by `\n` or `\r\n`; a quoted field may hold commas,
/// newlines and doubled quotes (`""` for `"`); an unquoted empty field is NULL, a quoted one
/// (`""`) the empty text.
///
/// Written by hand (docs/architecture.md, "Own CSV reader"): it works on a buffer of bytes without
/// a string per field, tells a record cut by the end of the buffer from one cut by the end of the
/// file, counts the lines a record spans, and tells NULL from `""`.
struct CSVRecordReader {
    /// One field of a record: where its text is (inside the quotes for a quoted field).
    struct Field: Sendable {
        var range: Range<Int>
        var quoted: Bool
        /// Whether the text holds doubled quotes to undo.
        var hasDoubledQuotes: Bool

        /// NULL: an unquoted empty field.
        var isNull: Bool { !quoted && range.isEmpty }

        func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            guard hasDoubledQuotes else { return String(decoding: raw, as: UTF8.self) }
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(raw.count)
            var index = 0
            while index < raw.count {
                unescaped.append(raw[index])
                index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
            }
            return String(decoding: unescaped, as: UTF8.self)
        }
    }

    enum Outcome {
        /// A record ends at `end` (after its newline when it has one), spanning `newlines` newlines.
        case record(end: Int, newlines: Int, terminated: Bool)
        /// The record runs past the bytes given: read more and try again from the same start.
        case needsMoreBytes
        /// Not CSV as written by a CSV writer (text after a closing quote, a quote never closed at
        /// the end of the file): the rest of the line is skipped.
        case malformed(reason: String, end: Int, newlines: Int, terminated: Bool)
    }

    /// Reads the record starting at `start`; `atEnd` says that no bytes follow `bytes`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, into fields: inout [Field]) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        var index = start
        var newlines = 0
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                // A quoted field: up to the quote that is not doubled.
                let textStart = index + 1
                var cursor = textStart
                var doubled = false
                var closed = false
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "\"") {
                        if cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "\"") {
                            doubled = true
                            cursor += 2
                            continue
                        }
                        if cursor + 1 == bytes.count, !atEnd { return .needsMoreBytes }  // `""` may straddle the buffer's end
                        closed = true
                        break
                    }
                    if byte == 0x0A { newlines += 1 }
                    cursor += 1
                }
                guard closed else {
                    if !atEnd { return .needsMoreBytes }
                    return .malformed(reason: "a quoted field is never closed", end: bytes.count, newlines: newlines, terminated: false)
                }
                fields.append(Field(range: textStart..<cursor, quoted: true, hasDoubledQuotes: doubled))
                index = cursor + 1
            } else {
                // An unquoted field: up to the next comma or newline.
                var cursor = index
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ","), bytes[cursor] != 0x0A { cursor += 1 }
                var end = cursor
                let endsRecord = cursor < bytes.count ? bytes[cursor] == 0x0A : atEnd
                if endsRecord, end > index, bytes[end - 1] == 0x0D { end -= 1 }  // `\r\n`
                fields.append(Field(range: index..<end, quoted: false, hasDoubledQuotes: false))
                index = cursor
            }
            // After a field: a comma, the end of the record, or (wrongly) more text.
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if index < bytes.count, bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            if index < bytes.count, bytes[index] == 0x0A {
                return .record(end: index + 1, newlines: newlines + 1, terminated: true)
            }
            if index >= bytes.count || (index + 1 == bytes.count && bytes[index] == 0x0D) {
                if !atEnd { return .needsMoreBytes }
                return .record(end: bytes.count, newlines: newlines, terminated: false)
            }
            // Text right after a closing quote: skip to the end of the line.
            var cursor = index
            while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
            if cursor == bytes.count, !atEnd { return .needsMoreBytes }
            let terminated = cursor < bytes.count
            return .malformed(reason: "text after a closing quote", end: terminated ? cursor + 1 : cursor,
                              newlines: newlines + (terminated ? 1 : 0), terminated: terminated)
        }
    }
}
