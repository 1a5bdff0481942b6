import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// Computes the dashboard's reports from a snapshot and writes the publishable site
/// (index.html, agents/, api/, csv/, manifest.json) atomically. Shared by `dashboard`
/// and `demo`.
enum SiteOutput {
    /// - Parameters:
    ///   - siteDirectory: the site folder itself (e.g. `output/site`).
    ///   - stale: show the staleness banner and set `"stale": true` in the manifest.
    ///   - sla: targets (and business hours) for the SLA panel and the agents' SLA column.
    /// - Returns: the manifest written.
    @discardableResult
    static func write(
        snapshot: Snapshot, store: ColumnarStore, reports: ReportColumns? = nil, now: Int64, siteDirectory: String,
        env: Environment, stale: Bool = false, staleReason: String? = nil, timings: Bool = false, sla: SLAConfig? = nil
    ) throws -> SiteManifest {
        let lastSync = try snapshot.meta(MetaKey.lastSyncAt).flatMap(DashboardCalendar.parseTimestamp)
        let options = SiteOptions(
            generatedAt: env.clock(), version: FSCLI.version, timezone: try snapshot.siteClock().identifier,
            stale: stale, staleReason: staleReason)
        // The report columns, from the column cache when the caller loaded them with the store.
        let reports = try reports ?? snapshot.reading { try ReportColumns.load(snapshot, store: store) }
        let compute = { () throws -> DashboardData in
            do {
                return try DashboardData.compute(store: store, reports: reports, now: now, lastSync: lastSync)
            } catch let error as ReportError {
                throw CLIError.runtime("computing the dashboard's reports: \(error)")
            }
        }
        if timings {
            try DashboardBenchmark.run(iterations: 5, options: options, compute: compute) { env.stderr.line($0) }
        }
        var data = try compute()
        try data.addBacklog(store: store, history: reports.history)
        if let sla { try addSLA(&data, sla, store: store, reports: reports, clock: try snapshot.siteClock()) }
        do {
            return try SiteWriter.write(data, to: siteDirectory, options: options)
        } catch let error as SiteWriter.Failure {
            throw CLIError.usage(error.description, hint: "pass --output with a new or empty folder")
        } catch let error as AtomicWriter.Failure {
            throw CLIError.runtime(error.description)
        }
    }

    /// Writes the site under `<outputDirectory>/site` (the demo's layout).
    /// - Returns: the number of files written.
    static func write(
        snapshot: Snapshot, store: ColumnarStore, reports: ReportColumns? = nil, now: Int64, outputDirectory: String,
        env: Environment, sla: SLAConfig? = nil
    ) throws -> Int {
        let site = (outputDirectory as NSString).appendingPathComponent("site")
        return try write(
            snapshot: snapshot, store: store, reports: reports, now: now, siteDirectory: site, env: env, sla: sla
        ).fileCount
    }

    /// The SLA panel's figures, when `sla` has targets (checked against the snapshot first).
    static func addSLA(
        _ data: inout DashboardData, _ sla: SLAConfig, store: ColumnarStore, reports: ReportColumns, clock: SiteClock
    ) throws {
        guard let targets = sla.targets else { return }
        try sla.check(store: store, extras: reports.tickets)
        let business = try sla.businessTime(store: store, site: clock, now: data.now)
        do {
            try data.addSLA(
                store: store, columns: reports.responses, extras: reports.tickets, targets: targets, business: business)
        } catch let error as ReportError {
            throw CLIError.runtime("computing the SLA panel: \(error)")
        }
    }
}
