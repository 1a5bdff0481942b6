import Foundation

extension Extractor {
    /// Runs ``run()`` to completion from synchronous code (the CLI's commands), blocking
    /// the calling thread; the extraction itself runs on the concurrency pool.
    public func runBlocking() throws -> ExtractSummary {
        let outcome = BlockingOutcome()
        let done = DispatchSemaphore(value: 0)
        let extractor = UncheckedBox(self)
        Task {
            do {
                outcome.set(.success(try await extractor.value.run()))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try outcome.get()
    }
}

/// The result handed from the extraction task to the waiting thread.
private final class BlockingOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<ExtractSummary, any Error>?

    func set(_ value: Result<ExtractSummary, any Error>) { lock.withLock { result = value } }
    func get() throws -> ExtractSummary { try lock.withLock { result! }.get() }
}

/// Moves the extractor into the task that runs it; the caller waits and never touches
/// it meanwhile.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
