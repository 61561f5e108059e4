import EventModel

/// Everything the explorer shows, as a plain value: the screen is a function of this (and of the
/// store session), and only `reduce` changes it.
public struct AppState: Equatable, Sendable {
    public enum Pane: String, CaseIterable, Sendable {
        case events, aggregate, projections, outbox

        public var title: String {
            switch self {
            case .events: return "Events"
            case .aggregate: return "Aggregate"
            case .projections: return "Projections"
            case .outbox: return "Outbox & consumers"
            }
        }
    }

    public var width: Int
    public var height: Int
    /// The cursor: an index into the log (0 is the first event).
    public var cursor = 0
    public var focus: Pane = .events
    public var zoomed = false
    /// The stream the aggregate pane shows; nil follows the cursor event's stream.
    public var pinnedStream: String?
    public var aggregate = AggregateView()
    public var overlay: Overlay?
    public var prompt: Prompt?
    /// The events list's filter and the log indexes it matches.
    public var filter: EventListFilter?
    /// Marked cursor positions (log indexes), in the order they were set.
    public var marks: [Int] = []
    /// LIVE: the cursor stays on the newest event as other processes append (PAUSED otherwise).
    public var follows = false
    /// Events appended since the explorer was paused (the header's "+N new").
    public var newWhilePaused = 0
    /// A one-line notice: a result, or what went wrong.
    public var message: String?
    public var quitRequested = false

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// The aggregate pane's own state: which tree row is selected, which objects are folded, and
/// whether it shows the state or the diff against the previous version.
public struct AggregateView: Equatable, Sendable {
    public var selectedRow = 0
    public var folded: Set<String> = []
    public var showsDiff = false

    public init() {}
}

public enum Overlay: Equatable, Sendable {
    case help
    /// The cursor event's detail.
    case detail
    /// The events that changed a field of the shown stream: selected row, and the field's path.
    case blame(field: String, selected: Int)
}

public struct Prompt: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case command = ":", filter = "/", time = "time: ", position = "position: ", stream = "stream: "
    }

    public var kind: Kind
    public var text = ""

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }
}

public struct EventListFilter: Equatable, Sendable {
    public var text: String
    /// Log indexes of the matching events, ascending.
    public var matches: [Int]
}
