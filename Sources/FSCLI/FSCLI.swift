import FSSnapshot
import Foundation

/// The `fsreport` command line. `main` takes the arguments (without the program name)
/// and returns the exit code, so tests call it in-process.
public enum FSCLI {
    public static let version = "0.1.0"

    /// Every command: name, spec and entry point.
    static let commands: [(spec: CommandSpec, run: @Sendable (ParsedArguments, Environment) throws -> Int32)] = [
        (CheckCommand.spec, CheckCommand.run),
        (ExtractCommand.spec, ExtractCommand.run),
        (ReportCommand.spec, ReportCommand.run),
        (QueryCommand.spec, QueryCommand.run),
        (ExportCommand.spec, ExportCommand.run),
        (DashboardCommand.spec, DashboardCommand.run),
        (NightlyCommand.spec, NightlyCommand.run),
        (DemoCommand.spec, DemoCommand.run),
    ]

    public static func main(_ arguments: [String], environment: Environment = Environment()) -> Int32 {
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" else {
            environment.stdout.write(help)
            return arguments.isEmpty ? ExitCode.usage : ExitCode.ok
        }
        if first == "--version" {
            environment.stdout.line("fsreport \(version)")
            return ExitCode.ok
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            environment.stderr.line("error: unknown command \"\(first)\"")
            environment.stderr.line(
                "hint: commands are \(commands.map(\.spec.name).joined(separator: ", ")); see `fsreport --help`")
            return ExitCode.usage
        }
        return run(command.spec, command.run, Array(arguments.dropFirst()), environment: environment)
    }

    /// Parses `arguments` for one command, prints its help when asked, runs it and maps its
    /// errors to messages and exit codes: the one path for `fsreport`'s commands and for
    /// other executables of this package built on FSCLI (`fsreport-bench`).
    package static func run(
        _ spec: CommandSpec, _ run: (ParsedArguments, Environment) throws -> Int32, _ arguments: [String],
        environment: Environment
    ) -> Int32 {
        do {
            let parsed = try spec.parse(arguments)
            if parsed.wantsHelp {
                environment.stdout.write(spec.help)
                return ExitCode.ok
            }
            return try run(parsed, environment)
        } catch let error as CLIError {
            report(error, to: environment.stderr)
            return error.exitCode
        } catch {
            report(CLIError.runtime(String(describing: error)), to: environment.stderr)
            return ExitCode.failure
        }
    }

    static func report(_ error: CLIError, to console: Console) {
        console.line("error: \(error.message)")
        if let hint = error.hint { console.line("hint: \(hint)") }
    }

    static var help: String {
        var out = """
            fsreport \(version) — Fluent Support helpdesk reports from a local snapshot.

            USAGE: fsreport <command> [options]

            COMMANDS:

            """
        let width = commands.map(\.spec.name.count).max() ?? 0
        for c in commands {
            out += "  \(c.spec.name)" + String(repeating: " ", count: width - c.spec.name.count + 2) + c.spec.summary + "\n"
        }
        out += """

            Run `fsreport <command> --help` for a command's options.
            Exit codes: 0 ok, 1 runtime failure, 2 usage or bad input, 3 partial success, 4 locked.

            """
        return out
    }
}
