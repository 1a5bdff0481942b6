/// A forward-only reader of one JSON document (RFC 8259) that materialises only what
/// the caller asks for and skips everything else without allocating.
///
/// The API bodies are large (ticket content, person objects repeated in every response)
/// while the snapshot needs a handful of fields; decoding them field by field, with one
/// deliberate rule per field (see ``readInt64()``), is several times faster than building
/// a whole tree with `JSONSerialization` or `JSONDecoder`.
struct JSONScanner {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The kinds of value the scanner can see next.
    enum Kind: Sendable { case object, array, string, number, bool, null }

    // MARK: Structure

    /// The kind of the next value, without consuming it.
    mutating func peekKind() throws -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of the body") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character \(printable(bytes[offset]))")
        }
    }

    /// Reads an object, calling `body` once per key; `body` must consume the value (read
    /// or ``skipValue()``). A `null` in place of the object calls `body` for nothing.
    mutating func readObject(_ body: (inout JSONScanner, String) throws -> Void) throws {
        if try consumeNull() { return }
        try expect(UInt8(ascii: "{"), "an object")
        skipWhitespace()
        if peekByte() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            guard peekByte() == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try readStringBody()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
            let before = offset
            try body(&self, key)
            if offset == before { try skipValue() }
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of the body inside an object") }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object, found \(printable(c))") }
        }
    }

    /// Reads an array, calling `body` once per element; `body` must consume the element.
    /// A `null` in place of the array calls `body` for nothing.
    mutating func readArray(_ body: (inout JSONScanner) throws -> Void) throws {
        if try consumeNull() { return }
        try expect(UInt8(ascii: "["), "an array")
        skipWhitespace()
        if peekByte() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            let before = offset
            try body(&self)
            if offset == before { try skipValue() }
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of the body inside an array") }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array, found \(printable(c))") }
        }
    }

    /// Skips one value of any kind, checking its syntax, without building any string.
    mutating func skipValue() throws {
        switch try peekKind() {
        case .object: try skipObject()
        case .array: try readArray { scanner in try scanner.skipValue() }
        case .string: try skipString()
        case .number: _ = try numberText()
        case .bool: _ = try readBool()
        case .null: _ = try consumeNull()
        }
    }

    private mutating func skipObject() throws {
        try expect(UInt8(ascii: "{"), "an object")
        skipWhitespace()
        if peekByte() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            guard peekByte() == UInt8(ascii: "\"") else { throw error("expected a key") }
            try skipString()
            try expect(UInt8(ascii: ":"), "':' after a key")
            try skipValue()
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of the body inside an object") }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object, found \(printable(c))") }
        }
    }

    /// Checks that nothing but whitespace follows the document.
    mutating func finish() throws {
        skipWhitespace()
        guard offset == bytes.count else { throw error("unexpected data after the JSON value") }
    }

    // MARK: Scalars

    /// A string, or nil for `null`. Any other kind is an error.
    mutating func readString() throws -> String? {
        if try consumeNull() { return nil }
        guard try peekKind() == .string else { throw error("expected a string") }
        return try readStringBody()
    }

    /// An integer sent as a JSON number (`7`) or a decimal string (`"7"`), the two forms
    /// Fluent Support uses for ids and counts; nil for `null` or `""`.
    mutating func readInt64() throws -> Int64? {
        switch try peekKind() {
        case .null:
            _ = try consumeNull()
            return nil
        case .number:
            let start = offset
            let text = try numberText()
            guard let value = Int64(text) else { throw error("expected an integer, found \(text)", at: start) }
            return value
        case .string:
            let start = offset
            let text = try readStringBody()
            if text.isEmpty { return nil }
            guard let value = Int64(text) else { throw error("expected an integer, found \"\(text)\"", at: start) }
            return value
        default:
            throw error("expected an integer")
        }
    }

    /// A number sent as a JSON number or a numeric string; nil for `null` or `""`.
    mutating func readDouble() throws -> Double? {
        switch try peekKind() {
        case .null:
            _ = try consumeNull()
            return nil
        case .number:
            let start = offset
            let text = try numberText()
            guard let value = Double(text) else { throw error("expected a number, found \(text)", at: start) }
            return value
        case .string:
            let start = offset
            let text = try readStringBody()
            if text.isEmpty { return nil }
            guard let value = Double(text) else { throw error("expected a number, found \"\(text)\"", at: start) }
            return value
        default:
            throw error("expected a number")
        }
    }

    mutating func readBool() throws -> Bool {
        skipWhitespace()
        if match("true") { return true }
        if match("false") { return false }
        throw error("expected true or false")
    }

    // MARK: Errors

    /// A syntax or shape error at a byte offset.
    struct Failure: Error, CustomStringConvertible, Sendable {
        var message: String
        var offset: Int
        var description: String { "\(message) at byte \(offset)" }
    }

    func error(_ message: String, at position: Int? = nil) -> Failure {
        Failure(message: message, offset: position ?? offset)
    }

    // MARK: Internals

    private func printable(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x" + String(c, radix: 16)
    }

    @inline(__always)
    private func peekByte() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    @inline(__always)
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unexpected end of the body, expected \(what)") }
        guard bytes[offset] == c else { throw error("expected \(what), found \(printable(bytes[offset]))") }
        offset += 1
    }

    private mutating func match(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0..<count where bytes[offset + i] != p[i] { return false }
        offset += count
        return true
    }

    private mutating func consumeNull() throws -> Bool {
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "n") {
            guard match("null") else { throw error("invalid literal") }
            return true
        }
        return false
    }

    /// The text of a number, validated against the JSON grammar.
    private mutating func numberText() throws -> String {
        skipWhitespace()
        let start = offset
        if peekByte() == UInt8(ascii: "-") { offset += 1 }
        guard let first = peekByte(), first >= 0x30, first <= 0x39 else { throw error("invalid number", at: start) }
        offset += 1
        if first != 0x30 { skipDigits() }
        if peekByte() == UInt8(ascii: ".") {
            offset += 1
            guard let d = peekByte(), d >= 0x30, d <= 0x39 else { throw error("invalid number", at: start) }
            skipDigits()
        }
        if let e = peekByte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            offset += 1
            if let s = peekByte(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { offset += 1 }
            guard let d = peekByte(), d >= 0x30, d <= 0x39 else { throw error("invalid number", at: start) }
            skipDigits()
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
    }

    private mutating func skipString() throws {
        let start = offset
        offset += 1  // opening quote
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                guard offset + 1 < bytes.count else { break }
                switch bytes[offset + 1] {
                case UInt8(ascii: "u"):
                    offset += 2
                    _ = try hex4()
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                default:
                    throw error("invalid escape in a string")
                }
                continue
            }
            if c < 0x20 { throw error("control character in a string") }
            offset += 1
        }
        throw error("unterminated string", at: start)
    }

    /// Reads a string whose opening quote is next, decoding escapes.
    private mutating func readStringBody() throws -> String {
        let start = offset
        offset += 1
        let contentStart = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[contentStart..<offset], as: UTF8.self)
                offset += 1
                return text
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in a string") }
            offset += 1
        }
        guard offset < bytes.count else { throw error("unterminated string", at: start) }
        var out = Array(bytes[contentStart..<offset])
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in a string") }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                offset += 1
                continue
            }
            guard offset + 1 < bytes.count else { break }
            let e = bytes[offset + 1]
            offset += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        offset += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw error("invalid escape \\\(printable(e))", at: offset - 2)
            }
        }
        throw error("unterminated string", at: start)
    }

    private mutating func hex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[offset]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | d
            offset += 1
        }
        return v
    }
}
