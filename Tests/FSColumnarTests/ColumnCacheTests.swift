import FSColumnar
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// The column cache next to a snapshot: exact round trip, and every way a file can be
/// unusable (truncated, stale, foreign, corrupt, unwritable) is detected and rebuilt.
@Suite struct ColumnCacheTests {
    static let now = LocalTime.parse("2026-11-20 15:42:10")!

    /// A generated snapshot of a few thousand tickets at `directory/snapshot.sqlite`.
    static func generatedSnapshot(in directory: String, seed: UInt64 = 11, tickets: Int = 2500) throws -> String {
        let path = directory + "/snapshot.sqlite"
        let snapshot = try Snapshot(path: path, mode: .create)
        try HelpdeskGenerator.write(
            GeneratorConfig(seed: seed, tickets: tickets, agents: 7, days: 200, now: now), to: snapshot)
        return path
    }

    @Test func roundTripsExactly() throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            let first = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(first.source == .snapshot(miss: .missing, written: true))
            #expect(FileManager.default.fileExists(atPath: path + ".columns"))

            let second = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(second.source == .cache)
            #expect(second.store == first.store)
            #expect(second.store == (try ColumnarStore.load(from: snapshot)))
            #expect(second.store.conversationCount > 10_000, "the fixture should be big enough to matter")
            #expect(second.store.layoutProblem() == nil)
        }
    }

    @Test(arguments: [0, 7, 100, 168, 169, -1, -8, -4096])
    func truncatedFileIsRebuilt(keep: Int) throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            let original = try ColumnarStore.load(from: snapshot, cache: cache).store
            let size = try FileManager.default.attributesOfItem(atPath: cache.path)[.size] as! Int
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cache.path))
            try handle.truncate(atOffset: UInt64(keep >= 0 ? keep : size + keep))
            try handle.close()

            let key = try ColumnCache.Key.current(snapshot)
            let expected: ColumnCache.Miss = keep >= 0 && keep < 8 ? .foreign : .truncated
            #expect(cache.read(expecting: key).failure == expected)
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.source == .snapshot(miss: expected, written: true))
            #expect(reloaded.store == original)
            #expect(try ColumnarStore.load(from: snapshot, cache: cache).source == .cache)
        }
    }

    @Test func writeToTheSnapshotMakesTheCacheStale() throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let cache = ColumnCache(snapshotPath: path)
            let before = try ColumnarStore.load(from: try Snapshot(path: path, mode: .readOnly), cache: cache).store

            // One write transaction: the generation goes up by one.
            let writer = try Snapshot(path: path, mode: .readWrite)
            let generation = try writer.generation()
            try writer.write { w in
                try w.upsert(Ticket(id: 999_999, agentId: 1, status: "new", createdAt: Self.now - 60))
            }
            #expect(try writer.generation() == generation + 1)

            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let after = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(after.source == .snapshot(miss: .stale, written: true))
            #expect(after.store.ticketCount == before.ticketCount + 1)
            #expect(after.store == (try ColumnarStore.load(from: snapshot)))
            #expect(try ColumnarStore.load(from: snapshot, cache: cache).source == .cache)
        }
    }

    @Test func cacheOfAReplacedSnapshotFileIsStale() throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory, seed: 1)
            let cache = ColumnCache(snapshotPath: path)
            _ = try ColumnarStore.load(from: try Snapshot(path: path, mode: .readOnly), cache: cache)
            let saved = directory + "/saved.columns"
            try FileManager.default.copyItem(atPath: cache.path, toPath: saved)

            // Same scale and number of writes, another seed: the same generation number in a
            // new file.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            _ = try Self.generatedSnapshot(in: directory, seed: 2)
            try? FileManager.default.removeItem(atPath: cache.path)
            try FileManager.default.copyItem(atPath: saved, toPath: cache.path)

            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.source == .snapshot(miss: .stale, written: true))
            #expect(reloaded.store == (try ColumnarStore.load(from: snapshot)))
        }
    }

    @Test(arguments: ["random", "other magic", "empty"])
    func foreignFileIsIgnoredAndReplaced(kind: String) throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let cache = ColumnCache(snapshotPath: path)
            var bytes: [UInt8]
            switch kind {
            case "random":
                var rng = SystemRandomNumberGenerator()
                bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case "other magic":
                bytes = Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 7, count: 5000)
            default:
                bytes = []
            }
            try Data(bytes).write(to: URL(fileURLWithPath: cache.path))

            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let loaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(loaded.source == .snapshot(miss: .foreign, written: true))
            #expect(loaded.store == (try ColumnarStore.load(from: snapshot)))
            #expect(try ColumnarStore.load(from: snapshot, cache: cache).source == .cache)
        }
    }

    /// Byte offsets in the file: the header's generation, inside the person and ticket
    /// columns, near the end (conversation links), the last byte.
    @Test(arguments: [16, 200, 5_000, 150_000, -9, -1])
    func flippedByteIsDetected(offset: Int) throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            let original = try ColumnarStore.load(from: snapshot, cache: cache).store
            var bytes = try Data(contentsOf: URL(fileURLWithPath: cache.path))
            let at = offset >= 0 ? offset : bytes.count + offset
            bytes[at] ^= 0x10
            try bytes.write(to: URL(fileURLWithPath: cache.path))

            guard case .corrupt = cache.read(expecting: try ColumnCache.Key.current(snapshot)).failure else {
                Issue.record("a flipped byte at \(at) was not detected as corruption")
                return
            }
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.store == original)
            #expect(try ColumnarStore.load(from: snapshot, cache: cache).source == .cache)
        }
    }

    @Test func otherFormatVersionIsRebuilt() throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            _ = try ColumnarStore.load(from: snapshot, cache: cache)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: cache.path))
            bytes[8] &+= 1  // the format version follows the 8-byte magic
            try bytes.write(to: URL(fileURLWithPath: cache.path))
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.source == .snapshot(miss: .version(ColumnCache.formatVersion + 1), written: true))
        }
    }

    /// Permissions do not stop root, so the unwritable spot is a directory where the cache
    /// file would go: reading it fails, the rename over it fails, the load still succeeds.
    @Test func unwritableCacheIsSkippedNeverFatal() throws {
        try withTemporaryDirectory { directory in
            let path = try Self.generatedSnapshot(in: directory)
            let cache = ColumnCache(snapshotPath: path)
            try FileManager.default.createDirectory(atPath: cache.path, withIntermediateDirectories: false)
            try Data([1]).write(to: URL(fileURLWithPath: cache.path + "/keep"))

            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let loaded = try ColumnarStore.load(from: snapshot, cache: cache)
            guard case .snapshot(_, let written) = loaded.source else {
                Issue.record("a directory was read as a cache")
                return
            }
            #expect(!written)
            #expect(loaded.store == (try ColumnarStore.load(from: snapshot)))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "no temporary file may be left behind")
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
