import FSGenerator
import FSSnapshot

/// The bodies a Fluent Support 2.0.1 server sends (see `shared/samples/`): ids and
/// counts as strings where it sends strings, `created_at` / `updated_at` /
/// `waiting_since` as ISO-8601 UTC instants, `last_*_response` and `resolved_at` as local
/// plain strings, every field a client must ignore.
extension EmulatorState {
    /// `2026-07-24T12:21:23+00:00` for a site-local time.
    func iso(_ t: Int64?) -> String? {
        guard let t else { return nil }
        let text = LocalTime.format(Self.instant(local: t, clock: clock))
        return String(text.prefix(10)) + "T" + String(text.suffix(8)) + "+00:00"
    }

    func plain(_ t: Int64?) -> String? { t.map(LocalTime.format) }

    /// A stable hex string standing in for the plugin's md5 hashes.
    func hexHash(_ v: Int64) -> String {
        String(UInt64(bitPattern: v) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
    }

    /// Person creation time: before any ticket.
    private var personCreated: String { iso(tickets.first.map { $0.createdAt - 86_400 } ?? now - 86_400)! }

    // MARK: Envelopes

    /// A Laravel paginator body (the object under the resource key, or top level).
    func page(
        _ json: inout EmulatorJSON, path: String, total: Int, perPage: Int, page: Int,
        rows: (inout EmulatorJSON, Range<Int>) -> Void
    ) {
        let lastPage = max(1, (total + perPage - 1) / perPage)
        let start = min(total, (page - 1) * perPage)
        let end = min(total, start + perPage)
        let url = "http://127.0.0.1/wp-json/fluent-support/v2/\(path)"
        json.beginObject()
        json.field("current_page", number: Int64(page))
        json.key("data")
        json.beginArray()
        rows(&json, start..<end)
        json.endArray()
        json.field("first_page_url", "\(url)/?page=1")
        json.field("from", number: end > start ? Int64(start + 1) : nil)
        json.field("last_page", number: Int64(lastPage))
        json.field("last_page_url", "\(url)/?page=\(lastPage)")
        json.key("links")
        json.beginArray()
        json.beginObject()
        json.field("url", page > 1 ? "\(url)/?page=\(page - 1)" : nil)
        json.field("label", "pagination.previous")
        json.key("active")
        json.bool(false)
        json.endObject()
        json.beginObject()
        json.field("url", page < lastPage ? "\(url)/?page=\(page + 1)" : nil)
        json.field("label", "pagination.next")
        json.key("active")
        json.bool(false)
        json.endObject()
        json.endArray()
        json.field("next_page_url", page < lastPage ? "\(url)/?page=\(page + 1)" : nil)
        json.field("path", url)
        json.field("per_page", number: Int64(perPage))
        json.field("prev_page_url", page > 1 ? "\(url)/?page=\(page - 1)" : nil)
        json.field("to", number: end > start ? Int64(end) : nil)
        json.field("total", number: Int64(total))
        json.endObject()
    }

    // MARK: Persons

    private func fullName(_ p: Person) -> String {
        [p.firstName, p.lastName].compactMap { $0 }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    /// The short form embedded in ticket rows and activities.
    func shortPerson(_ json: inout EmulatorJSON, _ id: Int64?, withEmail: Bool = true, withType: Bool = false) {
        guard let id, let p = persons[id] else { return json.null() }
        json.beginObject()
        json.field("first_name", p.firstName)
        if withType { json.field("person_type", p.personType) }
        json.field("last_name", p.lastName)
        if withEmail { json.field("email", p.email) }
        json.field("id", number: p.id)
        json.fieldNull("avatar")
        json.field("full_name", fullName(p))
        json.field("photo", p.photo)
        json.endObject()
    }

    /// The full person object of ticket details and responses.
    /// - Parameters:
    ///   - agentExtras: the agent list's permissions, counts and restrictions.
    ///   - profileLinks: the ticket's own customer carries its custom fields and profile link.
    func fullPerson(_ json: inout EmulatorJSON, _ id: Int64?, agentExtras: Bool = false, profileLinks: Bool = false) {
        guard let id, let p = persons[id] else { return json.null() }
        let agent = p.personType == "agent"
        json.beginObject()
        json.field("id", number: p.id)
        json.field("first_name", p.firstName)
        json.field("last_name", p.lastName)
        json.field("email", p.email)
        json.field("title", agent ? "Support Engineer" : nil)
        json.fieldNull("avatar")
        json.field("person_type", p.personType)
        json.field("status", "active")
        json.field("ip_address", agent ? nil : "10.0.\(p.id / 256 % 256).\(p.id % 256)")
        for k: StaticString in ["last_ip_address", "address_line_1", "address_line_2", "city", "zip", "state"] {
            json.fieldNull(k)
        }
        json.field("country", agent ? nil : "US")
        json.fieldNull("note")
        json.field("hash", hexHash(p.id))
        json.field("user_id", numericString: agent ? p.id : nil)
        json.fieldNull("description")
        json.fieldNull("remote_uid")
        // Customers carry their latest response time as a local plain string.
        json.field("last_response_at", agent ? nil : plain(now - p.id % 86_400))
        json.field("created_at", personCreated)
        json.field("updated_at", personCreated)
        if profileLinks && !agent {
            json.fieldNull("custom_field_keys")
            json.field("profile_edit_url", "")
        }
        if agentExtras {
            json.key("permissions")
            json.beginArray()
            for perm in ["fst_view_dashboard", "fst_manage_own_tickets", "fst_view_all_reports"] { json.string(perm) }
            json.endArray()
            json.field("user_profile", "http://127.0.0.1/wp-admin/user-edit.php?user_id=\(p.id)")
            let replies = Int64(conversations.values.reduce(0) { $0 + $1.filter { $0.personId == p.id }.count })
            json.field("replies_count", number: replies)
            json.field("interactions_count", number: replies / 3)
            json.field("telegram_chat_id", "")
            json.field("slack_user_id", "")
            json.field("whatsapp_number", "")
            json.key("restrictions")
            json.beginObject()
            json.key("restrictedBusinessBoxes")
            json.beginArray()
            json.endArray()
            json.key("businessBoxRestrictions")
            json.bool(false)
            json.endObject()
        }
        json.field("full_name", fullName(p))
        json.field("photo", p.photo)
        json.endObject()
    }

    // MARK: Dimensions

    func mailbox(_ json: inout EmulatorJSON, _ id: Int64?, ticketsCount: Int? = nil) {
        guard let id, let m = mailboxes.first(where: { $0.id == id }) else { return json.null() }
        json.beginObject()
        json.field("id", number: m.id)
        json.field("name", m.name)
        json.field("slug", m.name.lowercased().replacingOccurrences(of: " ", with: "-"))
        json.field("box_type", m.id == 1 ? "web" : "email")
        json.field("email", "box\(m.id)@example.test")
        json.fieldNull("mapped_email")
        json.fieldNull("email_footer")
        json.key("settings")
        json.beginObject()
        json.field("admin_email_address", "")
        json.endObject()
        json.fieldNull("avatar")
        json.field("created_by", numericString: 1)
        json.field("is_default", m.id == 1 ? "yes" : "no")
        json.field("created_at", personCreated)
        json.field("updated_at", personCreated)
        if let ticketsCount { json.field("tickets_count", number: Int64(ticketsCount)) }
        json.endObject()
    }

    func product(_ json: inout EmulatorJSON, _ id: Int64?) {
        guard let id, let p = products.first(where: { $0.id == id }) else { return json.null() }
        json.beginObject()
        json.field("id", number: p.id)
        json.fieldNull("source_uid")
        json.field("mailbox_id", numericString: nil)
        json.field("title", p.name)
        json.field("description", "\(p.name) product")
        json.fieldNull("settings")
        json.field("source", "local")
        json.field("created_by", numericString: 1)
        json.field("created_at", personCreated)
        json.field("updated_at", personCreated)
        json.endObject()
    }

    // MARK: Tickets and conversations

    /// A ticket's own fields (list row and detail share them).
    private func ticketFields(_ json: inout EmulatorJSON, _ t: Ticket) {
        json.field("id", number: t.id)
        json.field("customer_id", numericString: t.customerId)
        json.field("agent_id", numericString: t.agentId)
        json.field("mailbox_id", numericString: t.mailboxId)
        json.field("product_id", numericString: t.productId)
        json.field("product_source", "local")
        json.field("privacy", "private")
        json.field("priority", t.priority)
        json.field("client_priority", t.clientPriority)
        json.field("status", t.status)
        json.field("title", "Question about my account \"#\(t.id)\" — ünïcödé & <tags>")
        json.field("slug", "ticket-\(t.id)")
        json.field("hash", String(hexHash(t.id &+ 7).prefix(10)))
        json.field("content_hash", hexHash(t.id))
        json.fieldNull("message_id")
        json.field("source", "web")
        json.field("content", "<p>Hello,\nI need help with ticket \(t.id). Details: \\ \"quoted\" / path</p>")
        json.fieldNull("secret_content")
        json.field("last_agent_response", plain(t.lastAgentResponse))
        json.field("last_customer_response", plain(t.lastCustomerResponse))
        json.field("waiting_since", iso(t.waitingSince))
        json.field("response_count", numericString: t.responseCount)
        json.field("first_response_time", numericString: t.firstResponseTime)
        json.field("total_close_time", numericString: t.totalCloseTime)
        json.field("resolved_at", plain(t.resolvedAt))
        json.field("closed_by", numericString: t.closedBy)
        json.field("created_at", iso(t.createdAt))
        json.field("updated_at", iso(t.updatedAt))
    }

    /// A row of `GET /tickets`.
    func listRow(_ json: inout EmulatorJSON, _ t: Ticket) {
        json.beginObject()
        ticketFields(&json, t)
        json.key("customer")
        shortPerson(&json, t.customerId)
        json.key("agent")
        shortPerson(&json, t.agentId)
        json.key("mailbox")
        mailbox(&json, t.mailboxId)
        json.key("product")
        product(&json, t.productId)
        json.key("tags")
        json.beginArray()
        json.endArray()
        json.key("preview_response")
        if let latest = conversations[t.id]?.last {
            conversation(&json, latest, withPerson: false)
        } else {
            json.null()
        }
        json.endObject()
    }

    func conversation(_ json: inout EmulatorJSON, _ c: Conversation, withPerson: Bool) {
        json.beginObject()
        json.field("id", number: c.id)
        json.field("serial", numericString: Int64((conversations[c.ticketId]?.firstIndex { $0.id == c.id } ?? 0) + 1))
        json.field("ticket_id", numericString: c.ticketId)
        json.field("person_id", numericString: c.personId)
        json.field("conversation_type", c.conversationType)
        json.field(
            "content", c.conversationType == "internal_info" ? systemText(c) : "<p>Reply \(c.id)</p>\n")
        json.field("source", "web")
        json.field("content_hash", hexHash(c.id))
        json.fieldNull("message_id")
        json.field("is_important", "no")
        json.field("created_at", iso(c.createdAt))
        json.field("updated_at", iso(c.createdAt))
        if withPerson {
            json.field("cc_info", "")
            json.key("person")
            fullPerson(&json, c.personId)
            json.key("attachments")
            json.beginArray()
            json.endArray()
            json.fieldNull("ccinfo")
        }
        json.endObject()
    }

    /// `GET /tickets/<id>`: responses newest first, both inside the ticket and beside it.
    func detail(_ json: inout EmulatorJSON, _ t: Ticket) {
        let responses = (conversations[t.id] ?? []).reversed()
        json.beginObject()
        json.key("ticket")
        json.beginObject()
        ticketFields(&json, t)
        // Who has the ticket open right now: the first agent, as the sample shows an admin.
        json.key("live_activity")
        json.beginArray()
        if let viewer = agentIDs.first.flatMap({ persons[$0] }) {
            json.beginObject()
            json.field("email", viewer.email)
            json.field("first_name", viewer.firstName)
            json.field("last_name", viewer.lastName)
            json.field("full_name", fullName(viewer))
            json.field("photo", viewer.photo)
            json.endObject()
        }
        json.endArray()
        json.field("carbon_copy", "")
        json.key("customer")
        fullPerson(&json, t.customerId, profileLinks: true)
        json.key("agent")
        fullPerson(&json, t.agentId)
        json.key("product")
        product(&json, t.productId)
        json.key("mailbox")
        mailbox(&json, t.mailboxId)
        json.key("tags")
        json.beginArray()
        json.endArray()
        json.key("attachments")
        json.beginArray()
        json.endArray()
        json.key("closed_by_person")
        fullPerson(&json, t.closedBy)
        json.key("responses")
        json.beginArray()
        for c in responses { conversation(&json, c, withPerson: true) }
        json.endArray()
        json.endObject()
        json.key("responses")
        json.beginArray()
        for c in responses { conversation(&json, c, withPerson: true) }
        json.endArray()
        json.field("agent_id", number: agentIDs.first)
        json.endObject()
    }

    func activity(_ json: inout EmulatorJSON, _ a: Activity) {
        json.beginObject()
        json.field("id", number: a.id)
        json.field("person_id", numericString: a.personId)
        json.field("person_type", a.personType)
        json.field("event_type", a.eventType)
        json.field("object_id", numericString: a.objectId)
        json.field("object_type", a.objectType)
        json.field("description", "<a class=\"fs_link_trans fs_tk\" href=\"#view_ticket\">Ticket #\(a.objectId ?? 0)</a>")
        json.field("created_at", iso(a.createdAt))
        json.field("updated_at", iso(a.createdAt))
        json.key("person")
        shortPerson(&json, a.personId, withEmail: false, withType: true)
        json.endObject()
    }

    /// The system line of an internal_info row, as the plugin words it (a row without a
    /// recorded kind is a close, as the generator's rows were before kinds).
    func systemText(_ c: Conversation) -> String {
        let kind = c.systemKind ?? .close
        guard kind == .assign else { return kind.sampleText() }
        let actor = c.personId.flatMap { persons[$0] }.map(fullName) ?? "Someone"
        let assignee = ticketIndex(c.ticketId).flatMap { tickets[$0].agentId }.flatMap { persons[$0] }.map(fullName) ?? "Someone"
        return kind.sampleText(actor: actor, assignee: assignee)
    }
}
