// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage; data flows one way:
// Extract -> Snapshot -> Columnar -> Reports -> Render, wired by the `fsreport` CLI.
// Every target declares each package module it imports, even one a dependency already brings.
let package = Package(
    name: "fsreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fsreport", targets: ["fsreport"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "FSSnapshot", dependencies: ["CSQLite"]),
        .target(name: "FSExtract", dependencies: ["FSSnapshot"]),
        .target(name: "FSColumnar", dependencies: ["FSSnapshot"]),
        .target(name: "FSReports", dependencies: ["FSColumnar", "FSSnapshot"]),
        .target(name: "FSRender", dependencies: ["FSReports", "FSColumnar", "FSSnapshot"]),
        // Saved SQL queries: the files, their search path, binding and running them
        // read-only, their output, and the privacy check on exports.
        .target(name: "FSQueries", dependencies: ["FSSnapshot", "FSRender"]),
        // The synthetic helpdesk generator: `fsreport demo`, the benchmarks and the tests.
        .target(name: "FSGenerator", dependencies: ["FSSnapshot"]),
        // Test support the product never links: the Fluent Support API emulator (a real HTTP
        // server on 127.0.0.1), used by the tests and the extract benchmarks.
        .target(name: "FSTestSupport", dependencies: ["FSSnapshot", "FSGenerator"], path: "Tests/FSTestSupport"),
        // The command line: parses arguments, wires the stages, maps errors to exit codes.
        // A library so tests can call `FSCLI.main` in-process; `fsreport` is a thin entry point.
        .target(
            name: "FSCLI",
            dependencies: ["FSSnapshot", "FSExtract", "FSColumnar", "FSReports", "FSRender", "FSQueries", "FSGenerator"]
        ),
        .executableTarget(name: "fsreport", dependencies: ["FSCLI"]),
        // Benchmarks (`swift run -c release fsreport-bench [SECTION]`): each figure against a
        // baseline measured in the same run, and every report cross-checked against SQL.
        // Not part of the product binary.
        .executableTarget(
            name: "fsreport-bench",
            dependencies: [
                "FSCLI", "FSSnapshot", "FSExtract", "FSColumnar", "FSReports", "FSRender", "FSGenerator", "FSTestSupport",
            ]),
        .testTarget(name: "FSSnapshotTests", dependencies: ["FSSnapshot", "FSGenerator", "FSTestSupport"]),
        .testTarget(name: "FSGeneratorTests", dependencies: ["FSGenerator", "FSSnapshot", "FSTestSupport"]),
        .testTarget(
            name: "FSExtractTests",
            dependencies: ["FSExtract", "FSSnapshot", "FSGenerator", "FSTestSupport", "FSColumnar", "FSReports"],
            // Real response bodies (shared/samples), read by path.
            exclude: ["Samples"]),
        .testTarget(
            name: "FSColumnarTests", dependencies: ["FSColumnar", "FSSnapshot", "FSGenerator", "FSReports", "FSTestSupport"]),
        .testTarget(
            name: "FSReportsTests",
            dependencies: ["FSReports", "FSRender", "FSColumnar", "FSSnapshot", "FSGenerator", "FSTestSupport"]),
        .testTarget(
            name: "FSRenderTests",
            dependencies: ["FSRender", "FSReports", "FSColumnar", "FSSnapshot", "FSGenerator", "FSTestSupport"]),
        .testTarget(name: "FSQueriesTests", dependencies: ["FSQueries", "FSSnapshot", "FSTestSupport"]),
        // The emulator's own tests; it is read with the extractor's decoder, the client it serves.
        .testTarget(
            name: "FSTestSupportTests", dependencies: ["FSTestSupport", "FSGenerator", "FSSnapshot", "FSExtract"]),
        .testTarget(
            name: "FSCLITests", dependencies: ["FSCLI", "FSSnapshot", "FSGenerator", "FSTestSupport", "FSColumnar", "FSReports"]),
    ],
    swiftLanguageModes: [.v6]
)
