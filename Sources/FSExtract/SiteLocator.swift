import Foundation

/// A site's REST index, and where it answered.
struct LocatedSite: Sendable {
    var root: APIRoot
    var index: SiteIndex
    /// The index answered only with credentials (a security plugin requires a login).
    var indexNeedsLogin: Bool
}

/// Finds where a WordPress site's REST API answers (API.md, "Where the REST API lives"):
/// the root recorded by the previous run, then `<site>/wp-json/`, then the root the home
/// page advertises in its `Link: <…>; rel="https://api.w.org/"` header, then
/// `<site>/?rest_route=/`. An index that needs a login (401 without credentials) is asked
/// again with them. Credentials only ever go to the origin of `--site`.
struct SiteLocator {
    let site: URL
    let client: HTTPClient

    /// - Parameter recorded: the root the snapshot recorded, tried first.
    /// - Throws: ``ExtractError/noRESTAPI(site:tried:)`` when no candidate answers with a
    ///   REST index; authentication, redirect and network errors as the client throws them.
    func locate(recorded: APIRoot?) async throws -> LocatedSite {
        var tried: [String] = []
        var candidates: [APIRoot] = []
        if let recorded, recorded.isSameOrigin(as: site) { candidates.append(recorded) }
        let pretty = APIRoot.pretty(site: site)
        if !candidates.contains(pretty) { candidates.append(pretty) }
        for root in candidates {
            switch try await index(at: root) {
            case .found(let located): return located
            case .notHere(let reason): tried.append("\(root.index.absoluteString): \(reason)")
            }
        }
        // The home page names the API root, whatever the permalink setting.
        let home = try await advertisedRoot()
        if let advertised = home.root, !candidates.contains(advertised) {
            if advertised.isSameOrigin(as: site) {
                candidates.append(advertised)
                switch try await index(at: advertised) {
                case .found(let located): return located
                case .notHere(let reason): tried.append("\(advertised.index.absoluteString): \(reason)")
                }
            } else {
                tried.append(
                    "\(home.url.absoluteString) advertises its API at \(advertised.index.absoluteString), another "
                        + "address; pass that site as --site")
            }
        } else if home.root == nil {
            tried.append("\(home.url.absoluteString): \(home.reason)")
        }
        let plain = APIRoot.plain(site: site)
        if !candidates.contains(plain) {
            switch try await index(at: plain) {
            case .found(let located): return located
            case .notHere(let reason): tried.append("\(plain.index.absoluteString): \(reason)")
            }
        }
        throw ExtractError.noRESTAPI(site: site.absoluteString, tried: tried)
    }

    private enum Probe {
        case found(LocatedSite)
        case notHere(String)
    }

    /// `GET` the index at `root`: anonymously, then with credentials when it wants a login.
    /// An address that keeps failing with a server error or an odd body is one that did
    /// not work (the next is tried); an unreachable host, refused credentials and
    /// redirects stop the search, since no other address of the site would do better.
    private func index(at root: APIRoot) async throws -> Probe {
        do {
            return try await probe(root)
        } catch let error as ExtractError {
            switch error {
            case .httpStatus, .unexpectedBody, .bodyTooLarge: return .notHere(error.description)
            default: throw error
            }
        }
    }

    private func probe(_ root: APIRoot) async throws -> Probe {
        let anonymous = try await client.fetch(root.index, authenticated: false, accept: [200, 401, 403, 404, 400]) {
            r in Self.read(r)
        }
        switch anonymous {
        case .found(let index):
            return .found(LocatedSite(root: root, index: index, indexNeedsLogin: false))
        case .loginRequired:
            // 401/403 with credentials throws ``ExtractError/authenticationFailed``.
            let again = try await client.fetch(root.index, authenticated: true, accept: [200, 404, 400]) { r in Self.read(r) }
            if case .found(let index) = again {
                return .found(LocatedSite(root: root, index: index, indexNeedsLogin: true))
            }
            return .notHere("not a REST index even with credentials")
        case .notHere(let reason):
            return .notHere(reason)
        }
    }

    private enum Answer {
        case found(SiteIndex)
        case loginRequired
        case notHere(String)
    }

    private static func read(_ r: HTTPResponse) -> Answer {
        switch r.status {
        case 401, 403: return .loginRequired
        case 200: break
        default: return .notHere("HTTP \(r.status)")
        }
        do {
            return .found(try APIDecoder(clock: .utc).siteIndex(r.body))
        } catch {
            let first = r.body.first(where: { $0 > 0x20 })
            let kind = r.headers["content-type"].map { " (\($0))" } ?? ""
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .notHere("JSON without \"namespaces\"") }
            return .notHere("HTTP 200 but not JSON\(kind): a page of the site, not its REST API")
        }
    }

    private struct Home {
        var url: URL
        var root: APIRoot?
        var reason: String
    }

    /// The API root the home page advertises in its `Link` header.
    private func advertisedRoot() async throws -> Home {
        var c = URLComponents(url: site, resolvingAgainstBaseURL: false)!
        if !c.path.hasSuffix("/") { c.path += "/" }
        let url = c.url!
        let link: String?
        do {
            link = try await client.fetch(url, authenticated: false, accept: [200, 401, 403, 404, 410, 400]) { r in
                r.headers["link"]
            }
        } catch let error as ExtractError {
            switch error {
            case .httpStatus, .unexpectedBody, .bodyTooLarge, .redirected:
                return Home(url: url, root: nil, reason: error.description)
            default: throw error
            }
        }
        guard let link else { return Home(url: url, root: nil, reason: "no Link header naming the REST API") }
        guard let target = APIRoot.advertised(inLinkHeader: link), let root = APIRoot(index: target) else {
            return Home(url: url, root: nil, reason: "its Link header names no REST API root (rel=\"https://api.w.org/\")")
        }
        return Home(url: url, root: root, reason: "")
    }
}
