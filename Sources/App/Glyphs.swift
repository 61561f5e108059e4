/// The ASCII forms of the symbols evx writes itself (not of payload text), for terminals whose
/// character set is not UTF-8: there each would otherwise show as `?`.
enum Glyphs {
    /// Replacements, longest first so a pair is taken before its parts.
    private static let forms: [(String, String)] = [
        ("←→", "<->"), ("↑↓", "up/down"), ("·", "|"), ("…", "..."), ("≈", "~"), ("⚠", "!"), ("▶", ">"),
        ("←", "<-"), ("→", "->"), ("↑", "^"), ("↓", "v"), ("⏎", "Enter"), ("⇥", "Tab"), ("▲", "^"),
        ("█", "#"), ("│", "|"), ("▏", "_"), ("■", "#"), ("─", "-"), ("├", "+"), ("└", "+"),
    ]

    static func ascii(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var result = text
        for (glyph, form) in forms where result.contains(glyph) {
            result = result.replacingOccurrences(of: glyph, with: form)
        }
        return result
    }
}
