import EventModel

#if canImport(Glibc)
import Glibc
#endif

/// Reuses the `String` made for a repeated short text (event types, stream types): making a new
/// string for every row means validating and allocating the same bytes millions of times.
///
/// Most logs have a handful of such texts, some have tens of thousands (a stream type per case):
/// texts are found by hash, so the cost per row does not grow with their number, and their bytes
/// sit in one array, so a lookup touches few cache lines. Texts longer than `longestText` and
/// texts beyond `capacity` are not kept (ids are not worth interning), nor texts that fit in a
/// `String` without an allocation (`smallestKept`): making one costs less than finding it.
struct StringInterner {
    static let capacity = 1 << 16
    /// Random per process, so that a hostile store cannot prepare texts that all collide.
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    static let longestText = 128
    /// A 64-bit `String` holds up to 15 UTF-8 bytes in itself.
    static let smallestKept = 16
    /// Each slot: the entry's index + 1 (0: empty).
    private var slots = [Int32](repeating: 0, count: 256)
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []

    private struct Entry {
        let hash: UInt64
        let start: Int32
        let count: Int32
        let string: String
    }

    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard (Self.smallestKept...Self.longestText).contains(text.count) else { return String(decoding: text, as: UTF8.self) }
        let hash = text.wordHash(Self.seed)
        let mask = slots.count - 1
        var slot = Self.slot(hash, mask)
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if entries[index].hash == hash, Int(entries[index].count) == text.count, matches(entries[index], text) {
                return entries[index].string
            }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: text, as: UTF8.self)
        guard entries.count < Self.capacity else { return string }
        slots[slot] = Int32(entries.count + 1)
        entries.append(Entry(hash: hash, start: Int32(bytes.count), count: Int32(text.count), string: string))
        bytes.append(contentsOf: text)
        if entries.count * 2 > slots.count { grow() }
        return string
    }

    private func matches(_ entry: Entry, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            UnsafeBufferPointer(rebasing: all[Int(entry.start)..<Int(entry.start + entry.count)]).hasSameBytes(as: text)
        }
    }

    private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash) & mask
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Self.slot(entry.hash, mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
