import Foundation

/// `<output>/site/index.html` of a nightly run over several sites: one row per site with a
/// link to its dashboard, its ticket count and how fresh its data is. Static,
/// self-contained HTML, like the dashboards.
public enum NightlyIndexPage {
    /// Marks the page as ours, so a run never overwrites someone else's index.html.
    public static let marker = "<meta name=\"generator\" content=\"fsreport nightly\">"

    /// One site's row.
    public struct Site: Sendable {
        public var name: String
        /// The helpdesk's host, shown as its address.
        public var address: String
        /// The site's folder (absolute), linked relative to the index page.
        public var siteDir: String
        /// Published tonight, and from tonight's data or (stale) the last good snapshot.
        public var rendered: Bool
        public var stale: Bool
        public var tickets: Int
        /// The snapshot's last sync, as stored; nil when unknown.
        public var lastSync: String?
        /// Whether the folder still holds an earlier night's dashboard (for a site not rendered).
        public var hasPreviousSite: Bool

        public init(
            name: String, address: String, siteDir: String, rendered: Bool, stale: Bool, tickets: Int, lastSync: String?,
            hasPreviousSite: Bool
        ) {
            self.name = name
            self.address = address
            self.siteDir = siteDir
            self.rendered = rendered
            self.stale = stale
            self.tickets = tickets
            self.lastSync = lastSync
            self.hasPreviousSite = hasPreviousSite
        }
    }

    /// - Parameters:
    ///   - path: where the page is written (links are relative to its folder).
    ///   - version: fsreport's version, in the footer.
    public static func render(_ sites: [Site], path: String, generatedAt: Date, version: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var rows = ""
        for site in sites {
            let link = relativePath(from: folder.path, to: site.siteDir) + "/" + SitePaths.index
            let state: String
            if !site.rendered {
                state = site.hasPreviousSite ? "not updated tonight (previous dashboard kept)" : "no dashboard yet"
            } else if site.stale {
                state = "stale: tonight's update failed"
            } else {
                state = "up to date"
            }
            let cls = site.rendered && !site.stale ? "ok" : "warn"
            rows += "<tr><td><a href=\"\(htmlEscape(link))\">\(htmlEscape(site.name))</a></td>"
            rows += "<td>\(htmlEscape(site.address))</td>"
            rows += "<td class=\"n\">\(site.rendered ? String(site.tickets) : "–")</td>"
            rows += "<td>\(htmlEscape(site.lastSync ?? "–"))</td>"
            rows += "<td class=\"\(cls)\">\(htmlEscape(state))</td></tr>\n"
        }
        let generated = ISO8601DateFormatter().string(from: generatedAt)
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(marker)
            <title>Helpdesk dashboards</title>
            <style>
            :root{color-scheme:light dark}
            body{margin:0;padding:2rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1f2328}
            main{max-width:960px;margin:0 auto}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{padding:.45rem .7rem;border-bottom:1px solid #d0d7de;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .ok{color:#1a7f37}.warn{color:#9a4a00;font-weight:600}
            a{color:#0a58b8}
            footer{margin-top:1rem;color:#57606a;font-size:.85rem}
            @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}table{background:#161b22}
            th,td{border-color:#30363d}a{color:#6cb6ff}.ok{color:#3fb950}.warn{color:#f0883e}footer{color:#9da7b3}}
            </style>
            </head><body><main>
            <h1>Helpdesk dashboards</h1>
            <table><thead><tr><th scope="col">Site</th><th scope="col">Address</th><th scope="col">Tickets</th>
            <th scope="col">Data as of</th><th scope="col">Tonight</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <footer>Generated \(htmlEscape(generated)) by fsreport \(htmlEscape(version)) nightly.</footer>
            </main></body></html>

            """
    }

    /// `to` relative to the folder `from` (both absolute).
    static func relativePath(from: String, to: String) -> String {
        let a = URL(fileURLWithPath: from).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: to).standardizedFileURL.pathComponents
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let up = Array(repeating: "..", count: a.count - common)
        let parts = up + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
