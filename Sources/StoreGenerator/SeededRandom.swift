#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a tiny, fast generator whose output depends only on the seed, so that a store
/// generated twice with one seed is the same byte for byte on every machine.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An exponential draw with the given mean (inter-arrival times, delays).
    public mutating func exponential(mean: Double) -> Double {
        -mean * log1p(-unit())
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A UUID in the version 7 layout (time-ordered, as modern event stores use), with its random
    /// bits from this generator.
    public mutating func uuidV7(milliseconds: Int64) -> String {
        let random = next()
        let more = next()
        let ms = UInt64(bitPattern: milliseconds) & 0xFFFF_FFFF_FFFF
        let hex = { (value: UInt64, digits: Int) -> String in
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        return hex(ms >> 16, 8) + "-" + hex(ms & 0xFFFF, 4) + "-7" + hex(random & 0xFFF, 3) + "-"
            + hex(0x8000 | ((random >> 12) & 0x3FFF), 4) + "-" + hex(more & 0xFFFF_FFFF_FFFF, 12)
    }
}
