import EventModel
import EventStore
import Foundation
import PostgresNIO

/// One read-only connection to a PostgreSQL server, used by one thread at a time, with a blocking
/// API: each call sends its query through postgres-nio and waits for the whole (bounded) result on
/// the caller's own thread, never on an event-loop thread.
///
/// Read-only by construction: the session starts with `default_transaction_read_only=on` (sent in
/// the startup packet, so no statement of evx's runs before it holds) and evx never changes it;
/// `statement_timeout`, `lock_timeout` and `idle_in_transaction_session_timeout` bound every query.
final class ServerConnection {
    let settings: ConnectionSettings
    private let connection: PostgresConnection
    private let logger: Logger
    /// Server-side limit of one statement; a client-side deadline a little longer closes the
    /// connection if the server itself stops answering.
    static let statementTimeoutSeconds = 30
    static let clientDeadlineSeconds = Int64(statementTimeoutSeconds + 15)

    private init(settings: ConnectionSettings, connection: PostgresConnection, logger: Logger) {
        self.settings = settings
        self.connection = connection
        self.logger = logger
    }

    /// Closes the connection and waits for it (postgres-nio requires a connection closed before
    /// it goes; the owner's thread is never an event-loop thread).
    deinit {
        close()
    }

    static func open(_ settings: ConnectionSettings) throws -> ServerConnection {
        var logger = Logger(label: "evx.postgres")
        logger.logLevel = .critical  // nothing of postgres-nio's reaches the terminal (it could carry a query)
        let configuration = try configuration(for: settings)
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw describe(error, settings: settings, connecting: true)
        }
        let server = ServerConnection(settings: settings, connection: connection, logger: logger)
        // Checked, not assumed: a pooler or a role setting could override the startup parameter.
        guard try server.rows("SELECT current_setting('transaction_read_only')").first?.string(0) == "on" else {
            throw StoreError("\(settings.displayName): the session is not read-only, so evx does not use it")
        }
        return server
    }

    private static func configuration(for settings: ConnectionSettings) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch settings.endpoint {
        case .tcp(let host):
            configuration = .init(host: host, port: settings.port, username: settings.user, password: settings.password,
                                  database: settings.database, tls: try tls(settings))
        case .socketDirectory:
            configuration = .init(unixSocketPath: settings.socketPath ?? "", username: settings.user,
                                  password: settings.password, database: settings.database)
        }
        configuration.options.connectTimeout = .seconds(Int64(settings.connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [
            ("application_name", settings.applicationName),
            ("default_transaction_read_only", "on"),
            ("statement_timeout", "\(statementTimeoutSeconds)s"),
            ("lock_timeout", "5s"),
            ("idle_in_transaction_session_timeout", "60s"),
            ("TimeZone", "UTC"),
        ]
        return configuration
    }

    /// libpq's sslmode: `prefer`/`require` encrypt without checking the certificate, `verify-ca`
    /// checks it against the root certificates, `verify-full` also checks the host name.
    private static func tls(_ settings: ConnectionSettings) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.tlsMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = settings.rootCertificatePath { tls.trustRoots = .file(root) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw StoreError("\(settings.displayName): cannot set up TLS (\(error))")
        }
        return settings.tlsMode == .require || settings.tlsMode == .verifyCA || settings.tlsMode == .verifyFull
            ? .require(context) : .prefer(context)
    }

    // MARK: - Queries

    /// Runs a dialect's statement and returns its rows as one batch (callers bound them with LIMIT).
    /// `deadlineSeconds`: how long to wait for the answer before taking the connection for lost.
    func batch(_ statement: SQLStatement, deadlineSeconds: Int64 = clientDeadlineSeconds) throws -> RowBatch {
        RowBatch(try send(statement.sql, statement.arguments.map(UntypedParameter.init), deadlineSeconds: deadlineSeconds))
    }

    /// The names of a statement's result columns, from its first row (none when it has no row).
    func columnNames(_ sql: String) throws -> [String] {
        guard let row = try send(sql, []).first else { return [] }
        return row.map { (cell: PostgresCell) in cell.columnName }
    }

    /// Runs one statement and returns all its rows (callers bound them with LIMIT).
    func rows(_ sql: String, _ binds: [any PostgresBindable] = []) throws -> [ServerRow] {
        try send(sql, binds).map(ServerRow.init)
    }

    private func send(_ sql: String, _ binds: [any PostgresBindable], deadlineSeconds: Int64 = clientDeadlineSeconds) throws -> [PostgresRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        do {
            for value in binds { try bindings.append(value) }
        } catch {
            throw StoreError("\(settings.displayName): cannot send a query parameter (\(error))")
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let future = connection.query(query, logger: logger)
        // The deadline is kept on this thread: closing the channel does not always fail a query
        // already queued on a connection the server dropped (seen after a restart), so a plain
        // `wait()` could block forever.
        let answered = DispatchSemaphore(value: 0)
        future.whenComplete { _ in answered.signal() }
        if answered.wait(timeout: .now() + .seconds(Int(deadlineSeconds))) == .timedOut {
            connection.channelClose()
            throw ServerFailure(error: StoreError("\(settings.displayName): no answer from the server within \(deadlineSeconds) s (connection closed)"),
                                isRefusal: false)
        }
        do {
            return try future.wait().rows
        } catch {
            throw Self.describe(error, settings: settings, connecting: false)
        }
    }

    /// Whether the server itself answered `error` with a refusal over a working connection
    /// (permission denied, a statement timeout, a bad password), rather than the connection or
    /// the server going away (which a retry may outlast).
    static func isRefusal(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return !["57P01", "57P02", "57P03", "08000", "08003", "08006"].contains(state)
    }

    /// Starts listening on `channel` (once per connection): the signal fires on each notification.
    func listen(_ channel: String) throws -> NotificationSignal {
        if let listening, listening.channel == channel { return listening.signal }
        let signal = NotificationSignal()
        connection.addListener(channel: channel) { _, _ in signal.fire() }
        _ = try rows("LISTEN \(SQLSyntax.postgres(schema: "").quote(channel))")
        listening = (channel, signal)
        return signal
    }

    private var listening: (channel: String, signal: NotificationSignal)?

    /// Whether the connection is still usable (false after the server or the network dropped it).
    var isOpen: Bool { !connection.isClosed }

    func close() {
        let closed: EventLoopFuture<Void> = connection.close()
        _ = try? closed.wait()
    }

    // MARK: - Errors

    /// One line for a person, naming the store without its password.
    static func describe(_ error: any Error, settings: ConnectionSettings, connecting: Bool) -> ServerFailure {
        ServerFailure(error: message(error, settings: settings, connecting: connecting), isRefusal: isRefusal(error))
    }

    private static func message(_ error: any Error, settings: ConnectionSettings, connecting: Bool) -> StoreError {
        let name = settings.displayName
        guard let error = error as? PSQLError else {
            return StoreError("\(name): \(connecting ? "cannot connect" : "query failed") (\(error))")
        }
        if let info = error.serverInfo, let message = info[.message] {
            switch info[.sqlState] {
            case "57014" where message.contains("statement timeout"):
                return StoreError("\(name): a query ran longer than the statement timeout (\(statementTimeoutSeconds) s) and was cancelled")
            case "57P01", "57P02":
                // A fast shutdown and pg_terminate_backend say the same ("administrator command").
                return StoreError("\(name): the server closed the connection (\(message))")
            case "57P03":
                return StoreError("\(name): the server is not accepting connections (\(message))")
            default:
                return StoreError("\(name): \(message)")
            }
        }
        switch error.code {
        case .connectionError:
            let cause = error.underlying.map { "\($0)" } ?? "connection error"
            return StoreError("\(name): cannot connect (\(cause))")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StoreError("\(name): the connection to the server was lost")
        case .sslUnsupported:
            return StoreError("\(name): the server does not support TLS, and sslmode asks for it")
        case .authMechanismRequiresPassword:
            return StoreError("\(name): the server asks for a password (give it in ~/.pgpass, PGPASSWORD or the URI)")
        case .unsupportedAuthMechanism:
            return StoreError("\(name): the server asks for an authentication method evx does not support")
        default:
            return StoreError("\(name): \(connecting ? "cannot connect" : "query failed") (\(error.code))")
        }
    }
}

extension PostgresConnection {
    /// Closes the connection without waiting (from a deinit or a timer).
    func channelClose() {
        let _: EventLoopFuture<Void> = close()
    }
}

/// One result row: its cells, decoded on the caller's thread.
struct ServerRow: Sendable {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) { cells = row.makeRandomAccess() }

    func isNull(_ index: Int) -> Bool { cells[index].bytes == nil }

    func string(_ index: Int) -> String? {
        guard let bytes = cells[index].bytes else { return nil }
        return String(buffer: bytes)
    }

    func int64(_ index: Int) -> Int64? {
        let cell = cells[index]
        guard cell.bytes != nil else { return nil }
        return try? cell.decode(Int64.self)
    }

    func double(_ index: Int) -> Double? {
        let cell = cells[index]
        guard cell.bytes != nil else { return nil }
        return try? cell.decode(Double.self)
    }
}

/// Wakes a waiting follower when the server sends a notification (fired on an event-loop thread).
final class NotificationSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func fire() { semaphore.signal() }

    /// True when a notification came within `milliseconds`.
    func wait(milliseconds: Int) -> Bool {
        semaphore.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }
}

/// What a query parameter can be (Int64, String, or an untyped text value).
typealias PostgresBindable = PostgresThrowingDynamicTypeEncodable

/// A failure of the server or of the connection to it: the one line to show, and whether the
/// server refused over a working connection (nothing a retry would change).
struct ServerFailure: Error, CustomStringConvertible {
    let error: StoreError
    let isRefusal: Bool

    var description: String { error.message }
}
