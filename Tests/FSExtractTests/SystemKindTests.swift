import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// internal_info rows get a recognised kind (close, reopen, assign, other) from their
/// system text at extraction; the text itself is never stored.
@Suite("System note kinds")
struct SystemKindTests {
    let decoder = APIDecoder(clock: SiteClock(identifier: "America/New_York")!)

    @Test("the real sample's system lines: newest a close, oldest an assignment; other types none")
    func sampleKinds() throws {
        let detail = try decoder.ticketDetail(try SampleBodiesTests.sample("ticket-detail.json"), id: 1000)
        // Types: internal_info, response, note, response x4, internal_info.
        #expect(detail.conversations.map(\.systemKind) == [.close, nil, nil, nil, nil, nil, nil, .assign])
    }

    @Test(
        "recognised from the text whatever the markup and case",
        arguments: [
            ("<p>Ticket has been closed</p>\n", SystemNoteKind.close),
            ("Ticket has been reopened", .reopen),
            ("  <p><strong>ticket HAS BEEN REOPENED</strong></p>", .reopen),
            ("<p>Ada Admin assigned Dave Diaz in this ticket</p>\n", .assign),
            ("<p>Customer changed the priority</p>", .other),
            ("", .other),
        ])
    func recognise(_ text: String, _ kind: SystemNoteKind) {
        #expect(SystemNoteKind.recognise(text) == kind)
    }

    @Test("the emulator words each kind as the plugin does, and the decoder reads it back")
    func emulatorRoundTrip() async throws {
        let site = try Site(tickets: 40)
        let ticket = try #require(site.emulator.dataset.tickets.first { $0.status == "closed" })
        let at = ticket.updatedAt! + 100
        site.emulator.reopenTicket(id: ticket.id, by: 1, at: at)
        site.emulator.assignTicket(id: ticket.id, to: 2, by: 1, at: at + 10)
        _ = site.emulator.addConversation(
            ticketId: ticket.id, personId: 1, type: "internal_info", at: at + 20, closes: true)
        let body = try await SampleBodiesTests().get(site.emulator, "/wp-json/fluent-support/v2/tickets/\(ticket.id)")
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("Ticket has been reopened") && text.contains("in this ticket"))
        let detail = try decoder.ticketDetail(body, id: ticket.id)
        // Newest first: the close, the assignment, the reopen we added.
        #expect(detail.conversations.prefix(3).map(\.systemKind) == [.close, .assign, .reopen])
        #expect(detail.conversations.filter { $0.conversationType != "internal_info" }.allSatisfy { $0.systemKind == nil })
    }
}
