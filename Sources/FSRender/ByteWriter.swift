/// An append-only UTF-8 buffer for the renderers' hot paths (chart bars, table rows,
/// JSON and CSV bodies): pieces are copied straight into one growing array, with none of
/// the temporary strings that `"\(...)"` interpolation creates.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as a string (they are UTF-8 by construction).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    var count: Int { bytes.count }

    /// Appends literal markup.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends text that is already safe (generated markup, escaped text).
    @inline(__always)
    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ b: UInt8) { bytes.append(b) }

    /// Appends text escaped for HTML element content and quoted attribute values
    /// (same rules as ``htmlEscape(_:)``).
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { source in
            for b in source {
                switch b {
                case 0x26: raw("&amp;")
                case 0x3C: raw("&lt;")
                case 0x3E: raw("&gt;")
                case 0x22: raw("&quot;")
                case 0x27: raw("&#39;")
                default: bytes.append(b)
                }
            }
        }
    }

    /// Appends a decimal integer.
    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var v = value.magnitude
        if v < 10 {
            bytes.append(UInt8(v) + 0x30)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0
            while v > 0 {
                digits[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                bytes.append(digits[n])
            }
        }
    }

    mutating func int(_ value: Int64) { int(Int(value)) }

    /// Appends `12,345`.
    mutating func grouped(_ value: Int) {
        if value > -1000 && value < 1000 {
            int(value)
        } else {
            grouped(value / 1000)
            raw(",")
            let rest = Int(value.magnitude % 1000)
            if rest < 100 { raw("0") }
            if rest < 10 { raw("0") }
            int(rest)
        }
    }

    /// Appends a coordinate with at most one decimal (`12`, `12.5`, `-0.5`).
    mutating func coordinate(_ value: Double) {
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { bytes.append(0x2D) }
        let m = tenths.magnitude
        int(Int(m / 10))
        if m % 10 != 0 {
            bytes.append(0x2E)
            bytes.append(UInt8(m % 10) + 0x30)
        }
    }
}
