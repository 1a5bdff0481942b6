/// `fsreport extract` (not built yet).
enum ExtractCommand {
    static let spec = CommandSpec(name: "extract", summary: "Fill the snapshot from a Fluent Support site's REST API.", usage: "fsreport extract", options: [])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        throw CLIError.runtime("`fsreport extract` is not available in this build yet")
    }
}
