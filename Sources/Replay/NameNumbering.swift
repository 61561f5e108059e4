/// Names numbered in order of first appearance, so that facts about them live in arrays.
///
/// Most stores have a handful of event types and stream types, where comparing a few strings
/// (usually the same shared storage) beats hashing one; some have thousands (a stream type per
/// case in a process-mining log, hundreds of event types), where only hashing keeps the work per
/// event constant. So the first few names are scanned and the rest are hashed.
struct NameNumbering {
    static let scannedNames = 16
    private(set) var names: [String] = []
    private var numbers: [String: Int] = [:]

    var count: Int { names.count }

    /// The number of `name`, given a new one if it was not seen before.
    mutating func number(for name: String) -> Int {
        if let scanned = names.prefix(Self.scannedNames).firstIndex(of: name) { return scanned }
        if names.count > Self.scannedNames, let hashed = numbers[name] { return hashed }
        let number = names.count
        names.append(name)
        if number >= Self.scannedNames { numbers[name] = number }
        return number
    }
}
