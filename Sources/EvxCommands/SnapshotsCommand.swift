import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx snapshots STORE`: the store's snapshots, each checked against a cold replay.
struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the store's snapshots and report those that disagree with a replay from the first event.",
        discussion: """
            Snapshots are written by the application in its own state shape; a disagreement means the rules \
            file and the application differ (or the snapshot is wrong). --json prints {"checked", "disagreeing", \
            "snapshots": [{"stream", "version", "taken_at", "agrees", "differences": [...]}]}.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(help: "Only this stream's snapshots.")
    var stream: String?

    func run() throws {
        let rules = try rulesArguments.load(forStore: arguments.store)
        let source = try arguments.openSource()
        let snapshots = try source.snapshots(stream: stream)
        if let stream, snapshots.isEmpty, try !StreamHistory.holdsAny(EventFilter(stream: stream), in: source) {
            throw arguments.unknownStream(stream, empty: ["checked": 0, "disagreeing": 0, "snapshots": []])
        }
        var checks: [(Snapshot, [StateChange]?)] = []
        var index = 0
        while index < snapshots.count {
            let streamID = snapshots[index].stream
            let group = snapshots[index...].prefix { $0.stream == streamID }
            index += group.count
            let events = try StreamHistory.events(of: streamID, in: source)
            guard !events.isEmpty else { throw UsageError("\(arguments.displayName): snapshot of stream '\(streamID)', which has no events") }
            let history = try StreamHistory.history(events, rules: rules, source: source, snapshotAtOrBefore: nil)
            for snapshot in group {
                let replayed = history.state(after: history.count(throughVersion: snapshot.version)).state
                let stored = try? JSONParser.parse(snapshot.state)
                checks.append((snapshot, stored.map { StateDiff.between($0, replayed) }))
            }
        }
        let disagreeing = checks.filter { $0.1?.isEmpty != true }.count
        var out = StandardOutput()
        if arguments.json {
            out.line(JSONWriter.compact([
                "checked": .int(Int64(checks.count)), "disagreeing": .int(Int64(disagreeing)),
                "snapshots": .array(checks.map { snapshot, changes in
                    var pairs: [(String, JSONValue)] = [
                        ("stream", .string(snapshot.stream)), ("version", .int(snapshot.version)),
                        ("taken_at", .string(snapshot.takenAt)), ("agrees", .bool(changes?.isEmpty == true)),
                    ]
                    if let changes, !changes.isEmpty {
                        pairs.append(("differences", .array(changes.map { .string(Self.describe($0)) })))
                    } else if changes == nil {
                        pairs.append(("differences", .array([.string("the stored state is not valid JSON")])))
                    }
                    return .object(pairs: pairs)
                }),
            ]))
        } else {
            for (snapshot, changes) in checks {
                let verdict: String
                switch changes {
                case nil: verdict = "✗ the stored state is not valid JSON"
                case let changes? where changes.isEmpty: verdict = "ok"
                case let changes?: verdict = "✗ " + changes.prefix(3).map(Self.describe).joined(separator: "; ")
                    + (changes.count > 3 ? " (+\(changes.count - 3) more)" : "")
                }
                out.line(SafeText.escaped("\(snapshot.stream)  v\(snapshot.version)  \(snapshot.takenAt)  \(verdict)"))
            }
            out.line("\(checks.count) snapshot(s), \(disagreeing) disagree with the replay")
        }
        out.flush()
    }

    /// A difference as stored → replayed.
    private static func describe(_ change: StateChange) -> String {
        let stored = change.old.map(JSONWriter.compact) ?? "(absent)"
        let replayed = change.new.map(JSONWriter.compact) ?? "(absent)"
        return "\(change.path): snapshot \(stored), replay \(replayed)"
    }
}
