/// Something that walks the columns of a cache file in file order (the order
/// ``ColumnCachePayload`` lists them): the writer writes each column, the reader maps it
/// from the file, the sizer adds up its bytes.
protocol ColumnCacheCoder {
    /// One column of `count` fixed-size elements: written from `values`, or read into it.
    mutating func column<T: BitwiseCopyable>(_ values: inout Column<T>, count: Int) throws
    /// One column of `count` optional strings: its `Int32` lengths, then its bytes.
    mutating func strings(_ values: inout StringColumn, count: Int) throws
}

/// The exact byte length of a list of columns for given row counts (strings unsupported:
/// their length is in the data, not the counts).
struct ColumnCacheSizer: ColumnCacheCoder {
    struct Unsized: Error {}

    private(set) var bytes = 0

    mutating func column<T: BitwiseCopyable>(_ values: inout Column<T>, count: Int) throws {
        let (raw, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard count >= 0, !overflow, raw < Int.max - bytes - 8 else { throw Unsized() }
        bytes += ColumnCacheReader.padded(raw)
    }

    mutating func strings(_ values: inout StringColumn, count: Int) throws { throw Unsized() }
}
