import EvidentSupport
import Mustache

/// The theme's templates as trees that the site walks itself, writing bytes, with the meaning
/// swift-mustache gives them: the same output, byte for byte, for every template and context this
/// layer accepts, and Mustache itself renders whatever it does not accept.
///
/// The trees are swift-mustache's own parse (read from the parsed template), so standalone lines,
/// comments, delimiters and inheritance are what Mustache makes of them. What the walk does not
/// accept, so that Mustache renders it: a template with a transform (`{{count(x)}}`), a dynamic
/// partial, or a content type other than the theme's; and, at render time, a value of a type
/// other than text, numbers, booleans, dictionaries and lists, or a dictionary or list written as
/// text. Tests render the example site, hostile values and random templates and contexts both
/// ways and compare the bytes.
struct CompiledTemplates: Sendable {
    enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case inverted(Name, [Node])
        case partial(String, indentation: String?, overrides: [String: [Node]]?)
        case block(String, [Node], indentation: String?)
    }

    /// A tag's name as Mustache resolves it: `.` or `.a.b` from the top of the stack only, `a.b`
    /// from the first object on the stack that has `a`. No parts: the top of the stack.
    struct Name: Sendable {
        let fromTop: Bool
        let parts: [String]

        init(_ name: String) {
            fromTop = name.first == "."
            parts = name.split(separator: ".").map(String.init)
        }
    }

    /// A value or template the walk does not handle: the page goes to Mustache.
    struct Unsupported: Error {}

    /// Template name → its tree, for each template that compiled.
    private let programs: [String: [Node]]
    /// The templates that compiled together with every template they name.
    let renderable: Set<String>

    /// `templates`: name → parsed template, as registered in the theme's library.
    init(_ templates: [String: MustacheTemplate]) {
        var programs: [String: [Node]] = [:]
        var references: [String: Set<String>] = [:]
        for (name, template) in templates {
            var named: Set<String> = []
            if let nodes = Self.nodes(template, &named) {
                programs[name] = nodes
                references[name] = named
            }
        }
        self.programs = programs
        renderable = Set(programs.keys.filter { name in
            var seen: Set<String> = [name], queue = [name]
            while let next = queue.popLast() {
                for reference in references[next] ?? [] where seen.insert(reference).inserted {
                    // A partial Mustache cannot find writes nothing; the walk does the same.
                    guard templates[reference] == nil || programs[reference] != nil else { return false }
                    queue.append(reference)
                }
            }
            return true
        })
    }

    /// Renders `name` with `context`, as `MustacheLibrary.render` would.
    func render(_ name: String, _ context: Any, capacity: Int = 0) throws -> TextBuffer {
        guard renderable.contains(name), let nodes = programs[name] else { throw Unsupported() }
        var walk = Walk(programs: programs, out: TextBuffer(capacity: capacity), stack: [context])
        try walk.run(nodes, indentation: "", inherited: nil)
        return walk.out
    }

    // MARK: compiling swift-mustache's parse

    /// The tree of a parsed template, or nil when it has a tag the walk does not handle.
    private static func nodes(_ template: MustacheTemplate, _ named: inout Set<String>) -> [Node]? {
        guard let tokens = field(template, "tokens") else { return nil }
        var out: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            let mirror = Mirror(reflecting: token.value)
            guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
            let value = payload.value
            switch kind {
            case "text":
                guard let text = value as? String else { return nil }
                out.append(.text(Array(text.utf8)))
            case "variable", "unescapedVariable":
                guard let name = field(value, "name") as? String, (field(value, "transforms") as? [String])?.isEmpty == true else { return nil }
                out.append(.variable(Name(name), escaped: kind == "variable"))
            case "section", "invertedSection":
                guard let name = field(value, "name") as? String, (field(value, "transforms") as? [String])?.isEmpty == true,
                      let inner = field(value, "template") as? MustacheTemplate, let body = nodes(inner, &named) else { return nil }
                out.append(kind == "section" ? .section(Name(name), body) : .inverted(Name(name), body))
            case "blockExpansion":
                guard let name = field(value, "name") as? String, let inner = field(value, "default") as? MustacheTemplate,
                      let body = nodes(inner, &named), let indentation = field(value, "indentation") else { return nil }
                out.append(.block(name, body, indentation: indentation as? String))
            case "partial":
                guard let name = field(value, ".0") as? String, let indentation = field(value, "indentation"),
                      let inherits = field(value, "inherits") else { return nil }
                var overrides: [String: [Node]]?
                if let templates = inherits as? [String: MustacheTemplate] {
                    var compiled: [String: [Node]] = [:]
                    for (block, template) in templates {
                        guard let body = nodes(template, &named) else { return nil }
                        compiled[block] = body
                    }
                    overrides = compiled
                }
                named.insert(name)
                out.append(.partial(name, indentation: indentation as? String, overrides: overrides))
            case "contentType":
                // The pragma every theme template starts with; any other content type escapes otherwise.
                guard value is Theme.EscapedHTML else { return nil }
            default:
                return nil
            }
        }
        return out
    }

    /// The child `label` of a value as `Mirror` shows it: a stored property, or an element of a tuple.
    private static func field(_ value: Any, _ label: String) -> Any? {
        Mirror(reflecting: value).children.first(where: { $0.label == label })?.value
    }

    // MARK: the walk

    private struct Walk {
        let programs: [String: [Node]]
        var out: TextBuffer
        var stack: [Any]

        mutating func run(_ nodes: [Node], indentation: String, inherited: [String: [Node]]?) throws {
            guard !indentation.isEmpty else {
                for node in nodes { try step(node, indentation: indentation, inherited: inherited) }
                return
            }
            // As Mustache indents a partial: each token's output that follows a line end of this
            // template's output so far gets the indentation in front (a CR LF is not a line end to
            // it: the pair is one Character, not "\n").
            let outer = out
            var local = TextBuffer()
            for node in nodes {
                out = TextBuffer()
                try step(node, indentation: indentation, inherited: inherited)
                if out.count > 0, local.withUnsafeBytes({ $0.last == 0x0A && ($0.count < 2 || $0[$0.count - 2] != 0x0D) }) {
                    local.append(indentation)
                }
                local.append(out)
            }
            out = outer
            out.append(local)
        }

        private mutating func step(_ node: Node, indentation: String, inherited: [String: [Node]]?) throws {
            switch node {
            case let .text(bytes):
                out.append(bytes)
            case let .variable(name, escaped):
                guard let value = try lookUp(name) else { return }
                try write(value, escaped: escaped)
            case let .section(name, body):
                guard let value = try lookUp(name) else { return }
                switch Self.kind(value) {
                case .rows:
                    guard let rows = value as? [[String: Any]] else { throw Unsupported() }
                    for row in rows { try push(row, body, indentation, inherited) }
                case .bool:
                    if value as? Bool == true { try run(body, indentation: indentation, inherited: inherited) }
                case .dictionary, .string, .text, .html, .int:
                    // Pushed as they are (`MustacheText` and `HTMLBytes` are never null).
                    try push(value, body, indentation, inherited)
                case .other:
                    switch value {
                    case let list as any MustacheSequence:
                        for item in Self.items(list) { try push(item, body, indentation, inherited) }
                    case is [String: String]:
                        try push(value, body, indentation, inherited)
                    default:
                        // A type of its own: Mustache's to tell what it is.
                        throw Unsupported()
                    }
                }
            case let .inverted(name, body):
                guard let value = try lookUp(name) else { return try run(body, indentation: indentation, inherited: inherited) }
                switch Self.kind(value) {
                case .bool:
                    if value as? Bool == false { try run(body, indentation: indentation, inherited: inherited) }
                case .rows:
                    // Mustache pushes the empty list itself.
                    if (value as? [[String: Any]])?.isEmpty == true { try push(value, body, indentation, inherited) }
                case .dictionary, .string, .text, .html, .int:
                    return
                case .other:
                    switch value {
                    case let list as any MustacheSequence:
                        if Self.items(list).isEmpty { try push(value, body, indentation, inherited) }
                    case is [String: String]:
                        return
                    default:
                        throw Unsupported()
                    }
                }
            case let .partial(name, indented, overrides):
                guard let nodes = programs[name] else { return }
                var merged = inherited
                if let overrides {
                    // The blocks a page already overrides win over the parent's own overrides.
                    merged = (inherited ?? [:]).merging(overrides) { outer, _ in outer }
                }
                try run(nodes, indentation: indented.map { indentation + $0 } ?? indentation, inherited: merged)
            case let .block(name, body, indented):
                let chosen = inherited?[name] ?? body
                try run(chosen, indentation: indented.map { indentation + $0 } ?? indentation, inherited: inherited)
            }
        }

        private mutating func push(_ value: Any, _ body: [Node], _ indentation: String, _ inherited: [String: [Node]]?) throws {
            stack.append(value)
            defer { stack.removeLast() }
            try run(body, indentation: indentation, inherited: inherited)
        }

        private static func items(_ list: any MustacheSequence) -> [Any] {
            func open<S: Sequence>(_ s: S) -> [Any] { s.map { $0 as Any } }
            return open(list)
        }

        private mutating func write(_ value: Any, escaped: Bool) throws {
            // By exact type, as Mustache's `String(describing:)` tells them apart.
            switch ObjectIdentifier(type(of: value)) {
            case Self.string:
                guard let text = value as? String else { throw Unsupported() }
                if escaped { HTMLText.escape(text, into: &out) } else { out.append(text) }
            case Self.text:
                guard let text = value as? MustacheText else { throw Unsupported() }
                if escaped { HTMLText.escape(text.value, into: &out) } else { out.append(text.value) }
            case Self.html:
                guard let html = value as? HTMLBytes else { throw Unsupported() }
                if escaped { HTMLText.escape(html.buffer, into: &out) } else { out.append(html.buffer) }
            case Self.bool:
                guard let bool = value as? Bool else { throw Unsupported() }
                out.append(bool ? "true" : "false")
            case Self.int:
                guard let number = value as? Int else { throw Unsupported() }
                out.append(String(number))
            default:
                // A dictionary's or list's description, or a type of its own: Mustache's to write.
                throw Unsupported()
            }
        }

        private static let string = ObjectIdentifier(String.self)
        private static let text = ObjectIdentifier(MustacheText.self)
        private static let html = ObjectIdentifier(HTMLBytes.self)
        private static let bool = ObjectIdentifier(Bool.self)
        private static let int = ObjectIdentifier(Int.self)

        /// The kinds of value pages are made of, told by exact type: a failed cast (`as?
        /// [String: Any]` of a string) costs hundreds of instructions, and a page has hundreds
        /// of tags. Any other type is `other`, and goes through the casts.
        enum Kind { case dictionary, rows, string, text, html, bool, int, other }

        private static let dictionary = ObjectIdentifier([String: Any].self)
        private static let rows = ObjectIdentifier([[String: Any]].self)

        static func kind(_ value: Any) -> Kind {
            switch ObjectIdentifier(type(of: value)) {
            case dictionary: .dictionary
            case rows: .rows
            case string: .string
            case text: .text
            case html: .html
            case bool: .bool
            case int: .int
            default: .other
            }
        }

        private func lookUp(_ name: Name) throws -> Any? {
            guard let top = stack.last else { return nil }
            guard let first = name.parts.first else { return top }
            var found: Any?
            if name.fromTop {
                found = try Self.child(of: top, first)
            } else {
                for object in stack.reversed() {
                    if let child = try Self.child(of: object, first) {
                        found = child
                        break
                    }
                }
            }
            for part in name.parts.dropFirst() {
                guard let object = found else { return nil }
                found = try Self.child(of: object, part)
            }
            return found
        }

        /// `object`'s child `name` as Mustache finds it: a dictionary's value, nothing in a text,
        /// number, boolean or list (Mustache looks through their `Mirror`, which has no labels).
        private static func child(of object: Any, _ name: String) throws -> Any? {
            switch kind(object) {
            case .dictionary:
                guard let dictionary = object as? [String: Any] else { throw Unsupported() }
                return dictionary[name]
            case .rows, .string, .text, .html, .bool, .int:
                return nil
            case .other:
                switch object {
                case let dictionary as [String: String]: return dictionary[name]
                case is any MustacheSequence: return nil
                default: throw Unsupported()
                }
            }
        }
    }
}
