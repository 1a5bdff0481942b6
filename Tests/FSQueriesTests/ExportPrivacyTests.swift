import FSQueries
import FSSnapshot
import FSTestSupport
import Testing

@Suite("Export privacy")
struct ExportPrivacyTests {
    @Test func customerNamesAndEmailsAreRefusedAgentNamesAllowed() throws {
        try withTemporaryDirectory { dir in
            let snapshot = try Snapshot(path: dir + "/s.sqlite", mode: .create)
            try snapshot.write { w in
                try w.upsert(Person(id: 1, personType: "agent", firstName: "Ann", lastName: "Agent", email: "ann@x.com"))
                try w.upsert(Person(id: 2, personType: "customer", firstName: "Carl", lastName: "Customer", email: "Carl@Y.org"))
                try w.upsert(Person(id: 3, personType: "customer", firstName: "Cher"))
            }
            let privacy = try ExportPrivacy(snapshot: snapshot)
            #expect(privacy.customerIdentifiers == ["carl@y.org", "carl customer"])  // a single name is too common to match
            func result(_ value: String) -> QueryResult {
                QueryResult(columns: ["id", "who"], rows: [[.integer(1), .text(value)]], bound: [])
            }
            #expect(privacy.problem(in: result("Ann Agent")) == nil)
            #expect(privacy.problem(in: result("Cher")) == nil)
            #expect(privacy.problem(in: result(" carl customer ")) == "column \"who\" holds a customer's name or email")
            #expect(privacy.problem(in: result("mail ann@x.com now")) == "column \"who\" holds an email address")
        }
    }

    @Test(arguments: [
        ("a@b.co", true), ("Name <a@b.co>", true), ("@b.co", false), ("a@b", false), ("a@b.", false), ("a@.b", false),
        ("no at sign", false),
    ])
    func emails(text: String, isEmail: Bool) {
        #expect(ExportPrivacy.looksLikeEmail(text) == isEmail)
    }
}
