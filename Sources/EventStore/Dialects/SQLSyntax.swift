/// What differs between the databases evx reads, as far as the dialects' queries go: placeholders,
/// identifier quoting and schema qualification, how a column of each kind is read, the row id,
/// and the function that joins a list of texts. Each driver provides one; `DialectQueries` renders
/// every query shape with it.
public struct SQLSyntax: Sendable {
    public enum Placeholders: Sendable {
        /// `?` (SQLite)
        case questionMark
        /// `$1`, `$2`... (PostgreSQL)
        case dollarNumbered
    }

    public var placeholders: Placeholders
    /// The schema that qualifies every table name (PostgreSQL's `message_store`), or none.
    public var schema: String?
    /// Renders a column expression of a kind as the text, integer or bytes the decoders read
    /// (PostgreSQL: `jsonb` → `::text`; SQLite: as stored).
    public var read: @Sendable (_ expression: String, _ kind: ColumnKind) -> String
    /// Whether tables have an implicit `rowid`.
    public var hasRowid: Bool
    /// The aggregate that joins texts with a line feed in the order of `orderBy` where the
    /// database can order an aggregate (PostgreSQL `string_agg(x, E'\n' ORDER BY y)`), else in scan
    /// order (SQLite 3.40 `group_concat(x, char(10))`; lookups go through an index, so that is index order).
    public var joinLines: @Sendable (_ expression: String, _ orderBy: String?) -> String
    /// Whether the driver resolves `StreamTypeSource.streamTable` itself (a cached lookup per
    /// stream); if not, event queries read it with each row.
    public var resolvesStreamTypes = false
    /// A JSON object of `name, value` arguments, as JSON text (SQLite `json_object`; PostgreSQL
    /// `jsonb_build_object`, its NULL members left out).
    public var jsonObject: @Sendable (_ arguments: [String]) -> String = { "json_object(" + $0.joined(separator: ", ") + ")" }

    public init(placeholders: Placeholders, schema: String? = nil, hasRowid: Bool,
                read: @escaping @Sendable (String, ColumnKind) -> String,
                joinLines: @escaping @Sendable (String, String?) -> String) {
        self.placeholders = placeholders
        self.schema = schema
        self.hasRowid = hasRowid
        self.read = read
        self.joinLines = joinLines
    }

    /// SQLite: values are read as stored (the decoders accept TEXT or BLOB for payloads).
    public static let sqlite: SQLSyntax = {
        var syntax = SQLSyntax(
            placeholders: .questionMark, hasRowid: true,
            read: { expression, _ in expression },
            joinLines: { expression, _ in "group_concat(\(expression), char(10))" })
        syntax.resolvesStreamTypes = true
        return syntax
    }()

    /// An identifier in double quotes (both SQLite and PostgreSQL), embedded quotes doubled.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.doubling("\"") + "\""
    }

    /// A table name, qualified with the schema when there is one.
    public func table(_ name: String) -> String {
        schema.map { quote($0) + "." + quote(name) } ?? quote(name)
    }

    /// A text literal in single quotes.
    public func literal(_ text: String) -> String {
        "'" + text.doubling("'") + "'"
    }

    /// The placeholder for the `number`th argument (1-based).
    public func placeholder(_ number: Int) -> String {
        switch placeholders {
        case .questionMark: return "?"
        case .dollarNumbered: return "$\(number)"
        }
    }
}

extension String {
    /// The text with every `character` written twice (SQL's way of escaping quotes).
    fileprivate func doubling(_ character: Character) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 2)
        for c in self {
            result.append(c)
            if c == character { result.append(c) }
        }
        return result
    }
}
