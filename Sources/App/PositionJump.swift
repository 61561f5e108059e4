/// Reads the `g` prompt: a global position as the screen shows it, `#1,000` or `1000`, with an
/// optional `#` and digit groups separated by `,`, `_` or a space (`1 000`).
public enum PositionJump {
    public static func parse(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: " "))
        if rest.first == "#" { rest = rest.dropFirst() }
        var digits = ""
        var previous: Character?
        for (offset, character) in zip(rest.indices, rest) {
            if character.isASCII, character.isNumber || (character == "-" && previous == nil) {
                digits.append(character)
            } else if ",_ ".contains(character), previous?.isNumber == true,
                      rest[rest.index(after: offset)...].first.map({ $0.isASCII && $0.isNumber }) == true {
                // a separator only between two digits
            } else {
                return nil
            }
            previous = character
        }
        return Int64(digits)
    }
}
