import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// Credentials travel only over HTTPS, or over plain HTTP to this machine, unless
/// `--allow-insecure-http`.
@Suite("Credentials only over https")
struct TransportTests {
    @Test(
        "loopback hosts: localhost, 127.0.0.0/8, ::1",
        arguments: ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.255.3.4", "::1", "[::1]", "0:0:0:0:0:0:0:1"])
    func loopback(_ host: String) {
        #expect(ExtractOptions.isLoopback(host: host))
    }

    @Test(
        "everything else is another machine, including look-alikes",
        arguments: [
            "example.com", "10.0.0.5", "128.0.0.1", "126.255.255.255", "localhost.example.com", "127.0.0.1.example.com",
            "mylocalhost", "127.1", "2130706433", "::2", "::ffff:127.0.0.1", "0.0.0.0", "",
        ])
    func notLoopback(_ host: String) {
        #expect(!ExtractOptions.isLoopback(host: host))
    }

    @Test("http:// to another host is refused unless allowed; https:// and loopback always pass")
    func checkTransport() throws {
        let plain = try ExtractOptions.siteURL("http://example.com")
        #expect {
            try ExtractOptions.checkTransport(plain, allowInsecureHTTP: false)
        } throws: { error in
            guard case ExtractError.insecureTransport(let site) = error else { return false }
            return site == "http://example.com" && (error as! ExtractError).kind == .usage
        }
        try ExtractOptions.checkTransport(plain, allowInsecureHTTP: true)
        try ExtractOptions.checkTransport(try ExtractOptions.siteURL("https://example.com/blog"), allowInsecureHTTP: false)
        try ExtractOptions.checkTransport(try ExtractOptions.siteURL("HTTP://127.0.0.1:8080"), allowInsecureHTTP: false)
        try ExtractOptions.checkTransport(try ExtractOptions.siteURL("http://localhost/wp"), allowInsecureHTTP: false)
        try ExtractOptions.checkTransport(try ExtractOptions.siteURL("http://[::1]:8080"), allowInsecureHTTP: false)
        // The message says why, and both ways to allow it.
        let error = ExtractError.insecureTransport(site: "http://example.com")
        #expect(error.description.contains("clear text"))
        #expect(error.hint?.contains("--allow-insecure-http") == true)
        #expect(error.hint?.contains("\"allow_insecure_http\": true") == true)
    }

    @Test("the extractor itself refuses before any file or request")
    func extractorRefuses() async throws {
        let site = try Site(tickets: 5)
        var options = site.options()
        options.site = URL(string: "http://example.com")!
        await #expect {
            try await site.extract(options)
        } throws: { error in
            if case ExtractError.insecureTransport = error { return true }
            return false
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.directory.path).isEmpty)
        #expect(site.emulator.totalRequests == 0)
    }

    @Test("http://localhost is this machine: a full extraction works")
    func localhostAccepted() async throws {
        let site = try Site(tickets: 20)
        var options = site.options()
        options.site = URL(string: "http://localhost:\(site.emulator.port)")!
        try await site.extract(options)
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }
}

/// The binary, with `http_proxy` pointing at the emulator: a site "on another machine"
/// (`http://fsreport-test.invalid`, a name that never resolves) reaches 127.0.0.1 only, so
/// a request that should not have been sent shows up in the emulator's log rather than
/// on the network.
@Suite("fsreport extract over plain http, the binary")
struct InsecureHTTPBinaryTests {
    static let remote = "http://fsreport-test.invalid"

    func environment(_ site: Site) -> [String: String] {
        [
            "FSREPORT_USER": site.emulator.user, "FSREPORT_APP_PASSWORD": site.emulator.password,
            "http_proxy": site.emulator.baseURL.absoluteString,
        ]
    }

    @Test("http:// to another host: exit 2, why, how to allow it; nothing written, no request sent")
    func refused() throws {
        let site = try Site(tickets: 10)
        let result = try BinaryRunner.run(
            ["extract", "--site", Self.remote, "--db", site.dbPath], environment: environment(site),
            directory: site.directory.path)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: " + ExtractError.insecureTransport(site: Self.remote).description)
        #expect(result.stderr.contains("clear text"))
        #expect(result.stderr.contains("--allow-insecure-http"))
        #expect(result.stderr.contains("\"allow_insecure_http\": true"))
        #expect(!result.stderr.contains(site.emulator.password))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.directory.path).isEmpty)
        #expect(site.emulator.requestLog.isEmpty)
        #expect(site.emulator.totalRequests == 0)
    }

    @Test("--allow-insecure-http: the same command runs, every request through the proxy")
    func allowed() throws {
        let site = try Site(tickets: 30)
        let result = try BinaryRunner.run(
            ["extract", "--site", Self.remote, "--db", site.dbPath, "--allow-insecure-http"], environment: environment(site),
            directory: site.directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!site.emulator.requestLog.isEmpty)
        #expect(site.emulator.requestCount(.ticketDetail) == 30)
        try expectSnapshotMatches(site.dbPath, site.emulator)
        #expect(try Snapshot(path: site.dbPath, mode: .readOnly).meta(MetaKey.siteURL) == Self.remote)
    }
}
