import FSReports
import FSSnapshot
import Foundation

/// Writes the publishable dashboard site (DESIGN.md "Output layout"):
///
/// ```
/// index.html  agents/<id>.html  api/...json  csv/*.csv  manifest.json
/// ```
///
/// The whole site is rendered in memory, written into a temporary sibling directory and
/// renamed into place (``AtomicWriter/replaceDirectory(at:build:)``), so a web server
/// sees the old site or the new one, and a failure leaves the old one untouched.
public enum SiteWriter {
    /// One file of the site, relative to its root.
    public struct File: Sendable {
        public var path: String
        public var contents: String

        public init(path: String, contents: String) {
            self.path = path
            self.contents = contents
        }
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public var description: String { "cannot write the dashboard to \(path): \(reason)" }
    }

    /// A rendered site not yet written: the dashboard's pages and report files, files the
    /// caller adds beside them (the nightly job's query exports), and the manifest, which
    /// is serialised once, as `manifest.json`, when the site is written.
    public struct Site: Sendable {
        /// Pages, report files and added files; `manifest.json` is not among them.
        public var files: [File]
        public var manifest: SiteManifest

        /// Every file of the site, `manifest.json` last.
        public var allFiles: [File] { files + [File(path: SitePaths.manifest, contents: manifest.json.serialized())] }
    }

    /// Renders and writes the site to `directory`, replacing the previous site atomically.
    /// - Parameters:
    ///   - data: the reports, from ``DashboardData/compute(store:now:lastSync:)``.
    ///   - directory: the site folder, e.g. `output/site`; created if missing.
    ///   - options: version, generation time, timezone, and `stale` for the banner.
    /// - Returns: the manifest written as `manifest.json`.
    /// - Throws: ``Failure`` when `directory` holds files that are not a previous site,
    ///   or ``AtomicWriter/Failure`` when writing fails (the old site is then unchanged).
    @discardableResult
    public static func write(_ data: DashboardData, to directory: String, options: SiteOptions) throws -> SiteManifest {
        let site = site(data, options: options)
        try write(site, to: directory)
        return site.manifest
    }

    /// Writes a rendered site, with whatever the caller added to it, to `directory`,
    /// replacing the previous site atomically (the one publish path of `dashboard`, `demo`
    /// and `nightly`).
    /// - Parameter work: where to build it, if not beside `directory`
    ///   (``AtomicWriter/replaceDirectory(at:stagingIn:build:)``).
    /// - Throws: as ``write(_:to:options:)``.
    public static func write(_ site: Site, to directory: String, stagingIn work: String? = nil) throws {
        try write(files: site.allFiles, to: directory, stagingIn: work)
    }

    /// Every file of the site, in memory, and its manifest (also among the files).
    /// - Complexity: O(size of the site); no I/O.
    public static func render(_ data: DashboardData, options: SiteOptions) -> (files: [File], manifest: SiteManifest) {
        let site = site(data, options: options)
        return (site.allFiles, site.manifest)
    }

    /// The site in memory, before anything is added to it or written.
    /// - Complexity: O(size of the site); no I/O.
    public static func site(_ data: DashboardData, options: SiteOptions) -> Site {
        // Pages and chunks of report files are independent: render them on all cores.
        let exports = data.exports
        let chunkSize = 64
        let chunks = (exports.count + chunkSize - 1) / chunkSize
        let agents = data.agents
        let parts = concurrentMap(count: chunks + 1 + agents.count) { job -> Part in
            if job < chunks {
                return renderExports(exports[(job * chunkSize)..<min(exports.count, (job + 1) * chunkSize)])
            }
            if job == chunks {
                return Part(files: [File(path: SitePaths.index, contents: DashboardIndexPage.render(data, options: options))])
            }
            let agent = agents[job - chunks - 1]
            return Part(
                files: [
                    File(
                        path: SitePaths.agentPage(agent.id),
                        contents: DashboardAgentPage.render(agent, data: data, options: options))
                ])
        }
        let backlog = backlogPart(data)
        let files = parts.flatMap(\.files) + backlog.files
        let entries = parts.flatMap(\.entries) + backlog.entries
        let pages = [SitePaths.index] + agents.map { SitePaths.agentPage($0.id) }
        let generated = Int64(options.generatedAt.timeIntervalSince1970.rounded(.down))
        let manifest = SiteManifest(
            version: options.version,
            generatedAt: DashboardCalendar.timestamp(generated).replacingOccurrences(of: " ", with: "T") + "Z",
            now: DashboardCalendar.timestamp(data.now), timezone: options.timezone,
            lastSyncAt: data.lastSync.map(DashboardCalendar.timestamp), stale: options.stale,
            staleReason: options.stale ? options.staleReason : nil, tickets: data.counts.tickets,
            conversations: data.counts.conversations, agents: data.counts.agents,
            defaultRange: data.defaultRange?.preset.id,
            ranges: data.ranges.map {
                SiteManifest.Range(
                    id: $0.preset.id, title: $0.preset.title, from: DashboardCalendar.iso($0.preset.from),
                    to: DashboardCalendar.iso($0.preset.to), interval: $0.ticketsGrowth.interval.rawValue)
            },
            pages: pages, files: entries)
        return Site(files: files, manifest: manifest)
    }

    /// Files rendered by one job, with the manifest entries of the report files among them.
    struct Part: Sendable {
        var files: [File]
        var entries: [SiteManifest.File] = []
    }

    /// The JSON and CSV files of some exports, with their manifest entries.
    static func renderExports(_ exports: ArraySlice<ReportExport>) -> Part {
        var part = Part(files: [])
        let jsonOptions = ReportJSON.Options(includePhotos: false)
        for export in exports {
            let json = SitePaths.json(export)
            let csv = SitePaths.csv(export)
            let table = ReportTable(export.result)
            // The weekday × hour grids are 168 numbers each: written compactly, one line per file.
            var compact = false
            if case .dayTime = export.result { compact = true }
            let body = ReportJSON.value(export.result, options: jsonOptions).serialized(pretty: !compact)
            part.files.append(File(path: json, contents: compact ? body + "\n" : body))
            part.files.append(File(path: csv, contents: CSV.render(table)))
            let range = export.request.range(for: export.name)
            var query: [(String, String)] = []
            if SitePaths.preset(of: export) != nil, let range {
                query = [("from", DashboardCalendar.iso(range.lowerBound)), ("to", DashboardCalendar.iso(range.upperBound))]
            }
            part.entries.append(
                SiteManifest.File(
                    json: json, csv: csv, report: export.name.rawValue, endpoint: export.name.endpoint, query: query,
                    from: range.map { DashboardCalendar.iso($0.lowerBound) },
                    to: range.map { DashboardCalendar.iso($0.upperBound) }, rows: table.rows.count))
        }
        return part
    }

    /// `(0..<count).map(body)`, run on all cores; results in index order.
    static func concurrentMap<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = body(i)
            slots.lock.lock()
            slots.values[i] = value
            slots.lock.unlock()
        }
        return slots.values.map { $0! }
    }

    /// Results of ``concurrentMap(count:_:)``, each slot written once under the lock.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        var values: [T?]
        let lock = NSLock()
        init(_ count: Int) { values = Array(repeating: nil, count: count) }
    }

    /// Writes `files` as the new content of `directory`, atomically: files 0644, folders
    /// 0755, whatever the umask (a static host serves them as they are).
    /// - Parameter work: where to build the new site, if not beside `directory`
    ///   (``AtomicWriter/replaceDirectory(at:stagingIn:build:)``).
    static func write(files: [File], to directory: String, stagingIn work: String? = nil) throws {
        if let problem = replaceProblem(directory) {
            throw Failure(
                path: directory,
                reason: "it \(problem); the whole folder is replaced on each run, so choose a new or empty folder "
                    + "(e.g. output/site)")
        }
        try AtomicWriter.replaceDirectory(at: directory, stagingIn: work) { root in
            var made: Set<String> = []
            for file in files {
                let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
                let parent = url.deletingLastPathComponent().path
                do {
                    if !made.contains(parent) {
                        try FileModes.createDirectories(parent, mode: FileModes.publicDirectory)
                        made.insert(parent)
                    }
                    try FileModes.writeFile(Data(file.contents.utf8), to: url.path, mode: FileModes.publicFile)
                } catch {
                    throw Failure(path: directory, reason: "\(file.path): \(error)")
                }
            }
        }
    }

    /// The site-folder guard of `dashboard`, `demo` and `nightly`: a directory that holds
    /// anything but a previous site is never replaced, so a wrong `--output` or `site_dir`
    /// (the home directory, a repository, the snapshot's folder) is never deleted.
    /// - Returns: what is wrong, to follow "it" or the folder's name (`holds "notes.txt",
    ///   which a dashboard site does not`), or nil when the directory may be replaced.
    package static func replaceProblem(_ directory: String) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "is a file, not a directory" }
        let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        let foreign = entries.filter { !SitePaths.topLevelEntries.contains($0) }.sorted()
        guard !foreign.isEmpty else { return nil }
        let shown = foreign.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
        return "holds \(shown)\(foreign.count > 3 ? " and more" : ""), which a dashboard site does not"
    }
}
