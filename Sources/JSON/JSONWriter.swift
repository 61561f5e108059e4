#if canImport(Glibc)
import Glibc
#endif

/// Serialises `JSONValue` trees, compact (one line, for JSON Lines and `--json`) or indented.
public enum JSONWriter {
    /// Compact JSON on one line, keys in their stored order.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON (two spaces a level), for people.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "  ", level: 0)
        return out
    }

    /// Appends `text` as a quoted JSON string: quotes, backslashes and every control character escaped.
    /// Runs that need no escape are found by the C library's `strcspn` and copied whole: payloads
    /// can hold strings of hundreds of megabytes, and a step per byte is slow (in debug builds above all).
    public static func appendQuoted(_ text: String, into out: inout String) {
        out.append("\"")
        let count = text.utf8.count
        text.withCString { start in
            start.withMemoryRebound(to: UInt8.self, capacity: count + 1) { bytes in
                var offset = 0
                while offset < count {
                    // NUL ends the C string and is escaped itself, so it need not be in the set.
                    // Short strings (most keys and values) are scanned here: strcspn sets up a table per call.
                    let run = count - offset < 64 ? plainRun(bytes + offset, count - offset) : strcspn(start + offset, escapedBytes)
                    if run > 0 {
                        out.append(String(decoding: UnsafeBufferPointer(start: bytes + offset, count: run), as: UTF8.self))
                        offset += run
                    }
                    guard offset < count else { break }
                    out.append(escape(bytes[offset]))
                    offset += 1
                }
            }
        }
        out.append("\"")
    }

    /// Every byte `appendQuoted` escapes but NUL, as a C string for `strcspn`.
    private static let escapedBytes: [CChar] = (Array(1..<0x20) + [0x22, 0x5C, 0x7F]).map { CChar(bitPattern: $0) } + [0]

    /// How many bytes from `bytes` on need no escape, at most `count`.
    private static func plainRun(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var run = 0
        while run < count {
            let byte = bytes[run]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { break }
            run += 1
        }
        return run
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default: return "\\u" + hex4(UInt32(byte))
        }
    }

    public static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, into: &out)
        return out
    }

    // MARK: - Private

    private static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .decimal(let d): out.append(d.description)
        case .string(let s): appendQuoted(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append("[]"); return }
            out.append("[")
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(",") }
                newline(&out, indent: indent, level: level + 1)
                write(element, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (i, (key, member)) in members.enumerated() {
                if i > 0 { out.append(",") }
                newline(&out, indent: indent, level: level + 1)
                appendQuoted(key, into: &out)
                out.append(indent == nil ? ":" : ": ")
                write(member, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append("}")
        }
    }

    private static func newline(_ out: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        out.append("\n")
        for _ in 0..<level { out.append(indent) }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
