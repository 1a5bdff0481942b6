import FSSnapshot

/// One page of a Laravel-style paged list (`total`, `per_page`, `current_page`,
/// `last_page`, `data`, plus fields this tool ignores).
struct Page<Row: Sendable>: Sendable {
    var total: Int64?
    var perPage: Int64?
    var currentPage: Int64?
    var lastPage: Int64?
    var rows: [Row] = []
}

/// A ticket row of `GET /tickets`, with the persons embedded in it.
struct ListedTicket: Sendable {
    var ticket: Ticket
    var persons: [Person]
}

/// `GET /tickets/<id>`: the ticket and all its conversations (responses, notes,
/// internal info), with their authors.
struct TicketDetail: Sendable {
    var ticket: Ticket?
    var conversations: [Conversation]
    var persons: [Person]
}

/// What WordPress's REST index (`GET /wp-json/`) tells about the site.
struct SiteIndex: Equatable, Sendable {
    var timezoneString: String?
    var gmtOffset: Double?
    var namespaces: [String]
}

extension Page {
    func map<T: Sendable>(_ transform: ([Row]) -> [T]) -> Page<T> {
        Page<T>(total: total, perPage: perPage, currentPage: currentPage, lastPage: lastPage, rows: transform(rows))
    }
}
