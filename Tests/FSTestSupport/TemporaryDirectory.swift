import Foundation

/// A fresh temporary directory, removed when the value is released: the one helper every
/// test target uses for the files a test writes.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fsreport-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every regular file below the directory, relative paths, sorted.
    public func files(under sub: String = "") -> [String] {
        let root = sub.isEmpty ? url : url.appendingPathComponent(sub)
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }
}

/// Runs `body` with the path of a fresh ``TemporaryDirectory``, removed afterwards.
public func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = TemporaryDirectory()
    return try withExtendedLifetime(directory) { try body(directory.path) }
}
