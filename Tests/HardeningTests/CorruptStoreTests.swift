import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import Replay
import TestSupport
import TUICore
import XCTest

/// Every corrupt store gets a clear message (exit status 2) or flagged events, never a crash or a
/// hang, from the CLI and from the explorer's core; none is changed by being read.
final class CorruptStoreTests: XCTestCase {
    /// A bound against hangs, not a timing: the slowest case (one 200 MB line) takes about 20 s in
    /// a debug build on two cores shared with other builds (3–4 s of CPU per command, 2–3 s per
    /// explorer frame), so 120 s leaves a margin of six.
    static let timeout: TimeInterval = 120

    func testEveryCaseOfTheCorpus() throws {
        XCTAssertGreaterThanOrEqual(CorruptStoreCorpus.cases.count, 30)
        for corruptCase in CorruptStoreCorpus.cases {
            let folder = TemporaryDirectory()
            let path = try corruptCase.build(folder)
            let before = fileBytes(path)
            for command in [["info", path], ["info", path, "--json"], ["events", path, "--json", "--limit", "50"],
                            ["replay", path, "--stream", corruptCase.stream, "--json"], ["project", path, "--json"]] {
                let run = try EvxProcess.run(command, timeout: Self.timeout)
                XCTAssertTrue([0, 1, 2].contains(run.status), "\(corruptCase.name): \(command[0]) ended with \(run.status): \(run.stderr.prefix(500))")
                if run.status == 2 {
                    XCTAssertTrue(run.stderr.hasPrefix("evx: "), "\(corruptCase.name): \(command[0]): \(run.stderr.prefix(300))")
                    XCTAssertEqual(run.stderr.split(separator: "\n").filter { !$0.hasPrefix("evx: warning:") }.count, 1,
                                   "\(corruptCase.name): \(command[0]) said more than one line: \(run.stderr.prefix(500))")
                }
                XCTAssertFalse(run.stderr.contains("Fatal error") || run.stderr.contains("Program crashed"), "\(corruptCase.name): \(run.stderr.prefix(500))")
            }
            try assertTheExplorerCoreCopes(with: path, corruptCase)
            XCTAssertEqual(fileBytes(path), before, "\(corruptCase.name): the store changed")
        }
    }

    /// Opens the store in the explorer's core with its runner, moves about and renders, within a
    /// time bound, and checks that every cell drawn is printable.
    private func assertTheExplorerCoreCopes(with path: String, _ corruptCase: CorruptStoreCase) throws {
        guard let opened = try? StoreOpener.open(path: path) else { return }  // refused: the CLI checks above cover the message
        let source = SourceDescription(name: "corrupt", format: opened.kind == .sqlite ? "SQLite" : "JSON Lines", projectionNames: [])
        let driver = ExplorerDriver(state: AppState(width: 100, height: 30, source: source),
                                    runner: EffectRunner(rules: .merge, storePath: path) { try StoreOpener.open(path: path) })
        defer { driver.runner.stop() }
        guard driver.settle(timeout: Self.timeout) else {
            return XCTFail("\(corruptCase.name): the explorer core did not settle within \(Self.timeout) s")
        }
        let screen = Screen(theme: .color, unicode: true)
        var problems: [String] = []
        for action: Action in [.cursorToEnd, .showHelp, .dismiss, .activate, .dismiss, .focusNext, .openPrompt(.command)] { driver.send(action) }
        for character in "stream " + corruptCase.stream.prefix(50) { driver.send(.editPrompt(.character(character))) }
        for action: Action in [.submitPrompt, .stepInStream(by: -1), .toggleDiff, .cursorToStart, .moveCursor(by: 1)] {
            driver.send(action)
            guard driver.settle(timeout: Self.timeout) else {
                return XCTFail("\(corruptCase.name): the explorer core did not settle within \(Self.timeout) s")
            }
            let buffer = screen.render(driver.state)
            for y in 0..<buffer.height {
                for cell in buffer.row(y) where cell.character.unicodeScalars.contains(where: SafeText.needsEscape) {
                    problems.append("unsafe cell \(cell.character.unicodeScalars.map { String($0.value, radix: 16) }) at row \(y)")
                }
            }
        }
        if let problem = problems.first { XCTFail("\(corruptCase.name): \(problem)") }
    }
}
