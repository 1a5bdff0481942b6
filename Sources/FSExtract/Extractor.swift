import FSSnapshot
import Foundation

/// Brings a snapshot up to date with a Fluent Support site's REST API.
///
/// A run finds the site's REST API (``SiteLocator``: `/wp-json/`, the home page's `Link`
/// header, `?rest_route=`), checks its index (timezone, the `fluent-support/v2` namespace)
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
    /// Where the site's REST API answers; found by ``checkSite(previous:)``.
    var api: APIRoot
    var decoder: APIDecoder { APIDecoder(clock: clock) }

    public init(options: ExtractOptions, progress: ExtractProgress? = nil) {
        self.options = options
        self.progress = progress
        client = HTTPClient(options: options)
        api = .pretty(site: options.site)
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
        if let previous, previous.siteURL != nil, previous.siteURL != options.site.absoluteString {
            try await verifySameSite(previous)
        }

        let files = try WorkingCopy(target: options.databasePath)
        var state = try openWorkingCopy(files, previous: previous)
        try storage { try storeDimensions(state.snapshot, agents: agents) }
        try await fetchSiteDimensions(into: state.snapshot)

        // The activity log first: in a `changes` run it names the tickets to fetch, and
        // a gap in it (or a log that is switched off) means only a sweep is safe.
        if try storage({ try state.snapshot.syncState(SyncKey.activitiesDone) }) != "1" {
            let outcome = try await fetchActivities(state, markNamed: state.strategy == .changes)
            if state.strategy == .changes, outcome.gap || outcome.loggingDisabled {
                try switchToSweep(
                    &state,
                    reason: outcome.gap
                        ? "the site pruned activity rows this snapshot never saw" : "the site's activity log is off")
            }
            try storage {
                try state.snapshot.write { _ in try state.snapshot.setSyncState(SyncKey.activitiesDone, "1") }
            }
        }
        if try storage({ try state.snapshot.syncState(SyncKey.listingDone) }) != "1" {
            switch state.strategy {
            case .sweep: try await listTickets(&state)
            case .changes:
                do {
                    try await listChanges(state)
                } catch let error as ExtractError where Self.refusesOrdering(error) {
                    // A server (or a filter in front of it) that will not list by
                    // updated_at: the sweep asks only for what it always did.
                    try switchToSweep(&state, reason: "the site refused the updated_at listing")
                    try await listTickets(&state)
                }
            }
        }
        try await fetchDetails(state)
        // What happened while this run listed and fetched: rows since the walk above, and
        // the details of the tickets they name. Usually one request; converges because
        // each pass only sees what arrived during the previous one.
        for _ in 1...3 {
            _ = try await fetchActivities(state, markNamed: true)
            guard try storage({ try !state.snapshot.syncStateKeys(prefix: SyncKey.pendingPrefix).isEmpty }) else { break }
            try await fetchDetails(state)
        }
        try storage { try finish(state) }
        state.snapshot = nil
        try files.promote()

        summary.requests = client.stats.requests
        summary.retries = client.stats.retries
        summary.duration = Date().timeIntervalSince(started)
        return summary
    }

    /// An answer to the `updated_at` listing that says the site cannot sort so (HTTP 4xx
    /// other than 401/403/429, or a body that is not a ticket page) — not a passing fault.
    static func refusesOrdering(_ error: ExtractError) -> Bool {
        switch error {
        case .httpStatus(_, let status, _): return (400..<500).contains(status) && status != 429
        case .unexpectedBody: return true
        default: return false
        }
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
        guard options.sweepDays >= 0 else {
            throw ExtractError.invalidOption("--sweep-days \(options.sweepDays) must not be negative")
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
        /// The site address the snapshot was made from.
        var siteURL: String?
        /// Where its REST API answered last time.
        var apiRoot: APIRoot?
        var path: String
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
            let site = try snapshot.meta(MetaKey.siteURL)
            if let site, site != options.site.absoluteString, !options.siteMoved {
                throw ExtractError.siteMismatch(path: path, recorded: site, site: options.site.absoluteString)
            }
            return Previous(
                generation: try snapshot.generation(), timezone: try snapshot.meta(MetaKey.timezone),
                lastRunStarted: try snapshot.syncState(SyncKey.lastRunStarted).flatMap { Int64($0) },
                siteURL: site,
                apiRoot: try snapshot.meta(MetaKey.apiRoot).flatMap { URL(string: $0) }.flatMap(APIRoot.init(index:)),
                path: path)
        }
    }

    /// The REST index: where it answers, the site's timezone, and that it runs Fluent Support.
    private func checkSite(previous: Previous?) async throws {
        progress?(.site, 0, nil)
        // A moved site's recorded root belongs to the old address.
        let recorded = previous?.siteURL == options.site.absoluteString ? previous?.apiRoot : nil
        let located = try await SiteLocator(site: options.site, client: client).locate(recorded: recorded)
        let index = located.index
        api = located.root
        summary.apiRoot = located.root
        guard index.namespaces.contains("fluent-support/v2") else {
            throw ExtractError.notFluentSupport(site: options.site.absoluteString, namespaces: index.namespaces)
        }
        if let tz = options.timezone {
            clock = SiteClock(identifier: tz)!
        } else if let name = index.timezoneString, !name.isEmpty {
            guard let c = SiteClock(identifier: name) else {
                throw ExtractError.unexpectedBody(
                    url: api.index.absoluteString, status: 200,
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
            let url = api.url(
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

    /// `--site-moved`: the snapshot was made from another address. It is the same site when
    /// the tickets of the first page (oldest first) that the snapshot has carry the same
    /// creation times, and at least one of them is there.
    private func verifySameSite(_ previous: Previous) async throws {
        let url = api.url(
            "fluent-support/v2/tickets",
            query: [("per_page", String(min(options.perPage, 100))), ("page", "1"), ("order_by", "id"), ("order_type", "ASC")])
        // Times as the snapshot converted them, so a timezone change does not look like another site.
        let recordedClock = previous.timezone.flatMap(SiteClock.init(identifier:)) ?? clock
        let page = try await client.fetch(url) { r in try APIDecoder(clock: recordedClock).ticketsPage(r.body) }
        let snapshot = try storage { try Snapshot(path: previous.path, mode: .readOnly) }
        let ids = page.rows.map(\.ticket.id)
        guard let lo = ids.min(), let hi = ids.max() else {
            let empty = try storage { try snapshot.ticketIDs().isEmpty }
            if empty { return }
            throw ExtractError.wrongSnapshot(
                "--site-moved: \(options.site.absoluteString) lists no tickets, but \(previous.path) holds the tickets "
                    + "of \(previous.siteURL ?? "another site"); not re-binding it")
        }
        let stored = try storage { try snapshot.ticketCreationTimes(ids: lo...hi) }
        var matched = 0
        for row in page.rows {
            guard let old = stored[row.ticket.id] else { continue }
            guard old == row.ticket.createdAt else {
                throw ExtractError.wrongSnapshot(
                    "--site-moved: ticket \(row.ticket.id) of \(options.site.absoluteString) was created "
                        + "\(LocalTime.format(row.ticket.createdAt)), but in \(previous.path) (from "
                        + "\(previous.siteURL ?? "another site")) at \(LocalTime.format(old)): not the same site; "
                        + "pass another --db")
            }
            matched += 1
        }
        guard matched > 0 else {
            throw ExtractError.wrongSnapshot(
                "--site-moved: none of the first tickets of \(options.site.absoluteString) (ids \(lo)–\(hi)) is in "
                    + "\(previous.path) (from \(previous.siteURL ?? "another site")): not the same site; pass another --db")
        }
        summary.movedFrom = previous.siteURL
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
        var strategy: Strategy
        /// Why a sweep, when it is one and not the first or a `--full` run.
        var sweepReason: String?
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
                    var strategy = try snapshot.syncState(SyncKey.runStrategy).flatMap(Strategy.init(rawValue:)) ?? .sweep
                    if options.full && !full {
                        full = true
                        strategy = .sweep
                        try snapshot.write { _ in
                            try snapshot.setSyncState(SyncKey.runMode, "full")
                            try snapshot.setSyncState(SyncKey.runStrategy, Strategy.sweep.rawValue)
                            try snapshot.setSyncState(SyncKey.markedThrough, "0")
                            try snapshot.setSyncState(SyncKey.listingDone, nil)
                        }
                    }
                    summary.resumed = true
                    summary.full = full
                    return RunState(
                        snapshot: snapshot, full: full,
                        started: try snapshot.syncState(SyncKey.runStarted).flatMap { Int64($0) } ?? clock.now(options.now()),
                        previousStart: previous?.lastRunStarted, strategy: strategy,
                        sweepReason: try snapshot.syncState(SyncKey.runSweepReason))
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
            let (strategy, reason) = try chooseStrategy(full: full, snapshot: snapshot, started: started)
            try snapshot.write { _ in
                try snapshot.deleteSyncState(prefix: SyncKey.runPrefix)
                try snapshot.setSyncState(SyncKey.runStrategy, strategy.rawValue)
                if let reason { try snapshot.setSyncState(SyncKey.runSweepReason, reason) }
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
            return RunState(
                snapshot: snapshot, full: full, started: started, previousStart: previous?.lastRunStarted,
                strategy: strategy, sweepReason: reason)
        }
    }

    private func storeDimensions(_ snapshot: Snapshot, agents: [Person]) throws {
        try snapshot.write { writer in
            for agent in agents { try writer.upsert(agent) }
        }
    }

    /// Mailboxes (one list) and products (all pages).
    private func fetchSiteDimensions(into snapshot: Snapshot) async throws {
        let mailboxes = try await client.fetch(api.url("fluent-support/v2/mailboxes")) { r in
            try decoder.mailboxes(r.body)
        }
        var products: [NamedEntity] = []
        var page = 1
        while true {
            let url = api.url(
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
            try snapshot.setMeta(MetaKey.apiRoot, api.index.absoluteString)
            try snapshot.setMeta(MetaKey.source, "extract")
            try snapshot.setMeta(MetaKey.lastSyncAt, LocalTime.format(state.started))
            try snapshot.setSyncState(SyncKey.lastRunStarted, String(state.started))
            if state.full { try snapshot.setSyncState(SyncKey.lastFullSyncAt, LocalTime.format(state.started)) }
            if state.strategy == .sweep { try snapshot.setSyncState(SyncKey.lastSweepStarted, String(state.started)) }
            summary.swept = state.strategy == .sweep
            summary.sweepReason = state.sweepReason
            if let mark = try snapshot.latestTicketUpdate() { try snapshot.setSyncState(SyncKey.highWater, String(mark)) }
            try snapshot.deleteSyncState(prefix: SyncKey.runPrefix)
            try snapshot.deleteSyncState(prefix: SyncKey.pendingPrefix)
        }
        summary.ticketsListed = try snapshot.rowCount(of: .tickets)
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
