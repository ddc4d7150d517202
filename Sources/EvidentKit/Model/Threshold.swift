/// A target or tolerance: `COMPARATOR NUMBER [UNIT]` (SPEC 2.4).
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    public enum Comparator: String, Sendable, CaseIterable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=="

        /// Higher is better for `>=` and `>`, lower for `<=` and `<`; `==` has no direction.
        public var higherIsBetter: Bool? {
            switch self {
            case .atLeast, .above: true
            case .atMost, .below: false
            case .equal: nil
            }
        }
    }

    public var comparator: Comparator
    public var number: Double
    public var unit: String?

    public init(comparator: Comparator, number: Double, unit: String?) {
        self.comparator = comparator
        self.number = number
        self.unit = unit
    }

    /// nil when the text is not of the grammar.
    public init?(parsing text: String) {
        var rest = Substring(text.trimmed)
        let comparators: [(String, Comparator)] = [(">=", .atLeast), ("<=", .atMost), ("==", .equal),
                                                   (">", .above), ("<", .below), ("=", .equal)]
        guard let (symbol, comparator) = comparators.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        rest = rest.dropFirst(symbol.count).drop(while: { $0 == " " })
        let numberText = rest.prefix(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        guard !numberText.isEmpty, let number = Double(numberText), number.isFinite else { return nil }
        let unit = rest.dropFirst(numberText.count).trimmed
        self.init(comparator: comparator, number: number, unit: unit.isEmpty ? nil : unit)
    }

    public func isMet(by value: Double) -> Bool {
        switch comparator {
        case .atLeast: value >= number
        case .above: value > number
        case .atMost: value <= number
        case .below: value < number
        // Measured values are decimals read from text: compare equal to within rounding noise.
        case .equal: abs(value - number) <= 1e-9 * max(1, abs(number))
        }
    }

    public var description: String {
        let n = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        return "\(comparator.rawValue) \(n)" + (unit.map { " \($0)" } ?? "")
    }
}

/// The status of one measured value against an objective's target and tolerance (SPEC 2.5).
public enum ValueStatus: String, Sendable, CaseIterable {
    case onTarget = "on-target"
    case withinTolerance = "within-tolerance"
    case offTarget = "off-target"
    case noData = "no-data"

    public var label: String {
        switch self {
        case .onTarget: "On target"
        case .withinTolerance: "Within tolerance"
        case .offTarget: "Off target"
        case .noData: "No data"
        }
    }

    public static func of(_ value: Double?, target: Threshold?, tolerance: Threshold?) -> ValueStatus {
        guard let value else { return .noData }
        guard let target else { return .noData }
        if target.isMet(by: value) { return .onTarget }
        if let tolerance, tolerance.isMet(by: value) { return .withinTolerance }
        return .offTarget
    }
}
