/// Where a store's rules file is looked for when none is given: beside the store, named after it
/// without its extension (`orders.sqlite` → `orders.evx.yaml`).
public enum RulesLocation {
    public static let suffix = ".evx.yaml"

    public static func defaultPath(forStore store: String) -> String {
        let slash = store.lastIndex(of: "/")
        let name = slash.map { store[store.index(after: $0)...] } ?? store[...]
        let stem = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : name[..<$0] } ?? name
        let folder = slash.map { String(store[...$0]) } ?? ""
        return folder + stem + suffix
    }
}
