import CNcurses
import CTerminalGuard
import Glibc
import TUICore

/// The ncurses backend: shows `Buffer`s and reads keys, mouse and resizes.
///
/// Start it with `Terminal.start(options:)`, draw and read events from that one thread only, and
/// call `stop()` before printing anything else (deinit calls it too). Signals and crashes restore
/// the terminal through CTerminalGuard.
public final class Terminal {
    /// Colours the terminal can show; `.none` when it has none or `NO_COLOR` is set.
    public let colorSupport: ColorSupport
    /// True when the locale's character set is UTF-8; otherwise non-ASCII cells are drawn as `?`
    /// and the app should use `BoxCharacters.ascii`.
    public let isUnicode: Bool

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let mouseEnabled: Bool
    var palette: Palette
    /// The last frame drawn, to write only what changed; nil forces a full redraw.
    var previousFrame: Buffer?
    /// The screen size when `previousFrame` was drawn.
    var frameScreenSize = (width: 0, height: 0)
    /// A mouse button was pressed and not yet released, to tell a drag from plain motion.
    var isButtonDown = false
    private(set) var isStopped = false
    private var lastSize: (width: Int, height: Int)

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, options: Options, palette: Palette, isUnicode: Bool) {
        self.screen = screen
        self.window = window
        self.mouseEnabled = options.mouse
        self.colorSupport = palette.colorSupport
        self.isUnicode = isUnicode
        self.palette = palette
        var rows: Int32 = 0, columns: Int32 = 0
        evx_getmaxyx(window, &rows, &columns)
        lastSize = (Int(columns), Int(rows))
    }

    deinit { stop() }

    // MARK: - Starting and stopping

    /// Takes over the terminal: raw mode (Ctrl-C is a key, not a signal), no echo, keypad and
    /// mouse on, hidden cursor, the alternate screen, colours unless `NO_COLOR` is set.
    /// - Throws: `TerminalError` with a one-line message when there is no usable terminal.
    public static func start(options: Options = Options()) throws -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard evx_guard_is_installed() == 0 else { throw TerminalError.alreadyStarted }
        setlocale(LC_ALL, "")
        let termName = environment("TERM")
        guard let termName, !termName.isEmpty else { throw TerminalError.unusableTerminalType(nil) }

        // Installed before newterm so ncurses keeps its own SIGINT/SIGTERM handlers out of the way.
        guard evx_guard_install(STDOUT_FILENO) == 0 else { throw TerminalError.notATerminal }
        guard evx_guard_redirect_stderr(options.standardErrorLogPath) == 0 else {
            evx_guard_uninstall()
            throw TerminalError.cannotOpenLog(options.standardErrorLogPath ?? "/dev/null")
        }
        guard let screen = evx_newterm_stdio(), let window = evx_stdscr() else {
            evx_guard_uninstall()
            throw TerminalError.unusableTerminalType(termName)
        }
        // A terminal that cannot move the cursor (TERM=dumb) cannot show a full-screen view.
        guard evx_tigetstr("cup") != nil else {
            endwin()
            delscreen(screen)
            evx_guard_uninstall()
            throw TerminalError.unusableTerminalType(termName)
        }
        raw()
        noecho()
        keypad(window, true)
        leaveok(window, true)
        set_escdelay(25)
        curs_set(0)
        if options.mouse {
            mousemask(evx_all_mouse_events() | evx_report_mouse_position(), nil)
            mouseinterval(0)  // report presses at once instead of waiting to make clicks
        }
        let palette = startColors()
        evx_guard_set_restore_sequence(RestoreSequence.fromTerminfo(mouse: options.mouse))
        return Terminal(
            screen: screen, window: window, options: options,
            palette: palette, isUnicode: String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        )
    }

    /// Gives the terminal back: mouse off, cursor shown, shell modes and the normal screen
    /// restored, standard error and signal handlers put back. Safe to call more than once.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        if mouseEnabled { mousemask(0, nil) }
        curs_set(1)
        endwin()
        delscreen(screen)
        evx_guard_uninstall()
    }

    // MARK: - Size

    /// Columns and rows of the screen (the last known size once stopped).
    public var size: (width: Int, height: Int) {
        guard !isStopped else { return lastSize }
        var rows: Int32 = 0, columns: Int32 = 0
        evx_getmaxyx(window, &rows, &columns)
        lastSize = (Int(columns), Int(rows))
        return lastSize
    }

    // MARK: - Helpers

    /// Colours are used when curses finds some and NO_COLOR is unset or empty (no-color.org).
    private static func startColors() -> Palette {
        guard has_colors(), environment("NO_COLOR")?.isEmpty ?? true, start_color() == OK else {
            return Palette(colorSupport: .none, defaultColors: false)
        }
        let count = evx_colors()
        let support: ColorSupport = count >= 16 ? .colors256 : count >= 8 ? .basic8 : .none
        return Palette(colorSupport: support, defaultColors: use_default_colors() == OK)
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
