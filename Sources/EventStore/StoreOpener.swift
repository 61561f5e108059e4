import EventModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a store file with the right source, chosen by the file's content, never its name.
public enum StoreOpener {
    public static func open(path: String, options: StoreOptions = StoreOptions()) throws -> EventSource {
        let kind = try detectFormat(path: path)
        switch kind {
        case .sqlite: return try SQLiteSource(path: path, options: options)
        case .jsonl, .csv:
            if options.mapping != nil { throw StoreError("\(path): --map describes database tables; this is a \(kind.displayName) file") }
            return JSONLinesSource(path: path, kind: kind)
        case .postgres: throw StoreError("\(path): a file, not a PostgreSQL database")  // detectFormat reads files only
        }
    }

    /// Looks at the first bytes: the SQLite header, a JSON object at the start of a line, or a
    /// CSV header row naming event fields.
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
            return try csvFormat(Array(body), path: path)
        }
    }

    /// A CSV export if the first non-blank row has several fields; then it must be a header that
    /// names event fields, or the file is refused saying so.
    private static func csvFormat(_ head: [UInt8], path: String) throws -> SourceKind {
        var fields: [CSVRecordReader.Field] = []
        var start = 0
        var header: [String] = []
        try head.withUnsafeBufferPointer { bytes in
            while start < bytes.count {
                // The head may end inside a row: what is there is read as if the file ended.
                switch CSVRecordReader.read(bytes, from: start, atEnd: true, into: &fields) {
                case .record(let end, _, _) where fields.count == 1 && fields[0].isNull:
                    start = end  // a blank line
                case .record:
                    header = fields.map { $0.text(in: bytes) }
                    return
                case .malformed, .needsMoreBytes:
                    throw StoreError("\(path): neither an SQLite database, a JSON Lines file nor a CSV export")
                }
            }
        }
        guard header.count > 1 else { throw StoreError("\(path): neither an SQLite database, a JSON Lines file nor a CSV export") }
        do {
            _ = try CSVColumns(header: header)
        } catch {
            throw StoreError("\(path): a CSV file, but \(error.reason)")
        }
        return .csv
    }
}
