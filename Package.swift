// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage; data flows one way:
// Extract -> Snapshot -> Columnar -> Reports -> Render, wired by the `fsreport` CLI.
let package = Package(
    name: "fsreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fsreport", targets: ["fsreport"]),
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
        .target(name: "FSReports", dependencies: ["FSColumnar"]),
        .target(name: "FSRender", dependencies: ["FSReports"]),
        // Synthetic helpdesk generator and the Fluent Support API emulator:
        // used by tests, `fsreport demo` and the benchmarks.
        .target(name: "FSFixtures", dependencies: ["FSSnapshot"]),
        .executableTarget(
            name: "fsreport",
            dependencies: ["FSSnapshot", "FSExtract", "FSColumnar", "FSReports", "FSRender", "FSFixtures"]
        ),
        .testTarget(name: "FSSnapshotTests", dependencies: ["FSSnapshot", "FSFixtures"]),
        .testTarget(name: "FSExtractTests", dependencies: ["FSExtract", "FSSnapshot", "FSFixtures", "FSColumnar", "FSReports"]),
        .testTarget(name: "FSColumnarTests", dependencies: ["FSColumnar", "FSSnapshot", "FSFixtures"]),
        .testTarget(name: "FSReportsTests", dependencies: ["FSReports", "FSColumnar", "FSSnapshot", "FSFixtures"]),
        .testTarget(name: "FSRenderTests", dependencies: ["FSRender", "FSReports", "FSColumnar", "FSSnapshot", "FSFixtures"]),
        .testTarget(name: "fsreportTests", dependencies: ["fsreport", "FSSnapshot", "FSFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
