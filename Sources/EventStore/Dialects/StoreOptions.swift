/// What a person may add to opening a store: the cipher key of encrypted payloads, and a mapping
/// file for tables evx does not recognise.
public struct StoreOptions: Sendable {
    public var cipherKey: CipherKey?
    public var mapping: StoreMapping?

    public init(cipherKey: CipherKey? = nil, mapping: StoreMapping? = nil) {
        self.cipherKey = cipherKey
        self.mapping = mapping
    }
}
