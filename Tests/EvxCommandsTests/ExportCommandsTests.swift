import JSON
import TestSupport
import XCTest

/// Message DB exports (JSON Lines and CSV, Tests/Fixtures/message-db) through the commands: the
/// answers as of a position equal a fold of the export's rows done here.
final class ExportCommandsTests: CommandTestCase {
    private let rules = """
        aggregates:
          account:
            initial: {balance: 0}
            on:
              Deposited: {add: {balance: $data.amount}}
              Withdrawn: {subtract: {balance: $data.amount}}
        projections:
          deposited: {sum: $data.amount, where: {type: Deposited}}
        """

    private func rows() throws -> [JSONValue] {
        let text = try String(contentsOfFile: Fixtures.path("message-db/messages.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// A stream's balance as of a global position, folded here from the rows.
    private func balance(_ rows: [JSONValue], stream: String, through position: Int64) -> DecimalNumber {
        var total = DecimalNumber(0)
        for row in rows where row["stream_name"]?.stringValue == stream && (row["global_position"]?.intValue ?? .max) <= position {
            guard let amount = row["data"]?["amount"]?.decimalValue else { continue }
            switch row["type"]?.stringValue {
            case "Deposited": total = total.adding(amount) ?? total
            case "Withdrawn": total = total.subtracting(amount) ?? total
            default: break
            }
        }
        return total
    }

    func testAnswersAsOfAPositionEqualAFoldOfTheRows() throws {
        let rows = try rows()
        let rulesPath = folder.write("accounts.evx.yaml", rules)
        for name in ["messages.jsonl", "messages.csv"] {
            let store = Fixtures.path("message-db/\(name)")
            for position: Int64 in [1, 4, 13, 20, 29, 37, 45] {
                for stream in ["account-1", "account-2", "account-3"] {
                    let run = try evx("replay", store, "--stream", stream, "--rules", rulesPath, "--at-position", "\(position)", "--json")
                    XCTAssertEqual(run.status, 0, run.stderr)
                    let replayed = try JSONParser.parse(run.stdout)
                    let expected = balance(rows, stream: stream, through: position)
                    XCTAssertEqual(replayed["state"]?["balance"]?.decimalValue, expected, "\(name) \(stream) at \(position)")
                    let last = rows.last { $0["stream_name"]?.stringValue == stream && ($0["global_position"]?.intValue ?? .max) <= position }
                    XCTAssertEqual(replayed["position"], last?["global_position"] ?? .null, "\(name) \(stream) at \(position)")
                    XCTAssertEqual(replayed["version"], .int((last?["position"]?.intValue).map { $0 + 1 } ?? 0), "\(name) \(stream) at \(position)")
                }
                let projected = try JSONParser.parse(try evx("project", store, "--rules", rulesPath, "--at-position", "\(position)", "--json").stdout)
                let included = rows.filter { ($0["global_position"]?.intValue ?? .max) <= position }
                var deposited = DecimalNumber(0)
                for row in included where row["type"] == "Deposited" { deposited = deposited.adding(row["data"]?["amount"]?.decimalValue ?? DecimalNumber(0)) ?? deposited }
                XCTAssertEqual(projected["position"], .int(position))
                XCTAssertEqual(projected["projections"]?["deposited"]?.decimalValue, deposited, "\(name) at \(position)")
                let streams = Set(included.compactMap { $0["stream_name"]?.stringValue }.filter { $0.hasPrefix("account-") })
                XCTAssertEqual(projected["projections"]?["streams_per_stream_type"]?["account"], .int(Int64(streams.count)), "\(name) at \(position)")
            }
        }
    }

    func testBothExportsListTheSameEvents() throws {
        let jsonl = try evx("events", Fixtures.path("message-db/messages.jsonl"), "--json").stdoutLines.map { try JSONParser.parse($0) }
        let csv = try evx("events", Fixtures.path("message-db/messages.csv"), "--json").stdoutLines.map { try JSONParser.parse($0) }
        XCTAssertEqual(jsonl.count, 45)
        let fields = ["position", "id", "stream", "stream_type", "type", "version", "data", "metadata"]
        XCTAssertEqual(csv.map { row in fields.map { row[$0] } }, jsonl.map { row in fields.map { row[$0] } })
        let info = try evx("info", Fixtures.path("message-db/messages.csv"))
        XCTAssertTrue(info.stdout.hasPrefix("\(Fixtures.path("message-db/messages.csv"))  (CSV)"), info.stdout)
        XCTAssertTrue(info.stdout.contains("(no stream type)"), info.stdout)
    }

    func testACSVWithoutAHeaderIsOneLineAndStatus2() throws {
        let headerless = folder.write("headerless.csv", "1,0,00000000-0000-4000-8000-000000000001,2026-01-05 08:00:01,account-1,Opened,{},\n")
        for command in ["info", "events", "project"] {
            assertUsageFailure(try evx(command, headerless), "a CSV file, but its first row")
        }
        assertUsageFailure(try evx("replay", headerless, "--stream", "account-1"), "is not a header naming event fields")
    }
}
