// libFuzzer target for the time parsers: EventTime(iso8601:) (and its byte form) and
// TimeJump.parse(_:relativeTo:) against a few cursors, and PositionJump.parse (the other jump
// prompt). Built by Tests/Fuzz/run.sh.
import App
import EventModel

private let cursors: [EventTime] = [
    EventTime(microseconds: 0),
    EventTime(iso8601: "2026-01-05T08:00:00.123Z")!,
    EventTime(microseconds: 253_402_300_799_999_999),  // 9999-12-31T23:59:59.999999Z
    EventTime(microseconds: -62_135_596_800_000_000),  // 0001-01-01T00:00:00Z
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let fromBytes = EventTime(iso8601Bytes: bytes)
    if let time = EventTime(iso8601: text) {
        _ = time.iso8601
        if String(decoding: text.utf8, as: UTF8.self).utf8.elementsEqual(bytes), fromBytes != time {
            fatalError("iso8601 text and bytes parse differently")
        }
    }
    _ = fromBytes?.description
    // The reader of consecutive times, after a time of the same minute and after another one.
    for previous in ["2026-01-05T08:00:00.123Z", String(decoding: bytes.prefix(16), as: UTF8.self) + ":00.000Z"] {
        var reader = EventTimeReader()
        var primer = previous
        _ = primer.withUTF8 { reader.time($0) }
        if reader.time(bytes) != fromBytes { fatalError("EventTimeReader and EventTime(iso8601Bytes:) disagree") }
    }
    for cursor in cursors {
        if let jumped = TimeJump.parse(text, relativeTo: cursor) { _ = jumped.iso8601 }
    }
    _ = PositionJump.parse(text)
    return 0
}
