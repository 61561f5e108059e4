import Foundation
import XCTest

/// The PostgreSQL server the tests use: the throw-away cluster `Tests/postgres-cluster.sh start`
/// makes (.ci/run starts one), named by `EVX_TEST_POSTGRES_URL`. Without it the tests skip, saying
/// how to start one; in CI (`CI=true`) a missing server fails them instead.
public struct PostgresTestServer {
    /// A superuser's URI, password included, on the `postgres` database.
    public let adminURL: String

    public static func require(file: StaticString = #filePath, line: UInt = #line) throws -> PostgresTestServer {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["EVX_TEST_POSTGRES_URL"], !url.isEmpty { return PostgresTestServer(adminURL: url) }
        if environment["CI"] == "true" {
            XCTFail("CI=true but EVX_TEST_POSTGRES_URL is not set: .ci/run must start the PostgreSQL cluster", file: file, line: line)
            throw XCTSkip("no PostgreSQL server")
        }
        throw XCTSkip("no PostgreSQL server: start one with `eval \"$(Tests/postgres-cluster.sh start)\"` (see README, Tests)")
    }

    /// Restarts the server (`Tests/postgres-cluster.sh restart`: a fast shutdown, which ends every
    /// session, then a start on the same port); returns once it accepts connections again. Skips
    /// when the server was not started by that script.
    public func restart() throws {
        guard let cluster = ProcessInfo.processInfo.environment["EVX_TEST_POSTGRES_CLUSTER"] else {
            throw XCTSkip("the server was not started by Tests/postgres-cluster.sh, so this test cannot restart it")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("postgres-cluster.sh").path
        let restart = Process()
        restart.executableURL = URL(fileURLWithPath: "/bin/bash")
        restart.arguments = [script, "restart"]
        restart.environment = ProcessInfo.processInfo.environment.merging(["EVX_TEST_POSTGRES_CLUSTER": cluster]) { $1 }
        try restart.run()
        restart.waitUntilExit()
        guard restart.terminationStatus == 0 else { throw PostgresTestError("postgres-cluster.sh restart failed") }
    }

    /// The cluster's password (tests check that evx never prints it).
    public var password: String {
        guard let components = URLComponents(string: adminURL) else { return "" }
        return components.password ?? ""
    }

    /// `adminURL` on another database, optionally as another user (without a password).
    public func url(database: String, user: String? = nil, includingPassword: Bool = true) -> String {
        var components = URLComponents(string: adminURL) ?? URLComponents()
        components.path = "/" + database
        if let user { components.user = user; components.password = nil }
        if !includingPassword { components.password = nil }
        return components.string ?? adminURL
    }

    /// A new, empty database with a unique name.
    public func createDatabase(_ prefix: String) throws -> TestDatabase {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        _ = try psql(database: "postgres", "CREATE DATABASE \(name)")
        return TestDatabase(server: self, name: name)
    }

    public func dropDatabase(_ name: String) {
        _ = try? psql(database: "postgres", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL through psql as the superuser, stopping at the first error; returns the output.
    @discardableResult
    public func psql(database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        input.fileHandleForWriting.write(Data(sql.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        readers.wait()
        guard process.terminationStatus == 0 else {
            throw PostgresTestError("psql failed: " + String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }
}

/// A database made for one test.
public struct TestDatabase {
    public let server: PostgresTestServer
    public let name: String

    /// Its URI with the superuser's password.
    public var url: String { server.url(database: name) }

    @discardableResult
    public func run(_ sql: String) throws -> String { try server.psql(database: name, sql) }

    /// Every table's rows in a fixed order, to compare before and after a command.
    public func dump() throws -> String {
        try server.psql(database: name, """
            SELECT string_agg(format('%s.%s', schemaname, tablename), ',' ORDER BY schemaname, tablename)
            FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema');
            """) + (try tableContents())
    }

    private func tableContents() throws -> String {
        let tables = try server.psql(database: name, """
            SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;
            """).split(separator: "\n")
        return try tables.map { table in
            try server.psql(database: name, "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \(table) t;")
        }.joined()
    }

    public func drop() { server.dropDatabase(name) }

    /// A new role that may log in and only read: usage of `schema` and SELECT on its tables (all
    /// of them unless `tables` names some). Returns its name and this database's URI as that
    /// role, password included; `dropReader` removes it.
    public func createReader(_ prefix: String, schema: String, tables: [String]? = nil) throws -> (role: String, url: String) {
        let role = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        let grants = tables.map { $0.map { "GRANT SELECT ON \(schema).\($0) TO \(role);" }.joined(separator: "\n") }
            ?? "GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role);"
        try run("""
            CREATE ROLE \(role) LOGIN PASSWORD '\(Self.readerPassword)';
            GRANT USAGE ON SCHEMA \(schema) TO \(role);
            \(grants)
            """)
        var url = URLComponents(string: self.url)
        url?.user = role
        url?.password = Self.readerPassword
        return (role, url?.string ?? "")
    }

    /// The password of the roles `createReader` makes: tests check that no message shows it.
    public static let readerPassword = "reader-pw"

    /// Removes a role `createReader` made, with its privileges here.
    public func dropReader(_ role: String) {
        _ = try? run("DROP OWNED BY \(role);")
        _ = try? server.psql(database: "postgres", "DROP ROLE IF EXISTS \(role);")
    }
}

public struct PostgresTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A psql session kept open, so a test can hold a transaction open while others commit. Its
/// `application_name` lets the test see its state in `pg_stat_activity`.
public final class PsqlSession {
    private let process = Process()
    private let input = Pipe()
    public let name: String

    public init(_ database: TestDatabase, name: String) throws {
        self.name = name
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", database.url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"]
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = name
        process.environment = environment
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    public func send(_ sql: String) {
        input.fileHandleForWriting.write(Data((sql + "\n").utf8))
    }

    public func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

extension TestDatabase {
    /// Waits until `sql` (one value) returns `expected`, asking every 20 ms; false after `timeout` s.
    @discardableResult
    public func wait(timeout: TimeInterval = 30, until sql: String, is expected: String) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if (try? run(sql))?.trimmingCharacters(in: .whitespacesAndNewlines) == expected { return true }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return false
    }
}
