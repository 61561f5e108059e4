import EventStore
import PostgresNIO

/// The rows of one result with every value copied into one buffer, lent to the dialects'
/// decoders as `StoreRow`s (whose bytes stay valid while the batch lives). Values arrive in
/// PostgreSQL's binary format: text as UTF-8, `bytea` as its bytes, integers big-endian.
final class RowBatch {
    let count: Int
    let columns: Int
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// Per cell: where its bytes start in `storage`, and how many (-1: NULL).
    private let cells: [(offset: Int, length: Int)]

    init(_ rows: [PostgresRow]) {
        count = rows.count
        columns = rows.first?.count ?? 0
        var total = 0
        for row in rows { for cell in row { total += cell.bytes?.readableBytes ?? 0 } }
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(total, 1))
        var cells: [(Int, Int)] = []
        cells.reserveCapacity(rows.count * columns)
        var offset = 0
        for row in rows {
            for cell in row {
                guard let bytes = cell.bytes else { cells.append((offset, -1)); continue }
                let length = bytes.readableBytes
                bytes.withUnsafeReadableBytes { source in
                    if length > 0, let target = storage.baseAddress, let start = source.baseAddress {
                        (target + offset).initialize(from: start.assumingMemoryBound(to: UInt8.self), count: length)
                    }
                }
                cells.append((offset, length))
                offset += length
            }
        }
        self.storage = storage
        self.cells = cells
    }

    deinit { storage.deallocate() }

    /// The `index`th row.
    subscript(index: Int) -> Row { Row(batch: self, index: index) }

    fileprivate func cell(_ row: Int, _ column: Int32) -> (offset: Int, length: Int) {
        let column = Int(column)
        guard column >= 0, column < columns else { return (0, -1) }
        return cells[row * columns + column]
    }

    fileprivate func bytes(_ row: Int, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let (offset, length) = cell(row, column)
        guard length > 0, let base = storage.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + offset, count: length)
    }

    struct Row: StoreRow {
        let batch: RowBatch
        let index: Int

        func isNull(_ column: Int32) -> Bool { batch.cell(index, column).length < 0 }

        /// A big-endian integer of 2, 4 or 8 bytes (bigint, integer, smallint), or digits as text.
        func int64(_ column: Int32) -> Int64 {
            let bytes = batch.bytes(index, column)
            switch bytes.count {
            case 2, 4, 8:
                var value: Int64 = bytes[0] & 0x80 == 0 ? 0 : -1
                for byte in bytes { value = value << 8 | Int64(byte) }
                return value
            default:
                return Int64(String(decoding: bytes, as: UTF8.self)) ?? 0
            }
        }

        func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> { batch.bytes(index, column) }

        func string(_ column: Int32) -> String? {
            isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self)
        }
    }
}

/// A query parameter sent as text with no type, as libpq does: the server gives it the type its
/// place in the statement calls for (a stream id compared with a uuid column is a uuid).
struct UntypedParameter: PostgresThrowingDynamicTypeEncodable {
    let text: String
    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        byteBuffer.writeString(text)
    }

    init(_ argument: SQLArgument) {
        switch argument {
        case .integer(let value): text = String(value)
        case .text(let value): text = value
        }
    }
}
