import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files on disk that make up a snapshot: the database file and the side files SQLite
/// keeps beside it. The one place that knows their names.
///
/// A snapshot holds customers' names and emails, so fsreport creates it owner-only
/// (``FileModes/privateFile``) in an owner-only folder; SQLite gives its side files the
/// main file's permission bits, so creating the main file `0600` before SQLite opens it
/// makes them `0600` as well.
public enum SnapshotFiles {
    /// SQLite's side files of a database: the write-ahead log, its shared-memory index,
    /// and the rollback journal.
    public static let sideSuffixes = ["-wal", "-shm", "-journal"]

    /// The side files of the database at `path` (which may or may not exist).
    public static func sideFiles(of path: String) -> [String] {
        sideSuffixes.map { path + $0 }
    }

    /// Deletes the side files of `path`, and with `includingDatabase` the file itself;
    /// missing files are fine. Only for a database no connection has open.
    public static func remove(_ path: String, includingDatabase: Bool = false) {
        if includingDatabase { unlink(path) }
        for file in sideFiles(of: path) { unlink(file) }
    }

    /// Creates the empty, owner-only file a new snapshot starts as, and its folder
    /// (owner-only) when missing.
    /// - Throws: ``FileModes/Failure``.
    public static func createPrivate(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileModes.createDirectories(directory, mode: FileModes.privateDirectory) }
        try FileModes.createFile(path, mode: FileModes.privateFile)
    }

    /// The one-line warning for an existing snapshot other users have access to, or nil
    /// when it is private (or missing). fsreport never changes the mode of a file it
    /// finds: the line says how to fix it.
    public static func exposureWarning(for path: String) -> String? {
        guard let mode = FileModes.permissions(of: path), mode & 0o077 != 0 else { return nil }
        return "warning: the snapshot \(path) is open to other users (mode \(FileModes.octal(mode & 0o777))) "
            + "and holds customers' names and emails; make it private with `chmod 600 \(shellQuoted(path))`"
    }

    /// `path` as a shell word: as it is when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@%".contains($0)) }
        return safe && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
