import FSSnapshot
import Foundation

/// Everything one extraction needs; the CLI builds it from its options.
public struct ExtractOptions: Sendable {
    /// The WordPress site root (`https://example.com`, or with a sub-path).
    public var site: URL
    public var credentials: Credentials
    /// Send the credentials over plain `http://` to a host other than this machine
    /// (`--allow-insecure-http`); see ``checkTransport(_:allowInsecureHTTP:)``.
    public var allowInsecureHTTP = false
    /// The snapshot file to bring up to date.
    public var databasePath: String
    /// Re-fetch every ticket's detail, not only the changed ones.
    public var full = false
    /// The snapshot may record another site address: re-bind it to `site` after checking
    /// that the first ticket page matches (a site moved to https or a new domain).
    public var siteMoved = false
    /// Ticket details in flight at once.
    public var concurrency = 4
    /// Rows per list page.
    public var perPage = 100
    /// Overrides the site's timezone (IANA name or hours offset).
    public var timezone: String?
    /// Incremental runs also re-fetch every ticket updated within this many days:
    /// deleted and edited responses leave no other trace (API.md).
    public var recheckDays = 14
    /// List every ticket page (a *sweep*: deletions, anything the activity log missed)
    /// when the last sweep is this many days old; 0 sweeps on every run. Between sweeps
    /// a run lists only the tickets changed since the previous one.
    public var sweepDays = 7
    /// Tickets updated less than this long before the previous run started are
    /// re-fetched too, in case a change landed while that run was listing.
    public var overlapSeconds: Int64 = 3600
    /// The current instant (site-local "now" derives from it); injectable for tests.
    public var now: @Sendable () -> Date = { Date() }
    /// Seconds before a request without progress times out.
    public var requestTimeout: TimeInterval = 30
    public var retry = RetryPolicy()
    /// Largest accepted body, after decompression.
    public var maxBodyBytes = 64 * 1_048_576
    /// Sent as `User-Agent`.
    public var userAgent = "fsreport"
    /// Ticket details per snapshot transaction.
    public var detailBatch = 50

    public init(site: URL, credentials: Credentials, databasePath: String) {
        self.site = site
        self.credentials = credentials
        self.databasePath = databasePath
    }

    /// Checks and normalises a `--site` value: http or https, a host, no credentials,
    /// query or fragment; a trailing `/` and a pasted `/wp-json/...` suffix are dropped.
    /// - Throws: ``ExtractError/invalidOption(_:)`` naming the value.
    public static func siteURL(_ text: String) throws -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw ExtractError.invalidOption(
                "--site \"\(text)\" is not a site address (expected http:// or https:// and a host, "
                    + "e.g. https://example.com)")
        }
        guard components.user == nil, components.password == nil else {
            throw ExtractError.invalidOption(
                "--site must not carry a user or password; pass --user and the password's environment variable")
        }
        guard components.query == nil, components.fragment == nil else {
            throw ExtractError.invalidOption("--site \"\(text)\" must not have a query or fragment; pass the site root")
        }
        var c = components
        c.scheme = scheme
        var path = c.path
        if let range = path.range(of: "/wp-json") { path = String(path[..<range.lowerBound]) }
        while path.hasSuffix("/") { path.removeLast() }
        c.path = path
        guard let url = c.url else {
            throw ExtractError.invalidOption("--site \"\(text)\" is not a valid URL")
        }
        return url
    }
}
