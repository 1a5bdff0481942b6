/// Why a saved query could not be found, read, bound or run. The message names the file or
/// the value and what to do; ``hint`` is a one-line way out where there is one.
public struct QueryError: Error, CustomStringConvertible, Sendable {
    /// How the CLI maps the error to an exit code.
    public enum Kind: Sendable {
        /// A bad query file, name or parameter: the user can fix it (exit 2).
        case badInput
        /// SQLite failed while the query ran (exit 1).
        case failed
    }

    public let kind: Kind
    public let message: String
    public let hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    static func badInput(_ message: String, hint: String? = nil) -> QueryError {
        QueryError(.badInput, message, hint: hint)
    }

    public var description: String { message }
}
