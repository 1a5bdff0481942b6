import Foundation

/// How many requests a run keeps in flight, adapted to how the site copes: from the
/// `--concurrency` limit it halves on HTTP 429/503 and timeouts, steps down by one while
/// answers take more than twice as long as the fastest ones seen, and steps back up by
/// one after a round of healthy answers — never above the limit, never below one.
/// A shared WordPress with a handful of PHP workers answers slower, not faster, when
/// pressed harder; backing off keeps the site usable for its people.
final class AdaptiveConcurrency: @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    private var current: Int
    private var lowest: Int
    /// Exponentially weighted mean of recent answer times, and the fastest mean seen.
    private var recent: Double?
    private var fastest: Double?
    private var healthy = 0
    private var sinceChange = 0
    private(set) var backoffs = 0

    init(maximum: Int) {
        self.maximum = max(1, maximum)
        current = self.maximum
        lowest = self.maximum
    }

    /// Requests that may be in flight now.
    var limit: Int { lock.withLock { current } }

    /// The lowest limit this run came down to.
    var lowestLimit: Int { lock.withLock { lowest } }

    /// One answer (or a timeout: `status` nil) that took `seconds`.
    func record(status: Int?, seconds: Double) {
        lock.withLock {
            sinceChange += 1
            let overloaded = status == nil || status == 429 || status == 503
            if overloaded {
                // One step per round of answers: a burst of 429s is one signal.
                if sinceChange >= current || current == maximum {
                    current = max(1, current / 2)
                    backoffs += 1
                    sinceChange = 0
                    healthy = 0
                }
            } else {
                let mean = recent.map { $0 * 0.8 + seconds * 0.2 } ?? seconds
                recent = mean
                fastest = min(fastest ?? mean, mean)
                if let fastest, mean > 2 * fastest, mean - fastest > 0.02 {
                    if sinceChange >= current, current > 1 {
                        current -= 1
                        backoffs += 1
                        sinceChange = 0
                    }
                    healthy = 0
                } else {
                    healthy += 1
                    if healthy >= 2 * current, current < maximum {
                        current += 1
                        healthy = 0
                        sinceChange = 0
                    }
                }
            }
            lowest = min(lowest, current)
        }
    }
}
