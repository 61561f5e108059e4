import CZlib

/// Inflates zlib streams (RFC 1950), as Python's `zlib.compress` writes them.
///
/// Through the system's libz (the `CZlib` module map), not a package: it is one function, every
/// Linux has the library, and compress-nio would bring SwiftNIO's buffers into the store layer
/// for it (docs/dialects.md).
enum Zlib {
    /// Payloads inflating beyond this are refused rather than filling memory (a zip bomb).
    static let maximumInflatedSize = 64 << 20

    /// Whether the bytes start like a zlib stream: deflate method, a window size zlib accepts,
    /// and a header checksum that holds (`CMF * 256 + FLG` divisible by 31).
    static func looksCompressed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        let cmf = bytes[0], flg = bytes[1]
        return cmf & 0x0F == 8 && cmf >> 4 <= 7 && (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0
    }

    enum Failure: Error, Equatable {
        case corrupt(String)
        case tooLarge
    }

    /// The inflated bytes of a whole zlib stream.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(Failure) {
        output.removeAll(keepingCapacity: true)
        guard let base = input.baseAddress, !input.isEmpty else { throw .corrupt("empty input") }
        var stream = z_stream()
        guard evx_inflate_init(&stream) == Z_OK else { throw .corrupt("cannot start inflating") }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = uInt(input.count)
        var chunk = [UInt8](repeating: 0, count: max(4096, input.count * 4))
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.avail_out))
            }
            output.append(contentsOf: chunk[0..<produced])
            if output.count > maximumInflatedSize { throw .tooLarge }
            switch status {
            case Z_STREAM_END: return
            case Z_OK: continue
            case Z_BUF_ERROR where stream.avail_in == 0: throw .corrupt("the stream ends early")
            case Z_BUF_ERROR: continue
            default:
                throw .corrupt(stream.msg.map { String(cString: $0) } ?? "inflate failed (\(status))")
            }
        }
    }
}
