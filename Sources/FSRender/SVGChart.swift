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
        let scale = NiceScale(max: bars.map(\.value).max() ?? 0)
        let top = 18.0
        let bottom = 22.0
        let left = max(24, Double(DashboardFormat.count(scale.top).count) * Self.charWidth + 10)
        // Room on the right for half of the last (always shown) x label.
        let lastHalf = Double(bars.last?.axisLabel.count ?? 0) * Self.charWidth / 2
        let roughBand = (Double(width) - left - 6) / Double(max(bars.count, 1))
        let right = max(6, (lastHalf - roughBand / 2 + 2).rounded(.up))
        let plotW = Double(width) - left - right
        let plotH = Double(height) - top - bottom
        let base = top + plotH
        func y(_ v: Double) -> Double { base - v / Double(scale.top) * plotH }

        out += "<svg id=\"\(id)\" class=\"chart s-\(series)\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        out += "<title id=\"\(id)-t\">\(htmlEscape(title))</title><desc id=\"\(id)-d\">\(htmlEscape(summary))</desc>"

        // Gridlines and y labels.
        out += "<g class=\"grid\">"
        for tick in stride(from: 0, through: scale.top, by: scale.step) {
            let ty = n(y(Double(tick)))
            out += "<line x1=\"\(n(left))\" x2=\"\(n(Double(width) - right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
        }
        out += "</g><g class=\"yl\">"
        for tick in stride(from: 0, through: scale.top, by: scale.step) {
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(y(Double(tick)) + 4))\">\(DashboardFormat.count(tick))</text>"
        }
        out += "</g>"

        // Bars. Each bucket's full-height hit area (one shared rect, placed by <use>)
        // carries the hover title, so thin and empty bars are easy to point at.
        let count = max(bars.count, 1)
        let band = plotW / Double(count)
        let barW = min(band * 0.72, 34)
        let showValues = bars.count <= 14 && bars.contains { $0.value > 0 }
        out += "<defs><rect id=\"\(id)-h\" class=\"h\" y=\"\(n(top))\" width=\"\(n(band))\" height=\"\(n(plotH))\"/></defs>"
        out += "<g class=\"bars\">"
        for (i, bar) in bars.enumerated() {
            let x0 = left + band * Double(i)
            out += bar.partial ? "<g class=\"p\">" : "<g>"
            out += "<title>\(htmlEscape(bar.tooltip))</title><use href=\"#\(id)-h\" x=\"\(n(x0))\"/>"
            if bar.value > 0 {
                let h = max(plotH * Double(bar.value) / Double(scale.top), 1.5)
                out += "<rect x=\"\(n(x0 + (band - barW) / 2))\" y=\"\(n(base - h))\" width=\"\(n(barW))\" height=\"\(n(h))\"/>"
                if showValues {
                    out += "<text x=\"\(n(x0 + band / 2))\" y=\"\(n(base - h - 4))\">\(DashboardFormat.count(bar.value))</text>"
                }
            }
            out += "</g>"
        }
        out += "</g>"
        out += "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(Double(width) - right))\" y1=\"\(n(base))\" y2=\"\(n(base))\"/>"

        // X labels: every k-th bucket counted back from the last, so the latest is always
        // labelled; the first kept inside the chart.
        let widest = Double(bars.map(\.axisLabel.count).max() ?? 1) * Self.charWidth + 10
        let every = max(1, Int((widest / band).rounded(.up)))
        out += "<g class=\"xl\">"
        for (i, bar) in bars.enumerated() where (bars.count - 1 - i) % every == 0 {
            let half = Double(bar.axisLabel.count) * Self.charWidth / 2
            let center = max(left + band * (Double(i) + 0.5), half + 1)
            out += "<text x=\"\(n(center))\" y=\"\(n(Double(height) - 6))\">\(htmlEscape(bar.axisLabel))</text>"
        }
        out += "</g>"

        if bars.allSatisfy({ $0.value == 0 }) {
            out += "<text class=\"empty\" x=\"\(n(left + plotW / 2))\" y=\"\(n(top + plotH / 2))\">Nothing in this range</text>"
        } else if showMean, !showValues, bars.count > 1 {
            let mean = Double(bars.reduce(0) { $0 + $1.value }) / Double(bars.count)
            let ay = n(y(mean))
            out += "<line class=\"avg\" x1=\"\(n(left))\" x2=\"\(n(Double(width) - right))\" y1=\"\(ay)\" y2=\"\(ay)\"/>"
        }
        out += "</svg>"
    }

    /// A coordinate with at most one decimal.
    func n(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
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
