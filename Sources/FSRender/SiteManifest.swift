import FSReports
import Foundation

/// `manifest.json`: what the site holds, for consumers of the static API and for the
/// nightly job's summary. Built by ``SiteWriter``.
public struct SiteManifest: Sendable, Equatable {
    /// One published report body and its CSV.
    public struct File: Sendable, Equatable {
        /// `api/...json`, relative to the site root.
        public var json: String
        /// `csv/...csv`, relative to the site root.
        public var csv: String
        public var report: String
        /// The live endpoint this body reproduces, e.g. `/reports/agents-summary`.
        public var endpoint: String
        /// The query string parameters that give the same body from the live endpoint.
        public var query: [(String, String)]
        /// The range the body covers (inclusive, `YYYY-MM-DD`); nil for reports without one.
        public var from: String?
        public var to: String?
        /// Rows of the CSV (buckets, agents or counters).
        public var rows: Int

        public static func == (a: File, b: File) -> Bool {
            a.json == b.json && a.csv == b.csv && a.report == b.report && a.endpoint == b.endpoint
                && a.query.elementsEqual(b.query, by: { $0 == $1 }) && a.from == b.from && a.to == b.to && a.rows == b.rows
        }
    }

    public struct Range: Sendable, Equatable {
        public var id: String
        public var title: String
        public var from: String
        public var to: String
        public var interval: String
    }

    public var version: String
    /// UTC instant, `YYYY-MM-DDTHH:MM:SSZ`.
    public var generatedAt: String
    /// Site-local `YYYY-MM-DD HH:MM:SS`.
    public var now: String
    public var timezone: String?
    public var lastSyncAt: String?
    public var stale: Bool
    public var staleReason: String?
    public var tickets: Int
    public var conversations: Int
    public var agents: Int
    /// The range shown without a fragment; nil when the site has none.
    public var defaultRange: String?
    public var ranges: [Range]
    /// HTML pages, relative to the site root.
    public var pages: [String]
    public var files: [File]
    /// Saved queries exported into the site (the nightly job's `queries`); nil for a
    /// dashboard without them, and then the manifest has no `queries` member.
    public var queries: [Query]? = nil

    /// One saved query exported into the site, in the formats it was asked for.
    public struct Query: Sendable, Equatable {
        public var name: String
        public var title: String?
        /// The day range it was run over, `YYYY-MM-DD`.
        public var from: String
        public var to: String
        public var rows: Int
        /// Format (`csv`, `json`) and the file's path relative to the site root, in the
        /// order the formats were asked for.
        public var files: [Format]

        public struct Format: Sendable, Equatable {
            public var format: String
            public var path: String

            public init(format: String, path: String) {
                self.format = format
                self.path = path
            }
        }

        public init(name: String, title: String?, from: String, to: String, rows: Int, files: [Format]) {
            self.name = name
            self.title = title
            self.from = from
            self.to = to
            self.rows = rows
            self.files = files
        }

        var json: JSONValue {
            .object(
                [
                    ("name", .string(name)), ("title", title.map(JSONValue.string) ?? .null), ("from", .string(from)),
                    ("to", .string(to)), ("rows", .int(Int64(rows))),
                ] + files.map { ($0.format, JSONValue.string($0.path)) })
        }
    }

    /// Number of files in the site, the manifest included.
    public var fileCount: Int { pages.count + files.count * 2 + 1 }

    public var json: JSONValue {
        guard let queries, case .object(let members) = dashboardJSON else { return dashboardJSON }
        return .object(members + [("queries", .array(queries.map(\.json)))])
    }

    /// The members every site's manifest has.
    private var dashboardJSON: JSONValue {
        func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object([
            ("generator", .string("fsreport")),
            ("version", .string(version)),
            ("generated_at", .string(generatedAt)),
            ("now", .string(now)),
            ("timezone", opt(timezone)),
            ("last_sync_at", opt(lastSyncAt)),
            ("stale", .bool(stale)),
            ("stale_reason", opt(staleReason)),
            (
                "snapshot",
                .object([
                    ("tickets", .int(Int64(tickets))), ("conversations", .int(Int64(conversations))),
                    ("agents", .int(Int64(agents))),
                ])
            ),
            ("default_range", opt(defaultRange)),
            (
                "ranges",
                .array(
                    ranges.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)), ("from", .string($0.from)),
                            ("to", .string($0.to)), ("interval", .string($0.interval)),
                        ])
                    })
            ),
            ("pages", .array(pages.map(JSONValue.string))),
            (
                "files",
                .array(
                    files.map { f in
                        .object([
                            ("json", .string(f.json)), ("csv", .string(f.csv)), ("report", .string(f.report)),
                            ("endpoint", .string(f.endpoint)),
                            ("query", .object(f.query.map { ($0.0, JSONValue.string($0.1)) })),
                            ("from", opt(f.from)), ("to", opt(f.to)), ("rows", .int(Int64(f.rows))),
                        ])
                    })
            ),
        ])
    }
}
