import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSite
import Foundation

/// The `content` target: the tree `evident init` writes, with its objective, that objective's
/// measurements, its review and its communication replaced by the input's parts (split at the first
/// three NULs; a part left out is the starter's review or communication, or no measurements),
/// loaded, checked and its site rendered in memory the way `build` renders it. Nothing may crash or fail to render, every
/// finding is placed, and each trend chart draws at finite coordinates with tick labels that tell
/// its ticks apart.
enum ContentFuzz {
    static let asOf = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)
    static let starter = StarterContent.files(today: asOf)
    static let objectivePath = starter.keys.filter { $0.hasPrefix("objectives/") }.min() ?? "objectives/OBJ-1.md"
    static let measurementsPath = starter.keys.filter { $0.hasPrefix("measurements/") }.min() ?? "measurements/OBJ-1.csv"
    static let reviewPath = starter.keys.filter { $0.hasPrefix("reviews/") }.min() ?? "reviews/review.md"
    static let communicationPath = starter.keys.filter { $0.hasPrefix("communications/") }.min() ?? "communications/communication.md"
    static let theme = Result { try Theme.load(overridesFrom: nil) }

    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
        var files = starter.mapValues { Data($0.utf8) }
        files[objectivePath] = Data(parts.first ?? [])
        files[measurementsPath] = parts.count > 1 ? Data(parts[1]) : nil
        if parts.count > 2 { files[reviewPath] = Data(parts[2]) }
        if parts.count > 3 { files[communicationPath] = Data(parts[3]) }
        let content = ContentLoader.load(files: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value, nil) },
                                         displayRoot: "content", rootPath: "/nonexistent/evident-fuzz")
        let result = Checker.check(content, asOf: asOf)
        try requirePlaced(result.findings)
        try requireFolded(result.findings)
        guard case let .success(theme) = theme else { throw FuzzViolation("the built-in theme does not load") }
        let pages: [String: Data]
        do {
            pages = try SiteRenderer(result: result, theme: theme).all()
        } catch {
            throw FuzzViolation("the site does not render: \(error)")
        }
        for (path, page) in pages where path.hasSuffix(".html") {
            try checkCharts(Array(page), in: path)
        }
    }

    /// The findings are in file order; no rule lists more than `FindingFold.listed` + 1 findings about
    /// one subject in one file, and a finding that counts others counts two or more.
    static func requireFolded(_ findings: [Finding]) throws(FuzzViolation) {
        try require(zip(findings, findings.dropFirst()).allSatisfy { !Finding.ordered($1, $0) }, "findings out of order")
        struct Key: Hashable {
            var file: String
            var group: FindingFold.Group
        }
        var listed: [Key: Int] = [:]
        for f in findings {
            try require(f.unlisted == 0 || f.unlisted >= 2, "a finding that counts \(f.unlisted) unlisted: \(f.message)")
            let key = Key(file: f.location.file, group: FindingFold.Group(f))
            listed[key, default: 0] += 1
            try require(listed[key, default: 0] <= FindingFold.listed + 1, "more than \(FindingFold.listed + 1) findings of \(f.rule) listed in \(f.location.file)")
        }
    }

    /// Every chart's coordinates are finite numbers, and its value axis labels no two ticks alike.
    static func checkCharts(_ page: [UInt8], in path: String) throws(FuzzViolation) {
        let html = String(decoding: page, as: UTF8.self)
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = rest[start.lowerBound..<end.upperBound]
            rest = rest[end.upperBound...]
            for (name, value) in attributes(svg) where coordinates.contains(name) {
                let numbers = value.split(whereSeparator: { $0 == " " || $0 == "," })
                try require(!numbers.isEmpty && numbers.allSatisfy { Double($0)?.isFinite == true },
                            "\(path): a chart's \(name)=\"\(value)\"")
            }
            let labels = tickLabels(svg)
            try require(Set(labels).count == labels.count, "\(path): the value axis labels \(labels)")
        }
    }

    /// The attributes that place a chart's shapes; `points` is a list of `x,y` pairs.
    static let coordinates: Set<Substring> = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "points"]

    /// Each `name="value"` of the markup, in order (the chart quotes every attribute with `"`).
    static func attributes(_ svg: Substring) -> [(Substring, Substring)] {
        var found: [(Substring, Substring)] = []
        var rest = svg
        while let equals = rest.range(of: "=\"") {
            let nameStart = rest[..<equals.lowerBound].lastIndex(where: { $0 == " " || $0 == "<" }).map { rest.index(after: $0) }
                ?? equals.lowerBound
            guard let close = rest[equals.upperBound...].firstIndex(of: "\"") else { break }
            found.append((rest[nameStart..<equals.lowerBound], rest[equals.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The texts of the value axis's labels.
    static func tickLabels(_ svg: Substring) -> [Substring] {
        guard let group = svg.range(of: "chart-y-label"),
              let end = svg.range(of: "</g>", range: group.upperBound..<svg.endIndex) else { return [] }
        var labels: [Substring] = []
        var rest = svg[group.upperBound..<end.lowerBound]
        while let open = rest.range(of: "<text"), let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest.range(of: "</text>", range: tagEnd..<rest.endIndex) {
            labels.append(rest[rest.index(after: tagEnd)..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return labels
    }
}
