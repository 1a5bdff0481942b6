import FSReports

/// Human-readable numbers, dates and durations for the dashboard (English, fixed
/// formats, no locale: the same input always renders the same bytes).
enum DashboardFormat {
    static let monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthLong = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayShort = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `12,345`.
    static func count(_ n: Int) -> String {
        if n > -1000 && n < 1000 { return String(n) }
        let digits = Array(String(n.magnitude).utf8)
        var out: [UInt8] = n < 0 ? [0x2D] : []
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(0x2C) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `1.5` for a non-negative value (one decimal, trailing `.0` dropped).
    static func decimal(_ value: Double) -> String {
        let tenths = Int((max(0, value) * 10).rounded())
        return tenths % 10 == 0 ? count(tenths / 10) : "\(count(tenths / 10)).\(tenths % 10)"
    }

    /// `Nov 14`.
    static func shortDate(_ day: Int64) -> String {
        let d = DashboardCalendar.date(day)
        return "\(monthShort[d.month - 1]) \(d.day)"
    }

    /// `Nov 14, 2026`.
    static func date(_ day: Int64) -> String {
        let d = DashboardCalendar.date(day)
        return "\(monthShort[d.month - 1]) \(d.day), \(d.year)"
    }

    /// `Sat, Nov 14, 2026`.
    static func dayWithWeekday(_ day: Int64) -> String {
        "\(weekdayShort[DashboardCalendar.date(day).weekday]), \(date(day))"
    }

    /// `Sat, Nov 14` (the year is in the panel's heading).
    static func shortDayWithWeekday(_ day: Int64) -> String {
        "\(weekdayShort[DashboardCalendar.date(day).weekday]), \(shortDate(day))"
    }

    /// `Nov 9 – 15`, `Oct 29 – Nov 4`: a range without its year.
    static func shortRange(_ first: Int64, _ last: Int64) -> String {
        if first == last { return shortDate(first) }
        let a = DashboardCalendar.date(first)
        let b = DashboardCalendar.date(last)
        return a.month == b.month && a.year == b.year
            ? "\(shortDate(first)) – \(b.day)" : "\(shortDate(first)) – \(shortDate(last))"
    }

    /// `Oct 22 – Nov 20, 2026`, `Nov 1 – 20, 2026`, `Dec 28, 2025 – Jan 3, 2026`, or one date.
    static func range(_ first: Int64, _ last: Int64) -> String {
        if first == last { return date(first) }
        let a = DashboardCalendar.date(first)
        let b = DashboardCalendar.date(last)
        if a.year != b.year { return "\(date(first)) – \(date(last))" }
        if a.month != b.month { return "\(shortDate(first)) – \(shortDate(last)), \(b.year)" }
        return "\(monthShort[a.month - 1]) \(a.day) – \(b.day), \(b.year)"
    }

    /// `Nov 20, 2026 at 15:30` for a site-local timestamp.
    static func timestamp(_ t: Int64) -> String {
        let day = DashboardCalendar.day(t)
        let seconds = t - day * 86_400
        return "\(date(day)) at \(two(Int(seconds / 3600))):\(two(Int(seconds / 60 % 60)))"
    }

    /// `2026-11-20T15:30:00` for `<time datetime>`.
    static func machineTimestamp(_ t: Int64) -> String {
        DashboardCalendar.timestamp(t).replacingOccurrences(of: " ", with: "T")
    }

    /// `15d 12h`, `3h 5m`, `12m`, `40s`: an exact duration, two units at most.
    static func compactDuration(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        let days = s / 86_400
        let hours = s % 86_400 / 3600
        let minutes = s % 3600 / 60
        if days > 0 { return hours > 0 ? "\(count(Int(days)))d \(hours)h" : "\(count(Int(days)))d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(s)s"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `"1 ticket"` / `"3 tickets"`.
    static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? singular : (pluralForm ?? singular + "s"))"
    }

    /// Two initials of an agent's name (first and last word that start with a letter,
    /// upper-cased; the first two letters of a one-word name), or `?`.
    static func initials(firstName: String?, lastName: String?) -> String {
        let words = ((firstName ?? "") + " " + (lastName ?? "")).split(whereSeparator: { $0.isWhitespace })
            .filter { $0.first?.isLetter == true }
        guard let first = words.first else { return "?" }
        if words.count == 1 {
            return String(first.prefix(1)).uppercased() + (first.dropFirst().first.map { String($0).lowercased() } ?? "")
        }
        return String(first.prefix(1)).uppercased() + String(words.last!.prefix(1)).uppercased()
    }

    /// The name to show: `full_name` with runs of spaces collapsed, or `Agent #id` when empty.
    static func displayName(id: Int64, firstName: String?, lastName: String?) -> String {
        let joined = [firstName, lastName].compactMap { $0?.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? "Agent #\(id)" : joined
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
