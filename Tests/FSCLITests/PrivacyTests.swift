import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@testable import FSCLI

#if canImport(Glibc)
    import Glibc
#endif

/// An existing snapshot other users can open gets one warning line naming it and the
/// `chmod` that fixes it, and is left as it is; `--site http://` elsewhere is refused in
/// the nightly configuration as on the command line.
@Suite("Snapshot privacy and plain-http sites")
struct PrivacyTests {
    static func warning(_ path: String) -> String {
        "warning: the snapshot \(path) is open to other users (mode 0644) and holds customers' names and emails; "
            + "make it private with `chmod 600 \(path)`"
    }

    @Test("report on a 0644 snapshot: exactly one warning line; the file keeps its mode")
    func reportWarnsOnce() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("snapshot.sqlite")
        try makeSmallSnapshot(at: db)
        #expect(FileModes.permissions(of: db) == 0o600)
        let quiet = runCLI(["report", "overall", "--db", db, "--format", "json"], in: dir.path)
        #expect(quiet.code == 0)
        #expect(quiet.stderr == "")

        #expect(chmod(db, 0o644) == 0)
        let run = runCLI(["report", "overall", "--db", db, "--format", "json"], in: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr == Self.warning(db) + "\n")
        #expect(run.stdout == quiet.stdout)
        #expect(FileModes.permissions(of: db) == 0o644)
    }

    @Test("extract onto a 0644 snapshot: one warning line; the new snapshot keeps the mode its owner chose")
    func extractWarnsOnce() async throws {
        let f = try NightlyFixture(tickets: 30)
        let variables = ["FSREPORT_USER": f.emulator.user, "FSREPORT_APP_PASSWORD": f.emulator.password]
        let arguments = ["extract", "--site", f.emulator.baseURL.absoluteString, "--db", f.db]
        let first = await runCLIOffPool(arguments, in: f.dir.path, variables: variables)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("warning"))
        #expect(chmod(f.db, 0o644) == 0)

        let second = await runCLIOffPool(arguments, in: f.dir.path, variables: variables)
        #expect(second.code == 0, "\(second.stderr)")
        let lines = second.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("warning:") } == [Self.warning(f.db)])
        #expect(lines.count == 2)  // the warning and the summary
        #expect(lines.last?.hasPrefix("extract: 30 tickets") == true)
        #expect(FileModes.permissions(of: f.db) == 0o644)
    }

    @Test("nightly on a 0644 snapshot: one warning line in the log")
    func nightlyWarnsOnce() async throws {
        let f = try NightlyFixture(tickets: 30)
        try f.writeConfig(["queries": []])
        let first = await runCLIOffPool(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("warning:"))
        #expect(chmod(f.db, 0o644) == 0)
        let second = await runCLIOffPool(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(second.code == 0, "\(second.stderr)")
        let warnings = second.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.map(String.init) == ["nightly: " + Self.warning(f.db)])
    }

    @Test("a path with spaces is quoted in the chmod the warning suggests")
    func quotedPath() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("my snapshots/it's.sqlite")
        try makeSmallSnapshot(at: db)
        #expect(chmod(db, 0o640) == 0)
        let warning = try #require(SnapshotFiles.exposureWarning(for: db))
        #expect(warning.contains("(mode 0640)"))
        #expect(warning.hasSuffix("`chmod 600 '\(dir.path)/my snapshots/it'\\''s.sqlite'`"))
        #expect(SnapshotFiles.exposureWarning(for: dir.file("missing.sqlite")) == nil)
    }

    // MARK: The nightly configuration

    @Test("nightly: a plain-http site elsewhere is a configuration error naming the key and the way out")
    func nightlyRefusesPlainHTTP() throws {
        let dir = TemporaryDirectory()
        try #"{"site": {"url": "http://example.com", "user": "u", "password_env": "PW"}}"#
            .write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8)
        let run = runCLI(["nightly"], in: dir.path, variables: ["PW": "secret"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(dir.file("fsreport.json")): site.url: refusing to send the application password"))
        #expect(run.stderr.contains("\"allow_insecure_http\": true"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fsreport.json"])

        // Several sites: the key names the one at fault.
        try #"""
        {"sites": [{"name": "a", "url": "https://a.example", "user": "u", "password_env": "PW"},
                   {"name": "b", "url": "http://b.example", "user": "u", "password_env": "PW"}]}
        """#.write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8)
        let several = runCLI(["nightly"], in: dir.path, variables: ["PW": "secret"])
        #expect(several.code == 2)
        #expect(several.stderr.contains("sites[1].url: refusing to send the application password to http://b.example"))
    }

    @Test("nightly: \"allow_insecure_http\" must be true or false, and true lets the site through")
    func nightlyAllowKey() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("fsreport.json")
        try #"{"site": {"url": "http://example.com", "user": "u", "password_env": "PW", "allow_insecure_http": "yes"}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = runCLI(["nightly"], in: dir.path, variables: ["PW": "secret"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("site.allow_insecure_http: expected true or false, found a string"), "\(run.stderr)")

        let env = Environment(
            variables: ["PW": "secret"], stdout: Console(), stderr: Console(), clock: { Date() }, currentDirectory: dir.path)
        for (url, allow) in [("http://example.com", true), ("https://example.com", false), ("http://127.0.0.1:9", false)] {
            try #"{"site": {"url": "\#(url)", "user": "u", "password_env": "PW", "allow_insecure_http": \#(allow)}}"#
                .write(toFile: path, atomically: true, encoding: .utf8)
            let config = try NightlyConfig.load(path: path, env: env)
            #expect(config.sites.map(\.allowInsecureHTTP) == [allow])
            #expect(config.sites.map(\.url.absoluteString) == [url])
        }
        // Without the key, the loopback address needs nothing.
        try #"{"sites": [{"name": "a", "url": "http://localhost:9", "user": "u", "password_env": "PW"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try NightlyConfig.load(path: path, env: env).sites.map(\.allowInsecureHTTP) == [false])
    }

    @Test("nightly with \"allow_insecure_http\": true extracts a plain-http site (through a proxy to the emulator)")
    func nightlyAllowedEndToEnd() async throws {
        let f = try NightlyFixture(tickets: 30)
        try f.writeConfig([
            "site": [
                "url": "http://fsreport-test.invalid", "user": f.emulator.user, "password_env": NightlyFixture.passwordVariable,
                "allow_insecure_http": true,
            ],
            "queries": [],
        ])
        var variables = f.variables
        for key in ["no_proxy", "NO_PROXY", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            variables.removeValue(forKey: key)
        }
        variables["http_proxy"] = f.emulator.baseURL.absoluteString
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: variables)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(f.emulator.requestCount(.ticketDetail) == 30)
        #expect(try Snapshot(path: f.db, mode: .readOnly).meta(MetaKey.siteURL) == "http://fsreport-test.invalid")
    }
}
