import EventModel
import GRDB

/// What the explorer asks for its first frame and for windows behind the cursor, answered from
/// the primary key's b-tree (no scan).
extension SQLiteSource {
    /// min and max come from the b-tree's edges; the count is the span, an estimate until the
    /// explorer's index has counted the events (positions may have gaps).
    public func bounds() throws -> LogBounds? {
        try read { db in
            guard let first = try Int64.fetchOne(db, sql: "SELECT min(position) FROM events"),
                  let last = try Int64.fetchOne(db, sql: "SELECT max(position) FROM events") else { return nil }
            let span = last.subtractingReportingOverflow(first)
            let count = span.overflow ? Int.max : Int(clamping: span.partialValue.addingReportingOverflow(1).partialValue)
            return LogBounds(first: first, last: last, count: max(1, count), countIsExact: first == last)
        }
    }

    public func readEvents(before position: Int64, limit: Int, _ body: (Event) throws -> Bool) throws {
        guard limit > 0 else { return }
        let sql = "SELECT \(schema.eventColumns()) FROM events WHERE position < ? ORDER BY position DESC LIMIT \(limit)"
        let events: [Event] = try read { db in
            var names = StringInterner()
            var events: [Event] = []
            try db.forEachRawRow(sql, arguments: [position]) { row in
                events.append(row.event(names: &names))
                return true
            }
            return events
        }
        for event in events.reversed() {
            if try !body(event) { return }
        }
    }
}
