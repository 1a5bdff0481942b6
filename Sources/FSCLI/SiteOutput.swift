import Foundation
import FSColumnar
import FSRender
import FSReports
import FSSnapshot

/// Writes the report files of the publishable site under `<output>/site`, atomically.
enum SiteOutput {
    /// - Returns: the number of files written.
    static func write(snapshot: Snapshot, store: ColumnarStore, now: Int64, outputDirectory: String, env: Environment) throws -> Int {
        let exports: [ReportExport]
        do {
            exports = try Reports.defaultExports(store: store, now: now)
        } catch let error as ReportError {
            throw CLIError.runtime("computing the reports: \(error)")
        }
        var files = 0
        try AtomicWriter.replaceDirectory(at: (outputDirectory as NSString).appendingPathComponent("site")) { site in
            for export in exports {
                let json = ReportJSON.value(export.result, options: .init(includePhotos: false)).serialized()
                try AtomicWriter.write(json, to: "\(site)/api/\(export.path).json")
                let csvName = export.path.replacingOccurrences(of: "/", with: "-")
                try AtomicWriter.write(CSV.render(ReportTable(export.result)), to: "\(site)/csv/\(csvName).csv")
                files += 2
            }
        }
        return files
    }
}
