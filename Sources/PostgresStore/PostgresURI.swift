import EventModel

/// The parts of a libpq connection URI,
/// `postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]`, percent-decoded,
/// as keyword/value pairs (the URI's query parameters override its other parts, as in libpq).
/// Errors never repeat the URI: it may hold a password.
struct PostgresURI {
    var values: [String: String] = [:]

    /// The query parameters evx understands: libpq's that matter to a reader, and `store`.
    static let parameters: Set<String> = [
        "host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "connect_timeout",
        "application_name", "store",
    ]

    static func parse(_ uri: String) throws -> PostgresURI {
        guard let schemeEnd = uri.range(of: "://") else { throw StoreError("not a PostgreSQL URI (postgres://user@host:port/database)") }
        var rest = Substring(uri[schemeEnd.upperBound...])
        var result = PostgresURI()

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let database = rest[rest.index(after: slash)...]
            if !database.isEmpty { result.values["dbname"] = try decoded(database, what: "database name") }
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                result.values["user"] = try decoded(userInfo[..<colon], what: "user name")
                result.values["password"] = try decoded(userInfo[userInfo.index(after: colon)...], what: "password")
            } else if !userInfo.isEmpty {
                result.values["user"] = try decoded(userInfo, what: "user name")
            }
        }
        try result.readHost(authority)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "=") else {
                throw StoreError("a PostgreSQL URI parameter has no value (name=value)")
            }
            let key = try decoded(pair[..<equals], what: "parameter name")
            guard parameters.contains(key) else {
                throw StoreError("unknown PostgreSQL URI parameter \"\(key)\" (known: \(parameters.sorted().joined(separator: ", ")))")
            }
            result.values[key] = try decoded(pair[pair.index(after: equals)...], what: "value of \(key)")
        }
        return result
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`, or a percent-encoded socket directory.
    private mutating func readHost(_ authority: Substring) throws {
        guard !authority.isEmpty else { return }
        guard !authority.contains(",") else {
            throw StoreError("several hosts in one PostgreSQL URI are not supported: give one")
        }
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw StoreError("unclosed [ in the PostgreSQL URI's host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty {
                throw StoreError("unexpected text after the host in the PostgreSQL URI")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        if !host.isEmpty { values["host"] = try Self.decoded(host, what: "host") }
        if let port, !port.isEmpty { values["port"] = try Self.decoded(port, what: "port") }
    }

    /// Percent-decoding as RFC 3986 (and libpq) define it; `what` names the part in errors.
    static func decoded(_ text: Substring, what: String) throws -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw StoreError("invalid percent-encoding in the PostgreSQL URI's \(what)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw StoreError("the PostgreSQL URI's \(what) is not UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
