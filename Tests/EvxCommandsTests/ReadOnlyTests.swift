import GRDB
import TestSupport
import XCTest

/// evx never writes to a store it explores: every store-reading command, in text and in JSON,
/// leaves the store's bytes as they were, leaves its `-wal` and `-journal` files as they were
/// (present or absent, the same bytes), neither creates nor removes its `-shm` file, and creates
/// no other file beside it.
///
/// `-shm` bytes are not compared: it is SQLite's shared-memory index, not part of the store, and
/// every reader of a WAL database writes its read marks there while a writer has it open.
///
/// To check another kind of store, append one line to `stores`.
final class ReadOnlyTests: XCTestCase {
    static var stores: [ReadOnlyStore] {
        [
            .file("sample-stores/orders.sqlite", stream: "order-42", field: "status"),
            .file("sample-stores/orders.jsonl", stream: "order-42", field: "status"),
            .file("sample-stores/bank.sqlite", stream: "account-1", field: "balance"),
            .file("sample-stores/bank-eventsourcing.sqlite", stream: "01a497fd8907455ba80be711d3f4de8f", field: "balance"),
            .file("Tests/Fixtures/eventsourcing/zlib.sqlite", stream: "3df5bb140c5046ae82974e236f761b03", field: "balance"),
            .file("Tests/Fixtures/eventsourcing/aes.sqlite", stream: "23dd741a003745478d7067358f501dc9", field: "balance",
                  cipherKey: Fixtures.eventsourcingCipherKey),
            ReadOnlyStore("Emmett on SQLite", stream: "shopping_cart-1", field: "amount") { folder in
                ReadOnlySubject(try ForeignStores.emmett(at: folder.path("emmett.sqlite")))
            },
            ReadOnlyStore("Rails Event Store on SQLite", stream: "Ordering::Order$1", field: "total") { folder in
                ReadOnlySubject(try ForeignStores.railsEventStore(at: folder.path("res.sqlite3")))
            },
            ReadOnlyStore("native SQLite in WAL mode, held open by a writer, with frames not yet checkpointed",
                          stream: "wal-1", field: "n") { folder in try walStoreWithOpenWriter(in: folder) },
        ]
    }

    func testNoCommandChangesAnyStore() throws {
        for store in Self.stores {
            let folder = TemporaryDirectory()
            let subject = try store.make(folder)
            try assertCommandsLeaveUnchanged(subject.path, store, folder: folder)
            withExtendedLifetime(subject) {}
        }
    }

    /// The store-reading commands, each in text and with `--json`.
    static func commands(_ path: String, _ store: ReadOnlyStore) -> [[String]] {
        let stream = ["--stream", store.stream]
        let text: [[String]] = [
            ["info", path], ["events", path], ["events", path] + stream, ["events", path, "--since", "2000-01-01", "--limit", "5"],
            ["replay", path] + stream, ["replay", path] + stream + ["--at-version", "1"],
            ["replay", path] + stream + ["--at-version", "1", "--use-snapshots"], ["project", path],
            ["blame", path] + stream + ["--field", store.field], ["find", path] + stream + ["--where", store.field, "--all"],
            ["diff", path] + stream, ["snapshots", path], ["tail", path, "--from-start", "--duration", "0.3"],
        ]
        let options = store.cipherKey == nil ? [] : ["--cipher-key-file", ReadOnlyStore.cipherKeyFile(besideStore: path)]
        return (text + text.map { $0 + ["--json"] }).map { $0 + options }
    }

    private func assertCommandsLeaveUnchanged(_ path: String, _ store: ReadOnlyStore, folder: TemporaryDirectory,
                                              file: StaticString = #filePath, line: UInt = #line) throws {
        let before = StoreFiles(path)
        let listingBefore = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        XCTAssertNotNil(before.store, "\(store.name): no store at \(path)", file: file, line: line)
        for command in Self.commands(path, store) {
            let run = try EvxProcess.run(command)
            // find exits 1 when the condition never holds; anything else must succeed.
            let succeeded = run.status == 0 || (command[0] == "find" && run.status == 1)
            XCTAssertTrue(succeeded, "\(store.name): \(command) exited \(run.status): \(run.stderr)", file: file, line: line)
            let after = StoreFiles(path)
            XCTAssertTrue(after == before, "\(store.name): \(command) changed \(after.differences(from: before))", file: file, line: line)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted(), listingBefore,
                       "\(store.name): a command left or removed a file beside the store", file: file, line: line)
    }

    /// A generated orders store (with its rules file beside it).
    static func generated(in folder: TemporaryDirectory) throws -> String {
        let path = folder.path("store.sqlite")
        let run = try EvxProcess.run(["generate", path, "--events", "800", "--seed", "3"])
        guard run.status == 0 else { throw StoreSetupError(message: run.stderr) }
        return path
    }

    /// A generated store switched to WAL mode, with an event committed to the `-wal` but not
    /// checkpointed, and the writer's connection still open while the commands run.
    static func walStoreWithOpenWriter(in folder: TemporaryDirectory) throws -> ReadOnlySubject {
        let path = try generated(in: folder)
        let writer = try DatabaseQueue(path: path)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: """
                INSERT INTO events (position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at)
                SELECT max(position) + 1, 'wal-event', 'wal-1', 'Wal', 1, 'Counted', 1, '{"n":1}', '{}', '2026-01-06T00:00:00.000Z' FROM events
                """)
        }
        return ReadOnlySubject(path, holding: writer)
    }
}

/// A kind of store the read-only check covers: how to make one in an empty folder, and a stream
/// of it (with at least one event) and a field of that stream's state for the stream commands.
struct ReadOnlyStore {
    let name: String
    let stream: String
    let field: String
    /// The AES key of an encrypted store: written to a file beside it, passed with --cipher-key-file.
    var cipherKey: String?
    let make: (TemporaryDirectory) throws -> ReadOnlySubject

    init(_ name: String, stream: String, field: String, cipherKey: String? = nil,
         make: @escaping (TemporaryDirectory) throws -> ReadOnlySubject) {
        self.name = name
        self.stream = stream
        self.field = field
        self.cipherKey = cipherKey
        self.make = make
    }

    static func cipherKeyFile(besideStore path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("cipher.key").path
    }
}

extension ReadOnlyStore {
    /// A store file kept in the repository (`sample-stores/orders.sqlite`), copied into the
    /// test's folder with its `-wal` and its rules file (`orders.evx.yaml`) when they exist.
    static func file(_ repositoryPath: String, stream: String, field: String, cipherKey: String? = nil) -> ReadOnlyStore {
        ReadOnlyStore(repositoryPath, stream: stream, field: field, cipherKey: cipherKey) { folder in
            if let cipherKey { folder.write("cipher.key", cipherKey + "\n") }
            let source = repositoryRoot.appendingPathComponent(repositoryPath)
            let name = source.lastPathComponent
            let rules = source.deletingPathExtension().lastPathComponent + ".evx.yaml"
            for (from, to) in [(name, name), (name + "-wal", name + "-wal"), (rules, rules)] {
                let original = source.deletingLastPathComponent().appendingPathComponent(from)
                guard FileManager.default.fileExists(atPath: original.path) else { continue }
                try FileManager.default.copyItem(at: original, to: folder.url.appendingPathComponent(to))
            }
            return ReadOnlySubject(folder.path(name))
        }
    }

    /// The repository's root, three levels above this file.
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// A store made for the check: its path, and whatever must stay alive while the commands run
/// (a writer's connection holding the store open).
struct ReadOnlySubject {
    let path: String
    let holding: AnyObject?

    init(_ path: String, holding: AnyObject? = nil) {
        self.path = path
        self.holding = holding
    }
}

struct StoreSetupError: Error {
    let message: String
}

/// What the check compares: the store's bytes, its `-wal` and `-journal` files' bytes (nil when
/// absent) and whether its `-shm` file exists.
struct StoreFiles: Equatable {
    let store: Data?
    let wal: Data?
    let journal: Data?
    let hasSharedMemory: Bool

    init(_ path: String) {
        store = fileBytes(path)
        wal = fileBytes(path + "-wal")
        journal = fileBytes(path + "-journal")
        hasSharedMemory = FileManager.default.fileExists(atPath: path + "-shm")
    }

    func differences(from other: StoreFiles) -> String {
        [store != other.store ? "the store" : nil, wal != other.wal ? "-wal" : nil, journal != other.journal ? "-journal" : nil,
         hasSharedMemory != other.hasSharedMemory ? "whether -shm exists" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}
