import FSReports

extension SitePaths {
    /// A preset's backlog body, e.g. `api/ranges/last-30-days/reports/backlog.json`.
    static func backlogJSON(_ preset: DashboardPreset) -> String { "api/ranges/\(preset.id)/reports/backlog.json" }

    /// Its CSV, e.g. `csv/last-30-days-backlog.csv`.
    static func backlogCSV(_ preset: DashboardPreset) -> String { "csv/\(preset.id)-backlog.csv" }
}

extension SiteWriter {
    /// Each preset's backlog as JSON (`fsreport report backlog`'s body) and CSV, with
    /// manifest entries. The plugin has no such endpoint: `endpoint` is empty.
    static func backlogPart(_ data: DashboardData) -> Part {
        var part = Part(files: [])
        for range in data.ranges {
            guard let backlog = range.backlog else { continue }
            let preset = range.preset
            let json = SitePaths.backlogJSON(preset)
            let csv = SitePaths.backlogCSV(preset)
            let table = BacklogOutput.table(backlog)
            part.files.append(File(path: json, contents: BacklogOutput.json(backlog).serialized()))
            part.files.append(File(path: csv, contents: CSV.render(table)))
            let (from, to) = (DashboardCalendar.iso(preset.from), DashboardCalendar.iso(preset.to))
            part.entries.append(
                SiteManifest.File(
                    json: json, csv: csv, report: "backlog", endpoint: "", query: [("from", from), ("to", to)], from: from,
                    to: to, rows: table.rows.count))
        }
        return part
    }
}
