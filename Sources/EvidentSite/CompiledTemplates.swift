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
package struct CompiledTemplates: Sendable {
    /// One node of a template. Its payload is plain values (indices into the tables below), so
    /// that walking a template copies no reference: both cores walk the same templates at once,
    /// and would otherwise contend for the same reference counts.
    enum Node: Sendable {
        /// `bytes[range]`.
        case text(Range<Int>)
        /// `names[name]`.
        case variable(Int, escaped: Bool)
        /// `names[name]`, its body `nodes[body]`.
        case section(Int, body: Range<Int>)
        case inverted(Int, body: Range<Int>)
        /// `partials[index]`.
        case partial(Int)
        /// `blocks[index]`.
        case block(Int)
    }

    /// `{{> name}}` or a parent `{{< name}}…{{/name}}` with the blocks it overrides; `indentation`
    /// is that of a standalone tag. `body`: the named template's nodes, nil when it has none.
    struct Partial: Sendable {
        let name: String
        var body: Range<Int>?
        let indentation: String?
        let overrides: [String: Range<Int>]?
    }

    /// `{{$name}}…{{/name}}`: its default body, unless a parent's include overrides it.
    struct Block: Sendable {
        let name: String
        let body: Range<Int>
        let indentation: String?
    }

    /// A tag's name as Mustache resolves it: `.` or `.a.b` from the top of the stack only, `a.b`
    /// from the first object on the stack that has `a`. Its parts are `nameParts[parts]`; none:
    /// the top of the stack.
    struct Name: Sendable {
        let fromTop: Bool
        let parts: Range<Int>
    }

    /// A value or template the walk does not handle: the page goes to Mustache.
    package struct Unsupported: Error {}

    /// Partials and blocks nested deeper than `maximumNesting`: a template that includes itself,
    /// through a partial or through a block that a parent's block contains, which would never end.
    package struct TooDeep: Error {
        /// The partials and blocks being expanded, outermost first, as `partial`/`$block`.
        let chain: [String]
    }

    /// Far deeper than any theme nests its partials; shallow enough for a worker thread's stack.
    static let maximumNesting = 64

    /// Where a name was written: the template, the tag's sigil and name, and how many tags alike
    /// come before it there (`Theme.warnings` finds it in the source text from that).
    package struct WrittenName: Sendable, Hashable {
        package let template: String
        /// `" "` for `{{…}}`, `"&"` for `{{&…}}` or `{{{…}}}`, `"#"` or `"^"` for a section.
        package let sigil: Character
        /// The name as written, trimmed: `metric.name`, `.title`.
        package let name: String
        package let ordinal: Int
    }

    /// Every template's nodes, each body a contiguous range; the tables the nodes index.
    private let nodes: [Node]
    private let bytes: [UInt8]
    private let names: [Name]
    private let nameParts: [String]
    private let partials: [Partial]
    private let blocks: [Block]
    /// `written[name]`: where `names[name]` was written; read only for an unknown name.
    private let written: [WrittenName]
    /// Template name → its nodes, for each template that compiled.
    private let programs: [String: Range<Int>]
    /// The templates that compiled together with every template they name.
    package let renderable: Set<String>

    /// `templates`: name → parsed template, as registered in the theme's library.
    init(_ templates: [String: MustacheTemplate]) {
        var compiler = Compiler()
        var programs: [String: Range<Int>] = [:]
        var references: [String: Set<String>] = [:]
        for name in templates.keys.sorted() {
            guard let template = templates[name] else { continue }
            var named: Set<String> = []
            compiler.template = name
            compiler.seen = [:]
            if let body = compiler.compile(template, &named) {
                programs[name] = body
                references[name] = named
            }
        }
        for index in compiler.partials.indices { compiler.partials[index].body = programs[compiler.partials[index].name] }
        nodes = compiler.nodes
        bytes = compiler.bytes
        names = compiler.names
        nameParts = compiler.nameParts
        partials = compiler.partials
        blocks = compiler.blocks
        written = compiler.written
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
    /// A name that no value on the stack has goes to `unknown`, also when the page then goes to
    /// Mustache (what the walk read until then, it read as Mustache does).
    package func render(_ name: String, _ context: View, capacity: Int = 0, unknown: UnknownNames? = nil) throws -> TextBuffer {
        guard renderable.contains(name), let program = programs[name] else { throw Unsupported() }
        // The tables are read through pointers for the walk, which ends before `self` can go.
        return try nodes.withUnsafeBufferPointer { nodes in
            try bytes.withUnsafeBufferPointer { bytes in
                try names.withUnsafeBufferPointer { names in
                    try nameParts.withUnsafeBufferPointer { nameParts in
                        try partials.withUnsafeBufferPointer { partials in
                            try blocks.withUnsafeBufferPointer { blocks in
                                let hints = UnsafeMutableBufferPointer<Int>.allocate(capacity: nameParts.count)
                                hints.initialize(repeating: 0)
                                defer { hints.deallocate() }
                                var walk = Walk(nodes: nodes, bytes: bytes, names: names, nameParts: nameParts, partials: partials,
                                                blocks: blocks, hints: hints, out: TextBuffer(capacity: capacity), stack: [context])
                                defer {
                                    if let unknown, !walk.misses.isEmpty { unknown.add(walk.misses.map { miss(of: $0) }) }
                                }
                                try walk.run(program, indentation: "", inherited: nil)
                                return walk.out
                            }
                        }
                    }
                }
            }
        }
    }

    /// A miss as the walk noted it, said with names.
    private func miss(of found: Walk.Miss) -> UnknownNames.Miss {
        let parts = Array(nameParts[names[found.name].parts])
        return UnknownNames.Miss(written: written[found.name], found: Array(parts.prefix(found.part)), missing: parts[found.part],
                                 given: found.given)
    }

    // MARK: compiling swift-mustache's parse

    /// Appends templates to the tables; a body's nodes go in before those of the list holding it,
    /// so that each list is one range.
    private struct Compiler {
        var nodes: [Node] = []
        var bytes: [UInt8] = []
        var names: [Name] = []
        var nameParts: [String] = []
        var partials: [Partial] = []
        var blocks: [Block] = []
        var written: [WrittenName] = []
        /// The template being compiled, and how many tags of each sigil and name it has so far.
        var template = ""
        var seen: [String: Int] = [:]

        /// The range of a parsed template's nodes, or nil when it has a tag the walk does not
        /// handle (what it appended then stays unused).
        mutating func compile(_ template: MustacheTemplate, _ named: inout Set<String>) -> Range<Int>? {
            guard let tokens = field(template, "tokens") else { return nil }
            var out: [Node] = []
            for token in Mirror(reflecting: tokens).children {
                let mirror = Mirror(reflecting: token.value)
                guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
                let value = payload.value
                switch kind {
                case "text":
                    guard let text = value as? String else { return nil }
                    let start = bytes.count
                    bytes.append(contentsOf: text.utf8)
                    out.append(.text(start..<bytes.count))
                case "variable", "unescapedVariable":
                    guard let name = field(value, "name") as? String, (field(value, "transforms") as? [String])?.isEmpty == true else { return nil }
                    out.append(.variable(self.name(name, kind == "variable" ? " " : "&"), escaped: kind == "variable"))
                case "section", "invertedSection":
                    // The section's name before its body's, so that names are in the order they are written.
                    guard let name = field(value, "name") as? String, (field(value, "transforms") as? [String])?.isEmpty == true,
                          let inner = field(value, "template") as? MustacheTemplate else { return nil }
                    let index = self.name(name, kind == "section" ? "#" : "^")
                    guard let body = compile(inner, &named) else { return nil }
                    out.append(kind == "section" ? .section(index, body: body) : .inverted(index, body: body))
                case "blockExpansion":
                    guard let name = field(value, "name") as? String, let inner = field(value, "default") as? MustacheTemplate,
                          let body = compile(inner, &named), let indentation = field(value, "indentation") else { return nil }
                    blocks.append(Block(name: name, body: body, indentation: indentation as? String))
                    out.append(.block(blocks.count - 1))
                case "partial":
                    guard let name = field(value, ".0") as? String, let indentation = field(value, "indentation"),
                          let inherits = field(value, "inherits") else { return nil }
                    var overrides: [String: Range<Int>]?
                    if let templates = inherits as? [String: MustacheTemplate] {
                        var compiled: [String: Range<Int>] = [:]
                        for block in templates.keys.sorted() {
                            guard let template = templates[block], let body = compile(template, &named) else { return nil }
                            compiled[block] = body
                        }
                        overrides = compiled
                    }
                    named.insert(name)
                    partials.append(Partial(name: name, body: nil, indentation: indentation as? String, overrides: overrides))
                    out.append(.partial(partials.count - 1))
                case "contentType":
                    // The pragma every theme template starts with; any other content type escapes otherwise.
                    guard value is Theme.EscapedHTML else { return nil }
                default:
                    return nil
                }
            }
            let start = nodes.count
            nodes += out
            return start..<nodes.count
        }

        private mutating func name(_ name: String, _ sigil: Character) -> Int {
            let start = nameParts.count
            nameParts += name.split(separator: ".").map(String.init)
            names.append(Name(fromTop: name.first == ".", parts: start..<nameParts.count))
            let key = "\(sigil)\(name)"
            written.append(WrittenName(template: template, sigil: sigil, name: name, ordinal: seen[key, default: 0]))
            seen[key, default: 0] += 1
            return names.count - 1
        }

        /// The child `label` of a value as `Mirror` shows it: a stored property, or an element of a tuple.
        private func field(_ value: Any, _ label: String) -> Any? {
            Mirror(reflecting: value).children.first(where: { $0.label == label })?.value
        }
    }

    // MARK: the walk

    private struct Walk {
        let nodes: UnsafeBufferPointer<Node>
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Name>
        let nameParts: UnsafeBufferPointer<String>
        let partials: UnsafeBufferPointer<Partial>
        let blocks: UnsafeBufferPointer<Block>
        /// For each name part, where in an object it was last found: looked at first next time.
        let hints: UnsafeMutableBufferPointer<Int>
        var out: TextBuffer
        var stack: [View]
        /// The partials (`true`) and blocks (`false`) being expanded, by index.
        var expanding: [(partial: Bool, index: Int)] = []
        /// The names looked up in vain, each tag once: rare, so only a miss costs anything.
        var misses: [Miss] = []

        /// Part `part` of `names[name]` is on no object where it was looked for; `given`: the
        /// keys of those objects, innermost first.
        struct Miss {
            let name: Int
            let part: Int
            let given: [String]
        }

        mutating func run(_ range: Range<Int>, indentation: String, inherited: [String: Range<Int>]?) throws {
            guard !indentation.isEmpty else {
                for index in range { try step(nodes[index], indentation: indentation, inherited: inherited) }
                return
            }
            // As Mustache indents a partial: a node's output that follows a line end of this
            // template's output so far gets the indentation in front (a CR LF is not a line end to
            // it: the pair is one Character, not "\n").
            let start = out.count
            for index in range {
                let mark = out.count
                try step(nodes[index], indentation: indentation, inherited: inherited)
                guard out.count > mark, mark > start else { continue }
                let afterLineEnd = out.withUnsafeBytes { $0[mark - 1] == 0x0A && (mark - start < 2 || $0[mark - 2] != 0x0D) }
                if afterLineEnd { out.insert(indentation, at: mark) }
            }
        }

        private mutating func step(_ node: Node, indentation: String, inherited: [String: Range<Int>]?) throws {
            switch node {
            case let .text(range):
                out.append(UnsafeBufferPointer(rebasing: bytes[range]))
            case let .variable(name, escaped):
                guard let value = lookUp(name) else { return }
                try write(value, escaped: escaped)
            case let .section(name, body):
                guard let value = lookUp(name) else { return }
                switch value {
                case let .list(items):
                    for item in items { try push(item, body, indentation, inherited) }
                case let .rows(rows):
                    for index in 0..<rows.count { try push(rows.item(index), body, indentation, inherited) }
                case let .bool(bool):
                    if bool { try run(body, indentation: indentation, inherited: inherited) }
                case .object, .text, .html, .int:
                    try push(value, body, indentation, inherited)
                }
            case let .inverted(name, body):
                guard let value = lookUp(name) else {
                    return try run(body, indentation: indentation, inherited: inherited)
                }
                switch value {
                case let .bool(bool):
                    if !bool { try run(body, indentation: indentation, inherited: inherited) }
                case let .list(items):
                    // Mustache pushes the empty list itself.
                    if items.isEmpty { try push(value, body, indentation, inherited) }
                case let .rows(rows):
                    if rows.count == 0 { try push(value, body, indentation, inherited) }
                case .object, .text, .html, .int:
                    return
                }
            case let .partial(index):
                let partial = partials[index]
                guard let body = partial.body else { return }
                try enter(partial: true, index)
                defer { expanding.removeLast() }
                var merged = inherited
                if let overrides = partial.overrides {
                    // The blocks a page already overrides win over the parent's own overrides.
                    merged = (inherited ?? [:]).merging(overrides) { outer, _ in outer }
                }
                try run(body, indentation: partial.indentation.map { indentation + $0 } ?? indentation, inherited: merged)
            case let .block(index):
                let block = blocks[index]
                try enter(partial: false, index)
                defer { expanding.removeLast() }
                let chosen = inherited?[block.name] ?? block.body
                try run(chosen, indentation: block.indentation.map { indentation + $0 } ?? indentation, inherited: inherited)
            }
        }

        private mutating func enter(partial: Bool, _ index: Int) throws {
            expanding.append((partial, index))
            guard expanding.count > CompiledTemplates.maximumNesting else { return }
            throw TooDeep(chain: expanding.map { $0.partial ? partials[$0.index].name : "$" + blocks[$0.index].name })
        }

        private mutating func push(_ value: View, _ body: Range<Int>, _ indentation: String, _ inherited: [String: Range<Int>]?) throws {
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

        /// `a.b` from the first object on the stack that has `a`; `.a.b` from the top only. A part
        /// that an object lacks is noted in `misses`; a value on the way that is no object (`false`
        /// for an empty one) is not: the page gave it.
        private mutating func lookUp(_ index: Int) -> View? {
            let name = names[index]
            guard let first = name.parts.first else { return stack.last }
            // The stack's values are read in place, not copied: only the value found is.
            var found: View? = stack.withUnsafeBufferPointer { values in
                guard !values.isEmpty else { return nil }
                if name.fromTop { return values[values.count - 1].child(nameParts[first], hint: &hints[first]) }
                for index in values.indices.reversed() {
                    if let child = values[index].child(nameParts[first], hint: &hints[first]) { return child }
                }
                return nil
            }
            guard found != nil else {
                noteMiss(index, part: 0, in: name.fromTop ? stack.suffix(1) : stack[...])
                return nil
            }
            for part in name.parts.dropFirst() {
                guard let object = found else { return nil }
                found = object.child(nameParts[part], hint: &hints[part])
                if found == nil { noteMiss(index, part: part - name.parts.lowerBound, in: [object][...]) }
            }
            return found
        }

        private mutating func noteMiss(_ name: Int, part: Int, in searched: ArraySlice<View>) {
            guard !misses.contains(where: { $0.name == name }) else { return }
            var given: [String] = [], inObject = false
            for case let .object(object) in searched.reversed() {
                inObject = true
                given += object.keys
            }
            // Looked for in a text or a list only: a value the page gave, not an unknown name.
            guard inObject else { return }
            misses.append(Miss(name: name, part: part, given: given))
        }
    }
}
