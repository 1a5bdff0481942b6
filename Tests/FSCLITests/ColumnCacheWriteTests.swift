import FSColumnar
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// Issue 9 item 4: the column cache sees every committed write, whoever makes it. Each test
/// reports once (building the cache), writes outside fsreport (a second SQLite connection
/// or the `sqlite3` shell), then reports again through the CLI, which must show the new
/// value. The expected names are the fixture's (Ada, Bob; `makeSmallSnapshot`) and the
/// literal the test wrote.
@Suite struct ColumnCacheWriteTests {
    let dir = TemporaryDirectory()
    var db: String { dir.file("snap.sqlite") }

    init() throws { try makeSmallSnapshot(at: dir.file("snap.sqlite")) }

    /// First names of the agents in `agents-summary`, in id order (1 Ada, 2 Bob).
    func agentNames() throws -> [String?] {
        let run = runCLI(
            [
                "report", "agents-summary", "--db", db, "--from", "2026-11-18", "--to", "2026-11-20", "--now",
                "2026-11-20 12:00:00", "--format", "json",
            ], in: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        let summary = try #require((json(run.stdout) as? [String: Any])?["summary"] as? [[String: Any]])
        return summary.map { $0["first_name"] as? String }
    }

    /// Where the next load would come from, without changing anything it would not.
    func cacheSource() throws -> ColumnarStore.Source {
        try ColumnarStore.load(from: try Snapshot(path: db, mode: .readOnly), cache: ColumnCache(snapshotPath: db)).source
    }

    func write(_ sql: String, client: String) throws {
        if client == "shell" {
            _ = try shell(db, sql)
        } else {
            try Database(path: db, mode: .readWrite).execute(sql)
        }
    }

    func useJournal(_ mode: String) throws {
        #expect(try shell(db, "PRAGMA journal_mode = \(mode);") == mode)
    }

    @Test(arguments: ["wal", "delete"], ["connection", "shell"])
    func writeByAnotherClientIsSeenByTheNextReport(journal: String, client: String) throws {
        try useJournal(journal)
        #expect(try agentNames() == ["Ada", "Bob"])
        #expect(FileManager.default.fileExists(atPath: db + ".columns"))
        #expect(try cacheSource() == .cache, "the second load is a cache hit: the test would prove nothing otherwise")

        try write("UPDATE persons SET first_name = 'Adele' WHERE id = 1", client: client)
        #expect(try shell(db, "PRAGMA journal_mode;") == journal, "the write kept the journal mode")
        #expect(try agentNames() == ["Adele", "Bob"])

        // A second write of the same size: no file length or page count changes.
        try write("UPDATE persons SET first_name = 'Adela' WHERE id = 1", client: client)
        #expect(try agentNames() == ["Adela", "Bob"])
        // Deleting a row (a new agent count) and inserting one are writes too.
        try write("DELETE FROM persons WHERE id = 2", client: client)
        #expect(try agentNames() == ["Adela"])  // Bob's rows now have a placeholder author, never an agent
        try write("INSERT INTO persons(id, person_type, first_name) VALUES (2, 'agent', 'Bea')", client: client)
        #expect(try agentNames() == ["Adela", "Bea"])
        #expect(try cacheSource() == .cache, "with no further write the rebuilt cache is used")
    }

    /// WAL mode: after a checkpoint, the WAL is rewritten from its start by the next write,
    /// with the same size as before. A checkpoint may cost a rebuild, never a stale answer.
    @Test func checkpointsAndRewrittenWALNeverServeStaleNames() throws {
        try useJournal("wal")
        #expect(try agentNames() == ["Ada", "Bob"])
        _ = try shell(db, "UPDATE persons SET first_name = 'Adx' WHERE id = 1; PRAGMA wal_checkpoint(TRUNCATE);")
        #expect(try agentNames() == ["Adx", "Bob"])
        _ = try shell(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        #expect(try agentNames() == ["Adx", "Bob"])
        _ = try shell(db, "UPDATE persons SET first_name = 'Ady' WHERE id = 1;")
        #expect(try agentNames() == ["Ady", "Bob"])
        _ = try shell(db, "PRAGMA wal_checkpoint(RESTART); UPDATE persons SET first_name = 'Adz' WHERE id = 1;")
        #expect(try agentNames() == ["Adz", "Bob"])
    }

    /// A copy of the snapshot that took other writes, copied back over it in place (same
    /// inode, same number of writes, same largest ids): the random token tells them apart.
    @Test func divergedCopyWrittenOverTheSnapshotIsDetected() throws {
        try useJournal("delete")
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        _ = try shell(copy, "UPDATE persons SET first_name = 'Xena' WHERE id = 1;")
        _ = try shell(db, "UPDATE persons SET first_name = 'Yara' WHERE id = 1;")
        #expect(try agentNames() == ["Yara", "Bob"])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: copy)))
        try handle.close()
        #expect(try agentNames() == ["Xena", "Bob"])
    }

    /// Dropping a change trigger by hand turns the cache off (never stale); opening the
    /// snapshot for writing puts the trigger back.
    @Test func droppedTriggerMeansNoCacheUntilRepaired() throws {
        #expect(try agentNames() == ["Ada", "Bob"])
        _ = try shell(db, "DROP TRIGGER persons_update_counted;")
        #expect(try cacheSource() == .snapshot(miss: .untracked, written: false))
        _ = try shell(db, "UPDATE persons SET first_name = 'Adele' WHERE id = 1;")
        #expect(try agentNames() == ["Adele", "Bob"])
        _ = try Snapshot(path: db, mode: .readWrite)
        #expect(try agentNames() == ["Adele", "Bob"])
        #expect(try cacheSource() == .cache)
        try write("UPDATE persons SET first_name = 'Adela' WHERE id = 1", client: "shell")
        #expect(try agentNames() == ["Adela", "Bob"])
    }
}

/// Runs the `sqlite3` shell on `path` with `sql` on its standard input; its output, trimmed.
func shell(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data((sql + "\n").utf8))
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 && problems.isEmpty, "sqlite3: \(problems)")
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}
