import Foundation

/// Converts real instants into site-local wall-clock seconds (see ``LocalTime``) for one
/// site timezone: an IANA name such as `America/New_York`, or a fixed offset.
public struct SiteClock: Sendable, Equatable {
    public let timeZone: TimeZone

    /// - Parameter identifier: an IANA name (`Europe/Berlin`), `UTC`, or an offset in
    ///   hours as WordPress's `gmt_offset` gives it (`5.5`, `-4`).
    public init?(identifier: String) {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        if let tz = TimeZone(identifier: trimmed), !trimmed.isEmpty {
            timeZone = tz
        } else if let hours = Double(trimmed), abs(hours) <= 14,
            let tz = TimeZone(secondsFromGMT: Int((hours * 3600).rounded()))
        {
            timeZone = tz
        } else {
            return nil
        }
    }

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    public static let utc = SiteClock(timeZone: TimeZone(identifier: "UTC")!)

    /// The name recorded in the snapshot's metadata.
    public var identifier: String { timeZone.identifier }

    /// Site-local seconds for a Unix instant (DST included).
    public func local(unixSeconds: Int64) -> Int64 {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
        return unixSeconds + Int64(offset)
    }

    /// Site-local "now".
    public func now(_ date: Date = Date()) -> Int64 {
        local(unixSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The Unix instant of a site-local wall-clock time, as PHP's `DateTime` reads it:
    /// an ambiguous time (the repeated hour of a DST fall-back) is its first occurrence; a
    /// time in a spring-forward gap is read with the offset in force before the change,
    /// so it lands after the gap (New York's 02:30 on a spring-forward day is 03:30 EDT).
    public func unixSeconds(local t: Int64) -> Int64 {
        // The offsets a day either side of `t` bracket any one transition near it.
        let before = t - offset(atUnix: t - 86_400)
        let after = t - offset(atUnix: t + 86_400)
        let valid = [before, after].filter { local(unixSeconds: $0) == t }
        if let first = valid.min() { return first }
        // In a gap neither reads back: the offset before the change is the smaller one,
        // which gives the later instant.
        return max(before, after)
    }

    private func offset(atUnix u: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u))))
    }
}
