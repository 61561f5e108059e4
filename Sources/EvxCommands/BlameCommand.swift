import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx blame STORE --stream S --field PATH`: every event that changed a field.
struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "List every event that changed a field of a stream's state, with the old and new values.",
        discussion: """
            --json prints {"stream", "field", "changes": [{"position", "version", "time", "type", "old", "new"}]}; \
            "old" or "new" is left out where the field did not exist.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(help: "The stream (aggregate id).")
    var stream: String

    @Option(help: "A dotted path into the state, e.g. status or address.city.")
    var field: String

    func run() throws {
        let rules = try rulesArguments.load(forStore: arguments.store)
        let source = try arguments.openSource()
        let events = try arguments.events(of: stream, in: source,
                                          empty: ["stream": .string(stream), "field": .string(field), "changes": []])
        let history = try StreamHistory.history(events, rules: rules, source: source, snapshotAtOrBefore: nil)
        let entries = history.blame(StatePath(field))
        var out = StandardOutput()
        if arguments.json {
            out.line(JSONWriter.compact([
                "stream": .string(stream), "field": .string(field),
                "changes": .array(entries.map { EventReference.change(EventReference.pairs($0.event), old: $0.old, new: $0.new) }),
            ]))
        } else if entries.isEmpty {
            out.line("\(SafeText.escaped(field)) never changed in \(SafeText.escaped(stream)) (\(events.count) events)")
        } else {
            for entry in entries {
                let old = entry.old.map(JSONWriter.compact) ?? "(absent)"
                let new = entry.new.map(JSONWriter.compact) ?? "(absent)"
                out.line(EventReference.text(entry.event) + "  " + SafeText.escaped("\(old) → \(new)"))
            }
        }
        out.flush()
    }
}

/// How commands name an event in their output.
enum EventReference {
    static func pairs(_ event: Event) -> [(String, JSONValue)] {
        [("position", .int(event.position)), ("version", .int(event.version)),
         ("time", .string(event.time?.iso8601 ?? event.recordedAt)), ("type", .string(event.type))]
    }

    /// A change as JSON: the given members, then `old` and `new`, each left out where the value was absent.
    static func change(_ pairs: [(String, JSONValue)], old: JSONValue?, new: JSONValue?) -> JSONValue {
        .object(pairs: pairs + [old.map { ("old", $0) }, new.map { ("new", $0) }].compactMap { $0 })
    }

    /// `v4  #380  2026-01-05T08:02:49.084Z  OrderShipped`
    static func text(_ event: Event) -> String {
        "v\(event.version)  #\(event.position)  \(event.time?.iso8601 ?? event.recordedAt)  \(SafeText.escaped(event.type))"
    }
}
