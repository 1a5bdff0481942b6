import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small generated helpdesk served by a running emulator.
final class Site {
    let emulator: FluentSupportEmulator

    init(tickets: Int) throws {
        let now = LocalTime.parse("2026-11-20 17:00:00")!
        let dataset = HelpdeskGenerator.generate(
            GeneratorConfig(seed: 7, tickets: tickets, agents: 6, days: 60, now: now, timezone: "America/New_York"))
        emulator = FluentSupportEmulator(dataset: dataset)
        try emulator.start()
    }

    deinit { emulator.stop() }
}

/// The emulator's own behaviour, read with the extractor's decoder (the client it stands in
/// for a real site to).
@Suite("The API emulator")
struct EmulatorTests {
    /// A raw GET, bypassing the extractor's client.
    func get(_ site: Site, _ path: String, auth: Bool = true, password: String? = nil) async throws -> (
        Int, [UInt8], HTTPURLResponse
    ) {
        var request = URLRequest(url: URL(string: site.emulator.baseURL.absoluteString + path)!)
        if auth {
            let token = Data("\(site.emulator.user):\(password ?? site.emulator.password)".utf8).base64EncodedString()
            request.setValue("Basic \(token)", forHTTPHeaderField: "Authorization")
        }
        request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, Array(data), http)
    }

    @Test("documented envelopes, statuses and quirks")
    func envelopes() async throws {
        let site = try Site(tickets: 40)
        let decoder = APIDecoder(clock: site.emulator.clock)

        let (indexStatus, index, _) = try await get(site, "/wp-json/", auth: false)
        #expect(indexStatus == 200)
        #expect(try decoder.siteIndex(index).timezoneString == "America/New_York")

        let (unauthorized, body401, _) = try await get(site, "/wp-json/fluent-support/v2/tickets", password: "wrong")
        #expect(unauthorized == 401)
        #expect(APIDecoder.errorCode(body401) == "rest_forbidden")

        let (_, page, _) = try await get(site, "/wp-json/fluent-support/v2/tickets?per_page=15&page=2&order_by=id&order_type=ASC")
        let decoded = try decoder.ticketsPage(page)
        #expect(decoded.total == 40 && decoded.lastPage == 3 && decoded.currentPage == 2)
        #expect(decoded.rows.map(\.ticket.id) == Array(16...30))
        #expect(String(decoding: page, as: UTF8.self).contains(#""response_count":""#))

        let (_, descending, _) = try await get(site, "/wp-json/fluent-support/v2/tickets?per_page=5")
        #expect(try decoder.ticketsPage(descending).rows.map(\.ticket.id) == [40, 39, 38, 37, 36])

        let (pastEnd, empty, _) = try await get(site, "/wp-json/fluent-support/v2/tickets?per_page=15&page=9")
        #expect(pastEnd == 200)
        #expect(try decoder.ticketsPage(empty).rows.isEmpty)

        for bad in ["0", "-1", "abc"] {
            let (status, _, _) = try await get(site, "/wp-json/fluent-support/v2/tickets?per_page=\(bad)")
            #expect(status == 500)
        }

        let (missing, body422, _) = try await get(site, "/wp-json/fluent-support/v2/tickets/99999")
        #expect(missing == 422)
        #expect(APIDecoder.errorMessage(body422) == #"No query results for model [FluentSupport\App\Models\Ticket] 99999"#)

        let (_, detail, _) = try await get(site, "/wp-json/fluent-support/v2/tickets/5")
        let d = try decoder.ticketDetail(detail, id: 5)
        let expected = site.emulator.dataset.conversations.filter { $0.ticketId == 5 }
        #expect(d.conversations.map(\.id) == expected.map(\.id).reversed())  // newest first

        let (_, activities, _) = try await get(site, "/wp-json/fluent-support/v2/activity-logger?per_page=3")
        let ids = try decoder.activitiesPage(activities).rows.map(\.id)
        #expect(ids == ids.sorted(by: >))

        let (_, mailboxes, _) = try await get(site, "/wp-json/fluent-support/v2/mailboxes")
        #expect(String(decoding: mailboxes, as: UTF8.self).hasPrefix(#"{"mailboxes":["#))
        #expect(site.emulator.requestCount(.ticketList) == 7)
        #expect(site.emulator.requestCount(.ticketDetail) == 2)
    }

    @Test("answers gzip when asked, and the client inflates it")
    func gzip() async throws {
        let site = try Site(tickets: 10)
        let (status, body, response) = try await get(site, "/wp-json/fluent-support/v2/tickets?per_page=10")
        #expect(status == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Encoding") == "gzip")
        #expect(try APIDecoder(clock: .utc).ticketsPage(body).rows.count == 10)
        #expect(EmulatorGzip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("the same body bytes for the same data: deterministic across runs")
    func deterministic() async throws {
        let a = try Site(tickets: 20)
        let b = try Site(tickets: 20)
        let (_, x, _) = try await get(a, "/wp-json/fluent-support/v2/tickets/3")
        let (_, y, _) = try await get(b, "/wp-json/fluent-support/v2/tickets/3")
        #expect(x == y)
    }
}
