/// Why the generator refused to write.
public enum GeneratorError: Error, CustomStringConvertible, Sendable {
    /// The snapshot holds rows that did not come from the generator (`meta.source` is
    /// not `demo`): writing would replace a real helpdesk's data.
    case notADemoSnapshot(path: String, source: String?)

    public var description: String {
        switch self {
        case .notADemoSnapshot(let path, let source):
            return "\(path) holds data from \(source.map { "source '\($0)'" } ?? "an unknown source"), "
                + "not from the demo generator; refusing to overwrite it. Pass a different --db "
                + "(the demo defaults to .fsreport/demo.sqlite)"
        }
    }
}
