import EventModel

/// The native format's outbox and `processed_events` held in memory as sorted times, so the outbox
/// and consumers as of any moment take a few binary searches instead of a scan of both tables.
///
/// The format has no index on those tables' times and evx creates none, so answering by SQL scans
/// every row on every cursor move (about 2 s at 1M events). This index is read once (one pass per
/// table) and then kept up to date from what changed: rows after the last id (rowid) read, and the
/// rows not yet published read again by id. It counts exactly what the SQL definitions count
/// (docs/store-format.md): times are compared as instants, and a row published "before" it was
/// created counts as published when it was created.
struct DeliveryIndex: Sendable {
    /// One outbox row as read.
    struct OutboxRow: Sendable {
        var id: Int64
        var destination: String
        var created: Int64
        var published: Int64?
        var attempts: Int64
        var failing: Bool
    }

    private struct PublishedRow: Sendable {
        var published: Int64
        var created: Int64
    }

    /// One destination's rows. Rows read are added to the tails and sorted in once per refresh.
    private struct Destination: Sendable {
        var name: String
        var created = SortedTimes()
        /// Published rows, ascending by publication time.
        var published: [PublishedRow] = []
        /// `earliestCreated[b]`: the earliest creation among `published[b * blockSize...]`, so the oldest
        /// row pending at a time is found by a search, a block's scan and one look-up.
        var earliestCreated: [Int64] = []
        /// Publication times of the rows that took more than one attempt.
        var redelivered = SortedTimes()
        var publishedTail: [PublishedRow] = []

        static let blockSize = 64

        /// Sorts the tails in; the block minima are updated from the first block that changed.
        mutating func settle() {
            created.settle()
            redelivered.settle()
            guard !publishedTail.isEmpty else { return }
            publishedTail.sort { $0.published < $1.published }
            let start = published.mergeSorted(publishedTail) { $0.published }
            publishedTail = []
            let blocks = (published.count + Self.blockSize - 1) / Self.blockSize
            earliestCreated.append(contentsOf: repeatElement(Int64.max, count: blocks - earliestCreated.count))
            var earliest = Int64.max
            for block in stride(from: blocks - 1, through: 0, by: -1) {
                let rows = published[block * Self.blockSize..<min(published.count, (block + 1) * Self.blockSize)]
                earliest = min(earliest, rows.reduce(Int64.max) { min($0, $1.created) })
                if block < start / Self.blockSize, earliestCreated[block] == earliest { break }
                earliestCreated[block] = earliest
            }
        }

        /// The earliest creation among the rows published after `index` - 1.
        func earliestCreated(from index: Int) -> Int64 {
            guard index < published.count else { return .max }
            let blockEnd = (index / Self.blockSize + 1) * Self.blockSize
            let inBlock = published[index..<min(blockEnd, published.count)].reduce(Int64.max) { min($0, $1.created) }
            let after = blockEnd / Self.blockSize < earliestCreated.count ? earliestCreated[blockEnd / Self.blockSize] : .max
            return min(inBlock, after)
        }
    }

    /// A row not published yet (or not readable as published), read again on each refresh.
    private struct OpenRow: Sendable {
        var destination: Int
        var created: Int64
        var failing: Bool
    }

    private var destinations: [Destination] = []
    private var destinationNumbers: [String: Int] = [:]
    private var open: [Int64: OpenRow] = [:]
    /// Rows whose last attempt failed and that were published since: failing until then.
    private var failedThenPublished: [(destination: Int, created: Int64, published: Int64)] = []
    private var consumers: [String: SortedTimes] = [:]
    /// The last outbox id and `processed_events` rowid read: later rows are new.
    private(set) var lastOutboxID = Int64.min
    private(set) var lastProcessedRowID = Int64.min

    /// The ids of the rows to read again for news of their publication.
    var openRowIDs: [Int64] { Array(open.keys) }

    /// Takes rows after the last id read (`new`) or new versions of open rows; `settle()` makes them count.
    mutating func add(_ rows: [OutboxRow], new: Bool) {
        for row in rows {
            lastOutboxID = max(lastOutboxID, row.id)
            let number: Int
            if !new, let known = open.removeValue(forKey: row.id) {
                number = known.destination
            } else {
                number = self.number(of: row.destination)
                destinations[number].created.add(row.created)
            }
            guard let publishedAt = row.published else {
                open[row.id] = OpenRow(destination: number, created: row.created, failing: row.failing)
                continue
            }
            let effective = max(publishedAt, row.created)
            destinations[number].publishedTail.append(PublishedRow(published: effective, created: row.created))
            if row.attempts > 1 { destinations[number].redelivered.add(effective) }
            if row.failing { failedThenPublished.append((number, row.created, effective)) }
        }
    }

    mutating func settle() {
        for number in destinations.indices { destinations[number].settle() }
        for consumer in consumers.keys { consumers[consumer]?.settle() }
    }

    /// Takes a new `processed_events` row; `settle()` makes it count.
    mutating func addProcessed(rowID: Int64, consumer: String, at time: Int64) {
        lastProcessedRowID = max(lastProcessedRowID, rowID)
        consumers[consumer, default: SortedTimes()].add(time)
    }

    private mutating func number(of destination: String) -> Int {
        if let number = destinationNumbers[destination] { return number }
        destinations.append(Destination(name: destination))
        destinationNumbers[destination] = destinations.count - 1
        return destinations.count - 1
    }

    // MARK: - As of a moment

    func outboxStatus(asOf time: EventTime) -> OutboxStatus {
        let t = time.microseconds
        var failing = [Int](repeating: 0, count: destinations.count)
        var oldestOpen = [Int64](repeating: .max, count: destinations.count)
        for row in open.values where row.created <= t {
            if row.failing { failing[row.destination] += 1 }
            oldestOpen[row.destination] = min(oldestOpen[row.destination], row.created)
        }
        for row in failedThenPublished where row.created <= t && row.published > t { failing[row.destination] += 1 }
        var result: [OutboxStatus.Destination] = []
        for (number, destination) in destinations.enumerated() {
            let total = destination.created.count(atOrBefore: t)
            guard total > 0 else { continue }
            let published = destination.published.upperBound(of: t) { $0.published }
            let oldest = min(destination.earliestCreated(from: published), oldestOpen[number])
            result.append(OutboxStatus.Destination(
                name: destination.name, total: total, published: published, pending: total - published,
                failing: failing[number], redelivered: destination.redelivered.count(atOrBefore: t),
                oldestPending: oldest <= t ? EventTime(microseconds: oldest) : nil))
        }
        result.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return OutboxStatus(asOf: time, destinations: result, pendingHistory: pendingHistory(until: t, buckets: 24))
    }

    /// Pending rows at the end of each slice of the hour before `time`.
    private func pendingHistory(until time: Int64, buckets: Int) -> [Int] {
        let window = OutboxStatus.historyWindowMicroseconds
        return (1...buckets).map { bucket in
            let end = time - window + window * Int64(bucket) / Int64(buckets)
            return destinations.reduce(0) { sum, destination in
                sum + destination.created.count(atOrBefore: end) - destination.published.upperBound(of: end) { $0.published }
            }
        }
    }

    func consumerStatuses(asOf time: EventTime) -> [ConsumerStatus] {
        consumers.compactMap { name, times -> ConsumerStatus? in
            guard let last = times.last(atOrBefore: time.microseconds) else { return nil }
            return ConsumerStatus(name: name, processed: times.count(atOrBefore: time.microseconds), lastProcessedAt: EventTime(microseconds: last))
        }
        .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
