#if canImport(Glibc)
import Glibc
#endif

/// Reuses the `String` made for a repeated short text (event types, stream types): a log has a
/// handful of them, and making a new string for every row means validating the same bytes
/// millions of times.
struct StringInterner {
    static let capacity = 64
    private var entries: [(bytes: [UInt8], string: String)] = []

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) { return entry.string }
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if entries.count < Self.capacity { entries.append((Array(bytes), string)) }
        return string
    }
}
