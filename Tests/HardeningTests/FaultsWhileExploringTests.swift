import App
import EventModel
import EventStore
import Foundation
import GRDB
import StoreGenerator
import TestSupport
import TUICore
import XCTest

/// The store changes under the explorer: deleted, replaced, truncated, appended to, locked. The
/// explorer says so and keeps (or reloads) its view; it never crashes.
final class FaultsWhileExploringTests: XCTestCase {
    let folder = TemporaryDirectory()

    private func open(_ path: String) throws -> (ExplorerSession, AppState) {
        let session = try ExplorerSession(storeName: "store", rules: .merge, storePath: path) { try StoreOpener.open(path: path) }
        session.settle()
        var state = AppState(width: 100, height: 30)
        reduce(&state, .cursorToEnd, session)
        return (session, state)
    }

    /// Draws a frame and moves about, as the run loop would after a change.
    private func exercise(_ session: ExplorerSession, _ state: inout AppState) -> String {
        _ = session.followStore()
        session.settle()
        if session.isIndexed, state.cursor >= session.index.count { reduce(&state, .cursorToEnd, session) }
        for action: Action in [.moveCursor(by: -1), .activate, .dismiss, .focusNext, .stepInStream(by: -1)] {
            reduce(&state, action, session)
        }
        return Screen(theme: .monochrome, unicode: true).render(state, session).text()
    }

    private func generate(_ name: String, events: Int) throws -> String {
        let path = folder.path(name)
        try StoreGenerator.generate(path: path, events: events, seed: 3, domain: .orders)
        return path
    }

    func testDeletedStoreKeepsTheLastView() throws {
        let path = try generate("deleted.sqlite", events: 300)
        var (session, state) = try open(path)
        try FileManager.default.removeItem(atPath: path)
        let screen = exercise(session, &state)
        XCTAssertTrue(screen.contains("the store file is gone"), screen)
        XCTAssertEqual(session.index.count, 300)
    }

    func testReplacedStoreIsReloaded() throws {
        let path = try generate("replaced.sqlite", events: 300)
        var (session, state) = try open(path)
        let smaller = try generate("smaller.sqlite", events: 120)
        XCTAssertEqual(rename(smaller, path), 0, "replace the file, as a writer swapping in a new store would")
        _ = exercise(session, &state)
        XCTAssertEqual(session.problem, "the store file was replaced or truncated: reloaded")
        XCTAssertEqual(session.index.count, 120)
        XCTAssertLessThan(state.cursor, 120)
    }

    func testTruncatedSQLiteStoreReportsInsteadOfCrashing() throws {
        let path = try generate("truncated.sqlite", events: 400)
        var (session, state) = try open(path)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 20_000)
        try handle.close()
        let screen = exercise(session, &state)
        XCTAssertNotNil(session.problem, screen)
    }

    func testJSONLinesAppendedTruncatedAndReplaced() throws {
        let lines = (1...10).map { #"{"stream":"s-\#($0 % 3)","type":"T\#($0)","time":"2026-01-05T08:00:0\#($0 % 10)Z"}"# }
        let path = folder.write("store.jsonl", lines.joined(separator: "\n") + "\n")
        var (session, state) = try open(path)
        XCTAssertEqual(session.index.count, 10)

        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((#"{"stream":"s-9","type":"Late"}"# + "\n" + #"{"stream":"s-9","ty"#).utf8))
        try handle.close()
        XCTAssertEqual(session.followStore(), 1, "the complete line arrives, the partial one waits")
        _ = exercise(session, &state)

        folder.write("store.jsonl", lines.prefix(3).joined(separator: "\n") + "\n")
        _ = exercise(session, &state)
        XCTAssertEqual(session.index.count, 3)
        XCTAssertEqual(session.problem, "the store file was replaced or truncated: reloaded")
    }

    func testLockedStoreDoesNotCrashTheExplorer() throws {
        let path = try generate("locked.sqlite", events: 200)
        var (session, state) = try open(path)
        let writer = try DatabaseQueue(path: path)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            try db.execute(sql: "DELETE FROM projection_checkpoints")
            _ = exercise(session, &state)
            try db.execute(sql: "ROLLBACK")
        }
        _ = exercise(session, &state)
        XCTAssertEqual(session.index.count, 200)
    }
}
