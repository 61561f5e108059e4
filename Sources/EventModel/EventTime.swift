/// A moment in UTC, in microseconds since the Unix epoch.
///
/// Parsed by hand: stores hold millions of ISO-8601 strings and Foundation's formatters cost
/// microseconds each, while this costs tens of nanoseconds.
public struct EventTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public static func < (a: EventTime, b: EventTime) -> Bool { a.microseconds < b.microseconds }

    public var description: String { iso8601 }

    // MARK: - Parsing

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `T` or a space, followed by
    /// `Z`, `±HH:MM`, `±HHMM` or nothing (UTC).
    public init?(iso8601 text: String) {
        var copy = text
        guard let value = copy.withUTF8({ EventTime(iso8601Bytes: $0) }) else { return nil }
        self = value
    }

    public init?(iso8601Bytes bytes: UnsafeBufferPointer<UInt8>) {
        if let canonical = Self.canonical(bytes) {
            self = canonical
            return
        }
        var reader = DigitReader(bytes: bytes)
        guard let value = reader.readTimestamp() else { return nil }
        self = value
    }

    /// The native format, `2026-01-05T08:00:00.123Z`, read at fixed offsets: stores hold millions of
    /// these, and this path costs a tenth of the general one.
    private static func canonical(_ b: UnsafeBufferPointer<UInt8>) -> EventTime? {
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
              b[19] == 0x2E, b[23] == 0x5A else { return nil }
        var valid = true
        let year = fixedDigits(b, 0, 4, &valid), month = fixedDigits(b, 5, 2, &valid), day = fixedDigits(b, 8, 2, &valid)
        let hour = fixedDigits(b, 11, 2, &valid), minute = fixedDigits(b, 14, 2, &valid)
        let second = fixedDigits(b, 17, 2, &valid), millis = fixedDigits(b, 20, 3, &valid)
        guard valid, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        return from(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: millis * 1000)
    }

    /// The decimal number in `count` bytes from `start`; clears `valid` when one is not a digit.
    @inline(__always)
    static func fixedDigits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int, _ valid: inout Bool) -> Int64 {
        var value: Int64 = 0
        for i in start..<(start + count) {
            let d = b[i] &- 0x30
            valid = valid && d < 10
            value = value &* 10 &+ Int64(d)
        }
        return value
    }

    /// A number read as seconds, milliseconds or microseconds since the epoch, by magnitude; nil
    /// when it is not finite or lies beyond the year 9999.
    public init?(epochNumber value: Double) {
        let magnitude = abs(value)
        let micros = magnitude < 1e11 ? value * 1_000_000 : (magnitude < 1e14 ? value * 1_000 : value)
        guard micros.isFinite, abs(micros) < 253_402_300_800_000_000 else { return nil }
        self.init(microseconds: Int64(micros))
    }

    // MARK: - Formatting

    /// `2026-01-05T08:00:00.123Z`; microseconds are shown only when present.
    public var iso8601: String {
        let (days, microsOfDay) = microseconds.floorDivided(by: 86_400_000_000)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        let seconds = microsOfDay / 1_000_000
        let fraction = microsOfDay % 1_000_000
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += "T" + Self.pad(seconds / 3600, 2) + ":" + Self.pad(seconds / 60 % 60, 2) + ":" + Self.pad(seconds % 60, 2)
        text += fraction % 1000 == 0 ? "." + Self.pad(fraction / 1000, 3) : "." + Self.pad(fraction, 6)
        return text + "Z"
    }

    /// This time moved by a number of seconds (saturating rather than overflowing).
    public func adding(seconds: Double) -> EventTime {
        let delta = (seconds * 1_000_000).rounded()
        guard delta.isFinite, abs(delta) < 9e18 else { return self }
        return EventTime(microseconds: microseconds.addingReportingOverflow(Int64(delta)).overflow ? microseconds : microseconds + Int64(delta))
    }

    public static func from(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0,
                            second: Int64 = 0, microsecond: Int64 = 0) -> EventTime {
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return EventTime(microseconds: ((days * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000 + microsecond)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, after H. Hinnant's days_from_civil)

    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    /// Division rounding towards negative infinity, with a non-negative remainder.
    func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let q = self / divisor, r = self % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}

/// A cursor over the bytes of a timestamp.
private struct DigitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func readTimestamp() -> EventTime? {
        guard let year = digits(4), consume("-"), let month = digits(2), consume("-"), let day = digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") {
            index += 1
            guard let h = digits(2), consume(":"), let m = digits(2), h < 24, m < 60 else { return nil }
            hour = h; minute = m
            if consume(":") {
                guard let s = digits(2), s <= 60 else { return nil }
                second = min(s, 59)  // a leap second is read as :59
                if consume(".") || consume(",") {
                    var scale: Int64 = 100_000
                    let start = index
                    while index < bytes.count, let d = digit(bytes[index]) {
                        micros += d * scale
                        scale /= 10
                        index += 1
                    }
                    guard index > start else { return nil }
                }
            }
        }
        var offsetMinutes: Int64 = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let h = digits(2) else { return nil }
                _ = consume(":")
                let m = digits(2) ?? 0
                offsetMinutes = sign * (h * 60 + m)
            default:
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let local = EventTime.from(year: year, month: month, day: day, hour: hour, minute: minute,
                                   second: second, microsecond: micros)
        return EventTime(microseconds: local.microseconds - offsetMinutes * 60_000_000)
    }

    private mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for k in 0..<count {
            guard let d = digit(bytes[index + k]) else { return nil }
            value = value * 10 + d
        }
        index += count
        return value
    }

    private func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
