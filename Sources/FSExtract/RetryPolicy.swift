import Foundation

/// When and how long to wait before retrying a request that failed in a way worth
/// retrying (429, 5xx, timeouts, dropped connections, truncated bodies).
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts = 6
    /// Backoff before retry `n` (1-based) is `baseDelay * 2^(n-1)`, capped, with full
    /// jitter in its upper half.
    public var baseDelay: TimeInterval = 0.5
    public var maxDelay: TimeInterval = 30
    /// The longest `Retry-After` honoured; a longer one fails the request instead.
    public var maxRetryAfter: TimeInterval = 300

    public init(
        maxAttempts: Int = 6, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30, maxRetryAfter: TimeInterval = 300
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before retry number `retry` (1-based), at least `retryAfter` when the
    /// server asked for it.
    func delay(retry: Int, retryAfter: TimeInterval?) -> TimeInterval {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(0, retry - 1))))
        let jittered = exponential * Double.random(in: 0.5...1.0)
        return max(jittered, retryAfter ?? 0)
    }

    /// Seconds of a `Retry-After` header: delta-seconds or an HTTP-date.
    static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
