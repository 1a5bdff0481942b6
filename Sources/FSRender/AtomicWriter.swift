import Foundation

/// Writes files and directories so a reader sees either the old version or the new one,
/// never a half-written mix: build beside the target, then rename into place.
public enum AtomicWriter {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `data` to a temporary sibling and renames it over `path`.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw Failure(path: path, reason: reason)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(path: path, reason: error.localizedDescription)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Fills a fresh temporary sibling directory through `build`, then swaps it into
    /// `path`: the old directory is renamed aside and removed only after the new one is in
    /// place. If `build` throws, `path` is untouched and the temporary directory removed.
    public static func replaceDirectory(at path: String, build: (_ temporary: String) throws -> Void) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(name).new-\(tag)")
        let old = parent.appendingPathComponent(".\(name).old-\(tag)")
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, reason: error.localizedDescription)
        }
        do {
            try build(temporary.path)
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        let hadOld = fm.fileExists(atPath: target.path)
        if hadOld, rename(target.path, old.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw Failure(path: path, reason: reason)
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadOld { _ = rename(old.path, target.path) }
            try? fm.removeItem(at: temporary)
            throw Failure(path: path, reason: reason)
        }
        if hadOld { try? fm.removeItem(at: old) }
    }
}
