import TUICore

/// A line of a pane or overlay: text in one style, and search words to mark in it.
struct Line {
    var text: String
    var style: Style
    var marks: [String]

    init(_ text: String, _ style: Style = .plain, marks: [String] = []) {
        self.text = text
        self.style = style
        self.marks = marks
    }
}

/// Draws lines from a first one on, with a scrollbar in the last column and the range shown
/// (`12-30/40`) in the frame's bottom border when they do not all fit.
struct ScrollView {
    let screen: Screen

    /// The first line to show so that `offset` stays in range.
    static func clamped(_ offset: Int, lines: Int, height: Int) -> Int {
        min(max(0, offset), max(0, lines - height))
    }

    /// `inner` is where the lines go, `frame` the box around them (nil: no border to label).
    func draw(_ lines: [Line], offset: Int, _ buffer: inout Buffer, inner: Rect, frame: Rect?) {
        guard inner.width > 0, inner.height > 0 else { return }
        let first = Self.clamped(offset, lines: lines.count, height: inner.height)
        let overflows = lines.count > inner.height
        let width = overflows ? inner.width - 1 : inner.width
        for (row, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            // A line shows `width` columns at most: only its start is looked at (payloads can be huge).
            let text = screen.ui(String(line.text.prefix(width * 2 + 16)))
            _ = buffer.write(text, at: inner.x, y: inner.y + row, maxWidth: width, style: line.style)
            let characters = Array(text)
            for word in line.marks {
                for range in SearchQuery.wordRanges(word, in: text) {
                    let start = DisplayWidth.of(String(characters[..<range.lowerBound]))
                    guard start < width else { continue }
                    let cells = min(DisplayWidth.of(String(characters[range])), width - start)
                    buffer.setStyle(Rect(x: inner.x + start, y: inner.y + row, width: cells, height: 1), style: screen.theme.match)
                }
            }
        }
        guard overflows else { return }
        drawBar(&buffer, x: inner.maxX - 1, y: inner.y, height: inner.height, first: first, total: lines.count)
        if let frame, frame.width > 12 {
            let last = min(lines.count, first + inner.height)
            let more = last < lines.count ? " more \(screen.ui("↓"))" : ""
            let label = " \(first + 1)-\(last)/\(lines.count)\(more) "
            _ = buffer.write(label, at: frame.maxX - 2 - DisplayWidth.of(label), y: frame.maxY - 1, style: screen.theme.dim)
        }
    }

    /// A scrollbar: the track, and a thumb as tall as the share of lines shown, where they are.
    func drawBar(_ buffer: inout Buffer, x: Int, y: Int, height: Int, first: Int, total: Int) {
        guard height > 0, total > 0 else { return }
        let thumb = max(1, height * height / total)
        let top = min(height - thumb, (height - thumb) * first / max(1, total - height))
        for row in 0..<height {
            let inThumb = row >= top && row < top + thumb
            let glyph: Character = screen.box == .ascii ? (inThumb ? "#" : "|") : (inThumb ? "█" : "│")
            buffer.fill(Rect(x: x, y: y + row, width: 1, height: 1), character: glyph, style: inThumb ? screen.theme.title : screen.theme.border)
        }
    }
}
