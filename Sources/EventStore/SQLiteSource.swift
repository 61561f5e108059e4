import Dispatch
import EventModel
import GRDB
import JSON

/// An SQLite event store of any family evx recognises (its own format, Python eventsourcing,
/// Emmett, Rails Event Store, or tables described by a `--map` file): the SQLite driver running
/// the dialect's queries. Never writes: the connection is read-only and `query_only`.
public final class SQLiteSource: EventSource {
    public let kind = SourceKind.sqlite
    public let path: String
    public let dialect: StoreDialect
    public private(set) var readWarnings: [String] = []
    let driver: SQLiteDriver
    let queries: DialectQueries
    let options: StoreOptions
    /// The outbox and consumers in memory, read when first asked for and as of which data version.
    var deliveryIndex: (index: DeliveryIndex, dataVersion: Int64)?
    /// Whether long reads decode payloads on every core (`decodedOnEveryCore`): where inflating,
    /// decrypting or converting them costs more than stepping rows. eventsourcing's payloads are
    /// plain JSON (cheap to unwrap: then the fold, not the decoding, is the longest thread, and
    /// more threads only take cores from it) or compressed or encrypted, as the application
    /// chose; its first event tells which.
    let decodesOnEveryCore: Bool

    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        self.path = path
        self.options = options
        driver = try SQLiteDriver(path: path)
        let driver = driver
        dialect = try StoreDialects.detect(try driver.catalog(), options: options, path: path,
                                           selectColumns: { try driver.resultColumns(of: $0) })
        queries = DialectQueries(dialect: dialect, syntax: SQLiteDriver.syntax)
        decodesOnEveryCore = try Self.payloadsCostMoreThanRows(dialect.events, driver: driver, queries: queries)
        try checkPayloadsOpen()
    }

    private static func payloadsCostMoreThanRows(_ relation: EventRelation, driver: SQLiteDriver, queries: DialectQueries) throws -> Bool {
        switch relation.encoding {
        case .json: return false
        case .zlibJSON, .aesGCMZlibJSON, .yaml: return true
        case .eventsourcing:
            var plain = true
            try driver.read { db in
                try db.forEachRawRow(queries.events(.init(limit: 1, includingDetails: false))) { row in
                    let payload = row.value(DialectQueries.EventColumn.data.rawValue) ?? UnsafeBufferPointer(start: nil, count: 0)
                    plain = payload.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } == UInt8(ascii: "{")
                    return false
                }
            }
            return !plain
        }
    }

    /// The family and the database, as `evx info` names them (`eventsourcing (Python), SQLite`).
    public var family: String { dialect.family }

    /// Refuses an encrypted store without its key, or with a wrong one, at once and in one line,
    /// rather than listing events whose payloads cannot be read.
    private func checkPayloadsOpen() throws {
        guard [.eventsourcing, .aesGCMZlibJSON].contains(dialect.events.encoding) else { return }
        var decoder = EventRowDecoder(relation: dialect.events, cipherKey: options.cipherKey)
        try driver.read { db in
            try db.forEachRawRow(queries.events(.init(limit: 1, includingDetails: false))) { row in
                _ = decoder.event(row, checkingPayloads: false, includingDetails: false)
                return false
            }
        }
        switch decoder.firstDataFailure {
        case .needsKey?:
            if let problem = options.cipherKeyProblem { throw StoreError("\(path): the events are encrypted (AES-GCM), and \(problem)") }
            throw StoreError("\(path): the events are encrypted (AES-GCM); give the key in the CIPHER_KEY environment variable or with --cipher-key-file FILE")
        case .wrongKey?:
            throw StoreError("\(path): the cipher key does not decrypt the events (wrong key?)")
        default:
            return
        }
    }

    // MARK: - Events

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        let filtersTime = filter.since != nil || filter.until != nil
        let filtersType = filter.type != nil && !queries.filtersTypeInSQL
        let filtersInSwift = filtersTime || filtersType
        let query = DialectQueries.EventQuery(
            stream: filter.stream.map(dialect.streamIDForm.stored), type: filter.type, fromPosition: filter.fromPosition,
            limit: filtersInSwift ? nil : filter.limit, includingDetails: filter.includesDetails)
        let statement = queries.events(query)
        let relation = queries.relation(forStream: query.stream)
        let limit = filter.limit ?? Int.max
        guard limit > 0 else { return }
        let admits = RowAdmission(filter: filter, filtersTime: filtersTime, filtersType: filtersType)
        if limit > Self.pipelineThreshold {
            return try pipelined(statement, relation: relation, admits: admits, limit: limit, body)
        }
        let lookup = queries.streamTypeLookup(), cipherKey = options.cipherKey
        try driver.read { db in
            var decoder = try Self.makeDecoder(db, relation: relation, cipherKey: cipherKey, streamTypeLookup: lookup)
            var remaining = limit
            try db.forEachRawRow(statement) { row in
                guard let event = admits.event(row, &decoder) else { return true }
                remaining -= 1
                return try body(event) && remaining > 0
            }
        }
    }

    /// A decoder for rows of `relation`; where stream types are in a table of their own, it looks
    /// each stream up once with `streamTypeLookup`, prepared on `db` (so stepped where `db` is used).
    static func makeDecoder(_ db: Database, relation: EventRelation, cipherKey: CipherKey?,
                            streamTypeLookup: SQLStatement?) throws -> EventRowDecoder {
        guard let streamTypeLookup else { return EventRowDecoder(relation: relation, cipherKey: cipherKey) }
        let statement = try db.makeStatement(sql: streamTypeLookup.sql)
        return EventRowDecoder(relation: relation, cipherKey: cipherKey) { stream in
            SQLiteRawRow.firstText(statement, binding: stream) ?? ""
        }
    }

    /// Listings longer than this decode rows on another thread while the caller consumes them.
    static let pipelineThreshold = 4096

    /// Decoding a row into an event, and the filters SQL cannot apply (times are compared after
    /// parsing: stores mix formats and zones, so text order is not time order).
    struct RowAdmission: Sendable {
        let filter: EventFilter
        let filtersTime: Bool
        let filtersType: Bool

        func event(_ row: some StoreRow, _ decoder: inout EventRowDecoder) -> Event? {
            let event = decoder.event(row, checkingPayloads: filter.checksPayloads, includingDetails: filter.includesDetails)
            if filtersTime, !filter.admits(time: event.time) { return nil }
            if filtersType, event.type != filter.type { return nil }
            return event
        }
    }

    /// Steps and decodes rows on a worker thread, in batches, while `body` runs on this one: for
    /// full scans, decoding (strings, times) costs about as much as what callers do with the
    /// events. The worker steps the statement inside the connection's own `read` (GRDB runs it on
    /// the connection's queue), so no statement crosses threads; only decoded events (Sendable) do.
    /// The source's connection, not a new one: it still reads a store whose file was deleted.
    private func pipelined(_ statement: SQLStatement, relation: EventRelation, admits: RowAdmission, limit: Int,
                           _ body: (Event) throws -> Bool) throws {
        let path = path, cipherKey = options.cipherKey, connection = driver.queue, lookup = queries.streamTypeLookup()
        if decodesOnEveryCore, relation.encoding != .json, lookup == nil {
            return try decodedOnEveryCore(statement, relation: relation, admits: admits, limit: limit, body)
        }
        let channel = OrderedBatchWork<[Event], [Event]>(window: 4)  // a channel: the batches need no work
        let worker = HelperThreads.start(1, name: "evx SQLite reader") {
            do {
                try connection.read { db in
                    var decoder = try Self.makeDecoder(db, relation: relation, cipherKey: cipherKey, streamTypeLookup: lookup)
                    let batchSize = 1024
                    var batch: [Event] = []
                    batch.reserveCapacity(batchSize)
                    try db.forEachRawRow(statement) { row in
                        guard let event = admits.event(row, &decoder) else { return true }
                        batch.append(event)
                        guard batch.count == batchSize else { return true }
                        defer { batch.removeAll(keepingCapacity: true) }
                        return channel.submit(batch)
                    }
                    if !batch.isEmpty { _ = channel.submit(batch) }
                }
                channel.close()
            } catch {
                channel.close(failure: SQLiteConnection.storeError(error, path: path))
            }
        }
        // However the caller stops, the worker is released and gone before this returns.
        defer {
            channel.cancel()
            worker.wait()
        }
        var remaining = limit
        while let batch = try channel.collect(workingMeanwhile: { $0 }) {
            // By index: the events are lent to `body` from the batch, not copied out of it.
            for index in batch.indices {
                remaining -= 1
                if try !body(batch[index]) || remaining == 0 { return }
            }
        }
    }

    /// Every position and its time, in global order: the explorer's index of the log.
    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        guard let statement = queries.positionsAndTimes(after: position) else {
            var filter = EventFilter(fromPosition: position + 1)
            filter.checksPayloads = false
            filter.includesDetails = false
            return try readEvents(filter) { event in
                body(event.position, event.time)
                return true
            }
        }
        try driver.read { db in
            try db.forEachRawRow(statement) { row in
                body(row.int64(0), EventTime(iso8601Bytes: row.bytes(1)))
                return true
            }
        }
    }

    /// SQLite's data version: it changes when another connection commits (docs: PRAGMA data_version).
    public func changeToken() throws -> Int64 {
        try driver.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    // MARK: - Snapshots

    public func snapshots(stream: String?) throws -> [Snapshot] {
        guard let relation = dialect.snapshots,
              let statement = queries.snapshots(stream: stream.map(dialect.streamIDForm.stored)) else { return [] }
        return try driver.read { db in
            var payloads = PayloadDecoder(encoding: relation.encoding, cipherKey: options.cipherKey)
            var result: [Snapshot] = []
            try db.forEachRawRow(statement) { row in
                let decoded = payloads.decode(row.bytes(2), checking: false)
                var state = ""
                if decoded.failure == nil {
                    state = relation.stateMember.flatMap { Self.member($0, of: decoded.json) } ?? decoded.json
                    if !relation.droppedMembers.isEmpty { state = Self.dropping(relation.droppedMembers, from: state) }
                }
                let takenAt = row.isNull(3) ? (decoded.timestamp ?? "") : row.string(3)
                result.append(Snapshot(stream: row.string(0), version: row.int64(1) - relation.versionBase + 1,
                                       state: state, takenAt: takenAt))
                return true
            }
            return result
        }
    }

    /// The JSON object without the named top-level members (other members' text kept as written).
    private static func dropping(_ names: [String], from json: String) -> String {
        var text = json
        return text.withUTF8 { bytes -> String in
            var parser = JSONParser(bytes: bytes)
            var kept: [String] = []
            do {
                try parser.forEachMember { (key, range) throws(JSONError) in
                    guard !names.contains(key) else { return }
                    kept.append(JSONWriter.quoted(key) + ":" + String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
                }
            } catch {
                return json
            }
            return "{" + kept.joined(separator: ",") + "}"
        }
    }

    /// The raw JSON text of a top-level member, or `nil` when the text is not an object holding it.
    private static func member(_ name: String, of json: String) -> String? {
        var text = json
        return text.withUTF8 { bytes -> String? in
            var parser = JSONParser(bytes: bytes)
            var found: String?
            try? parser.forEachMember { (key, range) throws(JSONError) in
                if key == name { found = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            }
            return found
        }
    }
}
