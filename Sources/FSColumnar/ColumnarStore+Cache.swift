import FSSnapshot

extension ColumnarStore {
    /// Where a store came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// Read from the column cache.
        case cache
        /// Built from the snapshot because the cache could not be used; `written` says
        /// whether a new cache file was written (false: read-only directory, disk full, ...).
        case snapshot(miss: ColumnCache.Miss, written: Bool)

        public var description: String {
            switch self {
            case .cache: return "column cache"
            case .snapshot(let miss, let written):
                return "snapshot (\(miss); cache \(written ? "rebuilt" : "not written"))"
            }
        }
    }

    /// The store of `snapshot` and its ``ReportColumns``, from its column cache when that is intact and current,
    /// else built from the snapshot and written to the cache for the next run. A cache
    /// that cannot be written is skipped silently: it only costs speed.
    /// - Complexity: a hit reads the cache file sequentially; a miss costs
    ///   ``load(from:)`` plus one sequential write.
    /// - Throws: snapshot errors only; cache problems never throw.
    public static func load(from snapshot: Snapshot, cache: ColumnCache) throws -> (
        store: ColumnarStore, reports: ReportColumns, source: Source
    ) {
        let key = try ColumnCache.Key.current(snapshot)
        let miss: ColumnCache.Miss
        switch cache.read(expecting: key) {
        case .success(let loaded): return (loaded.store, loaded.reports, .cache)
        case .failure(let reason): miss = reason
        }
        // Stamp and rows from one read transaction, so the cache describes exactly the
        // state it was built from.
        let (store, reports, stamp, changes) = try snapshot.reading {
            let store = try load(from: snapshot)
            return (
                store, try ReportColumns.load(snapshot, store: store), try snapshot.contentStamp(), try snapshot.changeStamp()
            )
        }
        var fresh = key
        fresh.stamp = stamp
        fresh.changes = changes
        var written = false
        if changes != nil {
            do {
                try cache.write(store, reports: reports, key: fresh)
                written = true
            } catch {
                written = false
            }
        }
        return (store, reports, .snapshot(miss: miss, written: written))
    }
}
