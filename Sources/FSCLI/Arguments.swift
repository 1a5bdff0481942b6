import FSSnapshot

/// One option a command accepts.
public struct OptionSpec: Sendable {
    public let name: String
    /// Placeholder of the value (`DATE`); nil for a flag.
    public let value: String?
    public let help: String
    public let defaultText: String?
    public let repeatable: Bool

    public init(_ name: String, value: String? = nil, help: String, default defaultText: String? = nil, repeatable: Bool = false)
    {
        self.name = name
        self.value = value
        self.help = help
        self.defaultText = defaultText
        self.repeatable = repeatable
    }
}

/// What a command accepts, for parsing and `--help`.
public struct CommandSpec: Sendable {
    public let name: String
    public let summary: String
    public let usage: String
    public let options: [OptionSpec]
    public let details: String?

    public init(name: String, summary: String, usage: String, options: [OptionSpec], details: String? = nil) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.details = details
    }

    public var help: String {
        var out = "\(summary)\n\nUSAGE: \(usage)\n"
        if let details { out += "\n\(details)\n" }
        out += "\nOPTIONS:\n"
        let rows =
            options.map { o -> (String, String) in
                let left = "  --\(o.name)" + (o.value.map { " \($0)" } ?? "")
                var right = o.help
                if let d = o.defaultText { right += " (default: \(d))" }
                if o.repeatable { right += " (repeatable)" }
                return (left, right)
            } + [("  -h, --help", "Show this help.")]
        let width = rows.map(\.0.count).max() ?? 0
        for (left, right) in rows {
            out += left + String(repeating: " ", count: width - left.count + 2) + right + "\n"
        }
        return out
    }
}

/// Parsed arguments of one command.
public struct ParsedArguments: Sendable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []
    public var wantsHelp = false

    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

extension CommandSpec {
    /// Parses `--name value`, `--name=value`, flags and positionals.
    /// - Throws: a usage ``CLIError`` naming the unknown option or missing value.
    public func parse(_ arguments: [String]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                parsed.wantsHelp = true
                continue
            }
            if argument == "--" {
                parsed.positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("--") else {
                parsed.positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                let known = options.map { "--\($0.name)" }.joined(separator: ", ")
                throw CLIError.usage("unknown option --\(name) for `fsreport \(self.name)`", hint: "it takes: \(known)")
            }
            if option.value == nil {
                guard inlineValue == nil else { throw CLIError.usage("--\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw CLIError.usage("--\(name) needs a value (\(option.value!))")
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, parsed.values[name] != nil {
                throw CLIError.usage("--\(name) given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }
}

/// Typed readers of option values, with messages that name the bad value.
package enum ArgumentValue {
    package static func date(_ text: String, option: String) throws -> Int64 {
        guard let day = LocalTime.parseDate(text) else {
            throw CLIError.usage("--\(option) \"\(text)\" is not a date (expected YYYY-MM-DD, e.g. 2026-11-01)")
        }
        return day
    }

    package static func timestamp(_ text: String, option: String) throws -> Int64 {
        guard let t = LocalTime.parse(text) else {
            throw CLIError.usage(
                "--\(option) \"\(text)\" is not a timestamp (expected \"YYYY-MM-DD HH:MM:SS\" in site-local time)")
        }
        return t
    }

    package static func integer(_ text: String, option: String, range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64
    {
        guard let v = Int64(text), range.contains(v) else {
            let bounds = range == Int64.min...Int64.max ? "" : " from \(range.lowerBound) to \(range.upperBound)"
            throw CLIError.usage("--\(option) \"\(text)\" is not a whole number\(bounds)")
        }
        return v
    }
}
