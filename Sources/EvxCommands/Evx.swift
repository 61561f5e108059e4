import ArgumentParser

/// The root of the command tree. `evx STORE` with no subcommand opens the store (see `Open`).
public struct Evx: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "evx",
        abstract: "Explore event-sourced stores: browse the log, replay aggregates, watch projections and the outbox.",
        discussion: """
            STORE is an event-store file: the native SQLite format or JSON Lines, recognised by content \
            (see docs/store-format.md). evx never writes to a store it explores.

            Exit status: 0 on success, 1 when nothing is found (an unknown stream; a find condition that \
            never holds), 2 when the input cannot be used (a clear one-line message on stderr).
            """,
        version: "0.1.0",
        subcommands: [
            Open.self, Info.self, Events.self, ReplayCommand.self, ProjectCommand.self, BlameCommand.self,
            FindCommand.self, DiffCommand.self, SnapshotsCommand.self, DemoCommand.self, TailCommand.self, Generate.self,
        ],
        defaultSubcommand: Open.self)

    public init() {}
}
