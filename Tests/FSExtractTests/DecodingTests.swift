import FSSnapshot
import Foundation
import Testing

@testable import FSExtract

@Suite("Decoding API bodies")
struct DecodingTests {
    let newYork = SiteClock(identifier: "America/New_York")!

    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test("ISO instants become New York wall-clock time across both DST changes")
    func dstConversions() throws {
        // Spring forward on 2026-03-08: 01:30 EST = 06:30Z, 03:30 EDT = 07:30Z.
        #expect(try APITime.parse("2026-03-08T06:30:00+00:00", clock: newYork).get() == LocalTime.parse("2026-03-08 01:30:00"))
        #expect(try APITime.parse("2026-03-08T07:30:00+00:00", clock: newYork).get() == LocalTime.parse("2026-03-08 03:30:00"))
        // Fall back on 2026-11-01: 01:30 happens twice, at 05:30Z (EDT) and 06:30Z (EST).
        #expect(try APITime.parse("2026-11-01T05:30:00+00:00", clock: newYork).get() == LocalTime.parse("2026-11-01 01:30:00"))
        #expect(try APITime.parse("2026-11-01T06:30:00+00:00", clock: newYork).get() == LocalTime.parse("2026-11-01 01:30:00"))
        #expect(try APITime.parse("2026-11-01T07:30:00Z", clock: newYork).get() == LocalTime.parse("2026-11-01 02:30:00"))
        // The sample: stored as 2026-07-24 08:21:23 in New York.
        #expect(try APITime.parse("2026-07-24T12:21:23+00:00", clock: newYork).get() == LocalTime.parse("2026-07-24 08:21:23"))
        // Other offsets and fractions.
        #expect(
            try APITime.parse("2026-07-24T14:21:23.123+02:00", clock: newYork).get() == LocalTime.parse("2026-07-24 08:21:23"))
        #expect(try APITime.parse("2026-07-24T17:51:23+0530", clock: newYork).get() == LocalTime.parse("2026-07-24 08:21:23"))
    }

    @Test("every half hour of 2026, local → UTC instant → local, in New York, Berlin, Kolkata and UTC")
    func roundTrips() throws {
        for name in ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"] {
            let clock = try #require(SiteClock(identifier: name))
            let start = LocalTime.parse("2026-01-01 00:00:00")!
            var skipped = 0
            for step in 0..<(365 * 48) {
                let local = start + Int64(step) * 1800
                let back = try APITime.parse(APITime.isoUTC(local: local, clock: clock), clock: clock).get()
                if back != local {
                    // Only the hour skipped by spring-forward has no instant; it moves an hour on.
                    #expect(back == local + 3600, "\(name) \(LocalTime.format(local))")
                    skipped += 1
                }
            }
            #expect(skipped == (name == "America/New_York" || name == "Europe/Berlin" ? 2 : 0), "\(name)")
        }
    }

    @Test("plain strings are kept as stored; zero dates and empty strings are null")
    func plainStrings() throws {
        #expect(try APITime.parse("2026-03-08 02:30:00", clock: newYork).get() == LocalTime.parse("2026-03-08 02:30:00"))
        #expect(try APITime.parse("0000-00-00 00:00:00", clock: newYork).get() == nil)
        #expect(try APITime.parse("", clock: newYork).get() == nil)
        #expect(throws: APITime.Failure.self) { try APITime.parse("yesterday", clock: newYork).get() }
        #expect(throws: APITime.Failure.self) { try APITime.parse("2026-07-24T12:21:23+25:00", clock: newYork).get() }
    }

    @Test("a ticket row: ids and counts as strings or numbers, nulls, unknown fields, no content kept")
    func ticketRow() throws {
        let body = """
            {"tickets": {"current_page": "1", "data": [
              {"id": "101", "customer_id": "138", "agent_id": null, "mailbox_id": 1, "product_id": "",
               "status": "closed", "priority": "medium", "client_priority": "medium", "title": "Error \\"500\\" \\u00e9",
               "content": "<p>x</p>", "last_agent_response": "2026-08-02 17:44:35",
               "last_customer_response": "0000-00-00 00:00:00", "waiting_since": "2026-08-02T21:44:35+00:00",
               "response_count": "3", "first_response_time": 86803, "total_close_time": "150275",
               "resolved_at": "2026-08-02 17:44:35", "closed_by": "138", "created_at": "2026-08-01T04:00:00+00:00",
               "updated_at": "2026-08-02T21:44:35+00:00", "future_field": {"nested": [1, 2, {"a": null}]},
               "customer": {"first_name": "Michael ", "last_name": "White", "email": "m@x.test", "id": 138,
                            "photo": "https:\\/\\/www.gravatar.com\\/avatar\\/1"},
               "agent": null, "tags": [], "preview_response": {"id": 467, "content": "closed"}}
            ], "total": 1, "per_page": 100, "last_page": 1}}
            """
        let page = try APIDecoder(clock: newYork).ticketsPage(bytes(body))
        #expect(page.total == 1 && page.perPage == 100 && page.lastPage == 1 && page.currentPage == 1)
        let row = try #require(page.rows.first)
        #expect(
            row.ticket
                == Ticket(
                    id: 101, customerId: 138, agentId: nil, mailboxId: 1, productId: nil, status: "closed",
                    priority: "medium", clientPriority: "medium", createdAt: LocalTime.parse("2026-08-01 00:00:00")!,
                    updatedAt: LocalTime.parse("2026-08-02 17:44:35")!, resolvedAt: LocalTime.parse("2026-08-02 17:44:35")!,
                    closedBy: 138, lastAgentResponse: LocalTime.parse("2026-08-02 17:44:35")!, lastCustomerResponse: nil,
                    waitingSince: LocalTime.parse("2026-08-02 17:44:35")!, responseCount: 3, firstResponseTime: 86803,
                    totalCloseTime: 150275, previewResponseId: 467))
        #expect(
            row.persons
                == [
                    Person(
                        id: 138, personType: "customer", firstName: "Michael ", lastName: "White", email: "m@x.test",
                        photo: "https://www.gravatar.com/avatar/1")
                ])
    }

    @Test("a detail: responses with their persons, the ticket's own copy ignored")
    func detail() throws {
        let body = """
            {"ticket": {"id": 1000, "status": "closed", "created_at": "2026-10-10T23:10:28+00:00",
                        "responses": [{"id": 1, "this": "is ignored"}]},
             "responses": [
               {"id": 5308, "serial": "8", "ticket_id": "1000", "person_id": "4", "conversation_type": "internal_info",
                "created_at": "2026-10-13T13:43:55+00:00",
                "person": {"id": 4, "first_name": "Dave", "last_name": "Diaz", "person_type": "agent", "email": "d@x"}},
               {"id": 5236, "ticket_id": "1000", "person_id": null, "conversation_type": "response",
                "created_at": "2026-10-12T11:12:05+00:00", "person": null}
             ], "agent_id": 1}
            """
        let detail = try APIDecoder(clock: newYork).ticketDetail(bytes(body), id: 1000)
        #expect(detail.conversations.map(\.id) == [5308, 5236])
        #expect(detail.conversations[0].createdAt == LocalTime.parse("2026-10-13 09:43:55"))
        #expect(detail.conversations[1].personId == nil)
        #expect(detail.persons.map(\.id) == [4])
        #expect(throws: APIDecoder.Failure.self) { try APIDecoder(clock: newYork).ticketDetail(bytes(body), id: 999) }
    }

    @Test("mailboxes as the documented plain array or as real servers wrap them")
    func mailboxes() throws {
        let decoder = APIDecoder(clock: newYork)
        let wrapped = try decoder.mailboxes(bytes(#"{"mailboxes": [{"id": 1, "name": "Main Support", "tickets_count": 3}]}"#))
        let plain = try decoder.mailboxes(bytes(#"[{"id": "1", "name": "Main Support"}]"#))
        #expect(wrapped == [NamedEntity(id: 1, name: "Main Support")])
        #expect(plain == wrapped)
    }

    @Test("the REST index and error bodies")
    func indexAndErrors() throws {
        let decoder = APIDecoder(clock: .utc)
        let index = try decoder.siteIndex(
            bytes(#"{"name": "x", "gmt_offset": "5.5", "timezone_string": "", "namespaces": ["wp/v2"]}"#))
        #expect(index == SiteIndex(timezoneString: "", gmtOffset: 5.5, namespaces: ["wp/v2"]))
        #expect(
            APIDecoder.errorMessage(bytes(#"{"code": "rest_forbidden", "message": "Sorry, you are not allowed to do that."}"#))
                == "Sorry, you are not allowed to do that.")
        #expect(
            APIDecoder.errorMessage(bytes(#""No query results for model [FluentSupport\\App\\Models\\Ticket] 99999""#))
                == #"No query results for model [FluentSupport\App\Models\Ticket] 99999"#)
        #expect(APIDecoder.errorCode(bytes(#"{"code": "rest_no_route"}"#)) == "rest_no_route")
    }

    @Test(
        "malformed JSON is rejected with its position",
        arguments: [
            #"{"a": 1"#, #"{"a": tru}"#, #"{"a" 1}"#, #"[1, 2,]"#, #"{"a": "x\u12"}"#, #"{"a": 01}"#, "<html>", #"{"a": 1} x"#,
        ])
    func malformed(_ text: String) {
        #expect(throws: JSONScanner.Failure.self) {
            var s = JSONScanner(Array(text.utf8))
            try s.skipValue()
            try s.finish()
        }
    }

    @Test("strings: escapes, surrogate pairs, raw UTF-8")
    func strings() throws {
        var s = JSONScanner(Array(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00", "Zoë — ok"]"#.utf8))
        var out: [String] = []
        try s.readArray { s in out.append(try s.readString()!) }
        #expect(out == ["a\"b\\c/d\n", "é😀", "Zoë — ok"])
    }

    @Test("ids: numbers, decimal strings, null and \"\"; anything else fails")
    func integers() throws {
        var s = JSONScanner(Array(#"[7, "8", null, "", -3]"#.utf8))
        var out: [Int64?] = []
        try s.readArray { s in out.append(try s.readInt64()) }
        #expect(out == [7, 8, nil, nil, -3])
        var bad = JSONScanner(Array(#""7a""#.utf8))
        #expect(throws: JSONScanner.Failure.self) { _ = try bad.readInt64() }
        var fraction = JSONScanner(Array("1.5".utf8))
        #expect(throws: JSONScanner.Failure.self) { _ = try fraction.readInt64() }
    }

    @Test(
        "--site values",
        arguments: [
            ("https://example.com", "https://example.com"), ("https://example.com/", "https://example.com"),
            ("HTTPS://example.com/blog/wp-json/", "https://example.com/blog"), ("http://127.0.0.1:8089", "http://127.0.0.1:8089"),
        ])
    func siteURLs(_ input: String, _ expected: String) throws {
        #expect(try ExtractOptions.siteURL(input).absoluteString == expected)
    }

    @Test(
        "bad --site values are usage errors",
        arguments: [
            "example.com", "ftp://example.com", "https://user:pw@example.com", "https://example.com/?x=1", "", "https://",
        ])
    func badSiteURLs(_ input: String) {
        #expect(throws: ExtractError.self) { try ExtractOptions.siteURL(input) }
    }

    @Test("credentials never print the password")
    func credentials() {
        let c = Credentials(user: "bot", password: "s3cret pass")
        #expect(!"\(c)".contains("s3cret"))
        #expect(!String(reflecting: c).contains("s3cret"))
        #expect(c.authorizationHeader == "Basic " + Data("bot:s3cret pass".utf8).base64EncodedString())
    }

    @Test("Retry-After as seconds or an HTTP date")
    func retryAfter() {
        #expect(RetryPolicy.retryAfter("3") == 3)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let later = RetryPolicy.retryAfter("Fri, 15 Jan 2027 08:00:10 GMT", now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(later != nil)
        _ = now
        #expect(RetryPolicy.retryAfter("soon") == nil)
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 4)
        for retry in 1...6 {
            let d = policy.delay(retry: retry, retryAfter: nil)
            #expect(d >= 0.5 * min(4, pow(2, Double(retry - 1))) && d <= min(4, pow(2, Double(retry - 1))))
        }
        #expect(policy.delay(retry: 1, retryAfter: 7) == 7)
    }
}
