import FSColumnar
import FSReports
import FSSnapshot
import Foundation

/// Business hours and SLA targets from a configuration file: `--hours FILE` (the
/// `business_hours` key), `--sla FILE` (either key or both), or the nightly configuration
/// (the same keys at the top or per site). SEMANTICS.md, "SLA", has the format:
///
/// ```json
/// {"business_hours": {"timezone": "America/New_York", "mon": ["09:00-17:00"], ..., "sun": [],
///                     "holidays": ["2026-12-25"], "mailboxes": {"3": {"mon": ["08:00-20:00"]}}},
///  "sla": {"clock": "business", "first_response": {"critical": "1h", "default": "8h"},
///          "next_response": {"default": "8h"}, "resolution": {"critical": "24h", "default": "120h"}}}
/// ```
/// Weekday keys missing from a schedule are closed days; a mailbox schedule takes the
/// top-level `timezone` and `holidays` unless it gives its own. `clock` defaults to
/// `calendar`; `business` needs business hours. Durations are whole minutes or hours
/// (`"90m"`, `"4h"`), positive. Priority keys are checked against the snapshot when a
/// report runs (``check(store:extras:)``).
struct SLAConfig: Equatable {
    var hours: BusinessHours?
    /// The file (and key prefix) that gave the business hours, for messages.
    var hoursSource: String?
    var targets: SLATargets?
    var targetsSource: String?
    /// Priority keys with their key path, for messages.
    var priorityKeys: [(kind: SLATargets.Kind, name: String, key: String)] = []

    static func == (a: SLAConfig, b: SLAConfig) -> Bool {
        a.hours == b.hours && a.targets == b.targets && a.hoursSource == b.hoursSource
            && a.targetsSource == b.targetsSource
    }

    static let keys = ["business_hours", "sla"]
    static let scheduleKeys = BusinessSchedule.weekdayKeys + ["timezone", "holidays", "mailboxes"]
    static let slaKeys = ["clock", "first_response", "next_response", "resolution"]

    var isEmpty: Bool { hours == nil && targets == nil }

    // MARK: Reading

    /// Reads `business_hours` and `sla` of `object` (absent keys stay nil).
    static func parse(_ object: ConfigObject, allowSLA: Bool = true) throws -> SLAConfig {
        var config = SLAConfig()
        if let hours = try object.object("business_hours") {
            config.hours = try parseHours(hours)
            config.hoursSource = object.file
        }
        if let sla = try object.object("sla") {
            guard allowSLA else {
                throw object.error("sla", "--hours takes business hours only; give the targets with --sla FILE")
            }
            let (targets, keys) = try parseTargets(sla)
            config.targets = targets
            config.targetsSource = object.file
            config.priorityKeys = keys
        }
        return config
    }

    static func parseHours(_ object: ConfigObject) throws -> BusinessHours {
        try object.checkKeys(scheduleKeys)
        let timezone = try timeZone(object)
        let holidays = try parseHolidays(object)
        let schedule = try parseSchedule(object, timeZone: timezone, holidays: holidays)
        var mailboxes: [Int64: BusinessSchedule] = [:]
        if let list = try object.object("mailboxes") {
            for (idText, value) in list.members.sorted(by: { $0.key < $1.key }) {
                guard let id = Int64(idText), id > 0 else {
                    throw list.error(idText, "\"\(idText)\" is not a mailbox id (a positive whole number)")
                }
                let m = try ConfigObject(value, file: object.file, path: list.keyPath(idText))
                try m.checkKeys(scheduleKeys.filter { $0 != "mailboxes" })
                mailboxes[id] = try parseSchedule(
                    m, timeZone: try timeZone(m) ?? timezone, holidays: m.has("holidays") ? try parseHolidays(m) : holidays)
            }
        }
        return BusinessHours(schedule: schedule, mailboxes: mailboxes)
    }

    static func timeZone(_ object: ConfigObject) throws -> String? {
        guard let tz = try object.string("timezone") else { return nil }
        guard TimeZone(identifier: tz) != nil, ZoneOffsets(identifier: tz) != nil else {
            throw object.error("timezone", "\"\(tz)\" is not an IANA timezone (e.g. \"America/New_York\", \"UTC\")")
        }
        return tz
    }

    static func parseHolidays(_ object: ConfigObject) throws -> [Int64] {
        guard let items = try object.strings("holidays") else { return [] }
        return try items.enumerated().map { index, text in
            guard let day = LocalTime.parseDate(text) else {
                throw ConfigError(
                    file: object.file, key: "\(object.keyPath("holidays"))[\(index)]",
                    message: "\"\(text)\" is not a date (expected YYYY-MM-DD, e.g. \"2026-12-25\")")
            }
            return day
        }
    }

    static func parseSchedule(_ object: ConfigObject, timeZone: String?, holidays: [Int64]) throws -> BusinessSchedule {
        var windows: [[BusinessSchedule.Window]] = []
        for day in BusinessSchedule.weekdayKeys {
            let texts = try object.strings(day) ?? []
            windows.append(
                try texts.enumerated().map { index, text in
                    switch BusinessSchedule.Window.parse(text) {
                    case .success(let w): return w
                    case .failure(let error):
                        throw ConfigError(
                            file: object.file, key: "\(object.keyPath(day))[\(index)]", message: error.description)
                    }
                })
        }
        do {
            return try BusinessSchedule(windows: windows, holidays: holidays, timeZone: timeZone)
        } catch {
            throw ConfigError(file: object.file, key: object.path.isEmpty ? nil : object.path, message: error.description)
        }
    }

    static func parseTargets(_ object: ConfigObject) throws -> (
        SLATargets, [(kind: SLATargets.Kind, name: String, key: String)]
    ) {
        try object.checkKeys(slaKeys)
        var clock = SLATargets.Clock.calendar
        if let text = try object.string("clock") {
            guard let c = SLATargets.Clock(rawValue: text) else {
                throw object.error("clock", "\"\(text)\" is not a clock; expected \"calendar\" or \"business\"")
            }
            clock = c
        }
        var targets: [SLATargets.Kind: SLATargets.Target] = [:]
        var keys: [(kind: SLATargets.Kind, name: String, key: String)] = []
        for kind in SLATargets.Kind.allCases {
            guard let list = try object.object(kind.rawValue) else { continue }
            guard !list.members.isEmpty else {
                throw object.error(kind.rawValue, "lists no target; give e.g. {\"default\": \"8h\"} or leave the key out")
            }
            var target = SLATargets.Target()
            for (name, value) in list.members.sorted(by: { $0.key < $1.key }) {
                guard case .string(let text) = value else {
                    throw list.mismatch(name, "a duration such as \"4h\" or \"90m\"", value)
                }
                let seconds = try duration(text, list, name)
                if name == "default" {
                    target.defaultSeconds = seconds
                } else {
                    target.byPriority[name] = seconds
                    keys.append((kind, name, list.keyPath(name)))
                }
            }
            targets[kind] = target
        }
        guard !targets.isEmpty else {
            throw object.error(nil, "no targets; give first_response, next_response or resolution (e.g. {\"default\": \"8h\"})")
        }
        return (SLATargets(clock: clock, targets: targets), keys)
    }

    /// `"90m"` or `"4h"`: whole minutes or hours, more than zero.
    static func duration(_ text: String, _ object: ConfigObject, _ key: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unit = trimmed.last
        let digits = trimmed.dropLast()
        if trimmed.hasPrefix("-"), unit == "h" || unit == "m", Int64(digits.dropFirst()) != nil {
            throw object.error(key, "\"\(text)\" is negative; a target must be more than zero")
        }
        guard unit == "h" || unit == "m", !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let n = Int64(digits), n <= 100_000
        else {
            throw object.error(key, "\"\(text)\" is not a duration; write whole minutes or hours, e.g. \"90m\" or \"4h\"")
        }
        guard n > 0 else { throw object.error(key, "\"\(text)\" is zero; a target must be more than zero") }
        return unit == "h" ? n * 3600 : n * 60
    }

    /// Reads a file given to `--hours` or `--sla`.
    /// - Throws: a usage ``CLIError`` (exit 2) naming the file, key and value.
    static func load(path: String, option: String) throws -> SLAConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.usage("\(option) \(path): no such file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.usage("cannot read \(option) \(path): \(error.localizedDescription)")
        }
        let hint = "the format is in docs/nightly.md (\"Business hours and SLA targets\")"
        do {
            let root = try JSONDecoder().decode(ConfigJSON.self, from: data)
            let object = try ConfigObject(root, file: path, path: "")
            if option == "--hours", object.has("sla") {
                throw object.error("sla", "--hours takes business hours only; give the targets with --sla FILE")
            }
            try object.checkKeys(option == "--hours" ? ["business_hours"] : keys)
            let config = try parse(object, allowSLA: option != "--hours")
            if config.isEmpty {
                throw ConfigError(
                    file: path, key: nil,
                    message: option == "--hours" ? "no \"business_hours\" key" : "neither \"business_hours\" nor \"sla\"")
            }
            return config
        } catch let error as ConfigError {
            throw CLIError.usage(error.description, hint: hint)
        } catch is DecodingError {
            throw CLIError.usage("\(path) is not valid JSON", hint: hint)
        }
    }

    /// `--hours FILE` and `--sla FILE` combined (nil when neither is given).
    static func fromArguments(_ args: ParsedArguments, _ env: Environment) throws -> SLAConfig? {
        let hours = try args.value("hours").map { try load(path: env.path($0), option: "--hours") }
        let sla = try args.value("sla").map { try load(path: env.path($0), option: "--sla") }
        guard hours != nil || sla != nil else { return nil }
        if let hours, let sla, sla.hours != nil {
            throw CLIError.usage(
                "business hours are given twice: in --hours \(hours.hoursSource ?? "") and in --sla \(sla.hoursSource ?? "")",
                hint: "keep them in one of the two files")
        }
        var merged = sla ?? SLAConfig()
        if let hours {
            merged.hours = hours.hours
            merged.hoursSource = hours.hoursSource
        }
        try merged.checkClock()
        return merged
    }

    /// A business clock needs business hours.
    func checkClock() throws {
        if let targets, targets.clock == .business, hours == nil {
            throw CLIError.usage(
                "\(targetsSource ?? "sla"): sla.clock: \"business\" needs business hours",
                hint: "add \"business_hours\" to the file (or pass --hours FILE), or set \"clock\": \"calendar\"")
        }
    }

    /// The site's value for a key, else the default's (nightly's per-site keys).
    func overriding(_ base: SLAConfig) -> SLAConfig {
        var merged = base
        if hours != nil {
            merged.hours = hours
            merged.hoursSource = hoursSource
        }
        if targets != nil {
            merged.targets = targets
            merged.targetsSource = targetsSource
            merged.priorityKeys = priorityKeys
        }
        return merged
    }

    // MARK: Against the snapshot

    /// Refuses priority keys that no ticket of the snapshot has and a stock site does not
    /// know (`normal`, `medium`, `critical`), and the business hours' unknown mailboxes.
    func check(store: ColumnarStore, extras: ResponseTimes.TicketExtras) throws {
        let allowed = Set(extras.priorityNames + SLATargets.stockPriorities)
        if let bad = priorityKeys.first(where: { !allowed.contains($0.name) }) {
            let known = allowed.sorted().joined(separator: ", ")
            throw CLIError.usage(
                "\(targetsSource ?? "sla"): \(bad.key): \"\(bad.name)\" is no ticket priority; priorities are \(known) "
                    + "(or \"default\" for the rest)")
        }
        for id in (hours?.mailboxes.keys.sorted() ?? []) where store.mailboxIndex(id: id) == nil {
            throw CLIError.usage(
                "\(hoursSource ?? "business_hours"): business_hours.mailboxes.\(id): there is no mailbox \(id) in this snapshot")
        }
    }

    /// The business hours ready for `store` (nil without a schedule).
    func businessTime(store: ColumnarStore, site: SiteClock, now: Int64) throws -> BusinessTime? {
        guard let hours else { return nil }
        do {
            return try BusinessTime(hours, store: store, site: ZoneOffsets(site.timeZone), now: now)
        } catch {
            throw CLIError.usage("\(hoursSource ?? "business_hours"): \(error)")
        }
    }
}
