import JSON
import Yams

/// YAML payloads (Rails Event Store's default serializer) as JSON text, through Yams.
///
/// The JSON is written straight from the YAML nodes so numbers keep their digits (`117.25` stays
/// `117.25`). Ruby's marks are read as meant: a plain scalar or key starting with `:` is a symbol
/// (`:amount` → `amount`; Psych quotes strings that start with a colon), a `!ruby/object:BigDecimal`
/// scalar (`18:0.11725e3`) is its number, and other Ruby tags on mappings are dropped.
enum YAMLPayload {
    struct Failure: Error { let message: String }

    static func json(_ text: String) throws(Failure) -> String {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw Failure(message: "not valid YAML (\(String(describing: error).split(separator: "\n").first ?? ""))")
        }
        guard let node else { return "null" }
        var out = ""
        write(node, into: &out, depth: 0)
        return out
    }

    private static func write(_ node: Node, into out: inout String, depth: Int) {
        guard depth < JSONParser.maximumDepth else { out += "null"; return }
        switch node {
        case let .mapping(mapping):
            out += "{"
            for (index, pair) in mapping.enumerated() {
                if index > 0 { out += "," }
                JSONWriter.appendQuoted(keyText(pair.key), into: &out)
                out += ":"
                write(pair.value, into: &out, depth: depth + 1)
            }
            out += "}"
        case let .sequence(sequence):
            out += "["
            for (index, element) in sequence.enumerated() {
                if index > 0 { out += "," }
                write(element, into: &out, depth: depth + 1)
            }
            out += "]"
        case let .scalar(scalar):
            out += scalarJSON(scalar)
        case let .alias(alias):
            JSONWriter.appendQuoted("*" + alias.anchor.rawValue, into: &out)
        }
    }

    private static func keyText(_ node: Node) -> String {
        guard case let .scalar(scalar) = node else { return JSONWriter.compact(.string(node.string ?? "")) }
        return symbolName(scalar) ?? scalar.string
    }

    /// A plain `:name` scalar's name.
    private static func symbolName(_ scalar: Node.Scalar) -> String? {
        guard scalar.style == .plain, scalar.string.hasPrefix(":"), scalar.string.count > 1 else { return nil }
        return String(scalar.string.dropFirst())
    }

    private static func scalarJSON(_ scalar: Node.Scalar) -> String {
        let text = scalar.string
        let tag = scalar.tag.description
        if tag.hasSuffix("BigDecimal"), let colon = text.firstIndex(of: ":") {
            let digits = text[text.index(after: colon)...]
            if isJSONNumber(Array(digits.utf8)) { return String(digits) }
        }
        if scalar.style == .plain {
            switch text {
            case "", "~", "null", "Null", "NULL": return "null"
            case "true", "True", "TRUE": return "true"
            case "false", "False", "FALSE": return "false"
            default: break
            }
            if isJSONNumber(Array(text.utf8)) { return text }
            if let name = symbolName(scalar) { return JSONWriter.quoted(name) }
        }
        return JSONWriter.quoted(text)
    }
}
