/// Turns text into the characters a `Buffer` stores, escaping what must not reach a terminal.
///
/// A grapheme cluster that is safe stays whole. One that is not (a control character, an escape
/// sequence, a bidi override, a zero-width character, a combining mark with nothing to combine
/// with) is taken apart: its visible scalars are kept and the others are written as `\uXXXX`,
/// exactly like `SafeText.escaped`.
enum CellText {
    /// Calls `body` with each character to store and its width (1 or 2), in order, until it returns false.
    static func forEachCharacter(in text: String, _ body: (Character, Int) -> Bool) {
        for character in text {
            if Cell.isSafe(character) {
                guard body(character, DisplayWidth.of(character)) else { return }
                continue
            }
            for scalar in character.unicodeScalars {
                let width = DisplayWidth.of(scalar)
                if width > 0 && !SafeText.needsEscape(scalar) {
                    guard body(Character(scalar), width) else { return }
                } else {
                    for escapeCharacter in SafeText.escapeSequence(for: scalar) {
                        guard body(escapeCharacter, 1) else { return }
                    }
                }
            }
        }
    }
}
