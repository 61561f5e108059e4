import TUICore

/// Where everything goes at the current size. Below 100 columns (or zoomed) only the focused
/// pane is shown under the timeline; nothing is ever placed outside the screen.
public struct Layout {
    public static let wideThreshold = 100

    public let header: Rect
    public let timeline: Rect
    public let panes: [(pane: AppState.Pane, rect: Rect)]
    public let footer: Rect

    public init(_ state: AppState) {
        let screen = Rect(x: 0, y: 0, width: max(0, state.width), height: max(0, state.height))
        let timelineHeight = screen.height >= 24 ? 6 : (screen.height >= 16 ? 5 : 4)
        let rows = screen.splitVertically([.fixed(1), .fixed(timelineHeight), .fill, .fixed(1)])
        header = rows[0]
        timeline = rows[1]
        footer = rows[3]
        let body = rows[2]
        if state.zoomed || screen.width < Self.wideThreshold {
            panes = [(state.focus, body)]
        } else {
            let columns = body.splitHorizontally([.fraction(0.46), .fill])
            let right = columns[1].splitVertically([.fraction(0.5), .fraction(0.25), .fill])
            panes = [(.events, columns[0]), (.aggregate, right[0]), (.projections, right[1]), (.outbox, right[2])]
        }
    }

    public func rect(of pane: AppState.Pane) -> Rect? {
        panes.first { $0.pane == pane }?.rect
    }
}
