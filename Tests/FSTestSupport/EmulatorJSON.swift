import FSGenerator

/// Writes JSON bytes for the API emulator: objects and arrays with commas handled, and
/// string escaping as PHP's `json_encode` does it (`/` escaped, non-ASCII kept as UTF-8
/// here, which decoders read the same).
struct EmulatorJSON {
    private(set) var bytes: [UInt8] = []
    /// One flag per open container: whether the next member needs a comma.
    private var needsComma: [Bool] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    // MARK: Containers

    mutating func beginObject() {
        separator()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Starts a member of the current object: `"key":`. The value written next follows
    /// the colon without a comma.
    mutating func key(_ key: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    private var afterKey = false

    /// A comma before the next member or element, except right after a key.
    private mutating func separator() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    // MARK: Values

    mutating func null() {
        separator()
        append("null")
    }

    mutating func bool(_ v: Bool) {
        separator()
        append(v ? "true" : "false")
    }

    /// A JSON number, or null.
    mutating func number(_ v: Int64?) {
        separator()
        guard let v else { return append("null") }
        append(String(v))
    }

    mutating func number(_ v: Double) {
        separator()
        append(v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v))
    }

    /// An integer sent as a decimal string (`"7"`), or null: how the plugin sends most
    /// foreign keys and counts.
    mutating func numericString(_ v: Int64?) {
        separator()
        guard let v else { return append("null") }
        bytes.append(UInt8(ascii: "\""))
        append(String(v))
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ s: String?) {
        separator()
        guard let s else { return append("null") }
        bytes.append(UInt8(ascii: "\""))
        let utf8 = s.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") })
        {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for c in utf8 {
            switch c {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "/"): append("\\/")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hex[Int(c >> 4)])
                bytes.append(Self.hex[Int(c & 0xF)])
            default: bytes.append(c)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Pre-rendered JSON (a cached object) as the next value.
    mutating func rawValue(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    // MARK: Shorthands for members

    mutating func field(_ k: StaticString, _ v: String?) {
        key(k)
        string(v)
    }

    mutating func field(_ k: StaticString, number v: Int64?) {
        key(k)
        number(v)
    }

    mutating func field(_ k: StaticString, numericString v: Int64?) {
        key(k)
        numericString(v)
    }

    mutating func fieldNull(_ k: StaticString) {
        key(k)
        null()
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
}
