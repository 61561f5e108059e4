/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take
/// two, combining marks and other zero-width characters none, everything else one.
///
/// The rules are kept here (not libc `wcwidth`) so layout is the same on every machine and
/// testable. A grapheme cluster is as wide as its first scalar, which is what terminals (and
/// ncurses) assume when they place the cursor; this keeps columns aligned even for clusters
/// some terminals would draw wider, such as a text-style symbol followed by U+FE0F.
public enum DisplayWidth {
    /// Columns one Unicode scalar takes on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if isZeroWidth(scalar) { return 0 }
        if isWide(scalar) { return 2 }
        return 1
    }

    /// Columns a grapheme cluster takes: the width of its first scalar.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Columns a string takes: the sum of its grapheme clusters' widths.
    public static func of(_ string: String) -> Int {
        var total = 0
        for character in string { total += of(character) }
        return total
    }

    /// Cuts `string` to at most `width` columns, ending with `ellipsis` when something was cut.
    /// A wide character that would straddle the limit is dropped rather than split. It reads no
    /// further than the cut, so a 200 MB payload costs what its first columns cost.
    public static func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let ellipsisWidth = of(ellipsis)
        let kept = ellipsisWidth <= width ? width - ellipsisWidth : width
        var used = 0
        var keptEnd: String.Index?
        for index in string.indices {
            let characterWidth = of(string[index])
            if keptEnd == nil, used + characterWidth > kept { keptEnd = index }
            if used + characterWidth > width {
                // It does not fit: the part within `kept`, then the ellipsis.
                let cut = String(string[..<(keptEnd ?? index)])
                return ellipsisWidth <= width ? cut + ellipsis : cut
            }
            used += characterWidth
        }
        return string
    }

    // MARK: - Tables

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            // Hangul medial vowels and final consonants join the preceding syllable.
            return (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        let value = scalar.value
        return wideRanges.contains { $0.contains(value) }
    }

    /// East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth W/F), emoji aside.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,    // CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extension G and later
    ]
}
