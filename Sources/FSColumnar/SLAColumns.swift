/// What the SLA report's calendar-clock scans read beside the sample lists, so they walk
/// contiguous slices instead of looking up each sample's ticket: a one-byte priority code
/// aligned with ``ResponseColumns/frtRows`` and with ``ColumnarStore/closedRows``, and each
/// closed ticket's resolution time aligned with the latter. Derived from the store, the
/// response columns and the priorities at load; kept in the column cache with them.
///
/// A code is the ticket's ``TicketExtras/priority`` + 1 (0 for none) when that fits a byte
/// below 255; ``overflowCode`` stands for every code from 254 on, so the codes identify
/// the priority only while there are at most ``maxPriorityNames`` names (the report falls
/// back to its general path beyond).
public struct SLAColumns: Sendable, Equatable {
    /// Priority code of each ``ResponseColumns/frtRows`` entry's ticket.
    public internal(set) var frtPriority: Column<UInt8>
    /// Priority code of each ``ColumnarStore/closedRows`` entry's ticket.
    public internal(set) var closedPriority: Column<UInt8>
    /// `resolved_at − created_at` of each ``ColumnarStore/closedRows`` entry, in seconds,
    /// clamped to 32 bits (a comparison with a target below `Int32.max` is unchanged).
    public internal(set) var closedDuration: Column<Int32>

    public static let overflowCode: UInt8 = 255
    public static let maxPriorityNames = 254

    /// No columns (the SLA report then lays them out itself).
    public init() {
        self.init(frtPriority: Column(), closedPriority: Column(), closedDuration: Column())
    }

    init(frtPriority: Column<UInt8>, closedPriority: Column<UInt8>, closedDuration: Column<Int32>) {
        self.frtPriority = frtPriority
        self.closedPriority = closedPriority
        self.closedDuration = closedDuration
    }

    /// The columns of `store` with its response columns and priorities.
    /// - Complexity: O(answered + closed tickets).
    public init(store: ColumnarStore, responses: ResponseColumns, tickets: TicketExtras) {
        let priority = tickets.priority
        func codes(_ rows: Column<Int32>) -> Column<UInt8> {
            priority.withUnsafeBufferPointer { p in
                rows.withUnsafeBufferPointer { rows in Column(rows.map { Self.code(p[Int($0)]) }) }
            }
        }
        let durations = store.ticketCreatedAt.withUnsafeBufferPointer { created in
            store.closedRows.withUnsafeBufferPointer { rows in
                store.closedResolvedAt.withUnsafeBufferPointer { resolved in
                    (0..<rows.count).map { Int32(clamping: resolved[$0] &- created[Int(rows[$0])]) }
                }
            }
        }
        self.init(
            frtPriority: codes(responses.frtRows), closedPriority: codes(store.closedRows),
            closedDuration: Column(durations))
    }

    /// The one-byte code of a ``TicketExtras/priority`` value.
    @inline(__always) public static func code(_ priority: Int16) -> UInt8 {
        UInt8(clamping: Int(priority) + 1)
    }

    /// Whether these columns line up with `store` and `responses` (their lengths; empty
    /// columns never do unless the lists are empty).
    public func fits(_ store: ColumnarStore, _ responses: ResponseColumns) -> Bool {
        frtPriority.count == responses.frtRows.count && closedPriority.count == store.closedRows.count
            && closedDuration.count == store.closedRows.count
    }

    /// Resident bytes of the arrays.
    public var byteCount: Int { frtPriority.byteCount + closedPriority.byteCount + closedDuration.byteCount }
}
