/// Shell-style patterns for stream ids: `*` matches any run of characters, `?` one character
/// (one Unicode scalar: a letter with a combining accent is two).
public struct Glob: Equatable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let bytes: [UInt8]
    /// For the usual `prefix-*` form, the prefix: matching is then a prefix test.
    private let prefixOnly: String?

    public init(_ pattern: String) {
        self.pattern = pattern
        bytes = Array(pattern.utf8)
        let star = bytes.firstIndex(of: Self.star)
        prefixOnly = star == bytes.count - 1 && !bytes.contains(Self.question) ? String(pattern.dropLast()) : nil
    }

    public var description: String { pattern }

    private static let star = UInt8(ascii: "*"), question = UInt8(ascii: "?")

    /// Matches on UTF-8 bytes without building characters: it runs for every event of a log whose
    /// aggregates are chosen by pattern. Backtracks to the last star only, so it is linear in
    /// practice and quadratic at worst in the id's length.
    public func matches(_ text: String) -> Bool {
        if let prefixOnly { return text.utf8.starts(with: prefixOnly.utf8) }
        var text = text
        return text.withUTF8 { subject in
            bytes.withUnsafeBufferPointer { pattern in
                var p = 0, s = 0
                var starAt = -1, matchedAt = 0
                while s < subject.count {
                    if p < pattern.count, pattern[p] == Self.question {
                        p += 1
                        s = Self.nextScalar(subject, after: s)
                    } else if p < pattern.count, pattern[p] == subject[s] {
                        p += 1
                        s += 1
                    } else if p < pattern.count, pattern[p] == Self.star {
                        starAt = p
                        matchedAt = s
                        p += 1
                    } else if starAt >= 0 {
                        p = starAt + 1
                        matchedAt = Self.nextScalar(subject, after: matchedAt)
                        s = matchedAt
                    } else {
                        return false
                    }
                }
                while p < pattern.count, pattern[p] == Self.star { p += 1 }
                return p == pattern.count
            }
        }
    }

    /// The offset of the scalar after the one starting at `offset` (continuation bytes are 10xxxxxx).
    private static func nextScalar(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
        var next = offset + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
