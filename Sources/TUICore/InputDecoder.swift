/// Turns raw terminal input that curses leaves undecoded into key events: control bytes,
/// Alt-prefixed keys, xterm escape sequences, and terminfo names of modified keys.
///
/// Pure, so the backend's decoding can be tested without a terminal.
public enum InputDecoder {
    /// The key for one character read in raw mode: control bytes become Ctrl+letter (so Ctrl-C is
    /// `.ctrl("c")`), Enter, Tab, Backspace or Escape; everything else is a character key.
    public static func key(forCharacter scalar: Unicode.Scalar) -> KeyEvent {
        switch scalar.value {
        case 0x0D, 0x0A: return KeyEvent(.enter)
        case 0x09: return KeyEvent(.tab)
        case 0x08, 0x7F: return KeyEvent(.backspace)
        case 0x1B: return KeyEvent(.escape)
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A:
            return .ctrl(Character(Unicode.Scalar(UInt8(scalar.value) + 0x60)))  // 1 is a, 26 is z
        case 0x1C...0x1F:
            return .ctrl(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))  // \ ] ^ _
        default:
            return .character(Character(scalar))
        }
    }

    /// `event` pressed with Alt (the terminal sent ESC before it).
    public static func withAlt(_ event: KeyEvent) -> KeyEvent {
        KeyEvent(event.key, modifiers: event.modifiers.union(.alt))
    }

    /// Decodes what followed ESC in a CSI (`[1;5A`, `[15~`, `[Z`, `[99;5u`) or SS3 (`OP`)
    /// sequence; nil when it is not a key this program knows.
    public static func key(forEscapeSequence body: String) -> KeyEvent? {
        var scalars = Substring(body).unicodeScalars
        guard let introducer = scalars.popFirst(), let final = scalars.popLast() else { return nil }
        guard let numbers = parameters(String(scalars)) else { return nil }
        switch introducer {
        case "O":
            return numbers.isEmpty ? letterKey(final).map { KeyEvent($0) } : nil
        case "[":
            let modifiers = numbers.count >= 2 ? KeyModifiers(xtermParameter: numbers[1]) : []
            switch final {
            case "~":
                return numbers.first.flatMap(tildeKey).map { KeyEvent($0, modifiers: modifiers) }
            case "Z":
                return KeyEvent(.backTab, modifiers: modifiers.subtracting(.shift))
            case "u":
                guard let code = numbers.first, let scalar = Unicode.Scalar(code) else { return nil }
                let event = key(forCharacter: scalar)
                return KeyEvent(event.key, modifiers: event.modifiers.union(modifiers))
            default:
                return letterKey(final).map { KeyEvent($0, modifiers: modifiers) }
            }
        default:
            return nil
        }
    }

    /// Decodes a terminfo extended key name such as `kUP5` (Ctrl+Up) or `kDC3` (Alt+Delete),
    /// which curses reports for modified keys it has no KEY_ constant for.
    public static func key(forTerminfoName name: String) -> KeyEvent? {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        let base = String(name.dropLast(digits.count))
        let modifiers = Int(String(digits.reversed())).map { KeyModifiers(xtermParameter: $0) } ?? []
        let keys: [String: Key] = [
            "kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right, "kHOM": .home, "kEND": .end,
            "kPRV": .pageUp, "kNXT": .pageDown, "kDC": .delete, "kIC": .insert,
        ]
        return keys[base].map { KeyEvent($0, modifiers: modifiers) }
    }

    /// The numbers of `1;5` (an empty one means the default, 1); nil if one is not a number.
    private static func parameters(_ text: String) -> [Int]? {
        guard !text.isEmpty else { return [] }
        var numbers: [Int] = []
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            guard let number = part.isEmpty ? 1 : Int(part) else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    // MARK: - Tables

    /// Keys named by the final letter of `CSI A` or `SS3 P` style sequences.
    private static func letterKey(_ final: Unicode.Scalar) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        default: return nil
        }
    }

    /// Keys named by the number of a `CSI n ~` sequence (VT220 style).
    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23...26: return .function(number - 12)
        case 28, 29: return .function(number - 13)
        case 31...34: return .function(number - 14)
        default: return nil
        }
    }
}
