/// `fsreport nightly` (not built yet).
enum NightlyCommand {
    static let spec = CommandSpec(name: "nightly", summary: "The unattended nightly run: extract, reports, dashboard.", usage: "fsreport nightly", options: [])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        throw CLIError.runtime("`fsreport nightly` is not available in this build yet")
    }
}
