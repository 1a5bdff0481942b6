import FSExtract
import FSQueries
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// The `fsreport nightly` configuration file (`fsreport.json`), checked completely before
/// anything runs. Relative paths are relative to the file's own folder, so a cron job
/// works from any current directory.
///
/// ```json
/// {
///   "site": {"url": "https://help.example.com", "user": "reports", "password_env": "FSREPORT_APP_PASSWORD"},
///   "db": ".fsreport/snapshot.sqlite",
///   "timezone": "America/New_York",
///   "output": "output",
///   "dashboard": {"presets": ["last-7-days", "last-30-days"]},
///   "queries": ["tickets-by-priority", {"name": "oldest-waiting", "formats": ["csv"], "params": {"limit": 50}}],
///   "extract": {"full": false, "concurrency": 4, "per_page": 100, "recheck_days": 14, "timeout": 30, "attempts": 6}
/// }
/// ```
/// Several sites: `"sites": [{"name": "acme", "url": ..., "user": ..., "password_env": ...,
/// "db": ..., "timezone": ..., "site_dir": ..., "queries": [...]}, ...]`; each gets its own
/// snapshot (default `.fsreport/<name>.sqlite`) and site folder (default
/// `<output>/site/<name>`), and `<output>/site/index.html` links them.
struct NightlyConfig {
    static let defaultPath = "fsreport.json"

    struct Site {
        /// Letters, digits, `-`, `_`: used in log lines and default paths.
        var name: String
        var url: URL
        /// `"allow_insecure_http": true`: send the password over plain http:// to another machine.
        var allowInsecureHTTP = false
        var user: String
        /// The environment variable the password was read from (for messages).
        var passwordEnv: String
        var password: String
        /// Absolute paths.
        var db: String
        var siteDir: String
        /// An IANA timezone overriding the site's own; nil to use the site's.
        var timezone: String?
        var queries: [QueryExport]
        /// Re-bind the snapshot to `url` (the site moved); meant for one run.
        var siteMoved = false
        /// `business_hours` and `sla` (the site's own keys over the top-level ones).
        var sla = SLAConfig()
    }

    struct QueryExport {
        /// The export's file name without extension (the query's name).
        var name: String
        /// A query name, or an absolute `.sql` path.
        var reference: String
        var formats: [String]
        var params: [String: String]
        /// The last N days including today; nil for the query command's default range.
        var days: Int64?
    }

    struct Extract {
        var full = false
        var concurrency = 4
        var perPage = 100
        var recheckDays = 14
        var sweepDays = 7
        var timeout: TimeInterval = 30
        var attempts = 6
    }

    var path: String
    var sites: [Site]
    /// True when the file lists `sites` (an index page links them).
    var multiSite: Bool
    var output: String
    /// `<output>/site/index.html` when several sites are listed.
    var indexPage: String?
    var presets: [DashboardPreset.Kind]
    var extract: Extract
    var lockPath: String
    /// Sites extracted and rendered at once (each with its own request concurrency).
    var parallelSites = 2
    /// Folders searched for query names before the standard ones: `<config folder>/queries`.
    var queryDirectories: [String]

    static let topKeys = [
        "site", "sites", "db", "timezone", "output", "site_dir", "dashboard", "queries", "extract", "lock", "parallel_sites",
        "business_hours", "sla",
    ]
    static let siteKeys = ["name", "url", "user", "password_env", "site_moved", "allow_insecure_http"]
    static let multiSiteKeys = [
        "name", "url", "user", "password_env", "site_moved", "allow_insecure_http", "db", "timezone", "site_dir", "queries",
        "business_hours", "sla",
    ]
    static let queryKeys = ["name", "file", "formats", "params", "days"]
    static let extractKeys = ["full", "concurrency", "per_page", "recheck_days", "sweep_days", "timeout", "attempts"]

    /// Reads and checks the file.
    /// - Throws: usage ``CLIError``s, each with its own message: missing file, unreadable
    ///   file, bad JSON, unknown key, wrong type or value, missing password variable.
    static func load(path: String, env: Environment) throws -> NightlyConfig {
        let data: Data
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.usage(
                "no nightly configuration at \(path)",
                hint: "write one (see docs/nightly.md) or pass --config FILE")
        }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.usage("cannot read the nightly configuration \(path): \(error.localizedDescription)")
        }
        let root: ConfigJSON
        do {
            root = try JSONDecoder().decode(ConfigJSON.self, from: data)
        } catch {
            throw CLIError.usage(
                "\(path) is not valid JSON: \(jsonErrorText(error))",
                hint: "check commas, quotes and brackets; comments are not allowed in JSON")
        }
        do {
            return try parse(root, path: path, env: env)
        } catch let error as ConfigError {
            throw CLIError.usage(error.description, hint: "docs/nightly.md lists every key and its type")
        }
    }

    static func jsonErrorText(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return String(describing: error)
    }

    static func parse(_ root: ConfigJSON, path: String, env: Environment) throws -> NightlyConfig {
        let top = try ConfigObject(root, file: path, path: "")
        try top.checkKeys(topKeys)
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String {
            let expanded = (p as NSString).expandingTildeInPath
            let absolute = expanded.hasPrefix("/") ? expanded : (folder as NSString).appendingPathComponent(expanded)
            return URL(fileURLWithPath: absolute).standardizedFileURL.path
        }

        let output = resolve(try top.string("output") ?? "output")
        let presets = try parsePresets(top)
        let extract = try parseExtract(top)
        let defaultQueries = try parseQueries(top, resolve: resolve)
        let defaultTimezone = try timezone(top)
        let defaultSLA = try SLAConfig.parse(top)

        var sites: [Site] = []
        var ownSLATargets: [Bool] = []  // per site of "sites": whether its own "sla" gives targets
        let multiSite: Bool
        switch (top.has("site"), top.has("sites")) {
        case (true, true):
            throw top.error("sites", "give either \"site\" (one site) or \"sites\" (several), not both")
        case (false, false):
            throw top.error(nil, "missing \"site\": {\"url\": ..., \"user\": ..., \"password_env\": ...} (or \"sites\": [...])")
        case (true, false):
            multiSite = false
            let site = try top.object("site")!
            try site.checkKeys(siteKeys)
            let (url, user, passwordEnv, password) = try connection(site, env: env)
            let name = try site.string("name").map { try checkName($0, site) } ?? defaultName(url)
            sites.append(
                Site(
                    name: name, url: url, allowInsecureHTTP: try site.bool("allow_insecure_http") ?? false, user: user,
                    passwordEnv: passwordEnv, password: password,
                    db: resolve(try top.string("db") ?? CommandSupport.defaultDB),
                    siteDir: resolve(try top.string("site_dir") ?? (output as NSString).appendingPathComponent("site")),
                    timezone: defaultTimezone, queries: defaultQueries, siteMoved: try site.bool("site_moved") ?? false,
                    sla: defaultSLA))
        case (false, true):
            multiSite = true
            for key in ["db", "site_dir"] where top.has(key) {
                throw top.error(key, "with \"sites\", give \"\(key)\" inside each site")
            }
            let items = try top.array("sites")!
            guard !items.isEmpty else { throw top.error("sites", "lists no site") }
            for (index, item) in items.enumerated() {
                let site = try ConfigObject(item, file: path, path: "sites[\(index)]")
                try site.checkKeys(multiSiteKeys)
                guard let rawName = try site.string("name") else {
                    throw site.error("name", "missing; each of several sites needs a name (letters, digits, - and _)")
                }
                let name = try checkName(rawName, site)
                guard !sites.contains(where: { $0.name == name }) else {
                    throw site.error("name", "\"\(name)\" is used by two sites")
                }
                let (url, user, passwordEnv, password) = try connection(site, env: env)
                let queries = site.has("queries") ? try parseQueries(site, resolve: resolve) : defaultQueries
                ownSLATargets.append(try SLAConfig.parse(site).targets != nil)
                sites.append(
                    Site(
                        name: name, url: url, allowInsecureHTTP: try site.bool("allow_insecure_http") ?? false, user: user,
                        passwordEnv: passwordEnv, password: password,
                        db: resolve(try site.string("db") ?? ".fsreport/\(name).sqlite"),
                        siteDir: resolve(try site.string("site_dir") ?? "\(output)/site/\(name)"),
                        timezone: try timezone(site) ?? defaultTimezone, queries: queries,
                        siteMoved: try site.bool("site_moved") ?? false, sla: try SLAConfig.parse(site).overriding(defaultSLA)))
            }
        }

        for (i, site) in sites.enumerated() {
            if let targets = site.sla.targets, targets.clock == .business, site.sla.hours == nil {
                // Name the key the clock came from: the site's own "sla", or the top-level one it inherits.
                let own = multiSite && ownSLATargets[i]
                throw ConfigError(
                    file: path, key: own ? "sites[\(i)].sla.clock" : "sla.clock",
                    message: "\"business\" needs business hours; add \"business_hours\" or set \"clock\": \"calendar\"")
            }
        }

        // Paths that must stay apart: snapshots hold customer data, site folders are published.
        let indexPage = multiSite ? "\(output)/site/index.html" : nil
        for (i, site) in sites.enumerated() {
            for other in sites {
                if SiteFolder.isInside(site.db, other.siteDir) {
                    throw ConfigError(
                        file: path, key: multiSite ? "sites[\(i)].db" : "db",
                        message: "the snapshot \(site.db) lies inside the published site folder \(other.siteDir); "
                            + "it holds customer data and must stay out of it")
                }
                if other.name != site.name, SiteFolder.isInside(site.siteDir, other.siteDir) || site.siteDir == other.siteDir {
                    throw ConfigError(
                        file: path, key: multiSite ? "sites[\(i)].site_dir" : "site_dir",
                        message: "the site folders of \(site.name) and \(other.name) overlap")
                }
            }
            if multiSite, let indexPage, site.siteDir == (indexPage as NSString).deletingLastPathComponent {
                throw ConfigError(
                    file: path, key: "sites[\(i)].site_dir",
                    message: "\(site.siteDir) holds the index page of all sites; give each site its own folder")
            }
        }
        let lockPath = resolve(try top.string("lock") ?? "\(output)/.fsreport-nightly.lock")
        var config = NightlyConfig(
            path: path, sites: sites, multiSite: multiSite, output: output, indexPage: indexPage, presets: presets,
            extract: extract, lockPath: lockPath,
            queryDirectories: [(folder as NSString).appendingPathComponent("queries")])
        if let n = try top.integer("parallel_sites", range: 1...16) { config.parallelSites = Int(n) }
        return config
    }

    static func connection(_ site: ConfigObject, env: Environment) throws -> (URL, String, String, String) {
        guard let urlText = try site.string("url") else {
            throw site.error("url", "missing; the WordPress site root, e.g. \"https://help.example.com\"")
        }
        let url: URL
        do {
            url = try ExtractOptions.siteURL(urlText)
        } catch {
            throw site.error("url", String(describing: error).replacingOccurrences(of: "--site ", with: ""))
        }
        do {
            try ExtractOptions.checkTransport(url, allowInsecureHTTP: try site.bool("allow_insecure_http") ?? false)
        } catch let error as ExtractError {
            throw site.error(
                "url",
                "\(error.description); give the https:// address, or, for an intranet site without TLS whose network "
                    + "you trust, add \"allow_insecure_http\": true next to \"url\"")
        }
        let userFromEnv = env.variables["FSREPORT_USER"].flatMap { $0.isEmpty ? nil : $0 }
        guard let user = try site.string("user") ?? userFromEnv else {
            throw site.error("user", "missing; give the WordPress user name here or in $FSREPORT_USER")
        }
        let passwordEnv = try site.string("password_env") ?? "FSREPORT_APP_PASSWORD"
        guard passwordEnv.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw site.error("password_env", "\"\(passwordEnv)\" is not an environment variable name")
        }
        guard let password = env.variables[passwordEnv], !password.isEmpty else {
            throw site.error(
                "password_env",
                "the environment variable \(passwordEnv) is not set (it must hold the application password "
                    + "of \(user)); set it in the cron job or the service's EnvironmentFile")
        }
        return (url, user, passwordEnv, password)
    }

    static func defaultName(_ url: URL) -> String {
        let host = url.host ?? "site"
        return String(host.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    static func checkName(_ name: String, _ object: ConfigObject) throws -> String {
        guard QueryCatalog.isName(name) else {
            throw object.error("name", "\"\(name)\" may hold only letters, digits, - and _")
        }
        return name
    }

    static func timezone(_ object: ConfigObject) throws -> String? {
        guard let tz = try object.string("timezone") else { return nil }
        guard TimeZone(identifier: tz) != nil else {
            throw object.error("timezone", "\"\(tz)\" is not an IANA timezone (e.g. \"America/New_York\", \"UTC\")")
        }
        return tz
    }

    static func parsePresets(_ top: ConfigObject) throws -> [DashboardPreset.Kind] {
        guard let dashboard = try top.object("dashboard") else { return DashboardPreset.Kind.allCases }
        try dashboard.checkKeys(["presets"])
        guard let names = try dashboard.strings("presets") else { return DashboardPreset.Kind.allCases }
        guard !names.isEmpty else { throw dashboard.error("presets", "lists no preset") }
        return try names.enumerated().map { index, name in
            guard let kind = DashboardPreset.Kind(rawValue: name) else {
                throw ConfigError(
                    file: top.file, key: "dashboard.presets[\(index)]",
                    message: "unknown preset \"\(name)\"; presets are "
                        + DashboardPreset.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return kind
        }
    }

    static func parseExtract(_ top: ConfigObject) throws -> Extract {
        var extract = Extract()
        guard let object = try top.object("extract") else { return extract }
        try object.checkKeys(extractKeys)
        if let full = try object.bool("full") { extract.full = full }
        if let v = try object.integer("concurrency", range: 1...64) { extract.concurrency = Int(v) }
        if let v = try object.integer("per_page", range: 1...1000) { extract.perPage = Int(v) }
        if let v = try object.integer("recheck_days", range: 0...3650) { extract.recheckDays = Int(v) }
        if let v = try object.integer("sweep_days", range: 0...3650) { extract.sweepDays = Int(v) }
        if let v = try object.number("timeout", range: 1...3600) { extract.timeout = v }
        if let v = try object.integer("attempts", range: 1...20) { extract.attempts = Int(v) }
        return extract
    }

    static func parseQueries(_ object: ConfigObject, resolve: (String) -> String) throws -> [QueryExport] {
        guard let items = try object.array("queries") else { return [] }
        var exports: [QueryExport] = []
        for (index, item) in items.enumerated() {
            let key = "\(object.keyPath("queries"))[\(index)]"
            var export: QueryExport
            switch item {
            case .string(let name):
                guard QueryCatalog.isName(name) else {
                    throw ConfigError(
                        file: object.file, key: key,
                        message:
                            "\"\(name)\" is not a query name (letters, digits, - and _); use {\"file\": \"...sql\"} for a file")
                }
                export = QueryExport(name: name, reference: name, formats: ["csv", "json"], params: [:], days: nil)
            case .object:
                let q = try ConfigObject(item, file: object.file, path: key)
                try q.checkKeys(queryKeys)
                switch (try q.string("name"), try q.string("file")) {
                case (let name?, nil):
                    guard QueryCatalog.isName(name) else {
                        throw q.error("name", "\"\(name)\" is not a query name (letters, digits, - and _)")
                    }
                    export = QueryExport(name: name, reference: name, formats: [], params: [:], days: nil)
                case (nil, let file?):
                    let path = resolve(file)
                    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    export = QueryExport(name: name, reference: path, formats: [], params: [:], days: nil)
                case (.some, .some):
                    throw q.error("file", "give either \"name\" or \"file\", not both")
                case (nil, nil):
                    throw q.error(nil, "needs \"name\" (a saved query) or \"file\" (a .sql path)")
                }
                let formats = try q.strings("formats") ?? ["csv", "json"]
                guard !formats.isEmpty else { throw q.error("formats", "lists no format") }
                for (i, format) in formats.enumerated() where format != "csv" && format != "json" {
                    throw ConfigError(
                        file: object.file, key: "\(key).formats[\(i)]", message: "\"\(format)\" is not csv or json")
                }
                export.formats = Array(Set(formats)).sorted()
                export.days = try q.integer("days", range: 1...36_600)
                if let params = try q.object("params") {
                    for (name, value) in params.members {
                        let text: String
                        switch value {
                        case .string(let s): text = s
                        case .integer(let i): text = String(i)
                        case .number(let d): text = String(d)
                        default:
                            throw params.mismatch(name, "a string or a number", value)
                        }
                        do {
                            _ = try QueryParameters.parsePairs(["\(name)=\(text)"])
                        } catch let error as QueryError {
                            throw params.error(name, error.message)
                        }
                        export.params[name] = text
                    }
                }
            default:
                throw ConfigError(
                    file: object.file, key: key,
                    message: "expected a query name or an object ({\"name\": ...}), found \(item.kindName)")
            }
            guard !exports.contains(where: { $0.name == export.name }) else {
                throw ConfigError(file: object.file, key: key, message: "query \"\(export.name)\" is exported twice")
            }
            exports.append(export)
        }
        return exports
    }
}
