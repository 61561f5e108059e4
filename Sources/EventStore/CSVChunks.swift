import EventModel
#if canImport(Glibc)
import Glibc
#endif

/// Reads a CSV export from an offset in pieces of about a megabyte, each handed over as a
/// `JSONLinesChunk` (a record or a problem per row), so that everything after a row is decoded
/// (deriving positions and versions, warnings, summaries, resuming a followed file) is the JSON
/// Lines code. Unlike JSON Lines, rows are read on one thread: a quoted field may hold newlines,
/// so where a row starts is known only by reading from the file's start.
enum CSVChunks {
    static let pieceSize = 1 << 20

    /// Calls `body` with the rows from `start` to `fileSize` in file order until it returns false.
    /// From the file's start, the first row is the header and sets `columns`; from elsewhere (a
    /// resumed read), `columns` must hold the header read before.
    static func forEach(fd: Int32, from start: Int, fileSize: Int, needs: JSONLinesNeeds, columns: inout CSVColumns?,
                        path: String, _ body: (inout JSONLinesChunk) throws -> Bool) throws {
        // A followed file is read again for a few appended rows: no megabyte for those.
        var buffer = [UInt8](repeating: 0, count: min(pieceSize, max(4096, fileSize - start)))
        var base = start  // the file offset of buffer[0]
        var filled = 0
        var cursor = 0
        var fields: [CSVRecordReader.Field] = []
        var names = StringInterner()
        var chunk = JSONLinesChunk()
        var readsHeader = start == 0 || columns == nil

        /// Reads more of the file after what the buffer holds, keeping the bytes from `cursor` on.
        func fill() throws {
            if cursor > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    guard let start = all.baseAddress else { return }
                    start.update(from: start + cursor, count: filled - cursor)
                }
                base += cursor
                filled -= cursor
                cursor = 0
            }
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let wanted = min(buffer.count - filled, fileSize - (base + filled))
            guard wanted > 0 else { return }
            let got = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + filled, wanted, off_t(base + filled)) } ?? -1
            }
            guard got > 0 else {
                throw StoreError("\(path): read error (\(got < 0 ? String(cString: strerror(errno)) : "the file shrank while being read"))")
            }
            filled += got
        }

        try fill()
        if start == 0, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor = 3 }  // byte order mark
        var piece = 0  // bytes of rows in the chunk being made
        while true {
            let atEnd = base + filled >= fileSize
            if cursor >= filled, atEnd {
                _ = try body(&chunk)
                return
            }
            let outcome = buffer.withUnsafeBufferPointer { all in
                CSVRecordReader.read(UnsafeBufferPointer(rebasing: all[..<filled]), from: cursor, atEnd: atEnd, into: &fields)
            }
            switch outcome {
            case .needsMoreBytes:
                try fill()
                continue
            case .record(let end, let newlines, let terminated):
                let lines = newlines + (terminated ? 0 : 1)
                if readsHeader, fields.count == 1, fields[0].isNull {
                    // Blank lines before the header.
                } else if readsHeader {
                    let header = buffer.withUnsafeBufferPointer { all in fields.map { $0.text(in: all) } }
                    do {
                        columns = try CSVColumns(header: header)
                    } catch {
                        throw StoreError("\(path): a CSV file, but \(error.reason)")
                    }
                    readsHeader = false
                } else if fields.count > 1 || !(fields.first?.isNull ?? true), let columns {
                    let decoded = buffer.withUnsafeBufferPointer { all in columns.record(fields, in: all, needs: needs, names: &names) }
                    switch decoded {
                    case .success(let record): chunk.add(record, line: chunk.lineCount, terminated: terminated)
                    case .failure(let problem):
                        chunk.problems.append(.init(line: chunk.lineCount, reason: problem.reason, terminated: terminated))
                    }
                }
                finish(&chunk, lines: lines, end: base + end, terminated: terminated)
                piece += end - cursor
                cursor = end
            case .malformed(let reason, let end, let newlines, let terminated):
                chunk.problems.append(.init(line: chunk.lineCount, reason: "not a CSV row (\(reason))", terminated: terminated))
                finish(&chunk, lines: newlines + (terminated ? 0 : 1), end: base + end, terminated: terminated)
                piece += end - cursor
                cursor = end
            }
            if piece >= pieceSize {
                if try !body(&chunk) { return }
                chunk = JSONLinesChunk()
                piece = 0
            }
        }
    }

    /// Counts a row's lines into the chunk and notes where the rows ending in a newline end.
    private static func finish(_ chunk: inout JSONLinesChunk, lines: Int, end: Int, terminated: Bool) {
        chunk.lineCount += lines
        if terminated { chunk.endOfTerminatedLines = end } else { chunk.endsUnterminated = true }
    }
}
