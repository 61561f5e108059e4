/// The column sets of the events list, cycled with `c`.
public enum EventColumns: String, CaseIterable, Sendable {
    /// Position, time, stream, type and as much of the data as fits.
    case standard
    /// Position, time, stream, version, type and event id.
    case identities
    /// Position, type and the data: the most payload per row.
    case payload

    public var next: EventColumns {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    public var description: String {
        switch self {
        case .standard: return "position, time, stream, type, data"
        case .identities: return "position, time, stream, version, type, event id"
        case .payload: return "position, type, data"
        }
    }
}
