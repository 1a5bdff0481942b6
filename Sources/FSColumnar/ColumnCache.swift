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
///   ``Key`` (write generation, schema version, largest ids, file device and inode, and
///   the ``Snapshot/ChangeStamp`` that every committed write by any client moves), the
///   row counts, the lengths and checksums of the two payload parts, and a checksum of
///   the header itself;
/// - part 1, the conversation columns; part 2, the rest of the store; part 3, the
///   ``ReportColumns`` derived from it and the snapshot. Each column is its raw
///   elements in a fixed order; string columns are `Int32` byte lengths (`-1` for nil)
///   followed by the UTF-8 bytes. The parts are read by parallel threads.
///
/// A file is used only when everything matches: magic and version, header checksum, key
/// (any write to the snapshot, through fsreport or any other SQLite client, moves its
/// change stamp; a regenerated file has a new inode),
/// exact file size, both checksums, and the bounds checks of
/// ``ColumnarStore/layoutProblem(checkOrder:)`` on the result (every row number and code
/// inside the array it indexes). Anything else is a ``Miss`` and the caller rebuilds.
/// Writes go to a temporary sibling renamed over the cache, so readers see the old file or
/// the new one, never half of one.
///
/// The parts: ``ColumnCache/Header`` (ColumnCache+Header.swift), the column list
/// ``ColumnCachePayload``, ``ColumnCacheWriter``, ``ColumnCacheReader`` and ``Checksum``.
public struct ColumnCache: Sendable {
    /// The cache file.
    public let path: String

    static let magic: UInt64 = 0x4E4D_554C_4F43_5346  // "FSCOLUMN" read as little-endian
    /// Bumped whenever the payload's layout or the store's meaning changes.
    public static let formatVersion: UInt32 = 6
    static let headerLength = 360

    /// The cache next to the snapshot at `snapshotPath`.
    public init(snapshotPath: String) {
        path = snapshotPath + ".columns"
    }

    /// What a cache is valid for: one committed state of one snapshot file.
    public struct Key: Sendable, Equatable {
        public var stamp: Snapshot.ContentStamp
        /// nil when the snapshot does not record its writes: no cache is then used or written.
        public var changes: Snapshot.ChangeStamp?
        public var device: UInt64
        public var inode: UInt64

        public init(stamp: Snapshot.ContentStamp, changes: Snapshot.ChangeStamp?, device: UInt64, inode: UInt64) {
            self.stamp = stamp
            self.changes = changes
            self.device = device
            self.inode = inode
        }

        /// The key of `snapshot` as it is now (both stamps from one read transaction).
        /// - Complexity: a handful of one-row reads; no table is scanned.
        public static func current(_ snapshot: Snapshot) throws -> Key {
            let (stamp, changes) = try snapshot.reading { (try snapshot.contentStamp(), try snapshot.changeStamp()) }
            let (device, inode) = ColumnCache.fileIdentity(snapshot.path) ?? (0, 0)
            return Key(stamp: stamp, changes: changes, device: device, inode: inode)
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
        /// The snapshot does not record its writes (schema before version 2 opened
        /// read-only, or a change trigger dropped by hand), so no cache can be trusted.
        case untracked
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
            case .untracked:
                return "snapshot without write tracking (open it once for writing, e.g. with extract, to add it)"
            case .truncated: return "column cache truncated"
            case .corrupt(let why): return "column cache corrupt (\(why))"
            case .unsupported: return "column cache unsupported on this platform"
            }
        }
    }

    // MARK: Reading

    /// The store in the cache file, if the file is intact and was built for `key`.
    /// - Complexity: maps the file and reads it once (two threads) to verify its checksums.
    public func read(expecting key: Key) -> Result<(store: ColumnarStore, reports: ReportColumns), Miss> {
        #if _endian(big)
            return .failure(.unsupported)
        #else
            guard key.changes != nil else { return .failure(.untracked) }
            return ColumnCacheReader.read(path, expecting: key)
        #endif
    }

    // MARK: Writing

    /// Why a cache could not be written (never fatal for the caller: it just has no cache).
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `store` and its report columns for `key` atomically: a temporary sibling
    /// file, then `rename`.
    /// - Throws: ``WriteError`` when the directory is read-only, the disk is full, ...;
    ///   no temporary file is left behind.
    public func write(_ store: ColumnarStore, reports: ReportColumns, key: Key) throws {
        #if _endian(big)
            throw WriteError(description: ColumnCache.Miss.unsupported.description)
        #else
            guard key.changes != nil else { throw WriteError(description: Miss.untracked.description) }
            try ColumnCacheWriter.write(store, reports: reports, key: key, to: path)
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
}
