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
    /// - Returns: the manifest written.
    @discardableResult
    static func write(
        snapshot: Snapshot, store: ColumnarStore, reports: ReportColumns? = nil, now: Int64, siteDirectory: String,
        env: Environment,
        stale: Bool = false, staleReason: String? = nil, timings: Bool = false
    ) throws -> SiteManifest {
        let lastSync = try snapshot.meta(MetaKey.lastSyncAt).flatMap(DashboardCalendar.parseTimestamp)
        let options = SiteOptions(
            generatedAt: env.clock(), version: FSCLI.version, timezone: try snapshot.siteClock().identifier,
            stale: stale, staleReason: staleReason)
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
        let data = try compute()
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
        env: Environment
    ) throws -> Int {
        let site = (outputDirectory as NSString).appendingPathComponent("site")
        return try write(snapshot: snapshot, store: store, reports: reports, now: now, siteDirectory: site, env: env)
            .fileCount
    }
}
