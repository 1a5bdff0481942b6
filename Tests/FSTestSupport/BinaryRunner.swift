import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `fsreport` binary as a subprocess, as cron would.
public struct BinaryRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var killed: Bool
        public var stdout: String
        public var stderr: String
    }

    /// `fsreport` next to the test bundle (`swift build` puts both in the same
    /// directory), or `$FSREPORT_BINARY`.
    public static var path: String? { path("fsreport") }

    /// The executable `name` built by this package (`FSREPORT_BINARY` overrides `fsreport`).
    public static func path(_ name: String) -> String? {
        if name == "fsreport", let p = ProcessInfo.processInfo.environment["FSREPORT_BINARY"] { return p }
        var candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? "", Bundle.main.bundlePath]
        candidates = candidates.filter { !$0.isEmpty }
        for start in candidates {
            var dir = (start as NSString).deletingLastPathComponent
            for _ in 0..<5 {
                let candidate = dir + "/" + name
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
    public static func run(
        _ arguments: [String], binary name: String = "fsreport", environment: [String: String], directory: String,
        started: ((Int32) -> Void)? = nil
    ) throws -> Result {
        guard let binary = path(name) else {
            throw RunnerError("the \(name) binary was not found next to the tests; run `swift build` first")
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

    public struct RunnerError: Error, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }
}

/// A value set on one thread and read on another.
public final class Shared<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: T
    public init(_ value: T) { storage = value }
    public var value: T {
        get { lock.withLock { storage } }
        set { lock.withLock { storage = newValue } }
    }
}
