import FSSnapshot
import Foundation

/// Brings a snapshot up to date with a Fluent Support site's REST API.
///
/// A run checks the site (`GET /wp-json/`: timezone, the `fluent-support/v2` namespace)
/// and the credentials before touching any file, then works on a ``WorkingCopy``:
/// 1. agents, mailboxes and products;
/// 2. the ticket listing (`order_by=id&order_type=ASC`), one transaction per page, which
///    upserts the ticket rows and marks the tickets whose detail must be fetched — new,
///    changed (`updated_at` or `preview_response` moved), recently active, or all with
///    `--full` — as *pending* in `sync_state`; tickets the listing no longer shows are
///    marked for verification;
/// 3. the pending details, concurrently (a bounded task group), each replacing the
///    ticket's conversations, or removing the ticket when the site answers 422/404;
/// 4. the activity log, newest first, down to the last id a complete run saw;
/// then renames the working copy over the snapshot. Every step's progress is committed
/// with the data it describes, so a killed run resumes where it stopped.
public final class Extractor {
    public let options: ExtractOptions
    let progress: ExtractProgress?
    let client: HTTPClient
    var summary: ExtractSummary
    var clock = SiteClock.utc
    var decoder: APIDecoder { APIDecoder(clock: clock) }

    public init(options: ExtractOptions, progress: ExtractProgress? = nil) {
        self.options = options
        self.progress = progress
        client = HTTPClient(options: options)
        summary = ExtractSummary(databasePath: options.databasePath)
    }

    /// Runs one extraction.
    /// - Throws: ``ExtractError``; `CancellationError` when the task is cancelled. On any
    ///   error the snapshot is unchanged and the next run resumes.
    public func run() async throws -> ExtractSummary {
        let started = Date()
        summary = ExtractSummary(databasePath: options.databasePath)
        try validate()
        let previous = try inspectSnapshot()
        try await checkSite(previous: previous)
        let agents = try await fetchAgents()

        let files = try WorkingCopy(target: options.databasePath)
        var state = try openWorkingCopy(files, previous: previous)
        try storage { try storeDimensions(state.snapshot, agents: agents) }
        try await fetchSiteDimensions(into: state.snapshot)

        if try storage({ try state.snapshot.syncState(SyncKey.listingDone) }) != "1" {
            try await listTickets(&state)
        }
        try await fetchDetails(state)
        try await fetchActivities(state)
        try storage { try finish(state) }
        state.snapshot = nil
        try files.promote()

        summary.requests = client.stats.requests
        summary.retries = client.stats.retries
        summary.duration = Date().timeIntervalSince(started)
        return summary
    }

    // MARK: Before any file is touched

    private func validate() throws {
        try ExtractOptions.checkTransport(options.site, allowInsecureHTTP: options.allowInsecureHTTP)
        guard (1...64).contains(options.concurrency) else {
            throw ExtractError.invalidOption("--concurrency \(options.concurrency) is out of range (1 to 64)")
        }
        guard (1...1000).contains(options.perPage) else {
            throw ExtractError.invalidOption("--per-page \(options.perPage) is out of range (1 to 1000)")
        }
        guard options.recheckDays >= 0 else {
            throw ExtractError.invalidOption("--recheck-days \(options.recheckDays) must not be negative")
        }
        if let tz = options.timezone, SiteClock(identifier: tz) == nil {
            throw ExtractError.invalidOption(
                "--timezone \"\(tz)\" is not a timezone (expected an IANA name like America/New_York, or hours like 5.5)")
        }
    }

    /// What the existing snapshot says about itself (nil when there is none).
    struct Previous {
        var generation: Int64
        var timezone: String?
        var lastRunStarted: Int64?
    }

    private func inspectSnapshot() throws -> Previous? {
        let path = options.databasePath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot(path: path, mode: .readOnly)
        } catch let error as SnapshotError {
            switch error {
            case .sqlite: throw ExtractError.storage(error.description)
            default: throw ExtractError.wrongSnapshot(error.description)
            }
        }
        return try storage {
            let source = try snapshot.meta(MetaKey.source)
            if source == "demo" {
                throw ExtractError.wrongSnapshot(
                    "\(path) holds the demo's synthetic data; pass another --db for a real site")
            }
            if let site = try snapshot.meta(MetaKey.siteURL), site != options.site.absoluteString {
                throw ExtractError.wrongSnapshot(
                    "\(path) is the snapshot of \(site), not of \(options.site.absoluteString); "
                        + "pass another --db (one snapshot per site)")
            }
            return Previous(
                generation: try snapshot.generation(), timezone: try snapshot.meta(MetaKey.timezone),
                lastRunStarted: try snapshot.syncState(SyncKey.lastRunStarted).flatMap { Int64($0) })
        }
    }

    /// The REST index: the site's timezone, and that it runs Fluent Support.
    private func checkSite(previous: Previous?) async throws {
        progress?(.site, 0, nil)
        let index = try await client.fetch(options.url(""), authenticated: false) { r in
            try decoder.siteIndex(r.body)
        }
        guard index.namespaces.contains("fluent-support/v2") else {
            throw ExtractError.notFluentSupport(site: options.site.absoluteString, namespaces: index.namespaces)
        }
        if let tz = options.timezone {
            clock = SiteClock(identifier: tz)!
        } else if let name = index.timezoneString, !name.isEmpty {
            guard let c = SiteClock(identifier: name) else {
                throw ExtractError.unexpectedBody(
                    url: options.url("").absoluteString, status: 200,
                    reason: "unknown timezone_string \"\(name)\"; pass --timezone", bodyPrefix: "")
            }
            clock = c
        } else if let offset = index.gmtOffset, let c = SiteClock(identifier: String(offset)) {
            clock = c
        } else {
            clock = .utc
        }
        summary.timezone = clock.identifier
    }

    /// Every agent (all pages). The first authenticated request: wrong credentials stop here.
    private func fetchAgents() async throws -> [Person] {
        var agents: [Person] = []
        var page = 1
        while true {
            let url = options.url(
                "fluent-support/v2/agents", query: [("per_page", String(options.perPage)), ("page", String(page))])
            let result = try await client.fetch(url) { r in try decoder.agentsPage(r.body) }
            agents += result.rows
            let last = Int(result.lastPage ?? 1)
            if result.rows.count < Int(result.perPage ?? Int64(options.perPage)) || page >= last { break }
            page += 1
        }
        summary.agents = agents.count
        return agents
    }

    // MARK: The working copy

    /// The working copy, its snapshot open, and this run's fixed parameters.
    struct RunState {
        var snapshot: Snapshot!
        /// Re-fetch every ticket's detail.
        var full: Bool
        /// Site-local start of the sync cycle (kept across resumes).
        var started: Int64
        /// Site-local start of the previous completed run.
        var previousStart: Int64?
    }

    private func openWorkingCopy(_ files: WorkingCopy, previous: Previous?) throws -> RunState {
        let base = previous.map { String($0.generation) } ?? "none"
        let site = options.site.absoluteString
        if files.exists {
            // Resume only a run of the same site over the same snapshot.
            let resumable: Snapshot? = try? {
                let s = try Snapshot(path: files.path, mode: .readWrite)
                guard try s.syncState(SyncKey.runBase) == base, try s.syncState(SyncKey.runSite) == site,
                    try s.syncState(SyncKey.runTimezone) == clock.identifier
                else { return nil }
                return s
            }()
            if let snapshot = resumable {
                return try storage {
                    var full = try snapshot.syncState(SyncKey.runMode) == "full"
                    if options.full && !full {
                        full = true
                        try snapshot.write { _ in
                            try snapshot.setSyncState(SyncKey.runMode, "full")
                            try snapshot.setSyncState(SyncKey.markedThrough, "0")
                            try snapshot.setSyncState(SyncKey.listingDone, nil)
                        }
                    }
                    summary.resumed = true
                    summary.full = full
                    return RunState(
                        snapshot: snapshot, full: full,
                        started: try snapshot.syncState(SyncKey.runStarted).flatMap { Int64($0) } ?? clock.now(options.now()),
                        previousStart: previous?.lastRunStarted)
                }
            }
            files.discard()
        }
        return try storage {
            if previous != nil { try Snapshot.copy(from: options.databasePath, to: files.path) }
            let snapshot = try Snapshot(path: files.path, mode: .create)
            let timezoneChanged = previous?.timezone.map { $0 != clock.identifier } ?? false
            let full = previous == nil || options.full || timezoneChanged
            let started = clock.now(options.now())
            try snapshot.write { _ in
                try snapshot.deleteSyncState(prefix: SyncKey.runPrefix)
                try snapshot.deleteSyncState(prefix: SyncKey.pendingPrefix)
                try snapshot.setSyncState(SyncKey.runBase, base)
                try snapshot.setSyncState(SyncKey.runSite, site)
                try snapshot.setSyncState(SyncKey.runTimezone, clock.identifier)
                try snapshot.setSyncState(SyncKey.runMode, full ? "full" : "incremental")
                try snapshot.setSyncState(SyncKey.runStarted, String(started))
                try snapshot.setSyncState(SyncKey.markedThrough, "0")
                // Activity times were converted with the old timezone: fetch again what the
                // site still has.
                if timezoneChanged { try snapshot.setSyncState(SyncKey.activityCursor, nil) }
            }
            summary.full = full
            return RunState(snapshot: snapshot, full: full, started: started, previousStart: previous?.lastRunStarted)
        }
    }

    private func storeDimensions(_ snapshot: Snapshot, agents: [Person]) throws {
        try snapshot.write { writer in
            for agent in agents { try writer.upsert(agent) }
        }
    }

    /// Mailboxes (one list) and products (all pages).
    private func fetchSiteDimensions(into snapshot: Snapshot) async throws {
        let mailboxes = try await client.fetch(options.url("fluent-support/v2/mailboxes")) { r in
            try decoder.mailboxes(r.body)
        }
        var products: [NamedEntity] = []
        var page = 1
        while true {
            let url = options.url(
                "fluent-support/v2/products", query: [("per_page", String(options.perPage)), ("page", String(page))])
            let result = try await client.fetch(url) { r in try decoder.productsPage(r.body) }
            products += result.rows
            if result.rows.count < Int(result.perPage ?? Int64(options.perPage)) || page >= Int(result.lastPage ?? 1) {
                break
            }
            page += 1
        }
        try storage {
            try snapshot.write { writer in
                for m in mailboxes { try writer.upsertMailbox(m) }
                for p in products { try writer.upsertProduct(p) }
            }
        }
        progress?(.site, 1, 1)
    }

    /// Records the run as complete in the working copy: metadata, the cursor for the next
    /// run's overlap, no run keys left; then checkpoints it so the file stands alone.
    private func finish(_ state: RunState) throws {
        let snapshot = state.snapshot!
        try snapshot.write { _ in
            try snapshot.setMeta(MetaKey.timezone, clock.identifier)
            try snapshot.setMeta(MetaKey.siteURL, options.site.absoluteString)
            try snapshot.setMeta(MetaKey.source, "extract")
            try snapshot.setMeta(MetaKey.lastSyncAt, LocalTime.format(state.started))
            try snapshot.setSyncState(SyncKey.lastRunStarted, String(state.started))
            if state.full { try snapshot.setSyncState(SyncKey.lastFullSyncAt, LocalTime.format(state.started)) }
            try snapshot.deleteSyncState(prefix: SyncKey.runPrefix)
            try snapshot.deleteSyncState(prefix: SyncKey.pendingPrefix)
        }
        summary.ticketsListed = Int(try snapshot.database.scalarInt("SELECT count(*) FROM tickets") ?? 0)
        try snapshot.checkpoint()
    }

    /// Runs snapshot work, turning SQLite and snapshot errors into ``ExtractError/storage(_:)``.
    func storage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExtractError {
            throw error
        } catch let error as SnapshotError {
            throw ExtractError.storage(error.description)
        } catch let error as SQLiteError {
            throw ExtractError.storage("snapshot \(options.databasePath): \(error)")
        }
    }
}
