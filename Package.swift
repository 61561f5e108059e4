// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "evx",
    products: [
        .executable(name: "evx", targets: ["evx"]),
    ],
    // Exact versions: the ones this package is built and tested with (Package.resolved stays out
    // of git, since the package copies on these machines carry other commit ids).
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Pure JSON: a fast byte-level parser, the JSONValue tree and its writer.
        .target(name: "JSON", dependencies: [
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
        // Value types every layer shares (Event, EventTime, summaries) and the read-only
        // EventSource protocol. No storage code, so the replay engine depends on this alone.
        .target(name: "EventModel"),
        // Read-only event-store sources behind EventSource: JSON Lines, and SQLite (GRDB) stores of
        // every family through dialects (docs/dialects.md): payloads in zlib (the system's libz),
        // AES-GCM (swift-crypto) or YAML (Yams).
        .target(name: "EventStore", dependencies: [
            "EventModel", "JSON", "CZlib",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // zlib's inflate, imported through a shim (inflateInit is a macro).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // PostgreSQL stores through postgres-nio, read-only by construction. The only target that
        // imports NIO: it hands callers plain values on their own thread.
        .target(name: "PostgresStore", dependencies: [
            "EventModel", "EventStore", "JSON",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Deterministic synthetic stores; the only code that writes SQLite files.
        .target(name: "StoreGenerator", dependencies: [
            "EventModel", "EventStore", "JSON", "Replay",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // `evx demo`: an order service with an outbox relay, idempotent consumers and a projector,
        // writing to a store in WAL mode while evx explores it.
        .target(name: "DemoService", dependencies: [
            "EventModel", "EventStore", "StoreGenerator", "Replay", "JSON",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The time-travel engine: rules, replay, checkpoints, projections, blame, predicates, diff.
        // Pure Swift: no GRDB, no terminal.
        .target(name: "Replay", dependencies: [
            "EventModel", "JSON",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The terminal UI's pure core: cells, styles, buffers, layout, display width, input events.
        .target(name: "TUICore"),
        // ncursesw, imported through a shim of static inline wrappers.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // C code with state that a header-only module cannot hold: terminal restore on signals.
        .target(name: "CTerminalGuard"),
        // The only importer of CNcurses: draws Buffers, reads keys, mouse and resizes.
        .target(name: "Terminal", dependencies: ["TUICore", "CNcurses", "CTerminalGuard"]),
        // The explorer's pure core: state, actions, reduce returning effects, and panes rendered
        // into a Buffer. No I/O: it never touches a store.
        .target(name: "App", dependencies: ["EventModel", "JSON", "Replay", "TUICore"]),
        // Runs the core's effects off the UI thread: workers that each own a store connection,
        // and a watcher that follows other processes' commits.
        .target(name: "ExplorerRuntime", dependencies: ["App", "EventModel", "JSON", "Replay"]),
        // The command tree (swift-argument-parser), kept in a library so tests can reach it.
        .target(name: "EvxCommands", dependencies: [
            "EventModel", "EventStore", "PostgresStore", "StoreGenerator", "JSON", "Replay", "TUICore", "App", "ExplorerRuntime", "Terminal", "DemoService",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "evx", dependencies: ["EvxCommands"]),

        // Helpers shared by the test targets: temporary folders, hand-built stores, running the binary.
        .target(name: "TestSupport", dependencies: [
            "EventModel", "EventStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Tests/TestSupport"),
        // Benchmarks that time the engine in-process (docs/benchmarks.md); not run by the tests.
        .executableTarget(name: "evx-bench", dependencies: ["EventModel", "EventStore", "Replay", "JSON", "App", "ExplorerRuntime", "TUICore", "PostgresStore"],
                          path: "Tests/Benchmarks/EvxBench"),
        // A tiny program that drives the Terminal backend, for the end-to-end tmux test.
        .executableTarget(name: "evx-terminal-check", dependencies: ["Terminal", "TUICore"], path: "Tests/TerminalCheck"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "EventStoreTests", dependencies: [
            "EventModel", "EventStore", "StoreGenerator", "JSON", "Replay", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "EventModel", "JSON", "EventStore", "StoreGenerator", "TestSupport"]),
        .testTarget(name: "TUICoreTests", dependencies: ["TUICore"]),
        .testTarget(name: "AppTests", dependencies: [
            "App", "ExplorerRuntime", "TUICore", "EventModel", "EventStore", "Replay", "StoreGenerator", "TestSupport", "JSON",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Snapshots"]),
        .testTarget(name: "TerminalTests", dependencies: ["TUICore", "TestSupport"]),
        .testTarget(name: "HardeningTests", dependencies: [
            "App", "ExplorerRuntime", "TUICore", "EventModel", "EventStore", "Replay", "TestSupport", "PostgresStore", "StoreGenerator",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "EventModel", "TestSupport", "App", "ExplorerRuntime", "Replay", "TUICore"]),
        .testTarget(name: "EvxCommandsTests", dependencies: [
            "EventModel", "EventStore", "StoreGenerator", "JSON", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
