import App
import EventModel
import JSON
import TUICore
import XCTest

/// The core alone: every read is an effect the test answers by hand, late, out of order, twice,
/// or with an error. Nothing here touches a store or a thread.
final class CoreWithoutStoreTests: XCTestCase {
    private let now = EventTime(microseconds: 1_767_700_000_000_000)

    func testOpeningAsksForTheStoreAndDrawsPlaceholdersUntilAnswered() {
        var core = CoreHarness(store: FakeStore(count: 1000))
        core.send(.clock(now))
        XCTAssertEqual(core.pending.count, 1)
        guard case .open? = core.pending.first else { return XCTFail("\(core.pending)") }
        assertSnapshot(core.screen(), named: "opening-120x40")

        // The first answer: bounds and the newest events; the index is still being built.
        let open = core.pending.removeFirst()
        guard let opened = core.store.answer(open) else { return XCTFail() }
        core.send(opened)
        XCTAssertEqual(core.state.cursor, 1000, "opens on the newest event")
        XCTAssertFalse(core.state.store.log.isComplete)
        XCTAssertTrue(core.pending.contains { if case .loadStream(_, "order-0", nil, _) = $0 { return true } else { return false } }, "\(core.pending)")
        XCTAssertTrue(core.pending.contains { if case .project(_, 1000) = $0 { return true } else { return false } })
        XCTAssertTrue(core.pending.contains { if case .loadDelivery = $0 { return true } else { return false } })
        if let id = open.request { core.send(.progress(id, done: 65_536, total: nil)) }
        assertSnapshot(core.screen(), named: "placeholders-120x40")
        assertSnapshot(StyledSnapshot.of(Screen(theme: .color, unicode: true).render(core.state)), named: "placeholders-120x40-styled")

        if let id = open.request { core.send(.loaded(id, .indexed(core.store.index))) }
        core.answerAll()
        XCTAssertTrue(core.pending.isEmpty, "\(core.pending)")
        XCTAssertFalse(core.state.requests.isBusy)
        let screen = core.screen()
        XCTAssertTrue(screen.contains("1,000/1,000 events"), screen)
        XCTAssertTrue(screen.contains("events  1000"), screen)
        XCTAssertFalse(screen.contains("…"), "nothing is left waiting: \(screen)")
    }

    /// Moving to another stream's event keeps the last aggregate on screen, marked as such, until the
    /// new stream arrives (a followed store changes stream with nearly every append).
    func testTheLastAggregateStaysWhileTheNextStreamIsRead() {
        var core = CoreHarness(store: FakeStore(count: 1000))
        core.send(.clock(now))
        core.answerAll()
        XCTAssertTrue(core.screen().contains("order-0 (Order) v200 of 200"), core.screen())
        core.send(.moveCursor(by: -1))
        XCTAssertNotNil(core.take { if case .loadStream(_, "order-4", nil, _) = $0 { return true } else { return false } }, "\(core.pending)")
        let reading = core.screen()
        XCTAssertTrue(reading.contains("reading order-4… · shown: order-0 v200"), reading)
        XCTAssertFalse(reading.contains("order-0 (Order)"), reading)
        core.send(.moveCursor(by: 1))
        core.answerAll()
        let back = core.screen()
        XCTAssertTrue(back.contains("order-0 (Order) v200 of 200"), back)
        XCTAssertFalse(back.contains("shown:"), back)
    }

    /// Following, a stream read under way is let finish rather than superseded by every append, and
    /// what it read is shown (marked) while the cursor's newer stream is read in turn.
    func testFollowingLetsAStreamReadFinishAndShowsIt() {
        var core = CoreHarness(store: FakeStore(count: 1000))
        core.send(.clock(now))
        core.answerAll()
        core.send(.toggleFollow)
        core.answerAll()
        XCTAssertTrue(core.state.follows)
        core.store = FakeStore(count: 1002)
        func append(_ position: Int64, _ stream: String) {
            core.send(.storeChanged(.appended([LogEntry(position: position, time: nil, stream: stream)])))
            while let read = core.take({ if case .loadWindow = $0 { return true } else if case .loadEvents = $0 { return true } else { return false } }),
                  let answer = core.store.answer(read) {
                core.send(answer)
            }
        }
        append(1001, "order-1")
        let first = core.take { if case .loadStream(_, "order-1", _, _) = $0 { return true } else { return false } }
        XCTAssertNotNil(first, "\(core.pending)")
        append(1002, "order-2")
        XCTAssertEqual(core.state.cursor, 1002)
        XCTAssertFalse(core.pending.contains { if case .loadStream = $0 { return true } else { return false } }, "\(core.pending)")
        XCTAssertTrue(core.screen().contains("reading order-2… · shown: order-0 v200"), core.screen())
        if let first, let answer = core.store.answer(first) { core.send(answer) }
        XCTAssertTrue(core.screen().contains("reading order-2… · shown: order-1 v201"), core.screen())
        XCTAssertTrue(core.pending.contains { if case .loadStream(_, "order-2", _, _) = $0 { return true } else { return false } }, "\(core.pending)")
    }

    func testProgressOfLongWorkShowsInItsPane() {
        var core = CoreHarness(store: FakeStore(count: 1000))
        core.send(.clock(now))
        core.answerAll()
        core.send(.cursorToStart)
        guard let project = core.take({ if case .project = $0 { return true } else { return false } }), let id = project.request else {
            return XCTFail("\(core.pending)")
        }
        core.answerAll()
        core.send(.progress(id, done: 450, total: 1000))
        let screen = core.screen()
        XCTAssertTrue(screen.contains("updating… 45%"), screen)
        assertSnapshot(screen, named: "progress-120x40")
        core.send(.dismiss)
        XCTAssertEqual(core.cancelled.last, id, "Esc cancels the projections")
        XCTAssertFalse(core.state.requests.isRunning(.projections))
        XCTAssertTrue(core.screen().contains("Esc stopped the update"), core.screen())
        core.send(.moveCursor(by: 1))
        XCTAssertTrue(core.pending.contains { if case .project(_, 2) = $0 { return true } else { return false } }, "moving resumes them")
    }

    func testAnAnswerToASupersededRequestIsDropped() {
        var core = CoreHarness(store: FakeStore(count: 1000))
        core.send(.clock(now))
        core.answerAll()
        core.send(.jump(to: 10))
        guard let first = core.take({ if case .project = $0 { return true } else { return false } }) else { return XCTFail() }
        core.send(.jump(to: 20))
        XCTAssertEqual(core.cancelled.last, first.request, "the older request is cancelled")
        guard let second = core.take({ if case .project = $0 { return true } else { return false } }) else { return XCTFail() }
        // The newer answer arrives first, then the older one, late.
        if let answer = core.store.answer(second) { core.send(answer) }
        if let answer = core.store.answer(first) { core.send(answer) }
        XCTAssertEqual(core.state.store.projections?.position, 20, "the late answer to the older request was dropped")
        XCTAssertEqual(core.state.store.projections?.values.first?.value, 20)
    }

    func testAFailedReadIsShownAndAskedAgainASecondLater() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.send(.clock(now))
        guard let open = core.pending.first?.request else { return XCTFail() }
        core.pending.removeAll()
        core.send(.failed(open, "store.sqlite: the store is locked by another process; try again when the writer has finished"))
        XCTAssertTrue(core.pending.isEmpty, "not asked again at once")
        XCTAssertTrue(core.screen().contains("the store is locked"), core.screen())
        core.send(.showHelp)
        XCTAssertEqual(core.state.overlay, .help, "keys still work")
        core.send(.dismiss)
        core.send(.clock(EventTime(microseconds: now.microseconds + 1_100_000)))
        guard case .open? = core.pending.first else { return XCTFail("\(core.pending)") }
        core.answerAll()
        XCTAssertNil(core.state.store.problem)
        XCTAssertEqual(core.state.cursor, 100)
    }

    /// The watcher cannot look (a server restarting): the footer says so until a look works,
    /// and the events appended meanwhile arrive after it, in one piece.
    func testTheWatchersTroubleShowsInTheFooterUntilItRecovers() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.send(.clock(now))
        core.answerAll()
        core.send(.storeChanged(.failing("the connection to the server was lost (retrying)")))
        XCTAssertTrue(core.screen().contains("the connection to the server was lost (retrying)"), core.screen())
        core.send(.moveCursor(by: -1))
        XCTAssertEqual(core.state.cursor, 99, "keys still work")
        core.send(.storeChanged(.recovered))
        XCTAssertNil(core.state.store.problem)
        XCTAssertFalse(core.screen().contains("retrying"), core.screen())
        core.send(.storeChanged(.appended((101...103).map { LogEntry(position: Int64($0), time: nil, stream: "order-9") })))
        XCTAssertEqual(core.state.store.log.bounds?.last, 103)
    }

    func testAReloadVoidsEverythingAndLateAnswersFromBeforeIt() {
        var core = CoreHarness(store: FakeStore(count: 300))
        core.send(.clock(now))
        core.answerAll()
        core.send(.cursorToStart)
        if let window = core.take({ if case .loadWindow = $0 { return true } else { return false } }), let answer = core.store.answer(window) { core.send(answer) }
        guard let stale = core.take({ if case .loadStream = $0 { return true } else { return false } }) else { return XCTFail("\(core.pending)") }
        core.pending.removeAll()
        core.store = FakeStore(count: 50)
        core.send(.storeChanged(.replaced))
        XCTAssertTrue(core.cancelled.contains(try XCTUnwrap(stale.request)))
        XCTAssertEqual(core.state.store.generation, 1)
        XCTAssertFalse(core.state.store.isOpen)
        guard case .open? = core.pending.first else { return XCTFail("\(core.pending)") }
        // An answer from before the reload arrives now: it is not taken.
        if let late = FakeStore(count: 300).answer(stale) { core.send(late) }
        XCTAssertNil(core.state.store.histories["order-1"])
        core.answerAll()
        XCTAssertEqual(core.state.store.log.bounds?.count, 50)
        XCTAssertLessThanOrEqual(try XCTUnwrap(core.state.cursor), 50)
    }

    func testACommitRefreshesWhatDependsOnTheStoreVersion() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.send(.clock(now))
        core.answerAll()
        core.send(.activate)
        core.answerAll()
        XCTAssertEqual(core.state.overlay, .detail)
        XCTAssertNotNil(core.state.store.eventDeliveries)
        // Another process publishes the outbox row: no event, but the delivery views are read again.
        core.send(.storeChanged(.committed))
        XCTAssertTrue(core.pending.contains { if case .loadEventDeliveries(_, "e100", 1) = $0 { return true } else { return false } }, "\(core.pending)")
        XCTAssertTrue(core.pending.contains { if case .loadDelivery(_, _, 1) = $0 { return true } else { return false } }, "\(core.pending)")
    }

    func testAppendsExtendTheLogAndTheStaleStreamOnly() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.send(.clock(now))
        core.answerAll()
        XCTAssertEqual(core.state.shownStream, "order-0")
        let appended = Event(position: 101, id: "e101", stream: "order-0", streamType: "Order", version: 21, type: "ItemAdded",
                             data: "{}", recordedAt: "2026-01-06T00:00:00Z")
        core.store.events.append(appended)
        core.send(.storeChanged(.appended([LogEntry(position: 101, time: appended.time, stream: "order-0")])))
        XCTAssertEqual(core.state.store.log.bounds?.last, 101)
        XCTAssertEqual(core.state.newWhilePaused, 1)
        XCTAssertTrue(core.pending.contains { if case .loadStream(_, "order-0", .some, 1) = $0 { return true } else { return false } }, "\(core.pending)")
        core.send(.storeChanged(.appended([LogEntry(position: 102, time: nil, stream: "order-3")])))
        XCTAssertFalse(core.pending.contains { if case .loadStream(_, "order-3", _, _) = $0 { return true } else { return false } }, "a stream not shown is not read")
    }

    func testAWindowThatComesBackShortIsNotAskedForAgain() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.send(.clock(now))
        core.answerAll()
        core.send(.toggleFollow)
        // The watcher saw events the store no longer has (a writer rolled back): their rows stay placeholders.
        core.send(.storeChanged(.appended((101...103).map { LogEntry(position: Int64($0), time: nil, stream: "order-9") })))
        core.answerAll()
        XCTAssertTrue(core.pending.isEmpty, "\(core.pending)")
        XCTAssertEqual(core.state.cursor, 103)
        XCTAssertFalse(core.state.requests.isRunning(.window))
    }

    /// Jumps far and wide evict a window's events from the cache; going back reads it again
    /// (it once stayed a placeholder: the window was remembered as read).
    func testAWindowWhoseEventsWereEvictedIsReadAgain() {
        var core = CoreHarness(store: FakeStore(count: 100_000, streams: 20_000))
        core.send(.clock(now))
        // A log read in windows only (PostgreSQL): never indexed.
        guard let open = core.pending.first, let id = open.request, let bounds = core.store.bounds else { return XCTFail("\(core.pending)") }
        core.pending.removeFirst()
        core.send(.loaded(id, .opened(bounds, newest: Array(core.store.events.suffix(256)), indexing: false)))
        core.answerAll(limit: 1000)
        for frame in 0..<400 {
            switch frame % 10 {
            case 0: core.send(.jump(to: Int64(frame * 7_919 % 100_000 + 1)))  // spread over the log
            case 1, 2: core.send(.pageCursor(by: 1))
            case 3: core.send(.stepInStream(by: -1))
            default: core.send(.moveCursor(by: 1))
            }
            core.answerAll(limit: 1000)
            XCTAssertNotNil(core.state.cursorEvent, "frame \(frame): the cursor's event at #\(core.state.cursor ?? 0) is shown")
            if core.state.cursorEvent == nil { return }
        }
    }

    /// LIVE from the start: events appended while the index is read (some of them in it, some
    /// after it) are neither lost nor counted twice, and the cursor stays on the newest.
    func testAppendsDuringIndexingKeepFollowing() {
        var core = CoreHarness(store: FakeStore(count: 100))
        core.state.follows = true
        core.send(.clock(now))
        guard let open = core.pending.first, let id = open.request, let opened = core.store.answer(open) else { return XCTFail() }
        core.pending.removeAll()
        core.send(opened)
        let more = FakeStore(count: 105)
        core.send(.storeChanged(.appended(more.events.suffix(5).map { LogEntry(position: $0.position, time: $0.time, stream: $0.stream) })))
        XCTAssertEqual(core.state.cursor, 105)
        // The index was read when the log held 103 events.
        core.send(.loaded(id, .indexed(FakeStore(count: 103).index)))
        XCTAssertEqual(core.state.store.log.bounds?.last, 105)
        XCTAssertEqual(core.state.store.log.bounds?.count, 105)
        XCTAssertTrue(core.state.store.log.contains(104) && core.state.store.log.contains(105))
        XCTAssertEqual(core.state.cursor, 105)
        XCTAssertTrue(core.state.follows)
        core.send(.storeChanged(.appended([LogEntry(position: 105, time: nil, stream: "order-0"), LogEntry(position: 106, time: nil, stream: "order-1")])))
        XCTAssertEqual(core.state.store.log.bounds?.count, 106, "105 was known already")
        XCTAssertEqual(core.state.cursor, 106)
        XCTAssertTrue(core.state.follows)
    }
}
