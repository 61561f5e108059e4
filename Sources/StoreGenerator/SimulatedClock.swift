import EventModel
import EventStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Event times with a daily rhythm: busy in the working day, quiet at night, as a real service's
/// log looks on the timeline histogram.
struct SimulatedClock {
    /// 2026-01-05T08:00:00Z, a Monday morning.
    static let start: Int64 = 1_767_600_000_000_000
    /// The mean gap between events at the busiest hour, in seconds: a quarter second, or more for
    /// small stores so that any store spans about two days and shows its daily rhythm.
    let busiestGap: Double

    private var random: SeededRandom
    private(set) var now: Int64 = start

    init(seed: UInt64, events: Int) {
        random = SeededRandom(seed: seed ^ 0x00C1_0C4C_10C4)
        busiestGap = max(0.25, 100_000 / Double(max(events, 1)))
    }

    /// Advances to the next event's time (microseconds since the epoch) and returns it.
    mutating func tick() -> Int64 {
        let hour = Double((now / 1_000_000) % 86_400) / 3600
        let activity = hour >= 6 && hour <= 22 ? 0.25 + 0.75 * sin(Double.pi * (hour - 6) / 16) : 0.25
        // Whole milliseconds, as most stores record them.
        now += max(1, Int64(random.exponential(mean: busiestGap / activity) * 1_000)) * 1_000
        return now
    }
}

/// A generated time as the store records it: ISO-8601 UTC to the millisecond.
func recordedTime(_ microseconds: Int64) -> String {
    EventTime(microseconds: microseconds / 1000 * 1000).iso8601
}
