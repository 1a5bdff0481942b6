import FSQueries
import FSSnapshot
import Testing

@Suite("Query parameters")
struct QueryParametersTests {
    @Test func builtinsFromTheRangeAndNow() {
        // Day 10 is 1970-01-11, day 12 is 1970-01-13; now = 12 × 86,400 + 15 × 3,600 = 1,090,800.
        let p = QueryParameters(fromDay: 10, toDay: 12, now: 1_090_800)
        #expect(
            p.builtins == [
                "from": .text("1970-01-11"), "to": .text("1970-01-13"),
                "from_ts": .integer(864_000), "to_ts": .integer(1_123_200),  // 10 × 86,400; 13 × 86,400 (half-open)
                "now": .text("1970-01-13 15:00:00"), "now_ts": .integer(1_090_800),
            ])
        #expect(Set(p.builtins.keys) == Set(QueryParameters.builtinNames))
        // Defaults: to = the day of now (12), from = to − 30.
        let d = QueryParameters(now: 1_090_800)
        #expect(d.toDay == 12 && d.fromDay == -18)
    }

    @Test(arguments: [
        ("7", false, SQLValue.integer(7)), ("-3", false, .integer(-3)), ("007", false, .text("007")),
        ("1.5", false, .real(1.5)), ("abc", false, .text("abc")), ("null", false, .text("null")),
        ("null", true, .null), ("'quoted'", true, .text("quoted")), ("'quoted'", false, .text("'quoted'")),
    ])
    func typedValues(text: String, allowNull: Bool, expected: SQLValue) {
        #expect(QueryParameters.sqlValue(text, allowNull: allowNull) == expected)
    }

    @Test func pairs() throws {
        #expect(
            try QueryParameters.parsePairs([":agent=3", "name=a=b", "empty="]) == ["agent": "3", "name": "a=b", "empty": ""])
    }

    @Test(arguments: [
        (["agent"], "--param \"agent\" is not KEY=VALUE (e.g. --param agent=3)"),
        (["a-b=1"], "--param \"a-b=1\": \"a-b\" is not a parameter name (letters, digits, _)"),
        (["to=2026-01-01"], "--param to=... : give the range with --to DATE"),
        (["now_ts=1"], "--param now_ts=... : :now_ts is computed from --from, --to and --now"),
        (["x=1", "x=2"], "--param x given twice"),
    ])
    func badPairs(pairs: [String], message: String) {
        let error = queryError { _ = try QueryParameters.parsePairs(pairs) }
        #expect(error?.kind == .badInput)
        #expect(error?.message == message)
    }
}
