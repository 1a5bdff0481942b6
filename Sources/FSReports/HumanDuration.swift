/// WordPress's `human_time_diff` wording, computed on exact fractions of seconds so
/// that boundaries (e.g. exactly 7 days) never depend on floating-point rounding.
public enum HumanDuration {
    static let minute: Int64 = 60
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
    static let week: Int64 = 7 * 86_400
    static let month: Int64 = 30 * 86_400
    static let year: Int64 = 365 * 86_400

    /// The wording of `numerator / denominator` seconds (denominator > 0); the sign is
    /// ignored, as WordPress takes the absolute difference.
    public static func string(numerator: Int64, denominator: Int64) -> String {
        precondition(denominator > 0)
        let n = abs(numerator)
        let d = denominator
        // Compare n/d against unit thresholds as n < unit * d.
        let (unit, singular, plural): (Int64, String, String)
        if n < minute * d {
            (unit, singular, plural) = (1, "second", "seconds")
        } else if n < hour * d {
            (unit, singular, plural) = (minute, "min", "mins")
        } else if n < day * d {
            (unit, singular, plural) = (hour, "hour", "hours")
        } else if n < week * d {
            (unit, singular, plural) = (day, "day", "days")
        } else if n < month * d {
            (unit, singular, plural) = (week, "week", "weeks")
        } else if n < year * d {
            (unit, singular, plural) = (month, "month", "months")
        } else {
            (unit, singular, plural) = (year, "year", "years")
        }
        let count = max(1, roundedDivision(n, unit * d))
        return "\(count) \(count == 1 ? singular : plural)"
    }

    /// agents-summary's `average_waiting`: `"<ceil(s / 3600)> hours"` when
    /// 7200 < s < 172800, otherwise ``string(numerator:denominator:)``.
    public static func averageWaiting(numerator: Int64, denominator: Int64) -> String {
        let n = numerator
        let d = denominator
        if n > 7_200 * d && n < 172_800 * d {
            let hours = (n + hour * d - 1) / (hour * d)  // ceil for positive n
            return "\(hours) hours"
        }
        return string(numerator: n, denominator: d)
    }

    /// `round(n / d)` with halves away from zero, for d > 0.
    public static func roundedDivision(_ n: Int64, _ d: Int64) -> Int64 {
        n >= 0 ? (2 * n + d) / (2 * d) : -((2 * -n + d) / (2 * d))
    }
}
