/// Rows copied out of a statement while it is stepped, so that another thread can decode them:
/// statements are stepped only on their connection's thread, but bytes copied from them can go
/// anywhere. Each value keeps what `SQLiteRawRow` would have given for it (NULL or not, the
/// integer, the bytes), so a decoder reads a copied row as it reads the live one.
struct CopiedRows: Sendable {
    fileprivate struct Cell: Sendable {
        var start: Int
        var count: Int
        var integer: Int64
        var isNull: Bool
    }

    let columns: Int32
    private(set) var count = 0
    private var cells: [Cell] = []
    private var bytes: [UInt8] = []

    init(columns: Int32, capacity: Int) {
        self.columns = columns
        cells.reserveCapacity(Int(columns) * capacity)
    }

    mutating func append(_ row: SQLiteRawRow) {
        for column in 0..<columns {
            guard let value = row.value(column) else {
                cells.append(Cell(start: 0, count: 0, integer: 0, isNull: true))
                continue
            }
            cells.append(Cell(start: bytes.count, count: value.count, integer: row.int64(column), isNull: false))
            bytes.append(contentsOf: value)
        }
        count += 1
    }

    /// Calls `body` with each row in order; a row is valid only during its call.
    func forEach(_ body: (Row) throws -> Void) rethrows {
        try cells.withUnsafeBufferPointer { cells in
            try bytes.withUnsafeBufferPointer { bytes in
                for index in 0..<count {
                    try body(Row(cells: UnsafeBufferPointer(rebasing: cells[(index * Int(columns))...]), bytes: bytes))
                }
            }
        }
    }

    struct Row: StoreRow {
        fileprivate let cells: UnsafeBufferPointer<Cell>
        fileprivate let bytes: UnsafeBufferPointer<UInt8>

        func isNull(_ column: Int32) -> Bool { cells[Int(column)].isNull }
        func int64(_ column: Int32) -> Int64 { cells[Int(column)].integer }

        func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
            let cell = cells[Int(column)]
            guard let base = bytes.baseAddress, cell.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: base + cell.start, count: cell.count)
        }
    }
}
