/// Site-local wall-clock time as Int64 seconds since 1970-01-01 00:00:00, counted
/// as if the wall clock were UTC.
///
/// Fluent Support stores naive `YYYY-MM-DD HH:MM:SS` values in the site's timezone and
/// buckets reports by `DATE(column)`. Storing those values as "UTC-like" seconds keeps
/// that arithmetic exact: the calendar day is `floorDiv(t, 86_400)`, with no `Calendar`
/// and no DST in the hot path. Conversions from real instants happen once, at the edges
/// (the extractor and `now`).
public enum LocalTime {
    public static let secondsPerDay: Int64 = 86_400

    /// Day number (days since 1970-01-01) of a local timestamp.
    @inline(__always)
    public static func day(_ t: Int64) -> Int64 {
        t >= 0 ? t / secondsPerDay : (t - (secondsPerDay - 1)) / secondsPerDay
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    public static func civil(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// `YYYY-MM-DD` of a day number.
    public static func formatDate(day: Int64) -> String {
        let c = civil(day)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// `YYYY-MM-DD HH:MM:SS` of a local timestamp.
    public static func format(_ t: Int64) -> String {
        let d = day(t)
        let s = t - d * secondsPerDay
        return formatDate(day: d) + " " + pad(Int(s / 3600), 2) + ":" + pad(Int(s / 60 % 60), 2) + ":"
            + pad(Int(s % 60), 2)
    }

    /// Parses `YYYY-MM-DD` strictly (real calendar dates only) into a day number.
    public static func parseDate(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2),
            (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m)
        else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DDTHH:MM:SS`, or a bare date meaning
    /// midnight) strictly into a local timestamp. `0000-00-00 00:00:00` gives nil.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        if b.count == 10 { return parseDate(text).map { $0 * secondsPerDay } }
        guard b.count == 19, b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let day = parseDate(String(decoding: b[0..<10], as: UTF8.self)),
            let h = digits(b, 11, 2), let mi = digits(b, 14, 2), let s = digits(b, 17, 2),
            h < 24, mi < 60, s < 60
        else { return nil }
        return day * secondsPerDay + Int64(h * 3600 + mi * 60 + s)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
