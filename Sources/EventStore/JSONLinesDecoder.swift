import EventModel

/// Completes the events of consecutive lines, deriving what a line leaves out: the position from
/// the previous event's, the version from the stream's previous event.
/// A plain value, so a reader can keep it to resume after the last line it read.
///
/// The last version of each stream is a lookup per event in a table as large as the streams, the
/// costliest work of the one thread that completes events in order (a fifth of it on a log of
/// 100k streams in random order). While every line gives its version and the reader does not ask
/// for each stream's previous one, no table is kept; the first line that leaves its version out
/// has the reader build it from the records before (`complete`'s `versionsBefore`).
struct JSONLinesDecoder: Sendable {
    private(set) var lastPosition: Int64 = 0
    /// Whether every position so far was above the one before (what resuming from an offset needs).
    private(set) var positionsIncrease = true
    /// The records completed so far, in line order.
    private(set) var recordCount = 0
    /// The last version seen in each stream, for deriving versions and checking their sequence;
    /// nil while no line needed it.
    private var streamVersions: StreamVersionTable?

    /// Completes the next record's event in place and returns its stream's version before it (0
    /// for its first), or nil when `wantsPrevious` is false and the line gave its version, so the
    /// previous one was not looked up. When a version must be derived (or `wantsPrevious`) and
    /// no table is kept yet, `versionsBefore(n)` gives the table of the first `n` records (each
    /// gave its version: a line without one would have started the table).
    mutating func complete(_ record: inout JSONLinesRecord, details: Bool, wantsPrevious: Bool,
                           versionsBefore: (Int) throws -> StreamVersionTable) rethrows -> Int64? {
        let position = record.hasPosition ? record.event.position : lastPosition &+ 1
        if recordCount > 0, position <= lastPosition { positionsIncrease = false }
        recordCount += 1
        lastPosition = position
        record.event.position = position
        if details, !record.hasID {
            record.event.id = "line-\(position)"
            record.idHash = JSONLinesLineParser.hash(record.event.id)
        }
        let given = record.hasVersion ? record.event.version : nil
        if streamVersions == nil {
            guard given == nil || wantsPrevious else { return nil }
            streamVersions = recordCount == 1 ? StreamVersionTable() : try versionsBefore(recordCount - 1)
        }
        let previous = streamVersions!.exchange(record.event.stream, hash: record.streamHash) { given ?? $0 &+ 1 }
        record.event.version = given ?? previous &+ 1
        return previous
    }
}

/// The last version of each stream. Found by a hash that the threads parsing lines computed, so
/// the one thread that completes events in order does not hash stream ids itself.
struct StreamVersionTable: Sendable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var entries: [(hash: UInt64, stream: String, version: Int64)] = []

    /// Notes a record's stream and version.
    mutating func note(_ record: JSONLinesRecord) {
        _ = exchange(record.event.stream, hash: record.streamHash) { _ in record.event.version }
    }

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
