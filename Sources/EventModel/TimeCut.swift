/// What "as of time T" means everywhere in evx (`--at-time` on every command, `t` in the
/// explorer): the events recorded at or before T, in global order. For a log in time order that
/// is the prefix of the log up to T; for a log whose times go back and forth it is not a prefix,
/// and `TimeCut.Walk` says so.
///
/// An event whose time is unreadable is included: nothing shows that it was recorded after T,
/// and leaving it out would make "as of the end of time" differ from the whole log.
public struct TimeCut: Sendable, Equatable {
    public let time: EventTime

    public init(_ time: EventTime) {
        self.time = time
    }

    /// Whether an event recorded at `recorded` is part of the log as of the cut's time.
    public func includes(_ recorded: EventTime?) -> Bool {
        guard let recorded else { return true }
        return recorded <= time
    }

    /// A walk over a log (or one stream) in global order that sorts each event in or out and
    /// keeps what the answer needs: where it ends, and whether it is a prefix of the log.
    public struct Walk: Sendable, Equatable {
        public let cut: TimeCut
        /// How many events were included.
        public private(set) var included = 0
        /// The last included event: its position and its index among the events walked (the
        /// explorer's cursor as of the time).
        public private(set) var lastIncludedPosition: Int64?
        public private(set) var lastIncludedIndex: Int?
        /// Events recorded after the time that come before an included event in global order:
        /// left out, though a prefix would hold them. Zero when the answer is a prefix.
        public private(set) var leftOutBefore = 0
        /// The first of those, for messages.
        public private(set) var firstLeftOutPosition: Int64?
        private var walked = 0
        private var excludedSinceLastIncluded = 0
        private var firstExcludedSinceLastIncluded: Int64?

        public init(_ cut: TimeCut) {
            self.cut = cut
        }

        /// Sorts the next event in global order in or out; returns whether it is included.
        public mutating func add(position: Int64, time: EventTime?) -> Bool {
            defer { walked += 1 }
            guard cut.includes(time) else {
                if excludedSinceLastIncluded == 0 { firstExcludedSinceLastIncluded = position }
                excludedSinceLastIncluded += 1
                return false
            }
            if excludedSinceLastIncluded > 0 {
                leftOutBefore += excludedSinceLastIncluded
                if firstLeftOutPosition == nil { firstLeftOutPosition = firstExcludedSinceLastIncluded }
                excludedSinceLastIncluded = 0
            }
            included += 1
            lastIncludedPosition = position
            lastIncludedIndex = walked
            return true
        }

        public mutating func add(_ event: Event) -> Bool {
            add(position: event.position, time: event.time)
        }

        /// Whether the included events are exactly the walked log's first events.
        public var isPrefix: Bool { leftOutBefore == 0 }

        /// What to tell the user when the answer is not a prefix of what was walked (nil when it
        /// is), e.g. "the log is not in time order: 2 events recorded after 2026-01-05T10:00:00.000Z
        /// (the first at position 120) come before position 950 and are left out".
        public func outOfOrderNote(walking what: String = "the log") -> String? {
            guard leftOutBefore > 0, let first = firstLeftOutPosition, let last = lastIncludedPosition else { return nil }
            let (events, come, are) = leftOutBefore == 1 ? ("1 event", "comes", "is") : ("\(leftOutBefore) events", "come", "are")
            return "\(what) is not in time order: \(events) recorded after \(cut.time.iso8601) (the first at position \(first)) "
                + "\(come) before position \(last) and \(are) left out"
        }
    }
}
