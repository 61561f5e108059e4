import JSON

/// Why a predicate could not be read: the message and the 1-based column where reading stopped.
public struct PredicateSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let column: Int
    public let message: String
    public var description: String { "at column \(column): \(message)" }
}

extension StatePredicate {
    /// Reads a predicate such as `status = 'SHIPPED' and (paid >= 50 or len(items) = 0)`.
    public init(parsing text: String) throws(PredicateSyntaxError) {
        var parser = PredicateParser(text)
        self = try parser.parseAll()
    }
}

/// A recursive-descent parser over a token list.
struct PredicateParser {
    enum Token: Equatable {
        /// `path` is a state path written with a leading dot (`.total`), which may stand anywhere.
        case number(JSONValue), string(String), word(String), path(String), symbol(String), end
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var index = 0
    private var lexError: PredicateSyntaxError?
    /// Nesting so far: parentheses, `not`s and `and`/`or` links (each link nests the tree one level).
    /// Bounded so that hostile input cannot overflow the stack here, in `holds(in:)` or in deinit.
    private var depth = 0
    static let maximumDepth = 256

    /// The column just after the input, where "the end" is reported.
    private var endColumn = 1

    init(_ text: String) {
        endColumn = text.count + 1
        do { tokens = try Self.tokenize(Array(text)) } catch { lexError = error }
    }

    mutating func parseAll() throws(PredicateSyntaxError) -> StatePredicate {
        if let lexError { throw lexError }
        if current == .end { throw error("expected a condition, e.g. status = 'SHIPPED'") }
        let predicate = try parseOr()
        guard current == .end else { throw error("unexpected \(describe(current))") }
        return predicate
    }

    // MARK: - Grammar

    private mutating func parseOr() throws(PredicateSyntaxError) -> StatePredicate {
        var left = try parseAnd()
        let outer = depth
        defer { depth = outer }
        while isWord("or") {
            index += 1
            try enter()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(PredicateSyntaxError) -> StatePredicate {
        var left = try parseNot()
        let outer = depth
        defer { depth = outer }
        while isWord("and") {
            index += 1
            try enter()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(PredicateSyntaxError) -> StatePredicate {
        if isWord("not") {
            index += 1
            try enter()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        if current == .symbol("(") {
            index += 1
            try enter()
            defer { depth -= 1 }
            let inner = try parseOr()
            try expect(")")
            return inner
        }
        let left = try parseOperand()
        guard case .symbol(let symbol) = current, let comparison = Self.comparison(symbol) else { return .truthy(left) }
        index += 1
        return .compare(left, comparison, try parseOperand(rightOfComparison: true))
    }

    /// Reads a literal, `len(path)` or a state path. Right of a comparison a bare word is refused:
    /// `status = SHIPPED` almost always means the text, so it must be quoted, and a path there is
    /// written with a leading dot (`paid = .total`).
    private mutating func parseOperand(rightOfComparison: Bool = false) throws(PredicateSyntaxError) -> StatePredicate.Operand {
        let token = current
        switch token {
        case .number(let value):
            index += 1
            return .literal(value)
        case .string(let text):
            index += 1
            return .literal(.string(text))
        case .word("true"): index += 1; return .literal(.bool(true))
        case .word("false"): index += 1; return .literal(.bool(false))
        case .word("null"): index += 1; return .literal(.null)
        case .word("len"):
            index += 1
            try expect("(")
            guard let path = pathText(current) else { throw error("len( needs a state path, e.g. len(items)") }
            index += 1
            try expect(")")
            return .length(StatePath(path))
        case .word(let word) where rightOfComparison:
            throw error("\(word) is not a value: did you mean '\(word)'? (a state path on the right is written .\(word))")
        case .word(let path), .path(let path):
            index += 1
            return .path(StatePath(path))
        default:
            throw error("expected a value or a state path, found \(describe(token))")
        }
    }

    // MARK: - Helpers

    private var current: Token { index < tokens.count ? tokens[index].token : .end }

    private func isWord(_ word: String) -> Bool { current == .word(word) }

    /// The path a token names, bare (`items`) or dotted (`.items`).
    private func pathText(_ token: Token) -> String? {
        switch token {
        case .word(let path), .path(let path): return path
        default: return nil
        }
    }

    private mutating func expect(_ symbol: String) throws(PredicateSyntaxError) {
        guard current == .symbol(symbol) else { throw error("expected '\(symbol)', found \(describe(current))") }
        index += 1
    }

    private mutating func enter() throws(PredicateSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw error("the condition nests more than \(Self.maximumDepth) levels (parentheses, not, and, or)")
        }
    }

    private func error(_ message: String) -> PredicateSyntaxError {
        let column = index < tokens.count ? tokens[index].column : endColumn
        return PredicateSyntaxError(column: column, message: message)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let value): return JSONWriter.compact(value)
        case .string(let text): return "'\(text)'"
        case .word(let word): return "'\(word)'"
        case .path(let path): return "'.\(path)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end"
        }
    }

    private static func comparison(_ symbol: String) -> StatePredicate.Comparison? {
        symbol == "==" ? .equal : StatePredicate.Comparison(rawValue: symbol)
    }

    // MARK: - Tokens

    private static func tokenize(_ characters: [Character]) throws(PredicateSyntaxError) -> [(token: Token, column: Int)] {
        var tokens: [(Token, Int)] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "'" || c == "\"" {
                var text = ""
                i += 1
                while i < characters.count, characters[i] != c {
                    if characters[i] == "\\", i + 1 < characters.count { i += 1 }
                    text.append(characters[i])
                    i += 1
                }
                guard i < characters.count else { throw PredicateSyntaxError(column: column, message: "unterminated string") }
                i += 1
                tokens.append((.string(text), column))
            } else if c.isNumber || (c == "-" && i + 1 < characters.count && characters[i + 1].isNumber) {
                var text = String(c)
                i += 1
                while i < characters.count, characters[i].isNumber || characters[i] == "." || characters[i] == "e" || characters[i] == "E" {
                    text.append(characters[i])
                    i += 1
                }
                guard let value = try? JSONParser.parse(text), value.isNumber else {
                    throw PredicateSyntaxError(column: column, message: "'\(text)' is not a number")
                }
                tokens.append((.number(value), column))
            } else if c.isLetter || c == "_" || (c == "." && i + 1 < characters.count && isPathStart(characters[i + 1])) {
                let dotted = c == "."
                if dotted { i += 1 }
                var text = ""
                while i < characters.count, isPathStart(characters[i]) || characters[i].isNumber || "-.".contains(characters[i]) {
                    text.append(characters[i])
                    i += 1
                }
                tokens.append((dotted ? .path(text) : .word(text), column))
            } else if "()".contains(c) {
                tokens.append((.symbol(String(c)), column))
                i += 1
            } else if "=!<>".contains(c) {
                var symbol = String(c)
                if i + 1 < characters.count, characters[i + 1] == "=" { symbol.append("="); i += 1 }
                i += 1
                guard symbol != "!" else { throw PredicateSyntaxError(column: column, message: "'!' must be followed by '=' (use not for negation)") }
                tokens.append((.symbol(symbol), column))
            } else {
                throw PredicateSyntaxError(column: column, message: "unexpected character '\(c)'")
            }
        }
        return tokens
    }

    private static func isPathStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
}
