import EventModel

/// Counts events, and streams begun, per (event type, stream type) pair, from the names' bytes:
/// the summary scan sees millions of rows but few distinct pairs, and one lookup per row of the
/// pair costs less than one per name. Per-type and per-stream-type totals are summed at the end.
///
/// By hand rather than a dictionary of `String`s: no string is made per row, the names' bytes
/// sit back to back in one array, and the hash reads them eight bytes at a time. Its seed is
/// random per process, so a hostile store cannot prepare names that all collide.
struct NamePairCounter {
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    /// Each slot: the entry's index + 1 (0: empty).
    private var slots = [Int32](repeating: 0, count: 64)
    private var entries: [Entry] = []
    /// Every pair's type then stream type, back to back.
    private var names: [UInt8] = []

    struct Entry {
        let hash: UInt64
        let start: Int
        let typeCount: Int
        let streamTypeCount: Int
        var events: Int
        var streams: Int
    }

    mutating func add(type: UnsafeBufferPointer<UInt8>, streamType: UnsafeBufferPointer<UInt8>, events: Int = 1, streams: Int) {
        let hash = streamType.wordHash(type.wordHash(Self.seed))
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if entries[index].hash == hash, matches(entries[index], type, streamType) {
                entries[index].events += events
                entries[index].streams += streams
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count + 1)
        entries.append(Entry(hash: hash, start: names.count, typeCount: type.count, streamTypeCount: streamType.count,
                             events: events, streams: streams))
        names.append(contentsOf: type)
        names.append(contentsOf: streamType)
        if entries.count * 2 > slots.count { grow() }
    }

    mutating func merge(_ other: NamePairCounter) {
        other.names.withUnsafeBufferPointer { all in
            for entry in other.entries {
                add(type: Self.type(of: entry, in: all), streamType: Self.streamType(of: entry, in: all),
                    events: entry.events, streams: entry.streams)
            }
        }
    }

    /// Events per type, and (events, streams) per stream type, by name.
    func totals() -> (types: [String: Int], streamTypes: [String: (events: Int, streams: Int)]) {
        var types: [String: Int] = [:]
        var streamTypes: [String: (events: Int, streams: Int)] = [:]
        names.withUnsafeBufferPointer { all in
            for entry in entries {
                types[String(decoding: Self.type(of: entry, in: all), as: UTF8.self), default: 0] += entry.events
                let streamType = String(decoding: Self.streamType(of: entry, in: all), as: UTF8.self)
                let sums = streamTypes[streamType] ?? (0, 0)
                streamTypes[streamType] = (sums.events + entry.events, sums.streams + entry.streams)
            }
        }
        return (types, streamTypes)
    }

    private func matches(_ entry: Entry, _ type: UnsafeBufferPointer<UInt8>, _ streamType: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.typeCount == type.count, entry.streamTypeCount == streamType.count else { return false }
        return names.withUnsafeBufferPointer { all in
            Self.type(of: entry, in: all).hasSameBytes(as: type) && Self.streamType(of: entry, in: all).hasSameBytes(as: streamType)
        }
    }

    private static func type(of entry: Entry, in names: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: names[entry.start..<(entry.start + entry.typeCount)])
    }

    private static func streamType(of entry: Entry, in names: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = entry.start + entry.typeCount
        return UnsafeBufferPointer(rebasing: names[start..<(start + entry.streamTypeCount)])
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash >> 7) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
