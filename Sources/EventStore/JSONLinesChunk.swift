import EventModel
#if canImport(Glibc)
import Glibc
#endif

/// The lines that start in one byte range of a JSON Lines file, decoded as far as each line alone
/// allows. A file is read as consecutive ranges on several threads: a range that does not start a
/// line skips to the first newline in it (the line before belongs to the range before), and its
/// last line runs past the range's end to its newline, however long it is.
struct JSONLinesChunk: Sendable {
    /// A line that is no event: its index among the range's lines, why, and whether it ended with a newline.
    struct Problem: Sendable {
        let line: Int
        let reason: String
        let terminated: Bool
    }

    /// The events' fields, in line order, with each one's index among the range's lines. Kept
    /// apart from the problems so that the reading thread completes records in place rather than
    /// copying each out of an enum.
    var records: [JSONLinesRecord] = []
    var recordLines: [Int] = []
    /// Whether the last record's line did not end with a newline (only a file's last line may not).
    var lastRecordUnterminated = false
    var problems: [Problem] = []
    /// How many lines start in the range, blank ones included.
    var lineCount = 0
    /// Whether the range's last line is the file's unterminated last line.
    var endsUnterminated = false
    /// The offset just after the range's last newline-terminated line, if it has one.
    var endOfTerminatedLines: Int?
    var readError: String?

    /// Reads and decodes the lines starting in `range` of the file open as `fd` (of `fileSize`
    /// bytes, the size when the read began: bytes appended since are left for the next read).
    /// `startsLine` says that `range` starts a line (the file's start, or where a read resumes).
    static func decode(fd: Int32, range: Range<Int>, startsLine: Bool, fileSize: Int,
                       parser: inout JSONLinesLineParser, buffer: inout [UInt8]) -> JSONLinesChunk {
        var chunk = JSONLinesChunk()
        let base = startsLine ? range.lowerBound : range.lowerBound - 1  // the file offset of buffer[0]
        var filled = 0
        /// Makes the buffer hold the file's bytes up to `end` (grown as needed); false on a read error.
        func fill(upTo end: Int) -> Bool {
            let wanted = end - base
            if buffer.count < wanted { buffer += [UInt8](repeating: 0, count: max(wanted - buffer.count, buffer.count)) }
            while filled < wanted {
                let got = buffer.withUnsafeMutableBytes { raw in
                    pread(fd, raw.baseAddress! + filled, wanted - filled, off_t(base + filled))
                }
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    chunk.readError = got < 0 ? String(cString: strerror(errno)) : "the file shrank while being read"
                    return false
                }
                filled += got
            }
            return true
        }
        guard fill(upTo: min(fileSize, range.upperBound)) else { return chunk }
        var lineStart = range.lowerBound
        if !startsLine {
            guard let newline = newline(in: buffer, from: 0, to: range.upperBound - 1 - base) else { return chunk }
            lineStart = base + newline + 1
        }
        while lineStart < range.upperBound {
            // Find the line's end, reading past the range if the line runs on.
            var searchFrom = lineStart - base
            var lineEnd: Int?
            while true {
                if let newline = newline(in: buffer, from: searchFrom, to: filled) { lineEnd = base + newline; break }
                if base + filled >= fileSize { break }
                searchFrom = filled
                guard fill(upTo: min(fileSize, base + filled + max(filled, 1 << 20))) else { return chunk }
            }
            let end = lineEnd ?? fileSize
            let terminated = lineEnd != nil
            let index = chunk.lineCount
            chunk.lineCount += 1
            if terminated { chunk.endOfTerminatedLines = end + 1 } else { chunk.endsUnterminated = true }
            buffer.withUnsafeBufferPointer { all in
                var line = UnsafeBufferPointer(rebasing: all[(lineStart - base)..<(end - base)])
                if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                if lineStart == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                switch parser.parse(line) {
                case .success(let record): chunk.add(record, line: index, terminated: terminated)
                case .failure(let problem): chunk.problems.append(Problem(line: index, reason: problem.reason, terminated: terminated))
                }
            }
            lineStart = end + 1
        }
        return chunk
    }

    mutating func add(_ record: JSONLinesRecord, line: Int, terminated: Bool) {
        records.append(record)
        recordLines.append(line)
        lastRecordUnterminated = !terminated
    }

    /// The index of the next `\n` in `bytes[start..<end]` (memchr: lines can be hundreds of megabytes long).
    private static func newline(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress, let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }
}
