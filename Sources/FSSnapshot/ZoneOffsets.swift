import Foundation

/// A timezone's UTC offsets as a table of transitions (1969 to 2100), for converting
/// many timestamps without a `TimeZone` call each: one binary search over a few hundred
/// entries. Outside the table the nearest known offset holds.
///
/// ``unixSeconds(local:)`` reads a wall-clock time as ``SiteClock/unixSeconds(local:)``
/// does (PHP's `DateTime`): an ambiguous time is its first occurrence, a time in a
/// spring-forward gap is read with the offset before the change (it lands after the gap).
public struct ZoneOffsets: Sendable, Equatable {
    /// Instants (Unix seconds) at which the offset changes, ascending.
    public let transitions: [Int64]
    /// Offset (seconds east of UTC) in force before the first transition.
    public let initialOffset: Int64
    /// Offset in force from each transition on.
    public let offsets: [Int64]
    /// Wall-clock keys: a local time `>= localKeys[k]` reads with `offsets[k]`, before it
    /// with the earlier offset (`transitions[k] + max(old, new)`).
    let localKeys: [Int64]

    public init(_ timeZone: TimeZone) {
        let start = Date(timeIntervalSince1970: -366 * 86_400)
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        var transitions: [Int64] = []
        var offsets: [Int64] = []
        var keys: [Int64] = []
        let initial = Int64(timeZone.secondsFromGMT(for: start))
        var previous = initial
        var cursor = start
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let u = Int64(next.timeIntervalSince1970.rounded(.down))
            let offset = Int64(timeZone.secondsFromGMT(for: next))
            if offset != previous {
                transitions.append(u)
                offsets.append(offset)
                keys.append(u + max(previous, offset))
                previous = offset
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initial
        self.localKeys = keys
    }

    /// A fixed offset with no transitions.
    public init(fixedOffset: Int64) {
        transitions = []
        offsets = []
        initialOffset = fixedOffset
        localKeys = []
    }

    /// Number of transitions at or before instant `u`.
    @inline(__always)
    public func transitionCount(atUnix u: Int64) -> Int {
        var lo = 0
        var n = transitions.count
        while n > 0 {
            let half = n >> 1
            if transitions[lo + half] <= u {
                lo += half + 1
                n -= half + 1
            } else {
                n = half
            }
        }
        return lo
    }

    /// The offset in force at instant `u`.
    @inline(__always)
    public func offset(atUnix u: Int64) -> Int64 {
        let k = transitionCount(atUnix: u)
        return k == 0 ? initialOffset : offsets[k - 1]
    }

    /// Wall-clock seconds (``LocalTime``) of instant `u`.
    @inline(__always)
    public func local(unixSeconds u: Int64) -> Int64 { u + offset(atUnix: u) }

    /// The instant of wall-clock time `t`, as PHP reads it (see the type's documentation).
    @inline(__always)
    public func unixSeconds(local t: Int64) -> Int64 {
        var lo = 0
        var n = localKeys.count
        while n > 0 {
            let half = n >> 1
            if localKeys[lo + half] <= t {
                lo += half + 1
                n -= half + 1
            } else {
                n = half
            }
        }
        return t - (lo == 0 ? initialOffset : offsets[lo - 1])
    }

    /// Whether the offset changes in the instants `(a, b]`.
    public func changes(betweenUnix a: Int64, and b: Int64) -> Bool {
        transitionCount(atUnix: a) != transitionCount(atUnix: b)
    }
}

extension ZoneOffsets {
    /// The table of a timezone named as ``SiteClock/init(identifier:)`` accepts; nil for an unknown name.
    public init?(identifier: String) {
        guard let clock = SiteClock(identifier: identifier) else { return nil }
        self.init(clock.timeZone)
    }
}
