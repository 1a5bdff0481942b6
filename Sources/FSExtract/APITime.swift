import FSSnapshot
import Foundation

/// The two timestamp forms the API sends, turned into site-local seconds (``LocalTime``).
///
/// - A plain `"YYYY-MM-DD HH:MM:SS"` is the site's local wall-clock value as stored in its
///   database (`last_agent_response`, `resolved_at`, ...): kept as it is.
/// - An ISO-8601 instant with an offset (`"2026-07-24T12:21:23+00:00"`, `...Z`), which
///   Fluent Support 2.x sends for `created_at`, `updated_at` and `waiting_since`: converted
///   back to the site's wall-clock time with its timezone, DST included.
///
/// The form itself says which one a value is (an offset or `Z` means an instant), so a
/// server that sends either form for any field is read correctly.
enum APITime {
    /// Site-local seconds of `text`, or nil for `""` and MySQL's zero date
    /// (`0000-00-00 00:00:00`).
    /// - Returns: `.failure` with a reason when `text` is neither form.
    static func parse(_ text: String, clock: SiteClock) -> Result<Int64?, Failure> {
        if text.isEmpty || text.hasPrefix("0000-00-00") { return .success(nil) }
        let b = Array(text.utf8)
        guard b.count >= 19 else { return .failure(Failure(text: text)) }
        let head = String(decoding: b[0..<19], as: UTF8.self)
        guard let wall = LocalTime.parse(head) else { return .failure(Failure(text: text)) }
        if b.count == 19 { return .success(wall) }  // plain local (either separator)
        // An instant: optional fraction, then Z or ±HH:MM / ±HHMM / ±HH.
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        guard i < b.count else { return .success(wall) }  // fraction without offset: local
        let sign: Int64
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return .failure(Failure(text: text)) }
            return .success(clock.local(unixSeconds: wall))
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return .failure(Failure(text: text))
        }
        let digits = b[(i + 1)...].filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(Failure(text: text))
        }
        let values = digits.map { Int64($0 - 0x30) }
        let hours = values[0] * 10 + values[1]
        let minutes = digits.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours <= 18, minutes < 60 else { return .failure(Failure(text: text)) }
        let unix = wall - sign * (hours * 3600 + minutes * 60)
        return .success(clock.local(unixSeconds: unix))
    }

    /// Why a timestamp could not be read.
    struct Failure: Error, Sendable {
        var text: String
    }

    /// The ISO-8601 UTC form (`2026-07-24T12:21:23+00:00`) of a site-local time, as a
    /// Fluent Support 2.x server sends it (a time in a spring-forward gap is read with the
    /// offset before the change, as PHP reads it). For tests.
    static func isoUTC(local t: Int64, clock: SiteClock) -> String {
        let unix = clock.unixSeconds(local: t)
        let text = LocalTime.format(unix)
        return String(text.prefix(10)) + "T" + String(text.suffix(8)) + "+00:00"
    }
}
