import EvidentSite
import EvidentSupport
import Foundation

/// The theme's own walk of its templates (`CompiledTemplates`) against swift-mustache, on the same
/// templates and values: wherever the walk renders a page, Mustache writes the same bytes. Used by
/// the `templates` fuzz target and by `CompiledTemplatesTests`.
package enum TemplateDifferential {
    package enum Outcome: Equatable, Sendable {
        /// The theme refused the templates (they do not parse, name a missing template, or loop).
        case refused
        /// The walk does not accept the template or the values: the site renders it with Mustache.
        case leftToMustache
        /// Both wrote the same bytes.
        case agreed
        case differs(expected: String, actual: String)
    }

    /// The templates a comparison replaces in the built-in theme: a page, a partial it can include
    /// (`{{> partials/p}}`) and a parent it can extend (`{{<q}}…{{/q}}`).
    package static let page = "pages/objective", partial = "partials/p", parent = "q"

    /// Renders `page` with `context` both ways, in the built-in theme with `templates` (name →
    /// text) added or replacing its own.
    package static func compare(_ templates: [String: String], _ context: View) -> Outcome {
        guard let theme = theme(templates) else { return .refused }
        return compare(theme, context)
    }

    /// The built-in theme with `templates` (name → text) added or replacing its own; nil when it
    /// refuses them.
    package static func theme(_ templates: [String: String]) -> Theme? {
        var files = Theme.embeddedFiles()
        for (name, text) in templates { files[name + ".mustache"] = Data(text.utf8) }
        return try? Theme(files: files, origins: [:])
    }

    /// Renders `page` of `theme` with `context` both ways.
    package static func compare(_ theme: Theme, _ context: View) -> Outcome {
        // A refused value (an object or a list written as text) or too deep a nesting: the site
        // hands the page to Mustache, or reports the nesting, so there is nothing to compare.
        guard let walked = try? theme.compiled.render(page, context) else { return .leftToMustache }
        guard let expected = try? theme.mustache(page, context) else { return .differs(expected: "(Mustache failed)", actual: walked.text) }
        return walked.text == expected ? .agreed : .differs(expected: expected, actual: walked.text)
    }

    /// Fuzz input: the page, the partial and the parent as UTF-8 text, separated by zero bytes; the
    /// bytes after the third zero choose the values (`context`).
    package static func decode(_ bytes: [UInt8]) -> (templates: [String: String], context: View) {
        let fields = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
        var templates: [String: String] = [:]
        for (name, field) in zip([page, partial, parent], fields) { templates[name] = String(decoding: field, as: UTF8.self) }
        var choices = ByteChoices(fields.count > 3 ? Array(fields[3]) : [])
        return (templates, context(depth: 0, &choices))
    }

    // MARK: random templates and values

    /// A source of choices: random numbers in the tests, the input's bytes when fuzzing.
    package protocol Choices {
        mutating func next() -> UInt64
    }

    /// The input's bytes one at a time, then zeros.
    struct ByteChoices: Choices {
        private let bytes: [UInt8]
        private var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        mutating func next() -> UInt64 {
            guard index < bytes.count else { return 0 }
            defer { index += 1 }
            return UInt64(bytes[index])
        }
    }

    static let keys = ["a", "b", "c", "d"]
    /// `partials/p` and `q` name templates, for a dynamic partial (`{{>*a}}`).
    static let texts = ["", "x", "<b>&amp;\"'</b>", "line\n", "\r", "\r\n", "\n", "\u{E000}&0\u{E001}", "\u{0}",
                        "a\u{301}", "{{a}}", " ", "tail\r", "\u{202E}", partial, parent, "ß hello wORLD-x", "partials/nope"]
    /// swift-mustache's transforms of every kind of value, and two that are none.
    static let transforms = ["count", "empty", "first", "last", "reversed", "uppercased", "lowercased", "capitalized", "plusone",
                             "minusone", "even", "odd", "equalzero", "sorted", "enumerated", "cuont"]

    private static func pick<T>(_ items: [T], _ choices: inout some Choices) -> T {
        items[Int(choices.next() % UInt64(items.count))]
    }

    /// A template of every kind of tag, with the line ends and indentation that make a tag
    /// standalone, sections nested up to three deep, the partial and the parent.
    package static func template(depth: Int, _ choices: inout some Choices) -> String {
        var out = ""
        for _ in 0..<Int(choices.next() % 7) {
            let key = pick(keys, &choices)
            let name = switch choices.next() % 6 { case 0: "\(key).\(pick(keys, &choices))"; case 1: ".\(key)"; default: key }
            switch choices.next() % 16 {
            case 0: out += "{{\(name)}}"
            case 1: out += "{{{\(name)}}}"
            case 2: out += "{{&\(name)}}"
            case 3: out += depth > 0 ? "{{.}}" : "{{\(name)}}"
            case 4 where depth < 3, 5 where depth < 3:
                let inner = template(depth: depth + 1, &choices)
                let open = choices.next() % 2 == 0 ? "#" : "^"
                let line = choices.next() % 2 == 0 ? "\n" : ""
                out += "{{\(open)\(name)}}\(line)\(inner)\(line){{/\(name)}}\(line)"
            case 6 where depth < 2: out += choices.next() % 2 == 0 ? "{{> \(partial)}}" : "\n{{> \(partial)}}\n"
            case 7 where depth < 2: out += pick(["\n  {{> \(partial)}}\n", "\r\n\t{{> \(partial)}}\r\n", " {{> \(partial)}}\n"], &choices)
            case 8 where depth < 2:
                let block = choices.next() % 2 == 0 ? "{{$b}}\(pick(["x\n", "{{a}}", ""], &choices)){{/b}}" : ""
                // A parent's name has no slash: swift-mustache cannot close `{{/partials/q}}`.
                out += pick(["{{<\(parent)}}\(block){{/\(parent)}}", "\n  {{<\(parent)}}\n\(block)\n{{/\(parent)}}\n"], &choices)
            case 9: out += pick(["{{! note }}", "\n{{! note }}\n", "  {{$b}}y\n{{/b}}\n"], &choices)
            case 10: out += pick(["\n", "\r\n", "  \n"], &choices)
            case 11:
                // A transform, or two, of a name, of `.`, or of a list's position (`first()`).
                let inner = choices.next() % 4 == 0 ? pick([".", ""], &choices) : name
                var called = "\(pick(transforms, &choices))(\(inner))"
                if choices.next() % 3 == 0 { called = "\(pick(transforms, &choices))(\(called))" }
                switch choices.next() % 4 {
                case 0 where depth < 3:
                    out += "{{#\(called)}}\(template(depth: depth + 1, &choices)){{/\(called)}}"
                case 1 where depth < 3:
                    out += "{{^\(called)}}\(template(depth: depth + 1, &choices)){{/\(called)}}"
                default:
                    out += choices.next() % 2 == 0 ? "{{\(called)}}" : "{{{\(called)}}}"
                }
            // A partial or parent named by a value: only the page names one, so none includes itself.
            case 12 where depth < 2:
                out += pick(["{{>*\(name)}}", "\n  {{> *\(name)}}\n", "{{<*\(name)}}{{$b}}z{{/b}}{{/*\(name)}}"], &choices)
            // A lone brace, but not one that runs into the next tag's braces: "{{{a}}" does not parse.
            default: out += pick(["<p>", " text ", "&", "é", "}}", "{ "], &choices)
            }
        }
        return out
    }

    /// Values of every kind under the keys the templates name: objects, lists, rows made as they
    /// are reached, booleans, numbers, text and HTML with markup, line ends, NUL and bidi controls.
    package static func context(depth: Int, _ choices: inout some Choices) -> View {
        if depth == 0 || (depth < 3 && choices.next() % 3 == 0) {
            var object = ViewObject()
            for key in keys where choices.next() % 4 != 0 { object[key] = context(depth: depth + 1, &choices) }
            return .object(object)
        }
        switch choices.next() % 8 {
        case 0: return View(choices.next() % 2 == 0)
        case 1: return View(Int(choices.next() % 200) - 100)
        case 2 where depth < 3:
            return .list((0..<Int(choices.next() % 3)).map { _ in context(depth: depth + 1, &choices) })
        case 3 where depth < 3:
            let items = (0..<Int(choices.next() % 3)).map { _ in View(pick(texts, &choices)) }
            return .rows(Rows(count: items.count) { items[$0] })
        case 4: return .html(HTML(TextBuffer(pick(texts, &choices))))
        default: return View(pick(texts, &choices))
        }
    }
}
