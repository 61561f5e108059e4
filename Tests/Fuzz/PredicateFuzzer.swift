// libFuzzer target for the state predicate parser: StatePredicate(parsing:) and holds(in:)
// against a few fixed states. Built by Tests/Fuzz/run.sh.
import JSON
import Replay

/// The states each predicate is checked against, as JSON text: parsed per input rather than kept
/// in a global, because LeakSanitizer cannot follow the spare-bit-tagged pointers in a global
/// JSONValue and reports it as a leak.
private let stateTexts = [
    "{}",
    "null",
    #"{"status":"SHIPPED","paid":50,"total":49.5,"items":[{"sku":"A","qty":2}],"customer":{"name":"Ada","vip":true},"tags":[],"note":"","count":0}"#,
    #"{"status":"NEW","paid":-1e308,"items":"abc","a":{"b":{"c":[1,2,{"d":null}]}},"address":{"city":"Paris"}}"#,
    #"[1,"x"]"#,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let predicate = try? StatePredicate(parsing: text) else { return 0 }
    for text in stateTexts { _ = predicate.holds(in: try! JSONParser.parse(text)) }
    return 0
}
