/// Numbers stream ids 0, 1, 2… in order of first appearance, so that per-stream facts of the
/// projections (aggregate groups, counted streams) are array lookups.
///
/// By hand rather than a `[String: Int32]`: the projection engine looks up the stream of every
/// event, and a dictionary hashes a `String` through its Unicode-normalised form (measured at
/// about 400 instructions a lookup, 1,000 an insertion, on 50,000 events); this hashes the UTF-8
/// bytes once. The hash is FNV-1a from a per-process random basis, so that a hostile store cannot
/// prepare ids that all collide. Streams are split in 64 tables by hash: with millions of streams
/// a table's growth copies only its own part (one big table's doubling would set the peak memory).
struct StreamNumbering {
    private static let basis: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    private var tables = [Table](repeating: Table(), count: 64)
    private(set) var count: Int32 = 0

    /// The stream's number, given the next one if it was not seen before.
    mutating func number(for stream: String) -> Int32 {
        var text = stream
        var hash = Self.basis
        text.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        hash ^= hash >> 29  // FNV's low bits are weak: mix the high ones in before masking
        let number = tables[Int(hash & 63)].number(for: stream, hash: hash >> 6, next: count)
        if number == count { count += 1 }
        return number
    }

    /// An open-addressing table of one part of the streams.
    private struct Table {
        var slots = [Int32](repeating: -1, count: 16)
        var hashes: [UInt64] = []
        var streams: [String] = []
        var numbers: [Int32] = []

        mutating func number(for stream: String, hash: UInt64, next: Int32) -> Int32 {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let entry = Int(slots[slot])
                if hashes[entry] == hash, streams[entry] == stream { return numbers[entry] }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(streams.count)
            hashes.append(hash)
            streams.append(stream)
            numbers.append(next)
            if streams.count * 2 > slots.count { grow() }
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
