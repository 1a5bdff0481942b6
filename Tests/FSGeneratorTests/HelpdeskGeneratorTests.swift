import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@Suite("HelpdeskGenerator")
struct HelpdeskGeneratorTests {
    static let dataset = HelpdeskGenerator.generate(GeneratorConfig(now: testNow))

    @Test func defaultDatasetIsConsistent() {
        let d = Self.dataset
        #expect(d.tickets.count == 3000)
        #expect(d.persons.count == 8 + 750)
        #expect(consistencyProblems(d) == [])
    }

    @Test func theConsistencyCheckNoticesBrokenRows() {
        var d = Self.dataset
        let i = d.tickets.firstIndex { $0.responseCount > 2 }!
        d.tickets[i].responseCount -= 1
        d.tickets[i + 1].waitingSince = nil
        d.conversations[5].createdAt = testNow + 1
        let problems = consistencyProblems(d)
        #expect(problems.contains { $0.contains("response_count") })
        #expect(problems.contains { $0.contains("waiting_since") })
        #expect(problems.contains { $0.contains("after now") })
    }

    @Test(arguments: [
        GeneratorConfig(seed: 7, tickets: 400, agents: 1, customers: 1, days: 1, now: testNow),
        GeneratorConfig(seed: 8, tickets: 900, agents: 3, days: 30, now: testNow, conversationsPerTicket: 10),
        GeneratorConfig(seed: 9, tickets: 1200, agents: 14, days: 400, now: testNow, activityDays: 0),
        GeneratorConfig(seed: 10, tickets: 0, now: testNow),
    ])
    func otherConfigurationsAreConsistent(_ config: GeneratorConfig) {
        let d = HelpdeskGenerator.generate(config)
        #expect(d.tickets.count == config.tickets)
        #expect(d.persons.count == config.agents + config.customers)
        #expect(consistencyProblems(d) == [])
        #expect(d.tickets.allSatisfy { $0.createdAt >= config.now - Int64(config.days) * 86_400 })
        if config.activityDays == 0 { #expect(d.activities.isEmpty) }
    }

    @Test func personsAreAgentsThenCustomers() {
        let d = Self.dataset
        let agents = d.persons.prefix(8)
        #expect(agents.map(\.id) == Array(1...8))
        #expect(agents.allSatisfy { $0.personType == "agent" && $0.photo == nil })
        #expect(agents.allSatisfy { $0.email!.hasSuffix(".agent@example.test") })
        #expect(agents.contains { $0.firstName == "Michael " })
        #expect(d.persons.dropFirst(8).allSatisfy { $0.personType == "customer" && $0.email!.hasSuffix("@customer.test") })
        #expect(Set(d.persons.compactMap(\.email)).count == d.persons.count)
        #expect(d.mailboxes.count >= 2 && d.mailboxes.count <= 3)
        #expect(d.products.count >= 3 && d.products.count <= 5)
    }

    @Test func sameSeedSameDataDifferentSeedDifferentData() {
        let config = GeneratorConfig(seed: 3, tickets: 800, now: testNow)
        let a = HelpdeskGenerator.generate(config)
        let b = HelpdeskGenerator.generate(config)
        #expect(a.tickets == b.tickets)
        #expect(a.conversations == b.conversations)
        #expect(a.persons == b.persons)
        #expect(a.activities == b.activities)
        var other = config
        other.seed = 4
        let c = HelpdeskGenerator.generate(other)
        #expect(c.tickets != a.tickets)
        #expect(c.conversations != a.conversations)
    }

    @Test func looksLikeARealSupportDesk() {
        let d = Self.dataset
        var perWeekday = [Int](repeating: 0, count: 7)
        var perHour = [Int](repeating: 0, count: 24)
        for t in d.tickets {
            perWeekday[weekday(t.createdAt)] += 1
            perHour[Int((t.createdAt - LocalTime.day(t.createdAt) * 86_400) / 3600)] += 1
        }
        #expect(perWeekday[1] > perWeekday[6])  // Monday > Saturday
        #expect(perWeekday[2] > perWeekday[0])  // Tuesday > Sunday
        #expect(perHour[10] > 3 * perHour[3])  // mornings busier than nights

        let unassigned = d.tickets.filter { $0.agentId == nil }.count
        #expect(unassigned > d.tickets.count * 3 / 100 && unassigned < d.tickets.count * 10 / 100)
        #expect(d.tickets.contains { $0.status != "closed" && $0.resolvedAt != nil })  // re-opened
        #expect(d.tickets.contains { $0.status == "new" })
        #expect(d.tickets.contains { $0.status == "closed" && $0.closedBy! > 8 })  // closed by the customer
        let waiting = d.tickets.filter {
            $0.status != "closed" && ($0.lastAgentResponse == nil || $0.lastAgentResponse! < $0.lastCustomerResponse!)
        }
        #expect(waiting.count >= 10)
        let notes = d.conversations.filter { $0.conversationType == "note" }.count
        #expect(notes > d.conversations.count / 20 && notes < d.conversations.count / 7)
        #expect(d.conversations.contains { $0.conversationType == "response" && $0.personId! > 8 })
        #expect(d.conversations.contains { $0.conversationType == "internal_info" })
        let perTicket = Double(d.conversations.count) / Double(d.tickets.count)
        #expect(perTicket > 3 && perTicket < 5)

        // Old tickets mostly closed, recent ones often open; activity right up to now.
        let old = d.tickets.filter { $0.createdAt < testNow - 60 * 86_400 }
        let recent = d.tickets.filter { $0.createdAt > testNow - 86_400 }
        let openShare = { (ts: [Ticket]) in Double(ts.filter { $0.status != "closed" }.count) / Double(ts.count) }
        #expect(openShare(old) < 0.1)
        #expect(openShare(recent) > 0.4)
        #expect(d.conversations.contains { $0.createdAt > testNow - 3 * 3600 })
        #expect(d.tickets.last!.createdAt > testNow - 6 * 3600)

        // Agents differ: the specialist only handles one product, the part-timer is slow.
        let specialist = d.tickets.filter { $0.agentId == 7 }
        #expect(!specialist.isEmpty && Set(specialist.map(\.productId)).count == 1)
        func medianFirstResponse(_ agent: Int64) -> Int64 {
            let v = d.tickets.filter { $0.agentId == agent }.compactMap(\.firstResponseTime).sorted()
            return v[v.count / 2]
        }
        #expect(medianFirstResponse(1) < medianFirstResponse(8))
        let load = (1...8).map { a in d.tickets.filter { $0.agentId == Int64(a) }.count }
        #expect(load.max()! > 2 * load.min()!)
        #expect(!d.activities.isEmpty)
        #expect(d.activities.allSatisfy { $0.createdAt >= testNow - 14 * 86_400 })
    }

    @Test func conversationsPerTicketKnob() {
        let d = HelpdeskGenerator.generate(GeneratorConfig(tickets: 2000, now: testNow, conversationsPerTicket: 10))
        let perTicket = Double(d.conversations.count) / Double(d.tickets.count)
        #expect(perTicket > 8.5 && perTicket < 11)
    }

    @Test func writeThenReadEqualsGenerate() throws {
        // More than two batches of 5,000 tickets.
        let config = GeneratorConfig(seed: 11, tickets: 11_000, days: 200, now: testNow)
        let expected = HelpdeskGenerator.generate(config)
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/demo.sqlite", mode: .create)
            var calls: [(Int, Int)] = []
            let counts = try HelpdeskGenerator.write(config, to: snapshot) { calls.append(($0, $1)) }
            #expect(counts == expected.counts)
            #expect(calls.count == 3 && calls.last! == (11_000, 11_000))

            let read = try Snapshot(path: dir + "/demo.sqlite", mode: .readOnly)
            var tickets: [Ticket] = []
            try read.forEachTicket { tickets.append($0) }
            var conversations: [Conversation] = []
            try read.forEachConversation { id, ticket, person, type, at in
                conversations.append(
                    Conversation(id: id, ticketId: ticket, personId: person, conversationType: type, createdAt: at))
            }
            #expect(tickets == expected.tickets)
            // forEachConversation leaves the system kind out; the kinds are compared by id.
            #expect(
                conversations
                    == expected.conversations.map { c in
                        var c = c; c.systemKind = nil; return c
                    })
            let kinds = try read.database.prepare(
                "SELECT id, system_kind FROM conversations WHERE system_kind IS NOT NULL ORDER BY id")
            var stored: [String] = []
            while try kinds.step() { stored.append("\(kinds.int64(0)):\(kinds.text(1) ?? "")") }
            #expect(stored == expected.conversations.compactMap { c in c.systemKind.map { "\(c.id):\($0.rawValue)" } })
            #expect(try read.persons() == expected.persons)
            #expect(try read.mailboxes() == expected.mailboxes)
            #expect(try read.products() == expected.products)
            #expect(try read.activities() == expected.activities)
            #expect(try read.meta(MetaKey.timezone) == "America/New_York")
            #expect(try read.meta(MetaKey.source) == "demo")
            #expect(try read.meta(MetaKey.lastSyncAt) == "2026-11-20 16:30:00")
        }
    }

    @Test func rewritingADemoSnapshotReplacesItsRows() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/demo.sqlite", mode: .create)
            try HelpdeskGenerator.write(GeneratorConfig(seed: 1, tickets: 500, now: testNow), to: snapshot)
            let small = GeneratorConfig(seed: 2, tickets: 120, agents: 3, now: testNow)
            try HelpdeskGenerator.write(small, to: snapshot)
            let expected = HelpdeskGenerator.generate(small)
            let rows = try snapshot.rowCounts()
            #expect(rows["tickets"] == 120)
            #expect(rows["conversations"] == expected.conversations.count)
            #expect(rows["persons"] == expected.persons.count)
            #expect(try snapshot.persons() == expected.persons)
        }
    }

    @Test func refusesToOverwriteARealSnapshot() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/real.sqlite", mode: .create)
            try snapshot.setMeta(MetaKey.source, "extract")
            try snapshot.write { try $0.upsert(Ticket(id: 1, status: "new", createdAt: 0)) }
            #expect(throws: GeneratorError.self) {
                try HelpdeskGenerator.write(GeneratorConfig(tickets: 10, now: testNow), to: snapshot)
            }
            #expect(try snapshot.rowCounts()["tickets"] == 1)
        }
    }
}
