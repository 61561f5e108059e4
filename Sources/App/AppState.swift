import EventModel
import Replay

/// Everything the explorer shows, as a plain value: the screen is a function of this alone, and
/// only `reduce` changes it. What was read from the store lives in `store`; what is being read,
/// in `requests`.
public struct AppState: Sendable {
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
    /// The cursor: the global position of the event it is on (nil until the log is known).
    public var cursor: Int64?
    public var focus: Pane = .events
    public var zoomed = false
    /// The stream the aggregate pane shows; nil follows the cursor event's stream.
    public var pinnedStream: String?
    public var aggregate = AggregateView()
    /// How far the Projections and Outbox panes are scrolled (first line shown).
    public var scroll: [Pane: Int] = [:]
    public var overlay: Overlay?
    /// How far the help or the event detail is scrolled.
    public var overlayScroll = 0
    /// Which columns the events list shows (`c` cycles).
    public var columns = EventColumns.standard
    public var prompt: Prompt?
    /// The `/` search: its matches are highlighted, `n`/`N` step through them, `&` shows only them.
    public var search: SearchState?
    /// Marked positions, in the order they were set.
    public var marks: [Int64] = []
    /// LIVE: the cursor stays on the newest event as other processes append (PAUSED otherwise).
    public var follows = false
    /// Events appended since the explorer was paused (the header's "+N new").
    public var newWhilePaused = 0
    /// A one-line notice: a result, or what went wrong.
    public var message: String?
    public var quitRequested = false
    /// The wall clock as the run loop last told it: "as of now" while following.
    public var now: EventTime?
    /// Where the cursor goes when the store opens (nil: the newest event, following if the store
    /// is being written).
    public var start: StartPoint?
    /// What has been read from the store.
    public var store = StoreData()
    /// The aggregate pane's stream replayed to the cursor (kept: the pane, the layout and the keys
    /// all read it, and replaying is not free).
    public internal(set) var shown: ShownAggregate?
    /// The last aggregate shown, drawn while the next stream is read.
    public internal(set) var lastShown: ShownAggregate?
    /// What is being read.
    public var requests = Requests()

    /// What the explorer was opened on, for the header and the panes.
    public let source: SourceDescription

    public init(width: Int, height: Int, source: SourceDescription, follows: Bool = false) {
        self.width = width
        self.height = height
        self.source = source
        self.follows = follows
    }
}

/// The store being explored, as the screen names it.
public struct SourceDescription: Equatable, Sendable {
    public var name: String
    /// The format or family, e.g. `SQLite`, `JSON Lines`.
    public var format: String
    /// The names of the rules' projections (the pane says when there are none).
    public var projectionNames: [String]

    public init(name: String, format: String, projectionNames: [String]) {
        self.name = name
        self.format = format
        self.projectionNames = projectionNames
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
    /// The stream picker: what is typed to filter, and the selected row.
    case picker(query: String, selected: Int)
}

public struct Prompt: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case command = ":", filter = "/", time = "time: ", position = "position: "
    }

    public var kind: Kind
    public var text = ""

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }
}

public struct SearchState: Equatable, Sendable {
    public var query: SearchQuery
    /// Positions of the matching events, ascending; nil while the search runs.
    public var matches: [Int64]?
    /// The events list shows only the matches (`&`), rather than every event with matches marked.
    public var onlyMatches = false

    public init(query: SearchQuery) {
        self.query = query
    }

    public var text: String { query.text }

    /// The first match after (`forward`) or before `position`.
    public func match(after position: Int64, forward: Bool) -> Int64? {
        guard let matches else { return nil }
        return forward ? matches.first { $0 > position } : matches.last { $0 < position }
    }

    public func isMatch(_ position: Int64) -> Bool {
        guard let matches else { return false }
        var low = 0, high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low < matches.count && matches[low] == position
    }
}

/// Where the explorer opens (`--at`).
public enum StartPoint: Equatable, Sendable {
    case position(Int64)
    case time(EventTime)

    /// A global position as the screen shows it (`#1,000`) or an ISO-8601 time.
    public init?(parsing text: String) {
        if let position = PositionJump.parse(text) {
            self = .position(position)
        } else if let time = EventTime(iso8601: text.trimmingCharacters(in: " ")) {
            self = .time(time)
        } else {
            return nil
        }
    }
}
