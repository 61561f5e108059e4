import TUICore
import Foundation
import EventModel
import EventStore
import JSON

/// Renders a `StoreSummary` for people (aligned text) and for scripts (one JSON object).
enum SummaryReport {
    static func json(_ s: StoreSummary) -> String {
        let object: JSONValue = [
            "path": .string(s.path),
            "kind": .string(s.kind.rawValue),
            "family": s.family.map { .string($0) } ?? .null,
            "events": .int(Int64(s.eventCount)),
            "counts_estimated": .bool(s.countsAreEstimates),
            "streams": .int(Int64(s.streamCount)),
            "first_position": s.firstPosition.map { .int($0) } ?? .null,
            "last_position": s.lastPosition.map { .int($0) } ?? .null,
            "first_time": s.firstTime.map { .string($0.iso8601) } ?? .null,
            "last_time": s.lastTime.map { .string($0.iso8601) } ?? .null,
            "event_types": .object(.init(uniqueKeysWithValues: s.eventTypes.map { ($0.name, .int(Int64($0.events))) })),
            "stream_types": .object(.init(uniqueKeysWithValues: s.streamTypes.map {
                ($0.name, ["streams": .int(Int64($0.streams)), "events": .int(Int64($0.events))] as JSONValue)
            })),
            "tables": .object(.init(uniqueKeysWithValues: s.tables.map { ($0.name, .int(Int64($0.rows))) })),
            "checkpoints": .array(s.checkpoints.map { lag in
                [
                    "name": .string(lag.checkpoint.projection), "position": .int(lag.checkpoint.position),
                    "events_behind": .int(Int64(lag.eventsBehind)),
                    "seconds_behind": lag.microsecondsBehind.map { .decimal(DecimalNumber(significand: Int128($0), exponent: -6)) } ?? .null,
                    "stalled": .bool(lag.stalled),
                    "updated_at": lag.checkpoint.updatedAt.map { .string($0.iso8601) } ?? .null,
                ]
            }),
            "warnings": .array(s.warnings.map { warning in
                [
                    "kind": .string(warning.kind.rawValue), "count": .int(Int64(warning.count)),
                    "message": .string(warning.message), "examples": .array(warning.examples.map { .string($0) }),
                ]
            }),
        ]
        return JSONWriter.compact(object)
    }

    static func text(_ s: StoreSummary) -> [String] {
        let format = s.kind.displayName
        var lines = ["\(SafeText.escaped(s.path))  (\(s.family.map { SafeText.escaped($0) + ", " } ?? "")\(format))"]
        // Estimated counts read "≈ 12,000,000" (docs/postgres.md: what is exact and what is not).
        let count = { (n: Int) in (s.countsAreEstimates ? "≈ " : "") + DisplayFormat.grouped(n) }
        var positions = ""
        if let first = s.firstPosition, let last = s.lastPosition { positions = "   positions \(DisplayFormat.grouped(Int(first))) – \(DisplayFormat.grouped(Int(last)))" }
        lines.append("  events   \(count(s.eventCount))\(positions)")
        lines.append("  streams  \(count(s.streamCount))")
        if let first = s.firstTime, let last = s.lastTime {
            lines.append("  time     \(first.iso8601) → \(last.iso8601)  (\(span(from: first, to: last)))")
        }
        lines.append("")
        lines.append("event types")
        lines += table(s.eventTypes.map { [$0.name, count($0.events)] }, header: nil)
        lines.append("")
        lines.append("stream types")
        // Streams with no stream type (ids without a `-`) are one group, shown by that name.
        lines += table(s.streamTypes.map { [$0.name.isEmpty ? "(no stream type)" : $0.name, count($0.streams), count($0.events)] },
                       header: ["", "streams", "events"])
        lines.append("")
        lines.append("tables")
        if s.kind == .sqlite || s.kind == .postgres {
            lines += table([["events", count(s.eventCount)]] + s.tables.map { [$0.name, DisplayFormat.grouped($0.rows)] }, header: nil)
        } else {
            lines.append("  (\(format) stores hold events only)")
        }
        if !s.checkpoints.isEmpty {
            lines.append("")
            lines.append("checkpoints (behind the last event)")
            lines += table(s.checkpoints.map {
                [$0.checkpoint.projection, "at " + DisplayFormat.grouped(Int($0.checkpoint.position)), behind($0)]
            }, header: nil)
        }
        lines.append("")
        lines.append("integrity")
        if s.countsAreEstimates {
            lines.append("  not checked: counts are estimated from a sample of a large table (evx info --exact counts and checks)")
            return lines
        }
        lines += s.warnings.isEmpty ? ["  no problems found"] : s.warnings.map { "  ! " + SafeText.escaped($0.message) }
        return lines
    }

    /// Left-aligned first column, right-aligned numbers; names are escaped (they come from the store).
    private static func table(_ rows: [[String]], header: [String]?) -> [String] {
        let all = (header.map { [$0] } ?? []) + rows.map { row in [SafeText.escaped(row[0])] + row.dropFirst() }
        guard let columns = all.first?.count else { return ["  (none)"] }
        let widths = (0..<columns).map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }

    /// `1,500 behind · 15s  STALLED`, or `up to date`.
    private static func behind(_ lag: CheckpointLag) -> String {
        guard lag.eventsBehind > 0 else { return "up to date" }
        return DisplayFormat.grouped(lag.eventsBehind) + " behind"
            + (lag.microsecondsBehind.map { " · " + DisplayFormat.duration(microseconds: $0) } ?? "")
            + (lag.stalled ? "  STALLED" : "")
    }

    static func span(from: EventTime, to: EventTime) -> String {
        DisplayFormat.duration(microseconds: to.microseconds - from.microseconds)
    }
}
