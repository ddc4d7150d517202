import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite
import EvidentSupport

@Suite struct TrendChartTests {
    // MARK: fixtures

    static let target = Threshold(parsing: "<= 4 h")
    static let tolerance = Threshold(parsing: "<= 6 h")

    /// A series as `CheckModel.series(of:)` gives it: statuses computed from the thresholds.
    static func series(_ rows: [(String, Double?)], target: Threshold? = target, tolerance: Threshold? = tolerance) -> [CheckModel.PeriodValue] {
        rows.enumerated().compactMap { i, row in
            guard let period = Period(parsing: row.0) else { return nil }
            let m = Measurement(file: "content/measurements/OBJ-INC-01.csv",
                                objective: Located("OBJ-INC-01", at: SourceLocation(file: "x")),
                                period: Located(period, at: SourceLocation(file: "x")), value: row.1,
                                valueText: row.1.map { String($0) } ?? "", note: nil, evidence: nil,
                                location: SourceLocation(file: "x", line: i + 2, column: 1), row: i + 2)
            return CheckModel.PeriodValue(period: period, measurement: m,
                                          status: ValueStatus.of(row.1, target: target, tolerance: tolerance))
        }
    }

    /// OBJ-INC-01 of the example content: 18 months, one value within tolerance, one off target.
    static let incident: [(String, Double?)] = [
        ("2025-05", 5.2), ("2025-06", 4.8), ("2025-07", 6.4), ("2025-08", 5.1), ("2025-09", 4.6), ("2025-10", 4.2),
        ("2025-11", 3.9), ("2025-12", 4.4), ("2026-01", 3.8), ("2026-02", 3.6), ("2026-03", 4.1), ("2026-04", 3.5),
        ("2026-05", 3.2), ("2026-06", 3.9), ("2026-07", 3.4), ("2026-08", 3.7), ("2026-09", 3.1), ("2026-10", 3.3),
    ]

    static func chart(_ rows: [(String, Double?)], target: Threshold? = target, tolerance: Threshold? = tolerance,
                      unit: String? = "h", title: String = "OBJ-INC-01 trend", idPrefix: String = "obj-inc-01") -> String {
        TrendChart.svg(series: series(rows, target: target, tolerance: tolerance), target: target, tolerance: tolerance,
                       unit: unit, title: title, idPrefix: idPrefix)
    }

    // MARK: structure and accessibility

    @Test func accessibleAndWellFormed() throws {
        let svg = Self.chart(Self.incident)
        let root = try MiniXML.parse(svg)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "obj-inc-01-title obj-inc-01-desc")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let title = try #require(root.children.first { $0.name == "title" })
        #expect(title.attributes["id"] == "obj-inc-01-title")
        #expect(title.text == "OBJ-INC-01 trend")
        let desc = try #require(root.children.first { $0.name == "desc" })
        #expect(desc.attributes["id"] == "obj-inc-01-desc")
        #expect(desc.text == "18 values from 2025-05 to 2026-10: 10 on target, 7 within tolerance, 1 off target (2025-07); "
            + "latest 3.3 h (2026-10) on target; target ≤ 4 h, tolerance ≤ 6 h.")
        // The site's CSP forbids inline styles.
        #expect(!svg.contains("style="))
        #expect(!svg.contains("NaN") && !svg.contains("inf"))
        #expect(!Self.hasExponent(svg))
    }

    @Test func oneMarkerPerValueWithTheShapeOfItsStatus() throws {
        let root = try MiniXML.parse(Self.chart(Self.incident))
        let markers = try #require(root.first { $0.attributes["class"] == "chart-points" }).children.filter { $0.name == "g" }
        #expect(markers.count == 18)
        let expected = Self.series(Self.incident).map { Self.expectedClass($0.status) }
        #expect(markers.map { $0.attributes["class"] ?? "" } == expected.map { "chart-point \($0)" })
        for marker in markers {
            let shape = try #require(marker.children.first { $0.name != "title" })
            let points = shape.attributes["points"]?.split(separator: " ").count
            switch marker.attributes["class"] {
            case "chart-point on-target": #expect(shape.name == "circle")
            case "chart-point within-tolerance": #expect(shape.name == "polygon" && points == 4)
            case "chart-point off-target": #expect(shape.name == "polygon" && points == 3)
            default: Issue.record("unexpected marker \(marker.attributes)")
            }
            // Each marker tells its value and status as text (a tooltip), not by colour alone.
            #expect(marker.children.contains { $0.name == "title" && $0.text.contains(" h, ") })
        }
        #expect(markers.first?.children.last?.text == "2025-05: 5.2 h, within tolerance")
        #expect(markers.dropFirst(2).first?.children.last?.text == "2025-07: 6.4 h, off target")
    }

    static func expectedClass(_ s: ValueStatus) -> String {
        switch s {
        case .onTarget: "on-target"
        case .withinTolerance: "within-tolerance"
        case .offTarget: "off-target"
        case .noData: "unassessed"
        }
    }

    @Test func targetAndToleranceLinesAreDashedAndLabelled() throws {
        let root = try MiniXML.parse(Self.chart(Self.incident))
        let target = try #require(root.first { $0.name == "line" && $0.attributes["class"] == "chart-threshold chart-target" })
        let tolerance = try #require(root.first { $0.name == "line" && $0.attributes["class"] == "chart-threshold chart-tolerance" })
        #expect(target.attributes["stroke-dasharray"] != nil)
        #expect(tolerance.attributes["stroke-dasharray"] != nil)
        #expect(target.attributes["stroke-dasharray"] != tolerance.attributes["stroke-dasharray"])
        #expect(target.attributes["y1"] == target.attributes["y2"])
        // Lower is better here: the 6 h tolerance line is drawn above the 4 h target line.
        let ty = try #require(target.attributes["y1"].flatMap(Double.init))
        let tol = try #require(tolerance.attributes["y1"].flatMap(Double.init))
        #expect(tol < ty)
        let labels = root.all { $0.attributes["class"]?.hasPrefix("chart-threshold-label") == true }.map(\.text)
        #expect(labels == ["Tolerance", "Target"])
        let legend = try #require(root.first { $0.attributes["class"] == "chart-legend" })
        let texts = legend.all { $0.name == "text" }.map(\.text)
        #expect(texts == ["On target", "Within tolerance", "Off target", "Target ≤ 4 h", "Tolerance ≤ 6 h"])
    }

    /// Where a history entry's thresholds applied, target and tolerance are stepped lines: level
    /// over each version's periods, a step between, no band, and the labels name the last ones.
    @Test func thresholdsThatChangedAreSteppedLines() throws {
        let older = CheckModel.Judgement(target: Threshold(parsing: "<= 6 h"), tolerance: nil, version: 2, since: Day(iso: "2025-02-10"))
        var rows = Self.series(Self.incident)
        for i in rows.indices where rows[i].period < (Period(parsing: "2026-02") ?? rows[i].period) {
            rows[i] = CheckModel.PeriodValue(period: rows[i].period, measurement: rows[i].measurement,
                                             status: ValueStatus.of(rows[i].value, target: older.target, tolerance: nil), judgement: older)
        }
        let svg = TrendChart.svg(series: rows, target: Self.target, tolerance: Self.tolerance, unit: "h", title: "t", idPrefix: "p")
        let root = try MiniXML.parse(svg)
        // The only straight threshold lines left are the legend's samples.
        let legend = try #require(root.first { $0.attributes["class"] == "chart-legend" })
        let isThresholdLine = { (e: MiniXML.Element) in e.name == "line" && e.attributes["class"]?.hasPrefix("chart-threshold") == true }
        #expect(root.all(isThresholdLine).count == legend.all(isThresholdLine).count)
        #expect(root.first { $0.attributes["class"] == "chart-tolerance-band" } == nil)
        let target = try #require(root.first { $0.name == "polyline" && $0.attributes["class"] == "chart-threshold chart-target" })
        let points = (target.attributes["points"] ?? "").split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(points.count == 4)
        // Two levels, joined by a vertical step: 6 h (higher on the page) before, 4 h after.
        #expect(points.count == 4 && points[0][1] == points[1][1] && points[1][0] == points[2][0] && points[2][1] == points[3][1])
        #expect(points.count == 4 && points[0][1] < points[2][1])
        // The tolerance applies from February 2026 only.
        let tolerance = try #require(root.first { $0.name == "polyline" && $0.attributes["class"] == "chart-threshold chart-tolerance" })
        let toleranceStart = (tolerance.attributes["points"] ?? "").split(separator: " ").first?.split(separator: ",").first.flatMap { Double($0) }
        #expect(points.count == 4 && toleranceStart == points[1][0])
        let labels = root.all { $0.attributes["class"]?.hasPrefix("chart-threshold-label") == true }.map(\.text)
        #expect(labels == ["Tolerance", "Target"])
        // A screen reader hears the earlier step too, which the description left out.
        let desc = try #require(root.children.first { $0.name == "desc" })
        #expect(desc.text.hasSuffix("; target ≤ 4 h, tolerance ≤ 6 h; from 2025-05 to 2026-01 target ≤ 6 h."), "\(desc.text)")
    }

    /// The description names the periods off target, as the red triangles show them: all of a
    /// few, the latest six of many (the values table lists every one).
    @Test func theDescriptionNamesThePeriodsOffTarget() throws {
        let few = try MiniXML.parse(Self.chart([("2026-07", 7), ("2026-08", 3), ("2026-09", 6.5), ("2026-10", 9)]))
        let descFew = try #require(few.children.first { $0.name == "desc" }).text
        #expect(descFew.hasPrefix("4 values from 2026-07 to 2026-10: 1 on target, 3 off target (2026-07, 2026-09, 2026-10); "), "\(descFew)")
        let months = (1...9).map { (String(format: "2026-%02d", $0), 7.0 + Double($0)) }
        let many = try #require(try MiniXML.parse(Self.chart(months)).children.first { $0.name == "desc" }).text
        #expect(many.hasPrefix("9 values from 2026-01 to 2026-09: 9 off target (the latest 6: 2026-04, 2026-05, 2026-06, 2026-07, 2026-08, 2026-09); "),
                "\(many)")
    }

    /// A new version that applies after the last period drawn judges none of them: every line is
    /// the earlier version's, and the legend names those lines, not the current thresholds no line
    /// shows (a relaxed target named beside a line drawn at the old one read as a contradiction).
    @Test func theLegendNamesTheLinesDrawnWhenTheCurrentThresholdsApplyToNoPeriod() throws {
        let older = CheckModel.Judgement(target: Threshold(parsing: "<= 6 h"), tolerance: Threshold(parsing: "<= 8 h"), version: 1, since: Day(iso: "2025-01-01"))
        let rows = Self.series(Self.incident).map {
            CheckModel.PeriodValue(period: $0.period, measurement: $0.measurement,
                                   status: ValueStatus.of($0.value, target: older.target, tolerance: older.tolerance), judgement: older)
        }
        let root = try MiniXML.parse(TrendChart.svg(series: rows, target: Self.target, tolerance: Self.tolerance, unit: "h", title: "t", idPrefix: "p"))
        let legend = try #require(root.first { $0.attributes["class"] == "chart-legend" })
        #expect(legend.all { $0.name == "text" }.map(\.text) == ["On target", "Within tolerance", "Off target", "Target ≤ 6 h", "Tolerance ≤ 8 h"])
        // The description a screen reader reads names the same thresholds.
        let description = try #require(root.first { $0.name == "desc" }).text
        #expect(description.contains("target ≤ 6 h, tolerance ≤ 8 h"), "\(description)")
        // One level each, the whole width: the line the legend names.
        let target = try #require(root.first { $0.name == "polyline" && $0.attributes["class"] == "chart-threshold chart-target" })
        let ys = Set((target.attributes["points"] ?? "").split(separator: " ").compactMap { $0.split(separator: ",").last })
        #expect(ys.count == 1)
    }

    /// Periods judged by two history entries whose thresholds are the current ones (`<= 4.0 h`
    /// reads as `<= 4 h`) are one run, whichever entry judged each: no stepped line, the band drawn.
    @Test func judgementsAlikeAreOneRunOfThresholds() throws {
        let first = CheckModel.Judgement(target: Threshold(parsing: "<= 4.0 h"), tolerance: Self.tolerance, version: 1, since: Day(iso: "2025-01-01"))
        let second = CheckModel.Judgement(target: Self.target, tolerance: Self.tolerance, version: 2, since: Day(iso: "2025-09-01"))
        var rows = Self.series(Self.incident)
        for i in rows.indices {
            let judgement = i % 3 == 0 ? first : second
            rows[i] = CheckModel.PeriodValue(period: rows[i].period, measurement: rows[i].measurement, status: rows[i].status, judgement: judgement)
        }
        let root = try MiniXML.parse(TrendChart.svg(series: rows, target: Self.target, tolerance: Self.tolerance, unit: "h", title: "t", idPrefix: "p"))
        #expect(root.first { $0.name == "polyline" } == nil)
        #expect(root.first { $0.attributes["class"] == "chart-tolerance-band" } != nil)
    }

    @Test func theValueOnAMarkerMatchesTheScale() throws {
        // A value exactly on the target sits exactly on the target line.
        let root = try MiniXML.parse(Self.chart([("2026-01", 4), ("2026-02", 5), ("2026-03", 2)]))
        let target = try #require(root.first { $0.attributes["class"] == "chart-threshold chart-target" })
        let first = try #require(root.first { $0.attributes["class"] == "chart-points" }?.children.first?.children.first)
        #expect(first.name == "circle")
        #expect(first.attributes["cy"] == target.attributes["y1"])
    }

    // MARK: gaps

    @Test func aKnownGapOrAMissingPeriodBreaksTheLine() throws {
        let rows: [(String, Double?)] = [("2026-01", 3), ("2026-02", 3.5), ("2026-03", nil), ("2026-04", 5),
                                         ("2026-05", 4.5), ("2026-07", 3.9), ("2026-08", 3.2)]
        let svg = Self.chart(rows)
        let root = try MiniXML.parse(svg)
        let path = try #require(root.first { $0.attributes["class"] == "chart-line" }?.attributes["d"])
        #expect(path.filter { $0 == "M" }.count == 3)
        #expect(path.filter { $0 == "L" }.count == 3)
        let markers = try #require(root.first { $0.attributes["class"] == "chart-points" }).children
        #expect(markers.count == 6)
        let gaps = root.all { $0.name == "line" && $0.parentClass == "chart-gap" }
        #expect(gaps.count == 1)
        #expect(gaps.first?.children.first?.text == "2026-03: no value (known gap)")
        let desc = try #require(root.children.first { $0.name == "desc" })
        #expect(desc.text.hasSuffix("; 1 known gap."))
        #expect(desc.text.hasPrefix("6 values from 2026-01 to 2026-08"))
    }

    @Test func aLatestGapIsSaidInTheDescription() throws {
        let root = try MiniXML.parse(Self.chart([("2026-01", 3), ("2026-02", nil)]))
        let desc = try #require(root.children.first { $0.name == "desc" })
        #expect(desc.text == "1 value from 2026-01 to 2026-02; latest 3 h (2026-01) on target; no value for 2026-02; "
            + "target ≤ 4 h, tolerance ≤ 6 h; 1 known gap.")
    }

    @Test func aLatestValueNotYetDueIsSaidToBeSo() throws {
        let due = try #require(Period(parsing: "2026-10"))
        let svg = TrendChart.svg(series: Self.series([("2026-10", 3.3), ("2026-11", 3.5)]), target: Self.target,
                                 tolerance: Self.tolerance, unit: "h", title: "t", idPrefix: "p", isDue: { $0 <= due })
        let desc = try #require(try MiniXML.parse(svg).children.first { $0.name == "desc" })
        #expect(desc.text == "2 values from 2026-10 to 2026-11: 2 on target; latest 3.5 h (2026-11, not yet due) on target; "
            + "target ≤ 4 h, tolerance ≤ 6 h.")
    }

    /// The objective page's "Latest value" counts due periods only (SPEC 4.1): its chart does not
    /// call a value of a period not yet due the latest without saying so.
    @Test func theObjectivePageChartSaysTheLatestValueIsNotYetDue() throws {
        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements + "2026-11,3.5,,\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let site = try SiteBuilder.build(result: try tree.check(), theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.contains("latest 3.5 h (2026-11, not yet due) on target"), "\(page)")
        // So does its values table: November's row says it is not yet due, October's (the due one) does not.
        let november = try #require(page.range(of: "<th scope=\"row\">2026-11</th>").map { page[$0.lowerBound...].prefix(while: { $0 != "\n" }) })
        #expect(november.contains("<span class=\"cell-note\">Not yet due</span>"), "\(november)")
        let october = try #require(page.range(of: "<th scope=\"row\">2026-10</th>").map { page[$0.lowerBound...].prefix(while: { $0 != "\n" }) })
        #expect(!october.contains("Not yet due"), "\(october)")
    }

    /// A value of a period that ended before the objective's start is shown and judged, but that
    /// period is never due (SPEC 4.1): its row says so, and it is not the latest result.
    @Test func aValueBeforeTheStartIsSaidNeverToBeDue() throws {
        var files = ExampleTree.base
        // The objective starts on 2026-01-15 (its first history entry); December is older.
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements.replacingOccurrences(of: "2026-02,", with: "2025-12,9.5,,\n2026-02,")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let site = try SiteBuilder.build(result: try tree.check(), theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        func row(_ period: String) throws -> Substring {
            try #require(page.range(of: "<th scope=\"row\">\(period)</th>").map { page[$0.lowerBound...].prefix(while: { $0 != "\n" }) })
        }
        #expect(try row("2025-12").contains("<span class=\"cell-note\">Before the start: never due</span>"), "\(page)")
        #expect(try !row("2025-12").contains("Not yet due"))
        #expect(try !row("2026-02").contains("never due"))
        #expect(try !row("2026-10").contains("never due"))
    }

    /// A finer row that counts for a period of the cadence (the latest inside it) is named beside
    /// the period, so the table reads against the file; a row of the period itself is not.
    @Test func aFinerRowIsNamedBesideItsPeriod() throws {
        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements + "2026-W44,3.2,,\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let site = try SiteBuilder.build(result: try tree.check(), theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.contains("<th scope=\"row\">2026-10<span class=\"cell-note\">Row for 2026-W44</span>"
            + "<span class=\"cell-note not-counted\">Other rows, not counted: 3.7 h (<code>measurements/OBJ-INC-01.csv:10</code>)</span>"
            + "</th><td class=\"num\">3.2 h</td>"), "\(page)")
        #expect(page.contains("<th scope=\"row\">2026-09</th>"))
    }

    // MARK: edge cases

    @Test func emptySeries() throws {
        let svg = Self.chart([])
        let root = try MiniXML.parse(svg)
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["class"] == "trend-chart chart-empty")
        #expect(root.all { $0.name == "text" }.map(\.text) == ["No measurements yet"])
        #expect(root.children.first { $0.name == "desc" }?.text == "No measurements yet; target ≤ 4 h, tolerance ≤ 6 h.")
    }

    @Test func singleValue() throws {
        let root = try MiniXML.parse(Self.chart([("2026-10", 3.3)]))
        #expect(root.first { $0.attributes["class"] == "chart-points" }?.children.count == 1)
        #expect(root.first { $0.attributes["class"] == "chart-line" } == nil)
        #expect(root.children.first { $0.name == "desc" }?.text == "1 value for 2026-10; latest 3.3 h (2026-10) on target; target ≤ 4 h, tolerance ≤ 6 h.")
        #expect(Self.xLabels(root) == ["2026-10"])
    }

    @Test func allValuesEqualAndNoThresholdsStillHaveAScale() throws {
        let svg = Self.chart([("2026-Q1", 7), ("2026-Q2", 7), ("2026-Q3", 7)], target: nil, tolerance: nil, unit: "records")
        let root = try MiniXML.parse(svg)
        let ticks = Self.yLabels(root)
        #expect(ticks.count >= 3)
        #expect(Set(ticks).count == ticks.count)
        #expect(!svg.contains("NaN") && !svg.contains("inf"))
        let markers = try #require(root.first { $0.attributes["class"] == "chart-points" }).children
        #expect(markers.map { $0.attributes["class"] } == Array(repeating: "chart-point unassessed", count: 3))
        #expect(root.first { $0.attributes["class"]?.contains("chart-target") == true } == nil)
        #expect(root.children.first { $0.name == "desc" }?.text == "3 values from 2026-Q1 to 2026-Q3; latest 7 records (2026-Q3); no target set.")
        #expect(root.first { $0.attributes["class"] == "chart-unit" }?.text == "records")
    }

    @Test func zeroValuesOnly() throws {
        let svg = Self.chart([("2026", 0), ("2027", 0)], target: Threshold(parsing: "== 0"), tolerance: nil, unit: nil)
        let root = try MiniXML.parse(svg)
        #expect(Self.yLabels(root).contains("0"))
        #expect(!svg.contains("NaN"))
        let legend = root.first { $0.attributes["class"] == "chart-legend" }?.all { $0.name == "text" }.map(\.text)
        #expect(legend == ["On target", "Off target", "Target = 0"])
    }

    @Test func negativeValuesGetNegativeTicks() throws {
        let target = Threshold(parsing: ">= -1.5")
        let svg = Self.chart([("2026-W01", -3.25), ("2026-W02", -0.5), ("2026-W03", 1.75)], target: target, tolerance: nil, unit: "pp")
        let root = try MiniXML.parse(svg)
        let ticks = Self.yLabels(root)
        #expect(ticks.contains { $0.hasPrefix("-") })
        #expect(!ticks.contains("-0"))
        let numbers = ticks.compactMap(Double.init)
        #expect(numbers.count == ticks.count)
        #expect(numbers == numbers.sorted())
        #expect((numbers.first ?? 0) <= -3.25 && (numbers.last ?? 0) >= 1.75)
        let markers = try #require(root.first { $0.attributes["class"] == "chart-points" }).children
        #expect(markers.map { $0.attributes["class"] ?? "" } == ["chart-point off-target", "chart-point on-target", "chart-point on-target"])
    }

    @Test func equalTargetIsDrawnAndLabelled() throws {
        let target = Threshold(parsing: "== 5")
        let root = try MiniXML.parse(Self.chart([("2026-01", 5), ("2026-02", 6)], target: target, tolerance: nil, unit: nil))
        #expect(root.first { $0.attributes["class"] == "chart-threshold chart-target" } != nil)
        #expect(root.children.first { $0.name == "desc" }?.text.contains("target = 5") == true)
    }

    @Test func hostileTitleAndUnitAreEscaped() throws {
        let hostile = "</title><script>alert('x')</script> & \"quoted\" \u{1}"
        let unit = "\"><svg onload=alert(1)>"
        let target = Threshold(comparator: .atMost, number: 4, unit: nil)
        let svg = TrendChart.svg(series: Self.series(Self.incident, target: target, tolerance: nil), target: target,
                                 tolerance: nil, unit: unit, title: hostile, idPrefix: "a\"b")
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<svg onload"))
        let root = try MiniXML.parse(svg)
        #expect(root.children.first { $0.name == "title" }?.text == "</title><script>alert('x')</script> & \"quoted\" ")
        #expect(root.first { $0.attributes["class"] == "chart-unit" }?.text == unit)
        #expect(root.attributes["aria-labelledby"] == "a\"b-title a\"b-desc")
    }

    @Test func idsArePrefixedSoTwoChartsDoNotClash() throws {
        let a = try MiniXML.parse(Self.chart(Self.incident, idPrefix: "chart-a"))
        let b = try MiniXML.parse(Self.chart(Self.incident, idPrefix: "chart-b"))
        let idsA = Set(a.all { $0.attributes["id"] != nil }.compactMap { $0.attributes["id"] })
        let idsB = Set(b.all { $0.attributes["id"] != nil }.compactMap { $0.attributes["id"] })
        #expect(idsA == ["chart-a-title", "chart-a-desc"])
        #expect(idsA.isDisjoint(with: idsB))
    }

    @Test func deterministic() {
        #expect(Self.chart(Self.incident) == Self.chart(Self.incident))
        #expect(Self.chart(Self.incident).utf8.count == Self.chart(Self.incident).utf8.count)
    }

    @Test func periodLabelsNeverOverlap() throws {
        for count in [1, 2, 5, 13, 24, 60, 240] {
            var rows: [(String, Double?)] = []
            var period = try #require(Period(parsing: "2020-01"))
            for i in 0..<count {
                rows.append((period.description, Double(i % 7)))
                period = period.next
            }
            let root = try MiniXML.parse(Self.chart(rows))
            let labels = root.all { $0.parentClass?.contains("chart-x-label") == true }
            let xs = labels.compactMap { $0.attributes["x"].flatMap(Double.init) }
            #expect(!labels.isEmpty)
            for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= 7 * 7, "labels \(a) and \(b) overlap for \(count) months") }
            // Every label is a real period of the series' range.
            for label in labels.map(\.text) {
                let p = try #require(Period(parsing: label))
                #expect(p.kind == .month)
                #expect(p.description >= "2020-01" && p.description <= period.previous.description)
            }
        }
    }

    @Test func weeklyAndDailyLabelsArePeriods() throws {
        let weekly = try MiniXML.parse(Self.chart((1...30).map { (String(format: "2026-W%02d", $0), Double($0)) }))
        #expect(Self.xLabels(weekly).allSatisfy { Period(parsing: $0)?.kind == .week })
        #expect(Self.xLabels(weekly).count > 2)
        let yearly = try MiniXML.parse(Self.chart([("2019", 1), ("2026", 2)]))
        #expect(Self.xLabels(yearly).allSatisfy { Period(parsing: $0)?.kind == .year })
    }

    // MARK: values at the edges

    /// The titles of the markers, in order.
    static func markerTitles(_ root: MiniXML.Element) throws -> [String] {
        try #require(root.first { $0.attributes["class"] == "chart-points" }).children.map {
            $0.children.first { $0.name == "title" }?.text ?? ""
        }
    }

    @Test func valuesAndThresholdsWithMoreThanThreeDecimalsAreWrittenInFull() throws {
        // Five nines and a half: rounded to three decimals, the target read "≥ 100 %" and an
        // off-target 99.9985 read "99.999 %, off target" beside a tolerance of 99.999 %.
        let target = Threshold(parsing: ">= 99.9995 %"), tolerance = Threshold(parsing: ">= 99.999 %")
        let root = try MiniXML.parse(Self.chart([("2026-08", 99.9985), ("2026-09", 99.99951), ("2026-10", 99.9994)],
                                                target: target, tolerance: tolerance, unit: "%"))
        #expect(try Self.markerTitles(root) == ["2026-08: 99.9985 %, off target", "2026-09: 99.99951 %, on target",
                                                "2026-10: 99.9994 %, within tolerance"])
        #expect(root.children.first { $0.name == "desc" }?.text == "3 values from 2026-08 to 2026-10: 1 on target, "
            + "1 within tolerance, 1 off target (2026-08); latest 99.9994 % (2026-10) within tolerance; target ≥ 99.9995 %, tolerance ≥ 99.999 %.")
        let legend = root.first { $0.attributes["class"] == "chart-legend" }?.all { $0.name == "text" }.map(\.text) ?? []
        #expect(legend.contains("Target ≥ 99.9995 %") && legend.contains("Tolerance ≥ 99.999 %"))
        // A rate of a few per million is not "0, off target".
        let micro = try MiniXML.parse(Self.chart([("2026-10", 0.0000052)], target: Threshold(parsing: "<= 0.0000034"),
                                                 tolerance: nil, unit: nil))
        #expect(try Self.markerTitles(micro) == ["2026-10: 0.0000052, off target"])
        #expect(micro.children.first { $0.name == "desc" }?.text.hasSuffix("target ≤ 0.0000034.") == true)
    }

    @Test func ordinaryValuesKeepTheirShortForm() throws {
        let root = try MiniXML.parse(Self.chart([("2026-09", 3.3), ("2026-10", 0.1 + 0.2)]))
        // 0.1 + 0.2 is 0.30000000000000004, as a cell would have to write it to be that number.
        #expect(try Self.markerTitles(root) == ["2026-09: 3.3 h, on target", "2026-10: 0.30000000000000004 h, on target"])
        let incident = try MiniXML.parse(Self.chart(Self.incident))
        #expect(try Self.markerTitles(incident).allSatisfy { !$0.contains("beyond") })
        #expect(incident.children.first { $0.name == "desc" }?.text.contains("beyond") == false)
    }

    @Test func aCellWithMoreDigitsThanADoubleIsShownAsWritten() throws {
        // `0.30000000000000001` reads as the Double 0.3, and is judged as written (within tolerance
        // of `<= 0.3`): the marker says the cell's number, as the values table does.
        let target = Threshold(parsing: "<= 0.3"), tolerance = Threshold(parsing: "<= 0.4")
        let period = try #require(Period(parsing: "2026-10"))
        let cell = "0.30000000000000001"
        let m = Measurement(file: "content/measurements/OBJ-INC-01.csv",
                            objective: Located("OBJ-INC-01", at: SourceLocation(file: "x")),
                            period: Located(period, at: SourceLocation(file: "x")), value: 0.3,
                            valueText: cell, note: nil, evidence: nil,
                            location: SourceLocation(file: "x", line: 2, column: 1), row: 2)
        let pv = CheckModel.PeriodValue(period: period, measurement: m, status: .withinTolerance)
        let svg = TrendChart.svg(series: [pv], target: target, tolerance: tolerance, unit: nil, title: "t", idPrefix: "p")
        #expect(try Self.markerTitles(MiniXML.parse(svg)) == ["2026-10: 0.30000000000000001, within tolerance"])
        #expect(ChartText.value(0.3, written: "0.3") == "0.3")
        #expect(ChartText.value(0.3, written: "0.300000000000000") == "0.3")
        #expect(ChartText.value(0.3, written: "+0.30000000000000001") == "0.30000000000000001")
    }

    @Test func hugeValuesAreDrawnAtTheEdgeOfAnHonestScale() throws {
        let max = "17976931348623157" + String(repeating: "0", count: 292)
        let svg = Self.chart([("2026-08", 3), ("2026-09", 1.7976931348623157e308), ("2026-10", 1e300)])
        let root = try MiniXML.parse(svg)
        let ticks = Self.yLabels(root)
        // Every tick once, in order, at its own height: none stacked at a clamped one.
        #expect(Set(ticks).count == ticks.count)
        let heights = root.all { $0.parentClass?.contains("chart-y-label") == true }.compactMap { $0.attributes["y"] }
        #expect(Set(heights).count == heights.count)
        let titles = try Self.markerTitles(root)
        #expect(titles[0] == "2026-08: 3 h, on target")
        #expect(titles[1] == "2026-09: \(max) h, beyond the scale, drawn at its edge, off target")
        #expect(titles[2].hasPrefix("2026-10: 1" + String(repeating: "0", count: 300) + " h, beyond the scale"))
        let desc = root.children.first { $0.name == "desc" }?.text ?? ""
        #expect(desc.contains("latest 1" + String(repeating: "0", count: 300) + " h (2026-10)"))
        #expect(desc.hasSuffix("; values beyond ±1000000000000000 are drawn at the edge of the scale."))
        #expect(!svg.contains("NaN") && !svg.contains("inf") && !Self.hasExponent(svg))
        // Each marker inside the plot.
        let grid = root.first { $0.attributes["class"] == "chart-grid" }?.children.compactMap { $0.attributes["y1"].flatMap(Double.init) } ?? []
        let circles = try #require(root.first { $0.attributes["class"] == "chart-points" }).children
            .compactMap { $0.children.first { $0.name == "circle" } }
        #expect(circles.count == 1)
        for circle in circles {
            let cy = try #require(circle.attributes["cy"].flatMap(Double.init))
            #expect(cy >= (grid.min() ?? 0) && cy <= (grid.max() ?? 0))
        }
        // The triangles' apexes sit at the top grid line, the edge of the scale.
        let apexes = try #require(root.first { $0.attributes["class"] == "chart-points" }).children
            .compactMap { $0.children.first { $0.name == "polygon" }?.attributes["points"] }
            .compactMap { $0.split(separator: " ").first?.split(separator: ",").last.flatMap { Double($0) } }
        #expect(apexes.count == 2 && apexes.allSatisfy { $0 >= (grid.min() ?? 0) - 7 })
    }

    @Test func aLongUnitDoesNotSqueezeThePlot() throws {
        let unit = "requests per second per availability zone during business hours"
        let long = try MiniXML.parse(Self.chart([("2026-09", 3), ("2026-10", 5)], target: nil, tolerance: nil, unit: unit))
        let label = try #require(long.first { $0.attributes["class"] == "chart-unit" })
        #expect(label.attributes["text-anchor"] == "start" && label.attributes["x"] == "8" && label.text == unit)
        let left = try #require(long.first { $0.attributes["class"] == "chart-grid" }?.children.first?.attributes["x1"].flatMap(Double.init))
        #expect(left <= 60)
        // Longer than the chart is wide: cut, whole in the description.
        let endless = String(repeating: "unit ", count: 40) + "end"
        let cut = try MiniXML.parse(Self.chart([("2026-10", 3)], target: nil, tolerance: nil, unit: endless))
        let cutLabel = try #require(cut.first { $0.attributes["class"] == "chart-unit" }?.text)
        #expect(cutLabel.hasSuffix("…") && cutLabel.count <= 100)
        #expect(cut.children.first { $0.name == "desc" }?.text.contains(endless) == true)
        // A short unit stands right-aligned over the tick labels, as before.
        let short = try MiniXML.parse(Self.chart(Self.incident))
        #expect(short.first { $0.attributes["class"] == "chart-unit" }?.attributes["text-anchor"] == "end")
    }

    @Test func ticksOfMillionthsAreDistinct() throws {
        let root = try MiniXML.parse(Self.chart([("2026-09", 0.00000021), ("2026-10", 0.00000052)], target: nil, tolerance: nil, unit: nil))
        let ticks = Self.yLabels(root)
        #expect(ticks.count >= 3 && Set(ticks).count == ticks.count)
        #expect(!ticks.contains { $0.contains("e") })
    }

    @Test func ticksOfTrillionthsAreExactAndDistinct() throws {
        let root = try MiniXML.parse(Self.chart([("2026-09", 0.00000000000001), ("2026-10", 0.00000000000003)],
                                                target: nil, tolerance: nil, unit: nil))
        #expect(Self.yLabels(root) == ["0", "0.00000000000001", "0.00000000000002", "0.00000000000003", "0.00000000000004"])
        // A scale too fine to label within the margin goes unlabelled; the markers still say each value.
        // Two subnormal values once made a band whose quarter underflowed to zero, and the build crashed.
        let subnormal = try MiniXML.parse(Self.chart([("2026-09", 5e-324), ("2026-10", 1e-323)], target: nil, tolerance: nil, unit: nil))
        #expect(Self.yLabels(subnormal).isEmpty)
        #expect(subnormal.first { $0.attributes["class"] == "chart-grid" }?.children.isEmpty == false)
        #expect(try Self.markerTitles(subnormal).first?.hasPrefix("2026-09: 0.000") == true)
    }

    @Test func tickLabelsAreWrittenFromWholeMultiplesOfTheStep() {
        #expect(TrendChart.Scale.decimal(25, exponent: -2) == "0.25")
        #expect(TrendChart.Scale.decimal(-25, exponent: -1) == "-2.5")
        #expect(TrendChart.Scale.decimal(3, exponent: 2) == "300")
        #expect(TrendChart.Scale.decimal(10, exponent: -1) == "1")
        #expect(TrendChart.Scale.decimal(0, exponent: -14) == "0")
        #expect(TrendChart.Scale.decimal(7, exponent: -20) == "0.00000000000000000007")
        // Ordinary scales read as before: 96 to 100 for a percentage near its target, 99.88 to 99.96.
        #expect(TrendChart.Scale([97, 99.9]).labels == ["96", "97", "98", "99", "100", "101"])
        #expect(TrendChart.Scale([99.9, 99.95], ceiling: 100).labels == ["99.88", "99.9", "99.92", "99.94", "99.96"])
    }

    // MARK: numbers

    @Test func numbersAreFixedAndShort() {
        #expect(ChartText.number(3.30) == "3.3")
        #expect(ChartText.number(4) == "4")
        #expect(ChartText.number(99.95) == "99.95")
        #expect(ChartText.number(0.00001) == "0")
        #expect(ChartText.number(0.00001, decimals: 6) == "0.00001")
        #expect(ChartText.number(-0.0001) == "0")
        #expect(ChartText.number(-2.5) == "-2.5")
        #expect(ChartText.number(0.1 + 0.2) == "0.3")
        #expect(ChartText.number(1234.5678, decimals: 1) == "1234.6")
        #expect(ChartText.number(1e20) == "100000000000000000000")
        #expect(ChartText.number(.nan) == "0")
        // Past 2^53 a Double carries no decimals: its shortest digits, then zeros, never invented ones.
        #expect(ChartText.number(1.7976931348623157e308) == "17976931348623157" + String(repeating: "0", count: 292))
        #expect(ChartText.exact(99.9995) == "99.9995")
        #expect(ChartText.exact(3.3) == "3.3")
        #expect(ChartText.exact(-0.0) == "0")
        #expect(ChartText.exact(5e-324) == "0." + String(repeating: "0", count: 323) + "5")
        #expect(DecimalText.plain(1e15) == "1000000000000000")
        #expect(DecimalText.plain(4_000_000_000_000_001) == "4000000000000001")
    }

    @Test func escapingDropsWhatXMLCannotHold() {
        #expect(ChartText.escape("a<b>&\"'\u{0}\u{FFFE}\tz") == "a&lt;b&gt;&amp;&quot;&#39;\tz")
    }

    // MARK: helpers

    /// A number written with an exponent (`1e-05`, `2E+3`) anywhere in the text.
    static func hasExponent(_ s: String) -> Bool {
        let b = Array(s.utf8)
        for i in b.indices.dropFirst().dropLast() where b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            let before = b[i - 1], after = b[i + 1] == UInt8(ascii: "-") || b[i + 1] == UInt8(ascii: "+") ? b[min(i + 2, b.count - 1)] : b[i + 1]
            if (48...57).contains(before), (48...57).contains(after) { return true }
        }
        return false
    }

    static func yLabels(_ root: MiniXML.Element) -> [String] {
        root.all { $0.parentClass?.contains("chart-y-label") == true }.map(\.text)
    }

    static func xLabels(_ root: MiniXML.Element) -> [String] {
        root.all { $0.parentClass?.contains("chart-x-label") == true }.map(\.text)
    }
}

/// A small strict XML reader for the tests: it rejects anything not well-formed (unclosed or
/// mismatched tags, unquoted or duplicate attributes, a bare `&` or `<`) and gives a tree to
/// assert on. When FoundationXML is available the text must also satisfy libxml2.
enum MiniXML {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    final class Element {
        let name: String
        var attributes: [String: String] = [:]
        var children: [Element] = []
        /// The element's own text, entities decoded (not its descendants').
        var text = ""
        let parentClass: String?

        init(name: String, parentClass: String?) {
            self.name = name
            self.parentClass = parentClass
        }

        func all(_ predicate: (Element) -> Bool) -> [Element] {
            var out: [Element] = []
            for child in children {
                if predicate(child) { out.append(child) }
                out += child.all(predicate)
            }
            return out
        }

        func first(_ predicate: (Element) -> Bool) -> Element? { all(predicate).first }
    }

    static func parse(_ text: String) throws -> Element {
        #if canImport(FoundationXML)
        _ = try XMLDocument(xmlString: text, options: [])
        #endif
        var reader = Reader(chars: Array(text.unicodeScalars))
        reader.skipSpace()
        let root = try reader.element(parentClass: nil)
        reader.skipSpace()
        guard reader.atEnd else { throw ParseError(description: "content after the root element") }
        return root
    }

    struct Reader {
        let chars: [Unicode.Scalar]
        var i = 0

        var atEnd: Bool { i >= chars.count }

        func peek(_ s: String) -> Bool {
            let want = Array(s.unicodeScalars)
            return i + want.count <= chars.count && Array(chars[i..<(i + want.count)]) == want
        }

        mutating func expect(_ s: String) throws {
            guard peek(s) else { throw ParseError(description: "expected \(s) at \(i)") }
            i += s.unicodeScalars.count
        }

        mutating func skipSpace() {
            while i < chars.count, chars[i] == " " || chars[i] == "\n" || chars[i] == "\t" || chars[i] == "\r" { i += 1 }
        }

        mutating func name() throws -> String {
            var out = ""
            while i < chars.count, chars[i].properties.isAlphabetic || chars[i] == "-" || chars[i] == ":" || chars[i] == "_"
                || ("0"..."9").contains(chars[i]) {
                out.unicodeScalars.append(chars[i])
                i += 1
            }
            guard !out.isEmpty else { throw ParseError(description: "expected a name at \(i)") }
            return out
        }

        mutating func entity() throws -> String {
            try expect("&")
            var body = ""
            while i < chars.count, chars[i] != ";" {
                body.unicodeScalars.append(chars[i])
                i += 1
                guard body.count < 12 else { throw ParseError(description: "bad entity") }
            }
            try expect(";")
            switch body {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                let code = body.hasPrefix("#x") ? UInt32(body.dropFirst(2), radix: 16) : body.hasPrefix("#") ? UInt32(body.dropFirst()) : nil
                guard let code, let scalar = Unicode.Scalar(code) else { throw ParseError(description: "unknown entity &\(body);") }
                return String(Character(scalar))
            }
        }

        mutating func element(parentClass: String?) throws -> Element {
            try expect("<")
            let node = Element(name: try name(), parentClass: parentClass)
            while true {
                skipSpace()
                if peek("/>") { i += 2; return node }
                if peek(">") { i += 1; break }
                let key = try name()
                try expect("=")
                guard i < chars.count, chars[i] == "\"" || chars[i] == "'" else { throw ParseError(description: "unquoted attribute \(key)") }
                let quote = chars[i]
                i += 1
                var value = ""
                while i < chars.count, chars[i] != quote {
                    if chars[i] == "<" { throw ParseError(description: "< in attribute \(key)") }
                    if chars[i] == "&" { value += try entity(); continue }
                    value.unicodeScalars.append(chars[i])
                    i += 1
                }
                try expect(String(quote))
                guard node.attributes[key] == nil else { throw ParseError(description: "duplicate attribute \(key)") }
                node.attributes[key] = value
            }
            while true {
                guard i < chars.count else { throw ParseError(description: "unclosed <\(node.name)>") }
                if peek("</") {
                    i += 2
                    let closing = try name()
                    guard closing == node.name else { throw ParseError(description: "</\(closing)> closes <\(node.name)>") }
                    skipSpace()
                    try expect(">")
                    return node
                }
                if peek("<") {
                    node.children.append(try element(parentClass: node.attributes["class"]))
                } else if peek("&") {
                    node.text += try entity()
                } else {
                    if chars[i] == ">" { throw ParseError(description: "bare > in text") }
                    node.text.unicodeScalars.append(chars[i])
                    i += 1
                }
            }
        }
    }
}
