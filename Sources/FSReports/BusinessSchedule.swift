import FSSnapshot

/// A weekly business-hours schedule (SEMANTICS.md, "Business hours"): per weekday zero or
/// more wall-clock windows, holiday dates, and the timezone the windows are read in (nil:
/// the site's).
///
/// A window is written `HH:MM-HH:MM` and ends the same day (`24:00` is midnight at its
/// end); a window across midnight is written with an explicit `+1` on its end,
/// `22:00-06:00+1`, and belongs to the weekday it starts on (Monday's `22:00-06:00+1`
/// runs into Tuesday morning). A window whose end is not after its start without `+1`
/// is refused, so a typo never turns into a 20-hour window. A holiday is a calendar date
/// of the schedule's timezone: no second of that date, 00:00 to 24:00, is business time,
/// including the part of an over-midnight window that spills into it.
///
/// ``BusinessClock`` turns a schedule into the fast `bh(a, b)` function.
public struct BusinessSchedule: Sendable, Equatable {
    /// One window: minutes from its weekday's midnight; `end` is after `start` and at most
    /// `start + 1440` (over 1440: it ends the next day).
    public struct Window: Sendable, Equatable, CustomStringConvertible {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        /// The text form, `HH:MM-HH:MM` or `HH:MM-HH:MM+1`.
        public var description: String {
            func hm(_ m: Int) -> String {
                let h = m / 60
                let mm = m % 60
                return (h < 10 ? "0\(h)" : "\(h)") + ":" + (mm < 10 ? "0\(mm)" : "\(mm)")
            }
            return end > 1440 ? "\(hm(start))-\(hm(end - 1440))+1" : "\(hm(start))-\(hm(end))"
        }

        /// Parses `HH:MM-HH:MM` or `HH:MM-HH:MM+1`; the error says what is wrong and how to fix it.
        public static func parse(_ text: String) -> Result<Window, ScheduleError> {
            var body = Substring(text)
            while body.first == " " { body = body.dropFirst() }
            while body.last == " " { body = body.dropLast() }
            let nextDay = body.hasSuffix("+1")
            if nextDay { body = body.dropLast(2) }
            let parts = body.split(separator: "-", omittingEmptySubsequences: false)
            func minutes(_ s: Substring, allow24: Bool) -> Int? {
                let b = Array(s.utf8)
                guard b.count == 5, b[2] == UInt8(ascii: ":"),
                    b[0...1].allSatisfy({ $0 >= 48 && $0 <= 57 }), b[3...4].allSatisfy({ $0 >= 48 && $0 <= 57 })
                else { return nil }
                let h = Int(b[0] - 48) * 10 + Int(b[1] - 48)
                let m = Int(b[3] - 48) * 10 + Int(b[4] - 48)
                guard m < 60, h < 24 || (allow24 && h == 24 && m == 0) else { return nil }
                return h * 60 + m
            }
            guard parts.count == 2, let start = minutes(parts[0], allow24: false),
                let end = minutes(parts[1], allow24: !nextDay)
            else {
                return .failure(
                    .badWindow(
                        text: text,
                        reason: "is not a window HH:MM-HH:MM (e.g. \"09:00-17:00\", or \"22:00-06:00+1\" across midnight)"))
            }
            if nextDay {
                guard end <= start else {
                    return .failure(
                        .badWindow(text: text, reason: "ends after it starts on the same day; drop the +1"))
                }
                return .success(Window(start: start, end: end + 1440))
            }
            guard end > start else {
                return .failure(
                    .badWindow(
                        text: text,
                        reason: "ends before it starts; a window across midnight is written with +1, e.g. \"22:00-06:00+1\""))
            }
            return .success(Window(start: start, end: end))
        }
    }

    /// Weekday keys, Monday first (the order of ``windows``).
    public static let weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Seven lists of windows, Monday first.
    public var windows: [[Window]]
    /// Holiday day numbers (``LocalTime`` days of the schedule's timezone), sorted, unique.
    public var holidays: [Int64]
    /// An IANA timezone name; nil reads the windows on the site's clock.
    public var timeZone: String?

    /// - Throws: ``ScheduleError/overlap(_:_:)`` when two windows share a minute.
    public init(windows: [[Window]], holidays: [Int64] = [], timeZone: String? = nil) throws(ScheduleError) {
        precondition(windows.count == 7, "a schedule has seven weekdays")
        self.windows = windows
        self.holidays = Array(Set(holidays)).sorted()
        self.timeZone = timeZone
        // Every window as an interval of the week's minutes (Monday 00:00 = 0), wrapped.
        var spans: [(lo: Int, hi: Int, day: Int, window: Window)] = []
        for (day, list) in windows.enumerated() {
            for w in list {
                let lo = day * 1440 + w.start
                let hi = day * 1440 + w.end
                if hi <= Self.weekMinutes {
                    spans.append((lo, hi, day, w))
                } else {
                    spans.append((lo, Self.weekMinutes, day, w))
                    spans.append((0, hi - Self.weekMinutes, day, w))
                }
            }
        }
        spans.sort { ($0.lo, $0.hi) < ($1.lo, $1.hi) }
        for k in spans.indices.dropFirst() where spans[k].lo < spans[k - 1].hi {
            let a = spans[k - 1]
            let b = spans[k]
            throw .overlap(
                "\(Self.weekdayKeys[a.day]) \(a.window)", "\(Self.weekdayKeys[b.day]) \(b.window)")
        }
    }

    static let weekMinutes = 7 * 1440

    /// The business minutes of the week as a bitmap (Monday 00:00 first).
    var weekBitmap: [Bool] {
        var open = [Bool](repeating: false, count: Self.weekMinutes)
        for (day, list) in windows.enumerated() {
            for w in list {
                for m in (day * 1440 + w.start)..<(day * 1440 + w.end) { open[m % Self.weekMinutes] = true }
            }
        }
        return open
    }
}

/// Why a schedule or a window was refused.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    case badWindow(text: String, reason: String)
    case overlap(String, String)

    public var description: String {
        switch self {
        case .badWindow(let text, let reason): return "\"\(text)\" \(reason)"
        case .overlap(let a, let b): return "the windows \(a) and \(b) overlap; merge them into one"
        }
    }
}
