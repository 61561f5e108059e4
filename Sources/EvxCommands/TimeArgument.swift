import TUICore
import EventModel
import EventStore

/// Reads a time given on the command line: an ISO-8601 time (`2026-01-05T08:00:00Z`, zone
/// optional, UTC assumed) or a date (`2026-01-05`, midnight UTC).
enum TimeArgument {
    static func parse(_ text: String, option: String) throws -> EventTime {
        guard let time = EventTime(iso8601: text) else {
            throw UsageError("\(option): cannot read '\(SafeText.escaped(text))' as a time (use 2026-01-05T08:00:00Z or 2026-01-05)")
        }
        return time
    }
}
