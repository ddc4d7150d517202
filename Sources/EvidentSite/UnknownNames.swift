import EvidentSupport
import Foundation

/// The names the theme's templates read that no value had where they were read, gathered while
/// the pages render (on any thread) for `Theme.warnings` to report. Every key a page gives is
/// present (`View`), so such a name is a misspelling, or a name of another template's values.
package final class UnknownNames: @unchecked Sendable {
    /// What a tag found missing: a name, a transform of the value it found (`cuont(items)`), or
    /// the template a dynamic partial's value names. Or what a variable wrote that is no text for
    /// the page: `false`, the value of nothing to show, or HTML escaped into its tags as text.
    enum Problem: Hashable, Sendable {
        case name
        /// The value's kind, `a list`.
        case transform(of: String)
        case template
        case writesFalse
        case escapesHTML
    }

    /// One tag's miss: `missing` was looked for after `found` (`metric` of `metric.nmae`), where
    /// the page gave the names `given`. For a transform or a template, `found` is the whole name
    /// and `given` the transforms of that value or the theme's templates.
    struct Miss: Sendable {
        let written: CompiledTemplates.WrittenName
        let found: [String]
        let missing: String
        let given: [String]
        var problem = Problem.name
    }

    private struct Key: Hashable {
        let written: CompiledTemplates.WrittenName
        let part: Int
        let problem: Problem
        /// The transform or template; empty for a name (its part says it).
        let missing: String
    }

    // Guards `misses`; held only to merge a render's misses.
    private let lock = NSLock()
    /// Each tag and part once, with every name given where it missed on any page: the same
    /// whichever thread renders first.
    private var misses: [Key: (miss: Miss, given: Set<String>)] = [:]
    /// Bumped by each tag's first miss; `newWarnings` looks again only when it moved.
    private var generation = 0
    private var reportedGeneration = 0
    /// The template and name of each warning `newWarnings` handed out.
    private var reported: Set<String> = []

    init() {}

    func add(_ new: [Miss]) {
        lock.withLock {
            for miss in new {
                let key = Key(written: miss.written, part: miss.found.count, problem: miss.problem,
                              missing: miss.problem == .name ? "" : miss.missing)
                if misses[key] == nil {
                    misses[key] = (miss, Set(miss.given))
                    generation += 1
                } else {
                    misses[key]?.given.formUnion(miss.given)
                }
            }
        }
    }

    /// Every miss so far, with the names given where it missed, sorted.
    var all: [(miss: Miss, given: [String])] {
        lock.withLock { misses.values.map { ($0.miss, $0.given.sorted()) } }
    }

    /// Whether a tag missed for the first time since the last `unreported`.
    var hasNew: Bool { lock.withLock { generation != reportedGeneration } }

    /// Those of `warnings` whose template and name no earlier call returned.
    func unreported(_ warnings: [Theme.Warning], upTo seen: Int) -> [Theme.Warning] {
        lock.withLock {
            reportedGeneration = max(reportedGeneration, seen)
            return warnings.filter { reported.insert($0.key).inserted }
        }
    }

    var currentGeneration: Int { lock.withLock { generation } }
}

extension Theme {
    /// A name a template reads that no value had where it was read: it wrote nothing, showed no
    /// section, or showed an inverted one; or a `false` or evident's HTML written as text. A
    /// warning, never a failure: the site is as Mustache renders it.
    package struct Warning: CustomStringConvertible, Equatable, Sendable {
        /// The template file as the user knows it.
        package var file: String
        package var line: Int?
        package var column: Int?
        var message: String
        /// The template and the name, once per warning.
        var key = ""

        package var description: String {
            "\(file)\(line.map { ":\($0)" } ?? "")\(line != nil ? column.map { ":\($0)" } ?? "" : ""): \(message)"
        }
    }

    /// The unknown names the pages rendered so far have read (`unknownNames`), once per template
    /// and name, at the first tag of the template's text that missed, sorted by file and place.
    /// A tag is found in the text as the `ordinal`-th tag with its sigil and name: a tag inside
    /// a block a page overrides in its parent (`{{<layout}}{{$main}}…`) may be named at an
    /// earlier tag alike of another block.
    package func warnings() -> [Warning] {
        var first: [String: (tag: TemplateReferences.Tag?, miss: UnknownNames.Miss, given: [String])] = [:]
        var tagsOf: [String: [TemplateReferences.Tag]] = [:]
        for (miss, given) in unknownNames.all {
            let template = miss.written.template
            if tagsOf[template] == nil { tagsOf[template] = TemplateReferences.tags(templates[template] ?? "") }
            let alike = (tagsOf[template] ?? []).filter { tag in
                tag.name == miss.written.name && (tag.sigil == miss.written.sigil || (miss.written.sigil == "&" && tag.sigil == "{"))
            }
            let tag = miss.written.ordinal < alike.count ? alike[miss.written.ordinal] : alike.first
            let key = template + "\u{0}" + miss.written.name
            // The first tag in the text, whichever page or thread found which miss first.
            func order(_ tag: TemplateReferences.Tag?, _ miss: UnknownNames.Miss) -> (Int, Int, Int, String, String) {
                (tag?.line ?? Int.max, tag?.column ?? Int.max, miss.problem == .name ? miss.found.count : Int.max,
                 String(miss.written.sigil), miss.missing)
            }
            if let kept = first[key], order(kept.tag, kept.miss) <= order(tag, miss) { continue }
            first[key] = (tag, miss, given)
        }
        let warnings = first.values.map { tag, miss, given in
            Warning(file: origins[miss.written.template] ?? "templates/\(miss.written.template)\(Self.templateExtension)",
                    line: tag?.line, column: tag?.column, message: Self.unknownName(miss, written: tag?.written(), given: given),
                    key: miss.written.template + "\u{0}" + miss.written.name)
        }
        return warnings.sorted { ($0.file, $0.line ?? 0, $0.column ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.column ?? 0, $1.message) }
    }

    /// The warnings whose template and name no earlier call returned, for `serve`, which renders
    /// a page when a browser asks for it: each is said once per theme read.
    package func newWarnings() -> [Warning] {
        guard unknownNames.hasNew else { return [] }
        let seen = unknownNames.currentGeneration
        return unknownNames.unreported(warnings(), upTo: seen)
    }

    /// What the tag did for want of the name, and the name given there closest to it.
    static func unknownName(_ miss: UnknownNames.Miss, written: String?, given: [String]) -> String {
        let sigil = miss.written.sigil == " " || miss.written.sigil == "&" ? "" : String(miss.written.sigil)
        let tag = codeSpan(written ?? "{{\(sigil)\(miss.written.name)}}")
        let effect = switch miss.written.sigil {
        case "#": "never shows its section"
        case "^": "always shows its section"
        default: "writes nothing"
        }
        let whole = miss.found.joined(separator: ".")
        switch miss.problem {
        case .name:
            break
        case .writesFalse:
            let name = miss.written.name
            return "\(tag) writes `false`: the page has no \(codeSpan(name)) to show here (a value that may be missing is `false`); "
                + "write \(codeSpan("{{#\(name)}}{{.}}{{/\(name)}}")) to show it only when there is one."
        case .escapesHTML:
            let name = miss.written.name
            return "\(tag) writes the HTML of \(codeSpan(name)) as text, its tags shown on the page; write \(codeSpan("{{{\(name)}}}"))."
        case let .transform(kind):
            let hint = Suggestion.closest(to: miss.missing, in: given).map { "; did you mean \(codeSpan($0))?" } ?? "."
            return "\(tag) \(effect): \(codeSpan(miss.written.name.first == "." ? "." + whole : whole)) is \(kind) here, "
                + "and \(codeSpan(miss.missing)) is none of its transforms (\(given.map(codeSpan).joined(separator: ", ")))\(hint)"
        case .template:
            // `active` for `partials/active`: a template is named by its whole path.
            let byFile = Dictionary(given.map { ($0.split(separator: "/").last.map(String.init) ?? $0, $0) }) { first, _ in first }
            let meant = Suggestion.closest(to: miss.missing, in: given)
                ?? Suggestion.closest(to: miss.missing, in: byFile.keys.sorted()).flatMap { byFile[$0] }
            let hint = meant.map { "; did you mean \(codeSpan($0))?" }
                ?? " (a dynamic partial names a template by its path under templates/ without \(templateExtension))."
            return "\(tag) \(effect): \(codeSpan(whole.isEmpty ? "." : whole)) is \(codeSpan(miss.missing)) here, "
                + "and there is no \(miss.missing)\(templateExtension) in the theme\(hint)"
        }
        // `metric.` of `metric.nmae`; `.` of `.titel` (a name from the innermost value only).
        let prefix = (miss.written.name.first == "." ? "." : "") + miss.found.map { $0 + "." }.joined()
        let place = miss.found.isEmpty ? "no value here is named \(codeSpan(miss.missing))"
            : "\(codeSpan(String(prefix.dropLast()))) has no \(codeSpan(miss.missing))"
        // Two letters swapped (`titel`) is the likeliest slip: such a name wins over one as near.
        let swapped = given.filter { $0.count == miss.missing.count && $0.sorted() == miss.missing.sorted() }
        let hint = (Suggestion.closest(to: miss.missing, in: swapped) ?? Suggestion.closest(to: miss.missing, in: given)).map { "; did you mean \(codeSpan(prefix + $0))?" }
            ?? " (templates/README.md lists the names each template receives)."
        return "\(tag) \(effect): \(place)\(hint)"
    }
}
