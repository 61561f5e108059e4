import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx project STORE`: the rules' projections as of a position or a time.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Compute projections over the log, as of a position or a time: the rules file's and the standard ones.",
        discussion: """
            Every store has events_per_type, events_per_stream_type and streams_per_stream_type; a rules file \
            adds its own (docs/rules.md). Without --at-*, over the whole log. --at-time includes the events recorded at or before that time, \
            in global order (in a log whose times go back and forth that is not a prefix of the log, and the \
            answer says so). --json prints {"position", "projections": {NAME: VALUE}, "warnings": [TEXT]}.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(name: .customLong("at-position"), parsing: .signedNumber, help: ArgumentHelp("Include events up to this global position.", valueName: "position"))
    var position: Int64?

    @Option(name: .customLong("at-time"), help: ArgumentHelp("Include events recorded up to this time.", valueName: "time"))
    var time: String?

    func validate() throws {
        if position != nil && time != nil { throw ValidationError("give at most one of --at-position, --at-time") }
    }

    func run() throws {
        let rules = try rulesArguments.load(forStore: arguments.store)
        let moment = try time.map { try TimeArgument.parse($0, option: "--at-time") }
        let source = try arguments.openSource()
        let engine = ProjectionEngine(rules: rules, checkpointBudget: 0)
        var walk = moment.map { TimeCut.Walk(TimeCut($0)) }
        let position = self.position  // read the option once, not per event
        try source.readEvents(ProjectionEngine.readFilter(rules)) { event in
            if let position, event.position > position { return false }
            if walk?.add(event) ?? true { engine.apply(event) }
            return true
        }
        let notes = [walk?.outOfOrderNote()].compactMap { $0 }
        for warning in source.readWarnings { StandardOutput.warn(SafeText.escaped(warning)) }
        var out = StandardOutput()
        let values = engine.values
        if arguments.json {
            out.line(JSONWriter.compact([
                "position": .int(engine.position),
                "projections": .object(pairs: values.map { ($0.name, $0.value) }),
                "warnings": .array(notes.map { .string($0) }),
            ]))
        } else {
            out.line("projections as of position \(engine.position) (\(engine.eventsApplied) events)")
            for note in notes { out.line("note: \(note)") }
            for (name, value) in values {
                out.line("")
                out.line(SafeText.escaped(name))
                out.lines(JSONWriter.pretty(value))
            }
        }
        out.flush()
    }
}
