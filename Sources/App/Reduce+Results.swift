import EventModel
import Replay
import TUICore

/// Taking in what the effect runner answers and what the store watcher sees. An answer to a
/// request that is no longer current (superseded, cancelled, or from before a reload) is dropped.
extension AppState {
    mutating func take(_ result: StoreResult, for id: RequestID) -> [Effect] {
        guard let kind = requests.kind(of: id), let effect = requests.effect(of: kind, id: id) else { return [] }
        store.problem = nil
        switch result {
        case .opened(let bounds, let newest, let indexing, let beingWritten):
            // Opening at a time on a source that is not indexed (windows-only): the runner finds it.
            var locating: [Effect] = []
            store.isOpen = true
            store.log.setBounds(bounds)
            if let bounds { store.log.learn(window: newest, from: bounds.last + 1, before: true) }
            store.cache(newest, near: bounds?.last)
            if cursor == nil {
                switch start {
                case .position(let position)?: place(cursorAt: position)
                case .time(let time)?:
                    cursor = bounds?.last  // placed once the index (or, windows-only, the probes) finds the time
                    if !indexing, bounds != nil { locating = requests.start(.locateTime) { .locateTime($0, TimeCut(time)) } }
                case nil:
                    cursor = bounds?.last
                    // A store being written opens LIVE, as tail -f would; another at its newest event.
                    if beingWritten, store.generation == 0 { follows = true }
                }
            }
            if bounds == nil || !indexing { requests.finish(.open) }
            return locating
        case .indexed(let index):
            requests.finish(.open)
            store.log.setComplete(index)
            if let cursor { self.cursor = store.log.snap(cursor) }
            if case .time(let time)? = start, store.generation == 0, !index.isEmpty {
                place(cursorAt: index.positions[index.index(atOrBefore: time)])
                start = nil
            }
            if follows, let last = store.log.bounds?.last { cursor = last }
        case .window(let events):
            requests.finish(kind)
            guard case .loadWindow(_, let window) = effect else { break }
            store.windowsRead.insert(window, version: store.version)
            switch window {
            case .from(let start, _): store.log.learn(window: events, from: start, before: false)
            case .before(let end, _): store.log.learn(window: events, from: end, before: true)
            }
            store.cache(events, near: cursor)
            // A jump to a position not read before lands on the event at or before it.
            if let cursor, !store.log.contains(cursor) { self.cursor = store.log.snap(cursor) }
        case .events(let events):
            requests.finish(kind)
            store.cache(events, near: cursor)
        case .probes(let entries):
            requests.finish(kind)
            store.log.learn(probes: entries)
            store.probed = true
        case .stream(let history):
            requests.finish(kind)
            guard case .loadStream(_, let stream, _, let version) = effect else { break }
            if let history {
                store.histories.insert(history, readAt: version)
                // The cursor has moved to another stream meanwhile (following): this one is the latest shown.
                if history.stream != shownStream { lastShown = ShownAggregate(history, self) }
            } else {
                store.missingStreams.insert(stream)
                if pinnedStream == stream {
                    pinnedStream = nil
                    message = "no stream '\(stream)'"
                }
            }
        case .projections(let values):
            requests.finish(kind)
            store.projections = values
            store.projectionsCancelledAt = nil
        case .delivery(let snapshot):
            requests.finish(kind)
            store.delivery = snapshot
            if case .loadDelivery(_, _, let version) = effect { store.deliveryVersion = version }
        case .eventDeliveries(let deliveries):
            requests.finish(kind)
            if case .loadEventDeliveries(_, let eventID, let version) = effect { store.eventDeliveries = (eventID, version, deliveries) }
        case .correlation(let events):
            requests.finish(kind)
            if case .loadCorrelation(_, let position, _) = effect { store.correlation = (position, events) }
        case .searched(let positions):
            requests.finish(kind)
            search?.matches = positions
            message = "\(DisplayFormat.grouped(positions.count)) event\(positions.count == 1 ? "" : "s") match '\(search?.text ?? "")' (n/N step, & only matches)"
            if let cursor, let first = positions.first(where: { $0 >= cursor }) ?? positions.last { place(cursorAt: first) }
        case .found(let index):
            requests.finish(kind)
            guard case .find(_, let history, _) = effect else { break }
            guard let index, history.events.indices.contains(index) else {
                message = "find: never holds in \(history.stream)"
                break
            }
            let event = history.events[index]
            pinnedStream = history.stream
            place(cursorAt: event.position)
            message = "find: first holds at version \(event.version) (#\(event.position))"
        case .blamed(let entries):
            requests.finish(kind)
            guard case .blame(_, let history, let field) = effect else { break }
            store.blame = (history.stream, field, entries)
            // The list opens at the change the cursor is at (or the last before it).
            if case .blame(field, _)? = overlay, let cursor {
                overlay = .blame(field: field, selected: max(0, (entries.lastIndex { $0.event.position <= cursor } ?? 0)))
            }
        case .written(let path):
            requests.finish(kind)
            message = "wrote \(path)"
        case .located(let walk):
            requests.finish(kind)
            guard let position = walk.lastIncludedPosition else {
                message = "t: no event was recorded at or before \(walk.cut.time.iso8601)"
                break
            }
            place(cursorAt: position)
            message = walk.outOfOrderNote() ?? "t: as of \(walk.cut.time.iso8601): \(DisplayFormat.grouped(walk.included)) events"
        case .locatedByProbes(let cut, let position, let note):
            requests.finish(kind)
            start = nil
            guard let position else {
                message = "t: no event was recorded at or before \(cut.time.iso8601)"
                break
            }
            place(cursorAt: position)
            message = note ?? "t: as of \(cut.time.iso8601): #\(DisplayFormat.grouped(Int(clamping: position))) (found through the position index: times taken to grow with positions)"
        case .streams(let streams):
            requests.finish(kind)
            store.streamList = (store.version, streams)
        }
        return []
    }

    mutating func takeFailure(_ text: String, for id: RequestID) {
        guard let kind = requests.kind(of: id) else { return }
        requests.finish(kind)
        switch kind {
        case .write, .find, .blame, .search:
            message = text
            if kind == .search { search = nil }
            if kind == .blame { open(nil) }
        default:
            // Reading failed (a locked or vanished store, say): say so, and let DataNeeds ask again later.
            store.problem = text
            store.failures[kind] = now ?? EventTime(microseconds: 0)
        }
    }

    mutating func take(_ change: StoreChange) -> [Effect] {
        switch change {
        case .appended(let entries):
            store.log.append(entries)
            store.version += 1
            store.histories.noteAppended(entries, version: store.version)
            if follows, let last = store.log.bounds?.last {
                cursor = last
            } else {
                newWhilePaused += entries.count
            }
        case .committed:
            store.version += 1
        case .replaced:
            let effects = requests.cancelAll()
            let generation = store.generation + 1
            store = StoreData()
            store.generation = generation
            message = "the store file was replaced or truncated: reloaded"
            marks.removeAll()
            search = nil
            return effects
        case .gone:
            message = "the store file is gone; showing what was read (q quits)"
        case .failing(let text):
            store.problem = text
        case .recovered:
            store.problem = nil
        }
        return []
    }
}
