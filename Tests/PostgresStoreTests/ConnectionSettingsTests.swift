import EventModel
@testable import PostgresStore
import TestSupport
import XCTest

/// URIs, environment variables and the password file resolved as libpq resolves them.
final class ConnectionSettingsTests: XCTestCase {
    let folder = TemporaryDirectory()

    private func resolve(_ uri: String, _ environment: [String: String] = [:], home: String? = nil) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(uri: uri, environment: environment, homeDirectory: home ?? folder.path("home"), osUser: "alice")
    }

    func testURIPartsArePercentDecoded() throws {
        let settings = try resolve("postgresql://bob:s%40cret@db.example.com:6543/my%20db?sslmode=require&application_name=x")
        XCTAssertEqual(settings.endpoint, .tcp(host: "db.example.com"))
        XCTAssertEqual(settings.port, 6543)
        XCTAssertEqual(settings.user, "bob")
        XCTAssertEqual(settings.database, "my db")
        XCTAssertEqual(settings.tlsMode, .require)
        XCTAssertEqual(settings.password, "s@cret")
    }

    func testDefaultsComeFromTheEnvironmentThenLibpq() throws {
        let fromEnvironment = try resolve("postgres://", ["PGHOST": "10.0.0.9", "PGPORT": "7000", "PGUSER": "carol", "PGDATABASE": "sales", "PGPASSWORD": "pw"])
        XCTAssertEqual(fromEnvironment.endpoint, .tcp(host: "10.0.0.9"))
        XCTAssertEqual(fromEnvironment.port, 7000)
        XCTAssertEqual(fromEnvironment.user, "carol")
        XCTAssertEqual(fromEnvironment.database, "sales")
        XCTAssertEqual(fromEnvironment.password, "pw")

        let bare = try resolve("postgres://")
        XCTAssertEqual(bare.endpoint, .socketDirectory("/var/run/postgresql"))
        XCTAssertEqual(bare.port, 5432)
        XCTAssertEqual(bare.user, "alice")
        XCTAssertEqual(bare.database, "alice", "the database defaults to the user name")
        XCTAssertNil(bare.password)

        let uriWins = try resolve("postgres://dave@h/db", ["PGUSER": "carol", "PGHOST": "other"])
        XCTAssertEqual(uriWins.user, "dave")
        XCTAssertEqual(uriWins.endpoint, .tcp(host: "h"))
    }

    func testSocketDirectoriesAndIPv6Hosts() throws {
        XCTAssertEqual(try resolve("postgres://%2Ftmp%2Fpg:5433/db").endpoint, .socketDirectory("/tmp/pg"))
        let query = try resolve("postgres:///db?host=/run/pg&port=5434")
        XCTAssertEqual(query.endpoint, .socketDirectory("/run/pg"))
        XCTAssertEqual(query.socketPath, "/run/pg/.s.PGSQL.5434")
        let v6 = try resolve("postgres://u@[::1]:5555/db")
        XCTAssertEqual(v6.endpoint, .tcp(host: "::1"))
        XCTAssertEqual(v6.port, 5555)
        XCTAssertEqual(v6.displayName, "postgres://u@[::1]:5555/db")
    }

    func testTheDisplayNameNeverHoldsThePassword() throws {
        let settings = try resolve("postgres://bob:hunter2@host/db?store=marten:public")
        XCTAssertTrue(settings.hasPassword)
        XCTAssertEqual(settings.displayName, "postgres://bob@host:5432/db?store=marten%3Apublic")
        XCTAssertFalse("\(settings)".contains("hunter2"), "a description must not show the password")
        XCTAssertFalse(String(reflecting: settings).contains("hunter2"))
    }

    func testBadURIsAreOneLineErrorsWithoutThePassword() {
        for uri in ["postgres://u:hunter2@h:99999/db", "postgres://u:hunter2@h/db?sslmode=sometimes",
                    "postgres://u:hunter2@h/db?colour=blue", "postgres://u:hunter2@a,b/db", "postgres://u:hun%zzter2@h/db"] {
            XCTAssertThrowsError(try resolve(uri), uri) { error in
                let message = "\(error)"
                XCTAssertFalse(message.contains("hunter2") || message.contains("hun%zz"), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
    }

    // MARK: - Password file

    private func passwordFile(_ text: String, mode: Int = 0o600) throws -> String {
        let path = folder.path("pgpass")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func testThePasswordFileFirstMatchingLineWins() throws {
        let file = try passwordFile("""
            # comment
            other:5432:*:bob:wrong
            db.example.com:5432:sales:bob:first
            *:*:*:bob:fallback
            """)
        let environment = ["PGPASSFILE": file]
        XCTAssertEqual(try resolve("postgres://bob@db.example.com/sales", environment).password, "first")
        XCTAssertEqual(try resolve("postgres://bob@db.example.com/hr", environment).password, "fallback")
        XCTAssertNil(try resolve("postgres://eve@db.example.com/hr", environment).password)
        XCTAssertEqual(try resolve("postgres://bob:given@db.example.com/sales", environment).password, "given", "the URI's password wins")
        XCTAssertEqual(try resolve("postgres://bob@db.example.com/sales", environment.merging(["PGPASSWORD": "env"]) { $1 }).password, "env",
                       "PGPASSWORD comes before the file")
    }

    func testEscapedColonsAndBackslashes() throws {
        let file = try passwordFile(#"h\:x:5432:db:u:pa\:ss\\word"#)
        XCTAssertEqual(try resolve("postgres://u@h%3Ax/db", ["PGPASSFILE": file]).password, #"pa:ss\word"#)
    }

    func testAFileOthersCanReadIsIgnored() throws {
        let file = try passwordFile("*:*:*:*:secret", mode: 0o644)
        XCTAssertNil(try resolve("postgres://u@h/db", ["PGPASSFILE": file]).password)
    }

    func testTheDefaultFileIsPgpassInTheHomeFolderAndLocalhostMatchesTheDefaultSocket() throws {
        let home = folder.path("home2")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let path = home + "/.pgpass"
        try "localhost:5432:db:u:viasocket\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        XCTAssertEqual(try resolve("postgres://u@/db", home: home).password, "viasocket")
        XCTAssertNil(try resolve("postgres://u@%2Fother%2Fdir/db", home: home).password)
    }
}
