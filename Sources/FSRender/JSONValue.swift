/// A JSON document with ordered object keys, so bodies come out in the same key order
/// as the live endpoints.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A decimal number `value / 10^places`, printed with exactly `places` decimals.
    case fixed(Int64, places: Int)
    /// A binary floating-point number in its shortest exact form (`1.5`, `0.1`, `1e-05`);
    /// `null` when it is not finite (JSON has no NaN or infinity).
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.fixed(let a, let p), .fixed(let b, let q)): return a == b && p == q
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Serialises with two-space indentation (`pretty`) or compactly.
    /// - Parameter rows: with `pretty`, an array or object whose members are all scalars is
    ///   written on one line (`{"id": 3, "name": "a"}`, `["a", "b"]`): a table's rows one a line.
    public func serialized(pretty: Bool = true, rows: Bool = false) -> String {
        var out = ByteWriter(capacity: 1024)
        write(to: &out, indent: pretty ? 0 : nil, rows: pretty && rows)
        if pretty { out.raw("\n") }
        return out.string
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(to out: inout ByteWriter, indent: Int?, rows: Bool = false) {
        switch self {
        case .null: out.raw("null")
        case .bool(let b): out.raw(b ? "true" : "false")
        case .int(let v): out.int(v)
        case .fixed(let v, let places): out.raw(JSONValue.fixedText(v, places: places))
        case .double(let v): out.raw(v.isFinite ? String(v) : "null")
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items) where rows && !items.isEmpty && items.allSatisfy(\.isScalar):
            out.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.raw(", ") }
                item.write(to: &out, indent: nil)
            }
            out.raw("]")
        case .object(let members) where rows && !members.isEmpty && members.allSatisfy(\.1.isScalar):
            out.raw("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.raw(", ") }
                JSONValue.escape(key, into: &out)
                out.raw(": ")
                value.write(to: &out, indent: nil)
            }
            out.raw("}")
        case .array(let items):
            if items.isEmpty {
                out.raw("[]")
                return
            }
            out.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.raw(",") }
                newline(&out, indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 }, rows: rows)
            }
            newline(&out, indent)
            out.raw("]")
        case .object(let members):
            if members.isEmpty {
                out.raw("{}")
                return
            }
            out.raw("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.raw(",") }
                newline(&out, indent.map { $0 + 1 })
                JSONValue.escape(key, into: &out)
                out.raw(indent == nil ? ":" : ": ")
                value.write(to: &out, indent: indent.map { $0 + 1 }, rows: rows)
            }
            newline(&out, indent)
            out.raw("}")
        }
    }

    private func newline(_ out: inout ByteWriter, _ indent: Int?) {
        guard let indent else { return }
        out.raw("\n")
        for _ in 0..<indent { out.raw("  ") }
    }

    /// JSON string escaping; `<`, `>`, `&` are escaped too so a body is safe to inline in HTML.
    static func escape(_ s: String, into out: inout ByteWriter) {
        out.raw("\"")
        // Fast path: nothing to escape (printable ASCII without quote, backslash, <, >, &).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 }) {
            out.raw(s)
            out.raw("\"")
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.raw("\\\"")
            case "\\": out.raw("\\\\")
            case "\n": out.raw("\\n")
            case "\r": out.raw("\\r")
            case "\t": out.raw("\\t")
            case "<": out.raw("\\u003c")
            case ">": out.raw("\\u003e")
            case "&": out.raw("\\u0026")
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out.raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.raw(String(scalar))
                }
            }
        }
        out.raw("\"")
    }

    /// `value / 10^places` with exactly `places` decimals (`-1.05`, `2.00`).
    static func fixedText(_ value: Int64, places: Int) -> String {
        guard places > 0 else { return String(value) }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale)
        let fraction = String(magnitude % UInt64(scale))
        return (value < 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
