import FSSnapshot
import Foundation

/// Writes files and directories so a reader sees either the old version or the new one,
/// never a half-written mix: build beside the target, then rename into place.
///
/// What it writes is meant to be served or shared (the site, report files): files end
/// ``FileModes/publicFile`` (0644) and the folders it creates ``FileModes/publicDirectory``
/// (0755), whatever the umask, so a static host can serve them.
public enum AtomicWriter {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `data` to a temporary sibling and renames it over `path`; the file ends with
    /// `mode`, and missing folders are created 0755.
    public static func write(_ data: Data, to path: String, mode: mode_t = FileModes.publicFile) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileModes.createDirectories(directory.path, mode: FileModes.publicDirectory)
            let temporary = directory.appendingPathComponent(
                ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileModes.writeFile(data, to: temporary.path, mode: mode)
            // Durable before visible: the bytes reach the disk before the name points at them.
            flush(path: temporary.path)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw Failure(path: path, reason: reason)
            }
            flush(path: directory.path)
        } catch let failure as Failure {
            throw failure
        } catch let failure as FileModes.Failure {
            throw Failure(path: path, reason: failure.description)
        } catch {
            throw Failure(path: path, reason: error.localizedDescription)
        }
    }

    public static func write(_ text: String, to path: String, mode: mode_t = FileModes.publicFile) throws {
        try write(Data(text.utf8), to: path, mode: mode)
    }

    /// Fills a fresh temporary sibling directory through `build`, then swaps it into
    /// `path` with one atomic exchange (so `path` always names a complete directory), or,
    /// where the system has no exchange, by renaming the old one aside first. If `build` throws, `path` is untouched and the temporary directory removed.
    /// The new directory (and any missing folder above it) is created 0755 whatever the
    /// umask; what `build` puts in it is up to `build`.
    public static func replaceDirectory(at path: String, build: (_ temporary: String) throws -> Void) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(name).new-\(tag)")
        let old = parent.appendingPathComponent(".\(name).old-\(tag)")
        do {
            try FileModes.createDirectories(temporary.path, mode: FileModes.publicDirectory)
        } catch {
            throw Failure(path: path, reason: "\(error)")
        }
        do {
            try build(temporary.path)
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        // Everything built so far reaches the disk before the swap makes it visible.
        flushFilesystem(of: temporary.path)
        let hadOld = fm.fileExists(atPath: target.path)
        if hadOld, exchange(temporary.path, target.path) {
            // One step: `path` named the old site until this instant and the new one after.
            try? fm.removeItem(at: temporary)
            return
        }
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

    /// `fsync` of a file or directory; failures are ignored (some filesystems refuse it
    /// on directories), as durability is best effort on top of atomicity.
    static func flush(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// `syncfs` of the filesystem holding `path` (one call for a whole directory tree).
    static func flushFilesystem(of path: String) {
        #if os(Linux)
            // glibc's `syncfs`, looked up at run time (Swift's Glibc module does not declare it).
            typealias SyncFS = @convention(c) (Int32) -> Int32
            guard let symbol = dlsym(nil, "syncfs") else { return sync() }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            _ = unsafeBitCast(symbol, to: SyncFS.self)(fd)
            close(fd)
        #else
            sync()
        #endif
    }

    #if os(Linux)
        private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        /// glibc's `renameat2`, looked up at run time (Swift's Glibc module does not declare it).
        nonisolated(unsafe) private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map {
            unsafeBitCast($0, to: RenameAt2.self)
        }
        private static let renameExchange: UInt32 = 1 << 1
    #endif

    /// Atomically exchanges two existing paths on one filesystem (Linux
    /// `renameat2(RENAME_EXCHANGE)`); false where the system cannot, and callers fall back
    /// to two renames.
    public static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            guard let renameat2 else { return false }
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
            return false
        #endif
    }
}
