import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

@testable import FSCLI

#if canImport(Glibc)
    import Glibc
#endif

/// `fsreport nightly`: runs of the built binary against the API emulator (a real HTTP
/// server on 127.0.0.1), the lock, kills at arbitrary moments, and configuration errors.
@Suite(.serialized) struct NightlyTests {
    // MARK: Against the emulator

    @Test func runProducesTheSiteAndExports() async throws {
        let f = try NightlyFixture()
        try f.writeConfig(["dashboard": ["presets": ["last-7-days", "last-30-days"]]])
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("nightly: lock ") == true)
        #expect(lines.contains { $0.hasPrefix("nightly: extract: ") })
        #expect(lines.contains { $0.hasPrefix("nightly: dashboard rendered: ") })
        #expect(lines.contains { $0.hasPrefix("nightly: query tickets-by-priority: ") })
        #expect(lines.contains { $0.hasPrefix("nightly: published ") })
        #expect(lines.last?.hasPrefix("nightly: ok in ") == true)
        #expect(lines.last?.contains("1 extracted, 1 rendered (0 stale)") == true)
        #expect(lines.last?.contains("3 query exports, 0 warnings") == true)

        // The site, complete and consistent with its manifest.
        let m = try #require(manifest(f.site))
        #expect(m["stale"] as? Bool == false)
        #expect(m["now"] as? String == NightlyFixture.nowA)
        #expect((m["ranges"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["last-7-days", "last-30-days"])
        #expect(Set(fileTree(f.site).keys) == manifestFiles(m))
        let queries = try #require(m["queries"] as? [[String: Any]])
        #expect(queries.compactMap { $0["name"] as? String } == ["tickets-by-priority", "oldest-waiting", "busiest-hours"])
        #expect(queries[1]["json"] == nil && queries[1]["csv"] as? String == "csv/queries/oldest-waiting.csv")
        #expect(queries[2]["from"] as? String == "2026-11-14" && queries[2]["to"] as? String == "2026-11-20")

        // The data went through: the published overall counts are the emulator's tickets.
        let dataset = f.emulator.dataset
        let overall = try #require(json(String(contentsOfFile: "\(f.site)/api/reports.json", encoding: .utf8)) as? [String: Any])
        let counts = (overall["overall_reports"] as? [String: [String: Any]])?.mapValues { $0["count"] as? Int }
        #expect(counts?["closed_tickets"] == dataset.tickets.filter { $0.status == "closed" }.count)
        #expect(counts?["new_tickets"] == dataset.tickets.filter { $0.status == "new" }.count)
        // The query exports equal `fsreport query` on the same snapshot.
        let exported = try String(contentsOfFile: "\(f.site)/csv/queries/oldest-waiting.csv", encoding: .utf8)
        let direct = runCLI(
            ["query", "oldest-waiting", "--db", f.db, "--now", NightlyFixture.nowA, "--param", "limit=5", "--format", "csv"],
            in: f.dir.path, variables: ["FSREPORT_QUERIES": NightlyFixture.queriesDirectory])
        #expect(direct.code == 0)
        #expect(exported == direct.stdout)
        let waiting = dataset.tickets.filter(QueryFixture.isWaiting).count
        #expect(exported.split(separator: "\r\n").count == 1 + min(5, waiting))
        // The snapshot (customer data) stays outside the published folder; nothing is left behind.
        #expect(FileManager.default.fileExists(atPath: f.db))
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: f.dir.file("output"))) == ["site", ".fsreport-nightly.lock"])
        #expect(try String(contentsOfFile: f.dir.file("output/.fsreport-nightly.lock"), encoding: .utf8) == "")
    }

    /// The site is published: a query export that would carry customers' emails or names is
    /// refused (a partial run, exit 3) and nothing of it lands in the site.
    @Test func queryExportsWithCustomerDataAreNotPublished() async throws {
        let f = try NightlyFixture()
        let leaky = f.dir.file("leaky.sql")
        let named = f.dir.file("named.sql")
        try "-- title: Leak\nSELECT id, email FROM persons WHERE person_type = 'customer' LIMIT 3"
            .write(toFile: leaky, atomically: true, encoding: .utf8)
        try "-- title: Names\nSELECT first_name || ' ' || last_name AS who FROM persons WHERE person_type = 'customer' LIMIT 3"
            .write(toFile: named, atomically: true, encoding: .utf8)
        try f.writeConfig(["queries": [["file": leaky], ["file": named], "tickets-by-priority"]])
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stderr.contains("column \"email\" holds an email address"))
        #expect(run.stderr.contains("column \"who\" holds a customer's name or email"))
        let files = fileTree(f.site)
        #expect(files.keys.contains("csv/queries/tickets-by-priority.csv"))
        #expect(!files.keys.contains { $0.contains("leaky") || $0.contains("named") })
        for (path, data) in files {
            #expect(!String(decoding: data, as: UTF8.self).contains("@customer.test"), "\(path)")
        }
    }

    @Test func emulatorDownRendersTheLastGoodSnapshotAsStale() async throws {
        let f = try NightlyFixture()
        try f.writeConfig()
        let first = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(first.code == 0, "\(first.stderr)")
        let lastSync = try #require(manifest(f.site)?["last_sync_at"] as? String)
        let reportsBefore = try String(contentsOfFile: "\(f.site)/api/reports.json", encoding: .utf8)
        let snapshotBefore = try Data(contentsOf: URL(fileURLWithPath: f.db))

        f.emulator.stop()
        let second = try await runBinary(["nightly", "--now", NightlyFixture.nowB], in: f.dir.path, variables: f.variables)
        #expect(second.code == 3, "\(second.stderr)")
        #expect(second.stderr.contains("error: extract failed"))
        let summary = try #require(second.stderr.split(separator: "\n").last)
        #expect(summary.hasPrefix("nightly: partial (exit 3)"))
        #expect(summary.contains("0 extracted, 1 rendered (1 stale)"))
        #expect(summary.contains("extract failed, dashboard stale"))

        let m = try #require(manifest(f.site))
        #expect(m["stale"] as? Bool == true)
        #expect((m["stale_reason"] as? String)?.contains("update from 127.0.0.1 failed") == true)
        #expect(m["last_sync_at"] as? String == lastSync)
        #expect(m["now"] as? String == NightlyFixture.nowB)
        #expect(Set(fileTree(f.site).keys) == manifestFiles(m))
        let index = try String(contentsOfFile: "\(f.site)/index.html", encoding: .utf8)
        #expect(index.contains("class=\"banner\""))
        #expect(index.lowercased().contains("data as of"))
        #expect(index.contains("update from 127.0.0.1 failed"))
        // The previous data is kept: same snapshot, same all-time counts.
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.db)) == snapshotBefore)
        #expect(try String(contentsOfFile: "\(f.site)/api/reports.json", encoding: .utf8) == reportsBefore)
    }

    @Test func nothingToRenderExitsOne() async throws {
        let f = try NightlyFixture(tickets: 10)
        try f.writeConfig()
        f.emulator.stop()
        let run = try await runBinary(["nightly"], in: f.dir.path, variables: f.variables)
        #expect(run.code == 1, "\(run.stderr)")
        #expect(run.stderr.contains("there is no snapshot at"))
        #expect(run.stderr.split(separator: "\n").last?.hasPrefix("nightly: failed (exit 1)") == true)
        #expect(!FileManager.default.fileExists(atPath: f.site))
    }

    @Test func aSecondRunWhileTheLockIsHeldExitsFour() async throws {
        let f = try NightlyFixture(tickets: 10)
        try f.writeConfig()
        let lockPath = f.dir.file("output/.fsreport-nightly.lock")
        // Held through the same lock API by this (live) process.
        do {
            let held = try LockFile(path: lockPath, since: "test")
            let run = try await runBinary(["nightly"], in: f.dir.path, variables: f.variables)
            #expect(run.code == 4)
            #expect(run.stderr.contains("another nightly run holds \(lockPath) (pid \(getpid())"))
            #expect(run.seconds < 5)
            #expect(!FileManager.default.fileExists(atPath: f.site))
            #expect(f.emulator.totalRequests == 0)
            held.release()
        }
        // Recorded by a live process that does not hold the flock (another tool, NFS): still held.
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { if sleeper.isRunning { kill(sleeper.processIdentifier, SIGKILL) } }
        let pid = sleeper.processIdentifier
        let record = LockFile.Holder(pid: pid, startTicks: LockFile.startTicks(of: pid), since: "earlier")
        try record.line.write(toFile: lockPath, atomically: true, encoding: .utf8)
        let blocked = try await runBinary(["nightly"], in: f.dir.path, variables: f.variables)
        #expect(blocked.code == 4)
        #expect(blocked.stderr.contains("(pid \(pid), since earlier)"))
        // Once that process is gone the lock is stale and the next run takes it over.
        kill(pid, SIGKILL)  // SIGKILL: a child may inherit a mask that blocks SIGTERM
        while sleeper.isRunning { try await Task.sleep(nanoseconds: 5_000_000) }
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: f.variables)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: took over a stale lock of pid \(pid)"))
    }

    @Test func aKilledRunLeavesTheOldSiteOrTheNewOneNeverAMix() async throws {
        let f = try NightlyFixture(tickets: 80)
        try f.writeConfig()
        func run(_ now: String, killAfter: Double? = nil) async throws -> BinaryRun {
            try await runBinary(["nightly", "--now", now], in: f.dir.path, variables: f.variables, killAfter: killAfter)
        }
        // Reference sites for both `now`s. Pages and the manifest carry the generation time;
        // the report bodies and CSVs depend only on the data and `now`.
        func bodies(_ tree: [String: Data]) -> [String: Data] {
            tree.filter { $0.key.hasPrefix("api/") || $0.key.hasPrefix("csv/") }
        }
        var reference: [String: [String: Data]] = [:]
        var duration = 0.0
        for now in [NightlyFixture.nowB, NightlyFixture.nowA] {
            let r = try await run(now)
            #expect(r.code == 0, "\(r.stderr)")
            duration = max(duration, r.seconds)
            reference[now] = bodies(fileTree(f.site))
        }
        #expect(reference[NightlyFixture.nowA] != reference[NightlyFixture.nowB])

        var current = NightlyFixture.nowA
        var seen: Set<String> = []
        for fraction in [0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.1] {
            let next = current == NightlyFixture.nowA ? NightlyFixture.nowB : NightlyFixture.nowA
            let r = try await run(next, killAfter: max(0.005, duration * fraction))
            let m = try #require(manifest(f.site), "no manifest after a kill at \(fraction)")
            let now = try #require(m["now"] as? String)
            #expect(now == current || now == next, "kill at \(fraction)")
            let tree = fileTree(f.site)
            #expect(Set(tree.keys) == manifestFiles(m), "kill at \(fraction): files differ from the manifest")
            #expect(bodies(tree) == reference[now], "kill at \(fraction): a mix of two runs")
            seen.insert(r.killed ? "killed-\(now == next ? "new" : "old")" : "finished")
            current = now
        }
        #expect(seen.contains("killed-old"))

        // A full run afterwards succeeds and cleans up whatever the kills left.
        let last = try await run(NightlyFixture.nowB)
        #expect(last.code == 0, "\(last.stderr)")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: f.dir.file("output"))) == ["site", ".fsreport-nightly.lock"])
        #expect(bodies(fileTree(f.site)) == reference[NightlyFixture.nowB])
    }

    @Test func parallelSitesRunAtOnceWithOneLinePerStep() async throws {
        let a = try NightlyFixture(seed: 3, tickets: 30)
        let b = try NightlyFixture(seed: 4, tickets: 30)
        // Site alpha's first request waits (up to 20 s) until beta has been asked
        // something: only a run that works on both at once gets past it quickly.
        let overlapped = OverlapFlag()
        let other = b.emulator
        a.emulator.onRequest = { _, count in
            guard count == 1 else { return }
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if other.totalRequests > 0 {
                    overlapped.set()
                    return
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        func site(_ name: String, _ f: NightlyFixture) -> [String: Any] {
            [
                "name": name, "url": f.emulator.baseURL.absoluteString, "user": f.emulator.user,
                "password_env": NightlyFixture.passwordVariable,
            ]
        }
        try writeJSON(
            ["sites": [site("alpha", a), site("beta", b)], "timezone": "UTC", "parallel_sites": 2], to: a.configPath)
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: a.dir.path, variables: a.variables)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(overlapped.isSet)
        // Whole lines, each naming its site (or the run).
        for line in run.stderr.split(separator: "\n") {
            #expect(line.hasPrefix("nightly [alpha]: ") || line.hasPrefix("nightly [beta]: ") || line.hasPrefix("nightly: "))
        }
        #expect(run.stderr.contains("nightly [alpha]: published") && run.stderr.contains("nightly [beta]: published"))
    }

    @Test func severalSitesGetTheirOwnFoldersAndAnIndex() async throws {
        let a = try NightlyFixture(seed: 1, tickets: 40)
        let b = try NightlyFixture(seed: 2, tickets: 30)
        func site(_ name: String, _ f: NightlyFixture) -> [String: Any] {
            [
                "name": name, "url": f.emulator.baseURL.absoluteString, "user": f.emulator.user,
                "password_env": NightlyFixture.passwordVariable,
            ]
        }
        // Both emulators accept the same password; each site gets its own snapshot and folder.
        try writeJSON(
            [
                "sites": [site("alpha", a), site("beta", b)], "timezone": "UTC", "queries": ["mailbox-breakdown"],
                "extract": ["attempts": 1, "timeout": 5],
            ],
            to: a.configPath)
        let run = try await runBinary(["nightly", "--now", NightlyFixture.nowA], in: a.dir.path, variables: a.variables)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("nightly [alpha]: published"))
        #expect(run.stderr.contains("nightly [beta]: published"))
        for (name, f) in [("alpha", a), ("beta", b)] {
            let m = try #require(manifest(a.dir.file("output/site/\(name)")))
            #expect((m["snapshot"] as? [String: Any])?["tickets"] as? Int == f.emulator.dataset.tickets.count)
            #expect(FileManager.default.fileExists(atPath: a.dir.file(".fsreport/\(name).sqlite")))
        }
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: a.dir.file("output/site"))) == [
                "alpha", "beta", "index.html",
            ])
        let index = try String(contentsOfFile: a.dir.file("output/site/index.html"), encoding: .utf8)
        #expect(index.contains("href=\"alpha/index.html\"") && index.contains("href=\"beta/index.html\""))

        b.emulator.stop()
        let partial = try await runBinary(["nightly", "--now", NightlyFixture.nowB], in: a.dir.path, variables: a.variables)
        #expect(partial.code == 3, "\(partial.stderr)")
        #expect(manifest(a.dir.file("output/site/alpha"))?["stale"] as? Bool == false)
        #expect(manifest(a.dir.file("output/site/beta"))?["stale"] as? Bool == true)
        let index2 = try String(contentsOfFile: a.dir.file("output/site/index.html"), encoding: .utf8)
        #expect(index2.contains("stale: tonight&#39;s update failed"))
    }

    // MARK: Configuration errors: each its own message, exit 2, output untouched

    static let configCases: [(name: String, config: String?, variables: [String: String], message: String)] = [
        ("missing file", nil, [:], "no nightly configuration at"),
        ("bad JSON", "{\"site\": {\"url\": \"http://x\",}", [:], "is not valid JSON"),
        ("not an object", "[1, 2]", [:], "expected an object"),
        (
            "unknown key", #"{"site": {"url": "http://127.0.0.1:9", "user": "u"}, "outptu": "o"}"#, ["PW": "x"],
            "outptu: unknown key; expected one of: site, sites"
        ),
        (
            "unknown nested key", #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "pasword_env": "PW"}}"#, ["PW": "x"],
            "site.pasword_env: unknown key"
        ),
        (
            "wrong type", #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "output": 3}"#,
            ["PW": "x"], "output: expected a string, found a whole number"
        ),
        (
            "wrong nested type",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "extract": {"concurrency": "4"}}"#,
            ["PW": "x"], "extract.concurrency: expected a whole number, found a string"
        ),
        (
            "missing password variable", #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "NOPE_PW"}}"#,
            [:], "site.password_env: the environment variable NOPE_PW is not set"
        ),
        ("no site", #"{"output": "output"}"#, [:], "missing \"site\""),
        ("site and sites", #"{"site": {"url": "http://127.0.0.1:9"}, "sites": []}"#, [:], "not both"),
        ("bad url", #"{"site": {"url": "ftp://x", "user": "u", "password_env": "PW"}}"#, ["PW": "x"], "site.url:"),
        (
            "bad timezone",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "timezone": "Mars/Base"}"#,
            ["PW": "x"], "timezone: \"Mars/Base\" is not an IANA timezone"
        ),
        (
            "unknown preset",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "dashboard": {"presets": ["last-year"]}}"#,
            ["PW": "x"], "dashboard.presets[0]: unknown preset \"last-year\""
        ),
        (
            "unknown query", #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "queries": ["nope"]}"#,
            ["PW": "x"], "queries[0]: no saved query named \"nope\""
        ),
        (
            "bad query format",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "queries": [{"name": "busiest-hours", "formats": ["xml"]}]}"#,
            ["PW": "x"], "queries[0].formats[0]: \"xml\" is not csv or json"
        ),
        (
            "snapshot inside the site",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "db": "output/site/s.sqlite"}"#,
            ["PW": "x"], "db: the snapshot"
        ),
        (
            "duplicate site names",
            #"{"sites": [{"name": "a", "url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, {"name": "a", "url": "http://127.0.0.1:8", "user": "u", "password_env": "PW"}]}"#,
            ["PW": "x"], "sites[1].name: \"a\" is used by two sites"
        ),
        ("missing user", #"{"site": {"url": "http://127.0.0.1:9", "password_env": "PW"}}"#, ["PW": "x"], "site.user: missing"),
        (
            "parallel_sites out of range",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}, "parallel_sites": 0}"#,
            ["PW": "x"], "parallel_sites:"
        ),
        (
            "site_moved not a boolean",
            #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW", "site_moved": "yes"}}"#,
            ["PW": "x"], "site.site_moved: expected true or false, found a string"
        ),
    ]

    @Test(arguments: configCases)
    func configurationErrorsExitTwoWithoutTouchingOutput(
        name: String, config: String?, variables: [String: String], message: String
    ) throws {
        let dir = TemporaryDirectory()
        // A previous site that must survive untouched.
        try FileManager.default.createDirectory(atPath: dir.file("output/site/api"), withIntermediateDirectories: true)
        try "{\"previous\": true}".write(toFile: dir.file("output/site/manifest.json"), atomically: true, encoding: .utf8)
        try "{}".write(toFile: dir.file("output/site/api/reports.json"), atomically: true, encoding: .utf8)
        let before = fileTree(dir.path)
        if let config { try config.write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8) }
        var env = variables
        env["FSREPORT_QUERIES"] = NightlyFixture.queriesDirectory
        let run = runCLI(["nightly"], in: dir.path, variables: env)
        #expect(run.code == 2, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
        #expect(run.stderr.contains(dir.file("fsreport.json")), "\(name): the message names the file")
        var after = fileTree(dir.path)
        after.removeValue(forKey: "fsreport.json")
        #expect(after == before, "\(name): output touched")
    }

    @Test func aFolderThatIsNotASiteIsRefused() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("output/site"), withIntermediateDirectories: true)
        try "precious".write(toFile: dir.file("output/site/notes.txt"), atomically: true, encoding: .utf8)
        try #"{"site": {"url": "http://127.0.0.1:9", "user": "u", "password_env": "PW"}}"#
            .write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8)
        let run = runCLI(["nightly"], in: dir.path, variables: ["PW": "x"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("holds \"notes.txt\""))
        #expect(try String(contentsOfFile: dir.file("output/site/notes.txt"), encoding: .utf8) == "precious")
    }

    // MARK: The lock itself

    @Test func lockFileSemantics() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.lock")
        let first = try LockFile(path: path, since: "now")
        #expect(LockFile.holder(at: path)?.pid == getpid())
        #expect(throws: LockFile.Failure.self) { try LockFile(path: path, since: "again") }
        first.release()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")

        // A record of a process that is gone: taken over.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try "pid=\(gone.processIdentifier) start=1 since=yesterday\n".write(toFile: path, atomically: true, encoding: .utf8)
        let second = try LockFile(path: path, since: "now")
        #expect(second.tookOverFrom?.pid == gone.processIdentifier)
        second.release()

        // A live pid whose start time does not match the record: the pid was reused, stale.
        let ticks = try #require(LockFile.startTicks(of: getppid()))
        try "pid=\(getppid()) start=\(ticks + 1) since=x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let third = try LockFile(path: path, since: "now")
        #expect(third.tookOverFrom?.pid == getppid())
        third.release()
        // The same live pid with its real start time: held.
        try "pid=\(getppid()) start=\(ticks) since=x\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: LockFile.Failure.self) { try LockFile(path: path, since: "now") }
    }
}

/// Set from an emulator's request thread, read by the test.
private final class OverlapFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
