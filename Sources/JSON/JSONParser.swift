import OrderedCollections

/// A strict RFC 8259 parser working directly on UTF-8 bytes.
///
/// Written by hand rather than using Foundation's JSONSerialization because evx parses millions of
/// small payloads per second during replay, needs byte offsets in its errors, must validate without
/// building a tree (`skipValue`), and must bound nesting so that hostile input cannot overflow the stack.
public struct JSONParser {
    /// Deeper documents are rejected: recursion must stay well inside a secondary thread's stack.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private var depth = 0

    public init(bytes: UnsafeBufferPointer<UInt8>, startingAt index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// The offset of the first byte not consumed yet.
    public var offset: Int { index }

    // MARK: - Entry points

    /// Parses a whole document; only whitespace may follow the value.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        var copy = text
        return try copy.withUTF8 { buffer in Result { () throws(JSONError) in try parse(buffer) } }.get()
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in Result { () throws(JSONError) in try parse(buffer) } }.get()
    }

    /// Checks that the bytes hold exactly one valid JSON value, without building it.
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONError? {
        var parser = JSONParser(bytes: bytes)
        do {
            try parser.skipValue()
            try parser.expectEnd()
            return nil
        } catch {
            return error
        }
    }

    public static func validate(_ text: String) -> JSONError? {
        var copy = text
        return copy.withUTF8 { validate($0) }
    }

    // MARK: - Values

    public mutating func parseValue() throws(JSONError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Self.printable(bytes[index]))'")
        }
    }

    /// Consumes one value, validating it fully, without building anything.
    public mutating func skipValue() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try walkObject { (parser, _, _) throws(JSONError) in try parser.skipValue() }
        case UInt8(ascii: "["):
            try enterContainer()
            index += 1
            if try consumeIfPresent(UInt8(ascii: "]")) { depth -= 1; return }
            repeat { try skipValue() } while try consumeCommaOrClose(UInt8(ascii: "]"))
            depth -= 1
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw error("unexpected character '\(Self.printable(bytes[index]))'")
        }
    }

    /// Calls `body` with each member of the object that starts here: its key and the byte range
    /// of its raw value. Lets a reader pick a few fields out of a line without building a tree.
    public mutating func forEachMember(
        _ body: (String, Range<Int>) throws(JSONError) -> Void
    ) throws(JSONError) {
        try forEachMemberRawKey { (key, hasEscapes, range) throws(JSONError) in
            try body(Self.decodeString(key, hasEscapes: hasEscapes), range)
        }
    }

    /// Like `forEachMember`, with each key as its raw bytes between the quotes and whether they hold
    /// escapes (to decode with `decodeString`): readers matching known keys need no `String` per key.
    public mutating func forEachMemberRawKey(
        _ body: (_ key: UnsafeBufferPointer<UInt8>, _ keyHasEscapes: Bool, _ value: Range<Int>) throws(JSONError) -> Void
    ) throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw error("expected an object") }
        try walkObject { (parser, key, hasEscapes) throws(JSONError) in
            parser.skipWhitespace()
            let start = parser.index
            try parser.skipValue()
            try body(key, hasEscapes, start..<parser.index)
        }
    }

    /// The text of a string's raw bytes (between its quotes, already validated by the parser).
    public static func decodeString(_ raw: UnsafeBufferPointer<UInt8>, hasEscapes: Bool) -> String {
        hasEscapes ? unescape(raw) : String(decoding: raw, as: UTF8.self)
    }

    /// Fails unless only whitespace remains.
    public mutating func expectEnd() throws(JSONError) {
        skipWhitespace()
        if index < bytes.count { throw error("unexpected data after the value") }
    }

    // MARK: - Containers

    private mutating func parseObject() throws(JSONError) -> OrderedDictionary<String, JSONValue> {
        var object = OrderedDictionary<String, JSONValue>()
        try walkObject { (parser, key, hasEscapes) throws(JSONError) in
            // A repeated key keeps its first place and its last value.
            object[Self.decodeString(key, hasEscapes: hasEscapes)] = try parser.parseValue()
        }
        return object
    }

    /// Walks the object whose `{` is at the cursor, calling `member` after each key and its colon
    /// with the key's raw bytes (between its quotes); `member` consumes the value.
    private mutating func walkObject(
        _ member: (inout JSONParser, _ key: UnsafeBufferPointer<UInt8>, _ keyHasEscapes: Bool) throws(JSONError) -> Void
    ) throws(JSONError) {
        try enterContainer()
        index += 1
        if try consumeIfPresent(UInt8(ascii: "}")) { depth -= 1; return }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            index += 1
            let keyStart = index
            var hasEscapes = false
            try scanStringBody(hasEscapes: &hasEscapes)
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<index])
            index += 1
            try expect(UInt8(ascii: ":"))
            try member(&self, key, hasEscapes)
        } while try consumeCommaOrClose(UInt8(ascii: "}"))
        depth -= 1
    }

    private mutating func parseArray() throws(JSONError) -> [JSONValue] {
        try enterContainer()
        index += 1
        var array: [JSONValue] = []
        if try consumeIfPresent(UInt8(ascii: "]")) { depth -= 1; return array }
        repeat { array.append(try parseValue()) } while try consumeCommaOrClose(UInt8(ascii: "]"))
        depth -= 1
        return array
    }

    private mutating func enterContainer() throws(JSONError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    /// After a member or element: `true` on a comma (more follow), `false` on the closing bracket.
    private mutating func consumeCommaOrClose(_ close: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; return true }
        if bytes[index] == close { index += 1; return false }
        throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
    }

    // MARK: - Strings

    /// Parses the string starting at the opening quote.
    public mutating func parseString() throws(JSONError) -> String {
        index += 1  // opening quote
        let start = index
        var hasEscapes = false
        try scanStringBody(hasEscapes: &hasEscapes)
        let end = index
        index += 1  // closing quote
        return Self.decodeString(UnsafeBufferPointer(rebasing: bytes[start..<end]), hasEscapes: hasEscapes)
    }

    private mutating func skipString() throws(JSONError) {
        index += 1
        var hasEscapes = false
        try scanStringBody(hasEscapes: &hasEscapes)
        index += 1
    }

    /// Advances to the closing quote, validating UTF-8, control characters and escapes.
    private mutating func scanStringBody(hasEscapes: inout Bool) throws(JSONError) {
        while index < bytes.count {
            index = Self.plainASCIIRun(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard Self.isHex4(bytes, at: index + 1) else { throw error("invalid \\u escape") }
                    let code = Self.hex4(bytes, at: index + 1)
                    index += 5
                    if (0xDC00...0xDFFF).contains(code) { throw error("unpaired surrogate in \\u escape") }
                    if (0xD800...0xDBFF).contains(code) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                              Self.isHex4(bytes, at: index + 2), (0xDC00...0xDFFF).contains(Self.hex4(bytes, at: index + 2)) else {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        index += 6
                    }
                default:
                    throw error("invalid escape '\\\(Self.printable(bytes[index]))'")
                }
            } else if byte < 0x20 {
                throw error("control character in string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw error("unterminated string")
    }

    /// The offset of the first byte from `start` on that is a quote, a backslash, a control
    /// character or not ASCII: eight bytes at a time (SWAR), since strings are most of a payload
    /// and a 200 MB string must not take a step per byte.
    @inline(__always)
    private static func plainASCIIRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var offset = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            // A byte's high bit is set in `special` when it is a quote (0x22), a backslash (0x5C),
            // below 0x20, or 0x80 and above (the classic "has zero byte" trick on word ^ pattern).
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
            let found = special & highs
            if found != 0 { return offset + found.trailingZeroBitCount / 8 }
            offset += 8
        }
        while offset < bytes.count {
            let byte = base[offset]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { return offset }
            offset += 1
        }
        return offset
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let length: Int
        var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw error("invalid UTF-8")
        }
        guard index + length <= bytes.count else { throw error("invalid UTF-8") }
        let second = bytes[index + 1]
        guard second >= lowerBound, second <= upperBound else { throw error("invalid UTF-8") }
        for k in 2..<length where bytes[index + k] & 0xC0 != 0x80 { throw error("invalid UTF-8") }
        index += length
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            let code = raw[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, at: i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // The scan checked that an escaped low surrogate follows.
                    let low = hex4(raw, at: i + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                // Valid by construction: surrogates were handled above.
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(character).utf8)
            default: out.append(code)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHex4(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 4 <= raw.count && (0..<4).allSatisfy { hexValue(raw[i + $0]) != nil }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 4 | UInt32(hexValue(raw[i + $1]) ?? 0) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    // MARK: - Numbers

    /// Integers that fit become `.int`; anything with a fraction or an exponent, or too large for
    /// 64 bits, an exact `.decimal` (more than 38 significant digits are rounded, half to even).
    /// Numbers whose leading digit sits beyond 10^308, where other JSON readers give up, are refused.
    private mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
        var digits = DecimalDigits()
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) {
                digits.append(bytes[index] - UInt8(ascii: "0"), inFraction: false)
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) {
                digits.append(bytes[index] - UInt8(ascii: "0"), inFraction: true)
                index += 1
            }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            var negativeExponent = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1 << 40)  // saturates: refused below
                index += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        if isInteger, let integer = digits.integer(negative: negative) { return .int(integer) }
        let (magnitude, shift) = digits.rounded()
        let value = exponent + shift
        let lead = magnitude == 0 ? 0 : DecimalNumber.digitCount(magnitude) + value
        guard lead <= 309, value >= -Int(Int32.max / 2) else { throw JSONError(offset: start, reason: "number out of range") }
        return .decimal(DecimalNumber(magnitude: magnitude, negative: negative, exponent: Int32(magnitude == 0 ? 0 : value)))
    }

    /// The significant digits of a number as the parser reads them, left to right: the first 38
    /// are kept, the rest only decide the rounding.
    private struct DecimalDigits {
        var magnitude: UInt128 = 0
        var kept = 0
        /// The power of ten the kept digits are scaled by (−1 per fraction digit kept, +1 per
        /// integer digit dropped).
        var shift = 0
        var firstDropped: UInt8?
        var nonZeroAfterFirstDropped = false

        mutating func append(_ digit: UInt8, inFraction: Bool) {
            if kept < DecimalNumber.maximumDigits {
                magnitude = magnitude &* 10 &+ UInt128(digit)
                if magnitude != 0 { kept += 1 }
                if inFraction { shift -= 1 }
            } else {
                if !inFraction { shift += 1 }
                if firstDropped == nil { firstDropped = digit } else if digit != 0 { nonZeroAfterFirstDropped = true }
            }
        }

        /// The digits as a 64-bit integer, when they are all there and fit.
        func integer(negative: Bool) -> Int64? {
            guard firstDropped == nil else { return nil }
            if !negative { return magnitude <= UInt128(Int64.max) ? Int64(magnitude) : nil }
            return magnitude <= UInt128(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- UInt64(magnitude)) : nil
        }

        /// The kept digits rounded half to even by the dropped ones, and their scale.
        func rounded() -> (UInt128, Int) {
            guard let firstDropped else { return (magnitude, shift) }
            var magnitude = magnitude
            if firstDropped > 5 || (firstDropped == 5 && (nonZeroAfterFirstDropped || magnitude % 2 == 1)) { magnitude += 1 }
            if magnitude == DecimalNumber.limit { return (magnitude / 10, shift + 1) }
            return (magnitude, shift)
        }
    }

    /// Validates a number without building it. Only a number with an exponent or hundreds of
    /// digits can be out of a double's range, so only those are converted to find out.
    private mutating func skipNumber() throws(JSONError) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        let integerDigits = index - start
        var hasExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if hasExponent || integerDigits > 300 {
            let end = index
            index = start
            _ = try parseNumber()
            index = end
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: - Small helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    private mutating func consumeIfPresent(_ byte: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        if bytes[index] == byte { index += 1; return true }
        return false
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("invalid literal") }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw error("invalid literal") }
        index += count
    }

    private func error(_ reason: String) -> JSONError {
        JSONError(offset: index, reason: reason)
    }

    /// A byte as shown in a message: printable ASCII as is, anything else as a hex escape.
    private static func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(Character(Unicode.Scalar(byte))) : "\\x" + String(byte, radix: 16, uppercase: true)
    }
}

// MARK: - Path lookup

extension JSONParser {
    /// The value at a path of object keys (or array indexes) in a document, parsing only that
    /// value and skipping the rest: reading `amount` from an event's data without building its tree.
    /// Returns nil when a step is missing; throws when the document is invalid up to that point.
    public static func value(at path: [String], in bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue? {
        var parser = JSONParser(bytes: bytes)
        return try parser.value(at: path, from: 0)
    }

    public static func value(at path: [String], in text: String) throws(JSONError) -> JSONValue? {
        var copy = text
        return try copy.withUTF8 { buffer in Result { () throws(JSONError) in try value(at: path, in: buffer) } }.get()
    }

    /// The value at `path[step...]` inside the value at the cursor, consuming that whole value, so
    /// that each byte is looked at once however deep the path (seeking and then descending would
    /// scan a nested value once per level). In objects the last of repeated keys wins, as parsing
    /// keeps; nil when a step is missing or leads into something that is not a container.
    private mutating func value(at path: [String], from step: Int) throws(JSONError) -> JSONValue? {
        if step == path.count { return try parseValue() }
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var found: JSONValue?
            let wanted = path[step]
            try walkObject { (parser, key, hasEscapes) throws(JSONError) in
                // Keys compared as bytes: no string is made for the members passed over.
                if hasEscapes ? Self.decodeString(key, hasEscapes: true) == wanted
                              : key.count == wanted.utf8.count && key.elementsEqual(wanted.utf8) {
                    found = try parser.value(at: path, from: step + 1)
                } else {
                    try parser.skipValue()
                }
            }
            return found
        case UInt8(ascii: "["):
            let wanted = Int(path[step]) ?? -1  // an index
            var found: JSONValue?
            try enterContainer()
            index += 1
            if try consumeIfPresent(UInt8(ascii: "]")) { depth -= 1; return nil }
            var position = 0
            repeat {
                if position == wanted {
                    found = try value(at: path, from: step + 1)
                } else {
                    try skipValue()
                }
                position += 1
            } while try consumeCommaOrClose(UInt8(ascii: "]"))
            depth -= 1
            return found
        default:
            try skipValue()
            return nil
        }
    }
}
