/// Keys of the extractor's checkpoints in `sync_state`.
enum SyncKey {
    /// Keys of the run in progress; all removed when it completes.
    static let runPrefix = "run/"
    static let runBase = "run/base_generation"
    static let runSite = "run/site"
    static let runTimezone = "run/timezone"
    static let runMode = "run/mode"
    static let runStarted = "run/started"
    /// Highest ticket id whose recheck/full marking this cycle has done.
    static let markedThrough = "run/marked_through"
    static let listingDone = "run/listing_done"
    /// `pending/<id>` = `listed` or `verify`: the ticket's detail is still to fetch.
    static let pendingPrefix = "pending/"
    /// Kept across runs.
    static let activityCursor = "activity_cursor"
    static let lastRunStarted = "last_run_started"
    static let lastFullSyncAt = "last_full_sync_at"

    static func pending(_ id: Int64) -> String { pendingPrefix + String(id) }
}
