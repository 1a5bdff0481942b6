import Foundation

/// A saved SQL query: one `.sql` file whose leading comment lines describe it.
///
/// ```sql
/// -- title: Tickets and median first response by priority
/// -- description: Tickets created in the range, per priority, with the median time
/// --   to the first agent response.
/// -- params: :from, :to, :limit = 25
/// SELECT ...
/// ```
/// Header keys are `title`, `description` and `params` (others are kept in `extra`); a
/// comment line without a key continues the previous key. `params` lists parameters by
/// name; `= VALUE` gives a default (`= null` binds NULL).
public struct QueryFile: Sendable, Equatable {
    /// The file name without `.sql`.
    public var name: String
    public var path: String
    public var title: String?
    public var description: String?
    public var params: [Param]
    public var extra: [String: String]
    public var sql: String

    public struct Param: Sendable, Equatable {
        /// Without its prefix: `from`, `agent`.
        public var name: String
        /// The default as written, or nil when the parameter must be given.
        public var defaultValue: String?

        public init(name: String, defaultValue: String?) {
            self.name = name
            self.defaultValue = defaultValue
        }
    }

    /// Reads and parses a query file.
    /// - Throws: a ``QueryError`` when the file cannot be read or its header is malformed.
    public static func load(path: String) throws -> QueryFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw QueryError.badInput("cannot read query file \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw QueryError.badInput("query file \(path) is not UTF-8 text")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, path: path)
    }

    public static func parse(_ text: String, name: String, path: String) throws -> QueryFile {
        var header: [(key: String, value: String)] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty { continue }
            guard line.hasPrefix("--") else { break }
            let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if let colon = body.firstIndex(of: ":"), body[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }),
                !body[..<colon].isEmpty
            {
                header.append(
                    (body[..<colon].lowercased(), body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            } else if !header.isEmpty, !body.isEmpty {
                header[header.count - 1].value += (header[header.count - 1].value.isEmpty ? "" : " ") + body
            }
        }
        var file = QueryFile(name: name, path: path, title: nil, description: nil, params: [], extra: [:], sql: text)
        for (key, value) in header {
            switch key {
            case "title": file.title = value
            case "description": file.description = value
            case "params", "param": file.params += try parseParams(value, path: path)
            default: file.extra[key] = value
            }
        }
        return file
    }

    /// `:from, :to, :limit = 25` → three params, the last with a default.
    package static func parseParams(_ text: String, path: String) throws -> [Param] {
        try text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let rawName = parts.first, !rawName.isEmpty else { return nil }
            let name = rawName.first.map { ":@$".contains($0) } == true ? String(rawName.dropFirst()) : rawName
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw QueryError.badInput(
                    "query file \(path): \"\(item.trimmingCharacters(in: .whitespaces))\" in its "
                        + "params header is not a parameter (expected e.g. \":agent\" or \":limit = 25\")")
            }
            return Param(name: name, defaultValue: parts.count > 1 ? parts[1] : nil)
        }
    }
}
