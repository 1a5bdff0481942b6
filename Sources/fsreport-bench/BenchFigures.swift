import FSCLI
import FSColumnar
import FSRender
import FSSnapshot
import Foundation

extension BenchReports {
    /// Everything one `fsreport-bench reports` run measured, as a table or as JSON.
    struct Figures {
        var options: Options
        var generator: GeneratorFigures?
        var store: ColumnarStore
        var rows: Int
        var load: Timing
        var cacheWrite: Double
        var cacheRead: Timing
        var cacheBytes: Int
        var roundTrip: Bool
        var rssGrowth: Int
        var peakAfterLoad: Int
        var peak: Int
        var bandwidth: MemoryBandwidth
        var results: [CaseResult]
        var cold: ColdFigures

        var columnBytesPerConversation: Double { Double(store.byteCount) / Double(max(store.conversationCount, 1)) }
        var coldShare: Double? { cold.sqlite3.map { cold.fsreport.median / $0.median } }

        func text() -> String {
            let s = options.scale
            let cores = ProcessInfo.processInfo.activeProcessorCount
            var out =
                "fsreport-bench — \(BenchFormat.grouped(store.ticketCount)) tickets, "
                + "\(BenchFormat.grouped(store.conversationCount)) conversations, \(BenchFormat.grouped(store.personCount)) persons, "
                + "\(s.agents) agents, \(s.days) days; \(cores) cores\n\n"

            out +=
                "Reports: median of \(options.runs) runs (SQL: \(options.sqlRuns)); "
                + String(
                    format: "bound = bytes a scan of the report's rows reads ÷ %.1f GB/s measured read bandwidth\n",
                    bandwidth.read / 1e9)
            let tableRows = results.map { r -> [String] in
                [
                    r.benchCase.label, r.benchCase.rangeLabel, BenchFormat.duration(r.columnar.median),
                    BenchFormat.duration(r.sql.median), BenchFormat.ratio(r.speedup), BenchFormat.bytes(Double(r.bytes)),
                    BenchFormat.duration(r.bound), BenchFormat.ratio(r.overBound),
                    r.matches ? (r.meetsTargets ? "ok" : "ok, target missed") : "MISMATCH",
                ]
            }
            out += BenchFormat.table(
                ["report", "range", "columnar", "SQL", "SQL/columnar", "bytes", "bound", "columnar/bound", "result"], tableRows)

            out += "\nLoad\n"
            out +=
                "  snapshot → columns    \(BenchFormat.duration(load.median))  "
                + "\(BenchFormat.rate(Double(rows) / load.median)) rows/s (\(BenchFormat.grouped(rows)) rows, median of \(load.samples.count))\n"
            out += "  column cache write    \(BenchFormat.duration(cacheWrite))  \(BenchFormat.bytes(Double(cacheBytes)))\n"
            let readRate = BenchFormat.rate(Double(rows) / cacheRead.median)
            let readBandwidth = String(format: "%.1f GB/s", Double(cacheBytes) / cacheRead.median / 1e9)
            out += "  column cache read     \(BenchFormat.duration(cacheRead.median))  \(readRate) rows/s, \(readBandwidth)"
            out += "; round trip \(roundTrip ? "identical" : "DIFFERS")\n"

            out += "\nMemory\n"
            out +=
                "  columns               \(BenchFormat.bytes(Double(store.byteCount)))  "
                + String(format: "%.1f bytes per conversation (target ≤ 24)\n", columnBytesPerConversation)
            out += "  resident growth of one cache load  \(BenchFormat.bytes(Double(rssGrowth)))\n"
            out +=
                "  peak resident (VmHWM) \(BenchFormat.bytes(Double(peakAfterLoad))) loading the snapshot into columns; "
                + "\(BenchFormat.bytes(Double(peak))) by the end (SQLite's page cache and mapped snapshot included)\n"
            out += String(
                format: "  bandwidth             read %.1f GB/s, copy %.1f GB/s (single thread, %@ buffer)\n",
                bandwidth.read / 1e9, bandwidth.copy / 1e9, BenchFormat.bytes(Double(bandwidth.bufferBytes)))

            out +=
                "\nCold process: agents-summary over \(LocalTime.formatDate(day: cold.range.lowerBound))…"
                + "\(LocalTime.formatDate(day: cold.range.upperBound)), page cache warm\n"
            out +=
                "  fsreport report       \(BenchFormat.duration(cold.fsreport.median))  with the column cache "
                + "(median of \(cold.fsreport.samples.count)); \(BenchFormat.duration(cold.fsreportWithoutCache.median)) without it\n"
            if let sqlite = cold.sqlite3, let share = coldShare {
                out +=
                    "  sqlite3 command line  \(BenchFormat.duration(sqlite.median))  same query, "
                    + "\(cold.sqlite3Rows ?? 0) rows (fsreport: \(cold.expectedRows))\n"
                out += String(format: "  fsreport / sqlite3    %.1f%% (target < 10%%)\n", share * 100)
            } else {
                out += "  sqlite3 command line  not installed\n"
            }

            out += "\nGenerator\n"
            if let g = generator {
                out +=
                    "  \(BenchFormat.rate(g.conversationsPerSecond)) conversation rows/s into the snapshot "
                    + "(\(BenchFormat.grouped(g.conversations)) rows, \(BenchFormat.grouped(g.tickets)) tickets in "
                    + "\(BenchFormat.duration(g.seconds))\(g.bulkLoad ? ", bulk-load mode" : "")"
                    + "\(g.fresh ? "" : "; recorded when the snapshot was generated")) (target ≥ 1 M/s)\n"
                if let memory = g.inMemory {
                    out += "  \(BenchFormat.rate(memory)) conversation rows/s building the same rows in memory only\n"
                }
            } else {
                out += "  not measured (snapshot generated before figures were recorded)\n"
            }

            let missed = results.filter { !$0.meetsTargets }
            out += "\nTargets: "
            out +=
                missed.isEmpty
                ? "every report ≥ 50× faster than SQL and within 3× of its bandwidth bound\n"
                : "missed by " + missed.map { "\($0.benchCase.label) (\($0.benchCase.rangeLabel))" }.joined(separator: ", ")
                    + "\n"
            return out
        }

        func json() -> JSONValue {
            let s = options.scale
            func timing(_ t: Timing) -> JSONValue {
                .object([("median_s", .double(t.median)), ("min_s", .double(t.min)), ("runs", .int(Int64(t.samples.count)))])
            }
            var cold: [(String, JSONValue)] = [
                ("from", .string(LocalTime.formatDate(day: self.cold.range.lowerBound))),
                ("to", .string(LocalTime.formatDate(day: self.cold.range.upperBound))),
                ("fsreport", timing(self.cold.fsreport)), ("fsreport_without_cache", timing(self.cold.fsreportWithoutCache)),
            ]
            if let sqlite = self.cold.sqlite3 {
                cold.append(("sqlite3", timing(sqlite)))
                cold.append(("fsreport_share_of_sqlite3", .double(coldShare ?? .nan)))
            }
            let generator: JSONValue =
                self.generator.map { g in
                    .object([
                        ("seconds", .double(g.seconds)), ("tickets", .int(Int64(g.tickets))),
                        ("conversations", .int(Int64(g.conversations))),
                        ("conversation_rows_per_s", .double(g.conversationsPerSecond)), ("measured_this_run", .bool(g.fresh)),
                        ("bulk_load", .bool(g.bulkLoad)), ("in_memory_rows_per_s", g.inMemory.map { .double($0) } ?? .null),
                    ])
                } ?? .null
            return .object([
                (
                    "scale",
                    .object([
                        ("tickets", .int(Int64(store.ticketCount))), ("conversations", .int(Int64(store.conversationCount))),
                        ("persons", .int(Int64(store.personCount))), ("agents", .int(Int64(s.agents))),
                        ("days", .int(Int64(s.days))),
                        ("seed", .int(Int64(Int(s.seed)))), ("cores", .int(Int64(ProcessInfo.processInfo.activeProcessorCount))),
                    ])
                ),
                (
                    "bandwidth",
                    .object([("read_bytes_per_s", .double(bandwidth.read)), ("copy_bytes_per_s", .double(bandwidth.copy))])
                ),
                ("generator", generator),
                (
                    "load",
                    .object([
                        ("snapshot_to_columns", timing(load)), ("rows", .int(Int64(rows))),
                        ("rows_per_s", .double(Double(rows) / load.median)), ("cache_write_s", .double(cacheWrite)),
                        ("cache_read", timing(cacheRead)), ("cache_bytes", .int(Int64(cacheBytes))),
                        ("cache_round_trip", .bool(roundTrip)),
                    ])
                ),
                (
                    "memory",
                    .object([
                        ("column_bytes", .int(Int64(store.byteCount))),
                        ("column_bytes_per_conversation", .double(columnBytesPerConversation)),
                        ("cache_load_rss_growth_bytes", .int(Int64(rssGrowth))), ("peak_rss_bytes", .int(Int64(peak))),
                        ("peak_rss_after_snapshot_load_bytes", .int(Int64(peakAfterLoad))),
                    ])
                ),
                (
                    "reports",
                    .array(
                        results.map { r in
                            .object([
                                ("report", .string(r.benchCase.label)), ("range", .string(r.benchCase.rangeLabel)),
                                ("columnar", timing(r.columnar)), ("sql", timing(r.sql)),
                                ("sql_over_columnar", .double(r.speedup)),
                                ("bytes", .int(Int64(r.bytes))), ("bound_s", .double(r.bound)),
                                ("columnar_over_bound", .double(r.overBound)),
                                ("matches_sql", .bool(r.matches)), ("meets_targets", .bool(r.meetsTargets)),
                            ])
                        })
                ),
                ("cold_process", .object(cold)),
            ])
        }
    }
}
