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
}
