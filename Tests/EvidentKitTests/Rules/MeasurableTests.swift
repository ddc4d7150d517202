import Testing
import Foundation
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSupport

/// Checks the base example tree with some files replaced, and returns the findings of one rule.
private func findings(_ rule: String, _ files: [String: String], removing: [String] = []) throws -> (TemporaryTree, [Finding]) {
    var merged = ExampleTree.base
    for (path, text) in files { merged[path] = text }
    let tree = try TemporaryTree(merged, removing: removing)
    return (tree, try tree.check().findings.filter { $0.rule == rule })
}

private func objective(_ edits: KeyValuePairs<String, String>) -> [String: String] {
    ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: edits)]
}

@Suite struct ThresholdTests {
    @Test(arguments: [
        (">= 99.5", Threshold.Comparator.atLeast), ("> 3", .above), ("<= 4", .atMost), ("< 4", .below),
        ("== 0", .equal), ("= 0", .equal),
    ])
    func everyComparator(text: String, comparator: Threshold.Comparator) throws {
        let t = try #require(Threshold(parsing: text))
        #expect(t.comparator == comparator)
        #expect(t.unit == nil)
    }

    /// The grammar read by Characters, as it was before ASCII text got its own path.
    static func reference(_ text: String) -> Threshold? {
        var rest = Substring(text.trimmed)
        let comparators: [(String, Threshold.Comparator)] = [(">=", .atLeast), ("<=", .atMost), ("==", .equal),
                                                             (">", .above), ("<", .below), ("=", .equal)]
        guard let (symbol, comparator) = comparators.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        rest = rest.dropFirst(symbol.count).drop(while: \.isWhitespace)
        let numberText = rest.prefix(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        guard !numberText.isEmpty, let number = Double(numberText), number.isFinite else { return nil }
        // A number in exponent notation is not read (`1e3 h` is not 1 in the unit `e3 h`).
        var after = rest.dropFirst(numberText.count)
        if after.first == "e" || after.first == "E" {
            after = after.dropFirst()
            if after.first == "-" || after.first == "+" { after = after.dropFirst() }
            if let digit = after.first, digit.isASCII, digit.isNumber { return nil }
        }
        let unit = rest.dropFirst(numberText.count).trimmed
        return Threshold(comparator: comparator, number: number, unit: unit.isEmpty ? nil : unit)
    }

    @Test func asciiTextReadsAsCharactersDo() {
        var random = SplitMix64(seed: 24)
        let pieces = [">", "<", "=", " ", "1", "9", ".", "-", "+", "h", "%", " per month", "\t", "\r\n", "e", "0", "x", "٣", "é"]
        for _ in 0..<50_000 {
            let text = (0..<Int(random.next() % 9)).map { _ in YAMLSubsetReaderTests.pick(pieces, &random) }.joined()
            #expect(Threshold(parsing: text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func numbersAndUnits() throws {
        let spaced = try #require(Threshold(parsing: ">= 99.5 %"))
        let tight = try #require(Threshold(parsing: ">=99.5%"))
        #expect(spaced == tight)
        #expect(spaced == Threshold(comparator: .atLeast, number: 99.5, unit: "%"))
        #expect(Threshold(parsing: "  <= 4 h  ") == Threshold(comparator: .atMost, number: 4, unit: "h"))
        #expect(Threshold(parsing: "<4h") == Threshold(comparator: .below, number: 4, unit: "h"))
        #expect(Threshold(parsing: "= 2 incidents per month") == Threshold(comparator: .equal, number: 2, unit: "incidents per month"))
        #expect(Threshold(parsing: ">= -5 °C") == Threshold(comparator: .atLeast, number: -5, unit: "°C"))
        #expect(Threshold(parsing: "<=-0.25") == Threshold(comparator: .atMost, number: -0.25, unit: nil))
        #expect(Threshold(parsing: "> +3") == Threshold(comparator: .above, number: 3, unit: nil))
        // White space of any kind separates the comparator, the number and the unit: a tab, or the
        // non-breaking space a word processor puts after `<=` and before a unit.
        for spaced in ["<=\t4 h", "<=\u{A0}4\u{A0}h", "<=\u{202F}4 h", "<=  4   h"] {
            #expect(Threshold(parsing: spaced) == Threshold(comparator: .atMost, number: 4, unit: "h"), "\(spaced.debugDescription)")
        }
        // Undocumented but unambiguous, and pinned: a `+` sign, leading zeros, a point with no digit after it.
        #expect(Threshold(parsing: "<= +04. h") == Threshold(comparator: .atMost, number: 4, unit: "h"))
        #expect(Threshold(parsing: "== 0")?.description == "== 0")
        #expect(Threshold(parsing: ">=99.5%")?.description == ">= 99.5 %")
    }

    @Test(arguments: ["", "about 4 h", "4 h", "99.5", ">= ", ">=", ">= abc", ">= h 4", "=> 4", "=< 4", "≥ 4",
                      ">= 4-5", ">= 1.2.3", ">= -", "> = 4", "at least 99.5 %"])
    func garbageIsRejected(text: String) {
        #expect(Threshold(parsing: text) == nil)
    }

    @Test(arguments: ["<= 1e3 h", "<=1E3h", ">= 2.5e-2 %", "> 1e+2", "<= 1e3 µs", "== 0e0", "<= 1.e3"])
    func exponentNotationIsRejected(text: String) {
        #expect(Threshold(parsing: text) == nil)
        #expect(Threshold.exponentNotation(in: text) != nil)
    }

    /// Units that begin with `e` are units, not exponents.
    @Test func unitsStartingWithEStayUnits() {
        #expect(Threshold(parsing: "<= 4 eggs") == Threshold(comparator: .atMost, number: 4, unit: "eggs"))
        #expect(Threshold(parsing: "<= 4e") == Threshold(comparator: .atMost, number: 4, unit: "e"))
        #expect(Threshold(parsing: "<= 4 e3") == Threshold(comparator: .atMost, number: 4, unit: "e3"))
        #expect(Threshold(parsing: ">= 10 errors") == Threshold(comparator: .atLeast, number: 10, unit: "errors"))
        for text in ["<= 4 eggs", "<= 4e", "<= 4 e3", "<= 4 h", "about 1e3", "<= -", ">= 1.2.3e3"] {
            #expect(Threshold.exponentNotation(in: text) == nil, "\(text)")
        }
    }

    @Test func exponentNotationIsRewrittenPlain() throws {
        let cases: [(String, String, String?)] = [
            ("<= 1e3 h", "1e3", "<= 1000 h"), (">=2.5E-2%", "2.5E-2", ">=0.025%"), ("  > -1.5e+2  ", "-1.5e+2", "> -150"),
            ("= 12e-6 ms", "12e-6", "= 0.000012 ms"), ("<= 1e400", "1e400", nil), ("<= 1e3 µs", "1e3", "<= 1000 µs"),
        ]
        for (text, written, rewritten) in cases {
            let found = try #require(Threshold.exponentNotation(in: text), "\(text)")
            #expect(found.written == written, "\(text)")
            #expect(found.rewritten == rewritten, "\(text)")
        }
        #expect(Threshold.exponentHint("<= 1e3 h") == "its number `1e3` is in exponent notation, which evident does not read (nor in measurement values); write it plain: `<= 1000 h`")
        #expect(Threshold.exponentHint("<= 1e400")?.hasSuffix("write it as a plain decimal with a `.` decimal point") == true)
        #expect(Threshold.exponentHint("<= 1000 h") == nil)
    }

    /// A decimal comma is not read, nor taken for a unit (`<= 4,5 h` is not 4 in the unit `,5 h`);
    /// a comma before a word is part of a unit, whatever it means.
    @Test func decimalCommaIsRejected() {
        for text in ["<= 4,5 h", ">=99,5%", "< -0,25", "== 4,5"] {
            #expect(Threshold(parsing: text) == nil, "\(text)")
        }
        #expect(Threshold(parsing: "<= 4, h")?.unit == ", h")
        #expect(Threshold.decimalCommaHint("<= 4,5 h") == "its number `4,5` has a decimal comma, which evident does not read (nor in measurement values); write the decimal point as `.`: `<= 4.5 h`")
        #expect(Threshold.decimalCommaHint(" >=99,5% ") == "its number `99,5` has a decimal comma, which evident does not read (nor in measurement values); write the decimal point as `.`: `>=99.5%`")
        #expect(Threshold.decimalCommaHint("<= 4.5 h") == nil)
        // Three digits after the comma may be thousands: both readings are offered, never 1.000 alone.
        #expect(Threshold.decimalCommaHint("<= 1,000 ms") == "its number `1,000` has a comma, which evident does not read; write `<= 1000 ms` if it separates thousands, or `<= 1.000 ms` if it is a decimal comma")
        #expect(Threshold.decimalCommaHint(">= 1,000,000") == "its number `1,000,000` has commas between thousands, which evident does not read; write it without them: `>= 1000000`")
        #expect(Threshold(parsing: "<= 1,000 ms") == nil)
    }

    /// What evident writes of a threshold has no exponent either: it could not be read back.
    @Test func descriptionIsPlain() {
        #expect(Threshold(parsing: "<= 0.00001")?.description == "<= 0.00001")
        #expect(Threshold(parsing: ">= 1000000000000000000 req")?.description == ">= 1000000000000000000 req")
        #expect(Threshold(parsing: ">= 1234567.125")?.description == ">= 1234567.125")
    }

    @Test func isMetAtTheBoundary() throws {
        let atLeast = try #require(Threshold(parsing: ">= 99.5"))
        #expect(atLeast.isMet(by: 99.5) && atLeast.isMet(by: 100) && !atLeast.isMet(by: 99.49))
        let above = try #require(Threshold(parsing: "> 99.5"))
        #expect(!above.isMet(by: 99.5) && above.isMet(by: 99.51))
        let atMost = try #require(Threshold(parsing: "<= 4"))
        #expect(atMost.isMet(by: 4) && atMost.isMet(by: -1) && !atMost.isMet(by: 4.01))
        let below = try #require(Threshold(parsing: "< 4"))
        #expect(!below.isMet(by: 4) && below.isMet(by: 3.99))
        let equal = try #require(Threshold(parsing: "= 0.3"))
        #expect(equal.isMet(by: 0.1 + 0.2))
        #expect(!equal.isMet(by: 0.31))
        let negative = try #require(Threshold(parsing: ">= -5"))
        #expect(negative.isMet(by: -5) && negative.isMet(by: 0) && !negative.isMet(by: -5.5))
    }

    /// A value is compared with a threshold as the decimals written where their Doubles tie: past
    /// 17 digits two numbers read as one Double, and `==` means equal, not close.
    @Test func isMetByTheDecimalWritten() throws {
        let atLeast = try #require(Threshold(parsing: ">= 99.9 %"))
        #expect(ValueStatus.of(99.9, written: "99.8999999999999999999", target: atLeast, tolerance: nil) == .offTarget)
        #expect(ValueStatus.of(99.9, written: " 99.90 ", target: atLeast, tolerance: nil) == .onTarget)
        #expect(ValueStatus.of(99.9, written: "+99.9", target: atLeast, tolerance: nil) == .onTarget)
        let above = try #require(Threshold(parsing: "> -5"))
        let aboveTolerance = try #require(Threshold(parsing: "> -10"))
        #expect(ValueStatus.of(-5, written: "-4.99999999999999999999", target: above, tolerance: aboveTolerance) == .onTarget)
        #expect(ValueStatus.of(-5, written: "-5", target: above, tolerance: aboveTolerance) == .withinTolerance)
        #expect(ValueStatus.of(-10, written: "-10.0000000000000000001", target: above, tolerance: aboveTolerance) == .offTarget)
        let large = try #require(Threshold(parsing: ">= 1000000000000000000000"))
        #expect(ValueStatus.of(1e21, written: "999999999999999999999.9999", target: large, tolerance: nil) == .offTarget)
        #expect(ValueStatus.of(1e21, written: "1000000000000000000000.0", target: large, tolerance: nil) == .onTarget)
        let zero = try #require(Threshold(parsing: "== 0"))
        let band = try #require(Threshold(parsing: "<= 2"))
        #expect(ValueStatus.of(0.0000000001, written: "0.0000000001", target: zero, tolerance: band) == .withinTolerance)
        #expect(ValueStatus.of(0, written: "-0.000", target: zero, tolerance: band) == .onTarget)
        // Without the text (a value not read from a file), the Double decides as before.
        #expect(ValueStatus.of(99.9, target: atLeast, tolerance: nil) == .onTarget)
        // A tolerance that the target's number, as written, does not meet excludes it.
        let target = try #require(Threshold(parsing: "<= 4.00000000000000000001"))
        #expect(!(try #require(Threshold(parsing: "<= 4"))).isMet(by: target.number, written: target.exact))
        // A threshold's own digits past the Double's count too, and make it another threshold.
        let precise = try #require(Threshold(parsing: ">= 99.90000000000000000001 %"))
        #expect(ValueStatus.of(99.9, written: "99.9", target: precise, tolerance: nil) == .offTarget)
        #expect(ValueStatus.of(99.9, written: "99.900000000000000000011", target: precise, tolerance: nil) == .onTarget)
        #expect(precise != atLeast && precise.number == atLeast.number)
        #expect(Threshold(parsing: "<= 4.0 h") == Threshold(parsing: "<= 4 h"))
    }

    @Test func exactDecimalsCompareAsNumbers() throws {
        func d(_ s: String) throws -> ExactDecimal { try #require(ExactDecimal(s)) }
        let same: [(String, String)] = [("99.90", "99.9"), ("+5", "5"), (".5", "0.5"), ("-0", "0"), ("007.50", "7.5")]
        for (a, b) in same { #expect(try d(a) == d(b), "\(a) \(b)") }
        let ascending: [(String, String)] = [
            ("0.05", "0.5"), ("-0.5", "-0.05"), ("-1", "0"), ("0", "0.000001"), ("99", "100"), ("-100", "-99"),
            ("123.39999999999999999999", "123.4"), ("999999999999999999999.9999", "1000000000000000000000"),
        ]
        for (a, b) in ascending { #expect(try d(a) < d(b) && !(d(b) < d(a)), "\(a) \(b)") }
        for bad in ["", "+", "-", ".", "1.2.3", "1e3", "1,5", "5 ", "--1", "0x10"] { #expect(ExactDecimal(bad) == nil, "\(bad)") }
        let json: [(String, String)] = [
            ("99.5010000000000000001", "99.5010000000000000001"), ("+.50", "0.5"), ("-007.250", "-7.25"), ("1200", "1200"),
            ("0.000", "0"), ("-0", "0"), ("12.", "12"), ("0.0000000001", "0.0000000001"), ("-.05", "-0.05"),
        ]
        for (written, number) in json { #expect(try d(written).jsonNumber == number, "\(written)") }
    }

    /// Compared with Foundation's `Decimal` (38 significant digits, exact for these) on random
    /// decimals and on neighbours made from them: a digit added, the last one moved by one, zeros
    /// put before or after, the sign changed.
    @Test func exactDecimalsAgreeWithFoundationsDecimal() throws {
        var random = SplitMix64(seed: 20261205)
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) }) }
        func decimal() -> String {
            let sign = ["", "", "-", "+"][Int.random(in: 0...3, using: &random)]
            let whole = digits(Int.random(in: 0...17, using: &random))
            let fraction = Int.random(in: 0...2, using: &random) == 0 ? "" : "." + digits(Int.random(in: 1...17, using: &random))
            return sign + (whole.isEmpty && fraction.isEmpty ? "0" : whole) + fraction
        }
        func neighbour(of text: String) -> String {
            switch Int.random(in: 0...4, using: &random) {
            case 0: return text + (text.contains(".") ? "" : ".") + digits(1)
            case 1:
                guard let last = text.last, let digit = last.wholeNumberValue else { return text }
                return String(text.dropLast()) + String((digit + (Bool.random(using: &random) ? 1 : 9)) % 10)
            case 2: return text.contains(".") ? text + "000" : text + ".0"
            case 3: return text.hasPrefix("-") ? String(text.dropFirst()) : "-" + (text.hasPrefix("+") ? text.dropFirst() : Substring(text))
            default: return text.hasPrefix("-") || text.hasPrefix("+") ? text : "00" + text
            }
        }
        func foundation(_ text: String) throws -> Decimal {
            // Decimal reads neither a leading `+` nor a bare `.5`.
            var plain = text.hasPrefix("+") ? String(text.dropFirst()) : text
            if plain.hasPrefix(".") { plain = "0" + plain } else if plain.hasPrefix("-.") { plain = "-0" + plain.dropFirst() }
            return try #require(Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
        }
        for _ in 0..<5_000 {
            let a = decimal()
            let b = Bool.random(using: &random) ? neighbour(of: a) : decimal()
            let (x, y) = (try #require(ExactDecimal(a), "\(a)"), try #require(ExactDecimal(b), "\(b)"))
            let (p, q) = (try foundation(a), try foundation(b))
            #expect((x < y) == (p < q) && (x == y) == (p == q), "\(a) against \(b)")
            // JSON's grammar (no `+`, no bare `.5`, no leading zero), every digit kept.
            let number = try foundation(x.jsonNumber)
            #expect(x.jsonNumber.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?/) != nil && number == p, "\(a)")
        }
    }

    @Test func valueStatus() throws {
        let target = try #require(Threshold(parsing: "<= 4"))
        let tolerance = try #require(Threshold(parsing: "<= 6"))
        #expect(ValueStatus.of(3, target: target, tolerance: tolerance) == .onTarget)
        #expect(ValueStatus.of(5, target: target, tolerance: tolerance) == .withinTolerance)
        #expect(ValueStatus.of(7, target: target, tolerance: tolerance) == .offTarget)
        #expect(ValueStatus.of(5, target: target, tolerance: nil) == .offTarget)
        #expect(ValueStatus.of(nil, target: target, tolerance: tolerance) == .noData)
    }
}

@Suite struct MeasurableTests {
    // MARK: tolerance against target (SPEC 2.4)

    @Test(arguments: [
        // Higher is better.
        (">= 99.5", ">= 99", true), (">= 99.5", ">= 99.5", true), (">= 99.5", "> 99.5", false),
        (">= 99.5", "> 99", true), (">= 99.5", ">= 99.9", false), ("> 99.5", ">= 99.5", true),
        ("> 99.5", "> 99.5", true), ("> 99.5", "> 99.6", false), (">= 99.5", "<= 100", false),
        (">= 99.5", "== 99.5", false),
        // Lower is better.
        ("<= 4", "<= 6", true), ("<= 4", "<= 4", true), ("<= 4", "< 4", false), ("<= 4", "< 4.1", true),
        ("< 4", "<= 4", true), ("< 4", "< 4", true), ("< 4", "< 3", false), ("<= 4", ">= 2", false),
        ("<= -1", "<= 0", true), ("<= -1", "<= -2", false),
        // An equal target takes any tolerance its own number meets.
        ("== 4", "<= 6", true), ("== 4", ">= 3", true), ("== 4", "= 4", true), ("== 4", "> 4", false),
        ("== 4", "< 4", false),
        // Numbers that are one Double but not one decimal: the decimals written decide.
        (">= 99.9", ">= 99.90000000000000001", false), (">= 99.90000000000000001", ">= 99.9", true),
        ("<= 50.000", "<= 49.9999999999999999999", false), ("<= 49.9999999999999999999", "<= 50", true),
        ("> 6", "> 6.0000000000000000000001", false), ("> 6", ">= 6.0000000000000000000001", false),
        ("< 10.00000000000000000001", "< 9.99999999999999999999", false),
        ("== 50", "<= 50.00000000000000001", true), ("== 50.00000000000000001", "<= 50", false),
    ])
    func toleranceContainsTarget(target: String, tolerance: String, ok: Bool) throws {
        let t = try #require(Threshold(parsing: target))
        let l = try #require(Threshold(parsing: tolerance))
        let problem = MeasurableTolerance.mismatch(of: l, against: t)
        #expect((problem == nil) == ok, "\(target) / \(tolerance): \(String(describing: problem))")
        // The witness of a too-strict tolerance really meets the target and misses the tolerance.
        if case let .tighter(witness)? = problem, let witness {
            let value = try #require(Double(witness))
            #expect(t.isMet(by: value, written: ExactDecimal(witness)) && !l.isMet(by: value, written: ExactDecimal(witness)),
                    "\(target) / \(tolerance): \(witness)")
        }
    }

    @Test func missingToleranceIsAWarningAndInvalidOneAnError() throws {
        let (tree, missing) = try findings("measurable/tolerance", objective(["tolerance: \"<= 6 h\"\n": ""]))
        defer { tree.remove() }
        #expect(missing.map(\.severity) == [.warning])
        #expect(missing.first?.location == .wholeFile(tree.display("objectives/OBJ-INC-01.md")))
        let (tree2, invalid) = try findings("measurable/tolerance", objective(["tolerance: \"<= 6 h\"": "tolerance: six hours"]))
        defer { tree2.remove() }
        #expect(invalid.map(\.severity) == [.error])
        let (tree3, strict) = try findings("measurable/tolerance", objective(["tolerance: \"<= 6 h\"": "tolerance: \"<= 3 h\""]))
        defer { tree3.remove() }
        #expect(strict.map(\.severity) == [.error])
        #expect(strict.first?.message.contains("a value of 4 h meets the target but misses the tolerance") == true)
    }

    /// A missing tolerance's message shows one in the target's own direction and unit.
    @Test func missingToleranceSuggestsOneInTheTargetsDirection() throws {
        let (tree, lower) = try findings("measurable/tolerance", objective(["tolerance: \"<= 6 h\"\n": ""]))
        defer { tree.remove() }
        #expect(lower.first?.message.contains("for `<= 4 h`, `<=` a number at or above 4 h") == true, "\(lower)")
        let (tree2, higher) = try findings("measurable/tolerance", objective(["tolerance: \"<= 6 h\"\n": "", "target: \"<= 4 h\"": "target: \">= -10 dB\""]))
        defer { tree2.remove() }
        #expect(higher.first?.message.contains("for `>= -10 dB`, `>=` a number at or below -10 dB") == true, "\(higher)")
        #expect(higher.first?.message.contains("<= 6 h") == false)
        #expect(MeasurableTolerance.missingExample(Threshold(parsing: "== 0")) == "for `== 0`, a threshold that 0 itself meets, such as `<=` a number above it")
        #expect(MeasurableTolerance.missingExample(nil) == "for `<= 4 h`, say `<= 6 h`")
    }

    /// A project override replaces the severity of every finding of the rule, the missing case included.
    @Test func overrideAppliesToMissingTolerance() throws {
        let files = objective(["tolerance: \"<= 6 h\"\n": ""])
            .merging(["evident.yml": ExampleTree.configuration + "rules:\n  measurable/tolerance: error\n"]) { $1 }
        let (tree, raised) = try findings("measurable/tolerance", files)
        defer { tree.remove() }
        #expect(raised.map(\.severity) == [.error])
        let off = objective(["tolerance: \"<= 6 h\"\n": ""])
            .merging(["evident.yml": ExampleTree.configuration + "rules:\n  measurable/tolerance: off\n"]) { $1 }
        let (tree2, none) = try findings("measurable/tolerance", off)
        defer { tree2.remove() }
        #expect(none.isEmpty)
    }

    @Test func toleranceInAnotherUnitIsLeftToTheUnitRule() throws {
        let files = objective(["tolerance: \"<= 6 h\"": "tolerance: \"<= 200 min\""])
        let (tree, tolerance) = try findings("measurable/tolerance", files)
        defer { tree.remove() }
        #expect(tolerance.isEmpty)
        let (tree2, unit) = try findings("measurable/unit", files)
        defer { tree2.remove() }
        #expect(unit.count == 1)
        #expect(unit.first?.message.contains("is in `min` but the metric of `OBJ-INC-01` is measured in `h`") == true)
    }

    // MARK: units

    @Test(arguments: [(">= 99.5 %", true), (">=99.5%", true), (">= 99.5", true), (">= 99.5 pct", false),
                      (">= 99.5 %%", false)])
    func percentUnits(target: String, ok: Bool) throws {
        let files = objective([
            "  unit: h\n": "  unit: \" % \"\n",
            "target: \"<= 4 h\"": "target: \"\(target)\"",
            "tolerance: \"<= 6 h\"": "tolerance: \">= 99 %\"",
        ])
        let (tree, got) = try findings("measurable/unit", files)
        defer { tree.remove() }
        #expect(got.isEmpty == ok, "\(got.map(\.message))")
    }

    @Test func unitComparisonIsExact() throws {
        let (tree, got) = try findings("measurable/unit", objective(["target: \"<= 4 h\"": "target: \"<= 4 H\""]))
        defer { tree.remove() }
        #expect(got.count == 1)
    }

    /// Units that differ and look the same are told apart by the message: what makes them two.
    @Test func unitsThatLookTheSameSayWhatDiffers() throws {
        let (tree, hidden) = try findings("measurable/unit", objective(["target: \"<= 4 h\"": "target: \"<= 4 h\\u200B\""]))
        defer { tree.remove() }
        #expect(hidden.map(\.message).first?.hasSuffix("or change `metric.unit`. The two look the same and differ in an invisible character, U+200B, which shows as nothing: delete it.") == true, "\(hidden.map(\.message))")
        let (tree2, cyrillic) = try findings("measurable/unit", objective(["  unit: h\n": "  unit: \"\\u04BB\"\n", "tolerance: \"<= 6 h\"": "tolerance: \"<= 6 \\u04BB\""]))
        defer { tree2.remove() }
        #expect(cyrillic.map(\.message).first?.hasSuffix("The two look the same and differ in `\u{04BB}` (U+04BB), a Cyrillic letter drawn as the Latin `h`.") == true, "\(cyrillic.map(\.message))")
        let (tree3, micro) = try findings("measurable/unit", objective(["  unit: h\n": "  unit: \u{B5}s\n", "target: \"<= 4 h\"": "target: \"<= 4 \u{3BC}s\"", "tolerance: \"<= 6 h\"": "tolerance: \"<= 6 \u{B5}s\""]))
        defer { tree3.remove() }
        #expect(micro.map(\.message).first?.hasSuffix("The two differ only in how a character is encoded (the micro sign `µ` or the Greek `μ`, a full-width letter, a superscript digit): write both alike.") == true, "\(micro.map(\.message))")
        let (tree4, other) = try findings("measurable/unit", objective(["target: \"<= 4 h\"": "target: \"<= 240 min\""]))
        defer { tree4.remove() }
        #expect(other.map(\.message).first?.hasSuffix("or change `metric.unit`.") == true)
    }

    @Test func unitWithoutMetricUnit() throws {
        let (tree, got) = try findings("measurable/unit", objective(["  unit: h\n": "", "target: \"<= 4 h\"": "target: \"<= 4\""]))
        defer { tree.remove() }
        #expect(got.map(\.message) == ["The tolerance `<= 6 h` is in `h` but the metric of `OBJ-INC-01` has no `unit`; add `unit: h` to the metric, or leave the unit out of the tolerance."])
    }

    // MARK: targets

    @Test func targetHints() throws {
        let (tree, reversed) = try findings("measurable/target", objective(["target: \"<= 4 h\"": "target: \"=< 4 h\""]))
        defer { tree.remove() }
        #expect(reversed.first?.message.hasSuffix("Did you mean `<=`?") == true)
        let (tree2, bare) = try findings("measurable/target", objective(["target: \"<= 4 h\"": "target: 4"]))
        defer { tree2.remove() }
        #expect(bare.first?.message.contains("Put a comparator before the number") == true)
        #expect(bare.first?.message.contains("like `<= 4 h`") == true)
        let (tree3, curly) = try findings("measurable/target", objective(["target: \"<= 4 h\"": "target: \u{201C}<= 4 h\u{201D}"]))
        defer { tree3.remove() }
        #expect(curly.first?.message.hasSuffix("The curly quotation marks are part of the value; quote it with straight ones, `\"<= 4 h\"`.") == true,
                "\(curly.map(\.message))")
        let (tree4, straight) = try findings("measurable/target", objective(["target: \"<= 4 h\"": "target: \"about 4 h\""]))
        defer { tree4.remove() }
        #expect(straight.first?.message.contains("curly") == false)
    }

    /// `<= 1e3 h` is one finding of `measurable/target` at the value, with the plain number, and
    /// not also a unit mismatch (`e3 h`); the tolerance likewise; a history entry's is `syntax/type`.
    @Test func exponentNotationIsOneFindingWithThePlainNumber() throws {
        let (tree, all) = try findings("measurable/target", objective([
            "target: \"<= 4 h\"": "target: \"<= 4e0 h\"", "tolerance: \"<= 6 h\"": "tolerance: \"<=6E0h\"",
            "reason: New objective set.\n": "reason: New objective set.\n    target: \"<= 0.4e1 h\"\n",
        ]))
        defer { tree.remove() }
        let result = try tree.check().findings.filter { $0.rule.hasPrefix("measurable/") || $0.rule == "syntax/type" }
        #expect(all.map(\.message) == ["The target `<= 4e0 h` cannot be measured against: its number `4e0` is in exponent notation, which evident does not read (nor in measurement values); write it plain: `<= 4 h`."])
        #expect(all.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["19:9"])
        #expect(result.map(\.rule).sorted() == ["measurable/target", "measurable/tolerance", "syntax/type"])
        #expect(result.first { $0.rule == "measurable/tolerance" }?.message == "The tolerance `<=6E0h` cannot be measured against: its number `6E0` is in exponent notation, which evident does not read (nor in measurement values); write it plain: `<=6h`.")
        #expect(result.first { $0.rule == "syntax/type" }?.message == "`target` must be a comparison with a number, like `<= 4 h` or `>= 99.5 %`; `<= 0.4e1 h` is not: its number `0.4e1` is in exponent notation, which evident does not read (nor in measurement values); write it plain: `<= 4 h`.")
    }

    @Test func draftsAreCheckedRetiredAreNot() throws {
        for (status, expected) in [("draft", 1), ("retired", 0)] {
            let (tree, got) = try findings("measurable/target", objective([
                "status: active": "status: \(status)", "target: \"<= 4 h\"\n": "",
            ]))
            defer { tree.remove() }
            #expect(got.count == expected, "\(status)")
        }
    }

    // MARK: metric, scope and data source

    @Test func missingBlocks() throws {
        let files = objective([
            "metric:\n  name: P1 restoration time, 90th percentile\n": "metric:\n  name: \"  \"\n",
            "data_source:\n  system: ServiceNow incident table\n  method: 90th percentile of restoration time per month\n": "",
        ])
        let (tree, metric) = try findings("measurable/metric", files)
        defer { tree.remove() }
        #expect(metric.map(\.message) == ["The metric of `OBJ-INC-01` has no `name`; give the metric a `name` and a `definition` precise enough that anyone computing it from the same data gets the same number."])
        #expect(metric.first?.objective == "OBJ-INC-01")
        let (tree2, source) = try findings("measurable/data-source", files)
        defer { tree2.remove() }
        #expect(source.first?.message.hasPrefix("`OBJ-INC-01` has no `data_source`") == true)
        let (tree3, scope) = try findings("measurable/scope", objective([
            "  counts: All P1 incidents resolved in the period.\n  excludes: Incidents caused by customer-side changes.\n": "",
        ]))
        defer { tree3.remove() }
        #expect(scope.first?.message.hasPrefix("The metric of `OBJ-INC-01` has no `counts` and `excludes`") == true)
    }
}
