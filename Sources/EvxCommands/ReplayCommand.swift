import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx replay STORE --stream S`: an aggregate's state as of a version, a position or a time.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a stream: its state after a version, at a global position or at a time.",
        discussion: """
            Without --at-*, the state after the stream's last event. Events are applied with the rules file \
            (see --rules); operations that cannot apply are printed as warnings on stderr. \
            --json prints {"stream", "type", "version", "position", "time", "state", "warnings": [{"position", \
            "version", "time", "type", "message"}]}, each warning naming the event it comes from.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(help: "The stream (aggregate id), e.g. order-42.")
    var stream: String

    @Option(name: .customLong("at-version"), parsing: .signedNumber, help: ArgumentHelp("The state after this version of the stream.", valueName: "version"))
    var version: Int64?

    @Option(name: .customLong("at-position"), parsing: .signedNumber, help: ArgumentHelp("The state as of this global position.", valueName: "position"))
    var position: Int64?

    @Option(name: .customLong("at-time"), help: ArgumentHelp("The state as of this time (ISO-8601 or a date).", valueName: "time"))
    var time: String?

    @Flag(help: "Start from the store's nearest snapshot instead of the first event.")
    var useSnapshots = false

    func validate() throws {
        if [version != nil, position != nil, time != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --at-version, --at-position, --at-time")
        }
    }

    func run() throws {
        let rules = try rulesArguments.load(forStore: arguments.store)
        let source = try arguments.openSource()
        let events = try arguments.events(of: stream, in: source, empty: [
            "stream": .string(stream), "type": .null, "version": 0, "position": .null, "time": .null, "state": .null, "warnings": [],
        ])
        let (target, replayedEvents, timeWalk) = try moment(events)
        let history = try StreamHistory.history(replayedEvents, rules: rules, source: source,
                                                snapshotAtOrBefore: useSnapshots && timeWalk?.isPrefix != false ? target : nil)
        let note = timeWalk?.outOfOrderNote(walking: "the stream")
        let leftOut = timeWalk?.firstLeftOutPosition.flatMap { first in events.first { $0.position == first } }
        let count = history.count(throughVersion: target)
        StreamHistory.reportWarnings(history, through: count)
        let replayed = history.state(after: count)
        let typeName = rules.aggregate(stream: stream, streamType: events[0].streamType)?.name ?? events[0].streamType
        var out = StandardOutput()
        let last = replayed.event ?? events.last { $0.version <= target }
        if arguments.json {
            var warnings: [JSONValue] = zip(history.events, history.warnings).prefix(count).flatMap { event, messages in
                messages.map { .object(pairs: EventReference.pairs(event) + [("message", .string($0))]) }
            }
            // A time-order note names the first event it leaves out.
            if let note, let leftOut { warnings.append(.object(pairs: EventReference.pairs(leftOut) + [("message", .string(note))])) }
            out.line(JSONWriter.compact([
                "stream": .string(stream), "type": .string(typeName),
                "version": .int(last?.version ?? 0),
                "position": last.map { .int($0.position) } ?? .null,
                "time": last.map { .string($0.time?.iso8601 ?? $0.recordedAt) } ?? .null,
                "state": replayed.state,
                "warnings": .array(warnings),
            ]))
        } else {
            let header = last.map { event in
                "\(SafeText.escaped(stream)) (\(SafeText.escaped(typeName))) at version \(event.version) of \(events.last?.version ?? 0)"
                    + " · position \(event.position) · \(event.time?.iso8601 ?? event.recordedAt) · \(SafeText.escaped(event.type))"
            } ?? "\(SafeText.escaped(stream)) (\(SafeText.escaped(typeName))) before its first event"
            out.line(header)
            if let note { out.line("note: \(note)") }
            out.lines(JSONWriter.pretty(replayed.state))
        }
        out.flush()
    }

    /// The last version the requested moment includes, and the events to replay: all of the
    /// stream's, except as of a time when the stream is not in time order (then only those
    /// recorded at or before it, which the walk describes).
    private func moment(_ events: [Event]) throws -> (version: Int64, events: [Event], walk: TimeCut.Walk?) {
        if let version {
            let last = events.last?.version ?? 0
            guard (0...last).contains(version) else { throw UsageError("--at-version: \(stream) has versions 0 (before its first event) to \(last)") }
            return (version, events, nil)
        }
        if let position { return (events.last { $0.position <= position }?.version ?? 0, events, nil) }
        if let time {
            var walk = TimeCut.Walk(TimeCut(try TimeArgument.parse(time, option: "--at-time")))
            let included = events.filter { walk.add($0) }
            return (included.last?.version ?? 0, walk.isPrefix ? events : included, walk)
        }
        return (events.last?.version ?? 0, events, nil)
    }
}
