import EvidentCheck
import EvidentModel
import EvidentSupport
import Foundation

/// The trend chart of an objective page (SPEC 6): an inline SVG of the measured values per period,
/// the target and tolerance as dashed lines, and a legend. Each value's status is told by the
/// marker's shape and by its colour, so the chart reads in grey print and for colour-blind readers;
/// `<title>` and `<desc>` give screen readers the same facts as text.
///
/// No `style` attribute anywhere (the site's CSP is `style-src 'self'`): colours are presentation
/// attributes the theme may override through the `chart-*` classes.
enum TrendChart {
    static func svg(series: [CheckModel.PeriodValue], target: Threshold?, tolerance: Threshold?,
                           unit: String?, title: String, idPrefix: String,
                           isDue: (Period) -> Bool = { _ in true }) -> String {
        svgText(series: series, target: target, tolerance: tolerance, unit: unit, title: title, idPrefix: idPrefix, isDue: isDue).text
    }

    /// `svg(…)` as UTF-8 bytes, for a page made from bytes.
    /// `isDue` tells the periods that are due (SPEC 4.1): the latest value of a later period is
    /// described as not yet due, since the page's latest result does not count it.
    static func svgText(series: [CheckModel.PeriodValue], target: Threshold?, tolerance: Threshold?,
                        unit: String?, title: String, idPrefix: String,
                        isDue: (Period) -> Bool = { _ in true }) -> TextBuffer {
        let unit = unit.flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed }
        let points = series.map {
            Point(period: $0.period, value: $0.value.flatMap { $0.isFinite ? $0 : nil }, status: $0.status,
                  judgement: $0.judgement.isCurrent ? nil : $0.judgement, written: $0.measurement.valueText)
        }
        guard !points.isEmpty else {
            let description = Self.description(points, target: target, tolerance: tolerance, unit: unit, isDue: isDue)
            return empty(title: title, description: description, idPrefix: idPrefix)
        }
        let chart = Drawing(points: points, target: target, tolerance: tolerance, unit: unit)
        // The thresholds the lines show, as the legend names them.
        let description = Self.description(points, target: chart.lineThresholds.target, tolerance: chart.lineThresholds.tolerance,
                                           unit: unit, isDue: isDue, earlier: chart.isStepped ? Array(chart.steps.dropLast()) : [])
        return chart.render(title: title, description: description, idPrefix: idPrefix)
    }

    struct Point {
        var period: Period
        var value: Double?
        var status: ValueStatus
        /// The thresholds the value was judged against; nil draws the objective's current ones.
        var judgement: CheckModel.Judgement? = nil
        /// The value's cell, shown where it is another decimal than the value's shortest form.
        var written: String? = nil
    }

    // MARK: palette

    /// Dark enough for 3:1 contrast on white and for grey print; the shapes carry the meaning anyway.
    enum Colour {
        static let text: StaticString = "#1f2328"
        static let muted: StaticString = "#57606a"
        static let grid: StaticString = "#d8dee4"
        static let axis: StaticString = "#57606a"
        static let line: StaticString = "#0a58a8"
        static let onTarget: StaticString = "#1a7f37"
        static let withinTolerance: StaticString = "#9a6700"
        static let offTarget: StaticString = "#c4232e"
        static let unassessed: StaticString = "#57606a"
        static let target: StaticString = "#1f2328"
        static let tolerance: StaticString = "#57606a"
    }

    static let fontFamily: StaticString = "system-ui, -apple-system, &#39;Segoe UI&#39;, Roboto, &#39;Helvetica Neue&#39;, Arial, sans-serif"

    // MARK: text alternative

    /// "18 values from 2025-05 to 2026-10: 15 on target, 2 within tolerance, 1 off target (2025-07);
    /// latest 3.3 h (2026-10) on target; target ≤ 4 h, tolerance ≤ 6 h; from 2025-05 to 2026-01
    /// target ≤ 6 h; 1 known gap." What a sighted reader sees: which periods the red triangles mark,
    /// and the earlier steps of the threshold lines (`earlier`, the runs before the last).
    static func description(_ points: [Point], target: Threshold?, tolerance: Threshold?, unit: String?,
                            isDue: (Period) -> Bool = { _ in true }, earlier: [Drawing.Run] = []) -> String {
        var parts: [String] = []
        // Counted in one pass, not by filtering the points once per status.
        var valuedCount = 0, onTarget = 0, withinTolerance = 0, offTarget = 0
        var offTargetPeriods: [Period] = []
        var latestValued: Point?
        var offScale = false
        for point in points {
            guard let value = point.value else { continue }
            offScale = offScale || value.magnitude > Scale.limit
            valuedCount += 1
            latestValued = point
            switch point.status {
            case .onTarget: onTarget += 1
            case .withinTolerance: withinTolerance += 1
            case .offTarget: offTarget += 1; offTargetPeriods.append(point.period)
            case .noData: break
            }
        }
        if let first = points.first, let last = points.last {
            var head = valuedCount == 1 ? "1 value" : "\(valuedCount) values"
            head += first.period == last.period ? " for \(first.period)" : " from \(first.period) to \(last.period)"
            var counts: [String] = []
            for (status, n) in [(ValueStatus.onTarget, onTarget), (.withinTolerance, withinTolerance), (.offTarget, offTarget)] where n > 0 {
                counts.append("\(n) \(status.label.lowercased())")
            }
            // The periods off target, the latest few when there are many.
            if offTarget > 0 {
                let named = offTargetPeriods.suffix(Self.offTargetPeriodsNamed).map(\.description).joined(separator: ", ")
                counts[counts.count - 1] += offTarget > Self.offTargetPeriodsNamed
                    ? " (the latest \(Self.offTargetPeriodsNamed): \(named))" : " (\(named))"
            }
            if !counts.isEmpty, valuedCount > 1 { head += ": " + counts.joined(separator: ", ") }
            parts.append(head)
            if let latest = latestValued, let v = latest.value {
                var text = "latest \(quantity(v, unit, written: latest.written)) (\(latest.period)\(isDue(latest.period) ? "" : ", not yet due"))"
                if latest.status != .noData { text += " " + latest.status.label.lowercased() }
                parts.append(text)
            }
            if last.value == nil { parts.append("no value for \(last.period)") }
        } else {
            parts.append("No measurements yet")
        }
        var lines: [String] = []
        if let target { lines.append("target \(threshold(target, unit))") }
        if let tolerance { lines.append("tolerance \(threshold(tolerance, unit))") }
        if target == nil { lines.append("no target set") }
        parts.append(lines.joined(separator: ", "))
        for run in earlier {
            let first = points[run.first].period, last = points[run.last].period
            var text = first == last ? "for \(first)" : "from \(first) to \(last)"
            var set: [String] = []
            if let t = run.target { set.append("target \(threshold(t, unit))") }
            if let t = run.tolerance { set.append("tolerance \(threshold(t, unit))") }
            text += set.isEmpty ? " no target" : " " + set.joined(separator: ", ")
            parts.append(text)
        }
        let gaps = points.filter { $0.value == nil }.count
        if gaps > 0 { parts.append(gaps == 1 ? "1 known gap" : "\(gaps) known gaps") }
        if offScale { parts.append("values beyond ±\(ChartText.number(Scale.limit)) are drawn at the edge of the scale") }
        return parts.joined(separator: "; ") + "."
    }

    /// How many periods off target the description names.
    static let offTargetPeriodsNamed = 6

    /// A value in full, as the values table writes it: never rounded, so that 99.9985 is not
    /// called "99.999, off target" beside a target of 99.999.
    static func quantity(_ v: Double, _ unit: String?, written: String? = nil) -> String {
        ChartText.value(v, written: written) + (unit.map { " " + BidiText.isolatedName($0) } ?? "")
    }

    /// "≤ 99.9995 %": the threshold's number as written, never rounded.
    static func threshold(_ t: Threshold, _ unit: String?) -> String {
        symbol(t.comparator) + " " + t.numberDescription + ((t.unit ?? unit).map { " " + BidiText.isolatedName($0) } ?? "")
    }

    static func symbol(_ c: Threshold.Comparator) -> String {
        switch c {
        case .atLeast: "≥"
        case .above: ">"
        case .atMost: "≤"
        case .below: "<"
        case .equal: "="
        }
    }

    // MARK: empty

    static func empty(title: String, description: String, idPrefix: String) -> TextBuffer {
        let width = 720, height = 72
        var out = TextBuffer(capacity: 1_024)
        openSVG(&out, width: width, height: height, title: title, description: description, idPrefix: idPrefix,
                extraClass: "chart-empty")
        out.append("<rect x=\"0.5\" y=\"0.5\" width=\"\(width - 1)\" height=\"\(height - 1)\" rx=\"4\" fill=\"none\" stroke=\"\(Colour.grid)\" class=\"chart-frame\"/>")
        out.append("<text x=\"\(width / 2)\" y=\"\(height / 2 + 5)\" text-anchor=\"middle\" font-size=\"14\" fill=\"\(Colour.muted)\" class=\"chart-empty-text\">No measurements yet</text>")
        out += "</svg>"
        return out
    }

    static func openSVG(_ out: inout TextBuffer, width: Int, height: Int, title: String, description: String,
                        idPrefix: String, extraClass: String? = nil) {
        // Appended piece by piece, as all of the chart, without an interpolated string between.
        let prefix = ChartText.escape(idPrefix)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend-chart"
        if let extraClass {
            out += " "
            out.append(extraClass)
        }
        out += "\" role=\"img\" aria-labelledby=\""
        out.append(prefix)
        out += "-title "
        out.append(prefix)
        out += "-desc\" viewBox=\"0 0 "
        out.append(String(width))
        out += " "
        out.append(String(height))
        out += "\" width=\""
        out.append(String(width))
        out += "\" height=\""
        out.append(String(height))
        out += "\" font-family=\""
        out += fontFamily
        out += "\" font-size=\"12\"><title id=\""
        out.append(prefix)
        out += "-title\">"
        ChartText.escape(title, into: &out)
        out += "</title><desc id=\""
        out.append(prefix)
        out += "-desc\">"
        ChartText.escape(description, into: &out)
        out += "</desc>"
    }
}

extension TrendChart {
    /// The geometry and drawing of one non-empty chart.
    struct Drawing {
        let points: [Point]
        let target: Threshold?
        let tolerance: Threshold?
        let unit: String?

        static let width = 720.0
        static let plotHeight = 200.0
        static let rightMargin = 76.0
        static let bottomMargin = 40.0
        /// Horizontal padding inside the plot so the first and last markers clear the axes.
        static let inset = 14.0

        /// Position of each period on the time axis: consecutive periods are one slot apart, so a
        /// period with no row at all leaves a visible hole instead of squeezing the line.
        let slots: [Int]
        let firstSlot: Int
        let lastSlot: Int
        let kind: PeriodKind
        let scale: Scale
        let left: Double
        let top: Double
        let legend: [LegendItem]
        let legendRows: [[Int]]
        /// `Drawing.steps` of the points.
        let steps: [Run]
        /// Whether the thresholds changed within the chart: then they are drawn as stepped lines.
        let isStepped: Bool
        /// The thresholds of the lines at the right edge, which the legend and the description name.
        let lineThresholds: (target: Threshold?, tolerance: Threshold?)
        /// The unit as the markers' titles write it, escaped once per chart.
        let escapedUnit: String?
        /// Whether the unit fits over the tick labels; a longer one is written from the left edge.
        let unitFits: Bool
        /// The widest margin a unit may give the tick labels (about 15 characters).
        static let widestUnitMargin = 120.0

        init(points: [Point], target: Threshold?, tolerance: Threshold?, unit: String?) {
            self.points = points
            self.target = target
            self.tolerance = tolerance
            self.unit = unit
            escapedUnit = unit.map { ChartText.escape($0) }
            kind = points.first?.period.kind ?? .month
            slots = points.map { Drawing.slot(of: $0.period) }
            firstSlot = slots.min() ?? 0
            lastSlot = slots.max() ?? 0
            var numbers = points.compactMap(\.value)
            if let target { numbers.append(target.number) }
            if let tolerance { numbers.append(tolerance.number) }
            for point in points {
                if let t = point.judgement?.target { numbers.append(t.number) }
                if let t = point.judgement?.tolerance { numbers.append(t.number) }
            }
            let scale = Scale(numbers, ceiling: unit == "%" ? 100 : nil)
            self.scale = scale
            // Ticks are ASCII (digits, `-`, `.`): their bytes are their characters.
            let widestTick = scale.labels.map(\.utf8.count).max() ?? 1
            // A short unit stands right-aligned over the tick labels, widening their margin a
            // little; a long one starts at the chart's left edge instead, so the plot keeps its width.
            let unitWidth = Double(unit?.count ?? 0) * 7 + 16
            unitFits = unitWidth <= Drawing.widestUnitMargin
            left = max(44, Double(widestTick) * 7 + 16, unitFits ? unitWidth : 0)
            steps = Drawing.steps(points, target: target, tolerance: tolerance)
            isStepped = steps.count > 1 || steps.first.map { $0.target != target || $0.tolerance != tolerance } ?? false
            // The legend names the lines as drawn at the right edge, as their labels do: with a change
            // that applies after the last period, that is the earlier version's, not the current one.
            lineThresholds = isStepped ? (steps.last?.target, steps.last?.tolerance) : (target, tolerance)
            legend = Drawing.legendItems(points: points, target: target, tolerance: tolerance, lines: lineThresholds, unit: unit)
            legendRows = Drawing.wrap(legend, from: 8, to: Drawing.width - 8)
            top = 12 + Double(legendRows.count) * 20 + 28
        }

        var plotLeft: Double { left }
        var plotRight: Double { Drawing.width - Drawing.rightMargin }
        var plotBottom: Double { top + Drawing.plotHeight }
        var height: Double { plotBottom + Drawing.bottomMargin }

        func x(_ slot: Int) -> Double {
            let span = lastSlot - firstSlot
            guard span > 0 else { return (plotLeft + plotRight) / 2 }
            return plotLeft + Drawing.inset
                + Double(slot - firstSlot) / Double(span) * (plotRight - plotLeft - 2 * Drawing.inset)
        }

        /// A value beyond the scale (only past ±`Scale.limit`) is drawn at its edge, and its marker says so.
        func y(_ value: Double) -> Double {
            let value = min(max(value, scale.low), scale.high)
            return plotBottom - (value - scale.low) / (scale.high - scale.low) * Drawing.plotHeight
        }

        func render(title: String, description: String, idPrefix: String) -> TextBuffer {
            var out = TextBuffer(capacity: 4_096 + points.count * 260)
            TrendChart.openSVG(&out, width: Int(Drawing.width), height: Int(height.rounded(.up)), title: title,
                               description: description, idPrefix: idPrefix)
            drawToleranceBand(&out)
            drawGrid(&out)
            drawXAxis(&out)
            drawThresholds(&out)
            drawGaps(&out)
            drawLine(&out)
            drawMarkers(&out)
            drawLegend(&out)
            out += "</svg>"
            return out
        }

        // MARK: axes

        /// `<line x1=… y1=… x2=… y2=…/>` from coordinates already formatted.
        func line(_ x1: String, _ y1: String, _ x2: String, _ y2: String, _ out: inout TextBuffer) {
            out += "<line x1=\""
            out.append(x1)
            out += "\" y1=\""
            out.append(y1)
            out += "\" x2=\""
            out.append(x2)
            out += "\" y2=\""
            out.append(y2)
            out += "\"/>"
        }

        func drawGrid(_ out: inout TextBuffer) {
            out += "<g class=\"chart-grid\" stroke=\""
            out += Colour.grid
            out += "\" stroke-width=\"1\">"
            let left = n(plotLeft), right = n(plotRight), labelX = n(plotLeft - 8)
            for tick in scale.ticks {
                let ty = n(y(tick))
                line(left, ty, right, ty, &out)
            }
            out += "</g><g class=\"chart-tick-label chart-y-label\" fill=\""
            out += Colour.muted
            out += "\" text-anchor=\"end\">"
            for (tick, label) in zip(scale.ticks, scale.labels) {
                out += "<text x=\""
                out.append(labelX)
                out += "\" y=\""
                put(y(tick) + 4, &out)
                out += "\">"
                out.append(label)
                out += "</text>"
            }
            out += "</g>"
            if let unit {
                out += "<text class=\"chart-unit\" x=\""
                out.append(unitFits ? labelX : "8")
                out += "\" y=\""
                put(top - 14, &out)
                out += unitFits ? "\" text-anchor=\"end\" fill=\"" : "\" text-anchor=\"start\" fill=\""
                out += Colour.muted
                out += "\">"
                ChartText.escape(Drawing.fitted(unit), into: &out)
                out += "</text>"
            }
        }

        /// The unit cut to the chart's width with "…" (the legend and the description give it whole).
        static func fitted(_ unit: String) -> String {
            let room = Int((width - 16) / 7)
            return unit.count <= room ? unit : String(unit.prefix(room - 1)) + "…"
        }

        func drawXAxis(_ out: inout TextBuffer) {
            let base = n(plotBottom)
            out += "<g class=\"chart-axis\" stroke=\""
            out += Colour.axis
            out += "\" stroke-width=\"1\">"
            line(n(plotLeft), base, n(plotRight), base, &out)
            let labelled = labelSlots()
            let tickEnd = n(plotBottom + 5), labelY = n(plotBottom + 19)
            for slot in labelled {
                let lx = n(x(slot))
                line(lx, base, lx, tickEnd, &out)
            }
            out += "</g><g class=\"chart-tick-label chart-x-label\" fill=\""
            out += Colour.muted
            out += "\" text-anchor=\"middle\">"
            for slot in labelled {
                out += "<text x=\""
                put(x(slot), &out)
                out += "\" y=\""
                out.append(labelY)
                out += "\">"
                Drawing.period(ofSlot: slot, kind: kind)?.write(into: &out)
                out += "</text>"
            }
            out += "</g>"
        }

        /// Every k-th period, k chosen so that labels never overlap, aligned on round positions
        /// (quarters and years for months) so that the labels read as a calendar.
        func labelSlots() -> [Int] {
            let span = lastSlot - firstSlot
            guard span > 0 else { return [firstSlot] }
            let labelWidth = Double(Drawing.labelLength(kind)) * 7 + 14
            let slotWidth = (plotRight - plotLeft - 2 * Drawing.inset) / Double(span)
            var every = 1
            for k in Drawing.labelSteps(kind) where Double(k) * slotWidth >= labelWidth {
                every = k
                break
            }
            if Double(every) * slotWidth < labelWidth { every = Int((labelWidth / slotWidth).rounded(.up)) }
            var out: [Int] = []
            var s = Drawing.ceilDiv(firstSlot, every) * every
            while s <= lastSlot, out.count < 200 {
                out.append(s)
                s += every
            }
            // With few periods an aligned position may miss the data entirely; label the ends instead.
            if out.isEmpty { out = [firstSlot] }
            return out
        }

        static func labelLength(_ kind: PeriodKind) -> Int {
            switch kind {
            case .day: 10
            case .week: 8
            case .month, .quarter, .half: 7
            case .year: 4
            }
        }

        static func labelSteps(_ kind: PeriodKind) -> [Int] {
            switch kind {
            case .day: [1, 2, 7, 14, 28, 91, 182, 364, 728, 1820, 3640]
            case .week: [1, 2, 4, 13, 26, 52, 104, 260, 520]
            case .month: [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]
            case .quarter: [1, 2, 4, 8, 20, 40, 80, 200, 400]
            case .half: [1, 2, 4, 10, 20, 40, 100, 200]
            case .year: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            }
        }

        // MARK: target and tolerance

        typealias Run = (first: Int, last: Int, target: Threshold?, tolerance: Threshold?)

        /// Runs of consecutive points judged against the same thresholds, in order: one run, with
        /// the current thresholds, unless a history entry's thresholds applied to some periods.
        static func steps(_ points: [Point], target: Threshold?, tolerance: Threshold?) -> [Run] {
            var runs: [Run] = []
            for (index, point) in points.enumerated() {
                // Judged by the same judgement as the point before (both by the current thresholds:
                // none): in its run, without copying and comparing the thresholds.
                if index > 0, point.judgement === points[index - 1].judgement {
                    runs[runs.count - 1].last = index
                    continue
                }
                let t = point.judgement.map { ($0.target, $0.tolerance) } ?? (target, tolerance)
                if let last = runs.last, last.target == t.0, last.tolerance == t.1 {
                    runs[runs.count - 1].last = index
                } else {
                    runs.append((index, index, t.0, t.1))
                }
            }
            return runs
        }

        /// The band between target and tolerance, lightly shaded: values in it are within tolerance.
        func drawToleranceBand(_ out: inout TextBuffer) {
            guard !isStepped, let target, let tolerance, let up = target.comparator.higherIsBetter,
                  tolerance.comparator.higherIsBetter == up, target.number != tolerance.number else { return }
            let y1 = y(target.number), y2 = y(tolerance.number)
            out += "<rect class=\"chart-tolerance-band\" x=\""
            put(plotLeft, &out)
            out += "\" y=\""
            put(min(y1, y2), &out)
            out += "\" width=\""
            put(plotRight - plotLeft, &out)
            out += "\" height=\""
            put(abs(y2 - y1), &out)
            out += "\" fill=\""
            out += Colour.withinTolerance
            out += "\" fill-opacity=\"0.08\"/>"
        }

        /// Each threshold as a stepped line: level across each run's periods, a vertical step half
        /// way between two runs' periods, broken where a run has none.
        func drawSteppedThresholds(_ out: inout TextBuffer) {
            let runs = steps
            func edge(_ a: Int, _ b: Int) -> Double { (x(slots[a]) + x(slots[b])) / 2 }
            for isTarget in [false, true] {
                var line: [(Double, Double)] = []
                func flush() {
                    guard line.count >= 2 else { line = []; return }
                    out += isTarget ? "<polyline class=\"chart-threshold chart-target\" points=\"" : "<polyline class=\"chart-threshold chart-tolerance\" points=\""
                    for (i, p) in line.enumerated() {
                        if i > 0 { out += " " }
                        put(p.0, &out)
                        out += ","
                        put(p.1, &out)
                    }
                    out += "\" fill=\"none\" stroke=\""
                    out += isTarget ? Colour.target : Colour.tolerance
                    out += isTarget ? "\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>" : "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
                    line = []
                }
                for (n, run) in runs.enumerated() {
                    guard let t = isTarget ? run.target : run.tolerance else { flush(); continue }
                    let from = n == 0 ? plotLeft : edge(runs[n - 1].last, run.first)
                    let to = n == runs.count - 1 ? plotRight : edge(run.last, runs[n + 1].first)
                    line.append((from, y(t.number)))
                    line.append((to, y(t.number)))
                }
                flush()
            }
        }

        func drawThresholds(_ out: inout TextBuffer) {
            if isStepped { drawSteppedThresholds(&out) }
            var labels: [(y: Double, isTarget: Bool)] = []
            // The labels name the thresholds at the right edge: the last run's.
            let (lastTarget, lastTolerance) = isStepped ? (steps.last?.target, steps.last?.tolerance) : (target, tolerance)
            if let tolerance = lastTolerance {
                let ty = y(tolerance.number)
                if !isStepped { Drawing.thresholdLine(isTarget: false, from: plotLeft, to: plotRight, y: ty, into: &out) }
                labels.append((ty, false))
            }
            if let target = lastTarget {
                let ty = y(target.number)
                if !isStepped { Drawing.thresholdLine(isTarget: true, from: plotLeft, to: plotRight, y: ty, into: &out) }
                labels.append((ty, true))
            }
            // Two labels closer than a line of text are pushed apart around their midpoint.
            if labels.count == 2, abs(labels[0].y - labels[1].y) < 14 {
                let mid = (labels[0].y + labels[1].y) / 2
                let upper = labels[0].y < labels[1].y || (labels[0].y == labels[1].y && labels[0].isTarget) ? 0 : 1
                labels[upper].y = mid - 7
                labels[1 - upper].y = mid + 7
            }
            for label in labels {
                out += label.isTarget ? "<text class=\"chart-threshold-label chart-target\" x=\"" : "<text class=\"chart-threshold-label chart-tolerance\" x=\""
                put(plotRight + 6, &out)
                out += "\" y=\""
                put(label.y + 4, &out)
                out += "\" fill=\""
                out += label.isTarget ? Colour.target : Colour.tolerance
                out += label.isTarget ? "\">Target</text>" : "\">Tolerance</text>"
            }
        }

        /// The target's or the tolerance's dashed line, in the plot or in the legend.
        static func thresholdLine(isTarget: Bool, from x1: Double, to x2: Double, y: Double, into out: inout TextBuffer) {
            out += isTarget ? "<line class=\"chart-threshold chart-target\" x1=\"" : "<line class=\"chart-threshold chart-tolerance\" x1=\""
            put(x1, &out)
            out += "\" y1=\""
            put(y, &out)
            out += "\" x2=\""
            put(x2, &out)
            out += "\" y2=\""
            put(y, &out)
            out += "\" stroke=\""
            out += isTarget ? Colour.target : Colour.tolerance
            out += isTarget ? "\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>" : "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
        }

        // MARK: values

        /// A known gap (a row without a value) is a dotted vertical line at its period.
        func drawGaps(_ out: inout TextBuffer) {
            guard points.contains(where: { $0.value == nil }) else { return }
            out.append("<g class=\"chart-gap\" stroke=\"\(Colour.muted)\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\">")
            for (i, p) in points.enumerated() where p.value == nil {
                let gx = n(x(slots[i]))
                out.append("<line x1=\"\(gx)\" y1=\"\(n(top))\" x2=\"\(gx)\" y2=\"\(n(plotBottom))\"><title>")
                out.append(p.period.description)
                out += ": no value (known gap)</title></line>"
            }
            out += "</g>"
        }

        /// One path; it is broken (a new `M`) wherever a value or a whole period is missing.
        func drawLine(_ out: inout TextBuffer) {
            var d = TextBuffer(capacity: points.count * 16)
            var previous: Int?
            var joined = false
            for (i, p) in points.enumerated() {
                guard let v = p.value else {
                    previous = nil
                    continue
                }
                let continues = previous.map { $0 + 1 == slots[i] } ?? false
                joined = joined || continues
                d += continues ? "L" : "M"
                put(x(slots[i]), &d)
                d += " "
                put(y(v), &d)
                previous = slots[i]
            }
            guard joined else { return }
            out += "<path class=\"chart-line\" d=\""
            out.append(d)
            out += "\" fill=\"none\" stroke=\""
            out += Colour.line
            out += "\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        }

        func drawMarkers(_ out: inout TextBuffer) {
            out += "<g class=\"chart-points\" stroke=\"#ffffff\" stroke-width=\"1.25\">"
            for (i, p) in points.enumerated() {
                guard let v = p.value else { continue }
                let px = x(slots[i]), py = y(v)
                out += Drawing.markerGroup(p.status)
                out += ">"
                Drawing.marker(p.status, x: px, y: py, into: &out)
                out += "<title>"
                p.period.write(into: &out)
                out += ": "
                // What `quantity(v, unit)` escaped writes: a number has nothing to escape.
                ChartText.appendValue(v, written: p.written, to: &out)
                if let escapedUnit {
                    out += " "
                    out.append(escapedUnit)
                }
                if v > scale.high || v < scale.low { out += ", beyond the scale, drawn at its edge" }
                out += Drawing.markerTitleEnd(p.status)
            }
            out += "</g>"
        }

        /// The start of a marker's group, up to its class: `unassessed` when there is no target,
        /// else the status (`ValueStatus.rawValue`). Literals: one is written for every marker.
        static func markerGroup(_ s: ValueStatus) -> StaticString {
            switch s {
            case .onTarget: "<g class=\"chart-point on-target\""
            case .withinTolerance: "<g class=\"chart-point within-tolerance\""
            case .offTarget: "<g class=\"chart-point off-target\""
            case .noData: "<g class=\"chart-point unassessed\""
            }
        }

        /// The end of a marker's title, with its status as the legend words it in lower case.
        static func markerTitleEnd(_ s: ValueStatus) -> StaticString {
            switch s {
            case .onTarget: ", on target</title></g>"
            case .withinTolerance: ", within tolerance</title></g>"
            case .offTarget: ", off target</title></g>"
            case .noData: "</title></g>"
            }
        }

        /// Circle on target, diamond within tolerance, triangle off target, hollow circle when there
        /// is no target to assess against.
        static func marker(_ status: ValueStatus, x: Double, y: Double, into out: inout TextBuffer) {
            // Appended piece by piece: an interpolated string per marker would be a heap buffer each.
            switch status {
            case .onTarget:
                out += "<circle cx=\""
                put(x, &out)
                out += "\" cy=\""
                put(y, &out)
                out += "\" r=\"4.5\" fill=\""
                out.append(Colour.onTarget)
                out += "\"/>"
            case .withinTolerance:
                out += "<polygon points=\""
                pair(x, y - 6, &out)
                out += " "
                pair(x + 6, y, &out)
                out += " "
                pair(x, y + 6, &out)
                out += " "
                pair(x - 6, y, &out)
                out += "\" fill=\""
                out.append(Colour.withinTolerance)
                out += "\"/>"
            case .offTarget:
                out += "<polygon points=\""
                pair(x, y - 6.5, &out)
                out += " "
                pair(x + 6, y + 4.5, &out)
                out += " "
                pair(x - 6, y + 4.5, &out)
                out += "\" fill=\""
                out.append(Colour.offTarget)
                out += "\"/>"
            case .noData:
                out += "<circle cx=\""
                put(x, &out)
                out += "\" cy=\""
                put(y, &out)
                out += "\" r=\"4\" fill=\"#ffffff\" stroke=\""
                out.append(Colour.unassessed)
                out += "\" stroke-width=\"1.75\"/>"
            }
        }

        /// `x,y`, each with one decimal.
        private static func pair(_ x: Double, _ y: Double, _ out: inout TextBuffer) {
            put(x, &out)
            out += ","
            put(y, &out)
        }

        // MARK: legend

        enum LegendKind { case status(ValueStatus), target, tolerance, gap }

        struct LegendItem {
            var kind: LegendKind
            var text: String
            /// Counted once: counting a string's characters walks it.
            let width: Double

            init(kind: LegendKind, text: String) {
                self.kind = kind
                self.text = text
                width = 22 + Double(text.count) * 6 + 14
            }
        }

        /// `target` and `tolerance` are the objective's, which decide the statuses named; `lines`, the
        /// thresholds of the lines at the right edge, which the threshold samples name.
        static func legendItems(points: [Point], target: Threshold?, tolerance: Threshold?,
                                lines: (target: Threshold?, tolerance: Threshold?), unit: String?) -> [LegendItem] {
            var items: [LegendItem] = []
            if target != nil {
                items.append(LegendItem(kind: .status(.onTarget), text: "On target"))
                if tolerance != nil { items.append(LegendItem(kind: .status(.withinTolerance), text: "Within tolerance")) }
                items.append(LegendItem(kind: .status(.offTarget), text: "Off target"))
            }
            if points.contains(where: { $0.value != nil && $0.status == .noData }) {
                items.append(LegendItem(kind: .status(.noData), text: "Measured (not judged)"))
            }
            if let target = lines.target { items.append(LegendItem(kind: .target, text: "Target " + TrendChart.threshold(target, unit))) }
            if let tolerance = lines.tolerance { items.append(LegendItem(kind: .tolerance, text: "Tolerance " + TrendChart.threshold(tolerance, unit))) }
            if points.contains(where: { $0.value == nil }) { items.append(LegendItem(kind: .gap, text: "Known gap")) }
            return items
        }

        /// Greedy line wrapping of the legend items into rows that fit the chart's width.
        static func wrap(_ items: [LegendItem], from start: Double, to end: Double) -> [[Int]] {
            var rows: [[Int]] = []
            var row: [Int] = []
            var used = 0.0
            for (i, item) in items.enumerated() {
                if !row.isEmpty, start + used + item.width > end {
                    rows.append(row)
                    row = []
                    used = 0
                }
                row.append(i)
                used += item.width
            }
            if !row.isEmpty { rows.append(row) }
            return rows
        }

        func drawLegend(_ out: inout TextBuffer) {
            guard !legend.isEmpty else { return }
            out += "<g class=\"chart-legend\" fill=\""
            out += Colour.text
            out += "\">"
            for (r, row) in legendRows.enumerated() {
                var lx = 8.0
                let ly = 16 + Double(r) * 20
                for index in row {
                    guard legend.indices.contains(index) else { continue }
                    let item = legend[index]
                    switch item.kind {
                    case let .status(status):
                        out += Drawing.markerGroup(status)
                        out += " stroke=\"#ffffff\" stroke-width=\"1.25\">"
                        Drawing.marker(status, x: lx + 8, y: ly - 4, into: &out)
                        out += "</g>"
                    case .target:
                        Drawing.thresholdLine(isTarget: true, from: lx, to: lx + 18, y: ly - 4, into: &out)
                    case .tolerance:
                        Drawing.thresholdLine(isTarget: false, from: lx, to: lx + 18, y: ly - 4, into: &out)
                    case .gap:
                        out.append("<line class=\"chart-gap\" x1=\"\(n(lx + 8))\" y1=\"\(n(ly - 11))\" x2=\"\(n(lx + 8))\" y2=\"\(n(ly + 3))\" stroke=\"\(Colour.muted)\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\"/>")
                    }
                    out += "<text x=\""
                    put(lx + 22, &out)
                    out += "\" y=\""
                    put(ly, &out)
                    out += "\">"
                    ChartText.escape(item.text, into: &out)
                    out += "</text>"
                    lx += item.width
                }
            }
            out += "</g>"
        }

        // MARK: slots

        /// A period's index on a uniform axis of its kind (months since year 0, weeks since a Monday…).
        static func slot(of p: Period) -> Int { p.slot }

        /// The inverse of `slot(of:)`.
        static func period(ofSlot slot: Int, kind: PeriodKind) -> Period? {
            switch kind {
            case .day: return Period(.day, containing: Day(ordinal: slot))
            case .week: return Period(.week, containing: Day(ordinal: slot * 7 - 3))
            case .month, .quarter, .half, .year:
                let m = slot * (kind.months ?? 12)
                return Day(year: floorDiv(m, 12), month: m - floorDiv(m, 12) * 12 + 1, day: 1)
                    .map { Period(kind, containing: $0) }
            }
        }

        static func floorDiv(_ a: Int, _ b: Int) -> Int {
            let q = a / b
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
        }

        static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }

    }

    /// A value axis with round ticks (1, 2, 2.5 or 5 times a power of ten), never of zero height.
    struct Scale {
        static let limit = 1e15
        /// The longest tick label drawn; a longer one (a scale of 1e-20ths) would push the plot off
        /// the canvas, so the ticks go unlabelled and the description and markers give the values.
        static let longestLabel = 24
        var low: Double
        var high: Double
        var step: Double
        var ticks: [Double]
        /// Each tick written exactly from its integer multiple of the step, so that ticks a
        /// trillionth apart never read alike and no binary rounding prints; empty when one would
        /// be longer than `longestLabel`.
        var labels: [String]

        /// `ceiling` caps the padding above the data (100 for a percentage that never exceeds it).
        init(_ numbers: [Double], ceiling: Double? = nil) {
            // Beyond ±1e15 a chart means nothing; clamping keeps the arithmetic finite on hostile input.
            let clamped = numbers.map { min(max($0, -Scale.limit), Scale.limit) }
            let minimum = clamped.min() ?? 0
            let maximum = clamped.max() ?? 1
            var lo = minimum, hi = maximum
            if hi - lo < 1e-9 * max(1, abs(hi)) {
                // One distinct number: centre it in a band of ±10 % (±1 around zero), never one so
                // thin that its quarter underflows to zero (two subnormal values) and has no logarithm.
                let pad = hi == 0 ? 1 : max(abs(hi) * 0.1, Double.leastNormalMagnitude)
                lo -= pad
                hi += pad
            } else {
                // A little room so that no marker sits on the frame, without crossing zero or the ceiling.
                let pad = (hi - lo) * 0.05
                lo = minimum >= 0 ? max(0, lo - pad) : lo - pad
                hi = maximum <= 0 ? min(0, hi + pad) : hi + pad
                if let ceiling, maximum <= ceiling { hi = min(hi, ceiling) }
            }
            let rough = (hi - lo) / 4
            let magnitude = pow(10, (log10(rough)).rounded(.down))
            let normalized = rough / magnitude
            let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
            step = factor * magnitude
            // The step is `unit × 10^exponent` with a whole `unit`: 25 × 10^(e-1) for 2.5 × 10^e.
            var exponent = Int(log10(magnitude).rounded())
            var unit = factor == 2.5 ? 25 : Int(factor)
            if factor == 2.5 { exponent -= 1 }
            // Counts (all whole numbers) get whole ticks: no "7.25 incidents".
            if step < 1, clamped.allSatisfy({ $0 == $0.rounded() }) {
                step = 1
                exponent = 0
                unit = 1
            }
            // Within ±2^53: the band spans at least a billionth of its largest number, so the lowest
            // tick is at most a few billion steps from zero, and the whole-number conversion is exact.
            let firstIndex = min(max((lo / step).rounded(.down), -9_007_199_254_740_992), 9_007_199_254_740_992)
            low = firstIndex * step
            high = (hi / step).rounded(.up) * step
            if high - low < step { high = low + step }
            let count = min(20, Int(((high - low) / step).rounded()))
            let (first, size) = (low, step)
            ticks = (0...count).map { first + Double($0) * size }
            let labels = (0...count).compactMap { Scale.decimal((Int(firstIndex) + $0) * unit, exponent: exponent) }
            self.labels = labels.count == ticks.count ? labels : []
        }

        /// `mantissa × 10^exponent` as a plain decimal, trailing zeros of its fraction dropped:
        /// (25, -2) → "0.25", (3, 2) → "300", (0, -14) → "0"; nil when longer than `longestLabel`.
        static func decimal(_ mantissa: Int, exponent: Int) -> String? {
            DecimalText.plainForm(ofExponentNotation: "\(mantissa)e\(exponent)", maxLength: longestLabel)
        }
    }
}

/// Coordinates with one decimal: enough on a 720-unit canvas, and short.
private func n(_ v: Double) -> String { ChartText.number(v, decimals: 1) }

/// `n(v)` appended to `out`, without a string of its own.
private func put(_ v: Double, _ out: inout TextBuffer) { ChartText.append(v, decimals: 1, to: &out) }
