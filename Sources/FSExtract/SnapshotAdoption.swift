import FSSnapshot
import Foundation

/// Marks a snapshot written by other means as a completed extraction of a site, so the
/// next `extract` is an incremental run. For benchmarks and tests that build a large
/// day-1 snapshot directly (generating 1M tickets is seconds; extracting them is minutes).
public enum SnapshotAdoption {
    /// Records `site` (its REST API at the pretty root), the snapshot's timezone, a
    /// complete sweep started at `started` (site-local), the activity cursor at the latest
    /// activity row and the high-water mark at the latest ticket update.
    /// - Throws: ``ExtractError/storage(_:)``.
    public static func markExtracted(path: String, site: URL, timezone: String, started: Int64) throws {
        do {
            let snapshot = try Snapshot(path: path, mode: .readWrite)
            let cursor = try snapshot.activities().map(\.id).max()
            let mark = try snapshot.latestTicketUpdate()
            try snapshot.write { _ in
                try snapshot.setMeta(MetaKey.source, "extract")
                try snapshot.setMeta(MetaKey.siteURL, site.absoluteString)
                try snapshot.setMeta(MetaKey.apiRoot, APIRoot.pretty(site: site).index.absoluteString)
                // As the extractor records it (its clock's canonical name), else the next run
                // sees a timezone change and starts over.
                try snapshot.setMeta(MetaKey.timezone, SiteClock(identifier: timezone)?.identifier ?? timezone)
                try snapshot.setMeta(MetaKey.lastSyncAt, LocalTime.format(started))
                try snapshot.setSyncState(SyncKey.lastRunStarted, String(started))
                try snapshot.setSyncState(SyncKey.lastSweepStarted, String(started))
                try snapshot.setSyncState(SyncKey.activityCursor, cursor.map(String.init))
                try snapshot.setSyncState(SyncKey.highWater, mark.map(String.init))
            }
            try snapshot.checkpoint()
        } catch let error as ExtractError {
            throw error
        } catch {
            throw ExtractError.storage("cannot mark \(path) as extracted: \(error)")
        }
    }
}
