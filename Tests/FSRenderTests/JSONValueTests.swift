import FSRender
import Testing

/// The one JSON writer: doubles, and the one-row-a-line layout of query results.
@Suite struct JSONValueTests {
    @Test func doublesInTheirShortestExactFormAndNullWhenNotFinite() {
        // 0.1 + 0.2 is not 0.3 in binary: its shortest exact form has 17 digits.
        let values: [(Double, String)] = [
            (1.5, "1.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"), (2, "2.0"), (-0.25, "-0.25"),
            (1e-5, "1e-05"), (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
        ]
        for (value, text) in values {
            #expect(JSONValue.double(value).serialized(pretty: false) == text, "\(value)")
        }
        #expect(JSONValue.double(1.5) == .double(1.5))
        #expect(JSONValue.double(1) != .int(1))
    }

    @Test func rowsLayoutPutsScalarContainersOnOneLine() {
        let value = JSONValue.object([
            ("a", .array([.int(1), .string("x")])),
            ("b", .array([.object([("k", .null), ("v", .bool(true))]), .object([])])),
            ("c", .object([])),
        ])
        #expect(
            value.serialized(rows: true) == """
                {
                  "a": [1, "x"],
                  "b": [
                    {"k": null, "v": true},
                    {}
                  ],
                  "c": {}
                }

                """)
        // Compact output ignores it.
        #expect(value.serialized(pretty: false, rows: true) == #"{"a":[1,"x"],"b":[{"k":null,"v":true},{}],"c":{}}"#)
    }
}
