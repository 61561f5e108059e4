/// A piece of SQL a dialect names without writing it: a driver renders it with its own quoting,
/// placeholders and functions (`SQLSyntax`). Dialects are therefore shared by every database.
public indirect enum SQLExpression: Sendable, Equatable {
    /// A column, of the relation's main table or of the table with the given alias.
    case column(String, table: String? = nil)
    /// SQLite's implicit row id (Python eventsourcing's global position).
    case rowid(table: String? = nil)
    case text(String)
    case integer(Int64)
    case null
    /// The expression plus a constant.
    case plus(SQLExpression, Int64)
    /// The first non-NULL of the expressions.
    case coalesce([SQLExpression])
    /// A value of another table found by an index: `(SELECT column FROM table WHERE ... ORDER BY ... LIMIT 1)`.
    case first(SQLLookup)
    /// Every matching value of another table, in the lookup's order, joined with line feeds.
    case list(SQLLookup)
    /// How many rows of another table match.
    case count(SQLLookup)
    /// A JSON object of named values, NULL members left out (Marten's metadata columns as one
    /// metadata object).
    case jsonObject([SQLMember])
}

/// A member of `SQLExpression.jsonObject`.
public struct SQLMember: Sendable, Equatable {
    public var name: String
    public var value: SQLExpression
    public init(_ name: String, _ value: SQLExpression) { self.name = name; self.value = value }
}

/// A correlated lookup in another table: the rows whose columns match values of the current row.
public struct SQLLookup: Sendable, Equatable {
    public var table: String
    public var column: String
    public var conditions: [SQLCondition]
    /// Columns of `table` to order by (ascending).
    public var orderBy: [String]

    public init(table: String, column: String, where conditions: [SQLCondition], orderBy: [String] = []) {
        self.table = table
        self.column = column
        self.conditions = conditions
        self.orderBy = orderBy
    }
}

/// `column op value`: the column belongs to the relation being filtered (of the table with the
/// given alias in a join), or to the looked-up table in a lookup; the value is of the outer row.
public struct SQLCondition: Sendable, Equatable {
    public enum Operator: String, Sendable { case equal = "=", notEqual = "<>", lessOrEqual = "<=" }
    public var column: String
    public var table: String?
    public var op: Operator
    public var value: SQLExpression

    public init(_ column: String, of table: String? = nil, _ op: Operator = .equal, _ value: SQLExpression) {
        self.column = column
        self.table = table
        self.op = op
        self.value = value
    }
}

/// What a column holds, so a driver reads it as what decoders expect: PostgreSQL's `jsonb` and
/// `timestamptz` become text, `bytea` bytes; SQLite hands every value over as stored.
public enum ColumnKind: Sendable, Equatable {
    case integer
    case text
    /// JSON as text (SQLite TEXT, PostgreSQL json/jsonb).
    case json
    /// Raw bytes (SQLite BLOB, PostgreSQL bytea): compressed, encrypted or serialised payloads.
    case bytes
    /// A point in time; drivers render it as ISO-8601 text.
    case time
}

/// Where a relation's rows come from.
public enum RelationSource: Sendable, Equatable {
    /// A table, optionally with an alias that expressions name.
    case table(String, alias: String? = nil)
    /// A table joined to others (inner joins, each on equal columns).
    case joined(SQLTable, [SQLJoin])
    /// A read-only SELECT written by a person (`--map`), used as a subquery.
    case select(String)
}

public struct SQLTable: Sendable, Equatable {
    public var name: String
    public var alias: String
    public init(_ name: String, as alias: String) { self.name = name; self.alias = alias }
}

/// `[LEFT] JOIN table AS alias ON alias.column = other.column AND ...`.
public struct SQLJoin: Sendable, Equatable {
    public var table: SQLTable
    public var on: [(column: String, equals: SQLExpression)]
    /// A left join keeps the rows that find no match (their columns of `table` are NULL).
    public var isLeft: Bool

    public init(_ table: SQLTable, on: [(column: String, equals: SQLExpression)], left: Bool = false) {
        self.table = table
        self.on = on
        isLeft = left
    }

    public static func == (a: SQLJoin, b: SQLJoin) -> Bool {
        a.table == b.table && a.isLeft == b.isLeft && a.on.map(\.column) == b.on.map(\.column) && a.on.map(\.equals) == b.on.map(\.equals)
    }
}

/// A value bound to a placeholder.
public enum SQLArgument: Sendable, Equatable {
    case integer(Int64)
    case text(String)
}

/// SQL text with its arguments, in placeholder order.
public struct SQLStatement: Sendable, Equatable {
    public var sql: String
    public var arguments: [SQLArgument]

    public init(sql: String, arguments: [SQLArgument] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}
