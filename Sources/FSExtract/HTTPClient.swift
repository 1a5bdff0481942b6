import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP answer, body already decompressed.
struct HTTPResponse: Sendable {
    var url: URL
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
}

/// GET requests to one site over `URLSession`: Basic auth, `User-Agent`, gzip, a timeout
/// per request, a cap on body size, no redirects (credentials stay with the site named
/// by `--site`), and retries with exponential backoff and jitter for 429, 5xx, timeouts,
/// dropped connections and truncated bodies, honouring `Retry-After`.
final class HTTPClient: Sendable {
    private let session: URLSession
    private let delegate: HTTPSessionDelegate
    private let credentials: Credentials
    private let userAgent: String
    private let timeout: TimeInterval
    private let policy: RetryPolicy
    let stats = HTTPStats()
    /// In-flight limit for concurrent work (ticket details), fed by every answer.
    let pacing: AdaptiveConcurrency

    init(options: ExtractOptions) {
        credentials = options.credentials
        userAgent = options.userAgent
        timeout = options.requestTimeout
        policy = options.retry
        pacing = AdaptiveConcurrency(maximum: options.concurrency)
        delegate = HTTPSessionDelegate(maxBodyBytes: options.maxBodyBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.requestTimeout
        configuration.timeoutIntervalForResource = max(options.requestTimeout * 20, 600)
        configuration.httpMaximumConnectionsPerHost = max(options.concurrency, 1) + 1
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    /// Fetches `url` and decodes the answer, retrying transient failures.
    /// - Parameters:
    ///   - authenticated: send the credentials (the REST index needs none).
    ///   - accept: statuses handed to `decode`; 401/403 not among them stop with
    ///     ``ExtractError/authenticationFailed(url:status:user:serverMessage:)``, other
    ///     statuses retry (429, 5xx) or fail with the status and the body's first bytes.
    ///   - decode: turns an accepted answer into a value. A body that begins like JSON
    ///     but does not parse is taken for a truncated transfer and retried; anything else
    ///     it throws fails at once.
    func fetch<T>(
        _ url: URL, authenticated: Bool = true, accept: Set<Int> = [200],
        decode: (HTTPResponse) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outcome: Outcome<T>
            do {
                let response = try await send(url, authenticated: authenticated)
                outcome = try classify(response, accept: accept, decode: decode)
            } catch let error as URLError {
                if error.code == .cancelled { throw CancellationError() }
                outcome = .retry(reason: Self.describe(error), retryAfter: nil, final: nil)
            }
            switch outcome {
            case .value(let value):
                return value
            case .retry(let reason, let retryAfter, let final):
                let tooLong = retryAfter.map { $0 > policy.maxRetryAfter } ?? false
                guard attempt < policy.maxAttempts, !tooLong else {
                    throw final ?? ExtractError.network(url: url.absoluteString, reason: reason, attempts: attempt)
                }
                stats.retried()
                let wait = policy.delay(retry: attempt, retryAfter: retryAfter)
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            }
        }
    }

    private enum Outcome<T> {
        case value(T)
        /// Worth another attempt; `final` is the error to throw when attempts run out.
        case retry(reason: String, retryAfter: TimeInterval?, final: ExtractError?)
    }

    private func classify<T>(
        _ r: HTTPResponse, accept: Set<Int>, decode: (HTTPResponse) throws -> T
    ) throws -> Outcome<T> {
        let url = r.url.absoluteString
        if (r.status == 401 || r.status == 403) && !accept.contains(r.status) {
            throw ExtractError.authenticationFailed(
                url: url, status: r.status, user: credentials.user, serverMessage: APIDecoder.errorMessage(r.body))
        }
        if accept.contains(r.status) {
            do {
                return .value(try decode(r))
            } catch let failure as JSONScanner.Failure {
                let error = ExtractError.unexpectedBody(
                    url: url, status: r.status, reason: "invalid JSON: \(failure)", bodyPrefix: ExtractError.prefix(r.body))
                // A body that starts like JSON and breaks off is a truncated transfer.
                let first = r.body.first(where: { $0 > 0x20 })
                if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                    return .retry(reason: "truncated JSON (\(failure))", retryAfter: nil, final: error)
                }
                throw error
            } catch let failure as APIDecoder.Failure {
                throw ExtractError.unexpectedBody(
                    url: url, status: r.status, reason: failure.description, bodyPrefix: ExtractError.prefix(r.body))
            }
        }
        let error = ExtractError.httpStatus(url: url, status: r.status, bodyPrefix: ExtractError.prefix(r.body))
        switch r.status {
        case 429, 500...599:
            return .retry(
                reason: "HTTP \(r.status)", retryAfter: RetryPolicy.retryAfter(r.headers["retry-after"]), final: error)
        case 300...399:
            throw ExtractError.redirected(url: url, status: r.status, location: r.headers["location"] ?? "(no Location)")
        default:
            throw error
        }
    }

    /// One attempt.
    private func send(_ url: URL, authenticated: Bool) async throws -> HTTPResponse {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "GET"
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        if authenticated { request.setValue(credentials.authorizationHeader, forHTTPHeaderField: "Authorization") }
        stats.sent()
        let task = session.dataTask(with: request)
        let sent = Date()
        let response: HTTPURLResponse
        let body: [UInt8]
        do {
            (response, body) = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    delegate.register(task, continuation: continuation)
                    task.resume()
                }
            } onCancel: {
                task.cancel()
            }
        } catch let error as URLError where error.code == .timedOut {
            pacing.record(status: nil, seconds: Date().timeIntervalSince(sent))
            throw error
        }
        pacing.record(status: response.statusCode, seconds: Date().timeIntervalSince(sent))
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let k = key as? String, let v = value as? String { headers[k.lowercased()] = v }
        }
        return HTTPResponse(url: url, status: response.statusCode, headers: headers, body: body)
    }

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: return "timed out"
        case .networkConnectionLost: return "connection lost"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS failed (\(error.localizedDescription))"
        default: return error.localizedDescription
        }
    }
}

/// Request and retry counters, shared by concurrent requests.
final class HTTPStats: @unchecked Sendable {
    private let lock = NSLock()
    private var requestCount = 0
    private var retryCount = 0

    func sent() { lock.withLock { requestCount += 1 } }
    func retried() { lock.withLock { retryCount += 1 } }
    var requests: Int { lock.withLock { requestCount } }
    var retries: Int { lock.withLock { retryCount } }
}
