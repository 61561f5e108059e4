import EventModel
import TUICore

/// The outbox and consumers as of the cursor's time: pending, published, failing, redelivered,
/// oldest pending age, per destination; each consumer's processed count and idle time.
struct OutboxPane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, inner: Rect, frame: Rect, _ state: AppState) {
        ScrollView(screen: screen).draw(lines(state), offset: state.scroll[.outbox] ?? 0, &buffer, inner: inner, frame: frame)
    }

    func lines(_ state: AppState) -> [Line] {
        var lines: [Line] = []
        if let delivery = state.store.delivery, delivery.outbox == nil, delivery.consumers == nil {
            lines.append(Line("this store has no outbox or consumer tables", screen.theme.dim))
        } else if let delivery = state.store.delivery {
            let asOf = "as of \(state.follows ? "now" : "the cursor"), \(delivery.asOf.iso8601)"
            lines.append(Line(state.requests.isRunning(.delivery) ? "updating\(screen.ellipsis) (\(asOf))" : asOf, screen.theme.dim))
            if let outbox = delivery.outbox {
                var summary = "outbox \(DisplayFormat.grouped(outbox.total)): \(DisplayFormat.grouped(outbox.published)) published, \(DisplayFormat.grouped(outbox.pending)) pending"
                if outbox.failing > 0 { summary += " (\(DisplayFormat.grouped(outbox.failing)) failing)" }
                lines.append(Line(summary, outbox.failing > 0 ? screen.theme.warning : screen.theme.title))
                if let oldest = outbox.oldestPending {
                    lines.append(Line("oldest pending: \(DisplayFormat.duration(microseconds: delivery.asOf.microseconds - oldest.microseconds)) old \(screen.separator) redelivered \(DisplayFormat.grouped(outbox.redelivered))", .plain))
                } else {
                    lines.append(Line("nothing pending \(screen.separator) redelivered \(DisplayFormat.grouped(outbox.redelivered))", .plain))
                }
                if outbox.pendingHistory.contains(where: { $0 > 0 }) {
                    lines.append(Line("pending, last hour " + sparkline(outbox.pendingHistory) + " max \(outbox.pendingHistory.max() ?? 0)", screen.theme.bar))
                }
                for destination in outbox.destinations {
                    lines.append(Line("  \(destination.name): \(DisplayFormat.grouped(destination.published)) published, \(DisplayFormat.grouped(destination.pending)) pending, \(DisplayFormat.grouped(destination.failing)) failing",
                                  destination.failing > 0 ? screen.theme.changed : .plain))
                }
            } else {
                lines.append(Line("no outbox table", screen.theme.dim))
            }
            if let consumers = delivery.consumers {
                lines.append(Line("consumers", screen.theme.title))
                for consumer in consumers {
                    let idle = consumer.lastProcessedAt.map { "last \(DisplayFormat.duration(microseconds: delivery.asOf.microseconds - $0.microseconds)) ago" } ?? "nothing yet"
                    lines.append(Line("  \(consumer.name): \(DisplayFormat.grouped(consumer.processed)) processed, \(idle)", .plain))
                }
            } else {
                lines.append(Line("no processed_events table", screen.theme.dim))
            }
        } else if state.cursor != nil {
            lines.append(Line("reading\(screen.ellipsis)", screen.theme.dim))
        }
        return lines
    }

    /// Values as bar heights (the histogram's characters), scaled to the largest.
    private func sparkline(_ values: [Int]) -> String {
        let peak = max(1, values.max() ?? 1)
        let levels = screen.bars.count - 1
        return String(values.map { value in screen.bars[value == 0 ? 0 : max(1, value * levels / peak)] })
    }
}
