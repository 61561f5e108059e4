import App
import EventModel
import Foundation
import Replay

/// Drives the explorer's core with a real runner but no terminal: tests and benchmarks send
/// actions and wait until every request has been answered, as the run loop would over time.
public final class ExplorerDriver {
    public private(set) var state: AppState
    public let runner: EffectRunner

    public init(state: AppState, runner: EffectRunner) {
        self.state = state
        self.runner = runner
        runner.run(reduce(&self.state, .clock(Self.now())))
    }

    public func send(_ actions: Action...) {
        for action in actions { runner.run(reduce(&state, action)) }
    }

    /// Takes in answers until no request is in flight; false when `timeout` seconds pass first.
    @discardableResult
    public func settle(timeout: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var lastClock = Date.distantPast
        while Date() < deadline {
            for action in runner.takeActions() { runner.run(reduce(&state, action)) }
            if !state.requests.isBusy { return true }
            if Date().timeIntervalSince(lastClock) > 0.5 {
                // Reads that failed are asked again by the clock (a second later).
                lastClock = Date()
                runner.run(reduce(&state, .clock(Self.now())))
            }
            for action in runner.waitForActions(timeoutMilliseconds: 100) { runner.run(reduce(&state, action)) }
        }
        return false
    }

    /// Takes in answers (and the store watcher's news) until `condition` holds; false when
    /// `timeout` seconds pass first.
    @discardableResult
    public func wait(timeout: Double = 120, until condition: (AppState) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            takeAnswers()
            if condition(state) { return true }
            runner.run(reduce(&state, .clock(Self.now())))
            for action in runner.waitForActions(timeoutMilliseconds: 100) { runner.run(reduce(&state, action)) }
        }
        return condition(state)
    }

    /// Takes in whatever has been answered so far without waiting.
    public func takeAnswers() {
        for action in runner.takeActions() { runner.run(reduce(&state, action)) }
    }

    static func now() -> EventTime {
        EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
