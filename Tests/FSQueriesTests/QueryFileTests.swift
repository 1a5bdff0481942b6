import FSQueries
import FSTestSupport
import Foundation
import Testing

@Suite("Query files")
struct QueryFileTests {
    @Test func headerKeysContinuationLinesAndDefaults() throws {
        let text = """
            -- title: Tickets by agent
            -- description: Created tickets per agent,
            --   with a continuation line.
            -- params: :agent, :limit = 25, @status = 'open', $flag = null
            -- owner: support
            SELECT 1
            -- not: header any more
            """
        let file = try QueryFile.parse(text, name: "by-agent", path: "/q/by-agent.sql")
        #expect(file.name == "by-agent")
        #expect(file.path == "/q/by-agent.sql")
        #expect(file.title == "Tickets by agent")
        #expect(file.description == "Created tickets per agent, with a continuation line.")
        #expect(
            file.params == [
                .init(name: "agent", defaultValue: nil), .init(name: "limit", defaultValue: "25"),
                .init(name: "status", defaultValue: "'open'"), .init(name: "flag", defaultValue: "null"),
            ])
        #expect(file.extra == ["owner": "support"])
        #expect(file.sql == text)
    }

    @Test func noHeaderIsFine() throws {
        let file = try QueryFile.parse("SELECT 1", name: "plain", path: "plain.sql")
        #expect(file.title == nil && file.description == nil && file.params.isEmpty && file.extra.isEmpty)
    }

    @Test func aBadParamsHeaderNamesTheFileAndTheItem() {
        let error = queryError { _ = try QueryFile.parse("-- params: :ok, :bad-name\nSELECT 1", name: "q", path: "/q.sql") }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("query file /q.sql") == true)
        #expect(error?.message.contains("\":bad-name\" in its params header is not a parameter") == true)
    }

    @Test func loadReadsTheFileAndNamesItAfterTheFile() throws {
        try withTemporaryDirectory { dir in
            let path = try write("-- title: T\nSELECT 2", "two.sql", in: dir)
            let file = try QueryFile.load(path: path)
            #expect(file.name == "two" && file.title == "T" && file.path == path)
            let missing = queryError { _ = try QueryFile.load(path: dir + "/none.sql") }
            #expect(missing?.kind == .badInput)
            #expect(missing?.message.hasPrefix("cannot read query file \(dir)/none.sql") == true)
            try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: dir + "/bad.sql"))
            let binary = queryError { _ = try QueryFile.load(path: dir + "/bad.sql") }
            #expect(binary?.message == "query file \(dir)/bad.sql is not UTF-8 text")
        }
    }
}
