import CNcurses
import Glibc
import TUICore

extension Terminal {
    /// Shows `buffer`: writes only the cells that changed since the last frame (all of them after
    /// a resize, a size change or `invalidate()`), then updates the screen once. Cells beyond the
    /// screen are never drawn.
    public func draw(_ buffer: Buffer) {
        guard !isStopped else { return }
        let screenSize = size
        let previous = previousFrame.flatMap { frame in
            frame.width == buffer.width && frame.height == buffer.height
                && frameScreenSize.width == screenSize.width && frameScreenSize.height == screenSize.height ? frame : nil
        }
        if previous == nil { werase(window) }
        for y in 0..<min(buffer.height, screenSize.height) {
            for x in 0..<min(buffer.width, screenSize.width) {
                let cell = buffer[x, y]
                if cell.isContinuation || previous?[x, y] == cell { continue }
                drawCell(cell, x: x, y: y, screenWidth: screenSize.width)
            }
        }
        previousFrame = buffer
        frameScreenSize = screenSize
        wrefresh(window)
    }

    /// Makes the next `draw` repaint the whole screen, e.g. after something else wrote to it.
    public func invalidate() {
        guard !isStopped else { return }
        previousFrame = nil
        clearok(evx_curscr(), true)
    }

    // MARK: - Cells

    /// Writes one cell so that curses' idea of the line matches the buffer's: what curses (libc)
    /// thinks is wider than the cell is replaced, what it thinks is narrower is padded.
    private func drawCell(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
        let (attributes, pair) = palette.attributes(for: cell.style)
        guard x + cell.width <= screenWidth else {
            put([wchar_t(UInt8(ascii: " "))], attributes: attributes, pair: pair, x: x, y: y)
            return
        }
        var characters = wideCharacters(for: cell)
        let curses = Int(evx_curses_width(characters[0]))
        if curses < 1 || curses > cell.width {
            characters = [wchar_t(isUnicode ? 0xFFFD : UInt32(UInt8(ascii: "?")))]
        }
        put(characters, attributes: attributes, pair: pair, x: x, y: y)
        if cell.width == 2 && Int(evx_curses_width(characters[0])) == 1 {
            put([wchar_t(UInt8(ascii: " "))], attributes: attributes, pair: pair, x: x + 1, y: y)
        }
    }

    /// The cell's character as a base and up to four combining characters; on a terminal that is
    /// not UTF-8, anything but ASCII is shown as `?`.
    private func wideCharacters(for cell: Cell) -> [wchar_t] {
        let scalars = cell.character.unicodeScalars
        guard isUnicode else {
            return [wchar_t(cell.asciiFallback.asciiValue ?? UInt8(ascii: "?"))]
        }
        var characters: [wchar_t] = []
        for scalar in scalars where characters.count < Int(CCHARW_MAX) {
            let character = wchar_t(bitPattern: scalar.value)
            if characters.isEmpty || evx_curses_width(character) == 0 { characters.append(character) }
        }
        return characters
    }

    private func put(_ characters: [wchar_t], attributes: attr_t, pair: Int16, x: Int, y: Int) {
        var cell = cchar_t()
        setcchar(&cell, characters + [0], attributes, pair, nil)
        wmove(window, Int32(y), Int32(x))
        wadd_wch(window, &cell)
    }
}
