#if canImport(Glibc)
import Glibc
#endif

/// What identifies a store file on disk: a new inode means it was replaced, a smaller size that
/// it was truncated.
struct FileIdentity: Equatable, Sendable {
    let inode: UInt64
    let size: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
    }

    /// Whether the file at this identity's place is another file, or this one cut short.
    func isReplaced(by current: FileIdentity) -> Bool {
        current.inode != inode || current.size < size
    }
}
