import FSQueries
import FSTestSupport
import Foundation
import Testing

@Suite("Query catalog")
struct QueryCatalogTests {
    @Test func aNameIsFoundInTheFirstFolderThatHasIt() throws {
        try withTemporaryDirectory { dir in
            try write("-- title: A\nSELECT 'a'", "a/which.sql", in: dir)
            try write("-- title: B\nSELECT 'b'", "b/which.sql", in: dir)
            try write("-- title: Only B\nSELECT 'b'", "b/other.sql", in: dir)
            let catalog = QueryCatalog(directories: [dir + "/a", dir + "/b", dir + "/a"])
            #expect(catalog.directories == [dir + "/a", dir + "/b"])
            #expect(try catalog.resolve("which", currentDirectory: "/").title == "A")
            #expect(try catalog.resolve("other", currentDirectory: "/").title == "Only B")
            // `which` of b is hidden by a's.
            #expect(try catalog.list().map { "\($0.name):\($0.title ?? "")" } == ["other:Only B", "which:A"])
        }
    }

    @Test func aPathIsRelativeToTheGivenDirectory() throws {
        try withTemporaryDirectory { dir in
            try write("SELECT 1", "sub/q.sql", in: dir)
            let catalog = QueryCatalog(directories: [])
            #expect(try catalog.resolve("sub/q.sql", currentDirectory: dir).path == dir + "/sub/q.sql")
            #expect(try catalog.resolve(dir + "/sub/q.sql", currentDirectory: "/elsewhere").name == "q")
            let missing = queryError { _ = try catalog.resolve("q.sql", currentDirectory: dir) }
            #expect(missing?.kind == .badInput)
            #expect(missing?.message == "no query file at \(dir)/q.sql")
        }
    }

    @Test func anUnknownNameListsWhereItLookedAndWhatExists() throws {
        try withTemporaryDirectory { dir in
            try write("SELECT 1", "q/known.sql", in: dir)
            let error = queryError { _ = try QueryCatalog(directories: [dir + "/q"]).resolve("nope", currentDirectory: dir) }
            #expect(error?.kind == .badInput)
            #expect(error?.message == "no saved query named \"nope\" (looked in \(dir)/q)")
            #expect(error?.hint == "saved queries: known; `fsreport query --list` describes them")
            let empty = queryError { _ = try QueryCatalog(directories: [dir + "/none"]).resolve("nope", currentDirectory: dir) }
            #expect(empty?.hint?.hasPrefix("set FSREPORT_QUERIES") == true)
            let bad = queryError { _ = try QueryCatalog(directories: []).resolve("no pe", currentDirectory: dir) }
            #expect(bad?.message == "\"no pe\" is neither a query name (letters, digits, - and _) nor a .sql file")
        }
    }

    @Test func theStandardPathPutsExtraThenTheVariableThenTheWorkingDirectory() {
        let catalog = QueryCatalog.standard(
            variables: ["FSREPORT_QUERIES": "/abs/one:rel/two"], currentDirectory: "/work/here", extra: ["/extra"])
        #expect(Array(catalog.directories.prefix(4)) == ["/extra", "/abs/one", "/work/here/rel/two", "/work/here/queries"])
        let plain = QueryCatalog.standard(variables: [:], currentDirectory: "/cwd")
        #expect(plain.directories.first == "/cwd/queries")
    }

    @Test(arguments: [("weekly-agent_times2", true), ("", false), ("a b", false), ("a.sql", false), ("ünïcode", false)])
    func names(text: String, isName: Bool) {
        #expect(QueryCatalog.isName(text) == isName)
    }
}
