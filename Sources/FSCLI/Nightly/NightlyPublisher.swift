import FSRender
import FSSnapshot
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a fully built site folder in place of the published one in one step.
///
/// The new site is built in a staging folder beside the target (same filesystem), then
/// swapped in. On Linux the swap is `renameat2(RENAME_EXCHANGE)`: the target path always
/// names a complete site, the old one or the new one, even if the process is killed
/// halfway. Where that call is missing, it falls back to two renames (old aside, new in),
/// and the next run puts an old site back if a kill left the target missing in between.
enum NightlyPublisher {
    /// Top-level entries of a site folder (the dashboard's own, which the site writer
    /// also accepts).
    static let siteEntries: Set<String> = ["index.html", "agents", "api", "csv", "manifest.json", ".DS_Store"]

    /// The staging folder of `target`: `<work>/.<name>-<hash>.staging` when the work folder
    /// (the output folder, never published) is on the same filesystem as the target, else
    /// `<parent>/.<name>-<hash>.staging` (a swap needs both on one filesystem). The hash of
    /// the whole path keeps two sites whose folders share a name apart when they run at once.
    static func stagingRoot(for target: String, work: String) -> String {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        var hash: UInt32 = 0x811C_9DC5
        for byte in url.path.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let name = ".\(url.lastPathComponent)-\(String(hash, radix: 16)).staging"
        let parent = url.deletingLastPathComponent().path
        try? FileModes.createDirectories(parent, mode: FileModes.publicDirectory)
        try? FileModes.createDirectories(work, mode: FileModes.publicDirectory)
        var a = stat()
        var b = stat()
        if stat(work, &a) == 0, stat(parent, &b) == 0, a.st_dev == b.st_dev, !NightlyConfig.isInside(work, url.path) {
            return (work as NSString).appendingPathComponent(name)
        }
        return (parent as NSString).appendingPathComponent(name)
    }

    static func asidePrefix(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).previous-").path
    }

    /// Refuses a target that holds anything but a previous site: it is replaced whole.
    /// - Returns: a message, or nil when the folder may be replaced.
    static func replaceProblem(_ target: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "\(target) is a file, not a site folder" }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        let foreign = entries.filter { !siteEntries.contains($0) }.sorted()
        guard !foreign.isEmpty else { return nil }
        return "the site folder \(target) holds \(foreign.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")), "
            + "which a dashboard site does not; it is replaced whole on each run, so point site_dir at a new or "
            + "empty folder"
    }

    /// Clears what a killed run left beside `target`: its staging folder, and (after the
    /// two-rename fallback) an old site set aside while the target is missing.
    /// - Returns: a line for the log when something was repaired.
    @discardableResult
    static func recover(_ target: String, work: String) -> String? {
        let fm = FileManager.default
        try? fm.removeItem(atPath: stagingRoot(for: target, work: work))
        let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let prefix = URL(fileURLWithPath: asidePrefix(for: target)).lastPathComponent
        let aside = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        var note: String?
        if !fm.fileExists(atPath: target), let last = aside.last {
            if rename("\(parent)/\(last)", target) == 0 { note = "restored the previous site from \(last)" }
        }
        for name in aside where fm.fileExists(atPath: "\(parent)/\(name)") {
            try? fm.removeItem(atPath: "\(parent)/\(name)")
        }
        return note
    }

    /// Moves the folder `staged` to `target`, replacing it atomically, and removes the old site.
    static func swap(_ staged: String, into target: String) throws {
        let fm = FileManager.default
        try FileModes.createDirectories(
            URL(fileURLWithPath: target).deletingLastPathComponent().path, mode: FileModes.publicDirectory)
        if !fm.fileExists(atPath: target) {
            guard rename(staged, target) == 0 else { throw failure(target) }
            return
        }
        if exchange(staged, target) {
            // `staged` now names the old site.
            try? fm.removeItem(atPath: staged)
            return
        }
        let aside = asidePrefix(for: target) + "\(getpid())"
        guard rename(target, aside) == 0 else { throw failure(target) }
        guard rename(staged, target) == 0 else {
            let error = failure(target)
            _ = rename(aside, target)
            throw error
        }
        try? fm.removeItem(atPath: aside)
    }

    /// Writes one published file atomically (0644): a temporary sibling renamed over it.
    /// Temporary siblings a killed run left behind go first (the caller holds the nightly lock).
    static func writeFile(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileModes.createDirectories(folder.path, mode: FileModes.publicDirectory)
        let prefix = ".\(url.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let temporary = folder.appendingPathComponent(prefix + "\(getpid())")
        try FileModes.writeFile(Data(text.utf8), to: temporary.path, mode: FileModes.publicFile)
        guard rename(temporary.path, path) == 0 else {
            let error = failure(path)
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func failure(_ path: String) -> CLIError {
        CLIError.runtime("cannot publish \(path): \(String(cString: strerror(errno)))")
    }

    /// Atomically exchanges two existing paths; false when the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool { AtomicWriter.exchange(a, b) }
}
