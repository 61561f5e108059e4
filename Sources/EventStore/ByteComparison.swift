#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// Byte-wise equality through memcmp: the generic `elementsEqual` is far slower in hot loops.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let a = baseAddress, let b = other.baseAddress else { return true }
        return memcmp(a, b, count) == 0
    }

    /// FNV-1a, 64-bit: keys and names are short, so a simple byte loop is fastest.
    var fnv1aHash: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in self { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    /// A hash of the bytes read eight at a time (a multiply and a shift per word, where FNV-1a
    /// spends one per byte), continuing from `seed`: for the names counted on every row.
    func wordHash(_ seed: UInt64) -> UInt64 {
        var h = seed ^ UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(start: raw + offset, count: count - offset)) }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return h
    }
}
