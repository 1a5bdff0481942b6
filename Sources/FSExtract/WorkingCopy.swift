import FSSnapshot
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an extraction writes: a working copy next to the snapshot (`<db>.partial`),
/// renamed over it only when the run completes. Readers of the snapshot never see a
/// half-synced state, a failed or killed run leaves it exactly as it was, and the next
/// run resumes from the working copy's checkpoints. An exclusive `flock` on `<db>.lock`
/// keeps two extractions of the same snapshot apart.
final class WorkingCopy {
    let target: String
    let path: String
    private let lockFD: Int32

    static let sidecars = ["-wal", "-shm", "-journal"]

    /// Takes the lock (creating the snapshot's directory when needed).
    /// - Throws: ``ExtractError/locked(path:)`` when another run holds it.
    init(target: String) throws {
        self.target = target
        path = target + ".partial"
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ExtractError.storage("cannot create the directory \(directory): \(error.localizedDescription)")
            }
        }
        let fd = open(target + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ExtractError.storage("cannot create \(target).lock: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ExtractError.locked(path: target)
        }
        lockFD = fd
    }

    deinit {
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Deletes the working copy and its SQLite side files.
    func discard() {
        for suffix in [""] + Self.sidecars { unlink(path + suffix) }
    }

    /// Replaces the snapshot with the (closed, checkpointed) working copy. The old
    /// snapshot's WAL goes first: left next to the new file it would be replayed into it.
    func promote() throws {
        for suffix in Self.sidecars { unlink(target + suffix) }
        for suffix in Self.sidecars { unlink(path + suffix) }
        guard rename(path, target) == 0 else {
            throw ExtractError.storage(
                "cannot move the new snapshot \(path) to \(target): \(String(cString: strerror(errno)))")
        }
    }
}
