import FSRender
import FSTestSupport
import Foundation
import Testing

@testable import FSRender

/// The site is replaced as a whole or not at all, and never replaces a folder that is
/// not a previous site.
@Suite struct SiteWriterTests {
    let temporary = TemporaryDirectory()
    var parent: URL { temporary.url }
    var site: URL { parent.appendingPathComponent("site") }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "site" }
    }

    @Test func replacesThePreviousSite() throws {
        try SiteWriter.write(try DashboardFixture.data, to: site.path, options: DashboardFixture.options())
        try Data("old".utf8).write(to: site.appendingPathComponent("agents/99.html"))
        try SiteWriter.write(try DashboardFixture.data, to: site.path, options: DashboardFixture.options())
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("agents/99.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
        #expect(try leftovers().isEmpty)
    }

    @Test func aFailedRenderLeavesThePreviousSiteUntouched() throws {
        try SiteWriter.write(try DashboardFixture.data, to: site.path, options: DashboardFixture.options())
        let before = try siteFiles(under: site)
        // The second file needs index.html to be a directory: writing fails halfway.
        let broken = [
            SiteWriter.File(path: "index.html", contents: "new"),
            SiteWriter.File(path: "index.html/oops.html", contents: "new"),
        ]
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter.write(files: broken, to: site.path) }
        let after = try siteFiles(under: site)
        #expect(after.map(\.path) == before.map(\.path))
        #expect(zip(after, before).allSatisfy { $0.data == $1.data })
        let left = try leftovers()
        #expect(left.isEmpty, "temporary directories left behind: \(left)")
    }

    @Test func refusesToReplaceAFolderThatIsNotASite() throws {
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: site.appendingPathComponent("snapshot.sqlite"))
        let error = #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(try DashboardFixture.data, to: site.path, options: DashboardFixture.options())
        }
        #expect(error?.description.contains("\"snapshot.sqlite\"") == true)
        #expect(try String(contentsOf: site.appendingPathComponent("snapshot.sqlite"), encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
    }

    @Test func createsAMissingFolderAndAcceptsAnEmptyOne() throws {
        let nested = parent.appendingPathComponent("a/b/site")
        try SiteWriter.write(try DashboardFixture.data, to: nested.path, options: DashboardFixture.options())
        #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("manifest.json").path))
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try SiteWriter.write(try DashboardFixture.data, to: site.path, options: DashboardFixture.options())
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
    }
}
