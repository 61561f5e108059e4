import EventModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed-size chunks, so that memory stays flat whatever the file's
/// size (a line longer than a chunk grows the buffer only for as long as it lasts).
struct LineReader {
    static let chunkSize = 1 << 20

    /// Calls `body` with each line (without its `\n` or `\r\n`), its 1-based number, and whether it
    /// ended with a newline (only the last line of a file may not). Stops when `body` returns `false`.
    static func forEachLine(
        path: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Bool) throws -> Bool
    ) throws {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw StoreError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0
        var lineNumber = 0
        while true {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            guard got >= 0 else { throw StoreError("\(path): read error (\(String(cString: strerror(errno))))") }
            let atEnd = got == 0
            filled += got
            var consumed = 0
            let keepGoing = try buffer.withUnsafeBufferPointer { all -> Bool in
                var start = 0
                while let newline = all[start..<filled].firstIndex(of: 0x0A) {
                    lineNumber += 1
                    if try !body(trimCR(UnsafeBufferPointer(rebasing: all[start..<newline])), lineNumber, true) { return false }
                    start = newline + 1
                }
                consumed = start
                if atEnd, start < filled {
                    lineNumber += 1
                    consumed = filled
                    return try body(trimCR(UnsafeBufferPointer(rebasing: all[start..<filled])), lineNumber, false)
                }
                return true
            }
            if !keepGoing || atEnd { return }
            if consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    all.baseAddress!.update(from: all.baseAddress! + consumed, count: filled - consumed)
                }
                filled -= consumed
            }
        }
    }

    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        line.last == 0x0D ? UnsafeBufferPointer(rebasing: line[..<(line.count - 1)]) : line
    }
}
