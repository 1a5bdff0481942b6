import FSReports
import FSSnapshot
import Testing

@testable import FSRender

@Suite struct SVGChartTests {
    @Test(arguments: [
        (0, 4, 1), (1, 1, 1), (3, 3, 1), (5, 5, 1), (6, 6, 2), (9, 10, 2), (10, 10, 2), (11, 15, 5), (23, 25, 5),
        (31, 40, 10), (99, 100, 20), (101, 150, 50), (1234, 1500, 500), (250_001, 300_000, 100_000),
    ])
    func niceScale(max: Int, top: Int, step: Int) {
        let scale = NiceScale(max: max)
        #expect(scale.top == top && scale.step == step)
        #expect(scale.top >= max && scale.top / scale.step <= 5)
    }

    func chart(_ values: [Int], partialLast: Bool = false) -> String {
        let bars = values.enumerated().map { i, v in
            BarChart.Bar(
                axisLabel: "Nov \(i + 1)", tooltip: "Nov \(i + 1): \(v)", value: v, partial: partialLast && i == values.count - 1)
        }
        var out = ""
        BarChart(id: "c", title: "T <&>", summary: "S", series: "created", bars: bars).render(into: &out)
        return out
    }

    @Test func hasSizeAxesTitlesAndOneHoverTitlePerBar() {
        let svg = chart([3, 0, 7, 12, 5])
        #expect(svg.hasPrefix("<svg id=\"c\" class=\"chart s-created\" width=\"380\" height=\"200\" viewBox=\"0 0 380 200\""))
        #expect(svg.contains("<title id=\"c-t\">T &lt;&amp;&gt;</title><desc id=\"c-d\">S</desc>"))
        #expect(svg.components(separatedBy: "<title>").count - 1 == 5)
        #expect(svg.components(separatedBy: "<use ").count - 1 == 5)
        // Zero draws no bar; four filled bars.
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 4)
        // y axis 0…15 by 5 (max 12).
        for tick in ["0", "5", "10", "15"] { #expect(svg.contains(">\(tick)</text>")) }
        #expect(svg.contains("class=\"axis\""))
    }

    @Test func thinsAxisLabelsButAlwaysLabelsTheLatestBucket() {
        let svg = chart(Array(repeating: 4, count: 31))
        let labels = svg.components(separatedBy: "<g class=\"xl\">")[1].components(separatedBy: "</g>")[0]
        let count = labels.components(separatedBy: "<text").count - 1
        #expect(count > 3 && count < 12)
        #expect(labels.contains(">Nov 31</text>"))
    }

    @Test func marksPartialBucketsAndEmptyCharts() {
        #expect(chart([1, 2], partialLast: true).contains("<g class=\"p\"><title>Nov 2: 2</title>"))
        let empty = chart([0, 0, 0])
        #expect(empty.contains("Nothing in this range"))
        #expect(!empty.contains("<rect x="))
    }

    @Test func weekAndMonthBucketsCoverTheirSpans() {
        let from = LocalTime.parseDate("2026-08-23")!
        let to = LocalTime.parseDate("2026-11-20")!
        let weeks = Series(
            interval: .week, from: from, to: to, labels: Array(repeating: "", count: 13), counts: Array(repeating: 0, count: 13)
        ).buckets
        #expect(weeks.count == 13)
        #expect(weeks.first == SeriesBucket(first: from, last: from + 6, hour: nil, isCut: false))
        #expect(weeks.last == SeriesBucket(first: from + 84, last: to, hour: nil, isCut: true))
        let months = Series(
            interval: .month, from: from, to: to, labels: Array(repeating: "", count: 4), counts: Array(repeating: 0, count: 4)
        ).buckets
        #expect(months.map { LocalTime.formatDate(day: $0.first) } == ["2026-08-23", "2026-09-01", "2026-10-01", "2026-11-01"])
        #expect(months.map(\.isCut) == [true, false, false, true])
    }

    @Test(arguments: [
        ("2026-03-04", "2026-02-26", "2026-02-03", "2025-12-05", "2026-03-01"),
        ("2026-01-01", "2025-12-26", "2025-12-03", "2025-10-04", "2026-01-01"),
        ("2024-02-29", "2024-02-23", "2024-01-31", "2023-12-02", "2024-02-01"),
    ])
    func presetsEndTodayAndIncludeIt(today: String, week: String, month: String, quarter: String, mtd: String) {
        let now = LocalTime.parseDate(today)! * 86_400 + 3600
        let presets = DashboardPreset.all(now: now)
        #expect(presets.map(\.id) == ["last-7-days", "last-30-days", "last-90-days", "month-to-date"])
        #expect(presets.allSatisfy { LocalTime.formatDate(day: $0.to) == today })
        #expect(presets.map { LocalTime.formatDate(day: $0.from) } == [week, month, quarter, mtd])
        #expect(presets.map(\.days).prefix(3) == [7, 30, 90])
    }

    @Test func formats() {
        #expect(
            DashboardFormat.count(0) == "0" && DashboardFormat.count(1234567) == "1,234,567"
                && DashboardFormat.count(999) == "999")
        #expect(
            DashboardFormat.decimal(28.76) == "28.8" && DashboardFormat.decimal(28) == "28"
                && DashboardFormat.decimal(0.04) == "0")
        #expect(
            DashboardFormat.compactDuration(1_340_447) == "15d 12h" && DashboardFormat.compactDuration(3 * 3600 + 300) == "3h 5m")
        #expect(DashboardFormat.compactDuration(45) == "45s" && DashboardFormat.compactDuration(86_400) == "1d")
        let d = LocalTime.parseDate("2026-11-14")!
        #expect(DashboardFormat.dayWithWeekday(d) == "Sat, Nov 14, 2026")
        #expect(DashboardFormat.range(d - 23, d) == "Oct 22 – Nov 14, 2026")
        #expect(DashboardFormat.range(d - 5, d) == "Nov 9 – 14, 2026")
        #expect(
            DashboardFormat.range(LocalTime.parseDate("2025-12-28")!, LocalTime.parseDate("2026-01-03")!)
                == "Dec 28, 2025 – Jan 3, 2026")
        #expect(DashboardFormat.initials(firstName: "Michael ", lastName: "Torres") == "MT")
        #expect(DashboardFormat.initials(firstName: "Lucía", lastName: nil) == "Lu")
        #expect(DashboardFormat.initials(firstName: " ", lastName: nil) == "?")
        #expect(DashboardFormat.initials(firstName: "Tom & Jerry", lastName: nil) == "TJ")
        #expect(DashboardFormat.initials(firstName: "Mary Ann", lastName: "van der Berg") == "MB")
        #expect(DashboardFormat.initials(firstName: "<b>", lastName: "&") == "?")
        #expect(DashboardFormat.displayName(id: 7, firstName: nil, lastName: "") == "Agent #7")
        #expect(DashboardFormat.displayName(id: 7, firstName: "Michael ", lastName: "Torres") == "Michael Torres")
    }
}
