import ArgumentParser
import Foundation
import Replay

/// `--rules FILE`, and the rules evx uses when it is not given: the file beside the store named
/// after it (`orders.sqlite` → `orders.evx.yaml`) if there is one, else deep merge of every event.
struct RulesArguments: ParsableArguments {
    @Option(help: ArgumentHelp("The rules file (YAML, see docs/rules.md). Default: STORE's name with .evx.yaml, if that file exists.",
                               valueName: "file"))
    var rules: String?

    func load(forStore store: String) throws -> Rules {
        // A database has no folder to hold a rules file beside it: --rules names one.
        if rules == nil, !StoreLocation.isFile(store) { return .merge }
        let path = rules ?? RulesLocation.defaultPath(forStore: store)
        if rules == nil, !FileManager.default.fileExists(atPath: path) { return .merge }
        do {
            return try RulesLoader.load(path: path)
        } catch {
            throw UsageError("\(error)")
        }
    }
}
