import Foundation

/// A progress line on a terminal's stderr (redrawn in place, at most ~10 times a second);
/// silent when stderr is not a terminal, where cron gets one summary line instead.
final class Progress: @unchecked Sendable {
    private let label: String
    private let console: Console
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drew = false
    private let lock = NSLock()

    init(label: String, console: Console) {
        self.label = label
        self.console = console
    }

    func update(done: Int, total: Int?, unit: String = "") {
        guard console.isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || (total != nil && done >= total!) else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\r\(label): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            text += "/\(total) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            if rate > 0, done < total { text += " ETA \(Int(Double(total - done) / rate)) s" }
        }
        text += String(format: " %.0f%@/s", rate, unit.isEmpty ? "" : " \(unit)") + "\u{1B}[K"
        console.write(text)
        drew = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drew { console.write("\r\u{1B}[K") }
    }
}
