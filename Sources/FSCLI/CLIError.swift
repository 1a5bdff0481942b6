import FSQueries

/// A command's failure, with the exit code it maps to (DESIGN.md "CLI contract").
public struct CLIError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Bad arguments or input: exit 2.
        case usage
        /// Network, storage or environment failure: exit 1.
        case runtime
        /// Another run holds the lock: exit 4.
        case locked
    }

    public let kind: Kind
    public let message: String
    /// A one-line hint printed after the message.
    public let hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public static func usage(_ message: String, hint: String? = nil) -> CLIError { CLIError(.usage, message, hint: hint) }
    public static func runtime(_ message: String, hint: String? = nil) -> CLIError { CLIError(.runtime, message, hint: hint) }

    public var exitCode: Int32 {
        switch kind {
        case .usage: return ExitCode.usage
        case .runtime: return ExitCode.failure
        case .locked: return ExitCode.locked
        }
    }

    public var description: String { message }
}

/// Exit codes of every command.
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
    public static let partial: Int32 = 3
    public static let locked: Int32 = 4
}

extension CLIError {
    /// A saved query's failure: bad input exits 2, a failed run 1, with the same message and hint.
    init(_ error: QueryError) {
        self.init(error.kind == .badInput ? .usage : .runtime, error.message, hint: error.hint)
    }
}
