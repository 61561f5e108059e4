/// Reads the times of a log's events one after another, faster than `EventTime(iso8601Bytes:)`
/// on each: consecutive events are usually recorded on the same day, so when a time in the native
/// format (`2026-01-05T08:00:00.123Z`) starts with the same date as the last one read that way,
/// only its time of day is read (no calendar arithmetic). The answers are exactly those of
/// `EventTime(iso8601Bytes:)`.
public struct EventTimeReader {
    /// The first 10 bytes (`2026-01-05`) of the last canonical time read, and that day's start;
    /// `dayStart` is nil until such a time was read.
    private var datePrefix: (UInt64, UInt16) = (0, 0)
    private var dayStart: Int64?

    public init() {}

    public mutating func time(_ bytes: UnsafeBufferPointer<UInt8>) -> EventTime? {
        guard bytes.count == 24, let base = bytes.baseAddress else { return EventTime(iso8601Bytes: bytes) }
        let raw = UnsafeRawPointer(base)
        let date = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        let timeOfDay = Self.timeOfDay(bytes)
        if let dayStart, let timeOfDay, date == datePrefix {
            return EventTime(microseconds: dayStart + timeOfDay)
        }
        guard let time = EventTime(iso8601Bytes: bytes) else { return nil }
        // A time of this exact shape was read by the canonical path: its date gives the next ones'.
        if let timeOfDay, bytes[4] == 0x2D, bytes[7] == 0x2D {
            datePrefix = date
            dayStart = time.microseconds - timeOfDay
        }
        return time
    }

    /// `THH:MM:SS.mmmZ` at the end of a 24-byte time, as microseconds into the day; nil unless
    /// that is its exact shape with an hour, minute and second in range (as the canonical path
    /// of `EventTime` requires).
    private static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
        var valid = true
        let hour = EventTime.fixedDigits(b, 11, 2, &valid), minute = EventTime.fixedDigits(b, 14, 2, &valid)
        let second = EventTime.fixedDigits(b, 17, 2, &valid), millis = EventTime.fixedDigits(b, 20, 3, &valid)
        guard valid, hour < 24, minute < 60, second < 60 else { return nil }
        return ((hour * 60 + minute) * 60 + second) * 1_000_000 + millis * 1_000
    }
}
