/// `fsreport dashboard` (not built yet).
enum DashboardCommand {
    static let spec = CommandSpec(name: "dashboard", summary: "Write the publishable static dashboard site.", usage: "fsreport dashboard", options: [])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        throw CLIError.runtime("`fsreport dashboard` is not available in this build yet")
    }
}
