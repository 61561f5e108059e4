extension JSONValue {
    /// The deep merge evx uses when no rule says otherwise: objects merge key by key (recursively);
    /// arrays, scalars and null replace what was there.
    public func deepMerged(with patch: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let changes) = patch else { return patch }
        for (key, value) in changes {
            base[key] = base[key].map { $0.deepMerged(with: value) } ?? value
        }
        return .object(base)
    }
}
