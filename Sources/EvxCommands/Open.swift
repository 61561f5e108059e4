import ArgumentParser
import EventModel
import EventStore
import App
import Foundation

/// `evx STORE`: the explorer; `evx` alone: the explorer on a living demo store.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a store in the explorer (the default command). Without STORE: a demo order service writes to a new temporary store and the explorer follows it.",
        discussion: "Press ? inside for the keys. Needs a terminal; for scripts use 'evx info' and 'evx events --json'.")

    @Argument(help: "The event store: a file (SQLite of a family evx knows or described by --map, or JSON Lines) or a PostgreSQL URI (postgres://user@host:port/db).")
    var store: String?

    @OptionGroup var rulesArguments: RulesArguments
    @OptionGroup var access: StoreAccessArguments

    @Flag(help: "Without STORE: keep the demo store when the explorer quits (its path is printed).")
    var keep = false

    @Option(parsing: .signedNumber, help: "Without STORE: events per second the demo writes.")
    var rate: Double = 50

    @Option(help: ArgumentHelp("Open at a global position (#1,000) or a time (ISO-8601) instead of the newest event.", valueName: "POS|TIME"))
    var at: String?

    func validate() throws {
        try DemoRunner.validate(rate: rate)
        if let at, StartPoint(parsing: at) == nil {
            throw ValidationError("--at takes a global position (1000, #1,000) or an ISO-8601 time (2026-01-05T08:00:00Z), not '\(at)'")
        }
    }

    func run() throws {
        guard let store else { return try runDemo() }
        if let message = CommandWord.unknownCommandMessage(store) { throw UsageError(message) }
        let options = try access.options()
        _ = try StoreLocation.open(store, options: options)  // bad input fails here, before the screen changes
        try ExplorerLoop.run(store: store, options: options, rules: try rulesArguments.load(forStore: store), at: at.flatMap(StartPoint.init(parsing:)))
    }

    private func runDemo() throws {
        try ExplorerLoop.requireTerminal()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evx-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("orders.sqlite").path
        let service = try DemoRunner.start(store: path, rate: rate, seed: UInt64(Date().timeIntervalSince1970), force: false)
        // Let the first events land, so the explorer opens on a store with something in it.
        let deadline = Date().addingTimeInterval(2)
        while service.status.events < 5, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        defer {
            service.stop(drainSeconds: 2)
            if keep {
                StandardOutput.write("evx: the demo store is kept at \(path)\n", to: 1)
            } else {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        try ExplorerLoop.run(store: path, rules: try rulesArguments.load(forStore: path), follow: true)
    }
}
