import FSGenerator
import FSSnapshot
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Fluent Support site on 127.0.0.1 for tests and benchmarks: a real HTTP/1.1 server
/// on an ephemeral port that serves a ``HelpdeskDataset`` with the bodies, envelopes and
/// quirks of a Fluent Support 2.0.1 server (`shared/samples/`, API.md): the `/wp-json/`
/// index with timezone and namespaces, Basic auth with WordPress's 401 body, `per_page`
/// and `page` (500 for a bad `per_page`, empty `data` past the end), `order_by` and
/// `order_type`, ticket details with responses newest first and their persons, 422 with a
/// JSON string for a missing ticket, activities newest first, `preview_response`.
///
/// The dataset can change between requests (``insertTicket(customerId:agentId:at:)``,
/// ``addConversation(ticketId:personId:type:at:closes:)``, ...; or from ``onRequest``, to
/// change it between two page requests), requests are counted by kind, and ``faults``
/// injects 500s, 429s with `Retry-After`, slow answers, connections closed mid-body and
/// truncated JSON.
public final class FluentSupportEmulator: @unchecked Sendable {
    /// Who may log in, and how the site presents itself.
    public struct Configuration: Sendable {
        public var user = "fsreport-bot"
        public var password = "abcd EFGH 1234 ijkl MNOP 5678"
        /// Namespaces listed by `/wp-json/`; drop `fluent-support/v2` to emulate a site
        /// without the plugin.
        public var namespaces = ["oembed/1.0", "fluent-support/v2", "wp/v2", "wp-site-health/v1"]
        /// `timezone_string` of the index; nil sends the dataset's timezone, `""` sends
        /// an empty one (the client must fall back to `gmt_offset`).
        public var timezoneString: String?
        /// Answer `Content-Encoding: gzip` when the client accepts it.
        public var gzip = true
        public var faults = EmulatorFaults.none
        /// Keep a log of every request (kind, time, status), for tests.
        public var recordLog = true
        /// Delay every answer by this long, like a real PHP server's response time.
        public var latency: TimeInterval = 0
        /// Answer every API request with `301 Moved Permanently` to this site root (as a
        /// site moved to https:// does).
        public var redirectTo: String?
        /// WordPress's permalink setting: with `.plain` the API answers only at
        /// `?rest_route=`, and `/wp-json/…` is a page of the site (``plainWPJSON``).
        public var permalinks = Permalinks.pretty
        /// What `/wp-json/…` answers on a plain-permalink site.
        public var plainWPJSON = PlainWPJSON.notFound
        /// The site lives in this subfolder (`"/support"`); other paths are 404 pages.
        public var pathPrefix = ""
        /// A security plugin makes the REST index need a login (401 `rest_login_required`).
        public var indexRequiresLogin = false
        /// The home page's `Link: <…>; rel="https://api.w.org/"` header.
        public var advertisesAPI = true
        /// The activity log's `settings.disable_logs` is `"yes"` (nothing is logged).
        public var activityLogDisabled = false
        /// The ticket list refuses `order_by=updated_at` (HTTP 400), as a filter in front of
        /// an old site might.
        public var refusesUpdatedAtOrder = false
        /// At most this many requests are answered at once (a site's PHP workers); the
        /// others wait. With ``latency`` it makes a server whose throughput is bounded.
        public var workers: Int?

        public init() {}
    }

    /// WordPress's permalink structure.
    public enum Permalinks: Sendable {
        /// `/wp-json/` works (and `?rest_route=` too, as on every WordPress).
        case pretty
        /// Only `?rest_route=` reaches the API.
        case plain
    }

    /// What a plain-permalink site answers at `/wp-json/…`.
    public enum PlainWPJSON: Sendable {
        /// The theme's 404 page (HTML).
        case notFound
        /// The home page, HTTP 200 HTML.
        case homePage
    }

    /// One served request.
    public struct LogEntry: Sendable {
        public var kind: EmulatorRequestKind
        /// The request's path (without the query).
        public var target: String
        /// The REST route it reached (`/fluent-support/v2/tickets`, `/` for the index), by
        /// `/wp-json/…` or `?rest_route=`; nil for a page of the site.
        public var route: String?
        /// Whether the route came in a `rest_route` query parameter (plain permalinks).
        public var viaRestRoute: Bool
        public var status: Int
        public var time: Date
        public var userAgent: String?
        /// Whether the body went out gzip-encoded.
        public var gzipped: Bool
    }

    private let server = EmulatorHTTPServer()
    private var state: EmulatorState
    private let stateLock = ReadWriteLock()
    private let counterLock = NSLock()
    private var counts: [EmulatorRequestKind: Int] = [:]
    private var eligible = 0
    private var log: [LogEntry] = []
    private var configuration: Configuration
    private var hook: (@Sendable (EmulatorRequestKind, Int) -> Void)?
    private var churned = 0
    /// Body bytes sent (after compression), since the last ``resetCounts()``.
    private var bytes = 0
    /// One slot per server worker (``Configuration/workers``); nil: unbounded.
    private var workerSlots: DispatchSemaphore?

    public init(dataset: HelpdeskDataset, configuration: Configuration = Configuration()) {
        state = EmulatorState(dataset: dataset)
        self.configuration = configuration
        workerSlots = configuration.workers.map { DispatchSemaphore(value: max(1, $0)) }
        server.handler = { [weak self] request in
            self?.handle(request) ?? EmulatorResponse(status: 503, body: [])
        }
    }

    deinit { server.stop() }

    // MARK: Lifecycle

    /// Starts serving on an ephemeral port of 127.0.0.1.
    public func start() throws {
        _ = try server.start()
    }

    /// Stops serving and closes every connection.
    public func stop() { server.stop() }

    public var port: Int { Int(server.port) }

    /// `http://127.0.0.1:<port>` with the subfolder, if any: the site root to pass as `--site`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)" + counterLock.withLock { configuration.pathPrefix })!
    }

    /// Changes how the site presents itself from the next request on (permalinks,
    /// subfolder, login, faults...).
    public func reconfigure(_ change: (inout Configuration) -> Void) {
        counterLock.withLock {
            let workers = configuration.workers
            change(&configuration)
            if configuration.workers != workers {
                workerSlots = configuration.workers.map { DispatchSemaphore(value: max(1, $0)) }
            }
        }
    }

    public var user: String { counterLock.withLock { configuration.user } }
    public var password: String { counterLock.withLock { configuration.password } }

    /// Faults injected from the next request on.
    public var faults: EmulatorFaults {
        get { counterLock.withLock { configuration.faults } }
        set { counterLock.withLock { configuration.faults = newValue } }
    }

    public var namespaces: [String] {
        get { counterLock.withLock { configuration.namespaces } }
        set { counterLock.withLock { configuration.namespaces = newValue } }
    }

    /// Called before each request is answered with its kind and the number of requests
    /// of that kind so far (this one included); may change the dataset.
    public var onRequest: (@Sendable (EmulatorRequestKind, Int) -> Void)? {
        get { counterLock.withLock { hook } }
        set { counterLock.withLock { hook = newValue } }
    }

    // MARK: Counting

    public func requestCount(_ kind: EmulatorRequestKind) -> Int { counterLock.withLock { counts[kind] ?? 0 } }

    public var totalRequests: Int { counterLock.withLock { counts.values.reduce(0, +) } }

    public func resetCounts() {
        counterLock.withLock {
            counts = [:]
            eligible = 0
            log = []
            churned = 0
            bytes = 0
        }
    }

    public var requestLog: [LogEntry] { counterLock.withLock { log } }

    /// Body bytes sent since the last ``resetCounts()`` (compressed size when gzipped).
    public var bytesServed: Int { counterLock.withLock { bytes } }

    // MARK: The data

    /// The site's data as served now: what a complete snapshot must equal.
    public var dataset: HelpdeskDataset { stateLock.read { state.dataset } }

    /// The site's clock (the dataset's timezone).
    public var clock: SiteClock { state.clock }

    public func ticket(id: Int64) -> Ticket? { stateLock.read { state.ticket(id) } }

    public var ticketIDs: [Int64] { stateLock.read { state.tickets.map(\.id) } }

    /// A new ticket (status `new`, no conversations), logged as created.
    @discardableResult
    public func insertTicket(
        customerId: Int64, agentId: Int64? = nil, mailboxId: Int64? = 1, productId: Int64? = nil,
        priority: String = "normal", at t: Int64
    ) -> Ticket {
        stateLock.write {
            state.insertTicket(
                customerId: customerId, agentId: agentId, mailboxId: mailboxId, productId: productId, priority: priority,
                at: t)
        }
    }

    /// Deletes a ticket with its conversations; logs `ticket_deleted` by `person`.
    public func deleteTicket(id: Int64, by person: Int64 = 1, at t: Int64) {
        stateLock.write { state.deleteTicket(id: id, by: person, at: t) }
    }

    /// Adds a response, note or internal info as the plugin does (see API.md).
    @discardableResult
    public func addConversation(
        ticketId: Int64, personId: Int64, type: String = "response", at t: Int64, closes: Bool = false
    ) -> Conversation? {
        stateLock.write { state.addConversation(ticketId: ticketId, personId: personId, type: type, at: t, closes: closes) }
    }

    /// Re-opens a closed ticket (status `active`, a system line, `ticket_reopen`).
    public func reopenTicket(id: Int64, by person: Int64 = 1, at t: Int64) {
        stateLock.write { state.reopenTicket(id: id, by: person, at: t) }
    }

    /// Assigns a ticket to another agent (a system line, `agent_assigned_to_ticket`).
    public func assignTicket(id: Int64, to agent: Int64, by person: Int64 = 1, at t: Int64) {
        stateLock.write { state.assignTicket(id: id, to: agent, by: person, at: t) }
    }

    /// Prunes the activity log up to and including `id` (the site's `delete_days`).
    public func pruneActivities(throughId id: Int64) {
        stateLock.write { state.pruneActivities(throughId: id) }
    }

    /// Deletes a conversation without a trace.
    public func deleteConversation(id: Int64, ticketId: Int64) {
        stateLock.write { state.deleteConversation(id: id, ticketId: ticketId) }
    }

    /// Changes a ticket; `touch` moves `updated_at` as a real property change does.
    public func updateTicket(id: Int64, touch t: Int64?, _ change: @Sendable (inout Ticket) -> Void) {
        stateLock.write { state.updateTicket(id: id, touch: t, change) }
    }

    // MARK: Serving

    private func handle(_ request: EmulatorRequest) -> EmulatorResponse {
        // A bounded server: wait for a worker, and keep it for the whole answer.
        let slots = counterLock.withLock { workerSlots }
        slots?.wait()
        defer { slots?.signal() }
        let target = Self.target(of: request, config: counterLock.withLock { configuration })
        let kind: EmulatorRequestKind
        switch target {
        case .api(let route): kind = Self.kind(ofRoute: route)
        case .home, .page: kind = .page
        }
        let (count, fault, config, hook) = counterLock.withLock {
            () -> (Int, EmulatorFaults.Fault?, Configuration, (@Sendable (EmulatorRequestKind, Int) -> Void)?) in
            counts[kind, default: 0] += 1
            var fault: EmulatorFaults.Fault?
            if configuration.faults.kinds.contains(kind) {
                eligible += 1
                fault = configuration.faults.fault(forEligible: eligible)
            }
            return (counts[kind]!, fault, configuration, self.hook)
        }
        hook?(kind, count)
        if kind == .ticketList, config.faults.churnEvery > 0, count % config.faults.churnEvery == 0 { churn(config.faults) }
        var response: EmulatorResponse
        switch target {
        case .api(let route): response = respond(request, route: route, kind: kind, fault: fault, config: config)
        case .home: response = homePage(config)
        case .page: response = Self.html(404, title: "Page not found")
        }
        if config.latency > 0, response.delivery == .normal {
            if slots != nil {
                Thread.sleep(forTimeInterval: config.latency)
            } else {
                response.delivery = .delayed(config.latency)
            }
        }
        if config.gzip, response.delivery != .dropMidBody, response.body.count > 256,
            request.headers["accept-encoding"]?.lowercased().contains("gzip") == true
        {
            response.body = EmulatorGzip.encode(response.body)
            response.headers.append(("Content-Encoding", "gzip"))
        }
        let size = response.body.count
        counterLock.withLock { bytes += size }
        if config.recordLog {
            var route: String?
            if case .api(let r) = target { route = r }
            let entry = LogEntry(
                kind: kind, target: request.path, route: route, viaRestRoute: request.query["rest_route"] != nil,
                status: response.status, time: Date(),
                userAgent: request.headers["user-agent"],
                gzipped: response.headers.contains { $0.0 == "Content-Encoding" })
            counterLock.withLock { log.append(entry) }
        }
        return response
    }

    /// One change of the ``EmulatorFaults/churnEvery`` fault.
    private func churn(_ faults: EmulatorFaults) {
        let n: Int? = counterLock.withLock {
            guard churned < faults.churnLimit else { return nil }
            churned += 1
            return churned
        }
        guard let n else { return }
        stateLock.write {
            let t = state.now + Int64(n) * 60
            if n % 2 == 1 {
                if state.tickets.count > 1 { state.deleteTicket(id: state.tickets[1].id, by: 1, at: t) }
            } else {
                let customer = state.persons.values.filter { $0.personType == "customer" }.map(\.id).min() ?? 1
                let agent = state.agentIDs.first ?? 1
                let ticket = state.insertTicket(
                    customerId: customer, agentId: agent, mailboxId: state.mailboxes.first?.id, productId: nil,
                    priority: "normal", at: t)
                state.addConversation(ticketId: ticket.id, personId: agent, type: "response", at: t + 30)
            }
        }
    }

    /// What a request asks for, as WordPress routes it.
    private enum Target {
        /// A REST route (`/` for the index, `/fluent-support/v2/tickets`, ...).
        case api(String)
        case home
        /// Any other page of the site.
        case page
    }

    /// WordPress's routing: `?rest_route=` on the front page always, `/wp-json/…` only
    /// with pretty permalinks, everything under ``Configuration/pathPrefix``.
    private static func target(of request: EmulatorRequest, config: Configuration) -> Target {
        var path = request.path
        if !config.pathPrefix.isEmpty {
            guard path == config.pathPrefix || path.hasPrefix(config.pathPrefix + "/") else { return .page }
            path = String(path.dropFirst(config.pathPrefix.count))
        }
        if path.isEmpty { path = "/" }
        if let route = request.query["rest_route"], path == "/" || path == "/index.php" {
            return .api(route.hasPrefix("/") ? route : "/" + route)
        }
        if path == "/wp-json" || path.hasPrefix("/wp-json/") {
            guard config.permalinks == .pretty else { return config.plainWPJSON == .homePage ? .home : .page }
            let route = String(path.dropFirst("/wp-json".count))
            return .api(route.isEmpty ? "/" : route)
        }
        return path == "/" || path == "/index.php" ? .home : .page
    }

    private static func kind(ofRoute route: String) -> EmulatorRequestKind {
        var p = route
        while p.hasSuffix("/") { p.removeLast() }
        if p.isEmpty { return .index }
        let prefix = "/fluent-support/v2/"
        guard p.hasPrefix(prefix) else { return .other }
        let rest = p.dropFirst(prefix.count).split(separator: "/")
        switch (rest.first, rest.count) {
        case ("agents", 1): return .agents
        case ("mailboxes", 1): return .mailboxes
        case ("products", 1): return .products
        case ("tickets", 1): return .ticketList
        case ("tickets", 2): return .ticketDetail
        case ("activity-logger", 1): return .activities
        default: return .other
        }
    }

    private static let ticketPermissions: [(StaticString, String)] = [
        ("fst_view_dashboard", "View Dashboard"), ("fst_manage_own_tickets", "Manage Own Tickets"),
        ("fst_manage_unassigned_tickets", "Manage Unassigned Tickets"),
        ("fst_manage_other_tickets", "Manage Others Tickets"), ("fst_assign_agents", "Assign Agents"),
        ("fst_delete_tickets", "Delete Tickets & Individual Responses"), ("fst_merge_tickets", "Merge Tickets"),
        ("fst_split_ticket", "Split Ticket"), ("fst_draft_reply", "Draft Reply"),
        ("fst_approve_draft_reply", "Approve Draft Reply"),
    ]

    private static let jsonType = ("Content-Type", "application/json; charset=UTF-8")

    private static func json(_ status: Int, _ body: [UInt8], headers: [(String, String)] = []) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [jsonType] + headers, body: body)
    }

    private static func wpError(_ status: Int, code: String, message: String) -> EmulatorResponse {
        var j = EmulatorJSON(capacity: 128)
        j.beginObject()
        j.field("code", code)
        j.field("message", message)
        j.key("data")
        j.beginObject()
        j.field("status", number: Int64(status))
        j.endObject()
        j.endObject()
        return json(status, j.bytes)
    }

    /// A WordPress page: HTML, the API root in a `Link` header.
    private func homePage(_ config: Configuration) -> EmulatorResponse {
        var response = Self.html(200, title: "Emulated Helpdesk")
        if config.advertisesAPI {
            let base = "http://127.0.0.1:\(port)\(config.pathPrefix)"
            let root = config.permalinks == .pretty ? "\(base)/wp-json/" : "\(base)/?rest_route=/"
            response.headers.append(("Link", "<\(root)>; rel=\"https://api.w.org/\""))
        }
        return response
    }

    private static func html(_ status: Int, title: String) -> EmulatorResponse {
        let page = "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1></body></html>\n"
        return EmulatorResponse(status: status, headers: [("Content-Type", "text/html; charset=UTF-8")], body: Array(page.utf8))
    }

    private func respond(
        _ request: EmulatorRequest, route: String, kind: EmulatorRequestKind, fault: EmulatorFaults.Fault?,
        config: Configuration
    ) -> EmulatorResponse {
        guard request.method == "GET" else {
            return Self.wpError(404, code: "rest_no_route", message: "No route was found matching the URL and request method.")
        }
        if let target = config.redirectTo {
            return EmulatorResponse(
                status: 301, headers: [("Location", target + request.path)], body: Array("Moved".utf8))
        }
        let expected = "Basic " + Data("\(config.user):\(config.password)".utf8).base64EncodedString()
        let authorized = request.headers["authorization"] == expected
        if kind == .index {
            if config.indexRequiresLogin, !authorized {
                return Self.wpError(
                    401, code: "rest_login_required", message: "REST API restricted to authenticated users.")
            }
        } else if !authorized {
            return Self.wpError(401, code: "rest_forbidden", message: "Sorry, you are not allowed to do that.")
        }
        switch fault {
        case .serverError:
            return Self.wpError(
                500, code: "internal_server_error", message: "There has been a critical error on this website.")
        case .rateLimit:
            var r = Self.wpError(429, code: "too_many_requests", message: "Too many requests, slow down.")
            r.headers.append(("Retry-After", String(config.faults.retryAfterSeconds)))
            return r
        case .html:
            let page =
                "<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
            return EmulatorResponse(status: 200, headers: [("Content-Type", "text/html; charset=UTF-8")], body: Array(page.utf8))
        default:
            break
        }
        var response = answer(request, route: route, kind: kind, config: config)
        switch fault {
        case .slow: response.delivery = .delayed(config.faults.slowDelay)
        case .dropMidBody: response.delivery = .dropMidBody
        case .truncate: response.body = Array(response.body.prefix(max(1, response.body.count / 2)))
        default: break
        }
        return response
    }

    /// `per_page` as WordPress validates it: absent → the default; zero, negative or
    /// not a number → nil (the plugin answers 500).
    private static func paging(_ request: EmulatorRequest, defaultPerPage: Int) -> (perPage: Int, page: Int)? {
        var perPage = defaultPerPage
        if let text = request.query["per_page"] {
            guard let v = Int(text), v > 0 else { return nil }
            perPage = v
        }
        let page = max(1, request.query["page"].flatMap { Int($0) } ?? 1)
        return (perPage, page)
    }

    private func answer(
        _ request: EmulatorRequest, route: String, kind: EmulatorRequestKind, config: Configuration
    ) -> EmulatorResponse {
        let badPerPage = Self.wpError(
            500, code: "internal_server_error", message: "There has been a critical error on this website.")
        switch kind {
        case .index:
            return Self.json(200, indexBody(config))
        case .agents:
            guard let (perPage, page) = Self.paging(request, defaultPerPage: 15) else { return badPerPage }
            return Self.json(
                200,
                stateLock.read {
                    var j = EmulatorJSON()
                    let agents = state.agentIDs
                    j.beginObject()
                    j.key("agents")
                    state.page(&j, path: "agents", total: agents.count, perPage: perPage, page: page) { j, range in
                        for i in range { state.fullPerson(&j, agents[i], agentExtras: true) }
                    }
                    // The permission catalogue and the mailboxes, as the agents screen needs them.
                    j.key("permissions")
                    j.beginArray()
                    j.beginObject()
                    j.field("title", "Tickets Permissions")
                    j.key("permissions")
                    j.beginObject()
                    for (key, title) in Self.ticketPermissions { j.field(key, title) }
                    j.endObject()
                    j.endObject()
                    j.endArray()
                    j.key("businessBoxes")
                    j.beginArray()
                    for m in state.mailboxes {
                        j.beginObject()
                        j.field("id", number: m.id)
                        j.field("name", m.name)
                        j.key("settings")
                        j.beginArray()
                        j.endArray()
                        j.endObject()
                    }
                    j.endArray()
                    j.endObject()
                    return j.bytes
                })
        case .mailboxes:
            return Self.json(
                200,
                stateLock.read {
                    var j = EmulatorJSON()
                    j.beginObject()
                    j.key("mailboxes")
                    j.beginArray()
                    for m in state.mailboxes {
                        state.mailbox(&j, m.id, ticketsCount: state.tickets.lazy.filter { $0.mailboxId == m.id }.count)
                    }
                    j.endArray()
                    j.endObject()
                    return j.bytes
                })
        case .products:
            guard let (perPage, page) = Self.paging(request, defaultPerPage: 10) else { return badPerPage }
            return Self.json(
                200,
                stateLock.read {
                    // Wrapped under "products", as 2.0.1 sends it (samples/products.json).
                    var j = EmulatorJSON()
                    let products = state.products
                    j.beginObject()
                    j.key("products")
                    state.page(&j, path: "products", total: products.count, perPage: perPage, page: page) { j, range in
                        for i in range { state.product(&j, products[i].id) }
                    }
                    j.endObject()
                    return j.bytes
                })
        case .ticketList:
            guard let (perPage, page) = Self.paging(request, defaultPerPage: 15) else { return badPerPage }
            let orderBy = request.query["order_by"] ?? "id"
            if config.refusesUpdatedAtOrder, orderBy == "updated_at" {
                return Self.wpError(400, code: "rest_invalid_param", message: "Invalid parameter(s): order_by")
            }
            let ascending = request.query["order_type"]?.uppercased() == "ASC"
            return Self.json(
                200,
                stateLock.read {
                    var j = EmulatorJSON(capacity: perPage * 3000)
                    let tickets = state.tickets
                    // Ascending id already; other orders sort a copy (ties by id).
                    var order: [Int]? = nil
                    if orderBy == "created_at" || orderBy == "updated_at" {
                        order = tickets.indices.sorted { a, b in
                            let x = orderBy == "created_at" ? tickets[a].createdAt : (tickets[a].updatedAt ?? 0)
                            let y = orderBy == "created_at" ? tickets[b].createdAt : (tickets[b].updatedAt ?? 0)
                            return x != y ? x < y : tickets[a].id < tickets[b].id
                        }
                    }
                    j.beginObject()
                    j.key("tickets")
                    state.page(&j, path: "tickets", total: tickets.count, perPage: perPage, page: page) { j, range in
                        for position in range {
                            let p = ascending ? position : tickets.count - 1 - position
                            state.listRow(&j, tickets[order?[p] ?? p])
                        }
                    }
                    j.endObject()
                    return j.bytes
                })
        case .ticketDetail:
            let idText = route.split(separator: "/").last.map(String.init) ?? ""
            let body: [UInt8]? = stateLock.read {
                guard let id = Int64(idText), let t = state.ticket(id) else { return nil }
                var j = EmulatorJSON(capacity: 16_384)
                state.detail(&j, t)
                return j.bytes
            }
            guard let body else {
                var j = EmulatorJSON()
                j.string("No query results for model [FluentSupport\\App\\Models\\Ticket] \(idText)")
                return Self.json(422, j.bytes)
            }
            return Self.json(200, body)
        case .activities:
            guard let (perPage, page) = Self.paging(request, defaultPerPage: 15) else { return badPerPage }
            return Self.json(
                200,
                stateLock.read {
                    var j = EmulatorJSON(capacity: perPage * 800)
                    let activities = state.activities
                    j.beginObject()
                    j.key("activities")
                    state.page(&j, path: "activity-logger", total: activities.count, perPage: perPage, page: page) { j, range in
                        for position in range { state.activity(&j, activities[activities.count - 1 - position]) }
                    }
                    j.key("settings")
                    j.beginObject()
                    j.field("delete_days", number: 14)
                    j.field("disable_logs", config.activityLogDisabled ? "yes" : "no")
                    j.field("open_link_in_new_tab", "no")
                    j.endObject()
                    j.endObject()
                    return j.bytes
                })
        case .other, .page:
            return Self.wpError(404, code: "rest_no_route", message: "No route was found matching the URL and request method.")
        }
    }

    private func indexBody(_ config: Configuration) -> [UInt8] {
        let tz = config.timezoneString ?? state.timezone
        let offsetSeconds = state.clock.timeZone.secondsFromGMT(
            for: Date(timeIntervalSince1970: TimeInterval(state.clock.unixSeconds(local: state.now))))
        var j = EmulatorJSON()
        j.beginObject()
        j.field("name", "Emulated Helpdesk")
        j.field("description", "")
        let home = "http://127.0.0.1:\(port)\(config.pathPrefix)"
        j.field("url", home)
        j.field("home", home)
        j.key("gmt_offset")
        j.number(Double(offsetSeconds) / 3600)
        j.field("timezone_string", tz)
        j.key("namespaces")
        j.beginArray()
        for n in config.namespaces { j.string(n) }
        j.endArray()
        j.endObject()
        return j.bytes
    }
}
