import FSGenerator
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One parsed HTTP request.
struct EmulatorRequest: Sendable {
    var method: String
    /// Percent-decoded path without the query.
    var path: String
    var query: [String: String]
    /// Header names lowercased.
    var headers: [String: String]
}

/// What the emulator answers, and how it delivers it (faults included).
struct EmulatorResponse: Sendable {
    enum Delivery: Sendable, Equatable {
        case normal
        /// Wait this long before answering (longer than the client's timeout).
        case delayed(TimeInterval)
        /// Announce the full length, send half the body, close the connection.
        case dropMidBody
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8]
    var delivery: Delivery = .normal
}

/// A small HTTP/1.1 server on 127.0.0.1 over POSIX sockets: an accept thread and one
/// thread per connection, keep-alive, `Content-Length` bodies. Enough for URLSession.
final class EmulatorHTTPServer: @unchecked Sendable {
    typealias Handler = @Sendable (EmulatorRequest) -> EmulatorResponse

    private let lock = NSLock()
    private var handlerStorage: Handler?
    private var listenFD: Int32 = -1
    private var connections: Set<Int32> = []
    private var stopped = false
    private let threads = DispatchGroup()
    private(set) var port: UInt16 = 0

    /// Answers each request; set before ``start()``.
    var handler: Handler? {
        get { lock.withLock { handlerStorage } }
        set { lock.withLock { handlerStorage = newValue } }
    }

    /// Binds an ephemeral port on 127.0.0.1 and starts accepting.
    func start() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EmulatorError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw EmulatorError.socket("bind", errno)
        }
        guard listen(fd, 128) == 0 else {
            close(fd)
            throw EmulatorError.socket("listen", errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        lock.withLock { listenFD = fd }
        threads.enter()
        let thread = Thread { [self] in
            acceptLoop(fd)
            threads.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
        return port
    }

    /// Stops accepting, closes every connection and waits (briefly) for the threads.
    func stop() {
        let fds: [Int32] = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            var fds = Array(connections)
            if listenFD >= 0 { fds.append(listenFD) }
            return fds
        }
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        _ = threads.wait(timeout: .now() + 5)
    }

    var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            let accepted: Bool = lock.withLock {
                guard !stopped else { return false }
                connections.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                break
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            threads.enter()
            let thread = Thread { [self] in
                serve(client)
                lock.withLock { _ = connections.remove(client) }
                close(client)
                threads.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        lock.withLock { listenFD = -1 }
        close(fd)
    }

    /// Serves requests on one connection until the peer closes it or asks to.
    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while !isStopped {
            // Read up to the end of the headers.
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find(buffer, [13, 10, 13, 10])
                if headerEnd != nil { break }
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
                buffer.append(contentsOf: chunk[0..<n])
                if buffer.count > 1 << 20 { return }
            }
            let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
            buffer.removeFirst(headerEnd! + 4)
            guard var request = Self.parse(head) else {
                write(fd, EmulatorResponse(status: 400, body: Array("bad request".utf8)), keepAlive: false)
                return
            }
            // Discard a request body, if any.
            if let length = request.headers["content-length"].flatMap(Int.init), length > 0 {
                while buffer.count < length {
                    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { return }
                    buffer.append(contentsOf: chunk[0..<n])
                }
                buffer.removeFirst(length)
            }
            request.method = request.method.uppercased()
            let keepAlive = request.headers["connection"]?.lowercased() != "close"
            let response = handler?(request) ?? EmulatorResponse(status: 503, body: [])
            switch response.delivery {
            case .normal:
                guard write(fd, response, keepAlive: keepAlive) else { return }
            case .delayed(let seconds):
                let until = Date().addingTimeInterval(seconds)
                while !isStopped {
                    let left = until.timeIntervalSinceNow
                    if left <= 0 { break }
                    usleep(useconds_t(min(left, 0.02) * 1_000_000))
                }
                guard !isStopped, write(fd, response, keepAlive: keepAlive) else { return }
            case .dropMidBody:
                var partial = response
                partial.body = Array(response.body.prefix(response.body.count / 2))
                _ = write(fd, partial, keepAlive: true, announcedLength: response.body.count)
                return
            }
            if !keepAlive { return }
        }
    }

    @discardableResult
    private func write(_ fd: Int32, _ response: EmulatorResponse, keepAlive: Bool, announcedLength: Int? = nil) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        head += "Content-Length: \(announcedLength ?? response.body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        head += "Server: fluent-support-emulator\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return sendAll(fd, Array(head.utf8)) && sendAll(fd, response.body)
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i + 1] == needle[1] && haystack[i + 2] == needle[2]
                && haystack[i + 3] == needle[3]
            {
                return i
            }
            i += 1
        }
        return nil
    }

    private static func parse(_ head: String) -> EmulatorRequest? {
        var lines = head.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let parts = lines.removeFirst().split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var target = String(parts[1])
        // The absolute form a client sends to a proxy (`GET http://host/path`), which every
        // HTTP/1.1 server must accept: tests point `http_proxy` at the emulator so a site
        // on another host still reaches 127.0.0.1 only.
        if let scheme = target.range(of: "://"), target.hasPrefix("http") {
            let rest = target[scheme.upperBound...]
            target = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if pathPart.count == 2 {
            for pair in pathPart[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(kv[0]).removingPercentEncoding ?? String(kv[0])
                let value =
                    kv.count == 2 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
                query[key] = value
            }
        }
        let path = String(pathPart[0]).removingPercentEncoding ?? String(pathPart[0])
        return EmulatorRequest(method: String(parts[0]), path: path, query: query, headers: headers)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// Why the emulator could not start.
public enum EmulatorError: Error, CustomStringConvertible, Sendable {
    case socket(String, Int32)

    public var description: String {
        switch self {
        case .socket(let call, let code): return "emulator: \(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
