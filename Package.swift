// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "evx",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "evx", targets: ["evx"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Pure JSON: a fast byte-level parser, the JSONValue tree and its writer.
        .target(name: "JSON", dependencies: [
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
        // Read-only event-store sources (SQLite via GRDB, JSON Lines) behind one protocol.
        .target(name: "EventStore", dependencies: [
            "JSON",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Deterministic synthetic stores; the only code that writes SQLite files.
        .target(name: "StoreGenerator", dependencies: [
            "EventStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The command tree (swift-argument-parser), kept in a library so tests can reach it.
        .target(name: "EvxCommands", dependencies: [
            "EventStore", "StoreGenerator", "JSON",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "evx", dependencies: ["EvxCommands"]),

        // Helpers shared by the test targets: temporary folders, hand-built stores, running the binary.
        .target(name: "TestSupport", dependencies: [
            "EventStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "EventStoreTests", dependencies: [
            "EventStore", "StoreGenerator", "JSON", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EvxCommandsTests", dependencies: [
            "EventStore", "StoreGenerator", "JSON", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
