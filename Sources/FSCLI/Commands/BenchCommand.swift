/// `fsreport bench` (not built yet).
enum BenchCommand {
    static let spec = CommandSpec(name: "bench", summary: "Benchmark the columnar reports against SQL over the snapshot.", usage: "fsreport bench", options: [])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        throw CLIError.runtime("`fsreport bench` is not available in this build yet")
    }
}
