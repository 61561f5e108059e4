import EventModel

/// Completes the events of consecutive lines, deriving what a line leaves out: the position from
/// the previous event's, the version from the stream's previous event.
/// A plain value, so a reader can keep it to resume after the last line it read.
struct JSONLinesDecoder: Sendable {
    private(set) var lastPosition: Int64 = 0
    /// Whether every position so far was above the one before (what resuming from an offset needs).
    private(set) var positionsIncrease = true
    private var hasEvents = false
    /// The last version seen in each stream, for deriving versions and checking their sequence.
    private var streamVersions = StreamVersionTable()

    /// Completes the next line's event in place; returns the stream's version before it (0 for its first).
    mutating func complete(_ record: inout JSONLinesRecord, details: Bool) -> Int64 {
        let position = record.hasPosition ? record.event.position : lastPosition &+ 1
        if hasEvents, position <= lastPosition { positionsIncrease = false }
        hasEvents = true
        lastPosition = position
        record.event.position = position
        if details, !record.hasID {
            record.event.id = "line-\(position)"
            record.idHash = record.event.id.utf8.withContiguousStorageIfAvailable { $0.fnv1aHash } ?? 0
        }
        let given = record.hasVersion ? record.event.version : nil
        let previous = streamVersions.exchange(record.event.stream, hash: record.streamHash) { given ?? $0 &+ 1 }
        record.event.version = given ?? previous &+ 1
        return previous
    }
}

/// The last version of each stream. Found by a hash that the threads parsing lines computed, so
/// the one thread that completes events in order does not hash stream ids itself.
struct StreamVersionTable: Sendable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var entries: [(hash: UInt64, stream: String, version: Int64)] = []

    /// Sets the stream's version to `next(previous)` and returns the previous one (0 for a new stream).
    mutating func exchange(_ stream: String, hash: UInt64, _ next: (Int64) -> Int64) -> Int64 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if entries[index].hash == hash, entries[index].stream == stream {
                let previous = entries[index].version
                entries[index].version = next(previous)
                return previous
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count)
        entries.append((hash, stream, next(0)))
        if entries.count * 2 > slots.count { grow() }
        return 0
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
