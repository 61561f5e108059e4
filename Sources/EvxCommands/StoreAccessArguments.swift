import ArgumentParser
import EventModel
import EventStore
import Foundation

/// What opening a store may need besides its path: a mapping file for tables evx does not
/// recognise, and the key of encrypted payloads (the `CIPHER_KEY` environment variable, Python
/// eventsourcing's own name for it, or a file). The key is never printed.
struct StoreAccessArguments: ParsableArguments {
    @Option(name: .customLong("map"), help: ArgumentHelp(
        "A mapping file (YAML) naming the table or SELECT that holds the events and its columns (see docs/dialects.md).",
        valueName: "file"))
    var mapping: String?

    @Option(help: ArgumentHelp("A file holding the AES key (base64) of encrypted payloads. Default: the CIPHER_KEY environment variable.",
                               valueName: "file"))
    var cipherKeyFile: String?

    func options() throws -> StoreOptions {
        var options = StoreOptions()
        if let mapping {
            options.mapping = try StoreMapping.load(path: mapping)
        }
        if let cipherKeyFile {
            guard let data = FileManager.default.contents(atPath: cipherKeyFile) else {
                throw UsageError("\(cipherKeyFile): cannot read the cipher key file")
            }
            options.cipherKey = try CipherKey(base64: String(decoding: data, as: UTF8.self), origin: cipherKeyFile)
        } else if let text = ProcessInfo.processInfo.environment["CIPHER_KEY"], !text.isEmpty {
            do {
                options.cipherKey = try CipherKey(base64: text, origin: "CIPHER_KEY")
            } catch {
                options.cipherKeyProblem = "\(error)"
            }
        }
        return options
    }
}
