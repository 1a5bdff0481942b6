import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `fsreport` binary as a subprocess, as cron would.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    /// `fsreport` next to the test bundle (`swift build` puts both in the same
    /// directory), or `$FSREPORT_BINARY`.
    static var path: String? {
        if let p = ProcessInfo.processInfo.environment["FSREPORT_BINARY"] { return p }
        var candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? "", Bundle.main.bundlePath]
        candidates = candidates.filter { !$0.isEmpty }
        for start in candidates {
            var dir = (start as NSString).deletingLastPathComponent
            for _ in 0..<5 {
                let candidate = dir + "/fsreport"
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate)
                {
                    return candidate
                }
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        return nil
    }

    /// Runs `fsreport arguments` with exactly `environment` (plus PATH and HOME).
    /// - Parameter started: called with the child's pid once it runs.
    static func run(
        _ arguments: [String], environment: [String: String], directory: String,
        started: ((Int32) -> Void)? = nil
    ) throws -> Result {
        guard let binary = path else {
            throw RunnerError("the fsreport binary was not found next to the tests; run `swift build` first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["HOME"] = directory
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = directory + "/.stdout-\(UUID().uuidString)"
        let err = directory + "/.stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let outHandle = FileHandle(forWritingAtPath: out)!
        let errHandle = FileHandle(forWritingAtPath: err)!
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        started?(process.processIdentifier)
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        return Result(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    struct RunnerError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

/// A value set on one thread and read on another.
final class Shared<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: T
    init(_ value: T) { storage = value }
    var value: T {
        get { lock.withLock { storage } }
        set { lock.withLock { storage = newValue } }
    }
}
