/// A JSON document with ordered object keys, so bodies come out in the same key order
/// as the live endpoints.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A decimal number `value / 10^places`, printed with exactly `places` decimals.
    case fixed(Int64, places: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.fixed(let a, let p), .fixed(let b, let q)): return a == b && p == q
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Serialises with two-space indentation (`pretty`) or compactly.
    public func serialized(pretty: Bool = true) -> String {
        var out = ByteWriter(capacity: 1024)
        write(to: &out, indent: pretty ? 0 : nil)
        if pretty { out.raw("\n") }
        return out.string
    }

    private func write(to out: inout ByteWriter, indent: Int?) {
        switch self {
        case .null: out.raw("null")
        case .bool(let b): out.raw(b ? "true" : "false")
        case .int(let v): out.int(v)
        case .fixed(let v, let places): out.raw(JSONValue.fixedText(v, places: places))
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out.raw("[]")
                return
            }
            out.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.raw(",") }
                newline(&out, indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 })
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
                value.write(to: &out, indent: indent.map { $0 + 1 })
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
