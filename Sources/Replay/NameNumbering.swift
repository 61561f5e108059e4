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
/// collide.
///
/// Memory is what sets the peak on a log of millions of streams (2.2M in 10M generated events),
/// so a name costs its `String` and two 4-byte slots, nothing more: the names sit in one list by
/// number, cut in segments of 65,536 so that growing it never copies more than one segment, and
/// the slots (a name's number, or -1) are split in 64 parts by hash, so that a part's doubling
/// copies only its own slots. A slot keeps no hash: names are compared on a probe (at most half
/// the slots are used, so a probe rarely meets another name), and a part that grows hashes its
/// names again.
struct NameNumbering {
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    private static let segmentBits = 16
    private static let partCount = 64

    private var parts = [[Int32]](repeating: [Int32](repeating: -1, count: 16), count: partCount)
    private var namesInPart = [Int](repeating: 0, count: partCount)
    private var segments: [[String]] = []
    private(set) var count: Int32 = 0

    /// The name's number, given the next one if it was not seen before.
    mutating func number(for name: String) -> Int32 {
        let hash = Self.hash(name)
        let part = Int(hash % UInt64(Self.partCount))
        let mask = parts[part].count - 1
        var slot = Int(truncatingIfNeeded: hash >> 6) & mask
        while true {
            let number = parts[part][slot]
            if number < 0 { break }
            if self.name(number) == name { return number }
            slot = (slot + 1) & mask
        }
        let number = count
        parts[part][slot] = number
        if segments.last.map({ $0.count == 1 << Self.segmentBits }) ?? true { segments.append([]) }
        segments[segments.count - 1].append(name)
        count += 1
        namesInPart[part] += 1
        if namesInPart[part] * 2 > parts[part].count { grow(part) }
        return number
    }

    private func name(_ number: Int32) -> String {
        segments[Int(number) >> Self.segmentBits][Int(number) & ((1 << Self.segmentBits) - 1)]
    }

    private mutating func grow(_ part: Int) {
        var slots = [Int32](repeating: -1, count: parts[part].count * 2)
        let mask = slots.count - 1
        for number in parts[part] where number >= 0 {
            var slot = Int(truncatingIfNeeded: Self.hash(name(number)) >> 6) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = number
        }
        parts[part] = slots
    }

    private static func hash(_ name: String) -> UInt64 {
        name.utf8.withContiguousStorageIfAvailable { $0.wordHash(seed) } ?? hashOfCopy(name)
    }

    /// A string whose UTF-8 is not stored contiguously (bridged): hashed from a native copy.
    private static func hashOfCopy(_ name: String) -> UInt64 {
        var copy = name
        return copy.withUTF8 { $0.wordHash(seed) }
    }
}
