import Crypto
import JSON

/// Turns stored payload bytes into JSON text by the dialect's `PayloadEncoding`: inflating,
/// decrypting, converting YAML, unwrapping eventsourcing's typed values. One per reading thread
/// (it keeps scratch buffers).
public struct PayloadDecoder {
    let encoding: PayloadEncoding
    private let key: SymmetricKey?
    /// Made on the first compressed payload.
    private var inflater: ZlibInflater?

    init(encoding: PayloadEncoding, cipherKey: CipherKey?) {
        self.encoding = encoding
        key = cipherKey?.symmetricKey()
    }

    struct Decoded {
        var json: String
        /// eventsourcing: the state's `timestamp` and `class_version`.
        var timestamp: String?
        var classVersion: Int64?
        var failure: Failure?
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Encrypted, and no key was given.
        case needsKey
        /// The key does not open it (a wrong key, or damaged bytes).
        case wrongKey
        case unreadable(String)

        public var message: String {
            switch self {
            case .needsKey: return "is encrypted (AES-GCM) and no cipher key was given"
            case .wrongKey: return "does not decrypt with the cipher key (a wrong key, or damaged bytes)"
            case let .unreadable(reason): return reason
            }
        }
    }

    /// The payload as JSON text; on failure, `{}` and the reason. `checking` validates JSON that
    /// is passed through untouched (decoded forms are valid by construction or checked anyway).
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, checking: Bool) -> Decoded {
        do {
            switch encoding {
            case .json:
                // Kept as stored even when flagged: the person sees what is there.
                let json = String(decoding: bytes, as: UTF8.self)
                return Decoded(json: json, failure: checking ? Self.objectProblem(bytes).map(Failure.unreadable) : nil)
            case .zlibJSON:
                return try inflatedJSON(bytes, checking: checking)
            case .aesGCMZlibJSON:
                let plain = try decrypt(bytes)
                return try plain.withUnsafeBufferPointer { buffer throws(Failure) in try inflatedJSON(buffer, checking: checking) }
            case .yaml:
                if let first = bytes.first(where: { !Self.isSpace($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                    return try plainJSON(bytes, checking: checking)
                }
                do {
                    return Decoded(json: try YAMLPayload.json(String(decoding: bytes, as: UTF8.self)))
                } catch {
                    throw Failure.unreadable("is " + error.message)
                }
            case .eventsourcing:
                return try eventsourcingState(bytes, checking: checking)
            }
        } catch let failure as Failure {
            return Decoded(json: "{}", failure: failure)
        } catch {
            return Decoded(json: "{}", failure: .unreadable("\(error)"))
        }
    }

    // MARK: - Layers

    private func plainJSON(_ bytes: UnsafeBufferPointer<UInt8>, checking: Bool) throws(Failure) -> Decoded {
        if checking, let problem = JSONParser.validate(bytes) { throw .unreadable("is not valid JSON (\(problem))") }
        return Decoded(json: String(decoding: bytes, as: UTF8.self))
    }

    private mutating func inflatedJSON(_ bytes: UnsafeBufferPointer<UInt8>, checking: Bool) throws(Failure) -> Decoded {
        let inflater = try inflate(bytes)
        return try Self.withInflated(inflater) { buffer throws(Failure) in try plainJSON(buffer, checking: checking) }
    }

    private mutating func inflate(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> ZlibInflater {
        let inflater = self.inflater ?? ZlibInflater()
        self.inflater = inflater
        do {
            try inflater.inflate(bytes)
            return inflater
        } catch {
            switch error {
            case .tooLarge: throw .unreadable("inflates to more than \(ZlibInflater.maximumInflatedSize >> 20) MiB")
            case let .corrupt(reason): throw .unreadable("is not a readable zlib stream (\(reason))")
            }
        }
    }

    /// Calls `body` with the bytes the inflater produced last.
    private static func withInflated(_ inflater: ZlibInflater,
                                     _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Decoded) throws(Failure) -> Decoded {
        try inflater.output.withUnsafeBufferPointer { buffer throws(Failure) in
            try body(UnsafeBufferPointer(rebasing: buffer[0..<inflater.count]))
        }
    }

    private func decrypt(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [UInt8] {
        guard let key else { throw .needsKey }
        do {
            return try CipherKey.decrypt(bytes, with: key)
        } catch {
            switch error {
            case .tooShort: throw .unreadable("is too short to be AES-GCM ciphertext")
            case .notAuthentic: throw .wrongKey
            }
        }
    }

    /// JSON, zlib+JSON or AES-GCM(+zlib)+JSON, told apart by the first bytes, then unwrapped. A
    /// ciphertext may start like JSON or zlib by chance (its nonce is random): what does not read
    /// as what it looks like is tried as the next layer.
    private mutating func eventsourcingState(_ bytes: UnsafeBufferPointer<UInt8>, checking: Bool) throws(Failure) -> Decoded {
        let unwrapped = { (bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Decoded in
            try Self.unwrapped(bytes, validating: checking)
        }
        if bytes.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{") {
            do {
                return try unwrapped(bytes)
            } catch {
                if key == nil || bytes.count < 28 { throw error }
            }
        }
        if ZlibInflater.looksCompressed(bytes), let inflater = try? inflate(bytes) {
            return try Self.withInflated(inflater) { buffer throws(Failure) in try unwrapped(buffer) }
        }
        let plain = try decrypt(bytes)
        return try plain.withUnsafeBufferPointer { buffer throws(Failure) in
            guard ZlibInflater.looksCompressed(buffer) else { return try unwrapped(buffer) }
            let inflater = try inflate(buffer)
            return try Self.withInflated(inflater) { inner throws(Failure) in try unwrapped(inner) }
        }
    }

    private static func unwrapped(_ bytes: UnsafeBufferPointer<UInt8>, validating: Bool) throws(Failure) -> Decoded {
        do {
            let result = try TypedValueUnwrapper.unwrap(bytes, validating: validating)
            return Decoded(json: result.json, timestamp: result.timestamp, classVersion: result.classVersion)
        } catch {
            throw .unreadable("is not a JSON object (\(error))")
        }
    }

    /// Why bytes are not a JSON object (`is not valid JSON (...)`), or `nil` when they are one.
    static func objectProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let error = JSONParser.validate(bytes) { return "is not valid JSON (\(error))" }
        guard bytes.first(where: { !isSpace($0) }) == UInt8(ascii: "{") else { return "is not a JSON object" }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
