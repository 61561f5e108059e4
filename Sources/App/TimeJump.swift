import EventModel

/// Reads the `t` prompt: an ISO-8601 time or date, a time of day on the cursor's date (`15:04`,
/// `15:04:05`, `12:00:05.5`, as the events list shows it), or an offset from the cursor made of
/// one or more amounts with units (`-5m`, `+90ms`, `-2h30m`, `+1d2h`).
public enum TimeJump {
    public static func parse(_ text: String, relativeTo cursor: EventTime) -> EventTime? {
        let trimmed = text.trimmingCharacters(in: " ")
        if let absolute = EventTime(iso8601: trimmed) { return absolute }
        if let offset = offset(trimmed) {
            // An offset that leaves Int64 microseconds is no time at all (it used to trap).
            let (moved, overflow) = cursor.microseconds.addingReportingOverflow(offset)
            return overflow ? nil : EventTime(microseconds: moved)
        }
        guard let timeOfDay = timeOfDay(trimmed) else { return nil }
        return EventTime(iso8601: String(cursor.iso8601.prefix(10)) + "T" + timeOfDay + "Z")
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f…` (up to 9 fraction digits) as ISO-8601's
    /// `HH:MM:SS[.f…]`; the range of each field is left to `EventTime`.
    private static func timeOfDay(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts[1].count == 2 else { return nil }
        let seconds = parts.count == 3 ? parts[2] : "00"
        let whole = seconds.prefix { $0 != "." }
        let fraction = seconds.dropFirst(whole.count)
        guard whole.count == 2, fraction.isEmpty || (2...10).contains(fraction.count) else { return nil }
        let digits = [parts[0], parts[1], whole, fraction.dropFirst()]
        guard digits.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return (parts[0].count == 1 ? "0" : "") + parts[0] + ":" + parts[1] + ":" + seconds
    }

    /// `±` then one or more `N unit` groups (units ms, s, m, h, d; each amount at most 10⁹), in
    /// microseconds; nil on anything else or on overflow.
    private static func offset(_ text: String) -> Int64? {
        guard let sign = text.first, sign == "-" || sign == "+" else { return nil }
        var rest = text.dropFirst()
        guard !rest.isEmpty else { return nil }
        let units: [(String, Int64)] = [("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000)]
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 10, let amount = Int64(digits), amount <= 1_000_000_000 else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let (suffix, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(suffix.count)
            // `+1000000000d` overflows Int64 microseconds, and so can a sum of groups.
            let (scaled, overflow) = amount.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(scaled)
            guard !sumOverflow else { return nil }
            total = sum
        }
        return sign == "-" ? -total : total
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
