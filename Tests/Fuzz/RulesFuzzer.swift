// libFuzzer target for the rules file parser: RulesLoader.parse (Yams/libyaml composing, then
// evx's reading of the node tree). Built by Tests/Fuzz/run.sh.
import Replay

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try RulesLoader.parse(text, file: "fuzz.evx.yaml")
    } catch {
        _ = error.description
    }
    return 0
}
