import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The permission bits of the files and folders fsreport creates, set explicitly so the
/// result never depends on the process umask (`open(2)` and `mkdir(2)` only ever take
/// bits away; `fchmod`/`chmod` right after creation, before any byte is written, puts
/// exactly the intended mode in place).
///
/// Two kinds of files: private ones (the snapshot, its SQLite side files, working copies,
/// the column cache, lock files), readable by the owner only because they hold
/// customers' names and emails; and the publishable site, readable by a web server.
public enum FileModes {
    /// Snapshots and everything beside them: `-rw-------`.
    public static let privateFile: mode_t = 0o600
    /// A folder fsreport creates for a snapshot: `drwx------`.
    public static let privateDirectory: mode_t = 0o700
    /// A file of the publishable site: `-rw-r--r--`.
    public static let publicFile: mode_t = 0o644
    /// A folder of the publishable site: `drwxr-xr-x`.
    public static let publicDirectory: mode_t = 0o755

    /// A file or folder that could not be created; names the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "cannot create \(path): \(reason)" }
    }

    /// Creates the folder `path` and every missing folder above it with exactly `mode`.
    /// Folders that already exist are left as they are (fsreport never changes the mode
    /// of a folder it did not create).
    /// - Throws: ``Failure`` when a folder cannot be created or a file is in the way.
    public static func createDirectories(_ path: String, mode: mode_t) throws {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        for directory in missing.reversed() {
            if mkdir(directory, mode) != 0 {
                let code = errno
                var isDirectory: ObjCBool = false
                // Another process made it in between: fine, and not ours to change.
                if code == EEXIST, FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    continue
                }
                throw Failure(path: directory, reason: String(cString: strerror(code)))
            }
            guard chmod(directory, mode) == 0 else {
                throw Failure(path: directory, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Creates a new, empty file with exactly `mode`.
    /// - Throws: ``Failure``, also when the file already exists.
    public static func createFile(_ path: String, mode: mode_t) throws {
        let fd = try openFile(path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode)
        close(fd)
    }

    /// Opens `path` for reading and writing, creating it with exactly `mode` when it is
    /// missing; an existing file keeps its mode.
    /// - Returns: the descriptor (close it) and whether this call created the file.
    public static func openOrCreate(_ path: String, mode: mode_t) throws -> (fd: Int32, created: Bool) {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 {
                guard fchmod(fd, mode) == 0 else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw Failure(path: path, reason: reason)
                }
                return (fd, true)
            }
            guard errno == EEXIST || errno == EINTR else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            let existing = open(path, O_RDWR | O_CLOEXEC, 0)
            if existing >= 0 { return (existing, false) }
            // Removed between the two calls: try again; anything else is final.
            guard errno == ENOENT || errno == EINTR else {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes `data` as the whole content of `path` (created when missing, truncated when
    /// not), which ends with exactly `mode`; the mode is set before the first byte is written.
    /// - Throws: ``Failure``.
    public static func writeFile(_ data: Data, to path: String, mode: mode_t) throws {
        let fd = try openFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        defer { close(fd) }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            guard var pointer = buffer.baseAddress else { return true }
            var left = buffer.count
            while left > 0 {
                let n = write(fd, pointer, left)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                pointer += n
                left -= n
            }
            return true
        }
        guard ok else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The permission bits of `path` (`st_mode & 0o7777`), or nil when it cannot be read.
    public static func permissions(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// `mode` as `chmod` spells it: `0600`.
    public static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `open(2)` with `O_CLOEXEC`, then `fchmod` to `mode`.
    private static func openFile(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        var fd: Int32
        repeat { fd = open(path, flags | O_CLOEXEC, mode) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        guard fchmod(fd, mode) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(path: path, reason: reason)
        }
        return fd
    }
}
