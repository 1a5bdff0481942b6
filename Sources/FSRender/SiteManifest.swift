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

    /// Number of files in the site, the manifest included.
    public var fileCount: Int { pages.count + files.count * 2 + 1 }

    public var json: JSONValue {
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
