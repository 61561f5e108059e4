import EventModel

/// Reads the `t` prompt: an ISO-8601 time or date, a time of day on the cursor's date (`15:04`,
/// `15:04:05`), or an offset from the cursor (`-5m`, `+2h`, `-30s`, `-1d`, `+90ms`).
public enum TimeJump {
    public static func parse(_ text: String, relativeTo cursor: EventTime) -> EventTime? {
        let trimmed = text.trimmingCharacters(in: " ")
        if let absolute = EventTime(iso8601: trimmed) { return absolute }
        if let offset = offset(trimmed) {
            // An offset that leaves Int64 microseconds is no time at all (it used to trap).
            let (moved, overflow) = cursor.microseconds.addingReportingOverflow(offset)
            return overflow ? nil : EventTime(microseconds: moved)
        }
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) else { return nil }
        let date = String(cursor.iso8601.prefix(10))
        return EventTime(iso8601: date + "T" + trimmed + (parts.count == 2 ? ":00" : "") + "Z")
    }

    /// `±N` followed by ms, s, m, h or d, in microseconds.
    private static func offset(_ text: String) -> Int64? {
        guard let sign = text.first, sign == "-" || sign == "+" else { return nil }
        let body = text.dropFirst()
        let units: [(String, Int64)] = [("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000)]
        for (suffix, scale) in units where body.hasSuffix(suffix) {
            guard let amount = Int64(body.dropLast(suffix.count)), amount <= 1_000_000_000 else { return nil }
            // `+1000000000d` (and a negative amount such as `+-9223372036854775808d`) overflows Int64.
            let (scaled, overflow) = amount.multipliedReportingOverflow(by: scale)
            guard !overflow, scaled != .min else { return nil }
            return sign == "-" ? -scaled : scaled
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
