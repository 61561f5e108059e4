import ArgumentParser
import EventModel
import EventStore

/// The arguments every store command shares: the store file and `--json`.
struct StoreArguments: ParsableArguments {
    @Argument(help: "The event-store file (native SQLite or JSON Lines).")
    var store: String

    @Flag(help: "Write JSON for scripts instead of text for people.")
    var json = false

    func openSource() throws -> EventSource {
        try StoreOpener.open(path: store)
    }
}
