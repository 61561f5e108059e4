import Foundation

/// Files committed with the tests (Tests/Fixtures) and the sample stores, found from this file's
/// place in the repository.
public enum Fixtures {
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under Tests/Fixtures.
    public static func path(_ relative: String) -> String {
        repository.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    /// A path under sample-stores.
    public static func sample(_ name: String) -> String {
        repository.appendingPathComponent("sample-stores").appendingPathComponent(name).path
    }

    /// The AES key of the encrypted eventsourcing fixtures (bytes 0 to 31, base64), a test key.
    public static let eventsourcingCipherKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
}
