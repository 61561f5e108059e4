import Dispatch
import EventModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a JSON Lines store: one event object per line, field names as in `JSONLinesField`; or,
/// with the same names and rules, a CSV export with a header row (`CSVChunks`).
///
/// A line that cannot be read is skipped with a warning naming its number, and the other events
/// still load; an incomplete last line is expected (a writer may be mid-line) and skipped quietly
/// apart from a warning. A UTF-8 byte order mark at the start of the file is ignored.
///
/// Large files are read as byte ranges decoded on every core (`JSONLinesChunk`), collected in
/// file order. A read that went to the end leaves a resume point, so that reading what was
/// appended since (a followed file) starts from there instead of the file's start.
public final class JSONLinesSource: EventSource {
    /// `.jsonl`, or `.csv` for a CSV export.
    public let kind: SourceKind
    public let path: String
    public private(set) var readWarnings: [String] = []
    /// A CSV export's columns, as its header named them (read with the first row).
    private var csvColumns: CSVColumns?
    /// Where the last complete read ended, with the decoding state there.
    private var resumePoint: ResumePoint?

    /// Bytes per range handed to a thread: small enough that a limited read stops soon, large
    /// enough that handing them over costs nothing.
    static let chunkSize = 1 << 20

    public init(path: String, kind: SourceKind = .jsonl) {
        self.path = path
        self.kind = kind
    }

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        var remaining = filter.limit ?? Int.max
        guard remaining > 0 else { return }
        let needs = JSONLinesNeeds(details: filter.includesDetails, payloads: true)
        let after = filter.fromPosition.flatMap { $0 > Int64.min ? $0 - 1 : nil }
        try forEachDecodedLine(needs: needs, after: after, wantsPrevious: false) { record, _ in
            guard filter.admits(record.event) else { return true }
            remaining -= 1
            return try body(record.event) && remaining > 0
        }
    }

    /// Positions and times only: payloads and details are checked but not copied.
    public func forEachPositionAndTime(after position: Int64, _ body: (Int64, EventTime?) -> Void) throws {
        try forEachDecodedLine(needs: JSONLinesNeeds(details: false, payloads: false), after: position, wantsPrevious: false) { record, _ in
            if record.event.position > position { body(record.event.position, record.event.time) }
            return true
        }
    }

    /// The file's size and modification time: appending, truncating or replacing it changes them.
    public func changeToken() throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreError("\(path): \(String(cString: strerror(errno)))") }
        return Int64(info.st_size) &* 1_000_003 &+ Int64(info.st_mtim.tv_nsec) &+ Int64(info.st_mtim.tv_sec) &* 1_000_000_007 &+ Int64(info.st_ino)
    }

    /// JSON Lines stores hold events only.
    public func snapshots(stream: String?) throws -> [Snapshot] { [] }

    public func summary() throws -> StoreSummary {
        var accumulator = SummaryAccumulator()
        var seenIDs = FingerprintSet()
        var duplicateIDs = ExampleCounter()
        var duplicateVersions = Set<String>(), missingVersions = Set<String>()
        var duplicateVersionExamples = ExampleCounter(), missingVersionExamples = ExampleCounter()
        var decoderStreams = 0
        try forEachDecodedLine(needs: JSONLinesNeeds(details: true, payloads: false), after: nil, wantsPrevious: true) { record, previous in
            let event = record.event
            let previousVersion = previous ?? 0  // always given when wanted
            accumulator.add(position: event.position, type: event.type, streamType: event.streamType,
                            startsStream: previousVersion == 0, time: event.time)
            if event.problems.contains(where: { $0.hasPrefix("data") || $0.hasPrefix("metadata") }) {
                accumulator.invalidPayloads.add("position \(event.position)")
            }
            if !seenIDs.insert(record.idHash) { duplicateIDs.add(event.id) }
            if previousVersion == 0 { decoderStreams += 1 }
            if event.version <= previousVersion, duplicateVersions.insert(event.stream).inserted {
                duplicateVersionExamples.add(event.stream)
            } else if event.version > previousVersion + 1, missingVersions.insert(event.stream).inserted {
                missingVersionExamples.add(event.stream)
            }
            return true
        }
        var summary = accumulator.summary(kind: kind, path: path)
        summary.streamCount = decoderStreams
        summary.warnings += [
            duplicateIDs.warning(.duplicateEventIDs),
            duplicateVersionExamples.warning(.duplicateStreamVersions),
            missingVersionExamples.warning(.missingStreamVersions),
        ].compactMap { $0 }
        if !readWarnings.isEmpty {
            summary.warnings.append(IntegrityWarning(kind: .skippedLines, count: readWarnings.count,
                                                     examples: Array(readWarnings.prefix(IntegrityWarning.exampleLimit))))
        }
        summary.warnings.sort { $0.kind.rawValue < $1.kind.rawValue }
        return summary
    }

    // MARK: - Reading

    /// Where a complete read ended: the offset after the last newline-terminated line, the lines
    /// before it, the decoder's state there, and what identifies the file's content up to it.
    private struct ResumePoint {
        var offset: Int
        var lineCount: Int
        var decoder: JSONLinesDecoder
        var device: UInt64
        var inode: UInt64
        /// The bytes just before `offset`: if they changed, the file was rewritten, not appended to.
        var tail: [UInt8]
    }

    /// Decodes every line in order (or, when every event after position `after` is wanted and
    /// the file only grew since the last complete read, the lines after that read), recording
    /// skipped lines in `readWarnings`. `body` gets each record with its stream's previous version
    /// when `wantsPrevious`, or when it was needed anyway (`JSONLinesDecoder`). Fails only when the
    /// file cannot be read or holds no readable event at all.
    private func forEachDecodedLine(needs: JSONLinesNeeds, after: Int64?, wantsPrevious: Bool,
                                    _ body: (JSONLinesRecord, Int64?) throws -> Bool) throws {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError("\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError("\(path): \(String(cString: strerror(errno)))") }
        let fileSize = Int(info.st_size)
        let resume = after.flatMap { resumable(fd: fd, info: info, after: $0) }
        var decoder = resume?.decoder ?? JSONLinesDecoder()
        var lineNumber = resume?.lineCount ?? 0
        let start = resume?.offset ?? 0
        readWarnings = []
        var decodedAny = resume != nil
        var firstProblem: String?
        // What the read reaches, for the next resume point: the decoder is copied only before an
        // unterminated last line (copying it per range would copy its table of streams each time).
        var endOfTerminated = (offset: start, lineCount: lineNumber)
        var decoderBeforeUnterminated: JSONLinesDecoder?
        var stoppedEarly = false

        try forEachChunkOfThisFormat(fd: fd, from: start, fileSize: fileSize, needs: needs) { chunk in
            if let error = chunk.readError { throw StoreError("\(path): read error (\(error))") }
            // Problems and records in line order; records completed in place and lent to `body`.
            var problem = 0
            func noteProblems(before line: Int) {
                while problem < chunk.problems.count, chunk.problems[problem].line < line {
                    let found = chunk.problems[problem]
                    let warning = found.terminated
                        ? "line \(lineNumber + found.line + 1): \(found.reason); skipped"
                        : "line \(lineNumber + found.line + 1): incomplete last line skipped (a writer may be mid-line)"
                    readWarnings.append(warning)
                    firstProblem = firstProblem ?? warning
                    problem += 1
                }
            }
            for index in chunk.records.indices {
                noteProblems(before: chunk.recordLines[index])
                decodedAny = true
                if chunk.lastRecordUnterminated, index == chunk.records.count - 1 { decoderBeforeUnterminated = decoder }
                let previousVersion = try decoder.complete(&chunk.records[index], details: needs.details, wantsPrevious: wantsPrevious) {
                    try streamVersions(ofFirst: $0, fd: fd, fileSize: fileSize)
                }
                if try !body(chunk.records[index], previousVersion) {
                    stoppedEarly = true
                    return false
                }
            }
            noteProblems(before: Int.max)
            lineNumber += chunk.lineCount
            if let end = chunk.endOfTerminatedLines {
                endOfTerminated.offset = end
                endOfTerminated.lineCount = lineNumber - (chunk.endsUnterminated ? 1 : 0)
            }
            return true
        }
        if !decodedAny, let firstProblem {
            throw StoreError("\(path): no readable event in this \(kind.displayName) file (\(firstProblem))")
        }
        if !stoppedEarly {
            resumePoint = ResumePoint(offset: endOfTerminated.offset, lineCount: endOfTerminated.lineCount,
                                      decoder: decoderBeforeUnterminated ?? decoder, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                                      tail: Self.bytes(fd: fd, before: endOfTerminated.offset))
        }
    }

    /// The last version of each stream among the file's first `count` records, read again from
    /// its start: what deriving a version needs when the lines before all gave theirs.
    private func streamVersions(ofFirst count: Int, fd: Int32, fileSize: Int) throws -> StreamVersionTable {
        var table = StreamVersionTable()
        var remaining = count
        let needs = JSONLinesNeeds(details: false, payloads: false)
        let note = { (chunk: inout JSONLinesChunk) throws -> Bool in
            // A file cut short since (truncated, replaced) must fail the read, not number other records.
            if let error = chunk.readError { throw StoreError("\(self.path): read error (\(error))") }
            for record in chunk.records.prefix(remaining) { table.note(record) }
            remaining -= min(remaining, chunk.records.count)
            return remaining > 0
        }
        if kind == .csv {
            var columns: CSVColumns?
            try CSVChunks.forEach(fd: fd, from: 0, fileSize: fileSize, needs: needs, columns: &columns, path: path, note)
        } else {
            try Self.forEachChunk(fd: fd, from: 0, fileSize: fileSize, needs: needs, note)
        }
        return table
    }

    /// The resume point, if a read of the events after position `after` can start there: the
    /// file is the same one, only grew, and positions increased up to there, all at most `after`.
    private func resumable(fd: Int32, info: stat, after: Int64) -> ResumePoint? {
        guard let point = resumePoint, point.decoder.positionsIncrease, point.decoder.lastPosition <= after,
              UInt64(info.st_dev) == point.device, UInt64(info.st_ino) == point.inode, Int(info.st_size) >= point.offset,
              Self.bytes(fd: fd, before: point.offset) == point.tail else { return nil }
        return point
    }

    private static func bytes(fd: Int32, before offset: Int) -> [UInt8] {
        let count = min(offset, 256)
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset - count)) }
        return got == count ? bytes : []
    }

    /// The file's lines (or CSV rows) from `start` on, in chunks, in file order.
    private func forEachChunkOfThisFormat(fd: Int32, from start: Int, fileSize: Int, needs: JSONLinesNeeds,
                                          _ body: (inout JSONLinesChunk) throws -> Bool) throws {
        if kind == .csv {
            try CSVChunks.forEach(fd: fd, from: start, fileSize: fileSize, needs: needs, columns: &csvColumns, path: path, body)
        } else {
            try Self.forEachChunk(fd: fd, from: start, fileSize: fileSize, needs: needs, body)
        }
    }

    /// Decodes the file from `start` to `fileSize` in ranges and calls `body` with each in file
    /// order until it returns false. Ranges are decoded by one helper thread fewer than the
    /// cores, and by the calling thread whenever the range it needs next is not ready: so the
    /// threads never outnumber the cores, and the cores all decode when `body` costs little
    /// (`info`) while the caller decodes nothing when `body` is the slower side (`project`).
    /// A file of one range is decoded right here.
    private static func forEachChunk(fd: Int32, from start: Int, fileSize: Int, needs: JSONLinesNeeds,
                                     _ body: (inout JSONLinesChunk) throws -> Bool) throws {
        let count = max(1, (fileSize - start + chunkSize - 1) / chunkSize)
        let range = { @Sendable (index: Int) in (start + index * chunkSize)..<min(fileSize, start + (index + 1) * chunkSize) }
        var parser = JSONLinesLineParser(needs: needs)
        var buffer: [UInt8] = []
        let decodeHere = { (index: Int) in
            JSONLinesChunk.decode(fd: fd, range: range(index), startsLine: index == 0, fileSize: fileSize, parser: &parser, buffer: &buffer)
        }
        if count == 1 {
            var chunk = decodeHere(0)
            _ = try body(&chunk)
            return
        }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let handoff = ChunkHandoff<JSONLinesChunk>(count: count, window: 3 * cores)
        let group = HelperThreads.start(max(1, cores - 1), name: "evx JSON Lines") {
            var parser = JSONLinesLineParser(needs: needs)
            var buffer: [UInt8] = []
            while let index = handoff.take() {
                let chunk = JSONLinesChunk.decode(fd: fd, range: range(index), startsLine: index == 0, fileSize: fileSize,
                                                  parser: &parser, buffer: &buffer)
                handoff.deliver(index, chunk)
            }
        }
        // However the reading ends, the workers are stopped and gone before the file is closed.
        defer {
            handoff.stop()
            group.wait()
        }
        while var chunk = handoff.collect(decodingMeanwhile: decodeHere) {
            if try !body(&chunk) { return }
        }
    }
}
