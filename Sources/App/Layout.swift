import TUICore

/// Where everything goes at the current size. From 100 columns the events list takes the left
/// (over half) and the other three panes share the right, each getting the rows its content needs as far as
/// they go round (the aggregate takes what is left); below 100 columns (or zoomed) only the
/// focused pane is shown, with every pane's name as a tab in its border. Nothing is ever placed
/// outside the screen.
public struct Layout {
    public static let wideThreshold = 100

    public let header: Rect
    public let timeline: Rect
    public let panes: [(pane: AppState.Pane, rect: Rect)]
    public let footer: Rect
    /// One pane at a time, the others reached as tabs.
    public let isTabbed: Bool

    public init(_ state: AppState) {
        let screen = Rect(x: 0, y: 0, width: max(0, state.width), height: max(0, state.height))
        let timelineHeight = screen.height >= 24 ? 6 : (screen.height >= 16 ? 5 : 4)
        let rows = screen.splitVertically([.fixed(1), .fixed(timelineHeight), .fill, .fixed(1)])
        header = rows[0]
        timeline = rows[1]
        footer = rows[3]
        let body = rows[2]
        isTabbed = state.zoomed || screen.width < Self.wideThreshold
        if isTabbed {
            panes = [(state.focus, body)]
        } else {
            // The events list gets over half (its columns need about 60 cells), the panes the rest.
            let events = max(body.width * 55 / 100, 50)
            let columns = body.splitHorizontally([.fixed(events), .fill])
            let right = columns[1]
            let heights = Self.share(right.height, among: Self.needs(state))
            let aggregate = Rect(x: right.x, y: right.y, width: right.width, height: heights[0])
            let projections = Rect(x: right.x, y: aggregate.maxY, width: right.width, height: heights[1])
            let outbox = Rect(x: right.x, y: projections.maxY, width: right.width, height: heights[2])
            panes = [(.events, columns[0]), (.aggregate, aggregate), (.projections, projections), (.outbox, outbox)]
        }
    }

    public func rect(of pane: AppState.Pane) -> Rect? {
        panes.first { $0.pane == pane }?.rect
    }

    /// The rows (borders included) the aggregate, projections and outbox panes would use.
    static func needs(_ state: AppState) -> [Int] {
        let screen = Screen(theme: .monochrome, unicode: true)
        let aggregate = (state.shown ?? state.lastShown).map { $0.rows.count + 1 + min(2, $0.replayed.warnings.count) } ?? 1
        return [aggregate + 2, ProjectionsPane(screen: screen).lines(state).count + 2, OutboxPane(screen: screen).lines(state).count + 2]
    }

    /// Shares `total` rows: every pane at least a line, then rounds of equal shares to those that
    /// need more; what nobody needs goes to the first (the aggregate).
    static func share(_ total: Int, among needs: [Int], minimum: Int = 3) -> [Int] {
        guard total >= minimum * needs.count else {
            let each = total / max(1, needs.count)
            return needs.indices.map { $0 == 0 ? total - each * (needs.count - 1) : each }
        }
        var heights = needs.map { _ in minimum }
        var remaining = total - minimum * needs.count
        var open = needs.indices.filter { needs[$0] > heights[$0] }
        while remaining > 0, !open.isEmpty {
            let share = max(1, remaining / open.count)
            for index in open where remaining > 0 {
                let given = min(share, needs[index] - heights[index], remaining)
                heights[index] += given
                remaining -= given
            }
            open = open.filter { needs[$0] > heights[$0] }
        }
        heights[0] += remaining
        return heights
    }
}
