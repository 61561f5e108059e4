import EventModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `:write`: saves JSON the explorer made, never over the store being explored (or its journal
/// files), and never over an existing file unless asked to replace it.
struct FileWriter {
    let storePath: String?

    func write(_ contents: String, to path: String, overwrite: Bool) throws {
        if let store = storePath, [store, store + "-wal", store + "-shm", store + "-journal"]
            .contains(where: { FileManager.default.fileExists(atPath: $0) && Self.sameFile($0, path) }) {
            throw StoreError("write: \(path) is the store being explored; evx never writes to it")
        }
        if FileManager.default.fileExists(atPath: path), !overwrite {
            throw StoreError("write: \(path) exists; :write! \(path) replaces it")
        }
        do {
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StoreError("write: cannot write \(path) (\(error.localizedDescription))")
        }
    }

    /// Whether two paths name the same file (same device and inode).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
