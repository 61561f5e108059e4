@testable import EventStore
import XCTest

/// The query shapes rendered for two databases from one dialect: placeholders, quoting, schema
/// qualification and lookups differ; the shapes do not.
final class DialectQueriesTests: XCTestCase {
    private let emmett = StoreDialect(family: "test", events: EventRelation(
        source: .table("emt_messages", alias: "m"), position: .column("global_position", table: "m"), eventID: nil,
        stream: .column("stream_id", table: "m"), streamType: .streamTable(table: "emt_streams", stream: "stream_id", type: "stream_type"),
        version: .column("stream_position", table: "m"), type: .column("message_type", table: "m"),
        data: .column("message_data", table: "m"), time: .expression(.column("created", table: "m"), .time)))

    private var postgres: SQLSyntax {
        SQLSyntax(placeholders: .dollarNumbered, schema: "app", hasRowid: false,
                  read: { expression, kind in kind == .json || kind == .time ? expression + "::text" : expression },
                  joinLines: { expression, order in "string_agg(\(expression), E'\\n'" + (order.map { " ORDER BY \($0)" } ?? "") + ")" })
    }

    func testAWindowOnSQLiteLeavesStreamTypesToTheDriver() {
        let statement = DialectQueries(dialect: emmett, syntax: .sqlite).window(after: 41, limit: 50, includingDetails: false)
        XCTAssertEqual(statement.sql, #"SELECT "m"."global_position", NULL, "m"."stream_id", NULL, "m"."stream_position", "m"."message_type", NULL, "#
            + #""m"."message_data", NULL, "m"."created", NULL FROM "emt_messages" AS "m" WHERE "m"."global_position" >= ? ORDER BY "m"."global_position" LIMIT 50"#)
        XCTAssertEqual(statement.arguments, [.integer(42)])
        XCTAssertEqual(DialectQueries(dialect: emmett, syntax: .sqlite).streamTypeLookup()?.sql,
                       #"SELECT "stream_type" FROM "emt_streams" WHERE "stream_id" = ? LIMIT 1"#)
    }

    func testOnAnotherDatabaseTheSameShapeIsQualifiedNumberedAndLooksStreamTypesUp() {
        let queries = DialectQueries(dialect: emmett, syntax: postgres)
        let statement = queries.events(.init(stream: "cart-1", fromPosition: 7, limit: 10))
        XCTAssertEqual(statement.sql, #"SELECT "m"."global_position", NULL, "m"."stream_id", (SELECT "l1"."stream_type" FROM "app"."emt_streams" AS "l1" "#
            + #"WHERE "l1"."stream_id" = "m"."stream_id" LIMIT 1), "m"."stream_position", "m"."message_type", NULL, "m"."message_data"::text, NULL, "#
            + #""m"."created"::text, NULL FROM "app"."emt_messages" AS "m" WHERE "m"."stream_id" = $1 AND "m"."global_position" >= $2 "#
            + #"ORDER BY "m"."global_position" LIMIT 10"#)
        XCTAssertEqual(statement.arguments, [.text("cart-1"), .integer(7)])
        XCTAssertEqual(queries.edgePosition(last: true).sql, #"SELECT max("m"."global_position") FROM "app"."emt_messages" AS "m""#)
    }

    func testIdentifiersAndLiteralsAreQuotedWhateverTheyHold() {
        XCTAssertEqual(SQLSyntax.sqlite.quote(#"we"ird"#), #""we""ird""#)
        XCTAssertEqual(SQLSyntax.sqlite.literal("it's"), "'it''s'")
    }
}
