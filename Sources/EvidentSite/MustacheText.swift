import Mustache

/// A string in a template context. swift-mustache looks a name up in every object on its stack,
/// and for a plain `String` pushed by a section (`{{#owner}}…{{/owner}}`) it does so through
/// reflection, which made such lookups the most expensive part of rendering 10,000 objective
/// pages. This wrapper answers "no such child" at once, and renders as its text, escaped by `{{…}}`
/// and as it is by `{{{…}}}`, exactly as a `String` would.
struct MustacheText: MustacheParent, MustacheCustomRenderable, CustomStringConvertible, Sendable {
    let value: String

    init(_ value: String) { self.value = value }

    func child(named: String) -> Any? { nil }
    var renderText: String { value }
    var isNull: Bool { false }
    var description: String { value }
}
