/// A Fletcher-style 64-bit checksum over 8-byte words in four independent lanes (so it
/// runs at memory speed): sensitive to every bit, to order and to length.
struct Checksum {
    private var a: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
    private var b: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var words: UInt64 = 0

    /// Adds bytes. The value depends on how the bytes are split into calls (a call's
    /// tail that is not a whole 32-byte block goes to the first lane); the cache writer and
    /// reader split identically: per column, 1 MiB chunks, the rest, then the padding.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let blocks = count / 32
        var (a0, a1, a2, a3) = a
        var (b0, b1, b2, b3) = b
        for k in 0..<blocks {
            let p = base + k * 32
            a0 &+= p.loadUnaligned(as: UInt64.self)
            a1 &+= p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            a2 &+= p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            a3 &+= p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            b0 &+= a0
            b1 &+= a1
            b2 &+= a2
            b3 &+= a3
        }
        var rest = blocks * 32
        while rest < count {
            var word: UInt64 = 0
            let n = min(8, count - rest)
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + rest, count: n)) }
            a0 &+= word
            b0 &+= a0
            rest += 8
        }
        a = (a0, a1, a2, a3)
        b = (b0, b1, b2, b3)
        words &+= UInt64((count + 7) / 8)
    }

    var value: UInt64 {
        var h = words &* 0x9E37_79B9_7F4A_7C15
        for v in [a.0, a.1, a.2, a.3, b.0, b.1, b.2, b.3] {
            h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return h
    }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var c = Checksum()
        bytes.withUnsafeBytes { c.update($0) }
        return c.value
    }
}
