#if canImport(Glibc)
import Glibc
#endif
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

    private static var opening: StaticString { #"{"_type_":""# }
    private static var middle: StaticString { #"","_data_":""# }
    private static var timestampMember: StaticString { #"{"timestamp":"# }
    private static var classVersionMember: StaticString { #","class_version":"# }

    /// The plain JSON of `bytes`, which must hold one JSON object. Validating walks the whole
    /// object; without it, the library's own layout is read directly (`timestamp` first,
    /// `class_version` last), and anything else falls back to the walk.
    static func unwrap(_ bytes: UnsafeBufferPointer<UInt8>, validating: Bool) throws(JSONError) -> Result {
        if !validating, matches(timestampMember, in: bytes, at: 0),
           let time = wrapped(in: bytes, at: timestampMember.utf8CodeUnitCount) {
            return Result(json: rewritten(bytes), timestamp: time.text(in: bytes), classVersion: trailingClassVersion(bytes))
        }
        var timestamp: String?
        var classVersion: Int64?
        var parser = JSONParser(bytes: bytes)
        try parser.forEachMember { (key, range) throws(JSONError) in
            if key == "timestamp" {
                timestamp = wrapped(in: bytes, at: range.lowerBound)?.text(in: bytes) ?? plainString(in: bytes, range)
            } else if key == "class_version" {
                classVersion = Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
        }
        try parser.expectEnd()
        return Result(json: rewritten(bytes), timestamp: timestamp, classVersion: classVersion)
    }

    /// `…,"class_version":2}` at the end of the object, where the library appends it.
    private static func trailingClassVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.last == UInt8(ascii: "}") else { return nil }
        var start = bytes.count - 1
        while start > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) { start -= 1 }
        let digits = bytes.count - 1 - start
        let member = start - classVersionMember.utf8CodeUnitCount
        guard digits > 0, digits < 19, member >= 0, matches(classVersionMember, in: bytes, at: member) else { return nil }
        return Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(bytes.count - 1)]), as: UTF8.self))
    }

    /// The bytes with every known wrapper replaced (never longer than the input: each
    /// replacement is shorter than its wrapper).
    private static func rewritten(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: max(bytes.count, 1)) { output in
            var written = 0
            func append(_ piece: UnsafeBufferPointer<UInt8>.SubSequence) {
                _ = UnsafeMutableBufferPointer(rebasing: output[written...]).initialize(from: piece)
                written += piece.count
            }
            func append(byte: UInt8) {
                output[written] = byte
                written += 1
            }
            var copied = 0
            var index = 0
            while let brace = firstIndex(of: UInt8(ascii: "{"), in: bytes, from: index) {
                index = brace + 1
                guard let value = wrapped(in: bytes, at: brace), value.kind != .other else { continue }
                append(bytes[copied..<brace])
                let data = bytes[value.data]
                switch value.kind {
                case .decimal where !value.hasEscapes && isJSONNumber(data):
                    append(data)
                case .uuid where dashedUUID(data) != nil:
                    append(byte: UInt8(ascii: "\""))
                    for byte in dashedUUID(data) ?? [] { append(byte: byte) }
                    append(byte: UInt8(ascii: "\""))
                default:
                    append(bytes[(value.data.lowerBound - 1)...value.data.upperBound])  // the string, quotes included
                }
                copied = value.end
                index = value.end
            }
            append(bytes[copied...])
            return written
        }
    }

    /// A wrapper found at some offset: which transcoding, its data string's range (without the
    /// quotes), and the offset after its `}`.
    private struct Wrapped {
        enum Kind { case decimal, datetime, uuid, other }
        var kind: Kind
        var data: Range<Int>
        var hasEscapes: Bool
        var end: Int

        func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[data]), as: UTF8.self)
        }
    }

    /// Reads `{"_type_":"NAME","_data_":"TEXT"}` at `start`, or `nil` if something else is there.
    private static func wrapped(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Wrapped? {
        guard matches(opening, in: bytes, at: start) else { return nil }
        let nameStart = start + opening.utf8CodeUnitCount
        guard let nameEnd = firstIndex(of: UInt8(ascii: "\""), in: bytes, from: nameStart),
              !bytes[nameStart..<nameEnd].contains(UInt8(ascii: "\\")),
              matches(middle, in: bytes, at: nameEnd) else { return nil }
        let dataStart = nameEnd + middle.utf8CodeUnitCount
        var index = dataStart
        var hasEscapes = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { hasEscapes = true; index += 1 }
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") else { return nil }
        let isName = { (name: StaticString) in nameEnd - nameStart == name.utf8CodeUnitCount && matches(name, in: bytes, at: nameStart) }
        let kind: Wrapped.Kind = isName("decimal_str") ? .decimal : isName("datetime_iso") ? .datetime : isName("uuid_hex") ? .uuid : .other
        return Wrapped(kind: kind, data: dataStart..<index, hasEscapes: hasEscapes, end: index + 2)
    }

    /// A top-level value that is a plain JSON string, without its quotes.
    private static func plainString(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]), as: UTF8.self)
    }

    private static func matches(_ pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard start >= 0, start + count <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: pattern.utf8Start, count: count)
        for offset in 0..<count where bytes[start + offset] != pattern[offset] { return false }
        return true
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
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
