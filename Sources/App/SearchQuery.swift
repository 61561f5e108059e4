import EventModel
import JSON
import Replay

/// What `/` looks for: terms that must all hold, each one of
/// - `stream:order-42` (exact) or `stream:order-*` (a glob),
/// - `type:OrderCancelled` (exact) or `type:Order*`,
/// - `streamtype:Order` (the stream's aggregate type),
/// - `data.amount>100`, `metadata.user=alice` (a comparison on a payload field, as in predicates),
/// - any other word: text found, ignoring case, in the stream, the type or the data, as a whole
///   word (`order-42` does not find `order-420`).
public struct SearchQuery: Equatable, Sendable {
    public enum Term: Equatable, Sendable {
        case stream(Glob)
        case streamType(Glob)
        case type(Glob)
        case field(payload: Payload, path: [String], StatePredicate.Comparison, JSONValue)
        case text(String)
    }

    public enum Payload: String, Equatable, Sendable { case data, metadata }

    /// The query as typed.
    public let text: String
    public let terms: [Term]

    public init(parsing text: String) throws(SearchSyntaxError) {
        self.text = text
        var terms: [Term] = []
        for word in Self.words(text) {
            terms.append(try Self.term(word))
        }
        guard !terms.isEmpty else { throw SearchSyntaxError(message: "an empty search") }
        self.terms = terms
    }

    public func matches(_ event: Event) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .stream(let glob): return glob.matches(event.stream)
            case .streamType(let glob): return glob.matches(event.streamType)
            case .type(let glob): return glob.matches(event.type)
            case .field(let payload, let path, let comparison, let literal):
                let raw = payload == .data ? event.data : event.metadata
                guard let found = try? JSONParser.value(at: path, in: raw) else { return false }
                return StatePredicate.compare(.path(.root), comparison, .literal(literal)).holds(in: found)
            case .text(let word):
                return Self.containsWord(word, in: event.stream) || Self.containsWord(word, in: event.type)
                    || Self.containsWord(word, in: event.data)
            }
        }
    }

    /// The free-text words, for highlighting.
    public var words: [String] {
        terms.compactMap { if case .text(let word) = $0 { return word } else { return nil } }
    }

    /// Where `word` occurs in `text` as a whole word, ignoring case (character offsets).
    public static func wordRanges(_ word: String, in text: String) -> [Range<Int>] {
        let haystack = Array(text.lowercased()), needle = Array(word.lowercased())
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], Array(haystack[start..<(start + needle.count)]) == needle,
               start == 0 || !isWordCharacter(haystack[start - 1]),
               start + needle.count == haystack.count || !isWordCharacter(haystack[start + needle.count]) {
                ranges.append(start..<(start + needle.count))
                start += needle.count
            } else {
                start += 1
            }
        }
        return ranges
    }

    static func containsWord(_ word: String, in text: String) -> Bool {
        // Cheap refusal first: most events do not contain the word at all.
        guard text.range(of: word, options: .caseInsensitive) != nil else { return false }
        return !wordRanges(word, in: text).isEmpty
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    // MARK: - Parsing

    /// Words separated by spaces; "double quotes" keep spaces in one word.
    private static func words(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func term(_ word: String) throws(SearchSyntaxError) -> Term {
        for (prefix, make) in [("stream:", Term.stream), ("streamtype:", Term.streamType), ("type:", Term.type)] where word.hasPrefix(prefix) {
            let pattern = String(word.dropFirst(prefix.count))
            guard !pattern.isEmpty else { throw SearchSyntaxError(message: "\(prefix) needs a value (e.g. \(prefix)order-42)") }
            return make(Glob(pattern))
        }
        for payload in [Payload.data, .metadata] where word.hasPrefix(payload.rawValue + ".") {
            return try field(word, payload: payload)
        }
        return .text(word)
    }

    /// `data.a.b OP literal`: the path up to the operator, the literal read as in predicates.
    private static func field(_ word: String, payload: Payload) throws(SearchSyntaxError) -> Term {
        let body = word.dropFirst(payload.rawValue.count + 1)
        guard let operatorStart = body.firstIndex(where: { "=!<>".contains($0) }) else {
            throw SearchSyntaxError(message: "\(word): compare the field with a value (e.g. \(payload.rawValue).amount>100)")
        }
        let path = body[..<operatorStart].split(separator: ".").map(String.init)
        guard !path.isEmpty else { throw SearchSyntaxError(message: "\(word): name a field after '\(payload.rawValue).'") }
        let predicate: StatePredicate
        do {
            predicate = try StatePredicate(parsing: "x " + body[operatorStart...])
        } catch {
            throw SearchSyntaxError(message: "\(word): \(error.message)")
        }
        guard case .compare(_, let comparison, .literal(let literal)) = predicate else {
            throw SearchSyntaxError(message: "\(word): compare the field with a literal value")
        }
        return .field(payload: payload, path: path, comparison, literal)
    }
}

public struct SearchSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
