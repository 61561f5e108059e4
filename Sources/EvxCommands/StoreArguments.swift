import ArgumentParser
import EventModel
import EventStore
import JSON
import TUICore

/// The arguments every store command shares: the store file, how to open it, and `--json`.
struct StoreArguments: ParsableArguments {
    @Argument(help: "The event store: a file (SQLite of a family evx knows or described by --map, or JSON Lines) or a PostgreSQL URI (postgres://user@host:port/db).")
    var store: String

    @OptionGroup var access: StoreAccessArguments

    @Flag(help: "Write JSON for scripts instead of text for people.")
    var json = false

    func openSource() throws -> EventSource {
        try StoreLocation.open(store, options: access.options())
    }

    /// The events of `stream` in version order. A stream the store does not hold ends the command
    /// with status 1 (docs/cli.md), printing `empty`, the command's JSON with no result, under --json.
    func events(of stream: String, in source: EventSource, empty: JSONValue) throws -> [Event] {
        let events = try StreamHistory.events(of: stream, in: source)
        guard events.isEmpty else { return events }
        throw unknownStream(stream, empty: empty)
    }

    /// "No such stream", with `empty` on stdout under --json (nil where no output is the empty answer).
    func unknownStream(_ stream: String, empty: JSONValue?) -> NothingFound {
        NothingFound(message: "\(displayName): no stream '\(SafeText.escaped(stream))'", json: json ? empty : nil)
    }

    /// STORE as messages name it (a URI without its password).
    var displayName: String { StoreLocation.displayName(store) }
}
