/// Shell-style patterns for stream ids: `*` matches any run of characters, `?` one character.
public struct Glob: Equatable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let characters: [Character]
    /// For the usual `prefix-*` form, the prefix: matching is then a prefix test.
    private let prefixOnly: String?

    public init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern)
        let star = characters.firstIndex(of: "*")
        prefixOnly = star == characters.count - 1 && !characters.contains("?") ? String(pattern.dropLast()) : nil
    }

    public var description: String { pattern }

    public func matches(_ text: String) -> Bool {
        if let prefixOnly { return text.utf8.starts(with: prefixOnly.utf8) }
        let subject = Array(text)
        var p = 0, s = 0
        var starAt = -1, matchedAt = 0
        while s < subject.count {
            if p < characters.count, characters[p] == "?" || characters[p] == subject[s] {
                p += 1
                s += 1
            } else if p < characters.count, characters[p] == "*" {
                starAt = p
                matchedAt = s
                p += 1
            } else if starAt >= 0 {
                p = starAt + 1
                matchedAt += 1
                s = matchedAt
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
