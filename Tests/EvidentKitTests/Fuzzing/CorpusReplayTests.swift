import Foundation
import Testing
@testable import EvidentFuzzTargets
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentSite

/// Replays the committed fuzz corpora (Fuzz/Corpus/TARGET) and every input that ever broke a target
/// (Fuzz/Regressions/TARGET) through the same checks libFuzzer runs, without the sanitizer build.
struct CorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ folder: String, _ target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
        let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            (try? Data(contentsOf: directory.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func corpusPasses(_ target: FuzzTarget) {
        let inputs = Self.inputs("Corpus", target)
        // Each target's corpus holds its seeds at least: an empty folder would test nothing.
        #expect(inputs.count >= 10, "\(target.rawValue): \(inputs.count) corpus files")
        for input in inputs {
            #expect(throws: Never.self, "\(target.rawValue)/\(input.name)") { try target.run(input.bytes) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionsPass(_ target: FuzzTarget) {
        for input in Self.inputs("Regressions", target) {
            #expect(throws: Never.self, "\(target.rawValue)/\(input.name)") { try target.run(input.bytes) }
        }
    }
}

/// The checks the targets make do fail on what they are there to catch: a replay that passes means
/// something.
struct FuzzCheckTests {
    @Test func frontMatterSplitIsCheckedAgainstTheText() throws {
        let text = "---\nid: A\n---\nbody\n"
        guard case let .success(document) = FrontMatterDocument.split(text) else {
            Issue.record("no split")
            return
        }
        try FrontMatterFuzz.checkSplit(document, of: Array(text.utf8))
        guard case let .success(other) = FrontMatterDocument.split("---\nid: B\n---\nbody\n") else { return }
        #expect(throws: FuzzViolation.self) { try FrontMatterFuzz.checkSplit(other, of: Array(text.utf8)) }
        guard case let .success(longer) = FrontMatterDocument.split("---\nid: A\n\n---\nbody\n") else { return }
        #expect(throws: FuzzViolation.self) { try FrontMatterFuzz.checkSplit(longer, of: Array(text.utf8)) }
    }

    @Test func theYAMLComparisonSeesEachOutcome() {
        #expect(YAMLDifferential.compare("a: b\n") == .agreed)
        #expect(YAMLDifferential.compare("a: &x b\n") == .leftToYams)
        #expect(YAMLDifferential.yams("a: [b\n") == nil)
        #expect(YAMLDifferential.yams("a: b\n") != YAMLDifferential.yams("a: 'b'\n"))
    }

    @Test func theTemplateComparisonSeesEachOutcome() {
        let page = TemplateDifferential.page
        #expect(TemplateDifferential.compare([page: "<p>{{a}}</p>{{#b}}{{.}}{{/b}}"], ["a": "<&>", "b": [1, 2]]) == .agreed)
        // An object written as text: the site renders it with Mustache.
        #expect(TemplateDifferential.compare([page: "{{a}}"], ["a": ["k": "v"]]) == .leftToMustache)
        #expect(TemplateDifferential.compare([page: "{{#a}}"], [:]) == .refused)
        #expect(TemplateDifferential.compare([page: "{{> partials/p}}"], [:]) == .refused)
        // The input's fields: page, partial, parent, then the bytes that choose the values.
        let (templates, context) = TemplateDifferential.decode(Array("{{a}}\u{0}p\u{0}q\u{0}\u{1}".utf8))
        #expect(templates == [page: "{{a}}", TemplateDifferential.partial: "p", TemplateDifferential.parent: "q"])
        if case let .object(object) = context { #expect(!object.keys.isEmpty) } else { Issue.record("\(context)") }
    }

    @Test func linksAndImagesOutsideTheSiteAreCaught() throws {
        try MarkdownFuzz.checkLinks(Array(#"<a href="https://x.org">x</a><a href="../../policy.html">p</a>"#.utf8))
        try MarkdownFuzz.checkLinks(Array(#"<img src="data:image/png;base64,AA" alt="" />"#.utf8))
        #expect(throws: FuzzViolation.self) { try MarkdownFuzz.checkLinks(Array(#"<a href="javascript:x">x</a>"#.utf8)) }
        #expect(throws: FuzzViolation.self) { try MarkdownFuzz.checkLinks(Array(#"<a href="../policy.md">x</a>"#.utf8)) }
        #expect(throws: FuzzViolation.self) { try MarkdownFuzz.checkLinks(Array(#"<img src="https://x.org/a.png" />"#.utf8)) }
    }

    @Test func headingLevelsAreChecked() throws {
        #expect(MarkdownFuzz.headingLevels(Array("<h1>a</h1><h2 id=\"x\">b</h2><hr />".utf8)) == [1, 1, 2, 2])
        try MarkdownFuzz.checkHeadings(before: [1, 1, 2, 2], after: [3, 3, 4, 4])
        #expect(throws: FuzzViolation.self) { try MarkdownFuzz.checkHeadings(before: [1, 1, 2, 2], after: [3, 3, 3, 3]) }
        #expect(throws: FuzzViolation.self) { try MarkdownFuzz.checkHeadings(before: [2, 2], after: [2, 2]) }
    }

    @Test func pathsThatLeaveTheFolderAreCaught() throws {
        try GitOutputFuzz.checkPaths([RevisionReader.TreeFile(path: "a/b.md", object: "abc", isLink: false)])
        for path in ["a/../b", "./a", "a//b", "a/"] {
            #expect(throws: FuzzViolation.self) {
                try GitOutputFuzz.checkPaths([RevisionReader.TreeFile(path: path, object: "abc", isLink: false)])
            }
        }
    }

    @Test func csvCellsAreCheckedInOrder() throws {
        let (rows, failure) = try CSVFuzz.read("a,\"b\nc\"\nd\n")
        #expect(rows == [["a", "b\nc"], ["d"]])
        #expect(failure == nil)
    }

    /// A quote followed by a combining mark is one `Character`: the checks' own escaping works on
    /// UTF-8 (the `csv` target once reported its own miss as the reader's; Fuzz/Regressions/csv).
    @Test func quotesBeforeCombiningMarksAreEscaped() {
        // The literals are outside `#expect`, whose expansion cannot quote them.
        let cell = "r\"\u{0369}x", quotedCell = "\"r\"\"\u{0369}x\""
        #expect(CSVFuzz.quoted(cell) == quotedCell)
        let escaped = "a&quot;\u{0301}&amp;lt;", plain = "a\"\u{0301}&lt;"
        #expect(MarkdownFuzz.unescaped(Array(escaped.utf8)) == plain)
    }

    /// The batch reader splits a header on spaces as words, so spaces around them are no error; the
    /// `git` check once read the size as the text after the last space (Fuzz/Regressions/git).
    @Test func batchHeadersWithSpacesAroundTheirWordsAreRead() throws {
        let data = Data(" abc blob 2 \nhi\n".utf8)
        let blobs = try RevisionReader.parseBatch(data, count: 1, label: "test")
        #expect(blobs.map { Array($0) } == [Array("hi".utf8)])
        try FuzzTarget.git.run(Array(data))
    }

    /// Each target runs on a plain input of its kind without a violation.
    @Test func everyTargetRunsOnAPlainInput() throws {
        try FuzzTarget.yaml.run(Array("---\nid: OBJ-1\ntitle: T\n---\n# Body\n".utf8))
        try FuzzTarget.csv.run(Array("period,value,note\n2026-01,3.5,ok\n".utf8))
        try FuzzTarget.markdown.run(Array("# A\n\n- [x] done\n- [ ] open\n\n[p](../../policy.md) ![i](x.png)\n".utf8))
        try FuzzTarget.zip.run(Array("PK not a zip".utf8))
        try FuzzTarget.zipwrite.run(Array("\u{0}pack/a.txt\u{0}\u{9}on target \u{0}pack/b.bin\u{0}\u{0}\u{1}\u{2}".utf8))
        try FuzzTarget.git.run(Array("100644 blob abc\tcontent/a.md\u{0}abc blob 2\nhi\n".utf8))
        try FuzzTarget.templates.run(Array("{{#a}}<li>{{b}}</li>\n{{/a}}\u{0}\u{0}\u{0}\u{1}\u{2}".utf8))
        try FuzzTarget.content.run(Array("---\nid: OBJ-1\n---\n\u{0}period,value,note\n2026-10,3,\n".utf8))
    }

    /// The `content` target's chart check fails on a coordinate that is no number and on two ticks
    /// labelled alike (a scale of 1e-14ths once read "0" five times).
    @Test func chartsWithoutCoordinatesOrWithTicksAlikeAreCaught() throws {
        let good = ##"<svg class="trend-chart"><g class="chart-tick-label chart-y-label" fill="#57606a"><text x="36" y="10">0</text><text x="36" y="20">1</text></g><circle cx="1.5" cy="2" r="4"/><polyline points="1,2 3,4"/></svg>"##
        try ContentFuzz.checkCharts(Array(good.utf8), in: "p.html")
        for bad in [good.replacingOccurrences(of: #"cy="2""#, with: #"cy="nan""#),
                    good.replacingOccurrences(of: #"points="1,2 3,4""#, with: #"points="1,2 inf,4""#),
                    good.replacingOccurrences(of: ">1</text>", with: ">0</text>")] {
            #expect(throws: FuzzViolation.self) { try ContentFuzz.checkCharts(Array(bad.utf8), in: "p.html") }
        }
    }
}
