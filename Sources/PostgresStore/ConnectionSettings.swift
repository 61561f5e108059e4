import EventModel
import Foundation

/// Where and how to connect to a PostgreSQL server, resolved the way libpq resolves it: the URI's
/// parts first, then the `PG*` environment variables, then libpq's defaults; the password from
/// the URI, else `PGPASSWORD`, else the password file (~/.pgpass).
///
/// The password is private and appears in no description: `displayName` is what evx prints.
public struct ConnectionSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String)
        /// A directory holding the server's socket `.s.PGSQL.<port>` (libpq's meaning of a host
        /// that starts with `/`).
        case socketDirectory(String)
    }

    /// libpq's `sslmode`. `allow` is read as `prefer`: postgres-nio cannot retry with TLS after a
    /// plain connection was refused (docs/postgres.md).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var port: Int
    public var user: String
    public var database: String
    public var tlsMode: TLSMode
    /// Certificate authorities for `verify-ca` / `verify-full` (libpq's `sslrootcert`).
    public var rootCertificatePath: String?
    public var connectTimeoutSeconds: Int
    public var applicationName: String
    /// Which of the database's event stores to read (`?store=`: `family:schema`, a family or a
    /// schema), when it holds several.
    public var store: String?
    private(set) var password: String?

    /// Whether a password will be sent (never the password itself).
    public var hasPassword: Bool { password != nil }

    /// `postgres://user@host:port/database`, never with the password: for headers, `info`, errors.
    public var displayName: String {
        let host: String
        switch endpoint {
        case .tcp(let name): host = name.contains(":") ? "[\(name)]" : name
        case .socketDirectory(let directory): host = Self.percentEncoded(directory)
        }
        var text = "postgres://\(Self.percentEncoded(user))@\(host):\(port)/\(Self.percentEncoded(database))"
        if let store { text += "?store=\(Self.percentEncoded(store))" }
        return text
    }

    /// Whether `store` names a PostgreSQL database rather than a file.
    public static func isURI(_ store: String) -> Bool {
        let lower = store.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Resolves a `postgres://` or `postgresql://` URI (libpq's syntax). Errors are one line and
    /// never echo the password.
    public static func resolve(uri: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                               homeDirectory: String = NSHomeDirectory(),
                               osUser: String = ProcessInfo.processInfo.userName) throws -> ConnectionSettings {
        let parts = try PostgresURI.parse(uri)
        func value(_ key: String, _ variable: String?) -> String? {
            if let given = parts.values[key], !given.isEmpty { return given }
            return variable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        }

        let host = value("host", "PGHOST") ?? Self.defaultSocketDirectory
        let endpoint: Endpoint = host.hasPrefix("/") ? .socketDirectory(host) : .tcp(host: host)
        let portText = value("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw StoreError("invalid port \"\(portText)\" in the PostgreSQL URI (1–65535)")
        }
        let user = value("user", "PGUSER") ?? osUser
        let database = value("dbname", "PGDATABASE") ?? user
        let modeText = value("sslmode", "PGSSLMODE") ?? "prefer"
        guard let mode = TLSMode(rawValue: modeText) else {
            throw StoreError("invalid sslmode \"\(modeText)\" (one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let timeoutText = value("connect_timeout", "PGCONNECT_TIMEOUT") ?? "10"
        guard let timeout = Int(timeoutText) else {
            throw StoreError("invalid connect_timeout \"\(timeoutText)\" (seconds)")
        }
        var settings = ConnectionSettings(
            endpoint: endpoint, port: port, user: user, database: database, tlsMode: mode,
            rootCertificatePath: value("sslrootcert", "PGSSLROOTCERT"),
            connectTimeoutSeconds: timeout <= 0 ? 10 : max(timeout, 2),
            applicationName: value("application_name", "PGAPPNAME") ?? "evx",
            store: parts.values["store"], password: nil)
        if let password = parts.values["password"] ?? environment["PGPASSWORD"] {
            settings.password = password
        } else {
            let file = environment["PGPASSFILE"] ?? (homeDirectory as NSString).appendingPathComponent(".pgpass")
            settings.password = try PasswordFile.lookup(path: file, host: settings.passwordFileHost, port: port,
                                                        database: database, user: user)
        }
        return settings
    }

    /// libpq's compiled-in socket directory on Debian.
    public static let defaultSocketDirectory = "/var/run/postgresql"

    /// The host name the password file is matched against: a socket in the default directory is
    /// `localhost`, as libpq documents.
    var passwordFileHost: String {
        switch endpoint {
        case .tcp(let host): return host
        case .socketDirectory(let directory):
            return directory == Self.defaultSocketDirectory ? "localhost" : directory
        }
    }

    /// The socket file inside the socket directory.
    var socketPath: String? {
        guard case .socketDirectory(let directory) = endpoint else { return nil }
        return (directory as NSString).appendingPathComponent(".s.PGSQL.\(port)")
    }

    public static func == (a: ConnectionSettings, b: ConnectionSettings) -> Bool {
        a.endpoint == b.endpoint && a.port == b.port && a.user == b.user && a.database == b.database
            && a.tlsMode == b.tlsMode && a.store == b.store && a.password == b.password
            && a.rootCertificatePath == b.rootCertificatePath
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Printing, debugging or dumping the settings shows the display name: never the password.
extension ConnectionSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { displayName }
    public var debugDescription: String { displayName }
    public var customMirror: Mirror { Mirror(self, children: ["displayName": displayName]) }
}
