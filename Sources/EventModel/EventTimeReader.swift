/// Reads the times of a log's events one after another, faster than `EventTime(iso8601Bytes:)`
/// on each: consecutive events are usually recorded within the same minute, so when a time in the
/// native format (`2026-01-05T08:00:00.123Z`) starts with the same 16 bytes as the last one read
/// that way, only its seconds and milliseconds are read. The answers are exactly those of
/// `EventTime(iso8601Bytes:)`.
public struct EventTimeReader {
    /// The first 16 bytes (`2026-01-05T08:00`) of the last canonical time read, as two words, and
    /// that minute's start; `minuteStart` is nil until such a time was read.
    private var prefix: (UInt64, UInt64) = (0, 0)
    private var minuteStart: Int64?

    public init() {}

    public mutating func time(_ bytes: UnsafeBufferPointer<UInt8>) -> EventTime? {
        guard bytes.count == 24, let base = bytes.baseAddress else { return EventTime(iso8601Bytes: bytes) }
        let raw = UnsafeRawPointer(base)
        let words = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let seconds = Self.secondsAndMillis(bytes)
        if let minuteStart, let seconds, words == prefix {
            return EventTime(microseconds: minuteStart + seconds)
        }
        guard let time = EventTime(iso8601Bytes: bytes) else { return nil }
        // A time read by the canonical path (its seconds below 60) gives the minute for the next ones.
        if let seconds, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A {
            prefix = words
            minuteStart = time.microseconds - seconds
        }
        return time
    }

    /// `:SS.mmmZ` at the end of a 24-byte time, as microseconds into the minute; nil unless that
    /// is its exact shape with seconds below 60.
    private static func secondsAndMillis(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
        let s1 = b[17] &- 0x30, s2 = b[18] &- 0x30, m1 = b[20] &- 0x30, m2 = b[21] &- 0x30, m3 = b[22] &- 0x30
        guard s1 < 6, s2 < 10, m1 < 10, m2 < 10, m3 < 10 else { return nil }
        let seconds = Int64(s1) * 10 + Int64(s2)
        let millis = Int64(m1) * 100 + Int64(m2) * 10 + Int64(m3)
        return seconds * 1_000_000 + millis * 1_000
    }
}
