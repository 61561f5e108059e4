import EventModel

/// A result row as a driver hands it to decoders: values by column index, valid only during the
/// call that yields it (so drivers can lend their own buffers).
public protocol StoreRow {
    func isNull(_ column: Int32) -> Bool
    func int64(_ column: Int32) -> Int64
    /// The value's bytes, text or blob (empty for NULL).
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>
    /// The value's bytes, nil for NULL: one look at the value where `isNull` then `bytes` take two.
    func value(_ column: Int32) -> UnsafeBufferPointer<UInt8>?
    /// A text column's bytes (other values as text), nil for NULL; a driver may read it without
    /// asking for the value's type first.
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>?
    /// The integer, nil for NULL.
    func integer(_ column: Int32) -> Int64?
}

extension StoreRow {
    public func value(_ column: Int32) -> UnsafeBufferPointer<UInt8>? { isNull(column) ? nil : bytes(column) }
    public func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? { value(column) }
    public func integer(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
}

/// Turns rows of a `DialectQueries.events` query into `Event`s: shifts versions to 1-based, names
/// types and stream types, decodes payloads, reads times. The same for every driver. One per
/// reading thread: it keeps the names it has made, so repeated type names cost no allocation.
public struct EventRowDecoder {
    private typealias Column = DialectQueries.EventColumn
    let relation: EventRelation
    private var payloads: PayloadDecoder
    private var names = StringInterner()
    private var times = EventTimeReader()
    /// Python topics already split into type and class (`bank:Account.Opened`).
    private var topics: [String: (type: String, streamType: String)] = [:]
    private var recentTopics: [(bytes: [UInt8], names: (String, String))] = []
    /// Why the first payload that could not be decoded failed (a missing or wrong cipher key shows here).
    public private(set) var firstDataFailure: PayloadDecoder.Failure?
    /// Column names for problem messages (`recorded_at is not an ISO-8601 time`).
    private let streamName: String, typeName: String, versionName: String, timeName: String

    /// Finds a stream's type in the dialect's stream table (given by drivers that resolve
    /// `StreamTypeSource.streamTable` themselves); answers are kept for the rest of the read.
    private let streamTypeOf: ((String) -> String)?
    private var streamTypes: [String: String] = [:]

    public init(relation: EventRelation, cipherKey: CipherKey?, streamTypeOf: ((String) -> String)? = nil) {
        self.relation = relation
        self.streamTypeOf = streamTypeOf
        payloads = PayloadDecoder(encoding: relation.encoding, cipherKey: cipherKey)
        streamName = Self.name(of: relation.stream, otherwise: "the stream")
        typeName = Self.name(of: relation.type, otherwise: "the type")
        versionName = Self.name(of: relation.version, otherwise: "the version")
        timeName = relation.time == .payloadTimestamp ? "timestamp" : Self.name(of: relation.time.expression, otherwise: "the time")
    }

    private static func name(of expression: SQLExpression?, otherwise: String) -> String {
        if case let .column(name, _)? = expression { return name }
        return otherwise
    }

    /// Without payloads, `data` is `{}` unless the time had to be read from it; without details,
    /// no id, metadata or linked streams (the query did not read them). Each column is looked at
    /// once (a driver's accessor costs about as much as decoding a short value).
    public mutating func event(_ row: some StoreRow, checkingPayloads: Bool, includingDetails: Bool) -> Event {
        var problems: [String] = []
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let position = row.int64(Column.position.rawValue)
        let streamBytes = row.text(Column.stream.rawValue)
        if streamBytes == nil { problems.append("\(streamName) is NULL") }
        let stream = String(decoding: streamBytes ?? empty, as: UTF8.self)
        let typeBytes = row.text(Column.type.rawValue)
        if typeBytes == nil { problems.append("\(typeName) is NULL") }
        let (type, derivedStreamType) = typeNames(typeBytes ?? empty)
        let streamType: String
        switch relation.streamType {
        case .expression: streamType = names.string(row.text(Column.streamType.rawValue) ?? empty)
        case .streamTable:
            if let stored = row.text(Column.streamType.rawValue) {
                streamType = names.string(stored)
            } else if let known = streamTypes[stream] {
                streamType = known
            } else {
                streamType = streamTypeOf?(stream) ?? ""
                if streamTypes.count >= Self.streamTypeCacheLimit { streamTypes.removeAll(keepingCapacity: true) }
                streamTypes[stream] = streamType
            }
        case .topicClass: streamType = derivedStreamType
        case .streamCategory: streamType = JSONLinesField.category(ofStream: stream)
        case .aggregateRootStream: streamType = Self.aggregateRootType(ofStream: stream)
        }
        let storedVersion = row.integer(Column.version.rawValue)
        if storedVersion == nil { problems.append("\(versionName) is NULL") }
        let version = (storedVersion ?? 0) - relation.versionBase + 1
        var schemaVersion = row.integer(Column.schemaVersion.rawValue) ?? 1

        var data = "{}"
        var payloadTime: String?
        if let payload = row.value(Column.data.rawValue) {
            let decoded = payloads.decode(payload, checking: checkingPayloads)
            data = decoded.json
            payloadTime = decoded.timestamp
            if let classVersion = decoded.classVersion { schemaVersion = classVersion }
            if let failure = decoded.failure {
                problems.append("data " + failure.message)
                if firstDataFailure == nil { firstDataFailure = failure }
            }
        }
        var metadata = "{}"
        if includingDetails, let payload = row.value(Column.metadata.rawValue) {
            let decoded = payloads.decode(payload, checking: checkingPayloads)
            metadata = decoded.json
            if let failure = decoded.failure { problems.append("metadata " + failure.message) }
        }

        let time: EventTime?
        var recordedAt = ""
        switch relation.time {
        case .expression:
            let bytes = row.text(Column.time.rawValue) ?? empty
            time = times.time(bytes)
            if includingDetails { recordedAt = String(decoding: bytes, as: UTF8.self) }
            if time == nil && !bytes.isEmpty { problems.append("\(timeName) is not an ISO-8601 time") }
        case .payloadTimestamp:
            time = payloadTime.flatMap { EventTime(iso8601: $0) }
            if includingDetails { recordedAt = payloadTime ?? "" }
            if time == nil, payloadTime != nil { problems.append("\(timeName) is not an ISO-8601 time") }
        case .none:
            time = nil
        }
        // Without details the query reads NULL in place of these (DialectQueries.events): not looked at.
        var id = "", linked: [String] = []
        if includingDetails {
            id = row.text(Column.eventID.rawValue).map { String(decoding: $0, as: UTF8.self) } ?? String(position)
            linked = row.text(Column.linkedStreams.rawValue).map {
                String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init)
            } ?? []
        }
        return Event(position: position, id: id, stream: stream, streamType: streamType, version: version, type: type,
                     schemaVersion: schemaVersion, data: data, metadata: metadata, recordedAt: recordedAt, time: time,
                     problems: problems, linkedStreams: linked)
    }

    /// Streams whose types a read keeps (beyond it, the cache starts over: memory stays bounded).
    static let streamTypeCacheLimit = 200_000

    /// The type as shown and, for Python topics, the class it belongs to.
    private mutating func typeNames(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, String) {
        switch relation.typeNaming {
        case .asStored:
            return (names.string(bytes), "")
        case .pythonTopic:
            // A log has a handful of topics: compare bytes with those seen (no string made), then hash.
            for entry in recentTopics where entry.bytes.count == bytes.count {
                if entry.bytes.withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) { return entry.names }
            }
            let topic = String(decoding: bytes, as: UTF8.self)
            let split = topics[topic] ?? Self.pythonTopicNames(topic)
            if recentTopics.count < StringInterner.capacity {
                recentTopics.append((Array(bytes), split))
            } else if topics.count < 4096 {
                topics[topic] = split
            }
            return split
        }
    }

    /// `bank.domain:Account.Opened` → (`Account.Opened`, `Account`); a module-level class names
    /// itself and has no aggregate class (`bank:Opened` → (`Opened`, ``)).
    public static func pythonTopicNames(_ topic: String) -> (type: String, streamType: String) {
        let qualname = topic.split(separator: ":", maxSplits: 1).last.map(String.init) ?? topic
        guard let dot = qualname.lastIndex(of: ".") else { return (qualname, "") }
        return (qualname, String(qualname[..<dot]))
    }

    /// `Ordering::Order$42` → `Ordering::Order`; streams without `$` by the usual category rule.
    static func aggregateRootType(ofStream stream: String) -> String {
        guard let dollar = stream.firstIndex(of: "$"), dollar != stream.startIndex else {
            return JSONLinesField.category(ofStream: stream)
        }
        return String(stream[..<dollar])
    }
}
