import FSCLI
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// `fsreport query`: every shipped query checked against values computed here from the
/// generated rows, and every way a query file can be wrong.
@Suite struct QueryTests {
    let dir = TemporaryDirectory()
    let db: String
    typealias F = QueryFixture

    init() throws {
        db = dir.file("snapshot.sqlite")
        try F.writeSnapshot(at: db)
    }

    var variables: [String: String] { ["FSREPORT_QUERIES": F.queriesDirectory] }

    /// Runs a query on the fixture snapshot over the test range, as JSON.
    func query(_ name: String, _ extra: [String] = [], range: Bool = true) throws -> QueryRows {
        var arguments = ["query", name, "--db", db, "--now", LocalTime.format(F.now), "--format", "json"]
        if range { arguments += ["--from", F.fromText, "--to", F.toText] }
        let run = runCLI(arguments + extra, in: dir.path, variables: variables)
        #expect(run.code == 0, "\(name): \(run.stderr)")
        #expect(run.stderr == "")
        return try QueryRows(run.stdout)
    }

    func close(_ actual: Double?, _ expected: Double?, _ tolerance: Double = 0.0051) -> Bool {
        switch (actual, expected) {
        case (nil, nil): return true
        case (let a?, let e?): return abs(a - e) <= tolerance
        default: return false
        }
    }

    // MARK: The shipped queries, value by value

    @Test func ticketsByPriority() throws {
        let r = try query("tickets-by-priority")
        let cohort = F.dataset.tickets.filter(F.createdInRange)
        let groups = Dictionary(grouping: cohort) { $0.priority ?? "(none)" }
        let order = ["critical", "medium", "normal", "(none)"].filter { groups[$0] != nil }
        #expect(groups.keys.count == order.count, "unexpected priorities: \(groups.keys)")
        #expect(r.rows.map { $0["priority"] as? String } == order)
        for (i, priority) in order.enumerated() {
            let tickets = groups[priority]!
            let times = tickets.compactMap(\.firstResponseTime)
            #expect(r.int(i, "tickets") == Int64(tickets.count))
            #expect(r.int(i, "answered") == Int64(times.count))
            #expect(r.int(i, "closed_now") == Int64(tickets.filter { $0.status == "closed" }.count))
            let median = F.median(times)
            #expect(r.int(i, "median_first_response_s") == median.map { Int64($0.rounded()) })
            #expect(close(r.double(i, "median_first_response_h"), median.map { $0 / 3600 }))
            let p90 = F.p90(times)
            #expect(r.int(i, "p90_first_response_s") == p90)
            #expect(close(r.double(i, "p90_first_response_h"), p90.map { Double($0) / 3600 }))
        }
        #expect(order.contains("(none)"))
    }

    @Test func weeklyAgentTimes() throws {
        let r = try query("weekly-agent-times")
        struct Key: Hashable, Comparable {
            let week: Int64
            let agent: Int64  // 0 = unassigned, sorted last within a week
            static func < (a: Key, b: Key) -> Bool {
                (a.week, a.agent == 0 ? Int64.max : a.agent) < (b.week, b.agent == 0 ? Int64.max : b.agent)
            }
        }
        var created: [Key: [Ticket]] = [:]
        var closed: [Key: [Ticket]] = [:]
        for t in F.dataset.tickets {
            if F.createdInRange(t) {
                created[Key(week: (t.createdAt - F.fromTs) / 604_800, agent: t.agentId ?? 0), default: []].append(t)
            }
            if F.closedInRange(t) {
                closed[Key(week: (t.resolvedAt! - F.fromTs) / 604_800, agent: t.agentId ?? 0), default: []].append(t)
            }
        }
        let keys = Set(created.keys).union(closed.keys).sorted()
        #expect(r.rows.count == keys.count)
        // The range is 39 days: weeks 0...5, the last cut short.
        #expect(Set(keys.map(\.week)) == Set(0...5))
        for (i, key) in keys.enumerated() where i < r.rows.count {
            #expect(r.string(i, "week_start") == LocalTime.formatDate(day: F.fromDay + key.week * 7))
            #expect(r.int(i, "agent_id") == (key.agent == 0 ? nil : key.agent))
            #expect(r.string(i, "agent") == F.agentName(key.agent == 0 ? nil : key.agent))
            let c = created[key] ?? []
            let x = closed[key] ?? []
            #expect(r.int(i, "created") == Int64(c.count))
            #expect(r.int(i, "answered") == Int64(c.filter { $0.firstResponseTime != nil }.count))
            #expect(close(r.double(i, "median_first_response_h"), F.median(c.compactMap(\.firstResponseTime)).map { $0 / 3600 }))
            #expect(r.int(i, "closed") == Int64(x.count))
            #expect(close(r.double(i, "median_resolution_h"), F.median(x.compactMap(\.totalCloseTime)).map { $0 / 3600 }))
        }
        #expect(r.rows.contains { $0["agent"] as? String == "#9999" })
        #expect(r.rows.contains { $0["agent"] as? String == "(unassigned)" })
    }

    @Test(arguments: [nil, 4] as [Int?])
    func oldestWaiting(limit: Int?) throws {
        let r = try query("oldest-waiting", limit.map { ["--param", "limit=\($0)"] } ?? [], range: false)
        let waiting = F.dataset.tickets.filter(F.isWaiting)
            .sorted { ($0.waitingSince!, $0.id) < ($1.waitingSince!, $1.id) }
        let expected = Array(waiting.prefix(limit ?? 25))
        #expect(waiting.count > 4, "the fixture should have a backlog longer than the limit")
        #expect(r.rows.map { QueryRows.int($0["ticket_id"]) } == expected.map(\.id))
        for (i, t) in expected.enumerated() where i < r.rows.count {
            #expect(r.int(i, "agent_id") == t.agentId)
            #expect(r.string(i, "agent") == F.agentName(t.agentId))
            #expect(r.string(i, "status") == t.status)
            #expect(r.string(i, "waiting_since") == LocalTime.format(t.waitingSince!))
            #expect(r.int(i, "waiting_s") == F.now - t.waitingSince!)
            #expect(close(r.double(i, "age_days"), Double(F.now - t.createdAt) / 86_400, 0.051))
        }
        // Ticket ids, mailbox and agent only: no customer column.
        #expect(!r.columns.contains { $0.contains("customer") || $0.contains("email") || $0.contains("title") })
    }

    @Test func busiestHours() throws {
        let r = try query("busiest-hours")
        var grid: [String: [Int64]] = [:]
        for t in F.dataset.tickets where F.createdInRange(t) {
            let day = LocalTime.day(t.createdAt)
            let hour = Int((t.createdAt - day * 86_400) / 3600)
            grid[F.weekdayName(ofDay: day), default: Array(repeating: 0, count: 24)][hour] += 1
        }
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        #expect(r.rows.map { $0["weekday"] as? String } == weekdays)
        #expect(r.columns == ["weekday"] + (0..<24).map { String(format: "h%02d", $0) } + ["total"])
        for (i, weekday) in weekdays.enumerated() where i < r.rows.count {
            let hours = grid[weekday] ?? Array(repeating: 0, count: 24)
            #expect((0..<24).map { r.int(i, String(format: "h%02d", $0)) } == hours.map(Optional.some), "\(weekday)")
            #expect(r.int(i, "total") == hours.reduce(0, +))
        }
    }

    @Test func reopenRateByMailbox() throws {
        let r = try query("reopen-rate-by-mailbox")
        let cohort = F.dataset.tickets.filter(F.createdInRange)
        var ids: [Int64?] = F.dataset.mailboxes.map(\.id)
        if cohort.contains(where: { $0.mailboxId == nil }) { ids.append(nil) }
        #expect(r.rows.map { QueryRows.int($0["mailbox_id"]) } == ids)
        var reopenedTotal: Int64 = 0
        for (i, id) in ids.enumerated() where i < r.rows.count {
            let tickets = cohort.filter { $0.mailboxId == id }
            let resolved = Int64(tickets.filter { $0.resolvedAt != nil }.count)
            let reopened = Int64(tickets.filter { $0.status != "closed" && $0.resolvedAt != nil }.count)
            reopenedTotal += reopened
            #expect(r.string(i, "mailbox") == (id.flatMap { id in F.dataset.mailboxes.first { $0.id == id }?.name } ?? "(none)"))
            #expect(r.int(i, "tickets") == Int64(tickets.count))
            #expect(r.int(i, "resolved") == resolved)
            #expect(r.int(i, "reopened") == reopened)
            #expect(close(r.double(i, "reopen_rate_pct"), resolved == 0 ? nil : 100 * Double(reopened) / Double(resolved), 0.051))
        }
        #expect(reopenedTotal > 0, "the fixture should hold re-opened tickets")
    }

    @Test(arguments: ["product", "mailbox"])
    func breakdown(kind: String) throws {
        let r = try query("\(kind)-breakdown")
        let key: (Ticket) -> Int64? = kind == "product" ? { $0.productId } : { $0.mailboxId }
        let entities = kind == "product" ? F.dataset.products : F.dataset.mailboxes
        let known = entities.map(\.id)
        let extra = Set(F.dataset.tickets.compactMap(key)).subtracting(known).sorted()
        var ids: [Int64?] = (known + extra).sorted()
        if F.dataset.tickets.contains(where: { key($0) == nil }) { ids.append(nil) }
        #expect(r.rows.map { QueryRows.int($0["\(kind)_id"]) } == ids)
        if kind == "product" { #expect(extra == [99]) }
        for (i, id) in ids.enumerated() where i < r.rows.count {
            let tickets = F.dataset.tickets.filter { key($0) == id }
            let name = id.map { id in entities.first { $0.id == id }?.name ?? "#\(id)" } ?? "(none)"
            #expect(r.string(i, kind) == name)
            let created = tickets.filter(F.createdInRange)
            #expect(r.int(i, "created") == Int64(created.count))
            #expect(r.int(i, "closed") == Int64(tickets.filter(F.closedInRange).count))
            #expect(r.int(i, "open_now") == Int64(tickets.filter { $0.status != "closed" }.count))
            #expect(r.int(i, "waiting_now") == Int64(tickets.filter(F.isWaiting).count))
            #expect(
                close(r.double(i, "median_first_response_h"), F.median(created.compactMap(\.firstResponseTime)).map { $0 / 3600 })
            )
        }
    }

    // MARK: What every shipped query promises

    @Test func everyShippedQueryIsDescribedAndDeclaresItsParameters() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: F.queriesDirectory).filter { $0.hasSuffix(".sql") }
        #expect(files.count >= 6)
        let snapshot = try Snapshot(path: db, mode: .readOnly)
        let list = runCLI(["query", "--list"], in: dir.path, variables: variables)
        #expect(list.code == 0)
        for file in files {
            let text = try String(contentsOfFile: "\(F.queriesDirectory)/\(file)", encoding: .utf8)
            let header = text.split(separator: "\n").prefix { $0.hasPrefix("--") }
            let title = header.first { $0.hasPrefix("-- title:") }
            #expect(title != nil, "\(file) has no title")
            #expect(header.contains { $0.hasPrefix("-- description:") }, "\(file) has no description")
            if let title {
                #expect(list.stdout.contains(title.dropFirst("-- title:".count).trimmingCharacters(in: .whitespaces)))
            }
            // Declared params (user-facing names) are exactly the ones the statement binds.
            let declared = Set(
                (header.first { $0.hasPrefix("-- params:") } ?? "").dropFirst("-- params:".count)
                    .split(separator: ",").map { $0.split(separator: "=")[0].trimmingCharacters(in: .whitespaces) })
            let used = Set(
                try snapshot.database.prepareQuery(text).parameterNames.map { name -> String in
                    let plain = String(name.dropFirst())
                    return ":" + (plain.hasSuffix("_ts") ? String(plain.dropLast(3)) : plain)
                })
            #expect(declared == used, "\(file): declared \(declared), uses \(used)")
        }
    }

    @Test func noShippedQueryShowsCustomerData() throws {
        let agentNames = Set(F.dataset.persons.filter { $0.personType == "agent" }.map { F.agentName($0.id) })
        let customers = F.dataset.persons.filter { $0.personType == "customer" }
        let files = try FileManager.default.contentsOfDirectory(atPath: F.queriesDirectory).filter { $0.hasSuffix(".sql") }
        for file in files {
            let run = runCLI(
                [
                    "query", "\(F.queriesDirectory)/\(file)", "--db", db, "--now", LocalTime.format(F.now), "--format", "csv",
                    "--from", LocalTime.formatDate(day: F.today - 70), "--to", LocalTime.formatDate(day: F.today),
                ],
                in: dir.path, variables: variables)
            #expect(run.code == 0, "\(file): \(run.stderr)")
            #expect(run.stdout.split(separator: "\r\n").count > 2, "\(file) returned almost nothing")
            for c in customers {
                if let email = c.email { #expect(!run.stdout.contains(email), "\(file) shows a customer email") }
                let name =
                    "\((c.firstName ?? "").trimmingCharacters(in: .whitespaces)) \((c.lastName ?? "").trimmingCharacters(in: .whitespaces))"
                if !agentNames.contains(name) { #expect(!run.stdout.contains(name), "\(file) shows customer \(name)") }
            }
        }
    }

    // MARK: Parameters

    func write(_ sql: String, name: String = "q.sql") throws -> String {
        let path = dir.file(name)
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func parametersAreBoundNotSpliced() throws {
        let file = try write("-- title: by agent\n-- params: :agent\nSELECT count(*) AS n FROM tickets WHERE agent_id = :agent")
        let expected = F.dataset.tickets.filter { $0.agentId == 2 }.count
        let ok = runCLI(["query", file, "--db", db, "--param", "agent=2", "--format", "csv"], in: dir.path)
        #expect(ok.code == 0)
        #expect(ok.stdout == "n\r\n\(expected)\r\n")
        // A value that would change the SQL if spliced is only a string that matches nothing.
        let injected = runCLI(["query", file, "--db", db, "--param", "agent=2 OR 1=1", "--format", "csv"], in: dir.path)
        #expect(injected.code == 0)
        #expect(injected.stdout == "n\r\n0\r\n")
    }

    @Test func builtInRangeParameters() throws {
        let file = try write("SELECT :from AS f, :to AS t, :from_ts AS fts, :to_ts AS tts, :now AS n, :now_ts AS nts")
        let explicit = runCLI(
            [
                "query", file, "--db", db, "--from", "2026-11-01", "--to", "2026-11-30", "--now", "2026-12-01 10:00:00",
                "--format", "csv",
            ], in: dir.path)
        let fromTs = LocalTime.parseDate("2026-11-01")! * 86_400
        let toTs = LocalTime.parseDate("2026-12-01")! * 86_400
        let nowTs = LocalTime.parse("2026-12-01 10:00:00")!
        #expect(
            explicit.stdout == "f,t,fts,tts,n,nts\r\n2026-11-01,2026-11-30,\(fromTs),\(toTs),2026-12-01 10:00:00,\(nowTs)\r\n")
        // Defaults: to = today (from --now), from = to − 30 days.
        let defaults = runCLI(["query", file, "--db", db, "--now", "2026-03-01 00:30:00", "--format", "csv"], in: dir.path)
        #expect(defaults.stdout.hasPrefix("f,t,fts,tts,n,nts\r\n2026-01-30,2026-03-01,"))
        // Without --now: the injected clock read in the snapshot's timezone (UTC here).
        let clock = runCLI(["query", file, "--db", db, "--format", "csv"], in: dir.path)
        #expect(clock.stdout.contains(",\(LocalTime.format(1_795_190_400)),1795190400\r\n"))
    }

    @Test func headerDefaultsAndUnusedParams() throws {
        let file = try write(
            "-- params: :limit = 3, :status = 'closed'\nSELECT id FROM tickets WHERE status = :status ORDER BY id LIMIT :limit")
        let run = runCLI(["query", file, "--db", db, "--format", "csv", "--param", "unused=1"], in: dir.path)
        #expect(run.code == 0)
        let closed = F.dataset.tickets.filter { $0.status == "closed" }.prefix(3).map { String($0.id) }
        #expect(run.stdout == "id\r\n" + closed.joined(separator: "\r\n") + "\r\n")
        #expect(run.stderr.contains("warning: --param unused is not used"))
        let override = runCLI(["query", file, "--db", db, "--format", "csv", "--param", "limit=1"], in: dir.path)
        #expect(override.stdout == "id\r\n\(closed[0])\r\n")
    }

    // MARK: Refusals, all exit 2

    @Test func missingParameterIsNamed() throws {
        let file = try write("SELECT count(*) FROM tickets WHERE agent_id = :agent AND mailbox_id = :mailbox")
        let run = runCLI(["query", file, "--db", db, "--param", "agent=1"], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("needs parameter :mailbox"))
        #expect(run.stderr.contains(file))
    }

    @Test func syntaxErrorShowsSQLiteMessageAndFile() throws {
        let file = try write("SELEC id FROM tickets")
        let run = runCLI(["query", file, "--db", db], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains(file))
        #expect(run.stderr.contains("near \"SELEC\": syntax error"))
        let column = try write("SELECT nope FROM tickets", name: "column.sql")
        let run2 = runCLI(["query", column, "--db", db], in: dir.path)
        #expect(run2.code == 2)
        #expect(run2.stderr.contains("no such column: nope"))
    }

    static let refused: [(sql: String, message: String)] = [
        ("DELETE FROM tickets", "would change the snapshot (DELETE FROM)"),
        ("UPDATE tickets SET status = 'closed'", "would change the snapshot (UPDATE)"),
        ("DROP TABLE tickets", "would change the snapshot (DROP TABLE)"),
        ("INSERT INTO meta(key, value) VALUES ('x', 'y')", "would change the snapshot (INSERT INTO)"),
        ("WITH doomed AS (SELECT id FROM tickets) DELETE FROM tickets WHERE id IN doomed", "WITH ... DELETE"),
        ("ATTACH DATABASE 'other.sqlite' AS other", "uses ATTACH"),
        ("PRAGMA user_version = 99", "would change the snapshot"),
        ("PRAGMA journal_mode = DELETE", "saved queries may"),
        ("BEGIN IMMEDIATE", "saved queries may"),
        ("VACUUM INTO 'copy.sqlite'", "would change the snapshot (VACUUM INTO)"),
        ("SELECT 1;\nDELETE FROM tickets;", "more than one statement (a second one starts at \"DELETE FROM tickets;\")"),
        ("-- title: two\nSELECT 1; SELECT 2", "more than one statement"),
        ("SELECT * FROM tickets WHERE id = ?", "anonymous ? parameter"),
        ("-- only a comment\n", "no SQL statement"),
    ]

    @Test(arguments: refused)
    func writingOrMalformedQueryIsRefusedAndSnapshotUnchanged(sql: String, message: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let file = try write("-- title: nasty\n" + sql)
        let run = runCLI(["query", file, "--db", db, "--format", "csv"], in: dir.path)
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.contains(file))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let wal = db + "-wal"
        if FileManager.default.fileExists(atPath: wal) { #expect(try Data(contentsOf: URL(fileURLWithPath: wal)).isEmpty) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("other.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("copy.sqlite")))
        let snapshot = try Snapshot(path: db, mode: .readOnly)
        #expect(try snapshot.rowCounts()["tickets"] == F.dataset.tickets.count)
        #expect(try snapshot.schemaVersion > 0)
    }

    @Test func theConnectionItselfRefusesWrites() throws {
        // Below the command's checks: the read-only connection the query runs on cannot write.
        let snapshot = try Snapshot(path: db, mode: .readOnly)
        #expect(try snapshot.database.scalarInt("PRAGMA query_only") == 1)
        #expect(throws: SQLiteError.self) { try snapshot.database.execute("DELETE FROM tickets") }
        #expect(try snapshot.rowCounts()["tickets"] == F.dataset.tickets.count)
    }

    // MARK: Usage

    @Test func usageErrors() throws {
        let cases: [([String], String)] = [
            (["query"], "which query?"),
            (["query", "no-such-query", "--db", db], "no saved query named \"no-such-query\""),
            (["query", "missing.sql", "--db", db], "no query file at"),
            (["query", "tickets-by-priority", "--db", db, "--from", "2026-11-30", "--to", "2026-11-01"], "is after --to"),
            (["query", "tickets-by-priority", "--db", db, "--from", "2026-13-01"], "is not a date"),
            (["query", "tickets-by-priority", "--db", db, "--format", "html"], "unknown --format"),
            (["query", "tickets-by-priority", "--db", db, "--param", "agent"], "is not KEY=VALUE"),
            (["query", "tickets-by-priority", "--db", db, "--param", "from=2026-01-01"], "give the range with --from"),
            (["query", "tickets-by-priority", "--db", db, "--param", "now_ts=1"], "computed from"),
            (["query", "tickets-by-priority", "--db", dir.file("none.sqlite")], "no snapshot at"),
            (["query", "--list", "tickets-by-priority"], "--list takes no query name"),
        ]
        for (arguments, message) in cases {
            let run = runCLI(arguments, in: dir.path, variables: variables)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout == "")
        }
    }

    @Test func namesResolveThroughTheSearchPath() throws {
        // ./queries of the current directory …
        try FileManager.default.createDirectory(atPath: dir.file("queries"), withIntermediateDirectories: true)
        try "-- title: Local\nSELECT 'local' AS source".write(
            toFile: dir.file("queries/which.sql"), atomically: true, encoding: .utf8)
        let local = runCLI(["query", "which", "--db", db, "--format", "csv"], in: dir.path)
        #expect(local.stdout == "source\r\nlocal\r\n")
        // … comes after $FSREPORT_QUERIES.
        try FileManager.default.createDirectory(atPath: dir.file("mine"), withIntermediateDirectories: true)
        try "-- title: Mine\nSELECT 'env' AS source".write(toFile: dir.file("mine/which.sql"), atomically: true, encoding: .utf8)
        let env = runCLI(
            ["query", "which", "--db", db, "--format", "csv"], in: dir.path, variables: ["FSREPORT_QUERIES": dir.file("mine")])
        #expect(env.stdout == "source\r\nenv\r\n")
        let list = runCLI(
            ["query", "--list", "--format", "json"], in: dir.path, variables: ["FSREPORT_QUERIES": dir.file("mine")])
        let names = ((json(list.stdout) as? [String: Any])?["queries"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.filter { $0 == "which" }.count == 1)
        #expect(list.stdout.contains("Mine"))
        #expect(!list.stdout.contains("\"Local\""))
    }

    @Test func formatsAndOutputFile() throws {
        let file = try write("SELECT 'a,b' AS text, 1.5 AS real, NULL AS empty, '=1+1' AS formula, 7 AS n")
        let csv = runCLI(["query", file, "--db", db, "--format", "csv"], in: dir.path)
        #expect(csv.stdout == "text,real,empty,formula,n\r\n\"a,b\",1.5,,'=1+1,7\r\n")
        let table = runCLI(["query", file, "--db", db, "--format", "table"], in: dir.path)
        #expect(table.stdout.hasPrefix("text  real  empty  formula  n\n"))
        let out = runCLI(["query", file, "--db", db, "--output", "out/result.json"], in: dir.path)
        #expect(out.code == 0)
        #expect(out.stdout == "")
        let body = try String(contentsOfFile: dir.file("out/result.json"), encoding: .utf8)
        let object = json(body) as? [String: Any]
        let row = (object?["rows"] as? [[String: Any]])?.first
        #expect(row?["real"] as? Double == 1.5)
        #expect(row?["empty"] is NSNull)
        #expect(object?["columns"] as? [String] == ["text", "real", "empty", "formula", "n"])
    }
}
