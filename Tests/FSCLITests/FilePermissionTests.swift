import FSCLI
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The mode of every file and folder fsreport creates, under several umasks: the snapshot,
/// everything beside it and its folder are owner-only (0600 / 0700); the publishable site
/// is 0644 / 0755 so a static host can serve it.
///
/// Each test sets the process umask and restores it; the suite is serialised so no two
/// of them change it at once. (fsreport sets every mode explicitly, so other suites
/// running meanwhile are not affected by the umask these tests choose.)
@Suite("File modes whatever the umask", .serialized)
struct FilePermissionTests {
    /// The usual umask, none at all, and a strict one (the site must still be servable).
    static let umasks: [mode_t] = [0o022, 0o000, 0o077]

    // MARK: extract

    @Test(
        "extract: the snapshot folder 0700; the snapshot, .partial, -wal, -shm and the lock 0600, also mid-run",
        arguments: umasks)
    func extract(umask mask: mode_t) async throws {
        try await withUmask(mask) {
            let f = try NightlyFixture(tickets: 60)
            let folder = f.dir.file(".fsreport")
            #expect(!FileManager.default.fileExists(atPath: folder))
            // What the folder holds while the run works, seen from the emulator's thread
            // whenever a ticket detail or an activity page is asked for.
            let seen = ModeLog()
            f.emulator.onRequest = { kind, _ in
                if kind == .ticketDetail || kind == .activities { seen.record(permissionTree(folder)) }
            }
            let variables = ["FSREPORT_USER": f.emulator.user, "FSREPORT_APP_PASSWORD": f.emulator.password]
            let arguments = ["extract", "--site", f.emulator.baseURL.absoluteString, "--db", f.db]

            let first = await runCLIOffPool(arguments, in: f.dir.path, variables: variables)
            #expect(first.code == 0, "\(first.stderr)")
            let firstRun = seen.take()
            // The first run builds snapshot.sqlite.partial (in WAL mode) under the lock.
            #expect(firstRun.keys.contains("snapshot.sqlite.partial"))
            #expect(firstRun.keys.contains("snapshot.sqlite.partial-wal"))
            #expect(firstRun.keys.contains("snapshot.sqlite.partial-shm"))
            #expect(firstRun.keys.contains("snapshot.sqlite.lock"))
            expectPrivate(firstRun, "first run, mid-run")
            #expect(FileModes.permissions(of: folder) == 0o700)
            expectPrivate(permissionTree(folder), "after the first run")
            #expect(permissionTree(folder)["snapshot.sqlite"] == 0o600)

            // The second run copies the snapshot into a new working copy (VACUUM INTO).
            let second = await runCLIOffPool(arguments, in: f.dir.path, variables: variables)
            #expect(second.code == 0, "\(second.stderr)")
            let secondRun = seen.take()
            #expect(secondRun.keys.contains("snapshot.sqlite.partial"))
            #expect(secondRun.keys.contains("snapshot.sqlite"))
            expectPrivate(secondRun, "second run, mid-run")
            expectPrivate(permissionTree(folder), "after the second run")
            #expect(FileModes.permissions(of: folder) == 0o700)
            // A private snapshot is not warned about.
            #expect(!second.stderr.contains("warning"))
        }
    }

    @Test("SQLite's -wal, -shm and -journal take the snapshot's 0600", arguments: umasks)
    func sqliteSideFiles(umask mask: mode_t) async throws {
        try await withUmask(mask) {
            let dir = TemporaryDirectory()
            let path = dir.file("a/b/snapshot.sqlite")
            let snapshot = try Snapshot(path: path, mode: .create)
            try snapshot.setMeta("probe", "1")  // WAL mode: the write creates -wal and -shm
            #expect(FileModes.permissions(of: dir.file("a")) == 0o700)
            #expect(FileModes.permissions(of: dir.file("a/b")) == 0o700)
            for file in [path] + SnapshotFiles.sideFiles(of: path).filter({ !$0.hasSuffix("-journal") }) {
                #expect(FileModes.permissions(of: file) == 0o600, "\(file)")
            }
            // A copy (how a run starts its working copy) is 0600 too; in rollback-journal
            // mode a write transaction makes a -journal beside it.
            let copy = dir.file("a/b/copy.sqlite")
            try Snapshot.copy(from: path, to: copy)
            #expect(FileModes.permissions(of: copy) == 0o600)
            let database = try Database(path: copy, mode: .readWrite)
            try database.execute(
                "PRAGMA journal_mode = DELETE; BEGIN IMMEDIATE; CREATE TABLE probe(x); INSERT INTO probe VALUES(1);")
            let journal = try #require(SnapshotFiles.sideFiles(of: copy).first { $0.hasSuffix("-journal") })
            #expect(FileModes.permissions(of: journal) == 0o600)
            try database.execute("COMMIT")
        }
    }

    // MARK: report, dashboard

    @Test("report: the column cache 0600; report --output and dashboard files 0644 in 0755 folders", arguments: umasks)
    func reportAndDashboard(umask mask: mode_t) async throws {
        try await withUmask(mask) {
            let dir = TemporaryDirectory()
            let db = dir.file(".fsreport/snapshot.sqlite")
            try makeSmallSnapshot(at: db)
            let report = await runCLIOffPool(
                ["report", "overall", "--db", db, "--output", "out/reports/overall.json"], in: dir.path)
            #expect(report.code == 0, "\(report.stderr)")
            #expect(report.stderr.isEmpty)
            // The cache is written to a temporary sibling and renamed: the final file has
            // the mode the temporary was created with.
            let private_ = permissionTree(dir.file(".fsreport"))
            #expect(private_["snapshot.sqlite.columns"] == 0o600)
            expectPrivate(private_, "after report")
            #expect(FileModes.permissions(of: dir.file(".fsreport")) == 0o700)

            let dashboard = await runCLIOffPool(["dashboard", "--db", db, "--output", "public/site"], in: dir.path)
            #expect(dashboard.code == 0, "\(dashboard.stderr)")
            #expect(expectPublic(dir.file("out")) == 2)  // reports/ and reports/overall.json
            #expect(expectPublic(dir.file("public")) > 20)
            #expect(FileModes.permissions(of: dir.file("out")) == 0o755)
            #expect(FileModes.permissions(of: dir.file("public")) == 0o755)
        }
    }

    // MARK: nightly

    @Test("nightly: the lock 0600, the snapshot private, the published site 0644/0755", arguments: umasks)
    func nightly(umask mask: mode_t) async throws {
        try await withUmask(mask) {
            let f = try NightlyFixture(tickets: 60)
            try f.writeConfig()
            var variables = f.variables
            variables["FSREPORT_QUERIES"] = NightlyFixture.queriesDirectory
            let run = await runCLIOffPool(["nightly", "--now", NightlyFixture.nowA], in: f.dir.path, variables: variables)
            #expect(run.code == 0, "\(run.stderr)")

            #expect(FileModes.permissions(of: f.dir.file(".fsreport")) == 0o700)
            let snapshotFolder = permissionTree(f.dir.file(".fsreport"))
            #expect(snapshotFolder["snapshot.sqlite"] == 0o600)
            expectPrivate(snapshotFolder, "nightly's snapshot folder")

            #expect(FileModes.permissions(of: f.dir.file("output")) == 0o755)
            let output = permissionTree(f.dir.file("output"))
            #expect(output[".fsreport-nightly.lock"] == 0o600)
            // The query exports (csv/queries, api/queries) and the rewritten manifest too.
            #expect(output["site/csv/queries/oldest-waiting.csv"] == 0o644)
            #expect(output["site/api/queries/busiest-hours.json"] == 0o644)
            #expect(output["site/manifest.json"] == 0o644)
            #expect(output["site"] == 0o755)
            #expect(expectPublic(f.dir.file("output"), except: [".fsreport-nightly.lock"]) > 20)
        }
    }

    // MARK: demo

    @Test("demo: its snapshot folder private, its site public", arguments: umasks)
    func demo(umask mask: mode_t) async throws {
        try await withUmask(mask) {
            let dir = TemporaryDirectory()
            let run = await runCLIOffPool(
                ["demo", "--tickets", "60", "--days", "10", "--now", "2026-11-20 12:00:00"], in: dir.path)
            #expect(run.code == 0, "\(run.stderr)")
            #expect(FileModes.permissions(of: dir.file(".fsreport")) == 0o700)
            let snapshotFolder = permissionTree(dir.file(".fsreport"))
            #expect(snapshotFolder["demo.sqlite"] == 0o600)
            #expect(snapshotFolder["demo.sqlite.columns"] == 0o600)
            expectPrivate(snapshotFolder, "the demo's snapshot folder")
            #expect(FileModes.permissions(of: dir.file("output")) == 0o755)
            let site = permissionTree(dir.file("output"))
            #expect(site["site"] == 0o755)
            #expect(site["site/index.html"] == 0o644)
            #expect(expectPublic(dir.file("output")) > 20)
        }
    }
}

// MARK: - Helpers

/// Runs `body` with the process umask set to `mask`, restoring the previous one after.
func withUmask<T>(_ mask: mode_t, _ body: () async throws -> T) async rethrows -> T {
    let previous = umask(mask)
    defer { umask(previous) }
    return try await body()
}

/// ``runCLI(_:in:variables:)`` on a thread of its own: `extract` and `nightly` block their
/// thread until the extractor's tasks finish, which must not hold a thread of the
/// cooperative pool (two such tests at once would starve it on a small machine).
func runCLIOffPool(_ arguments: [String], in directory: String, variables: [String: String] = [:]) async -> CLIRun {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: runCLI(arguments, in: directory, variables: variables)) }.start()
    }
}

/// Permission bits of every entry below `root` by relative path (the root itself left
/// out); empty when `root` is missing. Entries removed while it walks are skipped.
func permissionTree(_ root: String) -> [String: mode_t] {
    var tree: [String: mode_t] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root) else { return tree }
    for case let relative as String in walker {
        var info = stat()
        if lstat((root as NSString).appendingPathComponent(relative), &info) == 0 { tree[relative] = info.st_mode & 0o7777 }
    }
    return tree
}

/// Every entry is a file of mode 0600 (snapshot folders hold no sub-folders).
func expectPrivate(_ tree: [String: mode_t], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!tree.isEmpty, "\(what): nothing seen", sourceLocation: sourceLocation)
    for (path, mode) in tree.sorted(by: { $0.key < $1.key }) {
        #expect(mode == 0o600, "\(what): \(path) is \(FileModes.octal(mode)), expected 0600", sourceLocation: sourceLocation)
    }
}

/// Every folder below `root` is 0755 and every file 0644, except the entries in `except`.
/// - Returns: how many entries were checked.
@discardableResult
func expectPublic(
    _ root: String, except: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation
) -> Int {
    let tree = permissionTree(root).filter { !except.contains($0.key) }
    #expect(!tree.isEmpty, "\(root): nothing seen", sourceLocation: sourceLocation)
    for (path, mode) in tree.sorted(by: { $0.key < $1.key }) {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(path), isDirectory: &isDirectory)
        let expected: mode_t = isDirectory.boolValue ? 0o755 : 0o644
        #expect(
            mode == expected, "\(root): \(path) is \(FileModes.octal(mode)), expected \(FileModes.octal(expected))",
            sourceLocation: sourceLocation)
    }
    return tree.count
}

/// Modes seen from another thread (the emulator's), merged by path; any mode a path had
/// that differs from its first is kept too, so a file that was briefly open is caught.
final class ModeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: mode_t] = [:]

    func record(_ tree: [String: mode_t]) {
        lock.withLock {
            for (path, mode) in tree {
                // Keep a wrong mode once seen: the assertion must see the worst case.
                if let known = entries[path], known != 0o600 { continue }
                entries[path] = mode
            }
        }
    }

    /// Everything recorded so far; the log starts empty again.
    func take() -> [String: mode_t] {
        lock.withLock {
            defer { entries = [:] }
            return entries
        }
    }
}
