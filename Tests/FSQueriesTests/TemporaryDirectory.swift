import FSQueries
import Foundation

/// Writes `text` to `directory/name`, creating folders, and returns the path.
@discardableResult
func write(_ text: String, _ name: String, in directory: String) throws -> String {
    let path = (directory as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The ``QueryError`` `body` throws, or nil when it throws nothing (or something else).
func queryError(_ body: () throws -> Void) -> QueryError? {
    do {
        try body()
        return nil
    } catch {
        return error as? QueryError
    }
}
