extension UnsafeBufferPointer where Element == UInt8 {
    /// A hash of the bytes read eight at a time (a multiply and a shift per word, where FNV-1a
    /// spends a multiply per byte; a short tail is read in at most two loads), continuing from
    /// `seed`: for names and ids looked up on every event. Not for hostile input unless `seed`
    /// is random per process.
    public func wordHash(_ seed: UInt64) -> UInt64 {
        var h = seed ^ UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = baseAddress, count > 0 else { return Self.finish(h) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= count {
            h = Self.mix(h, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        let left = count - offset
        guard left > 0 else { return Self.finish(h) }
        let tail: UInt64
        if count >= 8 {
            // The last eight bytes, overlapping the words already read.
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if left >= 4 {
            tail = UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: left - 4, as: UInt32.self)) << 32
        } else {
            tail = UInt64(self[0]) | UInt64(self[left / 2]) << 8 | UInt64(self[left - 1]) << 16
        }
        return Self.finish(Self.mix(h, tail))
    }

    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return m ^ (m >> 29)
    }

    /// Spreads every input bit over the low bits too (tables index by them): a product's low
    /// bits depend only on its factors' low bits.
    private static func finish(_ h: UInt64) -> UInt64 {
        var x = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
