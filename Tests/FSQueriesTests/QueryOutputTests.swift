import FSQueries
import FSSnapshot
import Foundation
import Testing

@Suite("Query output")
struct QueryOutputTests {
    static let result = QueryResult(
        columns: ["text", "real", "empty", "formula", "n"],
        rows: [[.text("a,b"), .real(1.5), .null, .text("=1+1"), .integer(7)]], bound: [("agent", .integer(3))])
    static let query = try! QueryFile.parse("-- title: A <title>\nSELECT 1", name: "q", path: "/q.sql")

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(
            QueryOutput.render(Self.result, query: Self.query, format: "csv")
                == "text,real,empty,formula,n\r\n\"a,b\",1.5,,'=1+1,7\r\n")
    }

    @Test func jsonKeepsTypesAndNulls() throws {
        let text = QueryOutput.render(Self.result, query: Self.query, format: "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "q")
        #expect(object["title"] as? String == "A <title>")
        #expect(!text.contains("<"))  // escaped, safe inside HTML too
        #expect((object["params"] as? [String: Any])?["agent"] as? Int == 3)
        #expect(object["columns"] as? [String] == ["text", "real", "empty", "formula", "n"])
        let row = try #require((object["rows"] as? [[String: Any]])?.first)
        #expect(row["text"] as? String == "a,b")
        #expect(row["real"] as? Double == 1.5)
        #expect(row["empty"] is NSNull)
        #expect(row["formula"] as? String == "=1+1")
        #expect(row["n"] as? Int == 7)
    }

    /// The layout docs/queries.md shows: one member a line, params, columns and each row on
    /// one line, `<` escaped, the real in its shortest form, a final newline.
    @Test func jsonLayoutIsOneRowALine() {
        #expect(
            QueryOutput.render(Self.result, query: Self.query, format: "json") == """
                {
                  "query": "q",
                  "title": "A \\u003ctitle\\u003e",
                  "params": {"agent": 3},
                  "columns": ["text", "real", "empty", "formula", "n"],
                  "rows": [
                    {"text": "a,b", "real": 1.5, "empty": null, "formula": "=1+1", "n": 7}
                  ]
                }

                """)
        let empty = QueryResult(columns: ["n"], rows: [], bound: [])
        let untitled = try! QueryFile.parse("SELECT 1 AS n", name: "e", path: "/e.sql")
        #expect(
            QueryOutput.render(empty, query: untitled, format: "json")
                == "{\n  \"query\": \"e\",\n  \"title\": null,\n  \"params\": {},\n  \"columns\": [\"n\"],\n  \"rows\": []\n}\n")
    }

    @Test func tableRightAlignsNumberColumns() {
        // Header, rule, one row; "1.5" right-aligned under the 4 wide "real": "a,b" + 1 pad + 2 gap + 1 pad.
        let lines = QueryOutput.render(Self.result, query: Self.query, format: "table").split(separator: "\n")
        #expect(lines.first == "text  real  empty  formula  n")
        #expect(lines.count == 3)
        #expect(lines.last?.hasPrefix("a,b    1.5  ") == true)
    }
}
