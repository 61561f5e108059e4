import EventModel
@testable import EventStore
import GRDB
import JSON
import Replay
import TestSupport
import XCTest

/// Stores written by the real Python eventsourcing library (Tests/Fixtures/eventsourcing, made by
/// sample-stores/make-eventsourcing-store.py): replaying them with the sample's rules gives what
/// the library's own `repository.get(id, version: N)` gave, on every field, at every version.
final class EventsourcingStoreTests: XCTestCase {
    private static let fixtures = ["plain", "zlib", "aes", "aes-only"]

    private func open(_ name: String) throws -> SQLiteSource {
        let key = name.hasPrefix("aes") ? try CipherKey(base64: Fixtures.eventsourcingCipherKey, origin: "test") : nil
        return try SQLiteSource(path: Fixtures.path("eventsourcing/\(name).sqlite"), options: StoreOptions(cipherKey: key))
    }

    private func rules() throws -> Rules {
        try RulesLoader.load(path: Fixtures.sample("bank-eventsourcing.evx.yaml"))
    }

    /// Each stream's history, replayed with the rules.
    private func histories(_ source: SQLiteSource) throws -> [String: AggregateHistory] {
        var events: [String: [Event]] = [:]
        try source.readEvents(EventFilter()) { event in
            events[event.stream, default: []].append(event)
            return true
        }
        let reducer = Reducer(rules: try rules())
        return events.mapValues { AggregateHistory(stream: $0[0].stream, streamType: $0[0].streamType, events: $0, reducer: reducer) }
    }

    func testEveryFamilyDetailIsReadFromTheSchema() throws {
        let source = try open("plain")
        XCTAssertEqual(source.family, "eventsourcing (Python)")
        var first: Event?
        try source.readEvents(EventFilter(limit: 1)) { first = $0; return false }
        let event = try XCTUnwrap(first)
        XCTAssertEqual(event.type, "Account.Opened")
        XCTAssertEqual(event.streamType, "Account")
        XCTAssertEqual(event.version, 1)
        XCTAssertEqual(event.position, 1)
        XCTAssertEqual(event.stream.count, 32)
        XCTAssertNotNil(event.time)
        XCTAssertTrue(event.recordedAt.hasSuffix("+00:00"), event.recordedAt)
        XCTAssertTrue(event.problems.isEmpty, "\(event.problems)")
    }

    func testReplayAtEveryVersionEqualsTheLibrary() throws {
        for name in Self.fixtures {
            let source = try open(name)
            let histories = try histories(source)
            let expected = try JSONParser.parse(String(contentsOfFile: Fixtures.path("eventsourcing/\(name).expected.json"), encoding: .utf8))
            let entries = try XCTUnwrap(expected.arrayValue)
            XCTAssertGreaterThan(entries.count, 20, name)
            for entry in entries {
                let stream = try XCTUnwrap(entry["stream"]?.stringValue)
                let version = try XCTUnwrap(entry["version"]?.intValue)
                let library = try XCTUnwrap(entry["state"]?.objectValue)
                let history = try XCTUnwrap(histories[stream], "\(name): no events for \(stream)")
                let replayed = history.state(after: history.count(throughVersion: version))
                let at = "\(name) \(stream) v\(version)"
                XCTAssertEqual(replayed.event?.version, version, at)
                let state = try XCTUnwrap(replayed.state.objectValue, at)
                // The application's own attributes, exactly (decimals as exact numbers).
                let attributes = library.filter { !$0.key.hasPrefix("_") }
                XCTAssertEqual(Set(state.keys), Set(attributes.keys), at)
                for (key, value) in attributes {
                    XCTAssertEqual(state[key].map(JSONWriter.compact), Self.json(value).map(JSONWriter.compact), "\(at) \(key)")
                }
                // The library's bookkeeping, from the log itself.
                XCTAssertEqual(library["_version"]?.intValue, version, at)
                XCTAssertEqual(library["_id"]?.stringValue, "uuid:" + String(decoding: try XCTUnwrap(dashedUUID(Array(stream.utf8))), as: UTF8.self), at)
                XCTAssertEqual(Self.time(library["_created_on"]), history.events[0].time, at)
                XCTAssertEqual(Self.time(library["_modified_on"]), replayed.event?.time, at)
            }
        }
    }

    func testEverySnapshotAgreesWithTheReplay() throws {
        for name in Self.fixtures {
            let source = try open(name)
            let histories = try histories(source)
            let snapshots = try source.snapshots(stream: nil)
            XCTAssertFalse(snapshots.isEmpty, name)
            for snapshot in snapshots {
                let history = try XCTUnwrap(histories[snapshot.stream])
                let replayed = history.state(after: history.count(throughVersion: snapshot.version)).state
                XCTAssertEqual(StateDiff.between(try JSONParser.parse(snapshot.state), replayed), [], "\(name) \(snapshot.stream) v\(snapshot.version)")
                XCTAssertNotNil(EventTime(iso8601: snapshot.takenAt), snapshot.takenAt)
            }
        }
    }

    func testTrackingIsACheckpointAndItsLagIsTheEventsAfterIt() throws {
        let path = Fixtures.path("eventsourcing/plain.sqlite")
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let (tracked, after) = try queue.read { db in
            let tracked = try Int64.fetchOne(db, sql: "SELECT notification_id FROM tracking WHERE application_name = 'Bank'") ?? -1
            return (tracked, try Int.fetchOne(db, sql: "SELECT count(*) FROM stored_events WHERE rowid > ?", arguments: [tracked]) ?? -1)
        }
        try queue.close()
        XCTAssertGreaterThan(after, 0, "the fixture has events the downstream application has not read")
        let source = try open("plain")
        XCTAssertEqual(try source.projectionCheckpoints()?.map(\.projection), ["Bank"])
        XCTAssertEqual(try source.projectionCheckpoints()?.first?.position, tracked)
        let summary = try source.summary()
        XCTAssertEqual(summary.checkpoints.map(\.eventsBehind), [after])
        XCTAssertEqual(summary.family, "eventsourcing (Python)")
        XCTAssertEqual(summary.streamTypes.map(\.name), ["Account"])
        XCTAssertEqual(summary.warnings, [])
    }

    func testADashedUUIDFindsTheStream() throws {
        let source = try open("plain")
        var first: Event?
        try source.readEvents(EventFilter(limit: 1)) { first = $0; return false }
        let stream = try XCTUnwrap(first?.stream)
        let dashed = String(decoding: try XCTUnwrap(dashedUUID(Array(stream.utf8))), as: UTF8.self)
        var byDashed: [Event] = [], byStored: [Event] = []
        try source.readEvents(EventFilter(stream: dashed)) { byDashed.append($0); return true }
        try source.readEvents(EventFilter(stream: stream)) { byStored.append($0); return true }
        XCTAssertGreaterThan(byStored.count, 1)
        XCTAssertEqual(byDashed, byStored)
        XCTAssertEqual(try source.snapshots(stream: dashed), try source.snapshots(stream: stream))
    }

    func testWithoutTheKeyOrWithAWrongOneTheStoreIsRefusedInOneLine() throws {
        let path = Fixtures.path("eventsourcing/aes.sqlite")
        XCTAssertThrowsError(try SQLiteSource(path: path)) { error in
            XCTAssertTrue("\(error)".contains("the events are encrypted (AES-GCM); give the key in the CIPHER_KEY"), "\(error)")
        }
        let wrong = try CipherKey(base64: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh4=", origin: "test")
        XCTAssertThrowsError(try SQLiteSource(path: path, options: StoreOptions(cipherKey: wrong))) { error in
            XCTAssertTrue("\(error)".hasSuffix("the cipher key does not decrypt the events (wrong key?)"), "\(error)")
            XCTAssertFalse("\(error)".contains("AAECAw"), "the key is never printed")
        }
        XCTAssertThrowsError(try CipherKey(base64: "c2hvcnQ=", origin: "CIPHER_KEY")) { error in
            XCTAssertEqual("\(error)", "CIPHER_KEY: the cipher key is 5 bytes; AES keys are 16, 24 or 32 bytes (base64 encoded)")
        }
    }

    // MARK: - The library's values

    /// The library's value as evx shows it: `decimal:`, `uuid:` and `datetime:` texts unwrapped.
    private static func json(_ value: JSONValue) -> JSONValue? {
        guard case let .string(text) = value else { return value }
        if text.hasPrefix("decimal:") { return DecimalNumber(text.dropFirst(8)).map(JSONValue.decimal) }
        for prefix in ["uuid:", "datetime:"] where text.hasPrefix(prefix) { return .string(String(text.dropFirst(prefix.count))) }
        return value
    }

    private static func time(_ value: JSONValue?) -> EventTime? {
        guard let text = value?.stringValue, text.hasPrefix("datetime:") else { return nil }
        return EventTime(iso8601: String(text.dropFirst(9)))
    }
}
