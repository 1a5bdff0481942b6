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

    /// Takes the lock (creating the snapshot's folder, owner-only, when needed).
    /// - Throws: ``ExtractError/locked(path:)`` when another run holds it.
    init(target: String) throws {
        self.target = target
        path = target + ".partial"
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileModes.createDirectories(directory, mode: FileModes.privateDirectory)
            } catch {
                throw ExtractError.storage("cannot create the directory \(directory): \(error)")
            }
        }
        let fd: Int32
        do {
            fd = try FileModes.openOrCreate(target + ".lock", mode: FileModes.privateFile).fd
        } catch {
            throw ExtractError.storage("\(error)")
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
        SnapshotFiles.remove(path, includingDatabase: true)
    }

    /// Replaces the snapshot with the (closed, checkpointed) working copy. The old
    /// snapshot's WAL goes first: left next to the new file it would be replayed into it.
    /// The new file keeps the permission bits of the snapshot it replaces (fsreport does
    /// not change a mode its owner chose; a snapshot open to others is warned about); a
    /// first snapshot stays owner-only.
    func promote() throws {
        if let mode = FileModes.permissions(of: target) {
            guard chmod(path, mode & 0o777) == 0 else {
                throw ExtractError.storage("cannot give \(path) the mode of \(target): \(String(cString: strerror(errno)))")
            }
        }
        SnapshotFiles.remove(target)
        SnapshotFiles.remove(path)
        guard rename(path, target) == 0 else {
            throw ExtractError.storage(
                "cannot move the new snapshot \(path) to \(target): \(String(cString: strerror(errno)))")
        }
    }
}
