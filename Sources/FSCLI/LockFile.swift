import FSSnapshot
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a file, held for the life of the value, so two nightly runs never
/// overlap.
///
/// Two mechanisms, so that neither a crash nor a foreign holder fools it:
/// - an `flock(2)` on the open file, which the kernel drops when the holder dies (even by
///   SIGKILL), so a dead run never blocks the next one;
/// - the holder's pid and process start time written into the file, shown in the
///   "locked" message, and honoured when the `flock` is free but the recorded process is
///   still alive (a holder on a filesystem without `flock`, or another tool). A recorded
///   process that is gone — or whose pid now belongs to a process started at another time
///   — is a stale lock, and is taken over.
final class LockFile {
    /// Who holds a lock, as recorded in the file.
    struct Holder: Equatable, CustomStringConvertible {
        var pid: Int32
        /// Start time of the process in clock ticks since boot (`/proc/<pid>/stat` field 22);
        /// nil where `/proc` is not available.
        var startTicks: UInt64?
        /// When it took the lock, as the holder wrote it.
        var since: String?

        var description: String {
            "pid \(pid)" + (since.map { ", since \($0)" } ?? "")
        }

        var line: String {
            "pid=\(pid) start=\(startTicks.map(String.init) ?? "-") since=\(since ?? "-")\n"
        }

        init(pid: Int32, startTicks: UInt64?, since: String?) {
            self.pid = pid
            self.startTicks = startTicks
            self.since = since
        }

        init?(line: String) {
            var fields: [String: String] = [:]
            for part in line.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                guard let eq = part.firstIndex(of: "=") else { continue }
                fields[String(part[..<eq])] = String(part[part.index(after: eq)...])
            }
            guard let pidText = fields["pid"], let pid = Int32(pidText), pid > 0 else { return nil }
            self.pid = pid
            startTicks = fields["start"].flatMap { UInt64($0) }
            since = fields["since"].flatMap { $0 == "-" ? nil : $0 }
        }

        /// The process is alive (not a zombie) and is the one that wrote the record.
        var isAlive: Bool {
            if kill(pid, 0) != 0 && errno != EPERM { return false }
            guard let stat = LockFile.stat(of: pid) else { return true }  // no /proc: trust kill(2)
            if stat.state == "Z" || stat.state == "X" { return false }
            guard let recorded = startTicks else { return true }
            return recorded == stat.startTicks
        }
    }

    enum Failure: Error {
        /// Another live run holds it.
        case held(path: String, holder: Holder?)
        /// The file cannot be created or locked.
        case io(path: String, reason: String)
    }

    let path: String
    private var fd: Int32
    /// The record found in the file when it was taken over from a dead holder.
    let tookOverFrom: Holder?

    /// Takes the lock at once or fails; never waits.
    /// - Parameter since: a timestamp written into the file for other runs' messages.
    init(path: String, since: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        // The lock's folder is normally the output folder, which holds the published site.
        try? FileModes.createDirectories(directory, mode: FileModes.publicDirectory)
        let fd: Int32
        do {
            fd = try FileModes.openOrCreate(path, mode: FileModes.privateFile).fd
        } catch let failure as FileModes.Failure {
            throw Failure.io(path: path, reason: failure.reason)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = LockFile.read(fd)
            close(fd)
            throw Failure.held(path: path, holder: holder)
        }
        let previous = LockFile.read(fd)
        if let previous, previous.pid != getpid(), previous.isAlive {
            flock(fd, LOCK_UN)
            close(fd)
            throw Failure.held(path: path, holder: previous)
        }
        let me = Holder(pid: getpid(), startTicks: LockFile.startTicks(of: getpid()), since: since)
        let bytes = Array(me.line.utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, bytes, bytes.count, 0) == bytes.count else {
            let reason = String(cString: strerror(errno))
            flock(fd, LOCK_UN)
            close(fd)
            throw Failure.io(path: path, reason: reason)
        }
        fsync(fd)
        self.fd = fd
        tookOverFrom = previous.flatMap { $0.pid == getpid() ? nil : $0 }
    }

    /// Clears the record and releases the lock (also done when the value is released).
    func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// The holder recorded in the file at `path`, if any (for messages and tests).
    static func holder(at path: String) -> Holder? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Holder(line: text)
    }

    private static func read(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Holder(line: String(decoding: buffer[0..<n], as: UTF8.self))
    }

    /// Field 22 of `/proc/<pid>/stat`: the process start time in ticks since boot.
    static func startTicks(of pid: Int32) -> UInt64? { stat(of: pid)?.startTicks }

    /// The state letter (field 3) and start time (field 22) of `/proc/<pid>/stat`.
    static func stat(of pid: Int32) -> (state: String, startTicks: UInt64?)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the parenthesised command name start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard let state = fields.first else { return nil }
        return (String(state), fields.count > 19 ? UInt64(fields[19]) : nil)
    }
}
