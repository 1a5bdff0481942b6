import Foundation

/// Where a command writes: standard output/error of the process, or buffers in tests.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?
    private var buffer = ""
    /// True when this stream is a terminal (progress bars only then).
    public let isTerminal: Bool

    /// A console that writes to a file descriptor (1 or 2).
    public init(fileDescriptor: Int32) {
        handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
        isTerminal = isatty(fileDescriptor) == 1
    }

    /// A console that collects text, for tests.
    public init(capturing: Void = (), isTerminal: Bool = false) {
        handle = nil
        self.isTerminal = isTerminal
    }

    public func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if let handle {
            handle.write(Data(text.utf8))
        } else {
            buffer += text
        }
    }

    public func line(_ text: String) { write(text + "\n") }

    /// What a capturing console has collected.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}

/// The process environment the CLI runs in, injectable for tests.
public struct Environment: Sendable {
    public var variables: [String: String]
    public var stdout: Console
    public var stderr: Console
    /// The current instant; `--now` overrides it in site-local time.
    public var clock: @Sendable () -> Date
    public var currentDirectory: String

    public init(
        variables: [String: String] = ProcessInfo.processInfo.environment,
        stdout: Console = Console(fileDescriptor: 1), stderr: Console = Console(fileDescriptor: 2),
        clock: @escaping @Sendable () -> Date = { Date() },
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.variables = variables
        self.stdout = stdout
        self.stderr = stderr
        self.clock = clock
        self.currentDirectory = currentDirectory
    }

    /// Resolves a path against the current directory.
    public func path(_ p: String) -> String {
        p.hasPrefix("/") ? p : (currentDirectory as NSString).appendingPathComponent(p)
    }
}
