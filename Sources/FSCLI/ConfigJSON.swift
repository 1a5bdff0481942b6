import Foundation

/// A parsed JSON document for configuration files, keeping JSON's own types apart (a
/// `true` is never a number, a `"3"` never an integer) so wrong types can be named.
indirect enum ConfigJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([ConfigJSON])
    case object([String: ConfigJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([ConfigJSON].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: ConfigJSON].self))
        }
    }

    /// "a string", "an object", ... for messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Why a configuration file was refused: always names the file, and the key when there is one.
struct ConfigError: Error, CustomStringConvertible {
    let file: String
    let key: String?
    let message: String

    var description: String {
        key.map { "\(file): \($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Typed reads of a JSON object with the dotted path of each key, for messages like
/// `fsreport.json: sites[1].db: expected a string, found a whole number`.
struct ConfigObject {
    let file: String
    let path: String
    let members: [String: ConfigJSON]

    init(_ value: ConfigJSON, file: String, path: String) throws {
        guard case .object(let members) = value else {
            throw ConfigError(
                file: file, key: path.isEmpty ? nil : path,
                message: "expected an object ({...}), found \(value.kindName)")
        }
        self.file = file
        self.path = path
        self.members = members
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String?, _ message: String) -> ConfigError {
        ConfigError(file: file, key: key.map(keyPath) ?? (path.isEmpty ? nil : path), message: message)
    }

    /// Refuses keys outside `known`, naming the first unknown one and the known ones.
    func checkKeys(_ known: [String]) throws {
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw error(unknown, "unknown key; expected one of: \(known.joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil && members[key] != .null }

    func string(_ key: String) throws -> String? {
        guard let value = members[key], value != .null else { return nil }
        guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = members[key], value != .null else { return nil }
        guard case .bool(let b) = value else { throw mismatch(key, "true or false", value) }
        return b
    }

    func integer(_ key: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let value = members[key], value != .null else { return nil }
        guard case .integer(let i) = value else { throw mismatch(key, "a whole number", value) }
        guard range.contains(i) else {
            throw error(key, "\(i) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return i
    }

    func number(_ key: String, range: ClosedRange<Double>) throws -> Double? {
        guard let value = members[key], value != .null else { return nil }
        let d: Double
        switch value {
        case .integer(let i): d = Double(i)
        case .number(let n): d = n
        default: throw mismatch(key, "a number", value)
        }
        guard range.contains(d) else {
            throw error(key, "\(d) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return d
    }

    func object(_ key: String) throws -> ConfigObject? {
        guard let value = members[key], value != .null else { return nil }
        return try ConfigObject(value, file: file, path: keyPath(key))
    }

    func array(_ key: String) throws -> [ConfigJSON]? {
        guard let value = members[key], value != .null else { return nil }
        guard case .array(let items) = value else { throw mismatch(key, "an array ([...])", value) }
        return items
    }

    func strings(_ key: String) throws -> [String]? {
        guard let items = try array(key) else { return nil }
        return try items.enumerated().map { index, item in
            guard case .string(let s) = item else {
                throw ConfigError(
                    file: file, key: "\(keyPath(key))[\(index)]", message: "expected a string, found \(item.kindName)")
            }
            return s
        }
    }

    func mismatch(_ key: String, _ expected: String, _ found: ConfigJSON) -> ConfigError {
        error(key, "expected \(expected), found \(found.kindName)")
    }
}
