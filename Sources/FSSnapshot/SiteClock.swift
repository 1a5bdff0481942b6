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

    /// The Unix instant of a site-local wall-clock time. Ambiguous times (DST fall-back)
    /// resolve to the first occurrence; skipped times (spring-forward) shift forward.
    public func unixSeconds(local t: Int64) -> Int64 {
        // Two fixed-point steps settle the offset for every real timezone.
        var guess = t - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        guess = t - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
        return guess
    }
}
