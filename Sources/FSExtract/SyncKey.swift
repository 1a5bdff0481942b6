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
    static let activitiesDone = "run/activities_done"
    /// `sweep` (every ticket page, ascending id) or `changes` (recently updated first,
    /// down to the high-water mark, plus what the activity log names).
    static let runStrategy = "run/strategy"
    /// Why this run sweeps (for the summary).
    static let runSweepReason = "run/sweep_reason"
    /// `pending/<id>` = `listed` or `verify`: the ticket's detail is still to fetch.
    static let pendingPrefix = "pending/"
    /// Kept across runs.
    static let activityCursor = "activity_cursor"
    static let lastRunStarted = "last_run_started"
    static let lastFullSyncAt = "last_full_sync_at"
    /// Site-local start of the last run that listed every ticket.
    static let lastSweepStarted = "last_sweep_started"
    /// The latest ticket `updated_at` after the last completed run (the site's clock).
    static let highWater = "high_water"

    static func pending(_ id: Int64) -> String { pendingPrefix + String(id) }
}
