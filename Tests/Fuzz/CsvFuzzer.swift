// libFuzzer target for the CSV export reader: JSONLinesSource(path:kind: .csv).readEvents and summary().
// The source reads a file, so each input is written to one fixed temporary file per process.
// Built by Tests/Fuzz/run.sh.
#if canImport(Glibc)
import Glibc
#endif
import EventModel
import EventStore

private let path = "/tmp/evx-fuzz-csv-\(getpid()).csv"

private func write(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot open \(path)")
    var written = 0
    while written < size {
        let n = Glibc.write(fd, data + written, size - written)
        precondition(n > 0, "cannot write \(path)")
        written += n
    }
    close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    write(data, size)
    let source = JSONLinesSource(path: path, kind: .csv)
    var count = 0
    do {
        try source.readEvents(EventFilter()) { event in
            count += 1
            _ = event.time?.iso8601
            return true
        }
    } catch {}
    // A filtered, limited read takes the same path with early exits.
    var filter = EventFilter(stream: "order-1", limit: 2)
    filter.checksPayloads = false
    filter.includesDetails = false
    try? source.readEvents(filter) { _ in true }
    _ = try? source.summary()
    return 0
}
