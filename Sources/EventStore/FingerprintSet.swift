/// A set of 64-bit hashes computed elsewhere (on the threads that parse lines): one flat table,
/// no hashing of its own. What the summary uses to find event ids used twice among millions.
struct FingerprintSet {
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var count = 0

    /// Adds a fingerprint; false when it was already there.
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        let key = fingerprint == 0 ? 1 : fingerprint  // 0 marks an empty slot
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask  // the fingerprints are spread over every bit
        while slots[slot] != 0 {
            if slots[slot] == key { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = key
        count += 1
        if count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        count = 0
        for key in old where key != 0 { _ = insert(key) }
    }
}
