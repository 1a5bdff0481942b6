import Foundation

extension Extractor {
    /// Runs ``run()`` to completion from synchronous code (the CLI's commands), blocking
    /// the calling thread; the extraction itself runs on the concurrency pool.
    public func runBlocking() throws -> ExtractSummary {
        let extractor = UncheckedBox(self)
        return try blocking { try await extractor.value.run() }
    }
}

extension SiteCheck {
    /// ``run(_:)`` from synchronous code.
    public static func runBlocking(_ options: ExtractOptions) -> SiteCheck {
        // `run` never throws; the `try` only satisfies `blocking`'s signature.
        (try? blocking { await run(options) }) ?? SiteCheck()
    }
}

/// Runs `body` on the concurrency pool and blocks the calling thread until it is done.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            outcome.set(.success(try await body()))
        } catch {
            outcome.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return try outcome.get()
}

/// The result handed from the task to the waiting thread.
private final class BlockingOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() throws -> T { try lock.withLock { result! }.get() }
}

/// Moves the extractor into the task that runs it; the caller waits and never touches
/// it meanwhile.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
