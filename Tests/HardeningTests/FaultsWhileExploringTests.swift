import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import GRDB
import Replay
import StoreGenerator
import TestSupport
import TUICore
import XCTest

/// The store changes under the explorer: deleted, replaced, truncated, appended to, locked. The
/// explorer says so and keeps (or reloads) its view; it never crashes, and its UI thread never waits.
final class FaultsWhileExploringTests: XCTestCase {
    let folder = TemporaryDirectory()

    private func open(_ path: String) -> ExplorerDriver {
        let source = SourceDescription(name: "store", format: "SQLite", projectionNames: [])
        let driver = ExplorerDriver(state: AppState(width: 100, height: 30, source: source),
                                    runner: EffectRunner(rules: .merge, storePath: path) { try StoreOpener.open(path: path) })
        XCTAssertTrue(driver.settle())
        return driver
    }

    /// Moves about and draws a frame, as a person would after a change.
    private func exercise(_ driver: ExplorerDriver) -> String {
        for action: Action in [.moveCursor(by: -1), .activate, .dismiss, .focusNext, .stepInStream(by: -1)] { driver.send(action) }
        driver.settle(timeout: 30)
        return Screen(theme: .monochrome, unicode: true).render(driver.state).text()
    }

    private func generate(_ name: String, events: Int) throws -> String {
        let path = folder.path(name)
        try StoreGenerator.generate(path: path, events: events, seed: 3, domain: .orders)
        return path
    }

    func testDeletedStoreKeepsTheLastView() throws {
        let path = try generate("deleted.sqlite", events: 300)
        let driver = open(path)
        defer { driver.runner.stop() }
        try FileManager.default.removeItem(atPath: path)
        XCTAssertTrue(driver.wait { $0.message?.contains("the store file is gone") == true })
        let screen = exercise(driver)
        XCTAssertEqual(driver.state.store.log.bounds?.count, 300)
        XCTAssertTrue(screen.contains("#"), screen)
    }

    func testReplacedStoreIsReloaded() throws {
        let path = try generate("replaced.sqlite", events: 300)
        let driver = open(path)
        defer { driver.runner.stop() }
        let smaller = try generate("smaller.sqlite", events: 120)
        XCTAssertEqual(rename(smaller, path), 0, "replace the file, as a writer swapping in a new store would")
        XCTAssertTrue(driver.wait { $0.store.generation == 1 && $0.store.log.isComplete && $0.store.log.bounds?.count == 120 })
        XCTAssertEqual(driver.state.message, "the store file was replaced or truncated: reloaded")
        XCTAssertLessThanOrEqual(try XCTUnwrap(driver.state.cursor), 120)
        _ = exercise(driver)
    }

    func testTruncatedSQLiteStoreReportsInsteadOfCrashing() throws {
        let path = try generate("truncated.sqlite", events: 400)
        let driver = open(path)
        defer { driver.runner.stop() }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 20_000)
        try handle.close()
        XCTAssertTrue(driver.wait { $0.store.generation == 1 })
        let screen = exercise(driver)
        XCTAssertTrue(driver.state.store.problem != nil || driver.state.message != nil, screen)
    }

    func testJSONLinesAppendedTruncatedAndReplaced() throws {
        let lines = (1...10).map { #"{"stream":"s-\#($0 % 3)","type":"T\#($0)","time":"2026-01-05T08:00:0\#($0 % 10)Z"}"# }
        let path = folder.write("store.jsonl", lines.joined(separator: "\n") + "\n")
        let driver = open(path)
        defer { driver.runner.stop() }
        XCTAssertEqual(driver.state.store.log.bounds?.count, 10)

        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((#"{"stream":"s-9","type":"Late"}"# + "\n" + #"{"stream":"s-9","ty"#).utf8))
        try handle.close()
        XCTAssertTrue(driver.wait { $0.store.log.bounds?.count == 11 }, "the complete line arrives")
        driver.settle()
        XCTAssertEqual(driver.state.store.log.bounds?.count, 11, "the partial line waits")
        _ = exercise(driver)

        folder.write("store.jsonl", lines.prefix(3).joined(separator: "\n") + "\n")
        XCTAssertTrue(driver.wait { $0.store.generation == 1 && $0.store.log.isComplete && $0.store.log.bounds?.count == 3 })
        XCTAssertEqual(driver.state.message, "the store file was replaced or truncated: reloaded")
        _ = exercise(driver)
    }

    /// A writer holds an exclusive lock (rollback journal): the core keeps answering keys at once,
    /// the panes that need the store say they are waiting or that it is locked, and fill in once
    /// the lock goes.
    func testLockedStoreKeepsTheExplorerResponsiveAndFillsInAfterwards() throws {
        let path = try generate("locked.sqlite", events: 200)
        let driver = open(path)
        defer { driver.runner.stop() }
        // The writer waits for the explorer's readers to let go before it takes the lock (they are
        // reading the freshly opened store: the outbox and consumers, the index).
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        let writer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            try db.execute(sql: "DELETE FROM projection_checkpoints")
            // Keys go through reduce and render without touching the store.
            driver.send(.cursorToStart, .showHelp, .dismiss, .focusNext, .moveCursor(by: 5))
            _ = Screen(theme: .monochrome, unicode: true).render(driver.state)
            XCTAssertTrue(driver.wait { $0.store.problem?.contains("locked") == true }, "the reads report the lock")
            try db.execute(sql: "ROLLBACK")
        }
        XCTAssertTrue(driver.wait { $0.store.problem == nil && $0.cursorEvent != nil && $0.shown != nil })
        XCTAssertEqual(driver.state.store.log.bounds?.count, 200)
    }
}
