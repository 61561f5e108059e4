import Foundation

/// Tells a mistyped command from a store name. `evx WORD` opens WORD as a store unless WORD is a
/// command, so `evx replya` would report a missing file (or, with options, an unknown option).
/// A word is taken for a mistyped command when it has no `/`, `.` or `:` (a path, a file name
/// with an extension and a URI all have one) and no file or folder of that name exists.
enum CommandWord {
    /// The subcommands' names and `help`, in the order `evx --help` lists them.
    static let names: [String] = Evx.configuration.subcommands.map { $0._commandName } + ["help"]

    /// Why `word`, given where a command or a store is expected, is neither; nil when it may be a store.
    static func unknownCommandMessage(_ word: String) -> String? {
        guard !names.contains(word), !word.hasPrefix("-"), !word.contains(where: { "/.:".contains($0) }),
              !FileManager.default.fileExists(atPath: word) else { return nil }
        if let near = suggestion(for: word) {
            return "unknown command '\(word)'; did you mean '\(near)'? (see 'evx --help')"
        }
        return "'\(word)' is neither a command nor a store file (see 'evx --help')"
    }

    /// The one-line refusal of `evx help WORD` for a word that names no command.
    static func unknownHelpTopicMessage(_ word: String) -> String {
        let hint = suggestion(for: word).map { "did you mean '\($0)'?" }
            ?? "the commands are " + names.filter { $0 != "help" }.joined(separator: ", ")
        return "help: no command '\(word)'; \(hint)"
    }

    /// The command name nearest to `word`, if it is near enough to be a typo: at most one edit
    /// for names of up to four letters, two for longer ones (a swap of neighbours is one edit).
    static func suggestion(for word: String) -> String? {
        let typed = Array(word.lowercased())
        guard typed.count <= 32 else { return nil }
        let scored = names.map { ($0, editDistance(typed, Array($0))) }
            .filter { name, distance in distance <= (name.count <= 4 ? 1 : 2) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// adjacent characters each cost one.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
