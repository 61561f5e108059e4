import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import PostgresStore
import Replay
import Terminal
import TUICore

#if canImport(Glibc)
import Glibc
#endif

/// The explorer's run loop: input and the workers' answers become actions, `reduce` returns
/// effects, the runner does them off this thread, and the screen is drawn from the state alone.
/// Nothing here waits for the store: the loop waits only for a key or a worker's wake-up.
enum ExplorerLoop {
    /// How long one turn waits for input when nothing wakes it.
    static let idleMilliseconds = 250
    /// How often the clock is sent (LIVE's "as of now", retries after a failed read).
    static let clockMicroseconds: Int64 = 1_000_000

    /// Fails clearly when the explorer cannot run here (before anything else is started).
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UsageError("the explorer needs a terminal (stdin and stdout); for scripts use 'evx info' or 'evx events --json'")
        }
    }

    static func run(store: String, options: StoreOptions = StoreOptions(), rules: Rules, follow: Bool = false, at start: StartPoint? = nil) throws {
        try requireTerminal()
        let open: @Sendable () throws -> EventSource = { try StoreLocation.open(store, options: options) }
        // A store that cannot be read fails here, with one line, before the screen changes.
        let first = try open()
        let isFile = StoreLocation.isFile(store)
        let source = SourceDescription(name: isFile ? (store.split(separator: "/").last.map(String.init) ?? store) : first.path,
                                       format: formatName(first),
                                       projectionNames: rules.projections.map(\.name))
        let runner = EffectRunner(rules: rules, storePath: isFile ? store : nil, open: open)
        defer { runner.stop() }
        let terminal: Terminal
        do {
            terminal = try Terminal.start()
        } catch {
            throw UsageError("cannot start the terminal UI: \(error)")
        }
        defer { terminal.stop() }
        let screen = Screen(theme: Theme.forTerminal(terminal.colorSupport), unicode: terminal.isUnicode)
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, source: source, follows: follow)
        state.start = start
        var lastClock: Int64 = 0
        var needsDrawing = true
        /// The runner does the store's effects; the terminal's own (the clipboard) are done here.
        func perform(_ effects: [Effect]) {
            for case .copyToClipboard(let text) in effects { terminal.copyToClipboard(text) }
            runner.run(effects)
        }
        perform(reduce(&state, .clock(now())))
        while !state.quitRequested {
            for action in runner.takeActions() {
                perform(reduce(&state, action))
                needsDrawing = true
            }
            let time = now()
            if time.microseconds - lastClock >= clockMicroseconds {
                lastClock = time.microseconds
                perform(reduce(&state, .clock(time)))
                needsDrawing = true
            }
            // Drawing costs a render and a diff: only when something changed (idle CPU stays near zero).
            if needsDrawing {
                terminal.draw(screen.render(state))
                needsDrawing = false
            }
            guard let input = terminal.nextEvent(timeoutMilliseconds: idleMilliseconds, wakeDescriptor: runner.wakeDescriptor) else { break }
            guard let action = action(for: input, state) else { continue }
            perform(reduce(&state, action))
            needsDrawing = true
        }
    }

    /// The format and, for another library's store, its family: `eventsourcing (Python), SQLite`.
    private static func formatName(_ source: EventSource) -> String {
        let family = (source as? SQLiteSource)?.family ?? (source as? PostgresSource)?.family
        guard let family, !family.hasPrefix("evx") else { return source.kind.displayName }
        return "\(family), \(source.kind.displayName)"
    }

    private static func now() -> EventTime {
        EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
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
}
