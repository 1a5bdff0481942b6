import Foundation

/// A bounded hand-off between one producer thread and one consumer: lets the generator
/// build the next batch of rows on the second core while SQLite writes the current one.
final class BatchPipe<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private var producerDone = false

    init(capacity: Int) { self.capacity = capacity }

    /// Producer: waits for room; returns false when the consumer has given up.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Producer: no more items; called once, last.
    func finish() {
        condition.lock()
        closed = true
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item, or nil after the producer finished.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Consumer: stop the producer and wait until it has returned.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}
