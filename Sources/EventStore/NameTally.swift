import EventModel

/// Counts events, and streams begun, per name (an event type, or a stream type), from the names'
/// bytes: the summary scan sees millions of rows and makes no string per row.
///
/// One tally per kind of name rather than one per (type, stream type) pair: a store with a
/// stream type per stream (a process log's case ids) has hundreds of thousands of pairs but only
/// dozens of types, and a table of pairs that size spends the pass missing the cache.
///
/// By hand rather than a dictionary of `String`s: the names' bytes sit back to back in one array,
/// and the hash reads them eight bytes at a time. Its seed is random per process, so a hostile
/// store cannot prepare names that all collide.
struct NameTally {
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    /// Each slot: the entry's index + 1 (0: empty).
    private var slots = [Int32](repeating: 0, count: 64)
    private var entries: [Entry] = []
    /// Every name's bytes, back to back.
    private var names: [UInt8] = []

    struct Entry {
        let hash: UInt64
        let start: Int
        let count: Int
        var events: Int
        var streams: Int
    }

    mutating func add(_ name: UnsafeBufferPointer<UInt8>, events: Int = 1, streams: Int) {
        let hash = name.wordHash(Self.seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if entries[index].hash == hash, matches(entries[index], name) {
                entries[index].events += events
                entries[index].streams += streams
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count + 1)
        entries.append(Entry(hash: hash, start: names.count, count: name.count, events: events, streams: streams))
        names.append(contentsOf: name)
        if entries.count * 2 > slots.count { grow() }
    }

    mutating func merge(_ other: NameTally) {
        other.names.withUnsafeBufferPointer { all in
            for entry in other.entries {
                add(Self.name(of: entry, in: all), events: entry.events, streams: entry.streams)
            }
        }
    }

    /// Every name with its events and streams, in the order first seen.
    func counts() -> [(name: String, events: Int, streams: Int)] {
        names.withUnsafeBufferPointer { all in
            entries.map { (String(decoding: Self.name(of: $0, in: all), as: UTF8.self), $0.events, $0.streams) }
        }
    }

    private func matches(_ entry: Entry, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.count == name.count else { return false }
        return names.withUnsafeBufferPointer { Self.name(of: entry, in: $0).hasSameBytes(as: name) }
    }

    private static func name(of entry: Entry, in names: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: names[entry.start..<(entry.start + entry.count)])
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
