import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// `fsreport check` as a subprocess against the emulator: one request per question,
/// nothing written, exit 0 only when an extraction would get through.
@Suite("fsreport check, the binary")
struct CheckCommandTests {
    func run(_ site: Site, password: String? = nil, _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(
            ["check", "--site", site.emulator.baseURL.absoluteString] + extra,
            environment: ["FSREPORT_USER": site.emulator.user, "FSREPORT_APP_PASSWORD": password ?? site.emulator.password],
            directory: site.directory.path)
    }

    func line(_ output: String, _ item: String) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.hasPrefix(item + " ") }
    }

    @Test("a working site: every line ok, the counts, one request each, nothing written")
    func working() throws {
        let site = try Site(tickets: 60)
        let e = site.emulator
        let result = try run(site)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let out = result.stdout
        #expect(line(out, "REST API")?.contains("pretty permalinks (/wp-json/)") == true)
        #expect(line(out, "Timezone")?.contains("America/New_York") == true)
        #expect(line(out, "Fluent Support")?.contains("ok") == true)
        #expect(line(out, "Credentials")?.contains("user \"\(e.user)\" may list agents (6 agents)") == true)
        #expect(line(out, "Tickets")?.contains("60 tickets") == true)
        #expect(line(out, "Activity log")?.contains("\(e.dataset.activities.count) activity rows") == true)
        #expect(line(out, "Products")?.contains("\(e.dataset.products.count) products") == true)
        #expect(out.contains("should succeed"))
        // One request per question, and each list asked for one row.
        #expect(e.requestCount(.index) == 1 && e.requestCount(.agents) == 1 && e.requestCount(.ticketList) == 1)
        #expect(e.requestCount(.activities) == 1 && e.requestCount(.products) == 1 && e.requestCount(.ticketDetail) == 0)
        // The directory is the process's HOME too: the runner's captured output and
        // Foundation's own caches are dot files there; fsreport writes nothing.
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.directory.path).filter { !$0.hasPrefix(".") }.isEmpty)
    }

    @Test("plain permalinks in a subfolder are named as such")
    func plainSubfolder() throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.permalinks = .plain
        configuration.pathPrefix = "/support"
        configuration.indexRequiresLogin = true
        let site = try Site(tickets: 20, configuration: configuration)
        let result = try run(site)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let api = try #require(line(result.stdout, "REST API"))
        #expect(api.contains("/support/?rest_route=/"))
        #expect(api.contains("plain permalinks (?rest_route=), in the subfolder /support, index behind a login"))
    }

    @Test("wrong credentials: exit 1, the fix, the rest skipped, the password nowhere")
    func wrongPassword() throws {
        let site = try Site(tickets: 20)
        let wrong = "wrong pass word 1234"
        let result = try run(site, password: wrong)
        #expect(result.status == 1)
        #expect(line(result.stdout, "Credentials")?.contains("failed") == true)
        #expect(result.stdout.contains("fix (Credentials): create an application password"))
        #expect(line(result.stdout, "Tickets")?.contains("skipped") == true)
        #expect(result.stdout.contains("not ready"))
        let encoded = Data("\(site.emulator.user):\(wrong)".utf8).base64EncodedString()
        for text in [wrong, encoded] { #expect(!(result.stdout + result.stderr).contains(text)) }
    }

    @Test("no Fluent Support: exit 1 with the plugin's fix")
    func noPlugin() throws {
        let site = try Site(tickets: 10)
        site.emulator.namespaces = ["oembed/1.0", "wp/v2"]
        let result = try run(site)
        #expect(result.status == 1)
        #expect(line(result.stdout, "Fluent Support")?.contains("failed") == true)
        #expect(result.stdout.contains("fix (Fluent Support): activate Fluent Support"))
        #expect(site.emulator.requestCount(.agents) == 0)
    }

    @Test("no REST API at that address: exit 1, what was tried, how to fix --site")
    func noAPI() throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.pathPrefix = "/support"
        let site = try Site(tickets: 10, configuration: configuration)
        let result = try BinaryRunner.run(
            ["check", "--site", "http://127.0.0.1:\(site.emulator.port)"],
            environment: ["FSREPORT_USER": "u", "FSREPORT_APP_PASSWORD": "p"], directory: site.directory.path)
        #expect(result.status == 1)
        #expect(line(result.stdout, "REST API")?.contains("found no WordPress REST API") == true)
        #expect(result.stdout.contains("WordPress Address"))
    }

    @Test("plain http:// to another machine: refused before any request, exit 2")
    func insecure() throws {
        let site = try Site(tickets: 5)
        let result = try BinaryRunner.run(
            ["check", "--site", "http://support.example.com"],
            environment: ["FSREPORT_USER": "u", "FSREPORT_APP_PASSWORD": "p"], directory: site.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--allow-insecure-http"))
        #expect(site.emulator.totalRequests == 0)
    }

    @Test("bad options: exit 2")
    func usage() throws {
        let site = try Site(tickets: 5)
        let result = try BinaryRunner.run(["check"], environment: [:], directory: site.directory.path)
        #expect(result.status == 2 && result.stderr.contains("--site"))
        let help = try BinaryRunner.run(["check", "--help"], environment: [:], directory: site.directory.path)
        #expect(help.status == 0 && help.stdout.contains("USAGE") || help.stdout.contains("fsreport check"))
    }
}
