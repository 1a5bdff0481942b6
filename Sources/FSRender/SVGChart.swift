/// A bar chart as inline SVG: y axis with a readable 1-2-5 scale and gridlines, x axis
/// labels thinned to fit, one hover `<title>` per bar, and `<title>`/`<desc>` for
/// assistive technology. Colours come from the page's CSS (`.chart`, `.s-<series>`), so
/// one chart serves light, dark and print. No `xmlns`: inline SVG in HTML needs none.
struct BarChart {
    struct Bar {
        /// Short axis label, e.g. `Nov 14`.
        var axisLabel: String
        /// Full hover text, e.g. `Sat, Nov 14, 2026: 23 tickets created`.
        var tooltip: String
        var value: Int
        /// Drawn lighter: the period is not complete (today, or cut by the range).
        var partial: Bool
    }

    /// Unique within the page; also prefixes the ids of `<title>` and `<desc>`.
    var id: String
    var title: String
    var summary: String
    /// CSS class suffix choosing the colour: `created`, `resolved`, `responses`.
    var series: String
    var bars: [Bar]
    /// Draw a dashed line at the mean (when bars carry no value labels).
    var showMean = true
    var width = 380
    var height = 200

    /// Approximate advance of one character of the 11px axis font.
    static let charWidth = 6.3

    func render(into out: inout String) {
        var writer = ByteWriter(capacity: 512 + bars.count * 160)
        render(into: &writer)
        out += writer.string
    }

    func render(into out: inout ByteWriter) {
        let scale = NiceScale(max: bars.map(\.value).max() ?? 0)
        let top = 18.0
        let bottom = 22.0
        let left = max(24, Double(DashboardFormat.count(scale.top).count) * Self.charWidth + 10)
        // Room on the right for half of the last (always shown) x label.
        let lastHalf = Double(bars.last?.axisLabel.utf8.count ?? 0) * Self.charWidth / 2
        let roughBand = (Double(width) - left - 6) / Double(max(bars.count, 1))
        let right = max(6, (lastHalf - roughBand / 2 + 2).rounded(.up))
        let plotW = Double(width) - left - right
        let plotH = Double(height) - top - bottom
        let base = top + plotH
        let xEnd = Double(width) - right
        func y(_ v: Double) -> Double { base - v / Double(scale.top) * plotH }
        func hline(_ y: Double, _ cls: StaticString?) {
            out.raw("<line ")
            if let cls {
                out.raw("class=\"")
                out.raw(cls)
                out.raw("\" ")
            }
            out.raw("x1=\"")
            out.coordinate(left)
            out.raw("\" x2=\"")
            out.coordinate(xEnd)
            out.raw("\" y1=\"")
            out.coordinate(y)
            out.raw("\" y2=\"")
            out.coordinate(y)
            out.raw("\"/>")
        }

        out.raw("<svg id=\"")
        out.raw(id)
        out.raw("\" class=\"chart s-")
        out.raw(series)
        out.raw("\" width=\"")
        out.int(width)
        out.raw("\" height=\"")
        out.int(height)
        out.raw("\" viewBox=\"0 0 ")
        out.int(width)
        out.raw(" ")
        out.int(height)
        out.raw("\" role=\"img\" aria-labelledby=\"")
        out.raw(id)
        out.raw("-t ")
        out.raw(id)
        out.raw("-d\"><title id=\"")
        out.raw(id)
        out.raw("-t\">")
        out.text(title)
        out.raw("</title><desc id=\"")
        out.raw(id)
        out.raw("-d\">")
        out.text(summary)
        out.raw("</desc>")

        // Gridlines and y labels.
        out.raw("<g class=\"grid\">")
        for tick in stride(from: 0, through: scale.top, by: scale.step) { hline(y(Double(tick)), nil) }
        out.raw("</g><g class=\"yl\">")
        for tick in stride(from: 0, through: scale.top, by: scale.step) {
            out.raw("<text x=\"")
            out.coordinate(left - 6)
            out.raw("\" y=\"")
            out.coordinate(y(Double(tick)) + 4)
            out.raw("\">")
            out.grouped(tick)
            out.raw("</text>")
        }
        out.raw("</g>")

        // Bars. Each bucket's full-height hit area (one shared rect, placed by <use>)
        // carries the hover title, so thin and empty bars are easy to point at.
        let count = max(bars.count, 1)
        let band = plotW / Double(count)
        let barW = min(band * 0.72, 34)
        let showValues = bars.count <= 14 && bars.contains { $0.value > 0 }
        out.raw("<defs><rect id=\"")
        out.raw(id)
        out.raw("-h\" class=\"h\" y=\"")
        out.coordinate(top)
        out.raw("\" width=\"")
        out.coordinate(band)
        out.raw("\" height=\"")
        out.coordinate(plotH)
        out.raw("\"/></defs><g class=\"bars\">")
        for (i, bar) in bars.enumerated() {
            let x0 = left + band * Double(i)
            out.raw(bar.partial ? "<g class=\"p\"><title>" : "<g><title>")
            out.text(bar.tooltip)
            out.raw("</title><use href=\"#")
            out.raw(id)
            out.raw("-h\" x=\"")
            out.coordinate(x0)
            out.raw("\"/>")
            if bar.value > 0 {
                let h = max(plotH * Double(bar.value) / Double(scale.top), 1.5)
                out.raw("<rect x=\"")
                out.coordinate(x0 + (band - barW) / 2)
                out.raw("\" y=\"")
                out.coordinate(base - h)
                out.raw("\" width=\"")
                out.coordinate(barW)
                out.raw("\" height=\"")
                out.coordinate(h)
                out.raw("\"/>")
                if showValues {
                    out.raw("<text x=\"")
                    out.coordinate(x0 + band / 2)
                    out.raw("\" y=\"")
                    out.coordinate(base - h - 4)
                    out.raw("\">")
                    out.grouped(bar.value)
                    out.raw("</text>")
                }
            }
            out.raw("</g>")
        }
        out.raw("</g>")
        hline(base, "axis")

        // X labels: every k-th bucket counted back from the last, so the latest is always
        // labelled; the first kept inside the chart.
        let widest = Double(bars.map(\.axisLabel.utf8.count).max() ?? 1) * Self.charWidth + 10
        let every = max(1, Int((widest / band).rounded(.up)))
        out.raw("<g class=\"xl\">")
        for (i, bar) in bars.enumerated() where (bars.count - 1 - i) % every == 0 {
            let half = Double(bar.axisLabel.utf8.count) * Self.charWidth / 2
            out.raw("<text x=\"")
            out.coordinate(max(left + band * (Double(i) + 0.5), half + 1))
            out.raw("\" y=\"")
            out.coordinate(Double(height) - 6)
            out.raw("\">")
            out.text(bar.axisLabel)
            out.raw("</text>")
        }
        out.raw("</g>")

        if bars.allSatisfy({ $0.value == 0 }) {
            out.raw("<text class=\"empty\" x=\"")
            out.coordinate(left + plotW / 2)
            out.raw("\" y=\"")
            out.coordinate(top + plotH / 2)
            out.raw("\">Nothing in this range</text>")
        } else if showMean, !showValues, bars.count > 1 {
            let mean = Double(bars.reduce(0) { $0 + $1.value }) / Double(bars.count)
            hline(y(mean), "avg")
        }
        out.raw("</svg>")
    }
}

/// A y axis from 0 to `top` in `step`s of 1, 2 or 5 × 10ⁿ, at most 5 intervals.
struct NiceScale: Equatable {
    var top: Int
    var step: Int

    init(max value: Int, intervals: Int = 5) {
        guard value > 0 else {
            top = 4
            step = 1
            return
        }
        var magnitude = 1
        while true {
            for m in [1, 2, 5] {
                let step = m * magnitude
                let n = (value + step - 1) / step
                if n <= intervals {
                    self.step = step
                    self.top = n * step
                    return
                }
            }
            magnitude *= 10
        }
    }
}
