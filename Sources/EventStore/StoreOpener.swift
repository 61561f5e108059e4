import EventModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a store file with the right source, chosen by the file's content, never its name.
public enum StoreOpener {
    public static func open(path: String, options: StoreOptions = StoreOptions()) throws -> EventSource {
        switch try detectFormat(path: path) {
        case .sqlite: return try SQLiteSource(path: path, options: options)
        case .jsonl:
            if options.mapping != nil { throw StoreError("\(path): --map describes database tables; this is a JSON Lines file") }
            return JSONLinesSource(path: path)
        }
    }

    /// Looks at the first bytes: the SQLite header, or a JSON object at the start of a line.
    public static func detectFormat(path: String) throws -> SourceKind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StoreError("\(path): \(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw StoreError("\(path): is a directory, not a store file") }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw StoreError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw StoreError("\(path): read error (\(String(cString: strerror(errno))))") }
        head.removeSubrange(count...)
        if head.isEmpty { throw StoreError("\(path): the file is empty, so it holds no events") }
        if head.starts(with: Array("SQLite format 3\0".utf8)) { return .sqlite }
        var body = head[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 byte order mark
        switch body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
        case UInt8(ascii: "{")?: return .jsonl
        case UInt8(ascii: "[")?:
            throw StoreError("\(path): a JSON array; evx reads JSON Lines (one event object per line, see docs/store-format.md)")
        case nil:
            throw StoreError("\(path): the file holds only blank lines, so no events")
        default:
            throw StoreError("\(path): neither an SQLite database nor a JSON Lines file")
        }
    }
}
