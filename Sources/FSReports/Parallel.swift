import Dispatch

/// The one way the kernels spread work over the cores: `count` jobs, at once (one thread
/// each, `DispatchQueue.concurrentPerform`) or one after the other, results in job order.
enum Parallel {
    /// `body(0) … body(count − 1)`, concurrently when `concurrently` and `count > 1`.
    /// `body` may read shared state and raw buffers; each job must write only what it returns.
    static func map<T>(_ count: Int, concurrently: Bool = true, _ body: (Int) -> T) -> [T] {
        guard concurrently, count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let results = Results<T>(count: count)
            let job = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: count) { k in results.set(k, job.value(k)) }
            return results.values()
        }
    }

    /// A box per job, each written once by its own job's thread, read after all finished.
    private final class Results<T>: @unchecked Sendable {
        final class Box {
            var value: T?
        }
        private let boxes: [Box]

        init(count: Int) { boxes = (0..<count).map { _ in Box() } }

        func set(_ k: Int, _ value: T) { boxes[k].value = value }

        func values() -> [T] { boxes.map { $0.value! } }
    }
}

/// A value carried into concurrent jobs that only read it, or write disjoint parts of the
/// buffers it holds (raw buffers and closures are not `Sendable`).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
