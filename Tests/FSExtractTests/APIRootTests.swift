import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("Where the REST API lives")
struct APIRootTests {
    // MARK: URLs

    @Test("pretty, plain and subfolder roots spell routes as WordPress expects")
    func urls() throws {
        let site = URL(string: "https://example.com")!
        let pretty = APIRoot.pretty(site: site)
        #expect(pretty.form == .pretty)
        #expect(pretty.index.absoluteString == "https://example.com/wp-json/")
        #expect(
            pretty.url("fluent-support/v2/tickets", query: [("per_page", "100"), ("page", "2")]).absoluteString
                == "https://example.com/wp-json/fluent-support/v2/tickets?per_page=100&page=2")
        let plain = APIRoot.plain(site: site)
        #expect(plain.form == .plain)
        #expect(plain.index.absoluteString == "https://example.com/?rest_route=/")
        #expect(
            plain.url("fluent-support/v2/tickets", query: [("per_page", "100"), ("page", "2")]).absoluteString
                == "https://example.com/?rest_route=/fluent-support/v2/tickets&per_page=100&page=2")
        #expect(
            plain.url("fluent-support/v2/tickets/7").absoluteString
                == "https://example.com/?rest_route=/fluent-support/v2/tickets/7")
        let folder = URL(string: "https://example.com/support")!
        #expect(
            APIRoot.pretty(site: folder).url("fluent-support/v2/agents").absoluteString
                == "https://example.com/support/wp-json/fluent-support/v2/agents")
        #expect(APIRoot.plain(site: folder).index.absoluteString == "https://example.com/support/?rest_route=/")
        // A root read back from a Link header or the snapshot keeps its form.
        let indexPHP = try #require(APIRoot(index: URL(string: "https://example.com/index.php?rest_route=/")!))
        #expect(indexPHP.form == .plain)
        #expect(
            indexPHP.url("fluent-support/v2/agents").absoluteString
                == "https://example.com/index.php?rest_route=/fluent-support/v2/agents")
        #expect(
            APIRoot(index: URL(string: "https://example.com/wp-json")!)?.index.absoluteString == "https://example.com/wp-json/")
    }

    @Test("the Link header's API root; credentials only to the same origin")
    func linkHeader() {
        let header = #"<https://example.com/wp-json/>; rel="https://api.w.org/", <https://example.com/?p=5>; rel=shortlink"#
        #expect(APIRoot.advertised(inLinkHeader: header)?.absoluteString == "https://example.com/wp-json/")
        #expect(APIRoot.advertised(inLinkHeader: #"<https://example.com/?p=5>; rel=shortlink"#) == nil)
        #expect(
            APIRoot.advertised(inLinkHeader: #"<https://example.com/?rest_route=/>; rel="https://api.w.org/""#)?.absoluteString
                == "https://example.com/?rest_route=/")
        let root = APIRoot.pretty(site: URL(string: "https://example.com")!)
        #expect(root.isSameOrigin(as: URL(string: "https://EXAMPLE.com:443/other")!))
        #expect(!root.isSameOrigin(as: URL(string: "http://example.com")!))
        #expect(!root.isSameOrigin(as: URL(string: "https://www.example.com")!))
    }

    // MARK: Over HTTP

    func site(_ change: (inout FluentSupportEmulator.Configuration) -> Void) throws -> Site {
        var configuration = FluentSupportEmulator.Configuration()
        change(&configuration)
        return try Site(tickets: 60, configuration: configuration)
    }

    @Test("plain permalinks: /wp-json/ is a 404 page, the Link header leads to ?rest_route=, recorded for next time")
    func plainPermalinks() async throws {
        let site = try site { $0.permalinks = .plain }
        let e = site.emulator
        let summary = try await site.extract(site.options())
        try expectSnapshotMatches(site.dbPath, e)
        #expect(summary.apiRoot?.form == .plain)
        #expect(summary.line.contains("plain permalinks"))
        // Found in three requests: /wp-json/ (404 page), the home page, the advertised index.
        let log = e.requestLog
        #expect(log.prefix(3).map(\.kind) == [.page, .page, .index])
        #expect(log[0].target == "/wp-json/" && log[0].status == 404)
        #expect(log[1].target == "/" && log[1].route == nil)
        // Every API request went through ?rest_route=.
        #expect(log.filter { $0.kind != .page }.allSatisfy { $0.viaRestRoute && $0.status == 200 })
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.meta(MetaKey.apiRoot) == "\(e.baseURL.absoluteString)/?rest_route=/")

        // The next run starts at the recorded root: no /wp-json/ or home page request.
        e.resetCounts()
        try await site.extract(site.options(now: Site.now + 600))
        #expect(e.requestLog.first?.kind == .index && e.requestLog.first?.viaRestRoute == true)
        #expect(e.requestCount(.page) == 0)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("plain permalinks whose /wp-json/ answers the home page (200 HTML), and no Link header")
    func plainHomePageNoLink() async throws {
        let site = try site {
            $0.permalinks = .plain
            $0.plainWPJSON = .homePage
            $0.advertisesAPI = false
        }
        let summary = try await site.extract(site.options())
        #expect(summary.apiRoot?.form == .plain)
        try expectSnapshotMatches(site.dbPath, site.emulator)
        // /wp-json/ (HTML 200), the home page (no Link), then ?rest_route=/ directly.
        #expect(site.emulator.requestLog.prefix(3).map(\.kind) == [.page, .page, .index])
    }

    @Test("a site in a subfolder keeps its path, pretty and plain")
    func subfolder() async throws {
        for permalinks in [FluentSupportEmulator.Permalinks.pretty, .plain] {
            let site = try site {
                $0.pathPrefix = "/support"
                $0.permalinks = permalinks
            }
            let e = site.emulator
            #expect(e.baseURL.path == "/support")
            let summary = try await site.extract(site.options())
            try expectSnapshotMatches(site.dbPath, e)
            #expect(summary.apiRoot?.index.absoluteString.hasPrefix(e.baseURL.absoluteString + "/") == true)
            #expect(e.requestLog.filter { $0.kind != .page }.allSatisfy { $0.target.hasPrefix("/support/") })
        }
    }

    @Test("an index behind a login is asked again with the credentials; wrong ones fail clearly")
    func indexNeedsLogin() async throws {
        let site = try site { $0.indexRequiresLogin = true }
        let e = site.emulator
        try await site.extract(site.options())
        try expectSnapshotMatches(site.dbPath, e)
        #expect(e.requestLog.prefix(2).map(\.status) == [401, 200])
        #expect(e.requestLog.prefix(2).allSatisfy { $0.kind == .index })

        let other = try self.site { $0.indexRequiresLogin = true }
        await #expect {
            try await other.extract(other.options(password: "wrong wrong"))
        } throws: { error in
            guard case ExtractError.authenticationFailed = error else { return false }
            return true
        }
        #expect(!FileManager.default.fileExists(atPath: other.dbPath))
    }

    @Test("no REST API anywhere: the error lists what was tried and how to fix --site")
    func noRESTAPI() async throws {
        let site = try site { $0.pathPrefix = "/support" }
        var options = site.options()
        // The site root without its subfolder: every address is a 404 page.
        options.site = URL(string: "http://127.0.0.1:\(site.emulator.port)")!
        do {
            try await site.extract(options)
            Issue.record("expected an error")
        } catch let error as ExtractError {
            guard case .noRESTAPI(_, let tried) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tried.count == 3)
            #expect(error.description.contains("/wp-json/: HTTP 404"))
            #expect(error.description.contains("/?rest_route=/: HTTP 404"))
            #expect(error.hint?.contains("WordPress Address") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: site.dbPath))
    }

    // MARK: A site that moved

    @Test("a moved site: refused with a hint, re-bound with --site-moved when the tickets match")
    func siteMoved() async throws {
        let site = try Site(tickets: 60)
        let e = site.emulator
        try await site.extract(site.options())
        let before = try Data(contentsOf: URL(fileURLWithPath: site.dbPath))
        // The same server under another name (as after a move to a new domain).
        var moved = site.options(now: Site.now + 600)
        moved.site = URL(string: "http://localhost:\(e.port)")!
        await #expect {
            try await site.extract(moved)
        } throws: { error in
            guard let error = error as? ExtractError, case .siteMismatch = error else { return false }
            return error.kind == .usage && error.hint?.contains("--site-moved") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.dbPath)) == before)

        moved.siteMoved = true
        let summary = try await site.extract(moved)
        #expect(summary.movedFrom == e.baseURL.absoluteString)
        #expect(summary.line.contains("re-bound from \(e.baseURL.absoluteString)"))
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.meta(MetaKey.siteURL) == "http://localhost:\(e.port)")
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("--site-moved to another site (other tickets) is refused and the snapshot kept")
    func movedToAnotherSite() async throws {
        let first = try Site(tickets: 60)
        try await first.extract(first.options())
        let before = try Data(contentsOf: URL(fileURLWithPath: first.dbPath))
        // Another helpdesk: same ids, other creation times (another seed and span).
        let other = try Site(tickets: 60, seed: 99, days: 30)
        var options = other.options(now: Site.now + 600)
        options.databasePath = first.dbPath
        options.siteMoved = true
        await #expect {
            try await other.extract(options)
        } throws: { error in
            guard let error = error as? ExtractError, case .wrongSnapshot(let message) = error else { return false }
            return message.contains("not the same site")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.dbPath)) == before)
    }
}
