import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx diff STORE --stream S --from V1 --to V2`: what changed in the state between two versions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in a stream's state between two versions.",
        discussion: """
            Version 0 is the initial state. Objects are compared member by member; other values (arrays \
            included) as a whole. --json prints {"stream", "from", "to", "changes": [{"path", "kind", "old", "new"}]} \
            with kind added, removed or changed.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(help: "The stream (aggregate id).")
    var stream: String

    @Option(parsing: .signedNumber, help: ArgumentHelp("The earlier version (default: the one before --to).", valueName: "version"))
    var from: Int64?

    @Option(parsing: .signedNumber, help: ArgumentHelp("The later version (default: the last).", valueName: "version"))
    var to: Int64?

    func run() throws {
        let rules = try rulesArguments.load(forStore: arguments.store)
        let source = try arguments.openSource()
        let events = try arguments.events(of: stream, in: source, empty: [
            "stream": .string(stream), "from": .int(from ?? 0), "to": .int(to ?? 0), "changes": [],
        ])
        let history = try StreamHistory.history(events, rules: rules, source: source, snapshotAtOrBefore: nil)
        let last = events.last?.version ?? 0
        let later = to ?? last
        let earlier = from ?? max(0, later - 1)
        for (option, version) in [("--to", later), ("--from", earlier)] where !(0...last).contains(version) {
            throw UsageError("\(option): \(stream) has versions 0 (before its first event) to \(last)")
        }
        let old = history.state(after: history.count(throughVersion: earlier)).state
        let new = history.state(after: history.count(throughVersion: later)).state
        let changes = StateDiff.between(old, new)
        var out = StandardOutput()
        if arguments.json {
            out.line(JSONWriter.compact([
                "stream": .string(stream), "from": .int(earlier), "to": .int(later),
                "changes": .array(changes.map { change in
                    EventReference.change([("path", .string(change.path.description)), ("kind", .string(change.kind.rawValue))],
                                          old: change.old, new: change.new)
                }),
            ]))
        } else if changes.isEmpty {
            out.line("no change between versions \(earlier) and \(later)")
        } else {
            for change in changes {
                let old = change.old.map(JSONWriter.compact) ?? "", new = change.new.map(JSONWriter.compact) ?? ""
                switch change.kind {
                case .added: out.line(SafeText.escaped("+ \(change.path): \(new)"))
                case .removed: out.line(SafeText.escaped("- \(change.path): \(old)"))
                case .changed: out.line(SafeText.escaped("~ \(change.path): \(old) → \(new)"))
                }
            }
        }
        out.flush()
    }
}
