// evx-terminal-check: a tiny program that drives the Terminal backend for the end-to-end tmux
// tests (and for a person to try by hand). It shows wide characters, an emoji, a combining
// character, a hostile payload that must appear escaped, the size, its pid and the last event.
//
//   evx-terminal-check [--log PATH] [--crash-after-first-frame]
//
// q or Ctrl+C quits and then prints "quit by <key>" on the normal screen.

import Glibc
import Terminal
import TUICore

let arguments = Array(CommandLine.arguments.dropFirst())
let crashAfterFirstFrame = arguments.contains("--crash-after-first-frame")
let logPath = arguments.firstIndex(of: "--log").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }

/// What the last event was, in the words the tests look for.
func describe(_ event: InputEvent) -> String {
    switch event {
    case .key(let key): return "key \(key)"
    case .mouse(let mouse): return "mouse \(describe(mouse.kind)) at \(mouse.x),\(mouse.y)"
    case .resize(let width, let height): return "resize \(width)x\(height)"
    case .tick: return "tick"
    }
}

func describe(_ kind: MouseEvent.Kind) -> String {
    switch kind {
    case .press(let button): return "press \(button)"
    case .release: return "release"
    case .scrollUp: return "scrollUp"
    case .scrollDown: return "scrollDown"
    case .drag: return "drag"
    }
}

func frame(width: Int, height: Int, isUnicode: Bool, lastEvent: String) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    let label = Style(foreground: .cyan)
    buffer.drawBox(buffer.bounds, box: .forTerminal(isUnicode: isUnicode), style: Style(foreground: .brightBlue))
    buffer.write(" evx-terminal-check ", at: 2, y: 0, maxWidth: width - 4, style: Style(bold: true))
    let lines: [(String, String)] = [
        ("wide:", "日本語"),
        ("emoji:", "🙂"),
        ("combining:", "e\u{301}"),
        ("payload:", "\u{1B}]0;pwned\u{07} then \u{1B}[2J"),
        ("size:", "\(width)x\(height)"),
        ("pid:", "\(getpid())"),
        ("last:", lastEvent),
    ]
    let inside = buffer.bounds.inset(by: 1).inset(left: 1, right: 1)
    for (row, line) in lines.enumerated() where row < inside.height {
        let used = buffer.write(line.0, at: inside.x, y: inside.y + row, maxWidth: inside.width, style: label)
        buffer.write(line.1, at: inside.x + max(used, 12), y: inside.y + row, maxWidth: inside.width - max(used, 12))
    }
    if inside.height > lines.count {
        buffer.write("q or Ctrl+C quits", at: inside.x, y: inside.maxY - 1, maxWidth: inside.width, style: Style(reverse: true))
    }
    return buffer
}

let terminal: Terminal
do {
    terminal = try Terminal.start(options: Terminal.Options(standardErrorLogPath: logPath))
} catch {
    let message = Array("evx-terminal-check: \(error)\n".utf8)
    _ = write(STDERR_FILENO, message, message.count)
    exit(1)
}

var lastEvent = "none"
var quitKey: KeyEvent?
while quitKey == nil {
    let size = terminal.size
    terminal.draw(frame(width: size.width, height: size.height, isUnicode: terminal.isUnicode, lastEvent: lastEvent))
    if crashAfterFirstFrame { fatalError("crash requested by --crash-after-first-frame") }
    guard let event = terminal.nextEvent(timeoutMilliseconds: 1000) else { break }
    switch event {
    case .key(let key) where key == .character("q") || key == .ctrl("c"): quitKey = key
    case .tick: break
    default: lastEvent = describe(event)
    }
}
terminal.stop()
print("evx-terminal-check: quit by \(quitKey.map(String.init(describing:)) ?? "end of input")")
