import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Credentials travel only over HTTPS. WordPress application passwords go in a Basic
/// `Authorization` header on every request — base64, not encryption — so over plain
/// `http://` anyone on the network path reads them. Plain HTTP is allowed to this machine
/// (tests, a local site) and, on request, to an intranet site that has no TLS.
extension ExtractOptions {
    /// Refuses a site the credentials cannot be sent to safely: `http://` with a host that
    /// is not loopback, unless `allowInsecureHTTP`. Every command that sends the
    /// application password checks its site with this before any request.
    /// - Throws: ``ExtractError/insecureTransport(site:)`` (exit 2).
    public static func checkTransport(_ site: URL, allowInsecureHTTP: Bool) throws {
        guard site.scheme?.lowercased() == "http", !allowInsecureHTTP else { return }
        guard let host = site.host, isLoopback(host: host) else {
            throw ExtractError.insecureTransport(site: site.absoluteString)
        }
    }

    /// Whether `host` names this machine: `localhost`, an address in 127.0.0.0/8, or
    /// `::1` (with or without brackets). Anything else — other names, shortened or
    /// numeric IPv4 forms such as `127.1` — is not, so it errs on the side of refusing.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            return bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
        return false
    }
}
