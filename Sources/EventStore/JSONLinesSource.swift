#if canImport(Glibc)
import Glibc
#endif
import EventModel
/// Reads a JSON Lines store: one event object per line, field names as in `JSONLinesField`.
///
/// A line that cannot be read is skipped with a warning naming its number, and the other events
/// still load; an incomplete last line is expected (a writer may be mid-line) and skipped quietly
/// apart from a warning.
public final class JSONLinesSource: EventSource {
    public let kind = SourceKind.jsonl
    public let path: String
    public private(set) var readWarnings: [String] = []

    public init(path: String) {
        self.path = path
    }

    public func readEvents(_ filter: EventFilter, _ body: (Event) throws -> Bool) throws {
        var remaining = filter.limit ?? Int.max
        guard remaining > 0 else { return }
        readWarnings = []
        try forEachDecodedLine { event, _ in
            guard filter.admits(event) else { return true }
            remaining -= 1
            return try body(event) && remaining > 0
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
        var seenIDs = Set<Int>()
        var duplicateIDs = ExampleCounter()
        var duplicateVersions = Set<String>(), missingVersions = Set<String>()
        var duplicateVersionExamples = ExampleCounter(), missingVersionExamples = ExampleCounter()
        readWarnings = []
        var decoderStreams = 0
        try forEachDecodedLine { event, previousVersion in
            accumulator.add(position: event.position, type: event.type, streamType: event.streamType,
                            startsStream: previousVersion == 0, time: event.time)
            if !event.problems.filter({ $0.contains("data") || $0.contains("metadata") }).isEmpty {
                accumulator.invalidPayloads.add("position \(event.position)")
            }
            if !seenIDs.insert(event.id.hashValue).inserted { duplicateIDs.add(event.id) }
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

    /// Decodes every line in order, recording skipped lines in `readWarnings`. Fails only when the
    /// file cannot be read or holds no readable event at all.
    private func forEachDecodedLine(_ body: (Event, Int64) throws -> Bool) throws {
        var decoder = JSONLinesDecoder()
        var decodedAny = false
        var firstProblem: String?
        try LineReader.forEachLine(path: path) { line, number, complete in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            switch decoder.decode(line) {
            case .success(let decoded):
                decodedAny = true
                return try body(decoded.event, decoded.previousVersion)
            case .failure(let problem):
                let warning = complete
                    ? "line \(number): \(problem.reason); skipped"
                    : "line \(number): incomplete last line skipped (a writer may be mid-line)"
                readWarnings.append(warning)
                firstProblem = firstProblem ?? warning
                return true
            }
        }
        if !decodedAny, let firstProblem {
            throw StoreError("\(path): no readable event in this JSON Lines file (\(firstProblem))")
        }
    }
}
