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
        // Bytes before this offset hold no newline: a long line is scanned once, not once per chunk.
        var scanned = 0
        var lineNumber = 0
        while true {
            // A line longer than the buffer doubles it (Array(repeating:) is a memset; appending a
            // repeated element goes one element at a time).
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            guard got >= 0 else { throw StoreError("\(path): read error (\(String(cString: strerror(errno))))") }
            let atEnd = got == 0
            filled += got
            var consumed = 0
            let keepGoing = try buffer.withUnsafeBufferPointer { all -> Bool in
                var start = 0
                while let newline = Self.newline(in: all, from: max(start, scanned), to: filled) {
                    lineNumber += 1
                    if try !body(trimCR(UnsafeBufferPointer(rebasing: all[start..<newline])), lineNumber, true) { return false }
                    start = newline + 1
                }
                scanned = filled
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
                scanned -= consumed
            }
        }
    }

    /// The offset of the next `\n` (memchr: lines can be hundreds of megabytes long).
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        line.last == 0x0D ? UnsafeBufferPointer(rebasing: line[..<(line.count - 1)]) : line
    }
}
