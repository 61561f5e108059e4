import EventModel

/// Numbers names (event types, stream types, stream ids) 0, 1, 2… in order of first appearance,
/// so that per-name facts of the projections are array lookups.
///
/// By hand rather than a `[String: Int32]`: the projection engine looks up the type, the stream
/// type and the stream of every event, and a dictionary hashes a `String` through its
/// Unicode-normalised form (measured at about 400 instructions a lookup, 1,000 an insertion);
/// this hashes the UTF-8 bytes eight at a time, and a found name is usually the very string
/// stored (sources reuse one string per type name), so comparing it costs nothing. The hash
/// starts from a per-process random seed, so that a hostile store cannot prepare names that all
/// collide. Names are split in 64 tables by hash: with millions of streams a table's growth
/// copies only its own part (one big table's doubling would set the peak memory).
struct NameNumbering {
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    private var tables = [Table](repeating: Table(), count: 64)
    private(set) var count: Int32 = 0

    /// The name's number, given the next one if it was not seen before.
    mutating func number(for name: String) -> Int32 {
        let hash = name.utf8.withContiguousStorageIfAvailable { $0.wordHash(Self.seed) } ?? Self.hashOfCopy(name)
        let number = tables[Int(hash & 63)].number(for: name, hash: hash >> 6, next: count)
        if number == count { count += 1 }
        return number
    }

    /// A string whose UTF-8 is not stored contiguously (bridged): hashed from a native copy.
    private static func hashOfCopy(_ name: String) -> UInt64 {
        var copy = name
        return copy.withUTF8 { $0.wordHash(seed) }
    }

    /// An open-addressing table of one part of the names.
    private struct Table {
        var slots = [Int32](repeating: -1, count: 16)
        var hashes: [UInt64] = []
        var names: [String] = []
        var numbers: [Int32] = []

        mutating func number(for name: String, hash: UInt64, next: Int32) -> Int32 {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let entry = Int(slots[slot])
                if hashes[entry] == hash, names[entry] == name { return numbers[entry] }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(names.count)
            hashes.append(hash)
            names.append(name)
            numbers.append(next)
            if names.count * 2 > slots.count { grow() }
            return next
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (entry, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(entry)
            }
        }
    }
}
