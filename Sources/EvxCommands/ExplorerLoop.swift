import App
import EventModel
import EventStore
import Foundation
import Replay
import Terminal
import TUICore

#if canImport(Glibc)
import Glibc
#endif

/// The explorer's run loop: read an input event, turn it into an action, reduce, draw. Background
/// results are picked up on every turn; projections and delivery status are asked for once the
/// cursor has rested for a turn, so scrubbing never waits on them.
enum ExplorerLoop {
    /// How long one turn waits for input before it polls the background again.
    static let tickMilliseconds = 100

    /// Fails clearly when the explorer cannot run here (before anything else is started).
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UsageError("the explorer needs a terminal (stdin and stdout); for scripts use 'evx info' or 'evx events --json'")
        }
    }

    static func run(store: String, options: StoreOptions = StoreOptions(), rules: Rules, follow: Bool = false) throws {
        try requireTerminal()
        let name = store.split(separator: "/").last.map(String.init) ?? store
        let session = try ExplorerSession(storeName: name, rules: rules, storePath: store) { try StoreOpener.open(path: store, options: options) }
        let terminal: Terminal
        do {
            terminal = try Terminal.start()
        } catch {
            throw UsageError("cannot start the terminal UI: \(error)")
        }
        defer { terminal.stop() }
        let screen = Screen(theme: Theme.forTerminal(terminal.colorSupport), unicode: terminal.isUnicode)
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height)
        state.follows = follow
        var restingTurns = 0
        var changesSeen = 0
        var needsDrawing = true
        while !state.quitRequested {
            if session.poll() { needsDrawing = true }
            let added = session.followStore()
            if added > 0 { reduce(&state, .storeGrew(by: added), session) }
            if session.isIndexed, state.cursor >= session.index.count { reduce(&state, .cursorToEnd, session) }
            let storeChanged = session.changesSeen != changesSeen
            changesSeen = session.changesSeen
            if storeChanged { needsDrawing = true }
            if restingTurns == 1 || storeChanged { requestBackgroundViews(state, session, refresh: storeChanged) }
            // Drawing costs a render and a diff: only when something changed (idle CPU stays near zero).
            if needsDrawing {
                terminal.draw(screen.render(state, session))
                needsDrawing = false
            }
            guard let input = terminal.nextEvent(timeoutMilliseconds: tickMilliseconds) else { continue }
            guard let action = action(for: input, state) else {
                restingTurns += 1
                continue
            }
            restingTurns = 0
            needsDrawing = true
            reduce(&state, action, session)
        }
    }

    private static func action(for input: InputEvent, _ state: AppState) -> Action? {
        switch input {
        case .key(let key): return App.action(for: key, in: state)
        case .resize(let width, let height): return .resize(width: width, height: height)
        case .mouse(let mouse):
            switch mouse.kind {
            case .press(.left): return .click(x: mouse.x, y: mouse.y)
            case .scrollUp: return .moveCursor(by: -3)
            case .scrollDown: return .moveCursor(by: 3)
            default: return nil
            }
        case .tick: return nil
        }
    }

    /// Asks for the projections at the cursor and the delivery status as of its time (as of now
    /// when following); `refresh` asks again for the same moment, after another process committed.
    private static func requestBackgroundViews(_ state: AppState, _ session: ExplorerSession, refresh: Bool) {
        guard session.isIndexed, session.index.positions.indices.contains(state.cursor) else { return }
        session.requestProjections(at: session.index.positions[state.cursor], force: refresh)
        let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000) / 1000 * 1000)
        if let time = state.follows ? now : session.index.time(at: state.cursor) { session.requestDelivery(asOf: time, force: refresh) }
    }
}
