import TUICore
import ArgumentParser
import EventModel
import EventStore

/// `evx events STORE`: the log in global order, filtered.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List events in global order, filtered by stream, type, position or time.",
        discussion: """
            With --json each event is one JSON object on its own line, with the canonical JSON Lines \
            field names, so the output is itself a JSON Lines store that evx can open. Events whose \
            payload is not valid JSON are still listed, with a warning on stderr (and a "problems" field in JSON).
            """)

    @OptionGroup var arguments: StoreArguments

    @Option(help: "Only events of this stream (aggregate id), e.g. order-42.")
    var stream: String?

    @Option(help: "Only events of this type, e.g. OrderShipped.")
    var type: String?

    @Option(parsing: .signedNumber, help: ArgumentHelp("Start at this global position.", valueName: "position"))
    var from: Int64?

    @Option(help: ArgumentHelp("Only events recorded at or after this time (2026-01-05T08:00:00Z or 2026-01-05).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only events recorded before this time.", valueName: "time"))
    var until: String?

    @Option(parsing: .signedNumber, help: "Stop after this many events.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let filter = EventFilter(
            stream: stream, type: type, fromPosition: from,
            since: try since.map { try TimeArgument.parse($0, option: "--since") },
            until: try until.map { try TimeArgument.parse($0, option: "--until") },
            limit: limit)
        let source = try arguments.openSource()
        var out = StandardOutput()
        var listed = 0
        try source.readEvents(filter) { event in
            listed += 1
            out.line(arguments.json ? EventLine.json(event) : EventLine.text(event))
            if !event.problems.isEmpty {
                out.flush()
                StandardOutput.warn("position \(event.position): " + event.problems.map(SafeText.escaped).joined(separator: "; "))
            }
            return true
        }
        out.flush()
        for warning in source.readWarnings { StandardOutput.warn(SafeText.escaped(warning)) }
        if listed == 0 { try explainNothingListed(source) }
    }

    /// A stream or type the store does not hold is "nothing found" (status 1, docs/cli.md), said
    /// on stderr; other filters that match nothing are an empty answer (status 0).
    private func explainNothingListed(_ source: EventSource) throws {
        if let stream, try !StreamHistory.holdsAny(EventFilter(stream: stream), in: source) {
            throw arguments.unknownStream(stream, empty: nil)
        }
        if let type, try !StreamHistory.holdsAny(EventFilter(type: type), in: source) {
            throw NothingFound(message: "\(arguments.displayName): no events of type '\(SafeText.escaped(type))'", json: nil)
        }
    }
}
