import EvidentSupport
import Foundation
import Mustache

/// The theme's templates as trees that the site walks itself, writing bytes, with the meaning
/// swift-mustache gives them: the same output, byte for byte, for every template and context this
/// layer accepts, and Mustache itself renders whatever it does not accept.
///
/// The trees are swift-mustache's own parse (read from the parsed template), so standalone lines,
/// comments, delimiters and inheritance are what Mustache makes of them. What the walk does not
/// accept, so that Mustache renders it: a template with a content type other than the theme's;
/// and, at render time, an object or a list written as text, a transform it does not do (an
/// object's `enumerated` and `sorted`, one of a list section's position such as `{{#first()}}`),
/// and a dynamic partial naming a template it does not accept. Tests render the example site,
/// hostile values and random templates and contexts both ways and compare the bytes.
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
        /// `transformed[index]`: a tag with a transform (`{{count(items)}}`).
        case transformed(Int)
        /// `dynamicPartials[index]`: `{{>*name}}` or `{{<*name}}…{{/*name}}`.
        case dynamicPartial(Int)
    }

    /// A variable or section whose value goes through transforms first: `transforms` in the
    /// order they apply (innermost first), `names[name]` its value before them.
    struct Transformed: Sendable {
        enum Kind: Sendable {
            case variable(escaped: Bool)
            case section(Range<Int>)
            case inverted(Range<Int>)
        }

        let name: Int
        let transforms: [String]
        let kind: Kind
    }

    /// A partial or parent named by the text value of `names[name]`, as Mustache finds it.
    struct DynamicPartial: Sendable {
        let name: Int
        let indentation: String?
        let overrides: [String: Range<Int>]?
    }

    /// What a dynamic partial needs at render time: every template of the library by name, and
    /// the nodes of those the walk renders.
    final class Library: Sendable {
        let templates: Set<String>
        let programs: [String: Range<Int>]
        init(templates: Set<String>, programs: [String: Range<Int>]) {
            self.templates = templates
            self.programs = programs
        }
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
    struct Unsupported: Error {}

    /// Partials and blocks nested deeper than `maximumNesting`: a template that includes itself,
    /// through a partial or through a block that a parent's block contains, which would never end.
    struct TooDeep: Error {
        /// The partials and blocks being expanded, outermost first, as `partial`/`$block`.
        let chain: [String]
    }

    /// Far deeper than any theme nests its partials; shallow enough for a worker thread's stack.
    static let maximumNesting = 64

    /// Where a name was written: the template, the tag's sigil and name, and how many tags alike
    /// come before it there (`Theme.warnings` finds it in the source text from that).
    struct WrittenName: Sendable, Hashable {
        let template: String
        /// `" "` for `{{…}}`, `"&"` for `{{&…}}` or `{{{…}}}`, `"#"` or `"^"` for a section.
        let sigil: Character
        /// The name as written, trimmed: `metric.name`, `.title`.
        package let name: String
        let ordinal: Int
    }

    /// Every template's nodes, each body a contiguous range; the tables the nodes index.
    private let nodes: [Node]
    private let bytes: [UInt8]
    private let names: [Name]
    private let nameParts: [String]
    private let partials: [Partial]
    private let blocks: [Block]
    private let transformed: [Transformed]
    private let dynamicPartials: [DynamicPartial]
    /// The renderable templates, for dynamic partials.
    private let library: Library
    /// `written[name]`: where `names[name]` was written; read only for an unknown name.
    private let written: [WrittenName]
    /// Template name → its nodes, for each template that compiled.
    private let programs: [String: Range<Int>]
    /// The templates that compiled together with every template they name.
    let renderable: Set<String>

    /// `templates`: name → parsed template, as registered in the theme's library; `texts`: their
    /// text as written, to count the tags of a parent's blocks in the order they are written.
    init(_ templates: [String: MustacheTemplate], texts: [String: String] = [:]) {
        var compiler = Compiler()
        var programs: [String: Range<Int>] = [:]
        var references: [String: Set<String>] = [:]
        for name in templates.keys.sorted() {
            guard let template = templates[name] else { continue }
            var named: Set<String> = []
            compiler.template = name
            compiler.text = texts[name] ?? ""
            compiler.tags = nil
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
        transformed = compiler.transformed
        dynamicPartials = compiler.dynamicPartials
        written = compiler.written
        self.programs = programs
        let renderable = Set(programs.keys.filter { name in
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
        self.renderable = renderable
        library = Library(templates: Set(templates.keys), programs: programs.filter { renderable.contains($0.key) })
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
                                                blocks: blocks, transformed: transformed, dynamicPartials: dynamicPartials,
                                                library: library, hints: hints, out: TextBuffer(capacity: capacity), stack: [context])
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
        switch found.problem {
        case .name:
            let part = min(max(found.part, 0), max(parts.count - 1, 0))
            return UnknownNames.Miss(written: written[found.name], found: Array(parts.prefix(part)),
                                     missing: parts.indices.contains(part) ? parts[part] : "", given: found.given)
        case .transform, .template, .writesFalse, .escapesHTML:
            return UnknownNames.Miss(written: written[found.name], found: parts, missing: found.missing, given: found.given,
                                     problem: found.problem)
        }
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
        var transformed: [Transformed] = []
        var dynamicPartials: [DynamicPartial] = []
        var written: [WrittenName] = []
        /// The template being compiled, its text, and how many tags of each sigil and name it has
        /// so far (`{{{…}}}` counted as `&`).
        var template = ""
        var text = ""
        var seen: [String: Int] = [:]
        /// `text`'s tags, read when a parent's blocks are first ordered.
        var tags: [TemplateReferences.Tag]?

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
                    guard let name = field(value, "name") as? String, let transforms = field(value, "transforms") as? [String] else { return nil }
                    let index = self.name(name, kind == "variable" ? " " : "&", transforms: transforms)
                    if transforms.isEmpty {
                        out.append(.variable(index, escaped: kind == "variable"))
                    } else {
                        transformed.append(Transformed(name: index, transforms: transforms.reversed(), kind: .variable(escaped: kind == "variable")))
                        out.append(.transformed(transformed.count - 1))
                    }
                case "section", "invertedSection":
                    // The section's name before its body's, so that names are in the order they are written.
                    guard let name = field(value, "name") as? String, let transforms = field(value, "transforms") as? [String],
                          let inner = field(value, "template") as? MustacheTemplate else { return nil }
                    let index = self.name(name, kind == "section" ? "#" : "^", transforms: transforms)
                    guard let body = compile(inner, &named) else { return nil }
                    if transforms.isEmpty {
                        out.append(kind == "section" ? .section(index, body: body) : .inverted(index, body: body))
                    } else {
                        transformed.append(Transformed(name: index, transforms: transforms.reversed(),
                                                       kind: kind == "section" ? .section(body) : .inverted(body)))
                        out.append(.transformed(transformed.count - 1))
                    }
                case "blockExpansion":
                    guard let name = field(value, "name") as? String, let inner = field(value, "default") as? MustacheTemplate,
                          let body = compile(inner, &named), let indentation = field(value, "indentation") else { return nil }
                    blocks.append(Block(name: name, body: body, indentation: indentation as? String))
                    out.append(.block(blocks.count - 1))
                case "partial", "dynamicNamePartial":
                    guard let name = field(value, ".0") as? String, let indentation = field(value, "indentation"),
                          let inherits = field(value, "inherits") else { return nil }
                    let dynamic = kind == "dynamicNamePartial"
                    var overrides: [String: Range<Int>]?
                    // The tag as the text has it: a parent's name before its blocks' names.
                    let sigil: Character = inherits is [String: MustacheTemplate] ? "<" : ">"
                    let written = (dynamic ? "*" : "") + name
                    let (nameIndex, ordinal) = dynamic ? self.name(name, sigil, written: written) : (-1, count(sigil, written))
                    if let templates = inherits as? [String: MustacheTemplate] {
                        var compiled: [String: Range<Int>] = [:]
                        for block in blockOrder(of: templates, parent: written, ordinal: ordinal) {
                            guard let template = templates[block], let body = compile(template, &named) else { return nil }
                            compiled[block] = body
                        }
                        overrides = compiled
                    }
                    if dynamic {
                        dynamicPartials.append(DynamicPartial(name: nameIndex, indentation: indentation as? String, overrides: overrides))
                        out.append(.dynamicPartial(dynamicPartials.count - 1))
                    } else {
                        named.insert(name)
                        partials.append(Partial(name: name, body: nil, indentation: indentation as? String, overrides: overrides))
                        out.append(.partial(partials.count - 1))
                    }
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

        /// A name to look up, numbered among the tags alike; `written`: the tag's name as the text
        /// has it, when it is not `name` (`count(items)`, `*kind`).
        private mutating func name(_ name: String, _ sigil: Character, transforms: [String] = [], written: String? = nil) -> Int {
            self.name(name, sigil, written: written ?? transforms.reduce(name) { inner, transform in "\(transform)(\(inner))" }).name
        }

        private mutating func name(_ name: String, _ sigil: Character, written shown: String) -> (name: Int, ordinal: Int) {
            let start = nameParts.count
            nameParts += name.split(separator: ".").map(String.init)
            names.append(Name(fromTop: name.first == ".", parts: start..<nameParts.count))
            let ordinal = count(sigil, shown)
            written.append(WrittenName(template: template, sigil: sigil, name: shown, ordinal: ordinal))
            return (names.count - 1, ordinal)
        }

        /// Counts a tag of `sigil` and name `shown`: how many alike came before it.
        private mutating func count(_ sigil: Character, _ shown: String) -> Int {
            let key = "\(sigil)\(shown)"
            defer { seen[key, default: 0] += 1 }
            return seen[key, default: 0]
        }

        /// The blocks of the `ordinal`-th parent tag `{{<parent}}` in the order the text writes
        /// them, so that their tags are counted in that order. A block written twice is the last
        /// one to Mustache; the tags of the one it drops are counted here. Sorted by name when the
        /// text has no such tag (it is not the template's text).
        private mutating func blockOrder(of blocks: [String: MustacheTemplate], parent: String, ordinal: Int) -> [String] {
            let sorted = blocks.keys.sorted()
            guard !text.isEmpty else { return sorted }
            if tags == nil { tags = TemplateReferences.tags(text) }
            let all = tags ?? []
            guard let open = all.indices.filter({ all[$0].sigil == "<" && all[$0].name == parent }).dropFirst(ordinal).first else { return sorted }
            // The blocks directly inside the parent: each `$` tag at depth 1, and its tags up to its end.
            var written: [(name: String, tags: ArraySlice<TemplateReferences.Tag>)] = []
            var depth = 0, blockStart = 0
            for index in all.indices.dropFirst(open + 1) {
                let tag = all[index]
                switch tag.sigil {
                case "#", "^", "$", "<":
                    if depth == 0, tag.sigil == "$" { blockStart = index + 1 }
                    depth += 1
                case "/":
                    depth -= 1
                    if depth == 0 { written.append((tag.name, all[blockStart..<index])) }
                default:
                    break
                }
                if depth < 0 { break }
            }
            var order: [String] = []
            for (position, block) in written.enumerated() where blocks[block.name] != nil {
                guard written.dropFirst(position + 1).contains(where: { $0.name == block.name }) else {
                    order.append(block.name)
                    continue
                }
                // Dropped by Mustache: its tags still come before the next ones alike.
                for tag in block.tags where tag.sigil != "/" && tag.sigil != "$" {
                    _ = count(tag.sigil == "{" ? "&" : tag.sigil, tag.name)
                }
            }
            return order.count == blocks.count && Set(order).count == order.count ? order : sorted
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
        let transformed: [Transformed]
        let dynamicPartials: [DynamicPartial]
        let library: Library
        /// For each name part, where in an object it was last found: looked at first next time.
        let hints: UnsafeMutableBufferPointer<Int>
        var out: TextBuffer
        var stack: [View]
        /// The partials, blocks and dynamic partials being expanded, by index.
        var expanding: [(kind: Expansion, index: Int)] = []

        enum Expansion { case partial, block, dynamic }
        /// The names looked up in vain, each tag once: rare, so only a miss costs anything.
        var misses: [Miss] = []

        /// Part `part` of `names[name]` is on no object where it was looked for; `given`: the
        /// keys of those objects, innermost first. Or, after it was found: the transform
        /// `missing` is none of that value's, or the template `missing` is not in the theme.
        struct Miss {
            let name: Int
            let part: Int
            let given: [String]
            var missing = ""
            var problem = UnknownNames.Problem.name
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
                noteWritten(name, value, escaped: escaped)
                try write(value, escaped: escaped)
            case let .section(name, body):
                guard let value = lookUp(name) else { return }
                try section(value, body, indentation: indentation, inherited: inherited)
            case let .inverted(name, body):
                try inverted(lookUp(name), body, indentation: indentation, inherited: inherited)
            case let .partial(index):
                let partial = partials[index]
                guard let body = partial.body else { return }
                try include(body, .partial, index, indentation: partial.indentation, overrides: partial.overrides,
                            outer: indentation, inherited: inherited)
            case let .block(index):
                let block = blocks[index]
                try enter(.block, index)
                defer { expanding.removeLast() }
                let chosen = inherited?[block.name] ?? block.body
                try run(chosen, indentation: block.indentation.map { indentation + $0 } ?? indentation, inherited: inherited)
            case let .transformed(index):
                let tag = transformed[index]
                let value = try lookUp(tag.name).flatMap { try transform($0, tag) }
                switch tag.kind {
                case let .variable(escaped):
                    if let value { try write(value, escaped: escaped) }
                case let .section(body):
                    if let value { try section(value, body, indentation: indentation, inherited: inherited) }
                case let .inverted(body):
                    try inverted(value, body, indentation: indentation, inherited: inherited)
                }
            case let .dynamicPartial(index):
                // As Mustache: the name's value, when a text, names the template; else nothing.
                let partial = dynamicPartials[index]
                let target: String
                switch lookUp(partial.name) {
                case let .text(text)?: target = text
                case let .html(html)?: target = html.buffer.text
                default: return
                }
                guard library.templates.contains(target) else {
                    if !misses.contains(where: { $0.name == partial.name }) {
                        misses.append(Miss(name: partial.name, part: 0, given: library.templates.sorted(), missing: target, problem: .template))
                    }
                    return
                }
                guard let body = library.programs[target] else { throw Unsupported() }
                try include(body, .dynamic, index, indentation: partial.indentation, overrides: partial.overrides,
                            outer: indentation, inherited: inherited)
            }
        }

        private mutating func include(_ body: Range<Int>, _ kind: Expansion, _ index: Int, indentation: String?,
                                      overrides: [String: Range<Int>]?, outer: String, inherited: [String: Range<Int>]?) throws {
            try enter(kind, index)
            defer { expanding.removeLast() }
            var merged = inherited
            if let overrides {
                // The blocks a page already overrides win over the parent's own overrides.
                merged = (inherited ?? [:]).merging(overrides) { outer, _ in outer }
            }
            try run(body, indentation: indentation.map { outer + $0 } ?? outer, inherited: merged)
        }

        /// A section over a value that is there: each item of a list, the body once for `true`.
        @inline(__always)
        private mutating func section(_ value: View, _ body: Range<Int>, indentation: String, inherited: [String: Range<Int>]?) throws {
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
        }

        /// An inverted section: its body for no value, `false` or an empty list.
        @inline(__always)
        private mutating func inverted(_ value: View?, _ body: Range<Int>, indentation: String, inherited: [String: Range<Int>]?) throws {
            guard let value else {
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
        }

        private mutating func enter(_ kind: Expansion, _ index: Int) throws {
            expanding.append((kind, index))
            guard expanding.count > CompiledTemplates.maximumNesting else { return }
            throw TooDeep(chain: expanding.map { expansion in
                switch expansion.kind {
                case .partial: partials[expansion.index].name
                case .block: "$" + blocks[expansion.index].name
                case .dynamic: "*" + nameParts[names[dynamicPartials[expansion.index].name].parts].joined(separator: ".")
                }
            })
        }

        /// `value` through the tag's transforms as swift-mustache's `MustacheTransformable`
        /// applies them to the value Mustache is given (`View.mustacheValue`): nil when one gives
        /// nothing, and a transform that is none of a value's is noted (a `false` has none: the
        /// page gave it). A transform of a list's position (`first()`) and an object's
        /// `enumerated` and `sorted` are Mustache's to do.
        private mutating func transform(_ start: View, _ tag: Transformed) throws -> View? {
            guard !names[tag.name].parts.isEmpty || names[tag.name].fromTop else { throw Unsupported() }
            var value = start
            for transform in tag.transforms {
                var result: View?
                let known: [String]
                switch value {
                case let .text(text):
                    (result, known) = (Self.transform(text, transform), Self.textTransforms)
                case let .html(html):
                    (result, known) = (Self.transform(html.buffer.text, transform), Self.textTransforms)
                case let .int(number):
                    known = Self.numberTransforms
                    switch transform {
                    case "equalzero": result = .bool(number == 0)
                    case "plusone", "minusone":
                        let (sum, overflow) = number.addingReportingOverflow(transform == "plusone" ? 1 : -1)
                        guard !overflow else { throw Unsupported() }
                        result = .int(sum)
                    case "even": result = .bool(number & 1 == 0)
                    case "odd": result = .bool(number & 1 == 1)
                    default: result = nil
                    }
                case .list, .rows:
                    let items: [View]
                    if case let .list(list) = value { items = list } else if case let .rows(rows) = value {
                        items = (0..<rows.count).map { rows.item($0) }
                    } else { items = [] }
                    known = Self.listTransforms
                    switch transform {
                    case "first": result = items.first
                    case "last": result = items.last
                    case "reversed": result = .list(items.reversed())
                    case "count": result = .int(items.count)
                    case "empty": result = .bool(items.isEmpty)
                    default: result = nil
                    }
                case let .object(object):
                    known = Self.objectTransforms
                    switch transform {
                    case "count": result = .int(object.count)
                    case "empty": result = .bool(object.count == 0)
                    case "enumerated", "sorted": throw Unsupported()
                    default: result = nil
                    }
                case .bool:
                    return nil
                }
                guard let result else {
                    if !known.contains(transform), !misses.contains(where: { $0.name == tag.name }) {
                        misses.append(Miss(name: tag.name, part: 0, given: known, missing: transform,
                                           problem: .transform(of: Self.kind(of: value))))
                    }
                    return nil
                }
                value = result
            }
            return value
        }

        static let textTransforms = ["capitalized", "empty", "lowercased", "reversed", "uppercased"]
        static let numberTransforms = ["equalzero", "even", "minusone", "odd", "plusone"]
        static let listTransforms = ["count", "empty", "first", "last", "reversed"]
        static let objectTransforms = ["count", "empty", "enumerated", "sorted"]

        /// A text's transform, as Mustache's `StringProtocol.transform`.
        static func transform(_ text: String, _ name: String) -> View? {
            switch name {
            case "empty": .bool(text.isEmpty)
            case "capitalized": .text(text.capitalized)
            case "lowercased": .text(text.lowercased())
            case "uppercased": .text(text.uppercased())
            case "reversed": .text(String(text.reversed()))
            default: nil
            }
        }

        static func kind(of value: View) -> String {
            switch value {
            case .text, .html: "a text"
            case .int: "a number"
            case .list, .rows: "a list"
            case .object: "an object"
            case .bool: "a boolean"
            }
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

        /// A variable that writes `false` (the page has nothing there) or escapes evident's HTML
        /// into text is noted: what it writes is Mustache's, and no page means it.
        private mutating func noteWritten(_ name: Int, _ value: View, escaped: Bool) {
            let problem: UnknownNames.Problem
            switch value {
            case .bool(false): problem = .writesFalse
            case .html where escaped: problem = .escapesHTML
            default: return
            }
            guard !misses.contains(where: { $0.name == name }) else { return }
            misses.append(Miss(name: name, part: 0, given: [], problem: problem))
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
