/// What a person may add to opening a store: the cipher key of encrypted payloads, and a mapping
/// file for tables evx does not recognise.
public struct StoreOptions: Sendable {
    public var cipherKey: CipherKey?
    /// Why a key found in the environment could not be used: reported only if a store needs a key
    /// (a `CIPHER_KEY` meant for something else must not stop evx from opening other stores).
    public var cipherKeyProblem: String?
    public var mapping: StoreMapping?

    public init(cipherKey: CipherKey? = nil, mapping: StoreMapping? = nil) {
        self.cipherKey = cipherKey
        self.mapping = mapping
    }
}
