/// A rectangle of cells: where a pane or widget draws. Sizes are never negative.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int { didSet { width = max(0, width) } }
    public var height: Int { didSet { height = max(0, height) } }

    public init(x: Int = 0, y: Int = 0, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side (grown when negative).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by the given number of cells on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// The cells both rectangles cover; empty (zero size) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A rectangle of the given size centred in this one (clipped to it), for overlays.
    public func centered(width innerWidth: Int, height innerHeight: Int) -> Rect {
        let w = min(max(0, innerWidth), width), h = min(max(0, innerHeight), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    // MARK: - Splitting

    /// How much of a split one part takes.
    public enum Length: Hashable, Sendable {
        /// Exactly this many cells (less if there is not enough room).
        case fixed(Int)
        /// This fraction (0...1) of the room left after the fixed parts.
        case fraction(Double)
        /// An equal share of whatever the fixed and fractional parts leave.
        case fill
    }

    /// Cuts the rectangle into columns placed side by side, left to right (as in ratatui's
    /// horizontal layout). The parts never overlap and never reach outside this rectangle.
    public func splitHorizontally(_ lengths: [Length]) -> [Rect] {
        var position = x
        return Rect.sizes(of: lengths, total: width).map { size in
            defer { position += size }
            return Rect(x: position, y: y, width: size, height: height)
        }
    }

    /// Cuts the rectangle into rows stacked top to bottom.
    public func splitVertically(_ lengths: [Length]) -> [Rect] {
        var position = y
        return Rect.sizes(of: lengths, total: height).map { size in
            defer { position += size }
            return Rect(x: x, y: position, width: width, height: size)
        }
    }

    /// Sizes for `lengths` summing to at most `total`: fixed parts first (in order, each clipped
    /// to what is left), then fractions of the rest (rounded on cumulative boundaries so fractions
    /// adding up to 1 cover it exactly), then fills sharing the remainder, earlier fills getting
    /// the odd cells.
    static func sizes(of lengths: [Length], total: Int) -> [Int] {
        var sizes = [Int](repeating: 0, count: lengths.count)
        var remaining = total
        for (index, length) in lengths.enumerated() {
            if case .fixed(let size) = length {
                sizes[index] = min(max(0, size), remaining)
                remaining -= sizes[index]
            }
        }
        let fractionBase = Double(remaining)
        var cumulative = 0.0
        for (index, length) in lengths.enumerated() {
            if case .fraction(let fraction) = length {
                let start = Int((cumulative * fractionBase).rounded())
                cumulative = min(1, cumulative + min(max(0, fraction), 1))
                let end = Int((cumulative * fractionBase).rounded())
                sizes[index] = min(end - start, remaining)
                remaining -= sizes[index]
            }
        }
        let fills = lengths.indices.filter { lengths[$0] == .fill }
        for (order, index) in fills.enumerated() {
            sizes[index] = remaining / fills.count + (order < remaining % fills.count ? 1 : 0)
        }
        return sizes
    }
}
