import FSSnapshot

/// Turns API bodies into snapshot records, one deliberate rule per field: ids and counts
/// as numbers or decimal strings (``JSONScanner/readInt64()``), timestamps in either of
/// the two forms (``APITime``), names kept byte for byte (trailing spaces included),
/// unknown fields skipped. Titles are never read, nor ticket `content`; a response's `content` is read only to
/// recognise an internal_info row's ``SystemNoteKind``, and not kept.
struct APIDecoder: Sendable {
    let clock: SiteClock

    /// Why a body could not be decoded (wrapped with the URL by the caller).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: Documents

    func siteIndex(_ body: [UInt8]) throws -> SiteIndex {
        var index = SiteIndex(timezoneString: nil, gmtOffset: nil, namespaces: [])
        var sawNamespaces = false
        try document(body) { s in
            try s.readObject { s, key in
                switch key {
                case "timezone_string": index.timezoneString = try s.readString()
                case "gmt_offset": index.gmtOffset = try s.readDouble()
                case "namespaces":
                    sawNamespaces = true
                    try s.readArray { s in if let n = try s.readString() { index.namespaces.append(n) } }
                default: break
                }
            }
        }
        guard sawNamespaces else { throw Failure(description: "no \"namespaces\" in the REST index") }
        return index
    }

    func agentsPage(_ body: [UInt8]) throws -> Page<Person> {
        try wrappedPage(body, key: "agents") { s in try person(&s, defaultType: "agent") }
            .map { $0.compactMap { $0 } }
    }

    /// `GET /products`: wrapped under `"products"` by 2.0.1 (samples/products.json), at
    /// the top level in the seed's document; both are read.
    func productsPage(_ body: [UInt8]) throws -> Page<NamedEntity> {
        try wrappedPage(body, key: "products") { s in try named(&s, nameKey: "title") }.map { $0.compactMap { $0 } }
    }

    /// `GET /mailboxes`: documented as a plain array, answered by real servers as
    /// `{"mailboxes": [...]}`; the first byte tells which.
    func mailboxes(_ body: [UInt8]) throws -> [NamedEntity] {
        var rows: [NamedEntity] = []
        try document(body) { s in
            switch try s.peekKind() {
            case .array:
                try s.readArray { s in if let m = try named(&s, nameKey: "name") { rows.append(m) } }
            case .object:
                var found = false
                try s.readObject { s, key in
                    guard key == "mailboxes" else { return }
                    found = true
                    try s.readArray { s in if let m = try named(&s, nameKey: "name") { rows.append(m) } }
                }
                guard found else { throw Failure(description: "expected a \"mailboxes\" list") }
            default:
                throw Failure(description: "expected a list of mailboxes")
            }
        }
        return rows
    }

    func ticketsPage(_ body: [UInt8]) throws -> Page<ListedTicket> {
        try wrappedPage(body, key: "tickets") { s in try listedTicket(&s) }
    }

    func activitiesPage(_ body: [UInt8]) throws -> Page<Activity> {
        try wrappedPage(body, key: "activities") { s in try activity(&s) }
    }

    func ticketDetail(_ body: [UInt8], id: Int64) throws -> TicketDetail {
        var detail = TicketDetail(ticket: nil, conversations: [], persons: [])
        var sawResponses = false
        try document(body) { s in
            try s.readObject { s, key in
                switch key {
                case "ticket":
                    let listed = try listedTicket(&s)
                    detail.ticket = listed.ticket
                    detail.persons += listed.persons
                case "responses":
                    sawResponses = true
                    try s.readArray { s in
                        let (conversation, author) = try self.conversation(&s, ticketId: id)
                        detail.conversations.append(conversation)
                        if let author { detail.persons.append(author) }
                    }
                default: break
                }
            }
        }
        guard let ticket = detail.ticket, sawResponses else {
            throw Failure(description: "expected \"ticket\" and \"responses\"")
        }
        guard ticket.id == id else { throw Failure(description: "asked for ticket \(id), got ticket \(ticket.id)") }
        return detail
    }

    /// The message of a WordPress error body (`{"code", "message", ...}`) or of a JSON
    /// string body (a missing ticket's 422); nil when the body is neither.
    static func errorMessage(_ body: [UInt8]) -> String? {
        var s = JSONScanner(body)
        var message: String?
        do {
            switch try s.peekKind() {
            case .string: message = try s.readString()
            case .object:
                try s.readObject { s, key in
                    if key == "message", try s.peekKind() == .string { message = try s.readString() }
                }
            default: return nil
            }
        } catch {
            return nil
        }
        return message
    }

    /// Whether an activity page's `settings.disable_logs` says the log is off (`"yes"`).
    static func activityLoggingDisabled(_ body: [UInt8]) -> Bool {
        var s = JSONScanner(body)
        var disabled = false
        do {
            guard try s.peekKind() == .object else { return false }
            try s.readObject { s, key in
                guard key == "settings", try s.peekKind() == .object else { return }
                try s.readObject { s, key in
                    guard key == "disable_logs", try s.peekKind() == .string else { return }
                    disabled = try s.readString() == "yes"
                }
            }
        } catch {
            return false
        }
        return disabled
    }

    /// The `code` of a WordPress error body (`rest_no_route`, `rest_forbidden`, ...).
    static func errorCode(_ body: [UInt8]) -> String? {
        var s = JSONScanner(body)
        var code: String?
        do {
            guard try s.peekKind() == .object else { return nil }
            try s.readObject { s, key in
                if key == "code", try s.peekKind() == .string { code = try s.readString() }
            }
        } catch {
            return nil
        }
        return code
    }

    // MARK: Records

    private func listedTicket(_ s: inout JSONScanner) throws -> ListedTicket {
        var id: Int64?
        var status: String?
        var createdAt: Int64?
        var t = Ticket(id: 0, status: "", createdAt: 0)
        var persons: [Person] = []
        try s.readObject { s, key in
            switch key {
            case "id": id = try s.readInt64()
            case "customer_id": t.customerId = try s.readInt64()
            case "agent_id": t.agentId = try s.readInt64()
            case "mailbox_id": t.mailboxId = try s.readInt64()
            case "product_id": t.productId = try s.readInt64()
            case "status": status = try s.readString()
            case "priority": t.priority = try s.readString()
            case "client_priority": t.clientPriority = try s.readString()
            case "created_at": createdAt = try time(&s, key)
            case "updated_at": t.updatedAt = try time(&s, key)
            case "resolved_at": t.resolvedAt = try time(&s, key)
            case "closed_by": t.closedBy = try s.readInt64()
            case "last_agent_response": t.lastAgentResponse = try time(&s, key)
            case "last_customer_response": t.lastCustomerResponse = try time(&s, key)
            case "waiting_since": t.waitingSince = try time(&s, key)
            case "response_count": t.responseCount = try s.readInt64() ?? 0
            case "first_response_time": t.firstResponseTime = try s.readInt64()
            case "total_close_time": t.totalCloseTime = try s.readInt64()
            case "preview_response":
                try s.readObject { s, key in if key == "id" { t.previewResponseId = try s.readInt64() } }
            case "customer": if let p = try person(&s, defaultType: "customer") { persons.append(p) }
            case "agent": if let p = try person(&s, defaultType: "agent") { persons.append(p) }
            default: break
            }
        }
        guard let id else { throw Failure(description: "a ticket without \"id\"") }
        guard let status else { throw Failure(description: "ticket \(id) has no \"status\"") }
        guard let createdAt else { throw Failure(description: "ticket \(id) has no \"created_at\"") }
        t.id = id
        t.status = status
        t.createdAt = createdAt
        return ListedTicket(ticket: t, persons: persons)
    }

    private func conversation(_ s: inout JSONScanner, ticketId: Int64) throws -> (Conversation, Person?) {
        var id: Int64?
        var ticket: Int64?
        var personId: Int64?
        var type: String?
        var createdAt: Int64?
        var author: Person?
        // Read only to recognise a system line's kind; the text is never kept.
        var recognised: SystemNoteKind?
        try s.readObject { s, key in
            switch key {
            case "id": id = try s.readInt64()
            case "ticket_id": ticket = try s.readInt64()
            case "person_id": personId = try s.readInt64()
            case "conversation_type": type = try s.readString()
            case "content": recognised = (try s.readString()).map(SystemNoteKind.recognise)
            case "created_at": createdAt = try time(&s, key)
            case "person": author = try person(&s, defaultType: nil)
            default: break
            }
        }
        guard let id else { throw Failure(description: "a response of ticket \(ticketId) without \"id\"") }
        guard let createdAt else { throw Failure(description: "response \(id) has no \"created_at\"") }
        if let ticket, ticket != ticketId {
            throw Failure(description: "response \(id) belongs to ticket \(ticket), listed under ticket \(ticketId)")
        }
        return (
            Conversation(
                id: id, ticketId: ticketId, personId: personId, conversationType: type ?? "response",
                createdAt: createdAt, systemKind: type == "internal_info" ? recognised ?? .other : nil),
            author
        )
    }

    private func activity(_ s: inout JSONScanner) throws -> Activity {
        var a = Activity(id: 0, personId: nil, personType: nil, eventType: "", objectType: nil, objectId: nil, createdAt: 0)
        var id: Int64?
        var createdAt: Int64?
        try s.readObject { s, key in
            switch key {
            case "id": id = try s.readInt64()
            case "person_id": a.personId = try s.readInt64()
            case "person_type": a.personType = try s.readString()
            case "event_type": a.eventType = try s.readString() ?? ""
            case "object_type": a.objectType = try s.readString()
            case "object_id": a.objectId = try s.readInt64()
            case "created_at": createdAt = try time(&s, key)
            default: break
            }
        }
        guard let id else { throw Failure(description: "an activity without \"id\"") }
        guard let createdAt else { throw Failure(description: "activity \(id) has no \"created_at\"") }
        a.id = id
        a.createdAt = createdAt
        return a
    }

    /// A person object; nil for `null`, or when its type is neither given nor implied.
    private func person(_ s: inout JSONScanner, defaultType: String?) throws -> Person? {
        var id: Int64?
        var p = Person(id: 0, personType: "")
        var type: String?
        var isNull = true
        try s.readObject { s, key in
            isNull = false
            switch key {
            case "id": id = try s.readInt64()
            case "person_type": type = try s.readString()
            case "first_name": p.firstName = try s.readString()
            case "last_name": p.lastName = try s.readString()
            case "email": p.email = try s.readString()
            case "photo": p.photo = try s.readString()
            default: break
            }
        }
        guard !isNull, let id, let personType = type ?? defaultType else { return nil }
        p.id = id
        p.personType = personType
        return p
    }

    private func named(_ s: inout JSONScanner, nameKey: String) throws -> NamedEntity? {
        var id: Int64?
        var name: String?
        try s.readObject { s, key in
            if key == "id" {
                id = try s.readInt64()
            } else if key == nameKey {
                name = try s.readString()
            }
        }
        guard let id else { return nil }
        return NamedEntity(id: id, name: name ?? "")
    }

    private func time(_ s: inout JSONScanner, _ key: String) throws -> Int64? {
        let start = s.offset
        guard let text = try s.readString() else { return nil }
        switch APITime.parse(text, clock: clock) {
        case .success(let value): return value
        case .failure:
            throw s.error(
                "\"\(key)\": \"\(text)\" is not a timestamp (expected YYYY-MM-DD HH:MM:SS or ISO-8601)", at: start)
        }
    }

    // MARK: Envelopes

    /// A Laravel paginator, either under `key` (`{"tickets": {"data": [...], ...}}`, as
    /// real servers send every list) or at the top level (`{"data": [...], ...}`, as the
    /// seed's document shows some); whichever the body holds.
    private func wrappedPage<Row>(
        _ body: [UInt8], key: String, row: (inout JSONScanner) throws -> Row
    ) throws -> Page<Row> {
        var wrapped = Page<Row>()
        var topLevel = Page<Row>()
        var sawWrapped = false
        var sawWrappedData = false
        var sawTopData = false
        try document(body) { s in
            try s.readObject { s, k in
                if k == key, try s.peekKind() == .object {
                    sawWrapped = true
                    try s.readObject { s, member in
                        try readPageMember(&s, key: member, into: &wrapped, sawData: &sawWrappedData, row: row)
                    }
                } else {
                    try readPageMember(&s, key: k, into: &topLevel, sawData: &sawTopData, row: row)
                }
            }
        }
        if sawWrapped {
            guard sawWrappedData else { throw Failure(description: "a \"\(key)\" page without \"data\"") }
            return wrapped
        }
        guard sawTopData else {
            throw Failure(description: "expected a \"\(key)\" page (or a paginator with \"data\" at the top level)")
        }
        return topLevel
    }

    /// One member of a paginator; members it does not know are left for the caller to skip.
    private func readPageMember<Row>(
        _ s: inout JSONScanner, key: String, into page: inout Page<Row>, sawData: inout Bool,
        row: (inout JSONScanner) throws -> Row
    ) throws {
        switch key {
        case "total": page.total = try s.readInt64()
        case "per_page": page.perPage = try s.readInt64()
        case "current_page": page.currentPage = try s.readInt64()
        case "last_page": page.lastPage = try s.readInt64()
        case "data" where try s.peekKind() == .array:
            sawData = true
            try s.readArray { s in page.rows.append(try row(&s)) }
        default: break
        }
    }

    private func document(_ body: [UInt8], _ read: (inout JSONScanner) throws -> Void) throws {
        var s = JSONScanner(body)
        try read(&s)
        try s.finish()
    }
}
