/// A frame of cells the app draws into; the terminal backend shows it, tests read it as text.
///
/// Drawing never reaches outside the buffer, and nothing stored in it can move the cursor or
/// change the user's terminal: untrusted text is escaped on the way in (see `write`).
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// The cell at (x, y); reading outside the buffer gives a blank cell, writing there does
    /// nothing. Writing keeps wide characters whole: a wide cell that does not fit becomes a
    /// blank, and a wide character partly overwritten leaves a blank behind.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { put(newValue, x: x, y: y) }
    }

    /// The cells of row `y` (empty outside the buffer), for diffing and styled snapshots.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0 && y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    // MARK: - Drawing

    /// Writes `text` on row `y` from column `x`, clipped to the buffer and to `maxWidth` columns.
    ///
    /// Control characters, escape sequences, C1 controls, bidi overrides and zero-width
    /// characters are written visibly escaped (`\u001b`), like `SafeText.escaped`. A wide
    /// character that does not fit at the right end is replaced by a space.
    /// - Returns: the number of columns advanced, so the next free column is `x + result`.
    @discardableResult
    public mutating func write(_ text: String, at x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        let end = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        let rowIsVisible = y >= 0 && y < height
        var column = x
        CellText.forEachCharacter(in: text) { character, characterWidth in
            guard column + characterWidth <= end else {
                if column < end {  // a wide character with one column left
                    if rowIsVisible && column >= 0 { put(.blank(style), x: column, y: y) }
                    column += 1
                }
                return false
            }
            if rowIsVisible {
                if column >= 0 {
                    put(Cell(character, width: characterWidth, style: style), x: column, y: y)
                } else if column + characterWidth > 0 {  // a wide character cut by the left edge
                    put(.blank(style), x: 0, y: y)
                }
            }
            column += characterWidth
            return true
        }
        return max(0, column - x)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        let cell = Cell(character, style: style)
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                put(x + cell.width <= area.maxX ? cell : .blank(style), x: x, y: y)
                x += max(1, cell.width)
            }
        }
    }

    /// Gives every cell in `rect` (clipped to the buffer) the style `style`, keeping the characters.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        modifyStyle(rect) { $0 = style }
    }

    /// Changes the style of every cell in `rect` (clipped to the buffer), e.g. to add reverse
    /// video for a selection while keeping each cell's colours.
    public mutating func modifyStyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Resets every cell to a plain blank.
    public mutating func clear() {
        cells = Array(repeating: .blank, count: width * height)
    }

    // MARK: - Snapshots

    /// The buffer as text for snapshot tests: one line per row joined with "\n", trailing
    /// spaces trimmed, continuation cells left out (so wide characters read naturally). With
    /// `asciiTerminal`, each cell as a terminal without UTF-8 shows it (`Cell.asciiFallback`).
    public func text(asciiTerminal: Bool = false) -> String {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) where !cell.isContinuation { line.append(asciiTerminal ? cell.asciiFallback : cell.character) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    // MARK: - Keeping wide characters whole

    /// Stores `cell` at (x, y), first clearing any wide character it would cut in half.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let index = y * width + x
        if cell.isContinuation {
            // Copying a continuation cell only makes sense right after its wide character.
            if x > 0 && cells[index - 1].width == 2 { cells[index].style = cell.style }
            else { breakWideCharacter(at: x, y: y); cells[index] = .blank(cell.style) }
            return
        }
        guard cell.width < 2 || x + 1 < width else {
            breakWideCharacter(at: x, y: y)
            cells[index] = .blank(cell.style)
            return
        }
        breakWideCharacter(at: x, y: y)
        if cell.width == 2 { breakWideCharacter(at: x + 1, y: y) }
        cells[index] = cell
        if cell.width == 2 { cells[index + 1] = .continuation(cell.style) }
    }

    /// Replaces the wide character covering (x, y), if any, by blanks.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation && x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
            cells[index] = .blank(cells[index].style)
        } else if cells[index].width == 2 && x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }
}
