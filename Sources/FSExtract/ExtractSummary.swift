import Foundation

/// What one extraction did, for the CLI's summary line and for callers like `nightly`.
public struct ExtractSummary: Sendable, Equatable {
    /// The snapshot written.
    public var databasePath: String
    /// Whether every ticket's detail was re-fetched (`--full`, a first run, or a
    /// timezone change).
    public var full = false
    /// Whether the run listed every ticket page (a full run, `--sweep-days`, a gap in the
    /// activity log) rather than only the changes.
    public var swept = false
    public var sweepReason: String?
    /// Whether this run continued an interrupted one.
    public var resumed = false
    /// Tickets in the snapshot after the run (the site's tickets).
    public var ticketsListed = 0
    /// Tickets the snapshot did not have.
    public var ticketsNew = 0
    /// Known tickets whose `updated_at` or latest response changed.
    public var ticketsChanged = 0
    /// Tickets removed because the site no longer has them.
    public var ticketsDeleted = 0
    /// Ticket details fetched (conversations replaced).
    public var detailsFetched = 0
    /// Activity-log rows the snapshot did not have.
    public var activitiesNew = 0
    public var agents = 0
    /// HTTP requests sent, retries included.
    public var requests = 0
    public var retries = 0
    public var duration: TimeInterval = 0
    /// Time spent fetching ticket details, and the in-flight limits: the configured one
    /// and the lowest the run backed off to.
    public var detailSeconds: TimeInterval = 0
    public var concurrencyLimit = 0
    public var lowestConcurrency: Int?
    /// Ticket details per second while fetching them.
    public var detailRate: Double? { detailSeconds > 0 && detailsFetched > 0 ? Double(detailsFetched) / detailSeconds : nil }
    /// The site's timezone used for the ISO instants.
    public var timezone = ""
    /// Where the site's REST API answered.
    public var apiRoot: APIRoot?
    /// The address the snapshot was re-bound from (`--site-moved`).
    public var movedFrom: String?

    public init(databasePath: String) { self.databasePath = databasePath }

    /// One line for logs and cron mail.
    public var line: String {
        "extract: \(ticketsListed) tickets (\(ticketsNew) new, \(ticketsChanged) changed, \(ticketsDeleted) deleted), "
            + "\(detailsFetched) details fetched\(full ? " (full)" : ""), "
            + (full ? "" : swept ? "every page listed (\(sweepReason ?? "sweep")), " : "changes only, ")
            + "\(activitiesNew) new activities, "
            + "\(requests) requests, \(retries) retries, \(String(format: "%.1f", duration)) s"
            + (detailRate.map { rate in
                ", \(String(format: "%.1f", rate)) details/s"
                    + (lowestConcurrency.map {
                        $0 < concurrencyLimit ? " (backed off to \($0) of \(concurrencyLimit) at once)" : ""
                    }
                        ?? "")
            } ?? "")
            + (resumed ? ", resumed" : "")
            + (apiRoot.map { $0.form == .plain ? ", REST API at \($0) (plain permalinks)" : "" } ?? "")
            + (movedFrom.map { ", re-bound from \($0)" } ?? "") + " → \(databasePath)"
    }
}

/// The stages an extraction reports progress for.
public enum ExtractPhase: String, Sendable {
    /// The REST index, agents, mailboxes and products.
    case site
    /// Ticket list pages.
    case listing
    /// Ticket details (conversations).
    case details
    /// Activity-log pages.
    case activities
}

/// Progress callback: phase, units done, units expected when known.
public typealias ExtractProgress = @Sendable (_ phase: ExtractPhase, _ done: Int, _ total: Int?) -> Void
