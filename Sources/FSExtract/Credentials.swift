import Foundation

/// A WordPress user name and application password. Printing it never shows the
/// password; only ``authorizationHeader`` carries it, straight into the request.
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let user: String
    private let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// `Basic base64(user:password)` (RFC 7617), as WordPress expects it.
    var authorizationHeader: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "\(user):<redacted>" }
    public var debugDescription: String { description }
}
