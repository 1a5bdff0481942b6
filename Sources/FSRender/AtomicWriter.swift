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
    /// `mode`, and missing folders are created 0755. Temporary siblings a killed run left
    /// behind go first (``removeLeftovers(in:prefix:)``).
    public static func write(_ data: Data, to path: String, mode: mode_t = FileModes.publicFile) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileModes.createDirectories(directory.path, mode: FileModes.publicDirectory)
            let prefix = ".\(url.lastPathComponent).tmp-"
            removeLeftovers(in: directory.path, prefix: prefix)
            let temporary = directory.appendingPathComponent(prefix + tag())
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

    /// Fills a fresh temporary directory through `build`, then swaps it into `path` with one
    /// atomic exchange (so `path` always names a complete directory), or, where the system
    /// has no exchange, by renaming the old one aside first. If `build` throws, `path` is
    /// untouched and the temporary directory removed. What a killed run left behind is
    /// cleared first (``recoverDirectory(at:stagingIn:)``).
    ///
    /// The new directory (and any missing folder above it) is created 0755 whatever the
    /// umask; what `build` puts in it is up to `build`.
    /// - Parameter work: where to build, when not beside `path`: a folder that is never
    ///   published (the nightly job's output folder), used only when it lies on the same
    ///   filesystem as `path` (an exchange needs both on one) and outside it.
    public static func replaceDirectory(
        at path: String, stagingIn work: String? = nil, build: (_ temporary: String) throws -> Void
    ) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        recoverDirectory(at: path, stagingIn: work)
        let tag = tag()
        let temporary = URL(fileURLWithPath: stagingFolder(for: path, work: work)).appendingPathComponent(
            ".\(name).new-\(tag)")
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

    /// Clears what a killed ``replaceDirectory(at:stagingIn:build:)`` of `path` left behind:
    /// its half-built temporary directory, and (after the two-rename fallback) the old
    /// directory set aside while `path` is missing, which is put back. Leftovers of a
    /// process still running (another run at work) are left alone.
    /// - Returns: a line for a log when a directory was put back.
    @discardableResult
    public static func recoverDirectory(at path: String, stagingIn work: String? = nil) -> String? {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        var note: String?
        let aside = leftovers(in: parent, prefix: ".\(name).old-")
        if !fm.fileExists(atPath: target.path), let last = aside.last,
            rename((parent as NSString).appendingPathComponent(last), target.path) == 0
        {
            note = "restored the previous site from \(last)"
        }
        removeLeftovers(in: parent, prefix: ".\(name).old-")
        for folder in Set([parent, stagingFolder(for: path, work: work)]) {
            removeLeftovers(in: folder, prefix: ".\(name).new-")
        }
        return note
    }

    /// Where ``replaceDirectory(at:stagingIn:build:)`` builds: `work` when it is on the same
    /// filesystem as the parent of `path` and not inside `path`, else that parent.
    static func stagingFolder(for path: String, work: String?) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent().path
        guard let work else { return parent }
        let folder = URL(fileURLWithPath: work).standardizedFileURL.path
        try? FileModes.createDirectories(folder, mode: FileModes.publicDirectory)
        var a = stat()
        var b = stat()
        try? FileModes.createDirectories(parent, mode: FileModes.publicDirectory)
        guard stat(folder, &a) == 0, stat(parent, &b) == 0, a.st_dev == b.st_dev,
            !SiteFolder.isInside(folder, target.path)
        else { return parent }
        return folder
    }

    /// `<pid>-<random>`: names a temporary file or folder of this process.
    static func tag() -> String { "\(getpid())-\(UInt32.random(in: 0...UInt32.max))" }

    /// Names in `folder` that start with `prefix` followed by the tag of a process that is
    /// no longer running, sorted.
    static func leftovers(in folder: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            guard name.hasPrefix(prefix), let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }) else {
                return false
            }
            return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
        }.sorted()
    }

    /// Removes ``leftovers(in:prefix:)``.
    static func removeLeftovers(in folder: String, prefix: String) {
        for name in leftovers(in: folder, prefix: prefix) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
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
