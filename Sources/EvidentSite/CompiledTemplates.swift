import EvidentSupport
import Mustache

/// The theme's templates as trees that the site walks itself, writing bytes, with the meaning
/// swift-mustache gives them: the same output, byte for byte, for every template and context this
/// layer accepts, and Mustache itself renders whatever it does not accept.
///
/// The trees are swift-mustache's own parse (read from the parsed template), so standalone lines,
/// comments, delimiters and inheritance are what Mustache makes of them. What the walk does not
/// accept, so that Mustache renders it: a template with a transform (`{{count(x)}}`), a dynamic
/// partial, or a content type other than the theme's; and, at render time, an object or a list
/// written as text. Tests render the example site, hostile values and random templates and
/// contexts both ways and compare the bytes.
struct CompiledTemplates: Sendable {
    /// A template as a list of nodes. Sections, partials and blocks are classes, so that walking
    /// a list copies one reference per node.
    enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Section)
        case inverted(Section)
        case partial(Partial)
        case block(Block)
    }

    final class Section: Sendable {
        let name: Name
        let body: [Node]
        init(_ name: Name, _ body: [Node]) {
            self.name = name
            self.body = body
        }
    }

    /// `{{> name}}` or a parent `{{< name}}…{{/name}}` with the blocks it overrides; `indentation`
    /// is that of a standalone tag.
    final class Partial: Sendable {
        let name: String
        let indentation: String?
        let overrides: [String: [Node]]?
        init(_ name: String, indentation: String?, overrides: [String: [Node]]?) {
            self.name = name
            self.indentation = indentation
            self.overrides = overrides
        }
    }

    /// `{{$name}}…{{/name}}`: its default body, unless a parent's include overrides it.
    final class Block: Sendable {
        let name: String
        let body: [Node]
        let indentation: String?
        init(_ name: String, _ body: [Node], indentation: String?) {
            self.name = name
            self.body = body
            self.indentation = indentation
        }
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

    /// Renders `name` with `context`, as `MustacheLibrary.render` renders `context.mustacheValue`.
    func render(_ name: String, _ context: View, capacity: Int = 0) throws -> TextBuffer {
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
                let section = Section(Name(name), body)
                out.append(kind == "section" ? .section(section) : .inverted(section))
            case "blockExpansion":
                guard let name = field(value, "name") as? String, let inner = field(value, "default") as? MustacheTemplate,
                      let body = nodes(inner, &named), let indentation = field(value, "indentation") else { return nil }
                out.append(.block(Block(name, body, indentation: indentation as? String)))
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
                out.append(.partial(Partial(name, indentation: indentation as? String, overrides: overrides)))
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
        var stack: [View]

        mutating func run(_ nodes: [Node], indentation: String, inherited: [String: [Node]]?) throws {
            guard !indentation.isEmpty else {
                for node in nodes { try step(node, indentation: indentation, inherited: inherited) }
                return
            }
            // As Mustache indents a partial: a node's output that follows a line end of this
            // template's output so far gets the indentation in front (a CR LF is not a line end to
            // it: the pair is one Character, not "\n").
            let start = out.count
            for node in nodes {
                let mark = out.count
                try step(node, indentation: indentation, inherited: inherited)
                guard out.count > mark, mark > start else { continue }
                let afterLineEnd = out.withUnsafeBytes { $0[mark - 1] == 0x0A && (mark - start < 2 || $0[mark - 2] != 0x0D) }
                if afterLineEnd { out.insert(indentation, at: mark) }
            }
        }

        private mutating func step(_ node: Node, indentation: String, inherited: [String: [Node]]?) throws {
            switch node {
            case let .text(bytes):
                out.append(bytes)
            case let .variable(name, escaped):
                guard let value = lookUp(name) else { return }
                try write(value, escaped: escaped)
            case let .section(section):
                guard let value = lookUp(section.name) else { return }
                switch value {
                case let .list(items):
                    for item in items { try push(item, section.body, indentation, inherited) }
                case let .rows(rows):
                    for index in 0..<rows.count { try push(rows.item(index), section.body, indentation, inherited) }
                case let .bool(bool):
                    if bool { try run(section.body, indentation: indentation, inherited: inherited) }
                case .object, .text, .html, .int:
                    try push(value, section.body, indentation, inherited)
                }
            case let .inverted(section):
                guard let value = lookUp(section.name) else {
                    return try run(section.body, indentation: indentation, inherited: inherited)
                }
                switch value {
                case let .bool(bool):
                    if !bool { try run(section.body, indentation: indentation, inherited: inherited) }
                case let .list(items):
                    // Mustache pushes the empty list itself.
                    if items.isEmpty { try push(value, section.body, indentation, inherited) }
                case let .rows(rows):
                    if rows.count == 0 { try push(value, section.body, indentation, inherited) }
                case .object, .text, .html, .int:
                    return
                }
            case let .partial(partial):
                guard let nodes = programs[partial.name] else { return }
                var merged = inherited
                if let overrides = partial.overrides {
                    // The blocks a page already overrides win over the parent's own overrides.
                    merged = (inherited ?? [:]).merging(overrides) { outer, _ in outer }
                }
                try run(nodes, indentation: partial.indentation.map { indentation + $0 } ?? indentation, inherited: merged)
            case let .block(block):
                let chosen = inherited?[block.name] ?? block.body
                try run(chosen, indentation: block.indentation.map { indentation + $0 } ?? indentation, inherited: inherited)
            }
        }

        private mutating func push(_ value: View, _ body: [Node], _ indentation: String, _ inherited: [String: [Node]]?) throws {
            stack.append(value)
            defer { stack.removeLast() }
            try run(body, indentation: indentation, inherited: inherited)
        }

        private mutating func write(_ value: View, escaped: Bool) throws {
            switch value {
            case let .text(text):
                if escaped { HTMLText.escape(text, into: &out) } else { out.append(text) }
            case let .html(html):
                if escaped { HTMLText.escape(html.buffer, into: &out) } else { out.append(html.buffer) }
            case let .bool(bool):
                out.append(bool ? "true" : "false")
            case let .int(number):
                out.append(String(number))
            case .list, .rows, .object:
                // Mustache writes a dictionary's or an array's description: its to write.
                throw Unsupported()
            }
        }

        /// `a.b` from the first object on the stack that has `a`; `.a.b` from the top only.
        private func lookUp(_ name: Name) -> View? {
            guard let top = stack.last else { return nil }
            guard let first = name.parts.first else { return top }
            var found: View?
            if name.fromTop {
                found = top[first]
            } else {
                for index in stack.indices.reversed() {
                    if let child = stack[index][first] {
                        found = child
                        break
                    }
                }
            }
            for part in name.parts.dropFirst() {
                guard let object = found else { return nil }
                found = object[part]
            }
            return found
        }
    }
}
