import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Collects each task's body, enforcing the size cap while it arrives (not after), and
/// refuses redirects so the `Authorization` header never goes to another address.
final class HTTPSessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<(HTTPURLResponse, [UInt8]), any Error>
        var body: [UInt8] = []
        var tooLarge = false
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    private let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func register(
        _ task: URLSessionTask, continuation: CheckedContinuation<(HTTPURLResponse, [UInt8]), any Error>
    ) {
        lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if response.expectedContentLength > Int64(maxBodyBytes) {
            lock.withLock { pending[dataTask.taskIdentifier]?.tooLarge = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let exceeded: Bool = lock.withLock {
            guard var p = pending[dataTask.taskIdentifier] else { return false }
            if p.body.count + data.count > maxBodyBytes {
                p.tooLarge = true
                p.body = []
                pending[dataTask.taskIdentifier] = p
                return true
            }
            pending[dataTask.taskIdentifier] = nil  // avoid a copy on append
            p.body.append(contentsOf: data)
            pending[dataTask.taskIdentifier] = p
            return false
        }
        if exceeded { dataTask.cancel() }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)  // deliver the 3xx itself
    }

    /// URLSession reports failures as `NSError`s of `NSURLErrorDomain`; anything else is
    /// a connection that broke in a way it did not classify.
    static func urlError(_ error: any Error) -> URLError {
        if let e = error as? URLError { return e }
        let ns = error as NSError
        if ns.domain == NSURLErrorDomain, let code = URLError.Code(rawValue: ns.code) { return URLError(code) }
        return URLError(.networkConnectionLost)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let p = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        let url = task.originalRequest?.url?.absoluteString ?? "?"
        if p.tooLarge {
            p.continuation.resume(throwing: ExtractError.bodyTooLarge(url: url, limit: maxBodyBytes))
        } else if let error {
            p.continuation.resume(throwing: Self.urlError(error))
        } else if let response = task.response as? HTTPURLResponse {
            p.continuation.resume(returning: (response, p.body))
        } else {
            p.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }
}
