import FSGenerator
import Foundation

/// The kinds of request the emulator counts and can fault.
public enum EmulatorRequestKind: String, CaseIterable, Sendable {
    /// `GET /wp-json/`
    case index
    case agents
    case mailboxes
    case products
    /// `GET .../tickets?...`
    case ticketList
    /// `GET .../tickets/<id>`
    case ticketDetail
    /// `GET .../activity-logger`
    case activities
    /// Any other REST route (answered `rest_no_route`).
    case other
    /// A page of the site itself, not its REST API: the home page (with its `Link`
    /// header), a theme's 404 page.
    case page
}

/// Faults the emulator injects, each on every `n`-th eligible request (0 = never),
/// counted over the requests of ``kinds``. Retrying the same URL is a later request,
/// so a client that retries gets through unless `n` is 1.
public struct EmulatorFaults: Sendable, Equatable {
    /// HTTP 500 with WordPress's critical-error body.
    public var serverErrorEvery = 0
    /// HTTP 429 with `Retry-After: retryAfterSeconds`.
    public var rateLimitEvery = 0
    public var retryAfterSeconds = 1
    /// An answer delayed by `slowDelay` seconds (longer than the client's timeout).
    public var slowEvery = 0
    public var slowDelay: TimeInterval = 2
    /// Headers announce the whole body; half of it is sent, then the connection closes.
    public var dropMidBodyEvery = 0
    /// A complete HTTP 200 answer whose JSON stops half-way.
    public var truncateEvery = 0
    /// HTTP 200 with an HTML page instead of JSON (a security plugin's challenge, a
    /// maintenance page).
    public var htmlEvery = 0
    /// Before every `churnEvery`-th ticket-list request, the site changes under the
    /// client's feet: alternately a listed ticket is deleted (later pages shift up) and a
    /// new ticket with a reply is created; at most `churnLimit` times.
    public var churnEvery = 0
    public var churnLimit = 4
    /// Which requests count; the REST index is exempt by default.
    public var kinds: Set<EmulatorRequestKind> = Set(EmulatorRequestKind.allCases).subtracting([.index])

    public init(
        serverErrorEvery: Int = 0, rateLimitEvery: Int = 0, retryAfterSeconds: Int = 1, slowEvery: Int = 0,
        slowDelay: TimeInterval = 2, dropMidBodyEvery: Int = 0, truncateEvery: Int = 0, htmlEvery: Int = 0,
        churnEvery: Int = 0, churnLimit: Int = 4, kinds: Set<EmulatorRequestKind>? = nil
    ) {
        self.serverErrorEvery = serverErrorEvery
        self.rateLimitEvery = rateLimitEvery
        self.retryAfterSeconds = retryAfterSeconds
        self.slowEvery = slowEvery
        self.slowDelay = slowDelay
        self.dropMidBodyEvery = dropMidBodyEvery
        self.truncateEvery = truncateEvery
        self.htmlEvery = htmlEvery
        self.churnEvery = churnEvery
        self.churnLimit = churnLimit
        if let kinds { self.kinds = kinds }
    }

    public static let none = EmulatorFaults()

    /// The fault for the `n`-th eligible request (1-based), if any.
    func fault(forEligible n: Int) -> Fault? {
        func hits(_ every: Int) -> Bool { every > 0 && n % every == 0 }
        if hits(serverErrorEvery) { return .serverError }
        if hits(rateLimitEvery) { return .rateLimit }
        if hits(slowEvery) { return .slow }
        if hits(dropMidBodyEvery) { return .dropMidBody }
        if hits(truncateEvery) { return .truncate }
        if hits(htmlEvery) { return .html }
        return nil
    }

    enum Fault { case serverError, rateLimit, slow, dropMidBody, truncate, html }
}
