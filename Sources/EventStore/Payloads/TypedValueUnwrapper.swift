import JSON

/// Turns Python eventsourcing's JSON state into plain JSON: each `{"_type_": NAME, "_data_": TEXT}`
/// value of a built-in transcoding becomes the value it stands for, and the event's time and class
/// version are picked out on the way.
///
/// - `decimal_str` → the decimal as a JSON number, digits as written (`"117.25"` → `117.25`), so
///   money stays exact; `NaN` and infinities stay strings (JSON has no such numbers).
/// - `datetime_iso` → the ISO-8601 text; `uuid_hex` → the UUID in its usual dashed form.
/// - Wrappers of other names (an application's own transcodings) are left as they are: evx cannot
///   know what the application makes of them.
///
/// Works on bytes: the library writes compact JSON with `_type_` then `_data_`, so the byte
/// sequence `{"_type_":"` can only start such a wrapper (inside a string a quote is escaped), and
/// no tree is built. A payload with no wrapper is copied as it is.
struct TypedValueUnwrapper {
    struct Result {
        var json: String
        /// The top-level `timestamp`, as its ISO text.
        var timestamp: String?
        /// The top-level `class_version` (the library stores it when above 1): the schema version.
        var classVersion: Int64?
    }

    private static let opening = Array(#"{"_type_":""#.utf8)
    private static let middle = Array(#"","_data_":"#.utf8)

    /// The plain JSON of `bytes`, which must hold one JSON object.
    static func unwrap(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> Result {
        var timestamp: String?
        var classVersion: Int64?
        var parser = JSONParser(bytes: bytes)
        try parser.forEachMember { (key, range) throws(JSONError) in
            if key == "timestamp" {
                timestamp = wrapped(in: bytes, at: range.lowerBound)?.text ?? plainString(in: bytes, range)
            } else if key == "class_version" {
                classVersion = Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
        }
        try parser.expectEnd()
        return Result(json: rewritten(bytes), timestamp: timestamp, classVersion: classVersion)
    }

    /// The bytes with every known wrapper replaced.
    private static func rewritten(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while let brace = firstIndex(of: UInt8(ascii: "{"), in: bytes, from: index) {
            index = brace + 1
            guard let value = wrapped(in: bytes, at: brace), let replacement = value.replacement else { continue }
            if output.isEmpty { output.reserveCapacity(bytes.count) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<brace]))
            output.append(contentsOf: replacement)
            copied = value.end
            index = value.end
        }
        if output.isEmpty && copied == 0 { return String(decoding: bytes, as: UTF8.self) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return String(decoding: output, as: UTF8.self)
    }

    /// A wrapper found at `start`: its name, its data string's text, and the offset after its `}`.
    private struct Wrapped {
        var name: ArraySlice<UInt8>
        var data: UnsafeBufferPointer<UInt8>.SubSequence
        var hasEscapes: Bool
        var end: Int

        var text: String { String(decoding: UnsafeBufferPointer(rebasing: data), as: UTF8.self) }

        /// The JSON that replaces the wrapper, or `nil` to keep it.
        var replacement: [UInt8]? {
            switch String(decoding: name, as: UTF8.self) {
            case "decimal_str":
                return !hasEscapes && isJSONNumber(data) ? Array(data) : quoted(data)
            case "datetime_iso":
                return quoted(data)
            case "uuid_hex":
                return dashedUUID(data).map(quoted) ?? quoted(data)
            default:
                return nil
            }
        }

        private func quoted<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8 {
            [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
        }
    }

    /// Reads `{"_type_":"NAME","_data_":"TEXT"}` at `start`, or `nil` if something else is there.
    private static func wrapped(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Wrapped? {
        guard matches(opening, in: bytes, at: start) else { return nil }
        let nameStart = start + opening.count
        guard let nameEnd = firstIndex(of: UInt8(ascii: "\""), in: bytes, from: nameStart),
              !bytes[nameStart..<nameEnd].contains(UInt8(ascii: "\\")),
              matches(middle, in: bytes, at: nameEnd) else { return nil }
        let dataStart = nameEnd + middle.count + 1
        guard dataStart <= bytes.count, bytes[dataStart - 1] == UInt8(ascii: "\"") else { return nil }
        var index = dataStart
        var hasEscapes = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { hasEscapes = true; index += 1 }
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") else { return nil }
        return Wrapped(name: ArraySlice(bytes[nameStart..<nameEnd]), data: bytes[dataStart..<index],
                       hasEscapes: hasEscapes, end: index + 2)
    }

    /// A top-level value that is a plain JSON string, without its quotes.
    private static func plainString(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]), as: UTF8.self)
    }

    private static func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for (offset, byte) in pattern.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }
}

/// Whether the text is a JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
func isJSONNumber<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
    var index = text.startIndex
    func digits() -> Int {
        var count = 0
        while index != text.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) {
            count += 1
            index = text.index(after: index)
        }
        return count
    }
    func consume(_ choices: String) -> Bool {
        guard index != text.endIndex, choices.utf8.contains(text[index]) else { return false }
        index = text.index(after: index)
        return true
    }
    _ = consume("-")
    guard index != text.endIndex else { return false }
    if text[index] == UInt8(ascii: "0") {
        index = text.index(after: index)
    } else if digits() == 0 {
        return false
    }
    if consume("."), digits() == 0 { return false }
    if consume("eE") {
        _ = consume("+-")
        if digits() == 0 { return false }
    }
    return index == text.endIndex
}

/// `0123456789abcdef0123456789abcdef` → `01234567-89ab-cdef-0123-456789abcdef`; `nil` unless 32 hex digits.
func dashedUUID<C: Collection>(_ hex: C) -> [UInt8]? where C.Element == UInt8 {
    guard hex.count == 32, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }) else {
        return nil
    }
    var result: [UInt8] = []
    result.reserveCapacity(36)
    for (offset, byte) in hex.enumerated() {
        if [8, 12, 16, 20].contains(offset) { result.append(UInt8(ascii: "-")) }
        result.append(byte | 0x20)  // lower case, as Python writes UUIDs
    }
    return result
}
