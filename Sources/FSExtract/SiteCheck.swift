import FSSnapshot
import Foundation

/// `fsreport check`: whether an extraction of a site would work, one request per question,
/// nothing written. Each line says what was found, or what failed and how to fix it.
public struct SiteCheck: Sendable {
    /// One checked item.
    public struct Line: Sendable, Equatable {
        public enum Status: String, Sendable {
            case ok
            case failed
            /// Not checked: an earlier line failed.
            case skipped
        }

        public var item: String
        public var status: Status
        /// What was found (or what went wrong).
        public var detail: String
        /// What to do about a failure.
        public var fix: String?
    }

    public var lines: [Line] = []
    /// The REST root found, when one was.
    public var apiRoot: APIRoot?

    /// True when every line is ok: an extraction would get through.
    public var wouldSucceed: Bool { !lines.isEmpty && lines.allSatisfy { $0.status == .ok } }

    /// The items in the order they are checked.
    public static let items = [
        "REST API", "Timezone", "Fluent Support", "Credentials", "Tickets", "Activity log", "Products",
    ]

    /// Runs every check against `options.site` with `options.credentials`.
    /// - Returns: the lines; never throws (a failure is a line).
    public static func run(_ options: ExtractOptions) async -> SiteCheck {
        var check = SiteCheck()
        let client = HTTPClient(options: options)
        func fail(_ item: String, _ error: any Error) {
            let e = error as? ExtractError
            check.lines.append(Line(item: item, status: .failed, detail: e?.description ?? "\(error)", fix: e?.hint))
        }
        func skipRest() {
            for item in items.dropFirst(check.lines.count) {
                check.lines.append(Line(item: item, status: .skipped, detail: "not checked", fix: nil))
            }
        }

        // 1. Where the API answers.
        let located: LocatedSite
        do {
            located = try await SiteLocator(site: options.site, client: client).locate(recorded: nil)
        } catch {
            fail("REST API", error)
            skipRest()
            return check
        }
        check.apiRoot = located.root
        var form = located.root.form == .pretty ? "pretty permalinks (/wp-json/)" : "plain permalinks (?rest_route=)"
        let folder = options.site.path
        if !folder.isEmpty && folder != "/" { form += ", in the subfolder \(folder)" }
        if located.indexNeedsLogin { form += ", index behind a login" }
        check.lines.append(Line(item: "REST API", status: .ok, detail: "\(located.root) — \(form)", fix: nil))

        // 2. Timezone.
        if let tz = options.timezone {
            check.lines.append(Line(item: "Timezone", status: .ok, detail: "\(tz) (--timezone)", fix: nil))
        } else if let name = located.index.timezoneString, !name.isEmpty {
            if SiteClock(identifier: name) != nil {
                check.lines.append(Line(item: "Timezone", status: .ok, detail: name, fix: nil))
            } else {
                check.lines.append(
                    Line(
                        item: "Timezone", status: .failed, detail: "the site names an unknown timezone \"\(name)\"",
                        fix: "pass --timezone with an IANA name (e.g. America/New_York)"))
            }
        } else if let offset = located.index.gmtOffset {
            check.lines.append(
                Line(
                    item: "Timezone", status: .ok,
                    detail: "UTC\(offset >= 0 ? "+" : "")\(offset) (a fixed offset: no daylight saving)",
                    fix: nil))
        } else {
            check.lines.append(Line(item: "Timezone", status: .ok, detail: "none given; UTC", fix: nil))
        }

        // 3. The plugin.
        guard located.index.namespaces.contains("fluent-support/v2") else {
            fail(
                "Fluent Support",
                ExtractError.notFluentSupport(site: options.site.absoluteString, namespaces: located.index.namespaces))
            skipRest()
            return check
        }
        check.lines.append(Line(item: "Fluent Support", status: .ok, detail: "namespace fluent-support/v2", fix: nil))

        // 4–7. Authenticated lists, one row each.
        let root = located.root
        func total(_ route: String, decode: @escaping (APIDecoder, [UInt8]) throws -> Int64?) async throws -> Int64? {
            try await client.fetch(root.url(route, query: [("per_page", "1"), ("page", "1")])) { r in
                try decode(APIDecoder(clock: .utc), r.body)
            }
        }
        do {
            let agents = try await total("fluent-support/v2/agents") { d, b in try d.agentsPage(b).total }
            check.lines.append(
                Line(
                    item: "Credentials", status: .ok,
                    detail: "user \"\(options.credentials.user)\" may list agents (\(agents.map(String.init) ?? "?") agents)",
                    fix: nil))
        } catch {
            fail("Credentials", error)
            skipRest()
            return check
        }
        let lists: [(String, String, String, (APIDecoder, [UInt8]) throws -> Int64?)] = [
            ("Tickets", "fluent-support/v2/tickets", "tickets", { d, b in try d.ticketsPage(b).total }),
            ("Activity log", "fluent-support/v2/activity-logger", "activity rows", { d, b in try d.activitiesPage(b).total }),
            ("Products", "fluent-support/v2/products", "products", { d, b in try d.productsPage(b).total }),
        ]
        for (item, route, noun, decode) in lists {
            do {
                let n = try await total(route, decode: decode)
                check.lines.append(Line(item: item, status: .ok, detail: "\(n.map(String.init) ?? "?") \(noun)", fix: nil))
            } catch {
                fail(item, error)
                if let e = error as? ExtractError, case .authenticationFailed = e {
                    check.lines[check.lines.count - 1].fix =
                        "give \"\(options.credentials.user)\" a Fluent Support role that may see all tickets, reports "
                        + "and the activity log (Fluent Support → Settings → Agents / Permissions)"
                }
            }
        }
        return check
    }
}
