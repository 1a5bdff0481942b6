#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An immutable column of fixed-width values in contiguous memory, owned either by the
/// column itself or by a read-only mapping of the column cache file (so a cached store is
/// used in place: no copy, no freshly zeroed pages, and only the pages a report touches
/// are ever read).
///
/// A `RandomAccessCollection` with bounds-checked subscripts like `Array`; kernels use
/// ``withUnsafeBufferPointer(_:)``. Equality compares the bytes.
public struct Column<Element: BitwiseCopyable>: @unchecked Sendable {
    /// Keeps the memory alive; never mutated after creation, so sharing it is safe.
    let owner: ColumnMemory?
    let base: UnsafePointer<Element>?
    public let count: Int

    /// A copy of `elements`.
    /// - Complexity: O(n).
    public init(_ elements: [Element]) {
        guard !elements.isEmpty else {
            self.init()
            return
        }
        let memory = ColumnMemory(allocating: elements.count * MemoryLayout<Element>.stride)
        let pointer = memory.start.bindMemory(to: Element.self, capacity: elements.count)
        elements.withUnsafeBufferPointer { source in
            UnsafeMutablePointer(mutating: pointer).initialize(from: source.baseAddress!, count: source.count)
        }
        self.init(owner: memory, base: pointer, count: elements.count)
    }

    /// An empty column.
    public init() {
        self.init(owner: nil, base: nil, count: 0)
    }

    /// `count` elements at `start` inside `memory`, which must stay unchanged while alive.
    init(owner: ColumnMemory?, base: UnsafePointer<Element>?, count: Int) {
        self.owner = owner
        self.base = base
        self.count = count
    }

    /// Calls `body` with the elements; the pointer is valid only during the call.
    @inlinable @inline(__always)
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(buffer)
    }

    @usableFromInline var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// The elements' bytes (`count × stride`).
    public var byteCount: Int { count * MemoryLayout<Element>.stride }
}

extension Column: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "Column index out of range")
        return buffer[position]
    }
}

extension Column: Equatable {
    /// Same count and the same bytes.
    public static func == (lhs: Column, rhs: Column) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.base == rhs.base || lhs.count == 0 { return true }
        return memcmp(lhs.base!, rhs.base!, lhs.byteCount) == 0
    }
}

extension Column: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension Column: CustomStringConvertible {
    public var description: String {
        count <= 16 ? "\(Array(self))" : "Column(\(count) × \(Element.self))"
    }
}

/// Memory behind columns: an allocation, or a read-only file mapping shared by every
/// column of one cached store.
final class ColumnMemory: @unchecked Sendable {
    let start: UnsafeMutableRawPointer
    let length: Int
    private let mapped: Bool

    init(allocating length: Int) {
        start = UnsafeMutableRawPointer.allocate(byteCount: max(length, 1), alignment: 16)
        self.length = length
        mapped = false
    }

    /// Maps `length` bytes of `fd` read-only (`MAP_PRIVATE`, populated up front from the
    /// page cache); nil when the system refuses.
    init?(mapping fd: Int32, length: Int) {
        guard length > 0 else { return nil }
        #if os(Linux)
            let flags = MAP_PRIVATE
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let pointer = mmap(nil, length, PROT_READ, flags, fd, 0), pointer != MAP_FAILED else { return nil }
        start = pointer
        self.length = length
        mapped = true
    }

    deinit {
        if mapped { munmap(start, length) } else { start.deallocate() }
    }

    /// A column of `count` elements at byte `offset` (8-byte aligned, inside the memory).
    func column<T: BitwiseCopyable>(at offset: Int, count: Int, of: T.Type = T.self) -> Column<T> {
        precondition(offset >= 0 && offset + count * MemoryLayout<T>.stride <= length)
        guard count > 0 else { return Column() }
        let pointer = UnsafeRawPointer(start + offset).bindMemory(to: T.self, capacity: count)
        return Column(owner: self, base: pointer, count: count)
    }
}

/// First index in `range` whose value is `>= value` (`range.upperBound` when none).
/// - Complexity: O(log n).
@inline(__always)
public func lowerBound(_ sorted: Column<Int64>, _ value: Int64, in range: Range<Int>) -> Int {
    sorted.withUnsafeBufferPointer { lowerBound($0, value, in: range) }
}

/// An immutable column of optional strings: UTF-8 bytes back to back plus `Int32`
/// lengths (`-1` for nil), decoded only when an element is read. Loading a store from the
/// cache therefore creates no `String` for the hundreds of thousands of customers whose
/// names no report shows.
public struct StringColumn: Sendable, Equatable {
    /// Byte length of each string, `-1` for nil.
    let lengths: Column<Int32>
    /// Where each string starts in `bytes` (count + 1 entries).
    let starts: Column<Int32>
    let bytes: Column<UInt8>

    /// Encodes `strings`.
    /// - Complexity: O(total bytes).
    public init(_ strings: [String?]) {
        var lengths = [Int32](repeating: -1, count: strings.count)
        var bytes: [UInt8] = []
        for (i, s) in strings.enumerated() {
            guard let s else { continue }
            lengths[i] = Int32(s.utf8.count)
            bytes.append(contentsOf: s.utf8)
        }
        self.init(lengths: Column(lengths), bytes: Column(bytes))!
    }

    /// Strings from their lengths and bytes; nil when they do not fit together.
    init?(lengths: Column<Int32>, bytes: Column<UInt8>) {
        var starts = [Int32](repeating: 0, count: lengths.count + 1)
        var total = 0
        let ok = lengths.withUnsafeBufferPointer { lengths in
            for i in 0..<lengths.count {
                let n = lengths[i]
                guard n >= -1 else { return false }
                total += Int(Swift.max(n, 0))
                guard total <= bytes.count else { return false }
                starts[i + 1] = Int32(total)
            }
            return true
        }
        guard ok, total == bytes.count else { return nil }
        self.lengths = lengths
        self.starts = Column(starts)
        self.bytes = bytes
    }

    public static func == (lhs: StringColumn, rhs: StringColumn) -> Bool {
        lhs.lengths == rhs.lengths && lhs.bytes == rhs.bytes
    }

    /// Heap bytes of the column.
    public var byteCount: Int { lengths.byteCount + starts.byteCount + bytes.byteCount }
}

extension StringColumn: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { lengths.count }

    /// The string at `position`, decoded from its UTF-8 bytes.
    public subscript(position: Int) -> String? {
        let n = lengths[position]
        guard n >= 0 else { return nil }
        let start = Int(starts[position])
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(n))]), as: UTF8.self)
        }
    }
}
