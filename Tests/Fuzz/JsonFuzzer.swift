// libFuzzer target for the JSON module: JSONParser.parse, JSONParser.validate,
// JSONParser.value(at:in:) and the JSONWriter.compact round trip. Built by Tests/Fuzz/run.sh.
import JSON

/// Paths looked up in every input: missing members, array indexes, nesting.
private let paths: [[String]] = [[], ["a"], ["0"], ["data", "id"], ["items", "1", "sku"], [""]]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parsed: JSONValue?
    do { parsed = try JSONParser.parse(bytes) } catch { parsed = nil }
    let invalid = JSONParser.validate(bytes)

    // validate and parse must agree on whether the document is valid.
    if (parsed == nil) != (invalid != nil) {
        fatalError("validate and parse disagree: parse \(parsed == nil ? "failed" : "succeeded"), validate \(String(describing: invalid))")
    }

    for path in paths {
        let found = try? JSONParser.value(at: path, in: bytes)
        // The empty path is the whole document (value(at:) does not require the end of input).
        if path.isEmpty, let parsed, let found, found != parsed {
            fatalError("value(at: []) differs from parse")
        }
    }

    guard let parsed else { return 0 }
    // Round trip: parse → compact → parse gives an equal value, and compact is stable.
    let compact = JSONWriter.compact(parsed)
    let reparsed: JSONValue
    do { reparsed = try JSONParser.parse(compact) } catch {
        fatalError("compact output does not parse: \(error)\n\(compact)")
    }
    if reparsed != parsed { fatalError("round trip changed the value:\n\(compact)") }
    if JSONWriter.compact(reparsed) != compact { fatalError("compact is not stable:\n\(compact)") }
    _ = JSONWriter.pretty(parsed)
    return 0
}
