/// The `templates` target: a page, a partial and a parent template from the input, with values it
/// chooses, rendered by the theme's walk and by swift-mustache; wherever the walk renders the page,
/// the bytes must be Mustache's (`TemplateDifferential`).
enum TemplateFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        let (templates, context) = TemplateDifferential.decode(bytes)
        if case let .differs(expected, actual) = TemplateDifferential.compare(templates, context) {
            throw FuzzViolation("the walk wrote \(actual.debugDescription) where Mustache writes \(expected.debugDescription) for \(templates)")
        }
    }
}
