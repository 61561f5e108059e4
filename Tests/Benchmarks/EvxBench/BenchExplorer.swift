import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import PostgresStore
import Replay

/// A store named as `evx` takes it: a `postgres://` URI or a file.
func openStore(_ store: String) throws -> EventSource {
    ConnectionSettings.isURI(store) ? try PostgresSource(uri: store) : try StoreOpener.open(path: store)
}

func now() -> EventTime {
    EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
}

/// The explorer's run loop without a terminal, as `ExplorerLoop` runs it: answers become actions,
/// the clock ticks each second (retries, LIVE), and a frame is rendered after every change, so
/// "shown" means drawn into a buffer. The benchmarks time how long until a condition holds.
final class BenchExplorer {
    private(set) var state: AppState
    let runner: EffectRunner
    private let screen = Screen(theme: .color, unicode: true)
    private var lastClock = Date.distantPast
    /// Called with each answer before it is reduced (the follow benchmark times appends).
    var onAnswer: ((Action) -> Void)?

    /// Opens `store` as the explorer does: one connection on the UI thread for the header's
    /// description (before the first frame), then the runner's workers, each with its own.
    init(store: String, rules: Rules, follows: Bool = false) throws {
        let first = try openStore(store)
        let description = SourceDescription(name: first.path, format: first.kind.displayName, projectionNames: rules.projections.map(\.name))
        runner = EffectRunner(rules: rules, storePath: ConnectionSettings.isURI(store) ? nil : store) { try openStore(store) }
        state = AppState(width: 120, height: 40, source: description, follows: follows)
        tick()
    }

    /// One frame: the UI thread's work for an action (reduce, then render).
    func send(_ action: Action) {
        runner.run(reduce(&state, action))
        _ = screen.render(state)
    }

    func setPrompt(_ prompt: Prompt) { state.prompt = prompt }

    /// Takes answers until `condition` holds (true) or `timeout` seconds pass (false).
    @discardableResult
    func pump(timeout: Double = 120, until condition: (AppState) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(state) {
            guard Date() < deadline else { return false }
            let answers = runner.waitForActions(timeoutMilliseconds: 5)
            for answer in answers {
                onAnswer?(answer)
                runner.run(reduce(&state, answer))
            }
            if !answers.isEmpty { _ = screen.render(state) }
            if Date().timeIntervalSince(lastClock) >= 1 { tick() }
        }
        return true
    }

    private func tick() {
        lastClock = Date()
        runner.run(reduce(&state, .clock(now())))
    }

    /// Cancels what is running (a projection over the whole log, say) and stops the workers.
    func close() {
        runner.run(state.requests.cancelAll())
        runner.stop()
    }

    /// Every pane has what it shows: the events on screen, the aggregate, the timeline's probes
    /// (windows-only sources), the delivery pane; the projections pane has its values or is
    /// computing them with progress (on a large table they stream in the background).
    static func isFilled(_ state: AppState) -> Bool {
        missing(state).isEmpty
    }

    /// What `isFilled` still waits for (a benchmark that gives up says what).
    static func missing(_ state: AppState) -> [String] {
        var missing: [String] = []
        if !state.store.isOpen { missing.append("open") }
        if state.cursorEvent == nil { missing.append("the cursor's event") }
        if state.shown == nil { missing.append("the aggregate") }
        if state.store.delivery == nil { missing.append("the delivery pane") }
        if !state.store.log.isComplete, !state.store.probed { missing.append("the timeline's probes") }
        missing += Requests.Kind.allCases.filter { $0 != .projections && state.requests.isRunning($0) }.map { "request \($0)" }
        if let problem = state.store.problem { missing.append("problem: \(problem)") }
        return missing
    }
}
