import Dispatch
import FSSnapshot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The columns of a ``ColumnarStore`` in one file next to its snapshot
/// (`<snapshot>.columns`), so a new process reads them back at memory speed instead of
/// stepping through SQLite.
///
/// File layout, all integers little-endian, every section padded to 8 bytes:
/// - a header of ``headerLength`` bytes: magic `FSCOLUMN`, format version, the snapshot's
///   ``Key`` (write generation, schema version, largest ids, file device and inode), the
///   row counts, the lengths and checksums of the two payload parts, and a checksum of
///   the header itself;
/// - part 1, the conversation columns; part 2, everything else. Each column is its raw
///   elements in a fixed order; string columns are `Int32` byte lengths (`-1` for nil)
///   followed by the UTF-8 bytes. The two parts are read by two threads at once.
///
/// A file is used only when everything matches: magic and version, header checksum, key
/// (a write to the snapshot bumps its generation; a regenerated file has a new inode),
/// exact file size, both checksums, and the bounds checks of
/// ``ColumnarStore/layoutProblem(checkOrder:)`` on the result (every row number and code
/// inside the array it indexes). Anything else is a ``Miss`` and the caller rebuilds.
/// Writes go to a temporary sibling renamed over the cache, so readers see the old file or
/// the new one, never half of one.
public struct ColumnCache: Sendable {
    /// The cache file.
    public let path: String

    static let magic: UInt64 = 0x4E4D_554C_4F43_5346  // "FSCOLUMN" read as little-endian
    /// Bumped whenever the payload's layout or the store's meaning changes.
    public static let formatVersion: UInt32 = 1
    static let headerLength = 184

    /// The cache next to the snapshot at `snapshotPath`.
    public init(snapshotPath: String) {
        path = snapshotPath + ".columns"
    }

    /// What a cache is valid for: one generation of one snapshot file.
    public struct Key: Sendable, Equatable {
        public var stamp: Snapshot.ContentStamp
        public var device: UInt64
        public var inode: UInt64

        public init(stamp: Snapshot.ContentStamp, device: UInt64, inode: UInt64) {
            self.stamp = stamp
            self.device = device
            self.inode = inode
        }

        /// The key of `snapshot` as it is now.
        public static func current(_ snapshot: Snapshot) throws -> Key {
            let stamp = try snapshot.contentStamp()
            let (device, inode) = ColumnCache.fileIdentity(snapshot.path) ?? (0, 0)
            return Key(stamp: stamp, device: device, inode: inode)
        }
    }

    /// Why a cache file was not used.
    public enum Miss: Error, Sendable, Equatable, CustomStringConvertible {
        /// No file (or it cannot be opened).
        case missing
        /// Not a column cache: wrong magic, or too short for a header.
        case foreign
        /// Written by another format version.
        case version(UInt32)
        /// Built from another snapshot file or generation.
        case stale
        /// Shorter or longer than its header says.
        case truncated
        /// Checksum mismatch or inconsistent contents.
        case corrupt(String)
        /// This platform cannot use the format (big-endian).
        case unsupported

        public var description: String {
            switch self {
            case .missing: return "no column cache"
            case .foreign: return "not a column cache file"
            case .version(let v): return "column cache format \(v), expected \(ColumnCache.formatVersion)"
            case .stale: return "column cache of another snapshot generation"
            case .truncated: return "column cache truncated"
            case .corrupt(let why): return "column cache corrupt (\(why))"
            case .unsupported: return "column cache unsupported on this platform"
            }
        }
    }

    // MARK: Reading

    /// The store in the cache file, if the file is intact and was built for `key`.
    /// - Complexity: maps the file and reads it once (two threads) to verify its checksums.
    public func read(expecting key: Key) -> Result<ColumnarStore, Miss> {
        #if _endian(big)
            return .failure(.unsupported)
        #else
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return .failure(.missing) }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { return .failure(.missing) }
            let size = Int(info.st_size)
            guard size >= Self.headerLength else { return .failure(size >= 8 && Self.hasMagic(fd) ? .truncated : .foreign) }

            var header = [UInt8](repeating: 0, count: Self.headerLength)
            guard header.withUnsafeMutableBytes({ Self.readFully(fd, $0.baseAddress!, $0.count) }) else {
                return .failure(.truncated)
            }
            let h = Header(header)
            guard h.magic == Self.magic else { return .failure(.foreign) }
            guard h.version == Self.formatVersion, h.headerLength == UInt32(Self.headerLength) else {
                return .failure(.version(h.version))
            }
            guard h.headerChecksum == Checksum.of(header[0..<(Self.headerLength - 8)]) else {
                return .failure(.corrupt("header checksum"))
            }
            guard h.key == key else { return .failure(.stale) }
            let (total, overflow) = h.conversationBytes.addingReportingOverflow(h.restBytes)
            guard !overflow, UInt64(size - Self.headerLength) == total else { return .failure(.truncated) }
            guard h.conversationBytes == SectionView.conversationBytes(h) else {
                return .failure(.corrupt("conversation part length"))
            }

            // The file is used in place: mapped read-only (or, where mapping fails, read into
            // one allocation). Two threads then checksum and check one part each.
            guard let memory = ColumnMemory(mapping: fd, length: size) ?? Self.readWhole(fd, size) else {
                return .failure(.truncated)
            }
            let parts = PartResults()
            let fields = h
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 {
                    var view = SectionView(memory: memory, offset: Self.headerLength, length: Int(fields.conversationBytes))
                    parts.conversations = Result { try view.conversations(fields) }
                } else {
                    var view = SectionView(
                        memory: memory, offset: Self.headerLength + Int(fields.conversationBytes), length: Int(fields.restBytes))
                    parts.rest = Result { try view.rest(fields) }
                }
            }
            do {
                guard let conversations = try parts.conversations?.get(), let rest = try parts.rest?.get() else {
                    return .failure(.corrupt("unread part"))
                }
                let store = rest.assemble(conversations, timeBase: h.timeBase)
                if let problem = store.restProblem(checkOrder: false) { return .failure(.corrupt(problem)) }
                return .success(store)
            } catch let miss as Miss {
                return .failure(miss)
            } catch {
                return .failure(.corrupt("\(error)"))
            }
        #endif
    }

    /// The whole file in one allocation, for systems that refuse to map it.
    private static func readWhole(_ fd: Int32, _ size: Int) -> ColumnMemory? {
        let memory = ColumnMemory(allocating: size)
        return readFully(fd, memory.start, size) ? memory : nil
    }

    private static func hasMagic(_ fd: Int32) -> Bool {
        var word: UInt64 = 0
        let n = withUnsafeMutableBytes(of: &word) { pread(fd, $0.baseAddress, 8, 0) }
        return n == 8 && UInt64(littleEndian: word) == magic
    }

    // MARK: Writing

    /// Why a cache could not be written (never fatal for the caller: it just has no cache).
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `store` for `key` atomically: a temporary sibling file, then `rename`.
    /// - Throws: ``WriteError`` when the directory is read-only, the disk is full, ...;
    ///   no temporary file is left behind.
    public func write(_ store: ColumnarStore, key: Key) throws {
        #if _endian(big)
            throw WriteError(description: ColumnCache.Miss.unsupported.description)
        #else
            // The cache holds what the snapshot holds (customers' names and emails): owner-only,
            // whatever the umask, set before the first byte is written.
            let mode = FileModes.privateFile
            let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard fd >= 0 else { throw WriteError(description: "cannot create \(temporary): \(Self.errorText())") }
            guard fchmod(fd, mode) == 0 else {
                let reason = Self.errorText()
                close(fd)
                unlink(temporary)
                throw WriteError(description: "cannot set the mode of \(temporary): \(reason)")
            }
            var renamed = false
            defer {
                close(fd)
                if !renamed { unlink(temporary) }
            }
            var writer = SectionWriter(fd: fd)
            // Reserve the header; it is written last, once the checksums are known.
            try writer.raw([UInt8](repeating: 0, count: Self.headerLength), checksummed: false)
            var h = Header(store: store, key: key)
            try writer.writeConversations(store)
            h.conversationBytes = UInt64(writer.written - Self.headerLength)
            h.conversationChecksum = writer.checksum.value
            writer.checksum = Checksum()
            try writer.writeRest(store)
            h.restBytes = UInt64(writer.written - Self.headerLength) - h.conversationBytes
            h.restChecksum = writer.checksum.value
            let bytes = h.bytes()
            let ok = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) == $0.count }
            guard ok else { throw WriteError(description: "cannot write \(temporary): \(Self.errorText())") }
            guard rename(temporary, path) == 0 else {
                throw WriteError(description: "cannot rename \(temporary) to \(path): \(Self.errorText())")
            }
            renamed = true
        #endif
    }

    /// Removes the cache file (missing is fine).
    public func remove() {
        unlink(path)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    static func fileIdentity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int = 0) -> Bool {
        var done = 0
        while done < count {
            let n = systemRead(fd, buffer + done, min(count - done, 1 << 30), at: offset + done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) -> Int {
    pread(fd, buffer, count, off_t(offset))
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

// MARK: - Header

extension ColumnCache {
    struct Header: Sendable {
        var magic: UInt64 = ColumnCache.magic
        var version: UInt32 = ColumnCache.formatVersion
        var headerLength = UInt32(ColumnCache.headerLength)
        var key = Key(
            stamp: .init(generation: 0, schemaVersion: 0, maxTicketId: 0, maxConversationId: 0, maxPersonId: 0), device: 0,
            inode: 0)
        var persons = 0
        var tickets = 0
        var conversations = 0
        var closed = 0
        var assigneeClosed = 0
        var open = 0
        var mailboxes = 0
        var products = 0
        var timeBase: Int64 = 0
        var conversationBytes: UInt64 = 0
        var conversationChecksum: UInt64 = 0
        var restBytes: UInt64 = 0
        var restChecksum: UInt64 = 0
        var headerChecksum: UInt64 = 0

        init(store: ColumnarStore, key: Key) {
            self.key = key
            persons = store.personCount
            tickets = store.ticketCount
            conversations = store.conversationCount
            closed = store.closedRows.count
            assigneeClosed = store.assigneeClosedResolvedAt.count
            open = store.openRows.count
            mailboxes = store.mailboxIDs.count
            products = store.productIDs.count
            timeBase = store.conversationTimeBase
        }

        init(_ bytes: [UInt8]) {
            func u64(_ at: Int) -> UInt64 {
                bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            }
            func i64(_ at: Int) -> Int64 { Int64(bitPattern: u64(at)) }
            func count(_ at: Int) -> Int { Int(clamping: i64(at)) }
            magic = u64(0)
            version = UInt32(truncatingIfNeeded: u64(8))
            headerLength = UInt32(truncatingIfNeeded: u64(8) >> 32)
            key = Key(
                stamp: .init(
                    generation: i64(16), schemaVersion: i64(24), maxTicketId: i64(32), maxConversationId: i64(40),
                    maxPersonId: i64(48)),
                device: u64(56), inode: u64(64))
            persons = count(72)
            tickets = count(80)
            conversations = count(88)
            closed = count(96)
            assigneeClosed = count(104)
            open = count(112)
            mailboxes = count(120)
            products = count(128)
            timeBase = i64(136)
            conversationBytes = u64(144)
            conversationChecksum = u64(152)
            restBytes = u64(160)
            restChecksum = u64(168)
            headerChecksum = u64(176)
        }

        func bytes() -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(ColumnCache.headerLength)
            func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
            func put(_ v: Int64) { put(UInt64(bitPattern: v)) }
            func put(_ v: Int) { put(Int64(v)) }
            put(magic)
            put(UInt64(version) | UInt64(headerLength) << 32)
            put(key.stamp.generation)
            put(key.stamp.schemaVersion)
            put(key.stamp.maxTicketId)
            put(key.stamp.maxConversationId)
            put(key.stamp.maxPersonId)
            put(key.device)
            put(key.inode)
            for v in [persons, tickets, conversations, closed, assigneeClosed, open, mailboxes, products] { put(v) }
            put(timeBase)
            put(conversationBytes)
            put(conversationChecksum)
            put(restBytes)
            put(restChecksum)
            put(Checksum.of(out[...]))
            return out
        }
    }

    /// What the two reading threads hand back.
    final class PartResults: @unchecked Sendable {
        var conversations: Result<SectionView.Conversations, any Error>?
        var rest: Result<SectionView.Rest, any Error>?
    }
}

// MARK: - Checksum

/// A Fletcher-style 64-bit checksum over 8-byte words in four independent lanes (so it
/// runs at memory speed): sensitive to every bit, to order and to length.
struct Checksum {
    private var a: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
    private var b: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var words: UInt64 = 0

    /// Adds bytes. The value depends on how the bytes are split into calls (a call's
    /// tail that is not a whole 32-byte block goes to the first lane); the cache writer and
    /// reader split identically: per column, 1 MiB chunks, the rest, then the padding.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let blocks = count / 32
        var (a0, a1, a2, a3) = a
        var (b0, b1, b2, b3) = b
        for k in 0..<blocks {
            let p = base + k * 32
            a0 &+= p.loadUnaligned(as: UInt64.self)
            a1 &+= p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            a2 &+= p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            a3 &+= p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            b0 &+= a0
            b1 &+= a1
            b2 &+= a2
            b3 &+= a3
        }
        var rest = blocks * 32
        while rest < count {
            var word: UInt64 = 0
            let n = min(8, count - rest)
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + rest, count: n)) }
            a0 &+= word
            b0 &+= a0
            rest += 8
        }
        a = (a0, a1, a2, a3)
        b = (b0, b1, b2, b3)
        words &+= UInt64((count + 7) / 8)
    }

    var value: UInt64 {
        var h = words &* 0x9E37_79B9_7F4A_7C15
        for v in [a.0, a.1, a.2, a.3, b.0, b.1, b.2, b.3] {
            h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return h
    }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var c = Checksum()
        bytes.withUnsafeBytes { c.update($0) }
        return c.value
    }
}

// MARK: - Sections

/// Streams columns into the cache file, checksumming the payload.
struct SectionWriter {
    let fd: Int32
    var written = 0
    var checksum = Checksum()
    private var buffer: [UInt8] = []
    static let chunk = 1 << 20

    init(fd: Int32) { self.fd = fd }

    mutating func raw(_ bytes: [UInt8], checksummed: Bool) throws {
        try bytes.withUnsafeBytes { try put($0, checksummed: checksummed) }
    }

    /// Writes `bytes` padded with zeros to a multiple of 8.
    mutating func put(_ bytes: UnsafeRawBufferPointer, checksummed: Bool = true) throws {
        var offset = 0
        while offset < bytes.count {
            let n = min(Self.chunk, bytes.count - offset)
            let part = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
            if checksummed { checksum.update(part) }
            try writeAll(part)
            offset += n
        }
        let pad = (8 - bytes.count % 8) % 8
        if pad > 0 {
            let zeros: UInt64 = 0
            try withUnsafeBytes(of: zeros) { z in
                let part = UnsafeRawBufferPointer(rebasing: z[0..<pad])
                if checksummed { checksum.update(part) }
                try writeAll(part)
            }
        }
    }

    private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ColumnCache.WriteError(description: "write failed: \(ColumnCache.errorText())") }
            done += n
        }
        written += bytes.count
    }

    mutating func column<T: BitwiseCopyable>(_ values: [T]) throws {
        try values.withUnsafeBytes { try put($0) }
    }

    mutating func column<T: BitwiseCopyable>(_ values: Column<T>) throws {
        try values.withUnsafeBufferPointer { try put(UnsafeRawBufferPointer($0)) }
    }

    mutating func strings(_ values: StringColumn) throws {
        try column(values.lengths)
        try column(values.bytes)
    }

    mutating func strings(_ values: [String?]) throws {
        var lengths = [Int32](repeating: -1, count: values.count)
        var blob: [UInt8] = []
        for (i, s) in values.enumerated() {
            guard let s else { continue }
            lengths[i] = Int32(s.utf8.count)
            blob.append(contentsOf: s.utf8)
        }
        try column(lengths)
        try column(blob)
    }

    /// Part 1: the conversation columns.
    mutating func writeConversations(_ s: ColumnarStore) throws {
        try column(s.conversationOffsets)
        try column(s.conversationTime)
        try column(s.conversationTicket)
        try column(s.conversationType)
        try column(s.conversationPrevSameTicket)
    }

    /// Part 2: persons, tickets, closed and open tickets, dimensions.
    mutating func writeRest(_ s: ColumnarStore) throws {
        try column(s.personIDs)
        try column(s.personIsAgent.map { $0 ? UInt8(1) : 0 })
        try strings(s.personFirstName)
        try strings(s.personLastName)
        try strings(s.personPhoto)
        try column(s.ticketIDs)
        try column(s.ticketCreatedAt)
        try column(s.ticketStatus)
        try column(s.ticketAgent)
        try column(s.ticketMailbox)
        try column(s.ticketProduct)
        try column(s.ticketResolvedAt)
        try column(s.ticketWaitingSince)
        try column(s.ticketLastAgentResponse)
        try column(s.ticketLastCustomerResponse)
        try column(s.closedRows)
        try column(s.closedResolvedAt)
        try column(s.assigneeClosedOffsets)
        try column(s.assigneeClosedResolvedAt)
        try column(s.openOffsets)
        try column(s.openRows)
        try column(s.mailboxIDs)
        try strings(s.mailboxNames.map { $0 })
        try column(s.productIDs)
        try strings(s.productNames.map { $0 })
    }
}

/// Walks one part of a mapped cache file in the order ``SectionWriter`` wrote it, handing
/// out columns that point into the mapping, checking every length against what is left of
/// the part, and checksumming the bytes exactly as the writer split them.
struct SectionView {
    let memory: ColumnMemory
    var offset: Int
    var remaining: Int
    var checksum = Checksum()

    init(memory: ColumnMemory, offset: Int, length: Int) {
        self.memory = memory
        self.offset = offset
        self.remaining = length
    }

    static func padded(_ bytes: Int) -> Int { (bytes + 7) & ~7 }

    /// The exact length of part 1 for the header's row counts.
    static func conversationBytes(_ h: ColumnCache.Header) -> UInt64 {
        let p = h.persons
        let c = h.conversations
        guard p >= 0, c >= 0, p < Int(Int32.max), c < Int(Int32.max) else { return .max }
        return UInt64(padded((2 * (p + 1) + 1) * 4) + 3 * padded(4 * c) + padded(c))
    }

    mutating func column<T: BitwiseCopyable>(_ count: Int, _: T.Type = T.self) throws -> Column<T> {
        guard count >= 0 else { throw ColumnCache.Miss.corrupt("column length") }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        let padded = Self.padded(bytes)
        guard !overflow, padded <= remaining, offset + padded <= memory.length else {
            throw ColumnCache.Miss.corrupt("column length")
        }
        let start = UnsafeRawPointer(memory.start + offset)
        var done = 0
        while done < bytes {
            let n = min(SectionWriter.chunk, bytes - done)
            checksum.update(UnsafeRawBufferPointer(start: start + done, count: n))
            done += n
        }
        if padded > bytes { checksum.update(UnsafeRawBufferPointer(start: start + bytes, count: padded - bytes)) }
        let column = memory.column(at: offset, count: count, of: T.self)
        offset += padded
        remaining -= padded
        return column
    }

    /// A string column in place: lengths, then bytes.
    mutating func stringColumn(_ count: Int) throws -> StringColumn {
        let lengths: Column<Int32> = try column(count)
        var total = 0
        for l in lengths {
            guard l >= -1 else { throw ColumnCache.Miss.corrupt("string length") }
            total += Int(max(l, 0))
        }
        let bytes: Column<UInt8> = try column(total)
        guard let column = StringColumn(lengths: lengths, bytes: bytes) else { throw ColumnCache.Miss.corrupt("strings") }
        return column
    }

    /// A few strings decoded now (mailbox and product names).
    mutating func strings(_ count: Int) throws -> [String?] {
        Array(try stringColumn(count))
    }

    struct Conversations {
        var offsets: Column<Int32>
        var time: Column<UInt32>
        var ticket: Column<Int32>
        var type: Column<UInt8>
        var prev: Column<Int32>
    }

    /// Part 1, checksummed and bounds-checked.
    mutating func conversations(_ h: ColumnCache.Header) throws -> Conversations {
        let c = h.conversations
        let part = Conversations(
            offsets: try column(2 * (h.persons + 1) + 1), time: try column(c), ticket: try column(c),
            type: try column(c), prev: try column(c))
        guard remaining == 0 else { throw ColumnCache.Miss.corrupt("conversation part longer than its columns") }
        guard checksum.value == h.conversationChecksum else { throw ColumnCache.Miss.corrupt("conversation checksum") }
        if let problem = ColumnarStore.conversationProblem(
            offsets: part.offsets, time: part.time, ticket: part.ticket, type: part.type, prev: part.prev,
            personCount: h.persons, ticketCount: h.tickets, checkOrder: false)
        {
            throw ColumnCache.Miss.corrupt(problem)
        }
        return part
    }

    struct Rest {
        var personIDs: Column<Int64>
        var isAgent: Column<UInt8>
        var first: StringColumn
        var last: StringColumn
        var photo: StringColumn
        var ticketIDs: Column<Int64>
        var created: Column<Int64>
        var status: Column<UInt8>
        var agent: Column<Int32>
        var mailbox: Column<Int32>
        var product: Column<Int32>
        var resolved: Column<Int64>
        var waiting: Column<Int64>
        var lastAgent: Column<Int64>
        var lastCustomer: Column<Int64>
        var closedRows: Column<Int32>
        var closedResolved: Column<Int64>
        var assigneeOffsets: Column<Int32>
        var assigneeResolved: Column<Int64>
        var openOffsets: Column<Int32>
        var openRows: Column<Int32>
        var mailboxIDs: Column<Int64>
        var mailboxNames: [String]
        var productIDs: Column<Int64>
        var productNames: [String]

        func assemble(_ c: Conversations, timeBase: Int64) -> ColumnarStore {
            ColumnarStore(
                personIDs: Array(personIDs), personIsAgent: isAgent.map { $0 != 0 }, personFirstName: first,
                personLastName: last, personPhoto: photo, ticketIDs: ticketIDs, ticketCreatedAt: created,
                ticketStatus: status, ticketAgent: agent, ticketMailbox: mailbox, ticketProduct: product,
                ticketResolvedAt: resolved, ticketWaitingSince: waiting, ticketLastAgentResponse: lastAgent,
                ticketLastCustomerResponse: lastCustomer, closedRows: closedRows, closedResolvedAt: closedResolved,
                assigneeClosedOffsets: assigneeOffsets, assigneeClosedResolvedAt: assigneeResolved,
                openOffsets: openOffsets, openRows: openRows, conversationOffsets: c.offsets,
                conversationTimeBase: timeBase, conversationTime: c.time, conversationTicket: c.ticket,
                conversationType: c.type, conversationPrevSameTicket: c.prev, mailboxIDs: Array(mailboxIDs),
                mailboxNames: mailboxNames, productIDs: Array(productIDs), productNames: productNames, checkLayout: false)
        }
    }

    /// Part 2, checksummed (bounds are checked on the assembled store).
    mutating func rest(_ h: ColumnCache.Header) throws -> Rest {
        let p = h.persons
        let n = h.tickets
        guard [p, n, h.closed, h.assigneeClosed, h.open, h.mailboxes, h.products].allSatisfy({ $0 >= 0 && $0 < Int(Int32.max) })
        else { throw ColumnCache.Miss.corrupt("row counts") }
        let personIDs: Column<Int64> = try column(p)
        let isAgent: Column<UInt8> = try column(p)
        let first = try stringColumn(p)
        let last = try stringColumn(p)
        let photo = try stringColumn(p)
        let ticketIDs: Column<Int64> = try column(n)
        let created: Column<Int64> = try column(n)
        let status: Column<UInt8> = try column(n)
        let agent: Column<Int32> = try column(n)
        let mailbox: Column<Int32> = try column(n)
        let product: Column<Int32> = try column(n)
        let resolved: Column<Int64> = try column(n)
        let waiting: Column<Int64> = try column(n)
        let lastAgent: Column<Int64> = try column(n)
        let lastCustomer: Column<Int64> = try column(n)
        let closedRows: Column<Int32> = try column(h.closed)
        let closedResolved: Column<Int64> = try column(h.closed)
        let assigneeOffsets: Column<Int32> = try column(p + 2)
        let assigneeResolved: Column<Int64> = try column(h.assigneeClosed)
        let openOffsets: Column<Int32> = try column(p + 2)
        let openRows: Column<Int32> = try column(h.open)
        let mailboxIDs: Column<Int64> = try column(h.mailboxes)
        let mailboxNames = try strings(h.mailboxes)
        let productIDs: Column<Int64> = try column(h.products)
        let productNames = try strings(h.products)
        guard remaining == 0 else { throw ColumnCache.Miss.corrupt("payload longer than its columns") }
        guard checksum.value == h.restChecksum else { throw ColumnCache.Miss.corrupt("payload checksum") }
        guard mailboxNames.allSatisfy({ $0 != nil }), productNames.allSatisfy({ $0 != nil }) else {
            throw ColumnCache.Miss.corrupt("dimension names")
        }
        return Rest(
            personIDs: personIDs, isAgent: isAgent, first: first, last: last, photo: photo, ticketIDs: ticketIDs,
            created: created, status: status, agent: agent, mailbox: mailbox, product: product, resolved: resolved,
            waiting: waiting, lastAgent: lastAgent, lastCustomer: lastCustomer, closedRows: closedRows,
            closedResolved: closedResolved, assigneeOffsets: assigneeOffsets, assigneeResolved: assigneeResolved,
            openOffsets: openOffsets, openRows: openRows, mailboxIDs: mailboxIDs, mailboxNames: mailboxNames.map { $0! },
            productIDs: productIDs, productNames: productNames.map { $0! })
    }
}
