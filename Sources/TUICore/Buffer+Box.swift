extension Buffer {
    /// Draws the border of `rect` with `box` (clipped to the buffer); the inside is left as is.
    /// A rectangle narrower or shorter than two cells gets only the lines that fit.
    public mutating func drawBox(_ rect: Rect, box: BoxCharacters = .light, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x...right {
            self[x, rect.y] = Cell(box.horizontal, style: style)
            self[x, bottom] = Cell(box.horizontal, style: style)
        }
        for y in rect.y...bottom {
            self[rect.x, y] = Cell(box.vertical, style: style)
            self[right, y] = Cell(box.vertical, style: style)
        }
        self[rect.x, rect.y] = Cell(box.topLeft, style: style)
        self[right, rect.y] = Cell(box.topRight, style: style)
        self[rect.x, bottom] = Cell(box.bottomLeft, style: style)
        self[right, bottom] = Cell(box.bottomRight, style: style)
    }
}
