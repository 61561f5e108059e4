import EventModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts occurrences of short byte strings (event types, stream types) without creating a
/// `String` per row: the summary scan sees millions of rows but only a handful of distinct keys.
struct ByteKeyCounter {
    private var keys: [[UInt8]?]
    private var counts: [Int]
    private var hashes: [UInt64]
    private(set) var distinctCount = 0

    init(capacity: Int = 64) {
        keys = Array(repeating: nil, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, count: Int = 1) {
        let hash = bytes.fnv1aHash
        var slot = Int(truncatingIfNeeded: hash) & (keys.count - 1)
        while let key = keys[slot] {
            if hashes[slot] == hash, key.count == bytes.count, key.withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) {
                counts[slot] += count
                return
            }
            slot = (slot + 1) & (keys.count - 1)
        }
        keys[slot] = Array(bytes)
        hashes[slot] = hash
        counts[slot] = count
        distinctCount += 1
        if distinctCount * 2 > keys.count { grow() }
    }

    mutating func add(_ text: String, count: Int = 1) {
        var copy = text
        copy.withUTF8 { add($0, count: count) }
    }

    mutating func merge(_ other: ByteKeyCounter) {
        for (key, count) in other.entries {
            key.withUnsafeBufferPointer { add($0, count: count) }
        }
    }

    /// The keys with their counts, in no particular order.
    var entries: [(key: [UInt8], count: Int)] {
        zip(keys, counts).compactMap { key, count in key.map { ($0, count) } }
    }

    /// The counts by key as text, most frequent first, then by name.
    func sortedByCount() -> [(name: String, count: Int)] {
        entries.map { (String(decoding: $0.key, as: UTF8.self), $0.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    func count(of text: String) -> Int {
        let bytes = Array(text.utf8)
        return entries.first { $0.key == bytes }?.count ?? 0
    }

    private mutating func grow() {
        let old = entries
        keys = Array(repeating: nil, count: keys.count * 2)
        counts = Array(repeating: 0, count: keys.count)
        hashes = Array(repeating: 0, count: keys.count)
        distinctCount = 0
        for (key, count) in old { key.withUnsafeBufferPointer { add($0, count: count) } }
    }

}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Byte-wise equality through memcmp: the generic `elementsEqual` is far slower in hot loops.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let a = baseAddress, let b = other.baseAddress else { return true }
        return memcmp(a, b, count) == 0
    }

    /// FNV-1a, 64-bit: keys and names are short, so a simple byte loop is fastest.
    var fnv1aHash: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in self { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }
}
