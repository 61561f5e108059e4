import EventModel
import JSON
import StoreGenerator
import TestSupport
import XCTest

/// The time-travel commands, run as a user would, on the worked example and generated stores.
final class ReplayCommandsTests: CommandTestCase {
    /// The worked example with the design notes' rules beside it.
    private func workedExample() throws -> String {
        let path = folder.path("orders.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        folder.write("orders.evx.yaml", StoreGenerator.rules(for: .orders))
        return path
    }

    func testReplayTheWorkedExample() throws {
        let path = try workedExample()
        let last = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--json").stdout)
        XCTAssertEqual(last.objectValue?.keys.elementsEqual(["stream", "type", "version", "position", "time", "state", "warnings"]), true)
        XCTAssertEqual(last["type"], "Order")
        XCTAssertEqual(last["version"], 4)
        XCTAssertEqual(last["state"], ["status": "SHIPPED", "items": ["A"], "paid": 50, "customer": "c-7", "total": 50, "tracking": "XY123"])
        let before = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--at-version", "3", "--json").stdout)
        XCTAssertEqual(before["state"]?["status"], "CREATED")
        XCTAssertNil(before["state"]?["tracking"])
        let byPosition = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--at-position", "2", "--json").stdout)
        XCTAssertEqual(byPosition["version"], 2)
        let byTime = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--at-time", StoreBuilder.time(1), "--json").stdout)
        XCTAssertEqual(byTime["state"]?["items"], ["A", "B"])
        let initial = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--at-version", "0", "--json").stdout)
        XCTAssertEqual(initial["state"], ["status": "NEW", "items": [], "paid": 0])
        XCTAssertEqual(initial["position"], .null)

        let text = try evx("replay", path, "--stream", "order-42")
        XCTAssertTrue(text.stdout.hasPrefix("order-42 (Order) at version 4 of 4 · position 4"), text.stdout)
        XCTAssertTrue(text.stdout.contains(#""tracking": "XY123""#))
    }

    func testWithoutRulesTheStateIsTheMergedData() throws {
        let path = folder.path("plain.sqlite")
        try StoreBuilder.workedExample(at: path).close()
        let state = try JSONParser.parse(try evx("replay", path, "--stream", "order-42", "--json").stdout)["state"]
        XCTAssertEqual(state?["items"], ["A", "B"])
        XCTAssertEqual(state?["tracking"], "XY123")
        XCTAssertEqual(state?["amount"], 50)
    }

    func testReplayWarningsGoToStderr() throws {
        let path = folder.path("warn.sqlite")
        let store = try StoreBuilder(path: path)
        try store.event(1, stream: "t-1", type: "Named", version: 1, data: #"{"name":"x"}"#)
        try store.event(2, stream: "t-1", type: "Bumped", version: 2)
        try store.close()
        let rules = folder.write("custom.yaml", "aggregates:\n  T:\n    on:\n      Named: {set: {name: $data.name}}\n      Bumped: {add: {name: 1}}\n")
        let run = try evx("replay", path, "--stream", "t-1", "--rules", rules, "--json")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "evx: warning: t-1 version 2 (position 2, Bumped): cannot add to name: it is a string\n")
        XCTAssertEqual(try JSONParser.parse(run.stdout)["warnings"], [[
            "position": 2, "version": 2, "time": .string(StoreBuilder.time(2)), "type": "Bumped",
            "message": "cannot add to name: it is a string",
        ]])
    }

    /// A stream the store does not hold is "nothing found": status 1, a line on stderr, and with
    /// --json the command's usual shape with nothing in it (no line at all for JSON Lines).
    func testUnknownStreamsSaySo() throws {
        let path = try workedExample()
        let empty: [([String], JSONValue?)] = [
            (["events", path, "--stream", "order-1"], nil),
            (["replay", path, "--stream", "order-1"], ["stream": "order-1", "type": .null, "version": 0, "position": .null,
                                                       "time": .null, "state": .null, "warnings": []]),
            (["blame", path, "--stream", "order-1", "--field", "status"], ["stream": "order-1", "field": "status", "changes": []]),
            (["find", path, "--stream", "order-1", "--where", "paid > 1"], ["stream": "order-1", "where": "paid > 1", "matches": []]),
            (["diff", path, "--stream", "order-1", "--to", "2"], ["stream": "order-1", "from": 0, "to": 2, "changes": []]),
            (["snapshots", path, "--stream", "order-1"], ["checked": 0, "disagreeing": 0, "snapshots": []]),
        ]
        for (command, shape) in empty {
            let text = try EvxProcess.run(command)
            XCTAssertEqual(text.status, 1, "\(command): \(text.stderr)")
            XCTAssertEqual(text.stdout, "", "\(command)")
            XCTAssertEqual(text.stderr, "evx: \(path): no stream 'order-1'\n", "\(command)")
            let json = try EvxProcess.run(command + ["--json"])
            XCTAssertEqual(json.status, 1, "\(command): \(json.stderr)")
            XCTAssertEqual(json.stderr, "evx: \(path): no stream 'order-1'\n", "\(command)")
            XCTAssertEqual(json.stdout.isEmpty ? JSONValue?.none : try JSONParser.parse(json.stdout), shape, "\(command)")
            XCTAssertEqual(json.stdoutLines.count, shape == nil ? 0 : 1, "\(command)")
        }
        let type = try evx("events", path, "--type", "OrderShiped")
        XCTAssertEqual(type.status, 1)
        XCTAssertEqual(type.stderr, "evx: \(path): no events of type 'OrderShiped'\n")
        // A known stream and type that the other filters leave out: an empty answer, not "nothing found".
        let none = try evx("events", path, "--stream", "order-42", "--type", "ItemRemoved", "--from", "3")
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(none.stdout + none.stderr, "")
        XCTAssertEqual(try evx("snapshots", path, "--stream", "order-42").status, 0, "a known stream without snapshots")
    }

    func testBadRulesAndVersionsAreUsageErrors() throws {
        let path = try workedExample()
        let rules = folder.write("bad.yaml", "aggregates:\n  Order:\n    on:\n      X: {sett: {a: 1}}\n")
        assertUsageFailure(try evx("replay", path, "--stream", "order-42", "--rules", rules), "bad.yaml:4:11: unknown operation 'sett'")
        assertUsageFailure(try evx("replay", path, "--stream", "order-42", "--at-version", "1", "--at-position", "1"), "at most one of")
        assertUsageFailure(try evx("replay", path, "--stream", "order-42", "--at-version", "9"), "order-42 has versions 0 (before its first event) to 4")
        assertUsageFailure(try evx("diff", path, "--stream", "order-42", "--to", "9"), "order-42 has versions 0 (before its first event) to 4")
        assertUsageFailure(try evx("replay", path, "--stream", "order-42", "--rules", folder.path("none.yaml")), "none.yaml: no such rules file")
    }

    func testProject() throws {
        let path = try workedExample()
        let all = try JSONParser.parse(try evx("project", path, "--json").stdout)
        XCTAssertEqual(all["position"], 4)
        XCTAssertEqual(all["projections"]?["orders_by_status"], ["SHIPPED": 1])
        XCTAssertEqual(all["projections"]?["revenue"], 50)
        let early = try JSONParser.parse(try evx("project", path, "--at-position", "2", "--json").stdout)
        XCTAssertEqual(early["projections"]?["orders_by_status"], ["CREATED": 1])
        XCTAssertEqual(early["projections"]?["revenue"], 0)
        let text = try evx("project", path)
        XCTAssertTrue(text.stdout.contains("orders_by_status"), text.stdout)
    }

    func testBlameFindAndDiff() throws {
        let path = try workedExample()
        let blame = try JSONParser.parse(try evx("blame", path, "--stream", "order-42", "--field", "status", "--json").stdout)
        XCTAssertEqual(blame["changes"]?.arrayValue?.map { $0["version"] }, [1, 4])
        XCTAssertEqual(blame["changes"]?.arrayValue?.last?["new"], "SHIPPED")
        let tracking = try JSONParser.parse(try evx("blame", path, "--stream", "order-42", "--field", "tracking", "--json").stdout)
        XCTAssertNil(tracking["changes"]?.arrayValue?.first?["old"])

        let find = try JSONParser.parse(try evx("find", path, "--stream", "order-42", "--where", "paid >= 50 and status != 'NEW'", "--json").stdout)
        XCTAssertEqual(find["matches"]?.arrayValue?.map { $0["version"] }, [3])
        let fromTheStart = try JSONParser.parse(try evx("find", path, "--stream", "order-42", "--where", "paid >= 0", "--json").stdout)
        XCTAssertEqual(fromTheStart["matches"]?.arrayValue?.map { $0["version"] }, [1], "true from the start: found at the first event")
        let never = try evx("find", path, "--stream", "order-42", "--where", "status = 'CANCELLED'")
        XCTAssertEqual(never.status, 1)
        XCTAssertTrue(never.stdout.contains("never holds"))
        assertUsageFailure(try evx("find", path, "--stream", "order-42", "--where", "status ="), "--where: at column 9")
        assertUsageFailure(try evx("find", path, "--stream", "order-42", "--where", "status = SHIPPED"),
                           "--where: at column 10: SHIPPED is not a value: did you mean 'SHIPPED'?")

        let diff = try JSONParser.parse(try evx("diff", path, "--stream", "order-42", "--from", "3", "--to", "4", "--json").stdout)
        XCTAssertEqual(diff["changes"], [["path": "status", "kind": "changed", "old": "CREATED", "new": "SHIPPED"],
                                         ["path": "tracking", "kind": "added", "new": "XY123"]])
        let text = try evx("diff", path, "--stream", "order-42")
        XCTAssertEqual(text.stdout, "~ status: \"CREATED\" → \"SHIPPED\"\n+ tracking: \"XY123\"\n")
    }

    func testSnapshotsAgreeOnGeneratedStoresAndDisagreementsAreReported() throws {
        let path = try generatedStore(events: 3000)
        let report = try JSONParser.parse(try evx("snapshots", path, "--json").stdout)
        XCTAssertGreaterThan(report["checked"]?.intValue ?? 0, 5)
        XCTAssertEqual(report["disagreeing"], 0)

        let stream = try GRDBReader(path: path).snapshot().0
        let writer = try StoreBuilder(path: path, schema: "SELECT 1")
        try writer.execute("UPDATE snapshots SET state = json_set(state, '$.levels.A', 1) WHERE rowid = 1")
        try writer.execute("UPDATE snapshots SET state = 'nope' WHERE rowid = 2")
        try writer.close()
        let after = try JSONParser.parse(try evx("snapshots", path, "--stream", stream, "--json").stdout)
        XCTAssertEqual(after["disagreeing"], 2)
        let first = after["snapshots"]?.arrayValue?.first
        XCTAssertEqual(first?["agrees"], false)
        XCTAssertTrue(first?["differences"]?.arrayValue?.first?.stringValue?.hasPrefix("levels.A: snapshot 1, replay ") == true)

        let replayed = try JSONParser.parse(try evx("replay", path, "--stream", stream, "--at-version", "100", "--json").stdout)
        let assisted = try JSONParser.parse(try evx("replay", path, "--stream", stream, "--at-version", "100", "--use-snapshots", "--json").stdout)
        XCTAssertEqual(replayed["state"]?["levels"]?["B"], assisted["state"]?["levels"]?["B"])
        XCTAssertNotEqual(replayed["state"]?["levels"]?["A"], assisted["state"]?["levels"]?["A"], "the tampered snapshot was not used")
    }

    /// Every number a bank account's replay, blame, diff and the projections show is a whole
    /// number of cents: exact decimal arithmetic, no float noise (`117.25000000000001`).
    func testMoneyHasNoFloatNoise() throws {
        let path = try generatedStore(events: 3000, seed: 11, domain: "bank", name: "bank.sqlite")
        var json = [try evx("project", path, "--json").stdout]
        var text = [try evx("project", path).stdout]
        for account in 1...12 {
            let stream = "account-\(account)"
            json.append(try evx("replay", path, "--stream", stream, "--json").stdout)
            json.append(try evx("blame", path, "--stream", stream, "--field", "balance", "--json").stdout)
            json.append(try evx("diff", path, "--stream", stream, "--json").stdout)
            text.append(try evx("replay", path, "--stream", stream).stdout)
        }
        var numbers: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .decimal: numbers.append(JSONWriter.compact(value))
            case .array(let elements): elements.forEach(collect)
            case .object(let members): members.values.forEach(collect)
            default: break
            }
        }
        for output in json { collect(try JSONParser.parse(output)) }
        // In text, numbers with a fraction that are not part of a time (`08:00:56.295Z`).
        let inText = try NSRegularExpression(pattern: #"(?<![\w.])(?<![0-9]:)-?[0-9]+\.[0-9]+"#)
        for output in text {
            for match in inText.matches(in: output, range: NSRange(output.startIndex..., in: output)) {
                numbers.append(String(output[Range(match.range, in: output)!]))
            }
        }
        XCTAssertGreaterThan(numbers.count, 200, "the bank's amounts have cents")
        for number in numbers {
            XCTAssertNotNil(number.range(of: #"^-?[0-9]+\.[0-9]{1,2}$"#, options: .regularExpression), "float noise: \(number)")
        }
    }

    /// A log whose times go back and forth: as of a time means the events recorded at or before
    /// it, in global order, for project and replay alike, and the answer says the log is out of order.
    func testAsOfATimeInALogOutOfTimeOrder() throws {
        let path = folder.path("shuffled.sqlite")
        let store = try StoreBuilder(path: path)
        // Seconds after 08:00 at which each event was recorded, in global order.
        let seconds: [Int64] = [10, 5, 20, 7, 30, 8, 1]
        let streams = ["acc-1", "acc-2", "acc-1", "acc-1", "acc-2", "acc-2", "acc-1"]
        var versions: [String: Int64] = [:]
        for (index, second) in seconds.enumerated() {
            let stream = streams[index]
            versions[stream, default: 0] += 1
            try store.event(Int64(index + 1), stream: stream, type: "Deposited", version: versions[stream] ?? 0,
                            data: #"{"amount":\#(index + 1)}"#, recordedAt: StoreBuilder.time(second))
        }
        try store.close()
        let rules = folder.write("bank.yaml", """
            aggregates:
              Acc: {initial: {balance: 0}, on: {Deposited: {add: {balance: $data.amount}}}}
            projections:
              total: {sum: $data.amount}
              events: {count: events}
            """)
        let moment = StoreBuilder.time(8)
        // Folded here: the amounts of the events recorded at or before 08:00:08.
        let included = seconds.indices.filter { seconds[$0] <= 8 }
        let project = try JSONParser.parse(try evx("project", path, "--rules", rules, "--at-time", moment, "--json").stdout)
        XCTAssertEqual(project["projections"]?["total"], .int(Int64(included.map { $0 + 1 }.reduce(0, +))))
        XCTAssertEqual(project["projections"]?["events"], .int(Int64(included.count)))
        XCTAssertEqual(project["position"], .int(Int64((included.last ?? 0) + 1)))
        XCTAssertEqual(project["warnings"], [.string("the log is not in time order: 3 events recorded after \(EventTime(iso8601: moment)?.iso8601 ?? "") "
                                                     + "(the first at position 1) come before position 7 and are left out")])
        let text = try evx("project", path, "--rules", rules, "--at-time", moment)
        XCTAssertTrue(text.stdout.contains("note: the log is not in time order"), text.stdout)

        // acc-1 holds positions 1 (08:00:10), 3 (:20), 4 (:07) and 7 (:01): as of 08:00:08, versions 3 and 4.
        let replay = try JSONParser.parse(try evx("replay", path, "--stream", "acc-1", "--rules", rules, "--at-time", moment, "--json").stdout)
        XCTAssertEqual(replay["state"], ["balance": 11])
        XCTAssertEqual(replay["version"], 4)
        XCTAssertEqual(replay["warnings"]?.arrayValue?.first?["position"], 1)
        XCTAssertEqual(replay["warnings"]?.arrayValue?.first?["message"]?.stringValue?.hasPrefix("the stream is not in time order: 2 events"), true)
        // A time every event precedes: the whole log, a prefix, no note.
        let late = try JSONParser.parse(try evx("project", path, "--rules", rules, "--at-time", StoreBuilder.time(60), "--json").stdout)
        XCTAssertEqual(late["projections"]?["events"], 7)
        XCTAssertEqual(late["warnings"], [])
    }

    /// A store without a rules file still has the read models every store has.
    func testProjectWithoutRulesShowsTheStandardProjections() throws {
        let path = folder.write("log.jsonl", """
            {"stream":"order-1","type":"Created"}
            {"stream":"order-2","type":"Created"}
            {"stream":"order-1","type":"Shipped"}
            {"stream":"invoice-9","type":"Created"}

            """)
        let run = try evx("project", path, "--json")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(try JSONParser.parse(run.stdout), [
            "position": 4,
            "projections": [
                "events_per_type": ["Created": 3, "Shipped": 1],
                "events_per_stream_type": ["invoice": 1, "order": 3],
                "streams_per_stream_type": ["invoice": 1, "order": 2],
            ],
            "warnings": [],
        ])
        let early = try JSONParser.parse(try evx("project", path, "--at-position", "2", "--json").stdout)
        XCTAssertEqual(early["projections"]?["streams_per_stream_type"], ["order": 2])
    }
}
