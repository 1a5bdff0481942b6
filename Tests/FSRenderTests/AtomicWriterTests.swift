import FSTestSupport
import Foundation
import Testing

@testable import FSRender

/// The one publish path of `dashboard`, `demo` and `nightly`: whole folders swapped in, and
/// what a killed run leaves behind cleared (or put back) by the next one. A kill at an
/// arbitrary moment of a real `fsreport nightly` process is `NightlyTests`'
/// `aKilledRunLeavesTheOldSiteOrTheNewOneNeverAMix`; here the two states a kill can leave
/// are built by hand, with the names a killed process (a pid no longer running) leaves.
@Suite struct AtomicWriterTests {
    let temporary = TemporaryDirectory()
    var dir: URL { temporary.url }
    var target: String { dir.appendingPathComponent("site").path }

    /// Relative path → contents of every regular file under `root`.
    func tree(_ root: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for file in try siteFiles(under: URL(fileURLWithPath: root)) {
            out[file.path] = String(decoding: file.data, as: UTF8.self)
        }
        return out
    }

    func entries(_ folder: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder))
    }

    func put(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// The pid of a process that has exited (and been reaped): what a killed run's leftovers carry.
    func deadPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func replacesWholeFolders() throws {
        try AtomicWriter.replaceDirectory(at: target) { try put("new", "\($0)/api/x.json") }
        #expect(try tree(target) == ["api/x.json": "new"])
        try AtomicWriter.replaceDirectory(at: target) { try put("newer", "\($0)/index.html") }
        // Nothing of the previous folder survives, and nothing is left beside it.
        #expect(try tree(target) == ["index.html": "newer"])
        #expect(try entries(dir.path) == ["site"])
        // Two missing paths cannot be exchanged: callers fall back to two renames.
        #expect(AtomicWriter.exchange(dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path) == false)
    }

    @Test func aFailedBuildLeavesThePreviousFolder() throws {
        try AtomicWriter.replaceDirectory(at: target) { try put("old", "\($0)/index.html") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicWriter.replaceDirectory(at: target) {
                try put("half", "\($0)/index.html")
                throw Stop()
            }
        }
        #expect(try tree(target) == ["index.html": "old"])
        #expect(try entries(dir.path) == ["site"])
    }

    /// Killed between the fallback's two renames: the target is missing, the previous site
    /// is set aside and the new one half built. The next run puts the previous site back
    /// (intact) before anything else, clears the rest, and publishes.
    @Test func aRunKilledMidSwapLeavesThePreviousSiteWhichTheNextRunRestores() throws {
        try AtomicWriter.replaceDirectory(at: target) { try put("previous", "\($0)/index.html") }
        let pid = try deadPID()
        let aside = dir.appendingPathComponent(".site.old-\(pid)-7").path
        try FileManager.default.moveItem(atPath: target, toPath: aside)
        try put("half", dir.appendingPathComponent(".site.new-\(pid)-7/index.html").path)

        let note = AtomicWriter.recoverDirectory(at: target)
        #expect(note == "restored the previous site from .site.old-\(pid)-7")
        #expect(try tree(target) == ["index.html": "previous"])
        #expect(try entries(dir.path) == ["site"])
        // Nothing left to repair the second time.
        #expect(AtomicWriter.recoverDirectory(at: target) == nil)
    }

    /// Killed while building, or right after the exchange: the published folder is whole,
    /// and the next publish removes the leftover (in the work folder too) on its way.
    @Test func theNextPublishClearsAKilledRunsStagingFolders() throws {
        let work = dir.appendingPathComponent("work").path
        try AtomicWriter.replaceDirectory(at: target) { try put("previous", "\($0)/index.html") }
        let pid = try deadPID()
        try put("half", dir.appendingPathComponent(".site.new-\(pid)-1/index.html").path)
        try put("old", "\(work)/.site.new-\(pid)-2/index.html")
        try AtomicWriter.replaceDirectory(at: target, stagingIn: work) { try put("tonight", "\($0)/index.html") }
        #expect(try tree(target) == ["index.html": "tonight"])
        #expect(try entries(dir.path) == ["site", "work"])
        #expect(try entries(work).isEmpty)
    }

    /// Another run still at work (a live pid: this process) is left alone.
    @Test func aLiveRunsFoldersAreLeftAlone() throws {
        let live = dir.appendingPathComponent(".site.new-\(getpid())-3").path
        let aside = dir.appendingPathComponent(".site.old-\(getpid())-3").path
        try put("building", "\(live)/index.html")
        try put("aside", "\(aside)/index.html")
        #expect(AtomicWriter.recoverDirectory(at: target) == nil)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try entries(dir.path) == [".site.new-\(getpid())-3", ".site.old-\(getpid())-3"])
    }

    /// With a work folder on the same filesystem, the site is built there (never beside a
    /// published folder); a work folder inside the target is not used.
    @Test func buildsInTheWorkFolderWhenItCan() throws {
        let work = dir.appendingPathComponent("work").path
        var builtIn: [String] = []
        try AtomicWriter.replaceDirectory(at: target, stagingIn: work) {
            builtIn.append(($0 as NSString).deletingLastPathComponent)
            try put("a", "\($0)/index.html")
        }
        try AtomicWriter.replaceDirectory(at: target, stagingIn: "\(target)/inner") {
            builtIn.append(($0 as NSString).deletingLastPathComponent)
            try put("b", "\($0)/index.html")
        }
        #expect(builtIn == [work, dir.standardizedFileURL.path])
        #expect(try tree(target) == ["index.html": "b"])
    }

    @Test func aFileWriteClearsAKilledRunsTemporaryFile() throws {
        let path = dir.appendingPathComponent("index.html").path
        let pid = try deadPID()
        try put("half", dir.appendingPathComponent(".index.html.tmp-\(pid)-9").path)
        try put("mine", dir.appendingPathComponent(".index.html.tmp-\(getpid())-9").path)
        try AtomicWriter.write("page", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "page")
        #expect(try entries(dir.path) == ["index.html", ".index.html.tmp-\(getpid())-9"])
    }
}
