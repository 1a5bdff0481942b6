import Foundation

/// Where saved queries are found, and how `NAME|FILE.sql` resolves.
///
/// A NAME (letters, digits, `-`, `_`) is `NAME.sql` in the first of these folders that has it:
/// 1. every folder in `$FSREPORT_QUERIES` (colon-separated);
/// 2. `queries/` in the current directory;
/// 3. `queries/` of the package the executable was built in (walking up from the
///    executable to the first folder holding `Package.swift` and `queries/`);
/// 4. `../share/fsreport/queries` next to an installed executable's `bin/`;
/// 5. `queries/` of the checkout the binary was compiled from, if it is still there.
///
/// Anything with a `/` or ending in `.sql` is a file path, relative to the current directory.
public struct QueryCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        var seen = Set<String>()
        self.directories = directories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            .filter { seen.insert($0).inserted }
    }

    /// The standard search path for a process with these environment `variables` and working
    /// directory; `extra` folders (e.g. next to a nightly config) come first.
    public static func standard(
        variables: [String: String], currentDirectory: String, extra: [String] = []
    ) -> QueryCatalog {
        var directories = extra
        if let list = variables["FSREPORT_QUERIES"] {
            directories += list.split(separator: ":").map { path(String($0), in: currentDirectory) }
        }
        directories.append(path("queries", in: currentDirectory))
        if let executable = executablePath() {
            var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                let queries = folder.appendingPathComponent("queries").path
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                    isDirectory(queries)
                {
                    directories.append(queries)
                    break
                }
                folder = folder.deletingLastPathComponent()
            }
            let share = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("../share/fsreport/queries").standardizedFileURL.path
            directories.append(share)
        }
        // The checkout this binary was compiled from, wherever its build folder is.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("queries").path
        if isDirectory(checkout) { directories.append(checkout) }
        return QueryCatalog(directories: directories)
    }

    /// `p` itself when absolute, else `p` inside `directory`.
    static func path(_ p: String, in directory: String) -> String {
        p.hasPrefix("/") ? p : (directory as NSString).appendingPathComponent(p)
    }

    static func executablePath() -> String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// True for a query name: letters, digits, `-` and `_`.
    public static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
            && text.unicodeScalars.allSatisfy(\.isASCII)
    }

    /// Finds the file of `NAME`, or `FILE.sql` relative to `currentDirectory`.
    /// - Throws: a ``QueryError`` listing where it looked.
    public func resolve(_ reference: String, currentDirectory: String) throws -> QueryFile {
        if reference.contains("/") || reference.hasSuffix(".sql") {
            let path = QueryCatalog.path(reference, in: currentDirectory)
            guard FileManager.default.fileExists(atPath: path) else {
                throw QueryError.badInput("no query file at \(path)")
            }
            return try QueryFile.load(path: path)
        }
        guard QueryCatalog.isName(reference) else {
            throw QueryError.badInput(
                "\"\(reference)\" is neither a query name (letters, digits, - and _) nor a .sql file")
        }
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent("\(reference).sql")
            if FileManager.default.fileExists(atPath: path) { return try QueryFile.load(path: path) }
        }
        let known = (try? list().map(\.name)) ?? []
        throw QueryError.badInput(
            "no saved query named \"\(reference)\" (looked in \(directories.joined(separator: ", ")))",
            hint: known.isEmpty
                ? "set FSREPORT_QUERIES to the folder of your .sql files, or pass a path ending in .sql"
                : "saved queries: \(known.joined(separator: ", ")); `fsreport query --list` describes them")
    }

    /// Every saved query, by name; a name found in an earlier folder hides later ones.
    public func list() throws -> [QueryFile] {
        var found: [String: QueryFile] = [:]
        for directory in directories where QueryCatalog.isDirectory(directory) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in names where file.hasSuffix(".sql") {
                let name = String(file.dropLast(4))
                guard QueryCatalog.isName(name), found[name] == nil else { continue }
                found[name] = try QueryFile.load(path: (directory as NSString).appendingPathComponent(file))
            }
        }
        return found.values.sorted { $0.name < $1.name }
    }
}
