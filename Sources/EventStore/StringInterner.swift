#if canImport(Glibc)
import Glibc
#endif

/// Reuses the `String` made for a repeated short text (event types, stream types): making a new
/// string for every row means validating and allocating the same bytes millions of times.
///
/// Most logs have a handful of such texts, some have tens of thousands (a stream type per case):
/// texts are found by hash, so the cost per row does not grow with their number. Texts longer
/// than `longestText` and texts beyond `capacity` are not kept (ids are not worth interning).
struct StringInterner {
    static let capacity = 1 << 16
    static let longestText = 128
    private var slots: [Int32]
    private var entries: [(hash: UInt64, bytes: [UInt8], string: String)] = []

    init() {
        slots = Array(repeating: -1, count: 256)
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= Self.longestText else { return String(decoding: bytes, as: UTF8.self) }
        let hash = bytes.fnv1aHash
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = entries[Int(slots[slot])]
            if entry.hash == hash, entry.bytes.withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) { return entry.string }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        guard entries.count < Self.capacity else { return string }
        slots[slot] = Int32(entries.count)
        entries.append((hash, Array(bytes), string))
        if entries.count * 2 > slots.count { grow() }
        return string
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
