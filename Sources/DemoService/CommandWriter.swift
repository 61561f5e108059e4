import EventModel
import Foundation
import GRDB
import JSON
import Replay
import StoreGenerator

/// Appends an accepted command's event and its outbox row in one transaction, with positions,
/// stream versions, correlation and causation ids, and a snapshot every few versions folded with
/// the orders rules (so snapshots agree with evx's replay).
struct CommandWriter {
    static let snapshotEvery: Int64 = 5

    let reducer: Reducer
    private var nextPosition: Int64 = 1
    private var versions: [String: Int64] = [:]
    private var correlations: [String: String] = [:]
    private var lastEvents: [String: String] = [:]
    private var states: [String: JSONValue] = [:]

    init(reducer: Reducer) {
        self.reducer = reducer
    }

    mutating func append(_ new: OrderDesk.NewEvent, random: inout SeededRandom, db: Database) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let recordedAt = EventTime(microseconds: now * 1000).iso8601
        let id = random.uuidV7(milliseconds: now)
        let command = random.uuidV7(milliseconds: now)
        let version = (versions[new.stream] ?? 0) + 1
        let correlation = correlations[new.stream] ?? command
        let data = JSONWriter.compact(new.data)
        let metadata = JSONWriter.compact([
            "correlation_id": .string(correlation), "causation_id": .string(lastEvents[new.stream] ?? command),
            "command_id": .string(command), "user": .string("demo"),
        ])
        try db.execute(sql: """
            INSERT INTO events (position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at)
            VALUES (?, ?, ?, 'Order', ?, ?, 1, ?, ?, ?)
            """, arguments: [nextPosition, id, new.stream, version, new.type, data, metadata, recordedAt])
        try db.execute(sql: "INSERT INTO outbox (event_id, destination, payload, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, new.destination, "{\"type\":\"\(new.type)\",\"stream\":\"\(new.stream)\",\"data\":\(data)}", recordedAt])
        let event = Event(position: nextPosition, id: id, stream: new.stream, streamType: "Order", version: version, type: new.type,
                          data: data, metadata: metadata, recordedAt: recordedAt)
        var state = states[new.stream] ?? reducer.initialState(stream: new.stream, streamType: "Order")
        _ = reducer.apply(event, to: &state)
        if version % Self.snapshotEvery == 0 {
            try db.execute(sql: "INSERT INTO snapshots (stream_id, version, state, taken_at) VALUES (?, ?, ?, ?)",
                           arguments: [new.stream, version, JSONWriter.compact(state), recordedAt])
        }
        nextPosition += 1
        versions[new.stream] = version
        if new.type == "OrderShipped" || new.type == "OrderCancelled" {
            // The order is finished: nothing more will be appended to it, so forget it.
            correlations[new.stream] = nil
            lastEvents[new.stream] = nil
            states[new.stream] = nil
        } else {
            correlations[new.stream] = correlation
            lastEvents[new.stream] = id
            states[new.stream] = state
        }
    }
}
