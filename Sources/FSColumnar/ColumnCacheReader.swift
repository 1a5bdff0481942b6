import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a cache file in place: maps it (or reads it into one allocation), checks the
/// header, then walks each part in the order ``ColumnCachePayload`` lists its columns,
/// handing out columns that point into the mapping, checking every length against what
/// is left of the part, and checksumming the bytes exactly as ``ColumnCacheWriter`` split
/// them. The two parts are read by two threads at once.
struct ColumnCacheReader: ColumnCacheCoder {
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

    /// The store in the file at `path`, if the file is intact and was built for `key`.
    static func read(_ path: String, expecting key: ColumnCache.Key) -> Result<
        (store: ColumnarStore, reports: ReportColumns), ColumnCache.Miss
    > {
        let headerLength = ColumnCache.headerLength
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.missing) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.missing) }
        let size = Int(info.st_size)
        guard size >= headerLength else { return .failure(size >= 8 && hasMagic(fd) ? .truncated : .foreign) }

        var header = [UInt8](repeating: 0, count: headerLength)
        guard header.withUnsafeMutableBytes({ readFully(fd, $0.baseAddress!, $0.count) }) else {
            return .failure(.truncated)
        }
        let h = ColumnCache.Header(header)
        guard h.magic == ColumnCache.magic else { return .failure(.foreign) }
        guard h.version == ColumnCache.formatVersion, h.headerLength == UInt32(headerLength) else {
            return .failure(.version(h.version))
        }
        guard h.headerChecksum == Checksum.of(header[0..<(headerLength - 8)]) else {
            return .failure(.corrupt("header checksum"))
        }
        guard h.key == key else { return .failure(.stale) }
        let (partial, overflow) = h.conversationBytes.addingReportingOverflow(h.restBytes)
        let (total, overflow2) = partial.addingReportingOverflow(h.reportBytes)
        guard !overflow, !overflow2, UInt64(size - headerLength) == total else { return .failure(.truncated) }
        guard h.conversationBytes == ColumnCachePayload.Conversations.byteCount(h) else {
            return .failure(.corrupt("conversation part length"))
        }

        // The file is used in place: mapped read-only (or, where mapping fails, read into
        // one allocation). Two threads then checksum and check one part each.
        guard let memory = ColumnMemory(mapping: fd, length: size) ?? readWhole(fd, size) else {
            return .failure(.truncated)
        }
        let parts = PartResults()
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0:
                var reader = ColumnCacheReader(memory: memory, offset: headerLength, length: Int(h.conversationBytes))
                parts.conversations = Result { try reader.conversations(h) }
            case 1:
                var reader = ColumnCacheReader(
                    memory: memory, offset: headerLength + Int(h.conversationBytes), length: Int(h.restBytes))
                parts.rest = Result { try reader.rest(h) }
            default:
                var reader = ColumnCacheReader(
                    memory: memory, offset: headerLength + Int(h.conversationBytes) + Int(h.restBytes),
                    length: Int(h.reportBytes))
                parts.reports = Result { try reader.reports(h) }
            }
        }
        do {
            guard let conversations = try parts.conversations?.get(), let rest = try parts.rest?.get(),
                let reports = try parts.reports?.get()
            else {
                return .failure(.corrupt("unread part"))
            }
            let store = rest.assemble(conversations, timeBase: h.timeBase)
            if let problem = store.restProblem(checkOrder: false) { return .failure(.corrupt(problem)) }
            let columns = reports.assemble()
            if let problem = columns.layoutProblem(ticketCount: h.tickets, personCount: h.persons, closedCount: h.closed) {
                return .failure(.corrupt(problem))
            }
            return .success((store, columns))
        } catch let miss as ColumnCache.Miss {
            return .failure(miss)
        } catch {
            return .failure(.corrupt("\(error)"))
        }
    }

    /// What the two reading threads hand back.
    final class PartResults: @unchecked Sendable {
        var conversations: Result<ColumnCachePayload.Conversations, any Error>?
        var rest: Result<ColumnCachePayload.Rest, any Error>?
        var reports: Result<ColumnCachePayload.Reports, any Error>?
    }

    /// Part 1, checksummed and bounds-checked.
    mutating func conversations(_ h: ColumnCache.Header) throws -> ColumnCachePayload.Conversations {
        var part = ColumnCachePayload.Conversations()
        try part.columns(&self, h)
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

    /// Part 2, checksummed (bounds are checked on the assembled store).
    mutating func rest(_ h: ColumnCache.Header) throws -> ColumnCachePayload.Rest {
        guard
            [h.persons, h.tickets, h.closed, h.assigneeClosed, h.open, h.mailboxes, h.products].allSatisfy({
                $0 >= 0 && $0 < Int(Int32.max)
            })
        else { throw ColumnCache.Miss.corrupt("row counts") }
        var part = ColumnCachePayload.Rest()
        try part.columns(&self, h)
        guard remaining == 0 else { throw ColumnCache.Miss.corrupt("payload longer than its columns") }
        guard checksum.value == h.restChecksum else { throw ColumnCache.Miss.corrupt("payload checksum") }
        guard part.mailboxNames.allSatisfy({ $0 != nil }), part.productNames.allSatisfy({ $0 != nil }) else {
            throw ColumnCache.Miss.corrupt("dimension names")
        }
        return part
    }

    /// Part 3, checksummed (bounds are checked on the assembled columns).
    mutating func reports(_ h: ColumnCache.Header) throws -> ColumnCachePayload.Reports {
        guard
            [
                h.tickets, h.answered, h.unanswered, h.samples, h.reopenEvents, h.priorityNames, h.storedDiffers, h.closed,
                h.firstCloses, h.firstCloseDays,
            ]
            .allSatisfy({
                $0 >= 0 && $0 < Int(Int32.max)
            })
        else { throw ColumnCache.Miss.corrupt("report row counts") }
        var part = ColumnCachePayload.Reports()
        try part.columns(&self, h)
        guard remaining == 0 else { throw ColumnCache.Miss.corrupt("report part longer than its columns") }
        guard checksum.value == h.reportChecksum else { throw ColumnCache.Miss.corrupt("report checksum") }
        guard part.priorityNames.allSatisfy({ $0 != nil }) else { throw ColumnCache.Miss.corrupt("priority names") }
        return part
    }

    /// The next `count` elements of the part, in place.
    mutating func column<T: BitwiseCopyable>(_ values: inout Column<T>, count: Int) throws {
        guard count >= 0 else { throw ColumnCache.Miss.corrupt("column length") }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        let padded = Self.padded(bytes)
        guard !overflow, padded <= remaining, offset + padded <= memory.length else {
            throw ColumnCache.Miss.corrupt("column length")
        }
        let start = UnsafeRawPointer(memory.start + offset)
        var done = 0
        while done < bytes {
            let n = min(ColumnCacheWriter.chunk, bytes - done)
            checksum.update(UnsafeRawBufferPointer(start: start + done, count: n))
            done += n
        }
        if padded > bytes { checksum.update(UnsafeRawBufferPointer(start: start + bytes, count: padded - bytes)) }
        values = memory.column(at: offset, count: count, of: T.self)
        offset += padded
        remaining -= padded
    }

    /// A string column in place: lengths, then bytes.
    mutating func strings(_ values: inout StringColumn, count: Int) throws {
        var lengths = Column<Int32>()
        try column(&lengths, count: count)
        var total = 0
        for l in lengths {
            guard l >= -1 else { throw ColumnCache.Miss.corrupt("string length") }
            total += Int(max(l, 0))
        }
        var bytes = Column<UInt8>()
        try column(&bytes, count: total)
        guard let strings = StringColumn(lengths: lengths, bytes: bytes) else { throw ColumnCache.Miss.corrupt("strings") }
        values = strings
    }

    /// The whole file in one allocation, for systems that refuse to map it.
    private static func readWhole(_ fd: Int32, _ size: Int) -> ColumnMemory? {
        let memory = ColumnMemory(allocating: size)
        return readFully(fd, memory.start, size) ? memory : nil
    }

    private static func hasMagic(_ fd: Int32) -> Bool {
        var word: UInt64 = 0
        let n = withUnsafeMutableBytes(of: &word) { pread(fd, $0.baseAddress, 8, 0) }
        return n == 8 && UInt64(littleEndian: word) == ColumnCache.magic
    }

    static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int = 0) -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, min(count - done, 1 << 30), off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
