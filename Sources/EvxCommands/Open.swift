import ArgumentParser
import EventModel
import EventStore

/// `evx STORE`: the explorer.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a store in the explorer (the default command): scrub the timeline, replay aggregates, watch projections and the outbox.",
        discussion: "Press ? inside for the keys. Needs a terminal; for scripts use 'evx info' and 'evx events --json'.")

    @Argument(help: "The event-store file (native SQLite or JSON Lines).")
    var store: String

    @OptionGroup var rulesArguments: RulesArguments

    func run() throws {
        _ = try StoreOpener.detectFormat(path: store)  // bad input fails here, before the screen changes
        try ExplorerLoop.run(store: store, rules: try rulesArguments.load(forStore: store))
    }
}
