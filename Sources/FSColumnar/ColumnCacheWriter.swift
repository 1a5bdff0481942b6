import FSSnapshot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a cache file: the columns of ``ColumnCachePayload`` streamed in file order and
/// checksummed part by part, the header last, into a temporary sibling that is then
/// renamed over the cache (readers see the old file or the new one, never half of one).
struct ColumnCacheWriter: ColumnCacheCoder {
    let fd: Int32
    var written = 0
    var checksum = Checksum()
    static let chunk = 1 << 20

    init(fd: Int32) { self.fd = fd }

    /// Writes `store` for `key` to `path` atomically.
    /// - Throws: ``ColumnCache/WriteError``; no temporary file is left behind.
    static func write(_ store: ColumnarStore, reports: ReportColumns, key: ColumnCache.Key, to path: String) throws {
        let (fd, temporary) = try createTemporaryFile(beside: path)
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        var writer = ColumnCacheWriter(fd: fd)
        // Reserve the header; it is written last, once the checksums are known.
        try writer.raw([UInt8](repeating: 0, count: ColumnCache.headerLength), checksummed: false)
        var h = ColumnCache.Header(store: store, reports: reports, key: key)
        var conversations = ColumnCachePayload.Conversations(store)
        try conversations.columns(&writer, h)
        h.conversationBytes = UInt64(writer.written - ColumnCache.headerLength)
        h.conversationChecksum = writer.checksum.value
        writer.checksum = Checksum()
        var rest = ColumnCachePayload.Rest(store)
        try rest.columns(&writer, h)
        h.restBytes = UInt64(writer.written - ColumnCache.headerLength) - h.conversationBytes
        h.restChecksum = writer.checksum.value
        writer.checksum = Checksum()
        var report = ColumnCachePayload.Reports(reports)
        try report.columns(&writer, h)
        h.reportBytes = UInt64(writer.written - ColumnCache.headerLength) - h.conversationBytes - h.restBytes
        h.reportChecksum = writer.checksum.value
        let bytes = h.bytes()
        let ok = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) == $0.count }
        guard ok else { throw ColumnCache.WriteError(description: "cannot write \(temporary): \(ColumnCache.errorText())") }
        guard rename(temporary, path) == 0 else {
            throw ColumnCache.WriteError(
                description: "cannot rename \(temporary) to \(path): \(ColumnCache.errorText())")
        }
        renamed = true
    }

    /// Creates the new, empty temporary file that will be renamed to `path`, with the
    /// snapshot's read and write permission bits (0644 when the snapshot cannot be read).
    static func createTemporaryFile(beside path: String) throws -> (fd: Int32, path: String) {
        // The cache holds what the snapshot holds (customers' names and emails): owner-only,
        // whatever the umask, set before the first byte is written.
        let mode = FileModes.privateFile
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw ColumnCache.WriteError(description: "cannot create \(temporary): \(ColumnCache.errorText())")
        }
        guard fchmod(fd, mode) == 0 else {
            let reason = ColumnCache.errorText()
            close(fd)
            unlink(temporary)
            throw ColumnCache.WriteError(description: "cannot set the mode of \(temporary): \(reason)")
        }
        return (fd, temporary)
    }

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

    /// Writes `values`; a count other than the header's would make an unreadable file.
    mutating func column<T: BitwiseCopyable>(_ values: inout Column<T>, count: Int) throws {
        guard values.count == count else {
            throw ColumnCache.WriteError(description: "a column of \(values.count) rows where the header says \(count)")
        }
        try values.withUnsafeBufferPointer { try put(UnsafeRawBufferPointer($0)) }
    }

    mutating func strings(_ values: inout StringColumn, count: Int) throws {
        var lengths = values.lengths
        var bytes = values.bytes
        try column(&lengths, count: count)
        try column(&bytes, count: bytes.count)
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
