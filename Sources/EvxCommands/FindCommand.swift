import ArgumentParser
import EventModel
import JSON
import Replay
import TUICore

/// `evx find STORE --stream S --where EXPR`: when a condition on the state first held.
struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find the first version of a stream at which a condition on its state holds.",
        discussion: """
            EXPR compares state paths, literals ('text', 42, true, null) and len(path) with = != < <= > >=, \
            combined with and, or, not and parentheses, e.g. "status = 'SHIPPED' and paid >= 50". Text is \
            quoted; on the right of a comparison a state path starts with a dot (paid = .total). \
            With --all, every version at which it turns true. Exit status 1 when it never holds. \
            --json prints {"stream", "where", "matches": [{"position", "version", "time", "type"}]}.
            """)

    @OptionGroup var arguments: StoreArguments
    @OptionGroup var rulesArguments: RulesArguments

    @Option(help: "The stream (aggregate id).")
    var stream: String

    @Option(name: .customLong("where"), help: ArgumentHelp("The condition on the state.", valueName: "expr"))
    var condition: String

    @Flag(help: "List every version at which the condition turns true, not just the first.")
    var all = false

    func run() throws {
        let predicate: StatePredicate
        do {
            predicate = try StatePredicate(parsing: condition)
        } catch {
            throw UsageError("--where: \(error)")
        }
        let rules = try rulesArguments.load(forStore: arguments.store)
        let source = try arguments.openSource()
        let events = try arguments.events(of: stream, in: source,
                                          empty: ["stream": .string(stream), "where": .string(condition), "matches": []])
        let history = try StreamHistory.history(events, rules: rules, source: source, snapshotAtOrBefore: nil)
        let matches = history.transitions(to: predicate, all: all).map { history.events[$0] }
        var out = StandardOutput()
        if arguments.json {
            out.line(JSONWriter.compact([
                "stream": .string(stream), "where": .string(condition),
                "matches": .array(matches.map { .object(pairs: EventReference.pairs($0)) }),
            ]))
        } else if matches.isEmpty {
            out.line("never holds in \(SafeText.escaped(stream)) (\(events.count) events)")
        } else {
            matches.forEach { out.line(EventReference.text($0)) }
        }
        out.flush()
        if matches.isEmpty { throw ExitCode(1) }
    }
}
