import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation

/// A generated helpdesk for the saved-query tests, with a few rows bent so every branch of
/// the queries has something to count: tickets without a priority or a mailbox, a product
/// and an agent id that do not exist.
enum QueryFixture {
    static let now = LocalTime.parse("2026-11-20 15:00:00")!
    static let today = LocalTime.day(now)
    /// The range the tests query: [fromDay, toDay], inclusive.
    static let fromDay = today - 40
    static let toDay = today - 2
    static var fromTs: Int64 { fromDay * LocalTime.secondsPerDay }
    static var toTs: Int64 { (toDay + 1) * LocalTime.secondsPerDay }
    static var fromText: String { LocalTime.formatDate(day: fromDay) }
    static var toText: String { LocalTime.formatDate(day: toDay) }

    static let dataset: HelpdeskDataset = {
        var d = HelpdeskGenerator.generate(
            GeneratorConfig(seed: 11, tickets: 2000, agents: 5, days: 70, now: now, timezone: "UTC"))
        for i in d.tickets.indices {
            let id = d.tickets[i].id
            if id % 50 == 0 { d.tickets[i].priority = nil }
            if id % 45 == 0 { d.tickets[i].mailboxId = nil }
            if id % 60 == 0 { d.tickets[i].productId = 99 }
            if id % 70 == 0 { d.tickets[i].agentId = 9_999 }
        }
        return d
    }()

    /// The repository's `queries/` folder.
    static let queriesDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("queries").path

    /// Writes ``dataset`` into a new snapshot at `path` (closed when this returns).
    static func writeSnapshot(at path: String) throws {
        try write(dataset, at: path)
    }

    static func write(_ d: HelpdeskDataset, at path: String) throws {
        let snapshot = try Snapshot(path: path, mode: .create)
        try snapshot.setMeta(MetaKey.timezone, d.timezone)
        try snapshot.write { w in
            for p in d.persons { try w.upsert(p) }
            for m in d.mailboxes { try w.upsertMailbox(m) }
            for p in d.products { try w.upsertProduct(p) }
            for t in d.tickets { try w.upsert(t) }
            for c in d.conversations { try w.upsert(c) }
            for a in d.activities { try w.upsert(a) }
        }
        try snapshot.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    // MARK: Independent definitions, written from the query descriptions

    static func createdInRange(_ t: Ticket) -> Bool { t.createdAt >= fromTs && t.createdAt < toTs }

    static func closedInRange(_ t: Ticket) -> Bool {
        t.status == "closed" && (t.resolvedAt.map { $0 >= fromTs && $0 < toTs } ?? false)
    }

    /// SEMANTICS.md agents-summary "waiting", without the agent condition.
    static func isWaiting(_ t: Ticket) -> Bool {
        guard t.status != "closed", t.waitingSince != nil else { return false }
        if t.status == "new" { return true }
        guard let agent = t.lastAgentResponse else { return true }
        if let customer = t.lastCustomerResponse, agent < customer { return true }
        return false
    }

    /// Median of a non-empty list: the middle value, or the mean of the two middle ones.
    static func median(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? Double(s[n / 2]) : (Double(s[n / 2 - 1]) + Double(s[n / 2])) / 2
    }

    /// Nearest-rank 90th percentile: the smallest value with at least 90% of values at or below it.
    static func p90(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        var rank = 1
        while rank * 10 < s.count * 9 { rank += 1 }
        return s[rank - 1]
    }

    static func agentName(_ id: Int64?) -> String {
        guard let id else { return "(unassigned)" }
        guard let p = dataset.persons.first(where: { $0.id == id }) else { return "#\(id)" }
        let first = (p.firstName ?? "").trimmingCharacters(in: .whitespaces)
        let last = (p.lastName ?? "").trimmingCharacters(in: .whitespaces)
        return "\(first) \(last)".trimmingCharacters(in: .whitespaces)
    }

    static func weekdayName(ofDay day: Int64) -> String {
        // 1970-01-01 was a Thursday.
        ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"][Int(day % 7)]
    }
}

/// One saved-query run parsed from its JSON output.
struct QueryRows {
    let columns: [String]
    let rows: [[String: Any]]

    init(_ text: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let columns = object["columns"] as? [String], let rows = object["rows"] as? [[String: Any]]
        else { throw QueryTestError.badJSON(String(text.prefix(300))) }
        self.columns = columns
        self.rows = rows
    }

    func int(_ row: Int, _ column: String) -> Int64? { QueryRows.int(rows[row][column]) }
    func double(_ row: Int, _ column: String) -> Double? { QueryRows.double(rows[row][column]) }
    func string(_ row: Int, _ column: String) -> String? { rows[row][column] as? String }

    static func int(_ value: Any?) -> Int64? {
        if let n = value as? NSNumber, !(value is NSNull) { return n.int64Value }
        return nil
    }

    static func double(_ value: Any?) -> Double? {
        if let n = value as? NSNumber, !(value is NSNull) { return n.doubleValue }
        return nil
    }
}

enum QueryTestError: Error { case badJSON(String) }
