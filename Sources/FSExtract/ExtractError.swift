import Foundation

/// Why an extraction stopped. Each message names the bad value or the failing URL and
/// says what to do; none ever contains the application password.
public enum ExtractError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// An option or environment value is unusable (exit 2).
    case invalidOption(String)
    /// The site refused the credentials (HTTP 401/403).
    case authenticationFailed(url: String, status: Int, user: String, serverMessage: String?)
    /// The site answers, but its REST index lacks the `fluent-support/v2` namespace.
    case notFluentSupport(site: String, namespaces: [String])
    /// No address of the site answered with a WordPress REST index.
    case noRESTAPI(site: String, tried: [String])
    /// An HTTP status this tool cannot use (after retries, for retryable ones).
    case httpStatus(url: String, status: Int, bodyPrefix: String)
    /// A body that is not the JSON this tool expects.
    case unexpectedBody(url: String, status: Int, reason: String, bodyPrefix: String)
    /// A plain `http://` site on another machine: the credentials would travel in clear
    /// text (exit 2), unless explicitly allowed.
    case insecureTransport(site: String)
    /// The site redirected elsewhere; credentials are never sent to another address.
    case redirected(url: String, status: Int, location: String)
    /// A body larger than the configured cap.
    case bodyTooLarge(url: String, limit: Int)
    /// The network failed and retries ran out.
    case network(url: String, reason: String, attempts: Int)
    /// The snapshot could not be read or written.
    case storage(String)
    /// The snapshot belongs to another site or to the demo.
    case wrongSnapshot(String)
    /// The snapshot records another site address than `--site`.
    case siteMismatch(path: String, recorded: String, site: String)
    /// Another extraction holds the snapshot's lock.
    case locked(path: String)

    /// How the CLI maps the error to an exit code.
    public enum Kind: Sendable { case usage, runtime, locked }

    public var kind: Kind {
        switch self {
        case .invalidOption, .wrongSnapshot, .siteMismatch, .insecureTransport: return .usage
        case .locked: return .locked
        default: return .runtime
        }
    }

    /// How to create an application password, for every authentication failure.
    public static let applicationPasswordHelp = """
        create an application password in WordPress: Users → Profile → Application Passwords, \
        enter a name (e.g. "fsreport") and click "Add New Application Password"; then run \
        `export FSREPORT_APP_PASSWORD='xxxx xxxx xxxx xxxx xxxx xxxx'` and pass that user's login \
        name with --user (or FSREPORT_USER). The user needs a Fluent Support agent role with \
        access to all tickets and reports
        """

    public var description: String {
        switch self {
        case .invalidOption(let message):
            return message
        case .authenticationFailed(let url, let status, let user, let serverMessage):
            return "the site refused the credentials of user \"\(user)\" (HTTP \(status) from \(url)"
                + (serverMessage.map { ": \($0)" } ?? "") + ")"
        case .notFluentSupport(let site, let namespaces):
            return "\(site) runs WordPress, but Fluent Support is not active there or its REST API is blocked "
                + "(the REST index lacks the namespace fluent-support/v2; it lists "
                + "\(namespaces.isEmpty ? "no namespaces" : namespaces.joined(separator: ", ")))"
        case .noRESTAPI(let site, let tried):
            return "found no WordPress REST API for \(site); tried " + tried.joined(separator: "; ")
        case .httpStatus(let url, let status, let prefix):
            return "HTTP \(status) from \(url)" + (prefix.isEmpty ? "" : "; the body begins: \(prefix)")
        case .unexpectedBody(let url, let status, let reason, let prefix):
            return "unexpected answer from \(url) (HTTP \(status)): \(reason)"
                + (prefix.isEmpty ? "; the body is empty" : "; the body begins: \(prefix)")
        case .insecureTransport(let site):
            return "refusing to send the application password to \(site) in clear text: over plain http:// "
                + "every request carries it (Basic auth is only base64), readable by anyone on the network path; "
                + "credentials go only over https://, or over http:// to this machine (localhost, 127.0.0.0/8, ::1)"
        case .redirected(let url, let status, let location):
            return "\(url) redirects (HTTP \(status)) to \(location); fsreport does not follow redirects "
                + "with credentials"
        case .bodyTooLarge(let url, let limit):
            return "the answer from \(url) exceeds \(limit / 1_048_576) MiB; lower --per-page"
        case .network(let url, let reason, let attempts):
            return "cannot reach \(url): \(reason) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))"
        case .storage(let message):
            return message
        case .wrongSnapshot(let message):
            return message
        case .siteMismatch(let path, let recorded, let site):
            return "\(path) is the snapshot of \(recorded), not of \(site)"
        case .locked(let path):
            return "another `fsreport extract` is writing \(path)"
        }
    }

    /// A one-line hint for the CLI to print after the message.
    public var hint: String? {
        switch self {
        case .authenticationFailed: return Self.applicationPasswordHelp
        case .notFluentSupport:
            return "activate Fluent Support (WordPress → Plugins), and allow its REST namespace fluent-support/v2 "
                + "in any security plugin that filters the REST API"
        case .noRESTAPI:
            return "pass the WordPress address as --site (Settings → General → \"WordPress Address\", with its "
                + "subfolder if any), and check that no security plugin disables the REST API"
        case .insecureTransport:
            return "use the site's https:// address; for an intranet site without TLS whose network you trust, "
                + "pass --allow-insecure-http (in the nightly config: \"allow_insecure_http\": true in the site's entry)"
        case .redirected(_, _, let location):
            return "pass the final address as --site (e.g. the https:// form); redirect target: \(location)"
        case .siteMismatch:
            return "if the site moved (http → https, a new domain), pass --site-moved once (nightly: \"site_moved\": "
                + "true for one run) to re-bind this snapshot after checking it is the same site, keeping its history; "
                + "otherwise pass another --db (one snapshot per site)"
        case .locked: return "wait for it to finish, or remove a stale lock file if no extract is running"
        case .network: return "check the address and the network; a later run resumes where this one stopped"
        case .httpStatus, .unexpectedBody:
            return "a later run resumes where this one stopped; if it persists, check the site's PHP error log"
        default: return nil
        }
    }

    public var errorDescription: String? { description }

    /// At most `limit` bytes of a body, made printable on one line.
    static func prefix(_ body: [UInt8], limit: Int = 160) -> String {
        let head = String(decoding: body.prefix(limit), as: UTF8.self)
        let flat = head.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        return String(flat) + (body.count > limit ? "…" : "")
    }
}
