import CZlib

/// Inflates zlib streams (RFC 1950), as Python's `zlib.compress` writes them.
///
/// Through the system's libz (the `CZlib` module map), not a package: it is one function, every
/// Linux has the library, and compress-nio would bring SwiftNIO's buffers into the store layer
/// for it (docs/dialects.md). One inflater serves a whole read: its state is reset, not rebuilt,
/// for each payload (setting it up costs more than inflating a small event).
final class ZlibInflater {
    /// Payloads inflating beyond this are refused rather than filling memory (a zip bomb).
    static let maximumInflatedSize = 64 << 20

    enum Failure: Error, Equatable {
        case corrupt(String)
        case tooLarge
    }

    /// zlib's state points back at its stream, so the stream lives at a fixed address.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let ready: Bool
    /// The last payload inflated: `output[0..<count]`; reused from one payload to the next.
    private(set) var output: [UInt8] = []
    private(set) var count = 0

    init() {
        stream.initialize(to: z_stream())
        ready = evx_inflate_init(stream) == Z_OK
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Whether the bytes start like a zlib stream: deflate method, a window size zlib accepts,
    /// and a header checksum that holds (`CMF * 256 + FLG` divisible by 31).
    static func looksCompressed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        let cmf = bytes[0], flg = bytes[1]
        return cmf & 0x0F == 8 && cmf >> 4 <= 7 && (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0
    }

    /// Inflates a whole zlib stream into `output[0..<count]`.
    func inflate(_ input: UnsafeBufferPointer<UInt8>) throws(Failure) {
        count = 0
        guard ready, inflateReset(stream) == Z_OK else { throw .corrupt("cannot start inflating") }
        guard let base = input.baseAddress, !input.isEmpty else { throw .corrupt("empty input") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = uInt(input.count)
        let wanted = max(1024, input.count * 4)
        if output.count < wanted { output = [UInt8](repeating: 0, count: wanted) }
        while true {
            if count == output.count {
                guard output.count < Self.maximumInflatedSize else { throw .tooLarge }
                output.append(contentsOf: repeatElement(0, count: output.count))
            }
            let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.pointee.next_out = buffer.baseAddress.map { $0 + count }
                stream.pointee.avail_out = uInt(buffer.count - count)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                count = buffer.count - Int(stream.pointee.avail_out)
                return status
            }
            switch status {
            case Z_STREAM_END: return
            case Z_OK: continue
            case Z_BUF_ERROR where stream.pointee.avail_in == 0: throw .corrupt("the stream ends early")
            case Z_BUF_ERROR: continue
            default:
                throw .corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "inflate failed (\(status))")
            }
        }
    }
}
