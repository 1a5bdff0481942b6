import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// `fsreport extract` as a subprocess: exit codes, messages, and the password nowhere.
@Suite("fsreport extract, the binary")
struct CommandLineTests {
    func environment(_ site: Site, password: String? = nil) -> [String: String] {
        ["FSREPORT_USER": site.emulator.user, "FSREPORT_APP_PASSWORD": password ?? site.emulator.password]
    }

    func arguments(_ site: Site, _ extra: [String] = []) -> [String] {
        ["extract", "--site", site.emulator.baseURL.absoluteString, "--db", site.dbPath, "--per-page", "40"] + extra
    }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("a run prints one summary line and nowhere shows the password")
    func success() throws {
        let site = try Site(tickets: 80)
        let result = try BinaryRunner.run(arguments(site), environment: environment(site), directory: site.directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("extract: 80 tickets (80 new") == true)
        #expect(lines.first?.contains("requests") == true)
        try expectSnapshotMatches(site.dbPath, site.emulator)
        #expect(site.emulator.requestLog.allSatisfy { $0.userAgent?.hasPrefix("fsreport/") == true })

        let password = site.emulator.password
        let encoded = Data("\(site.emulator.user):\(password)".utf8).base64EncodedString()
        var everything = result.stdout + result.stderr
        for file in try FileManager.default.contentsOfDirectory(atPath: site.directory.path) {
            everything += String(decoding: bytes(site.directory.file(file)) ?? Data(), as: UTF8.self)
        }
        #expect(!everything.contains(password))
        #expect(!everything.contains(encoded))
        #expect(!everything.contains(password.replacingOccurrences(of: " ", with: "")))
    }

    @Test("wrong password: exit 1, how to create an application password, snapshot byte for byte unchanged")
    func wrongPassword() throws {
        let site = try Site(tickets: 40)
        #expect(try BinaryRunner.run(arguments(site), environment: environment(site), directory: site.directory.path).status == 0)
        let before = bytes(site.dbPath)
        let wrong = "wrong pass word 1234"
        let result = try BinaryRunner.run(
            arguments(site), environment: environment(site, password: wrong), directory: site.directory.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: the site refused the credentials of user \"\(site.emulator.user)\" (HTTP 401"))
        #expect(result.stderr.contains("Users → Profile → Application Passwords"))
        #expect(!result.stderr.contains(wrong) && !result.stdout.contains(wrong))
        #expect(bytes(site.dbPath) == before)
        #expect(!FileManager.default.fileExists(atPath: site.dbPath + ".partial"))
    }

    @Test("a site without the fluent-support/v2 namespace: exit 1 and a clear message")
    func missingNamespace() async throws {
        let site = try Site(tickets: 10)
        site.emulator.namespaces = ["oembed/1.0", "wp/v2"]
        let result = try BinaryRunner.run(arguments(site), environment: environment(site), directory: site.directory.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Fluent Support is not active there or its REST API is blocked"))
        #expect(result.stderr.contains("lacks the namespace fluent-support/v2; it lists oembed/1.0, wp/v2"))
        #expect(!FileManager.default.fileExists(atPath: site.dbPath))
        await #expect {
            try await site.extract(site.options())
        } throws: { error in
            if case ExtractError.notFluentSupport = error { return true }
            return false
        }
    }

    @Test(
        "usage errors exit 2 before any request",
        arguments: [
            (["extract", "--db", "x.sqlite"], "needs --site"),
            (["extract", "--site", "example.com"], "is not a site address"),
            (["extract", "--site", "https://u:p@example.com"], "must not carry a user or password"),
            (["extract", "--site", "https://example.com", "--concurrency", "0"], "--concurrency \"0\""),
            (["extract", "--site", "https://example.com", "--per-page", "x"], "--per-page \"x\""),
            (["extract", "--site", "https://example.com", "--timezone", "Mars/Olympus"], "is not a timezone"),
            (["extract", "--site", "https://example.com", "--password-env", "NOPE_NOT_SET"], "NOPE_NOT_SET"),
            (["extract", "--site", "https://example.com", "--password"], "unknown option --password"),
        ])
    func usage(_ arguments: [String], _ message: String) throws {
        let directory = TemporaryDirectory()
        let result = try BinaryRunner.run(
            arguments, environment: ["FSREPORT_USER": "bot", "FSREPORT_APP_PASSWORD": "pw"], directory: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("the demo's snapshot or another site's is refused (exit 2)")
    func wrongSnapshot() throws {
        let site = try Site(tickets: 20)
        #expect(try BinaryRunner.run(arguments(site), environment: environment(site), directory: site.directory.path).status == 0)
        let other = try BinaryRunner.run(
            ["extract", "--site", "http://127.0.0.1:9", "--db", site.dbPath], environment: environment(site),
            directory: site.directory.path)
        #expect(other.status == 2)
        #expect(other.stderr.contains("is the snapshot of \(site.emulator.baseURL.absoluteString)"))
    }
}
