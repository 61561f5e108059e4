import EventModel
import GRDB

/// What the explorer asks for its first frame and for windows behind the cursor, answered from
/// the position's index (no scan).
extension SQLiteSource {
    /// min and max come from the index's edges; the count is the span, an estimate until the
    /// explorer's index has counted the events (positions may have gaps).
    public func bounds() throws -> LogBounds? {
        try read { db in
            guard let first = try db.integer(queries.edgePosition(last: false)),
                  let last = try db.integer(queries.edgePosition(last: true)) else { return nil }
            let span = last.subtractingReportingOverflow(first)
            let count = span.overflow ? Int.max : Int(clamping: span.partialValue.addingReportingOverflow(1).partialValue)
            return LogBounds(first: first, last: last, count: max(1, count), countIsExact: first == last)
        }
    }

    public func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws {
        guard limit > 0 else { return }
        let statement = queries.events(.init(beforePosition: position, limit: limit))
        let events: [Event] = try read { db in
            var decoder = try Self.makeDecoder(db, relation: dialect.events, cipherKey: options.cipherKey,
                                               streamTypeLookup: queries.streamTypeLookup())
            var events: [Event] = []
            try db.forEachRawRow(statement) { row in
                events.append(decoder.event(row, checkingPayloads: true, includingDetails: true))
                return true
            }
            return events
        }
        for event in events.reversed() {
            if try !body(event) { return }
        }
    }
}
