/// Why a store cannot be used. Each message is one line for a person, naming the file.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
