import FSQueries
import FSSnapshot
import FSTestSupport
import Testing

/// Runs queries on a three-ticket snapshot: tickets 1 and 2 of agent 7, ticket 3 of agent 8.
@Suite("Query runner")
struct QueryRunnerTests {
    static func withSnapshot(_ body: (Snapshot) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            do {
                let snapshot = try Snapshot(path: path, mode: .create)
                try snapshot.write { w in
                    for (id, agent) in [(1, 7), (2, 7), (3, 8)] as [(Int64, Int64)] {
                        try w.upsert(Ticket(id: id, agentId: agent, status: "new", createdAt: id * 100))
                    }
                }
            }
            try body(try Snapshot(path: path, mode: .readOnly))
        }
    }

    static func query(_ sql: String) throws -> QueryFile { try QueryFile.parse(sql, name: "q", path: "/q.sql") }

    static let now = QueryParameters(fromDay: 0, toDay: 1, now: 3_600)

    @Test func bindsGivenValuesAndReportsUnusedOnes() throws {
        try Self.withSnapshot { snapshot in
            var parameters = Self.now
            parameters.values = ["agent": "7", "extra": "1"]
            let (result, unused) = try QueryRunner.run(
                Self.query("SELECT count(*) AS n, min(id) AS n FROM tickets WHERE agent_id = :agent"), on: snapshot,
                parameters: parameters)
            #expect(result.columns == ["n", "n_2"])  // a repeated name gets a suffix
            #expect(result.rows == [[.integer(2), .integer(1)]])
            #expect(result.bound.map(\.name) == ["agent"] && result.bound.map(\.value) == [.integer(7)])
            #expect(unused == ["extra"])
        }
    }

    @Test func headerDefaultsAndBuiltinsFillTheRest() throws {
        try Self.withSnapshot { snapshot in
            let (result, _) = try QueryRunner.run(
                Self.query("-- params: :agent = 8\nSELECT count(*), :now_ts, :to FROM tickets WHERE agent_id = :agent"),
                on: snapshot, parameters: Self.now)
            #expect(result.rows == [[.integer(1), .integer(3_600), .text("1970-01-02")]])
        }
    }

    @Test func aMissingParameterIsNamed() throws {
        try Self.withSnapshot { snapshot in
            let error = queryError {
                _ = try QueryRunner.run(Self.query("SELECT :agent"), on: snapshot, parameters: Self.now)
            }
            #expect(error?.kind == .badInput)
            #expect(error?.message == "query /q.sql needs parameter :agent; pass --param agent=VALUE")
            #expect(error?.hint?.hasPrefix("built-in parameters: :from, :to,") == true)
        }
    }

    @Test func compileFailuresAndWritesAreBadInputWithTheirHints() throws {
        try Self.withSnapshot { snapshot in
            let syntax = queryError { _ = try QueryRunner.run(Self.query("SELEC 1"), on: snapshot, parameters: Self.now) }
            #expect(syntax?.kind == .badInput)
            #expect(syntax?.message.hasPrefix("query /q.sql: SQLite error 1: near \"SELEC\": syntax error") == true)
            #expect(syntax?.hint?.hasPrefix("fix the SQL in the file") == true)
            let write = queryError {
                _ = try QueryRunner.run(Self.query("DELETE FROM tickets"), on: snapshot, parameters: Self.now)
            }
            #expect(write?.kind == .badInput)
            #expect(write?.message.contains("would change the snapshot (DELETE FROM)") == true)
            #expect(write?.hint == "the snapshot is opened read-only; nothing was changed")
            let tickets = try snapshot.rowCounts()["tickets"]
            #expect(tickets == 3)
        }
    }

    @Test func aValueOfTheWrongTypeIsBadInputNamingTheValues() throws {
        try Self.withSnapshot { snapshot in
            var parameters = Self.now
            parameters.values = ["limit": "abc"]
            let error = queryError {
                _ = try QueryRunner.run(Self.query("SELECT id FROM tickets LIMIT :limit"), on: snapshot, parameters: parameters)
            }
            #expect(error?.kind == .badInput)
            #expect(error?.message.contains("datatype mismatch") == true)
            #expect(error?.hint == "check the --param values: :limit=abc")
        }
    }
}
