import FSSnapshot
import Foundation

/// The values a saved query can bind: the range, `now`, and `--param KEY=VALUE` pairs.
///
/// Built-in names (site-local, see ``LocalTime``):
/// - `:from`, `:to` — the range's dates as `YYYY-MM-DD` text, inclusive;
/// - `:from_ts`, `:to_ts` — the range as site-local seconds, half-open
///   `[from 00:00:00, to + 1 day 00:00:00)`, to compare with the integer columns directly;
/// - `:now` (`YYYY-MM-DD HH:MM:SS`) and `:now_ts` (seconds).
public struct QueryParameters: Sendable, Equatable {
    /// Day numbers of the inclusive range.
    public var fromDay: Int64
    public var toDay: Int64
    /// Site-local seconds.
    public var now: Int64
    /// `--param` values by name (without prefix), as typed.
    public var values: [String: String] = [:]

    public static let builtinNames = ["from", "to", "from_ts", "to_ts", "now", "now_ts"]

    /// The default range is `to` = today, `from` = `to` − 30 days.
    public init(fromDay: Int64? = nil, toDay: Int64? = nil, now: Int64, values: [String: String] = [:]) {
        let to = toDay ?? LocalTime.day(now)
        self.toDay = to
        self.fromDay = fromDay ?? to - 30
        self.now = now
        self.values = values
    }

    package var builtins: [String: SQLValue] {
        [
            "from": .text(LocalTime.formatDate(day: fromDay)),
            "to": .text(LocalTime.formatDate(day: toDay)),
            "from_ts": .integer(fromDay * LocalTime.secondsPerDay),
            "to_ts": .integer((toDay + 1) * LocalTime.secondsPerDay),
            "now": .text(LocalTime.format(now)),
            "now_ts": .integer(now),
        ]
    }

    /// How a typed value is bound: whole numbers as integers, decimals as reals, the rest as
    /// text. In a header default (`allowNull`), `null` binds NULL and `'quoted'` is text.
    package static func sqlValue(_ text: String, allowNull: Bool) -> SQLValue {
        if allowNull, text.lowercased() == "null" { return .null }
        if let v = Int64(text), String(v) == text { return .integer(v) }
        if text.contains("."), let v = Double(text), v.isFinite,
            text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        {
            return .real(v)
        }
        if allowNull, text.count >= 2, text.first == "'", text.last == "'" {
            return .text(String(text.dropFirst().dropLast()))
        }
        return .text(text)
    }

    /// Parses `KEY=VALUE` arguments of `--param`.
    /// - Throws: a ``QueryError`` naming the bad pair.
    public static func parsePairs(_ pairs: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else {
                throw QueryError.badInput("--param \"\(pair)\" is not KEY=VALUE (e.g. --param agent=3)")
            }
            var key = String(pair[..<eq]).trimmingCharacters(in: .whitespaces)
            if let first = key.first, ":@$".contains(first) { key.removeFirst() }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw QueryError.badInput("--param \"\(pair)\": \"\(key)\" is not a parameter name (letters, digits, _)")
            }
            if key == "from" || key == "to" {
                throw QueryError.badInput("--param \(key)=... : give the range with --\(key) DATE")
            }
            if builtinNames.contains(key) {
                throw QueryError.badInput("--param \(key)=... : :\(key) is computed from --from, --to and --now")
            }
            guard values[key] == nil else { throw QueryError.badInput("--param \(key) given twice") }
            values[key] = String(pair[pair.index(after: eq)...])
        }
        return values
    }
}
