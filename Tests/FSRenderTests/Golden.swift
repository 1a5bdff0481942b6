import Foundation
import Testing

/// Golden files under `Tests/FSRenderTests/Snapshots/`.
///
/// Re-recording is an explicit opt-in: run with `FSREPORT_RECORD=1` and every compared
/// file is rewritten, and the test fails, so a recording run never passes silently.
/// Review the diff with `git diff Tests/FSRenderTests/Snapshots` and run again without it.
enum Golden {
    static let directory = TestPaths.packageRoot.appendingPathComponent("Tests/FSRenderTests/Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["FSREPORT_RECORD"] == "1" }

    /// Compares `actual` with the golden file `name`, or records it when asked to.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
                return
            }
            Issue.record(
                "recorded \(name); FSREPORT_RECORD=1 always fails: review `git diff`, then run without it",
                sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(url.path); record it with FSREPORT_RECORD=1 swift test --filter FSRenderTests",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let actualURL = TestPaths.artifacts.appendingPathComponent("golden-actual/\(name)")
        try? FileManager.default.createDirectory(at: actualURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: actualURL)
        let message =
            "\(name) differs from its golden file: \(firstDifference(expected, actual)); actual output "
            + "saved to \(actualURL.path) (diff it; re-record with FSREPORT_RECORD=1 if the change is intended)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// `line N: expected "…" but got "…"`.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end of file>"
            let al = i < a.count ? String(a[i]) : "<end of file>"
            if el != al {
                let start = zip(el, al).prefix { $0 == $1 }.count
                let from = max(0, start - 40)
                return "line \(i + 1), column \(start + 1): expected \"\(el.dropFirst(from).prefix(120))\" "
                    + "but got \"\(al.dropFirst(from).prefix(120))\""
            }
        }
        return "they differ"
    }
}
