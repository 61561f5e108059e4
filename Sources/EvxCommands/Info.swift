import ArgumentParser
import EventModel
import EventStore

/// `evx info STORE`: what a store holds, and what is wrong with it.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a store: counts, time span, event and stream types, optional tables, integrity warnings.",
        discussion: """
            Integrity warnings: duplicate event ids, streams with duplicate or missing versions, events \
            recorded earlier than the event before them, unreadable times, invalid payloads (JSON Lines), \
            skipped lines (JSON Lines). The exit status is 0 even when warnings are found.
            """)

    @OptionGroup var arguments: StoreArguments

    @Flag(help: "Count every event and check integrity even on a large PostgreSQL table (reads the whole table; without it such a table's counts are estimates, marked ≈).")
    var exact = false

    func run() throws {
        let source = try arguments.openSource()
        let summary = try exact ? ((source as? EstimatingSource)?.exactSummary() ?? source.summary()) : source.summary()
        var out = StandardOutput()
        if arguments.json {
            out.line(SummaryReport.json(summary))
        } else {
            SummaryReport.text(summary).forEach { out.line($0) }
        }
        out.flush()
    }
}
