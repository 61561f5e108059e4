import EventModel

/// A stream's events, held compactly for as long as the explorer shows the stream. An `Event`
/// costs about 480 bytes in memory (its inline fields, and a heap block for each text longer
/// than 15 bytes), so a stream of a million events held 0.5 GB; here each event's texts sit back
/// to back in one byte array and its numbers in flat arrays, about 90 bytes beside its texts.
/// Reading an event makes it again (its texts become strings): a fold of the whole stream does
/// that once per event, a state at the cursor for at most a checkpoint's interval of events.
public struct StreamEvents: RandomAccessCollection, Sendable {
    /// Each event's id, data, metadata and recorded time, back to back.
    private var texts: [UInt8] = []
    /// Where each event's texts start in `texts`: `textsPerEvent` offsets per event.
    private var textStarts: [Int] = []
    private static let textsPerEvent = 4
    private var positions: [Int64] = []
    private var versions: [Int64] = []
    private var schemaVersions: [Int64] = []
    private var times: [EventTime?] = []
    /// Stream, stream type and type of each event, as numbers in `names`.
    private var nameNumbers: [Int32] = []
    private static let namesPerEvent = 3
    private var names: [String] = []
    private var nameNumber: [String: Int32] = [:]
    /// The rare events with problems or linked streams, by index.
    private var extras: [Int: (problems: [String], linkedStreams: [String])] = [:]

    public init() {}

    public init(_ events: some Sequence<Event>) {
        append(contentsOf: events)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    public subscript(index: Int) -> Event {
        var event = Event(position: positions[index], id: text(0, of: index), stream: name(0, of: index),
                          streamType: name(1, of: index), version: versions[index], type: name(2, of: index),
                          schemaVersion: schemaVersions[index],
                          data: text(1, of: index), metadata: text(2, of: index), recordedAt: text(3, of: index),
                          time: times[index], problems: extras[index]?.problems ?? [],
                          linkedStreams: extras[index]?.linkedStreams ?? [])
        event.time = times[index]  // as read, even where the recorded text would parse now
        return event
    }

    /// An event's global position and version, without making the event.
    public func position(at index: Int) -> Int64 { positions[index] }
    public func version(at index: Int) -> Int64 { versions[index] }

    public mutating func append(_ event: Event) {
        // Field by field, in `text(_:of:)`'s order: no array per event.
        appendText(event.id)
        appendText(event.data)
        appendText(event.metadata)
        appendText(event.recordedAt)
        positions.append(event.position)
        versions.append(event.version)
        schemaVersions.append(event.schemaVersion)
        times.append(event.time)
        nameNumbers.append(number(of: event.stream))
        nameNumbers.append(number(of: event.streamType))
        nameNumbers.append(number(of: event.type))
        if !event.problems.isEmpty || !event.linkedStreams.isEmpty {
            extras[positions.count - 1] = (event.problems, event.linkedStreams)
        }
    }

    public mutating func append(contentsOf events: some Sequence<Event>) {
        for event in events { append(event) }
    }

    private mutating func appendText(_ text: String) {
        textStarts.append(texts.count)
        texts.append(contentsOf: text.utf8)
    }

    private func text(_ field: Int, of index: Int) -> String {
        let slot = Self.textsPerEvent * index + field
        let end = slot + 1 < textStarts.count ? textStarts[slot + 1] : texts.count
        return texts.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[textStarts[slot]..<end]), as: UTF8.self) }
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    private func name(_ field: Int, of index: Int) -> String {
        names[Int(nameNumbers[Self.namesPerEvent * index + field])]
    }

    /// The number of the name appended next for an event (its stream, stream type or type, in that
    /// order): usually the previous event's same name, compared without hashing. Names are the same only byte for byte (`String`'s `==`
    /// also equates a composed é with a decomposed one, and the event must read back as stored).
    private mutating func number(of name: String) -> Int32 {
        if nameNumbers.count >= Self.namesPerEvent {
            let previous = nameNumbers[nameNumbers.count - Self.namesPerEvent]
            if Self.sameBytes(names[Int(previous)], name) { return previous }
        }
        if let number = nameNumber[name], Self.sameBytes(names[Int(number)], name) { return number }
        let number = Int32(names.count)
        names.append(name)
        nameNumber[name] = number
        return number
    }
}
