import Foundation

/// Where a WordPress site's REST API answers, and how a route becomes a URL there.
///
/// WordPress serves the same API in two forms (API.md, "Where the REST API lives"):
/// - *pretty* permalinks: `<site>/wp-json/` + route, query parameters as usual;
/// - *plain* permalinks: `<site>/?rest_route=/` + route, further parameters after `&`
///   (`?rest_route=/fluent-support/v2/tickets&per_page=100&page=2`).
/// A site in a subfolder keeps its path in both forms (`https://example.com/support/wp-json/`).
public struct APIRoot: Sendable, Equatable, CustomStringConvertible {
    /// How routes are spelled at this root.
    public enum Form: String, Sendable {
        case pretty
        case plain
    }

    /// The REST index URL: `…/wp-json/` or `…/?rest_route=/`.
    public let index: URL
    public let form: Form

    /// The root at `url`, the form read off it: a `rest_route` query item means plain.
    /// - Returns: nil for a URL that is not http(s) with a host.
    public init?(index url: URL) {
        guard let c = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https", c.host?.isEmpty == false
        else { return nil }
        if c.queryItems?.contains(where: { $0.name == "rest_route" }) == true {
            var plain = c
            plain.queryItems = (c.queryItems ?? []).map {
                $0.name == "rest_route" ? URLQueryItem(name: "rest_route", value: "/") : $0
            }
            guard let u = plain.url else { return nil }
            index = u
            form = .plain
        } else {
            var pretty = c
            pretty.query = nil
            pretty.fragment = nil
            if !pretty.path.hasSuffix("/") { pretty.path += "/" }
            guard let u = pretty.url else { return nil }
            index = u
            form = .pretty
        }
    }

    /// `<site>/wp-json/`.
    public static func pretty(site: URL) -> APIRoot {
        APIRoot(index: site.appendingPathComponent("wp-json", isDirectory: true))!
    }

    /// `<site>/?rest_route=/`.
    public static func plain(site: URL) -> APIRoot {
        var c = URLComponents(url: site, resolvingAgainstBaseURL: false)!
        if !c.path.hasSuffix("/") { c.path += "/" }
        c.queryItems = [URLQueryItem(name: "rest_route", value: "/")]
        return APIRoot(index: c.url!)!
    }

    /// The URL of `route` (e.g. `fluent-support/v2/tickets`, no leading slash) with `query`.
    public func url(_ route: String, query: [(String, String)] = []) -> URL {
        var c = URLComponents(url: index, resolvingAgainstBaseURL: false)!
        let extra = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        switch form {
        case .pretty:
            c.path += route
            c.queryItems = extra.isEmpty ? nil : extra
        case .plain:
            let items = (c.queryItems ?? []).map {
                $0.name == "rest_route" ? URLQueryItem(name: "rest_route", value: "/" + route) : $0
            }
            c.queryItems = items + extra
        }
        return c.url!
    }

    /// Whether `url` has the same scheme, host and port as this root: credentials go only
    /// to the address the user named.
    public func isSameOrigin(as url: URL) -> Bool {
        Self.origin(index) == Self.origin(url)
    }

    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    public var description: String { index.absoluteString }

    /// The `Link: <…>; rel="https://api.w.org/"` target of a WordPress page's headers.
    /// - Parameter header: the `Link` header (several links may be joined by commas).
    static func advertised(inLinkHeader header: String) -> URL? {
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = fields.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isAPI = fields.dropFirst().contains { field in
                let f = field.replacingOccurrences(of: " ", with: "").lowercased()
                return f == "rel=\"https://api.w.org/\"" || f == "rel=https://api.w.org/"
            }
            if isAPI { return URL(string: String(target.dropFirst().dropLast())) }
        }
        return nil
    }
}
