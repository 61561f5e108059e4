import CNcurses
import Glibc
import TUICore

extension Terminal {
    /// Waits up to `timeoutMilliseconds` (forever when negative) for a key, mouse action or
    /// resize. Returns `.tick` when the time passes with nothing to report, or as soon as
    /// `wakeDescriptor` becomes readable (work finished elsewhere); nil once stopped.
    public func nextEvent(timeoutMilliseconds: Int, wakeDescriptor: Int32? = nil) -> InputEvent? {
        guard !isStopped else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
        while true {
            let remaining = timeoutMilliseconds < 0 ? -1 : Self.milliseconds(from: clock.now, to: deadline)
            let input: Input?
            if let wakeDescriptor {
                // Input curses has already buffered comes first; otherwise wait for either side.
                if let buffered = read(timeoutMilliseconds: 0) {
                    input = buffered
                } else if Self.waitForInputOrWake(wakeDescriptor, timeoutMilliseconds: remaining) {
                    input = read(timeoutMilliseconds: 0)
                } else {
                    return .tick
                }
            } else {
                input = read(timeoutMilliseconds: remaining)
            }
            if let input, let event = event(for: input) { return event }
            if timeoutMilliseconds >= 0 && clock.now >= deadline { return .tick }
        }
    }

    /// Waits until the terminal has input (true) or `wake` is readable or the time passes (false).
    private static func waitForInputOrWake(_ wake: Int32, timeoutMilliseconds: Int) -> Bool {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, 2, Int32(clamping: timeoutMilliseconds))
        guard ready > 0 else { return false }
        return descriptors[0].revents != 0
    }

    // MARK: - Reading

    /// One unit of curses input: a character, or a KEY_ code for keys curses decoded.
    private enum Input {
        case character(Unicode.Scalar)
        case keyCode(Int32)
    }

    /// Reads one input within the timeout (0 polls, negative waits); nil when none came.
    private func read(timeoutMilliseconds: Int) -> Input? {
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: value))
        case OK: return Unicode.Scalar(value).map(Input.character)
        default: return nil
        }
    }

    /// The event for one input, reading on for ESC sequences; nil for input that means nothing here.
    private func event(for input: Input) -> InputEvent? {
        switch input {
        case .keyCode(let code):
            return event(forKeyCode: code)
        case .character("\u{1B}"):
            return eventAfterEscape()
        case .character(let scalar):
            return .key(InputDecoder.key(forCharacter: scalar))
        }
    }

    /// ESC alone is Escape; ESC and a key at once is Alt+key; ESC [ or ESC O starts a sequence
    /// curses did not know (e.g. Ctrl+Up on a terminal whose terminfo lacks it).
    private func eventAfterEscape() -> InputEvent? {
        guard let next = read(timeoutMilliseconds: 0) else { return .key(KeyEvent(.escape)) }
        switch next {
        case .keyCode(let code):
            let event = event(forKeyCode: code)
            if case .key(let key)? = event { return .key(InputDecoder.withAlt(key)) }
            return event
        case .character(let introducer) where introducer == "[" || introducer == "O":
            var body = String(introducer)
            while body.unicodeScalars.count < 16, case .character(let scalar)? = read(timeoutMilliseconds: 0) {
                body.unicodeScalars.append(scalar)
                if introducer == "O" || (0x40...0x7E).contains(scalar.value) { break }
            }
            if body.unicodeScalars.count == 1 { return .key(InputDecoder.withAlt(.character(Character(introducer)))) }
            return InputDecoder.key(forEscapeSequence: body).map(InputEvent.key)
        case .character(let scalar):
            return .key(InputDecoder.withAlt(InputDecoder.key(forCharacter: scalar)))
        }
    }

    // MARK: - Key codes

    private func event(forKeyCode code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE:
            previousFrame = nil
            let size = size
            return .resize(width: size.width, height: size.height)
        case KEY_MOUSE:
            return mouseEvent().map(InputEvent.mouse)
        default:
            return Self.keyEvent(forKeyCode: code).map(InputEvent.key)
        }
    }

    private static func keyEvent(forKeyCode code: Int32) -> KeyEvent? {
        if let key = plainKeys[code] { return KeyEvent(key) }
        if let key = shiftedKeys[code] { return KeyEvent(key, modifiers: .shift) }
        if code > evx_key_f(0) && code <= evx_key_f(63) { return KeyEvent(.function(Int(code - evx_key_f(0)))) }
        // Modified keys curses knows only by their terminfo name, such as kUP5 for Ctrl+Up.
        return keyname(code).flatMap { InputDecoder.key(forTerminfoName: String(cString: $0)) }
    }

    private static let plainKeys: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_HOME: .home, KEY_END: .end, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown,
        KEY_ENTER: .enter, KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert, KEY_BTAB: .backTab,
        // The keypad's corners and centre.
        KEY_A1: .home, KEY_A3: .pageUp, KEY_C1: .end, KEY_C3: .pageDown,
    ]

    private static let shiftedKeys: [Int32: Key] = [
        KEY_SR: .up, KEY_SF: .down, KEY_SLEFT: .left, KEY_SRIGHT: .right,
        KEY_SHOME: .home, KEY_SEND: .end, KEY_SPREVIOUS: .pageUp, KEY_SNEXT: .pageDown,
        KEY_SDC: .delete, KEY_SIC: .insert,
    ]

    private static func milliseconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (end - start).components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
