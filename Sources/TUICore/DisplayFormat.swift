/// Numbers and durations as people read them, shared by the explorer and the command line.
public enum DisplayFormat {
    /// `1,234,567`
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, character) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return n < 0 ? "-" + out : out
    }

    /// `45s`, `12m 5s`, `3h 2m`, `2d 4h` (negative durations read as 0s).
    public static func duration(microseconds: Int64) -> String {
        let seconds = max(0, microseconds) / 1_000_000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(seconds % 60)s" }
        if seconds < 86_400 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        return "\(seconds / 86_400)d \(seconds % 86_400 / 3600)h"
    }
}
