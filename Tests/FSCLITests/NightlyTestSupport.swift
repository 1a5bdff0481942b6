import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small generated helpdesk served by the API emulator, and a folder with a nightly
/// configuration pointing at it.
final class NightlyFixture: @unchecked Sendable {
    static let passwordVariable = "FSREPORT_TEST_NIGHTLY_PASSWORD"
    static let datasetNow = LocalTime.parse("2026-11-20 12:00:00")!
    /// Two `--now` values on different days, so their reports differ.
    static let nowA = "2026-11-20 18:00:00"
    static let nowB = "2026-11-21 09:30:00"

    let dir = TemporaryDirectory()
    let emulator: FluentSupportEmulator

    init(seed: UInt64 = 5, tickets: Int = 120) throws {
        let dataset = HelpdeskGenerator.generate(
            GeneratorConfig(seed: seed, tickets: tickets, agents: 4, days: 25, now: Self.datasetNow, timezone: "UTC"))
        emulator = FluentSupportEmulator(dataset: dataset)
        try emulator.start()
    }

    deinit { emulator.stop() }

    var configPath: String { dir.file("fsreport.json") }
    var site: String { dir.file("output/site") }
    var db: String { dir.file(".fsreport/snapshot.sqlite") }

    /// The environment a cron job would give the binary.
    var variables: [String: String] {
        var v = ProcessInfo.processInfo.environment
        v.removeValue(forKey: "FSREPORT_DB")
        v.removeValue(forKey: "FSREPORT_QUERIES")
        v[Self.passwordVariable] = emulator.password
        return v
    }

    /// A single-site configuration for this emulator; `extra` top-level members are merged in.
    func writeConfig(_ extra: [String: Any] = [:]) throws {
        var config: [String: Any] = [
            "site": ["url": emulator.baseURL.absoluteString, "user": emulator.user, "password_env": Self.passwordVariable],
            "timezone": "UTC",
            "output": "output",
            "queries": [
                "tickets-by-priority",
                ["name": "oldest-waiting", "formats": ["csv"], "params": ["limit": 5]],
                ["file": "\(NightlyFixture.queriesDirectory)/busiest-hours.sql", "formats": ["json"], "days": 7],
            ],
            "extract": ["attempts": 1, "timeout": 5, "concurrency": 4],
        ]
        config.merge(extra) { _, new in new }
        try writeJSON(config, to: configPath)
    }

    static var queriesDirectory: String { QueryFixture.queriesDirectory }
}

func writeJSON(_ object: Any, to path: String) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
}

/// The result of one run of the built binary.
struct BinaryRun {
    let code: Int32
    let stdout: String
    let stderr: String
    let seconds: Double
    /// Killed by the test (SIGKILL) rather than exiting.
    let killed: Bool
}

/// Runs the built `fsreport` in `directory`, waiting without blocking a thread; with
/// `killAfter`, sends SIGKILL after that many seconds if it is still running.
func runBinary(
    _ arguments: [String], in directory: String, variables: [String: String], killAfter: Double? = nil
) async throws -> BinaryRun {
    guard let binary = BinaryRunner.path else { throw NightlyTestError.noBinary }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = variables
    let token = UUID().uuidString
    let outPath = NSTemporaryDirectory() + "fsreport-nightly-out-\(token)"
    let errPath = NSTemporaryDirectory() + "fsreport-nightly-err-\(token)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let started = Date()
    try process.run()
    var killed = false
    while process.isRunning {
        if let killAfter, !killed, Date().timeIntervalSince(started) >= killAfter {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(started)
    let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    let wasKilled = process.terminationReason == .uncaughtSignal
    return BinaryRun(code: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: seconds, killed: wasKilled)
}

enum NightlyTestError: Error { case noBinary }

/// Every regular file under `root` with its bytes, by relative path.
func fileTree(_ root: String) -> [String: Data] {
    var tree: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: root) else { return tree }
    for case let path as String in e {
        var isDirectory: ObjCBool = false
        let full = (root as NSString).appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            tree[path] = FileManager.default.contents(atPath: full) ?? Data()
        }
    }
    return tree
}

/// A site's manifest, parsed.
func manifest(_ site: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: "\(site)/manifest.json") else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}

/// Every file a manifest says the site holds: pages, report JSON and CSV, query exports,
/// and the manifest itself.
func manifestFiles(_ m: [String: Any]) -> Set<String> {
    var files: Set<String> = ["manifest.json"]
    for page in m["pages"] as? [String] ?? [] { files.insert(page) }
    for f in m["files"] as? [[String: Any]] ?? [] {
        if let json = f["json"] as? String { files.insert(json) }
        if let csv = f["csv"] as? String { files.insert(csv) }
    }
    for q in m["queries"] as? [[String: Any]] ?? [] {
        if let json = q["json"] as? String { files.insert(json) }
        if let csv = q["csv"] as? String { files.insert(csv) }
    }
    return files
}
