import FSCLI
import FSRender
import Foundation

/// Memory and formatting helpers of `fsreport-bench` (its clock and medians are FSRender's
/// `MonotonicClock` and `Timing`, shared with `fsreport dashboard --timings`).

/// Figures from `/proc/self/status` (Linux); nil elsewhere.
enum ProcessMemory {
    /// Returns freed heap memory to the system (glibc's `malloc_trim`, looked up at run
    /// time; a no-op elsewhere), so resident-size differences measure live data.
    static func trim() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// Resets `VmHWM` to the current resident size (Linux `clear_refs`; ignored elsewhere).
    static func resetPeak() {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = "5".withCString { write(fd, $0, 1) }
        close(fd)
    }

    /// A `kB` field such as `VmHWM` (peak resident) or `VmRSS`, in bytes.
    static func bytes(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}

/// Single-threaded memory bandwidth, measured in the same run as the kernels: the bound a
/// scan cannot beat.
struct MemoryBandwidth: Sendable {
    /// Bytes per second summing a large array (read only).
    var read: Double
    /// Bytes per second of `memcpy` between two large arrays, counting bytes copied.
    var copy: Double
    var bufferBytes: Int

    /// - Parameter bytes: buffer size, well beyond the last-level cache.
    static func measure(bytes: Int = 256 << 20, runs: Int = 5) -> MemoryBandwidth {
        let words = bytes / 8
        var source = [UInt64](repeating: 0, count: words)
        source.withUnsafeMutableBufferPointer { b in
            for i in 0..<b.count { b[i] = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15 }
        }
        var sink: UInt64 = 0
        let (sum, total) = Timing.measure(runs: runs, floor: 0) {
            source.withUnsafeBufferPointer { b -> UInt64 in
                var sum: UInt64 = 0
                for x in b { sum &+= x }  // vectorised by the compiler
                return sum
            }
        }
        sink ^= total
        let half = words / 2
        var destination = [UInt64](repeating: 1, count: half)
        let (copy, _) = Timing.measure(runs: runs, floor: 0) {
            source.withUnsafeBytes { s in
                destination.withUnsafeMutableBytes { d in d.copyMemory(from: UnsafeRawBufferPointer(rebasing: s[0..<d.count])) }
            }
        }
        sink ^= destination[half / 3]
        if sink == 42 { print("") }  // keeps the work observable
        return MemoryBandwidth(
            read: Double(words * 8) / sum.median, copy: Double(half * 8) / copy.median, bufferBytes: words * 8)
    }
}

/// Text formatting of figures.
enum BenchFormat {
    /// `412 µs`, `3.2 ms`, `1.84 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }

    /// `1,234×`, `12.5×`, `0.42×`.
    static func ratio(_ r: Double) -> String {
        guard r.isFinite else { return "—" }
        if r >= 100 { return grouped(Int(r.rounded())) + "×" }
        if r >= 10 { return String(format: "%.1f×", r) }
        return String(format: "%.2f×", r)
    }

    static func bytes(_ b: Double) -> String {
        let kib = 1024.0
        if b >= kib * kib * kib { return String(format: "%.2f GiB", b / (kib * kib * kib)) }
        if b >= kib * kib { return String(format: "%.1f MiB", b / (kib * kib)) }
        if b >= kib { return String(format: "%.1f KiB", b / kib) }
        return "\(Int(b)) B"
    }

    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return String(format: "%.2f M", perSecond / 1e6) }
        if perSecond >= 1e3 { return String(format: "%.1f k", perSecond / 1e3) }
        return String(format: "%.0f", perSecond)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Left-aligned first column, right-aligned others.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
