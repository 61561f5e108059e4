import EventModel
import TUICore

/// The outbox and consumers as of the cursor's time: pending, published, failing, redelivered,
/// oldest pending age, per destination; each consumer's processed count and idle time.
struct OutboxPane {
    let screen: Screen

    func draw(_ buffer: inout Buffer, _ rect: Rect, _ state: AppState) {
        guard rect.height > 0, rect.width > 0 else { return }
        var lines: [(String, Style)] = []
        if let delivery = state.store.delivery, !delivery.hasTables {
            lines.append(("this store has no outbox or consumer tables", screen.theme.dim))
        } else if let delivery = state.store.delivery {
            let asOf = "as of \(state.follows ? "now" : "the cursor"), \(delivery.asOf.iso8601)"
            lines.append((state.requests.isRunning(.delivery) ? "updating\(screen.ellipsis) (\(asOf))" : asOf, screen.theme.dim))
            if let outbox = delivery.outbox {
                var summary = "outbox \(DisplayFormat.grouped(outbox.total)): \(DisplayFormat.grouped(outbox.published)) published, \(DisplayFormat.grouped(outbox.pending)) pending"
                if outbox.failing > 0 { summary += " (\(DisplayFormat.grouped(outbox.failing)) failing)" }
                lines.append((summary, outbox.failing > 0 ? screen.theme.warning : screen.theme.title))
                if let oldest = outbox.oldestPending {
                    lines.append(("oldest pending: \(DisplayFormat.duration(microseconds: delivery.asOf.microseconds - oldest.microseconds)) old · redelivered \(DisplayFormat.grouped(outbox.redelivered))", .plain))
                } else {
                    lines.append(("nothing pending · redelivered \(DisplayFormat.grouped(outbox.redelivered))", .plain))
                }
                if outbox.pendingHistory.contains(where: { $0 > 0 }) {
                    lines.append(("pending, last hour " + sparkline(outbox.pendingHistory) + " max \(outbox.pendingHistory.max() ?? 0)", screen.theme.bar))
                }
                for destination in outbox.destinations {
                    lines.append(("  \(destination.name): \(DisplayFormat.grouped(destination.published)) published, \(DisplayFormat.grouped(destination.pending)) pending, \(DisplayFormat.grouped(destination.failing)) failing",
                                  destination.failing > 0 ? screen.theme.changed : .plain))
                }
            } else {
                lines.append(("no outbox table", screen.theme.dim))
            }
            if let consumers = delivery.consumers {
                lines.append(("consumers", screen.theme.title))
                for consumer in consumers {
                    let idle = consumer.lastProcessedAt.map { "last \(DisplayFormat.duration(microseconds: delivery.asOf.microseconds - $0.microseconds)) ago" } ?? "nothing yet"
                    lines.append(("  \(consumer.name): \(DisplayFormat.grouped(consumer.processed)) processed, \(idle)", .plain))
                }
            } else {
                lines.append(("no processed_events table", screen.theme.dim))
            }
        } else if state.cursor != nil {
            lines.append(("reading\(screen.ellipsis)", screen.theme.dim))
        }
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            _ = buffer.write(line.0, at: rect.x, y: rect.y + offset, maxWidth: rect.width, style: line.1)
        }
    }

    /// Values as bar heights (the histogram's characters), scaled to the largest.
    private func sparkline(_ values: [Int]) -> String {
        let peak = max(1, values.max() ?? 1)
        let levels = screen.bars.count - 1
        return String(values.map { value in screen.bars[value == 0 ? 0 : max(1, value * levels / peak)] })
    }
}
