import Crypto
import EventModel
import Foundation

/// An AES key for stores whose payloads are encrypted with AES-GCM (Python eventsourcing's
/// `AESCipher`): given as base64 of 16, 24 or 32 bytes, as in the application's `CIPHER_KEY`.
/// Its text is never printed, in messages or anywhere else.
public struct CipherKey: Sendable {
    /// The key's bytes (swift-crypto's `SymmetricKey` is not `Sendable`; each reader makes its own).
    private let bytes: [UInt8]

    /// Reads the base64 text (surrounding whitespace ignored); `origin` names where it came from
    /// in the error (`CIPHER_KEY`, a file name).
    public init(base64 text: String, origin: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: trimmed) else {
            throw StoreError("\(origin): the cipher key is not base64 text")
        }
        guard [16, 24, 32].contains(bytes.count) else {
            throw StoreError("\(origin): the cipher key is \(bytes.count) bytes; AES keys are 16, 24 or 32 bytes (base64 encoded)")
        }
        self.bytes = Array(bytes)
    }

    enum Failure: Error, Equatable {
        /// Shorter than nonce and tag: not something this cipher wrote.
        case tooShort
        /// The tag does not verify: the wrong key, or damaged bytes.
        case notAuthentic
    }

    func symmetricKey() -> SymmetricKey { SymmetricKey(data: bytes) }

    /// Stored bytes are nonce (12) ‖ tag (16) ‖ ciphertext, as eventsourcing's cipher writes them.
    static func decrypt(_ stored: UnsafeBufferPointer<UInt8>, with key: SymmetricKey) throws(Failure) -> [UInt8] {
        guard stored.count >= 28 else { throw .tooShort }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: stored[0..<12]),
                                            ciphertext: stored[28...], tag: stored[12..<28])
            return Array(try AES.GCM.open(box, using: key))
        } catch {
            throw .notAuthentic
        }
    }
}
