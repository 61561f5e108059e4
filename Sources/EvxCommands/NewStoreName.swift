/// Commands that create a store write the native SQLite format; a JSON Lines name would make a
/// file that is not what its name says (and that `evx` would then read as SQLite anyway).
enum NewStoreName {
    static func check(_ path: String, command: String) throws {
        if [".jsonl", ".json", ".ndjson"].contains(where: { path.lowercased().hasSuffix($0) }) {
            throw UsageError("\(path): evx \(command) writes SQLite; name it .sqlite (and export JSON Lines with evx events --json)")
        }
    }
}
