/// Every rule, in alphabetical order of id. A test fails when a rule type exists that is not
/// listed here, or when the list is out of order.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        EstablishedRequired.self,
        SyntaxConfig.self,
        SyntaxCSV.self,
        SyntaxFrontMatter.self,
        SyntaxType.self,
        SyntaxUnknownField.self,
        SyntaxYAML.self,
    ]

    public static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
