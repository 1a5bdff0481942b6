import Foundation

/// How a dashboard site is stamped: who made it, when, and whether its data is stale.
public struct SiteOptions: Sendable {
    /// The real instant the site is generated (`generated_at` in the manifest, UTC).
    public var generatedAt: Date
    /// The tool version recorded in the manifest and the footer.
    public var version: String
    /// The site's timezone name, shown next to times (e.g. `America/New_York`).
    public var timezone: String?
    /// The data is known to be out of date (e.g. tonight's sync failed): the pages show a
    /// banner and the manifest says `"stale": true`.
    public var stale: Bool
    /// Why, in one sentence, shown in the banner and recorded as `stale_reason`.
    public var staleReason: String?

    public init(
        generatedAt: Date = Date(), version: String, timezone: String? = nil, stale: Bool = false,
        staleReason: String? = nil
    ) {
        self.generatedAt = generatedAt
        self.version = version
        self.timezone = timezone
        self.stale = stale
        self.staleReason = staleReason
    }
}
