import FSColumnar
import FSExtract
import FSQueries
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// One `fsreport nightly` run over a checked configuration: lock, then for each site
/// extract, render the dashboard and the query exports into a staging folder, and swap
/// it in; one log line per step on stderr and a summary line at the end.
struct NightlyRun {
    typealias Extract = @Sendable (ExtractOptions) throws -> ExtractSummary

    let config: NightlyConfig
    let env: Environment
    /// `--now`: site-local time to render with; nil for the current time.
    let now: Int64?
    /// The extraction; the real extractor unless a test replaces it.
    var extract: Extract = NightlyRun.runExtractor

    /// What happened to one site.
    struct Outcome {
        var name: String
        var extracted = false
        var extractError: String?
        var rendered = false
        var stale = false
        var files = 0
        var exports = 0
        var exportFailures: [String] = []
        var renderError: String?
        var lastSync: String?
        var tickets = 0
    }

    /// Checks what can be checked before taking the lock and touching anything: every
    /// exported query resolves and parses, every site folder may be replaced.
    /// - Returns: the query files per site, in config order.
    /// - Throws: usage ``CLIError``s (exit 2).
    func preflight() throws -> [[QueryFile]] {
        let catalog = QueryCatalog.standard(
            variables: env.variables, currentDirectory: env.currentDirectory, extra: config.queryDirectories)
        var files: [[QueryFile]] = []
        for (i, site) in config.sites.enumerated() {
            if let problem = SiteWriter.replaceProblem(site.siteDir) {
                throw CLIError.usage(
                    "\(config.path): the site folder \(site.siteDir) \(problem); it is replaced whole on each run, "
                        + "so point site_dir at a new or empty folder")
            }
            files.append(
                try site.queries.enumerated().map { j, export in
                    do {
                        return try catalog.resolve(export.reference, currentDirectory: env.currentDirectory)
                    } catch let error as QueryError {
                        let key = config.multiSite ? "sites[\(i)].queries[\(j)]" : "queries[\(j)]"
                        throw CLIError.usage("\(config.path): \(key): \(error.message)", hint: error.hint)
                    }
                })
        }
        if let index = config.indexPage, FileManager.default.fileExists(atPath: index),
            !((try? String(contentsOfFile: index, encoding: .utf8))?.contains(NightlyIndexPage.marker) ?? false)
        {
            throw CLIError.usage(
                "\(config.path): \(index) exists and was not written by fsreport nightly; move it, or give the sites another output"
            )
        }
        return files
    }

    func log(_ site: NightlyConfig.Site?, _ text: String) {
        let prefix = site.map { config.multiSite ? "nightly [\($0.name)]: " : "nightly: " } ?? "nightly: "
        env.stderr.line(prefix + text)
    }

    /// Runs everything; returns the exit code (0, 1, 3; 4 when locked).
    func run() throws -> Int32 {
        let started = Date()
        let queryFiles = try preflight()
        let lock: LockFile
        do {
            lock = try LockFile(path: config.lockPath, since: ISO8601DateFormatter().string(from: env.clock()))
        } catch LockFile.Failure.held(let path, let holder) {
            throw CLIError(
                .locked, "another nightly run holds \(path)" + (holder.map { " (\($0))" } ?? ""),
                hint: "it exits on its own; a lock whose process is gone is taken over by the next run")
        } catch LockFile.Failure.io(let path, let reason) {
            throw CLIError.runtime("cannot take the lock \(path): \(reason)")
        }
        defer { lock.release() }
        log(
            nil,
            "lock \(config.lockPath) taken; \(config.sites.count) site\(config.sites.count == 1 ? "" : "s") from \(config.path)")
        if let previous = lock.tookOverFrom {
            log(nil, "warning: took over a stale lock of \(previous), which is no longer running")
        }

        let outcomes = runSites(queryFiles)
        var indexError: String?
        if let index = config.indexPage {
            do {
                try AtomicWriter.write(
                    NightlyIndexPage.render(indexRows(outcomes), path: index, generatedAt: env.clock(), version: FSCLI.version),
                    to: index)
                log(nil, "index page \(index) links \(config.sites.count) sites")
            } catch {
                indexError = String(describing: error)
                log(nil, "error: index page \(index): \(error)")
            }
        }
        let code = NightlyRun.exitCode(outcomes, indexFailed: indexError != nil)
        env.stderr.line(
            summary(outcomes, code: code, seconds: Date().timeIntervalSince(started), tookOver: lock.tookOverFrom != nil))
        return code
    }

    /// Every site, `parallel_sites` at a time (each site's steps in order, its log lines
    /// prefixed with its name); outcomes in config order.
    func runSites(_ queryFiles: [[QueryFile]]) -> [Outcome] {
        let jobs = Array(zip(config.sites, queryFiles))
        let parallel = min(config.parallelSites, jobs.count)
        guard parallel > 1 else { return jobs.map { runSite($0.0, queries: $0.1) } }
        let results = OutcomeSlots(count: jobs.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = parallel
        let run = UncheckedSendable(self)
        for (i, job) in jobs.enumerated() {
            let work = UncheckedSendable(job)
            queue.addOperation { results.set(i, run.value.runSite(work.value.0, queries: work.value.1)) }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.all
    }

    /// The index page's row of every site, in config order.
    func indexRows(_ outcomes: [Outcome]) -> [NightlyIndexPage.Site] {
        zip(config.sites, outcomes).map { site, outcome in
            NightlyIndexPage.Site(
                name: site.name, address: site.url.host ?? site.url.absoluteString, siteDir: site.siteDir,
                rendered: outcome.rendered, stale: outcome.stale, tickets: outcome.tickets, lastSync: outcome.lastSync,
                hasPreviousSite: FileManager.default.fileExists(
                    atPath: (site.siteDir as NSString).appendingPathComponent(SitePaths.index)))
        }
    }

    static func exitCode(_ outcomes: [Outcome], indexFailed: Bool) -> Int32 {
        let rendered = outcomes.filter(\.rendered)
        if rendered.isEmpty { return ExitCode.failure }
        let perfect =
            rendered.count == outcomes.count && outcomes.allSatisfy { $0.extracted && !$0.stale && $0.exportFailures.isEmpty }
        return perfect && !indexFailed ? ExitCode.ok : ExitCode.partial
    }

    func summary(_ outcomes: [Outcome], code: Int32, seconds: Double, tookOver: Bool) -> String {
        let status = code == ExitCode.ok ? "ok" : code == ExitCode.partial ? "partial (exit 3)" : "failed (exit 1)"
        let sites = outcomes.count
        var warnings: [String] = []
        for o in outcomes {
            let who = config.multiSite ? "\(o.name): " : ""
            if let e = o.extractError { warnings.append("\(who)extract failed\(o.rendered ? ", dashboard stale" : ""): \(e)") }
            if let e = o.renderError { warnings.append("\(who)not rendered: \(e)") }
            for f in o.exportFailures { warnings.append("\(who)query \(f)") }
        }
        if tookOver { warnings.append("took over a stale lock") }
        let text =
            "nightly: \(status) in \(String(format: "%.1f", seconds)) s — \(sites) site\(sites == 1 ? "" : "s"): "
            + "\(outcomes.filter(\.extracted).count) extracted, \(outcomes.filter(\.rendered).count) rendered "
            + "(\(outcomes.filter(\.stale).count) stale); \(outcomes.map(\.files).reduce(0, +)) files, "
            + "\(outcomes.map(\.exports).reduce(0, +)) query exports, \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
        return warnings.isEmpty ? text : text + ": " + warnings.joined(separator: "; ")
    }

    // MARK: One site

    func runSite(_ site: NightlyConfig.Site, queries: [QueryFile]) -> Outcome {
        var outcome = Outcome(name: site.name)
        if let note = AtomicWriter.recoverDirectory(at: site.siteDir, stagingIn: config.output) {
            log(site, "warning: \(note)")
        }

        if let warning = SnapshotFiles.exposureWarning(for: site.db) { log(site, warning) }

        // 1. Extract into the snapshot (the extractor swaps in its working copy only when complete).
        var options = ExtractOptions(
            site: site.url, credentials: Credentials(user: site.user, password: site.password), databasePath: site.db)
        options.allowInsecureHTTP = site.allowInsecureHTTP
        options.full = config.extract.full
        options.concurrency = config.extract.concurrency
        options.perPage = config.extract.perPage
        options.recheckDays = config.extract.recheckDays
        options.sweepDays = config.extract.sweepDays
        options.requestTimeout = config.extract.timeout
        options.retry.maxAttempts = config.extract.attempts
        options.timezone = site.timezone
        options.siteMoved = site.siteMoved
        options.now = env.clock
        do {
            let summary = try extract(options)
            outcome.extracted = true
            log(site, summary.line)
        } catch let error as ExtractError {
            outcome.extractError = error.description
            log(site, "error: extract failed: \(error)")
            if error.kind == .usage {
                // A snapshot of another site (or of the demo): never publish it under this name.
                outcome.renderError = "the snapshot \(site.db) cannot be used for \(site.url.absoluteString)"
                log(site, "error: nothing rendered; the previous site is left as it was")
                return outcome
            }
        } catch {
            outcome.extractError = String(describing: error)
            log(site, "error: extract failed: \(error)")
        }

        // 2. Render from the snapshot: tonight's, or the last good one when extraction failed.
        do {
            try render(site, queries: queries, outcome: &outcome)
        } catch {
            outcome.renderError = (error as? CLIError)?.message ?? String(describing: error)
            log(site, "error: nothing rendered (\(outcome.renderError!)); the previous site is left as it was")
        }
        return outcome
    }

    func render(_ site: NightlyConfig.Site, queries: [QueryFile], outcome: inout Outcome) throws {
        guard FileManager.default.fileExists(atPath: site.db) else {
            throw CLIError.runtime("there is no snapshot at \(site.db) yet")
        }
        let snapshot = try CommandSupport.openSnapshot(site.db, mode: .readOnly)
        let clock = try site.timezone.flatMap(SiteClock.init(identifier:)) ?? snapshot.siteClock()
        let now = self.now ?? clock.now(env.clock())
        let lastSyncText = try snapshot.meta(MetaKey.lastSyncAt)
        let lastSync = lastSyncText.flatMap(DashboardCalendar.parseTimestamp)
        outcome.lastSync = lastSyncText
        let stale = outcome.extractError != nil
        outcome.stale = stale
        let staleReason =
            stale
            ? "Tonight's update from \(site.url.host ?? "the site") failed." : nil

        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        outcome.tickets = store.ticketCount
        if !site.sla.isEmpty, site.sla.targets == nil {
            // Business hours alone: still checked against tonight's snapshot.
            try site.sla.check(store: store, extras: reports.tickets)
        }
        var data: DashboardData
        do {
            data = try DashboardData.compute(store: store, reports: reports, now: now, lastSync: lastSync)
            try data.addBacklog(store: store, history: reports.history)
        } catch let error as ReportError {
            throw CLIError.runtime("computing the dashboard's reports: \(error)")
        }
        restrict(&data, to: config.presets)
        try SiteOutput.addSLA(&data, site.sla, store: store, reports: reports, clock: clock)

        let options = SiteOptions(
            generatedAt: env.clock(), version: FSCLI.version, timezone: clock.identifier, stale: stale,
            staleReason: staleReason)
        var rendered = SiteWriter.site(data, options: options)
        let manifest = rendered.manifest
        log(
            site,
            "dashboard rendered: \(manifest.fileCount) files, now \(manifest.now)"
                + (stale ? ", stale (data as of \(lastSyncText ?? "unknown"))" : ""))

        // 3. The configured queries, added to the same site.
        var exported: [SiteManifest.Query] = []
        var exportFiles = 0
        let today = LocalTime.day(now)
        // The site is published: an export that would carry customer data is refused.
        let privacy = site.queries.isEmpty ? nil : try? ExportPrivacy(snapshot: snapshot)
        for (export, file) in zip(site.queries, queries) {
            let parameters = QueryParameters(
                fromDay: export.days.map { today - ($0 - 1) }, toDay: today, now: now, values: export.params)
            do {
                let (result, unused) = try QueryRunner.run(file, on: snapshot, parameters: parameters)
                guard let privacy else {
                    throw CLIError.runtime("cannot read the snapshot's persons to check the export for customer data")
                }
                if let problem = privacy.problem(in: result) {
                    throw CLIError.usage(
                        "not published: \(problem); the site must hold aggregates and agent names only — "
                            + "select ids or counts instead")
                }
                var entry = SiteManifest.Query(
                    name: export.name, title: file.title, from: LocalTime.formatDate(day: parameters.fromDay),
                    to: LocalTime.formatDate(day: parameters.toDay), rows: result.rows.count, files: [])
                for format in export.formats {
                    let relative = SitePaths.queryExport(export.name, format: format)
                    rendered.files.append(
                        SiteWriter.File(path: relative, contents: QueryOutput.render(result, query: file, format: format)))
                    entry.files.append(SiteManifest.Query.Format(format: format, path: relative))
                    exportFiles += 1
                }
                exported.append(entry)
                outcome.exports += 1
                log(
                    site,
                    "query \(export.name): \(result.rows.count) rows → \(export.formats.joined(separator: ", "))"
                        + (unused.isEmpty ? "" : " (warning: unused params \(unused.joined(separator: ", ")))"))
            } catch {
                let message = (error as? CLIError)?.message ?? String(describing: error)
                outcome.exportFailures.append("\(export.name) failed: \(message)")
                log(site, "error: query \(export.name): \(message)")
            }
        }

        // 4. The manifest lists the exports too; the site, built in the output folder (never
        // published), replaces the published one in one step.
        rendered.manifest.queries = exported
        do {
            try SiteWriter.write(rendered, to: site.siteDir, stagingIn: config.output)
        } catch {
            throw CLIError.runtime("publishing \(site.siteDir): \(error)")
        }
        outcome.rendered = true
        outcome.files = manifest.fileCount + exportFiles
        log(site, "published \(outcome.files) files to \(site.siteDir)")
    }

    /// Keeps only the configured presets (all of them by default).
    func restrict(_ data: inout DashboardData, to presets: [DashboardPreset.Kind]) {
        guard Set(presets) != Set(DashboardPreset.Kind.allCases) else { return }
        let keep = Set(presets)
        data.ranges = data.ranges.filter { keep.contains($0.preset.kind) }
        for i in data.agents.indices {
            data.agents[i].ranges = data.agents[i].ranges.filter { keep.contains($0.preset.kind) }
        }
    }

    // MARK: The real extractor

    /// The extractor, run to completion from this synchronous command.
    static func runExtractor(_ options: ExtractOptions) throws -> ExtractSummary {
        try Extractor(options: options).runBlocking()
    }
}

/// Outcomes written by the site jobs, read when all are done.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [NightlyRun.Outcome?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ outcome: NightlyRun.Outcome) { lock.withLock { slots[i] = outcome } }

    var all: [NightlyRun.Outcome] { lock.withLock { slots.map { $0! } } }
}

/// Hands a value to a job on another thread while the caller waits for it and does not
/// touch the value meanwhile.
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
