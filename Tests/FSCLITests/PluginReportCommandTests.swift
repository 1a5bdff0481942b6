import FSCLI
import FSTestSupport
import Foundation
import Testing

/// `fsreport report stats | day-time-stats | product-summary | mailbox-summary` on the
/// small hand-built snapshot of ``makeSmallSnapshot(at:timezone:)``.
/// 2026-11-18 is a Wednesday (2026-01-01 was a Thursday; 11-18 is 321 days later, 321 = 45·7 + 6).
@Suite struct PluginReportCommandTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    func run(_ arguments: [String]) -> CLIRun { runCLI(["report"] + arguments + ["--db", db], in: dir.path) }

    @Test func statsAllTimeIsTheEndpointBody() throws {
        let result = run(["stats", "--format", "json"])
        #expect(result.code == 0)
        let body = try #require(json(result.stdout) as? [String: Any])
        let items = try #require(body["overall_reports"] as? [String: [String: Any]])
        // All time: T1 closed, T2 active, T3 new; responses 1, 2, 3 (4 is a note); open T2, T3.
        #expect(
            items.mapValues { $0["count"] as? Int } == [
                "new_tickets": 1, "active_tickets": 1, "closed_tickets": 1, "responses": 3, "open_tickets": 2,
            ])
        #expect(items["open_tickets"]?["key"] as? String == "open_tickets")
        #expect(items["open_tickets"]?["title"] as? String == "Open Tickets")
        #expect(result.stdout.range(of: "\"new_tickets\"")!.lowerBound < result.stdout.range(of: "\"open_tickets\"")!.lowerBound)
    }

    @Test func statsWithAgentPutsTotalRepliesFirst() throws {
        let result = run(["stats", "--agent", "2", "--format", "csv"])
        #expect(result.code == 0)
        // Bob's tickets: T2 (active, open). Responses on T2: 2 (customer) and 3 (Bob). Bob wrote 3 and 4: 2 replies.
        #expect(
            result.stdout
                == "key,title,count\r\ntotal_replies,Total Replies,2\r\nnew_tickets,New Tickets,0\r\n"
                + "active_tickets,Active Tickets,1\r\nclosed_tickets,Closed Tickets,0\r\nresponses,Responses,2\r\n"
                + "open_tickets,Open Tickets,1\r\n")
    }

    @Test func statsNeedsBothEnds() {
        let result = run(["stats", "--from", "2026-11-19"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("both --from and --to"))
    }

    @Test func dayTimeGridAsCSV() throws {
        let result = run(["day-time-stats", "--type", "ticket", "--format", "csv"])
        #expect(result.code == 0)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 8)  // header and 7 weekdays
        #expect(lines[0] == "day," + (0..<24).map { "\($0):00" }.joined(separator: ","))
        func row(_ day: String, ones: [Int]) -> String {
            day + "," + (0..<24).map { ones.contains($0) ? "1" : "0" }.joined(separator: ",")
        }
        // T1 Wed 10:00; T2 Thu 23:59:59 → Thu 23:00; T3 Fri 00:00:00 → Fri 0:00.
        #expect(lines[1] == row("Mon", ones: []))
        #expect(lines[3] == row("Wed", ones: [10]))
        #expect(lines[4] == row("Thu", ones: [23]))
        #expect(lines[5] == row("Fri", ones: [0]))
        #expect(lines[7] == row("Sun", ones: []))
    }

    @Test func dayTimeJSONKeysAndResponseTypes() throws {
        let agents = try #require(
            json(run(["day-time-stats", "--type", "agent-response", "--format", "json"]).stdout) as? [String: Any])
        let grid = try #require(agents["stats"] as? [String: [String: Int]])
        #expect(grid.keys.sorted() == ["Fri", "Mon", "Sat", "Sun", "Thu", "Tue", "Wed"])
        #expect(grid.values.allSatisfy { $0.count == 24 })
        // Ada's response Wed 12:00, Bob's Fri 07:00; the customer's (Fri 08:00) and Bob's note do not count.
        #expect(grid["Wed"]?["12:00"] == 1)
        #expect(grid["Fri"]?["7:00"] == 1)
        #expect(grid.values.flatMap(\.values).reduce(0, +) == 2)
        let bob = try #require(
            json(run(["day-time-stats", "--type", "agent-response", "--agent", "2", "--format", "json"]).stdout) as? [String: Any]
        )
        let bobGrid = try #require(bob["stats"] as? [String: [String: Int]])
        #expect(bobGrid["Fri"]?["7:00"] == 1)
        #expect(bobGrid.values.flatMap(\.values).reduce(0, +) == 1)
        let customers = try #require(
            json(run(["day-time-stats", "--type", "customer-response", "--format", "json"]).stdout) as? [String: Any])
        let customerGrid = try #require(customers["stats"] as? [String: [String: Int]])
        #expect(customerGrid["Fri"]?["8:00"] == 1)
        #expect(customerGrid.values.flatMap(\.values).reduce(0, +) == 1)
    }

    @Test func agentOnATypeThatRefusesItExitsTwo() {
        for type in ["ticket", "customer-response"] {
            let result = run(["day-time-stats", "--type", type, "--agent", "1"])
            #expect(result.code == 2)
            #expect(result.stderr.contains("--agent does not apply to day-time-stats --type \(type)"))
            #expect(result.stdout == "")
        }
        // Without --type, day-time-stats counts tickets, which refuse --agent too.
        #expect(run(["day-time-stats", "--agent", "1"]).code == 2)
    }

    @Test func unknownTypeExitsTwo() {
        let result = run(["day-time-stats", "--type", "tickets"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("unknown --type \"tickets\""))
        #expect(result.stderr.contains("ticket, agent-response, customer-response"))
        #expect(run(["stats", "--type", "ticket"]).code == 2)
    }

    @Test func productAndMailboxSummaries() throws {
        let product = try #require(
            json(run(["product-summary", "--from", "2026-11-18", "--to", "2026-11-20", "--format", "json"]).stdout)
                as? [String: Any])
        let entries = try #require(product["summary"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["title"] as? String == "Widget")
        #expect(entries[0]["active_stat"] as? String == "")
        // All four conversations are in range (the note too); open: T2, T3 created in range; closed: T1
        // resolved 11-19; interactions: T1 and T2 have responses; agent responses: 1 (Ada) and 3 (Bob).
        #expect(
            entries[0]["stats"] as? [String: Int]
                == ["responses": 4, "opens": 2, "closed": 1, "interactions": 2, "agent_responses": 2])
        let mailbox = try #require(
            json(run(["mailbox-summary", "--from", "2026-11-18", "--to", "2026-11-20", "--format", "json"]).stdout)
                as? [String: Any])
        let mailboxes = try #require(mailbox["summary"] as? [[String: Any]])
        #expect(mailboxes[0]["name"] as? String == "Main")
        #expect((mailboxes[0]["settings"] as? [Any])?.isEmpty == true)
        #expect(mailboxes[0]["title"] == nil)
        #expect(run(["product-summary", "--agent", "1"]).code == 2)
    }

    @Test func helpListsTheNewReports() {
        let result = runCLI(["report", "--help"], in: dir.path)
        #expect(result.code == 0)
        for name in ["stats", "day-time-stats", "product-summary", "mailbox-summary", "--type"] {
            #expect(result.stdout.contains(name))
        }
    }
}
