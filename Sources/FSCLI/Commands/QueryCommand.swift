/// `fsreport query` (not built yet).
enum QueryCommand {
    static let spec = CommandSpec(name: "query", summary: "Run a saved SQL query against the snapshot (read-only).", usage: "fsreport query", options: [])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        throw CLIError.runtime("`fsreport query` is not available in this build yet")
    }
}
