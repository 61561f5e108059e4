import EventModel
import EventStore
import PostgresStore

/// What STORE names: a PostgreSQL database (a `postgres://` or `postgresql://` URI) or a file,
/// whose format its content tells.
enum StoreLocation {
    static func open(_ store: String, options: StoreOptions = StoreOptions()) throws -> EventSource {
        guard ConnectionSettings.isURI(store) else { return try StoreOpener.open(path: store, options: options) }
        return try PostgresSource(uri: store, options: options)
    }

    /// How STORE is named in messages: a URI never with its password.
    static func displayName(_ store: String) -> String {
        guard ConnectionSettings.isURI(store) else { return store }
        return (try? ConnectionSettings.resolve(uri: store).displayName) ?? "the PostgreSQL URI"
    }

    static func isFile(_ store: String) -> Bool { !ConnectionSettings.isURI(store) }
}
