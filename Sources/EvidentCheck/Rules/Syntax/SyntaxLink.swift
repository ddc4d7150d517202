import EvidentLoad
import EvidentModel
import EvidentSupport

/// A link, image or raw HTML in a Markdown body that the site leaves out.
enum SyntaxLink: Rule {
    static let description = RuleDescription(
        id: "syntax/link", name: "Link, image or HTML the site leaves out", obligation: .syntax, defaultSeverity: .warning,
        summary: "A link in a Markdown body to no content file with a page (a renamed file, a path out of the content folder, a `#section`), an image that is not an inline picture, or raw HTML without `allow_raw_html`: the site shows the text without it.",
        rationale: """
            A body is written beside its content file, so `[the contract](../requirements/msa.md)` \
            leads to that file, and on the site to its page. The site keeps only what it can keep \
            inside itself: a link to a content file it makes a page for (`policy.md`, `evident.yml`, \
            a requirements file, an objective, a review), a web or mail link, an image embedded as \
            `data:image/png` (or GIF, JPEG, WebP), and raw HTML only with `allow_raw_html: true`. \
            Anything else is shown as its text, without a word of warning on the page, so an auditor \
            reads a rationale with a dead reference. This rule reports each such link at its `[` \
            (a link through a reference definition too: each use), naming where it leads and the \
            closest file that has a page; each image the site will not show, at its `!`; and a \
            body's first raw HTML. A link to a file that could not be read is left to that file's \
            own finding. The Markdown is read as cmark-gfm reads it for the site, so what is in a \
            code block or a code span is not a link.
            """,
        triggering: [
            // A requirements file renamed after the link was written.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "Rationale.": "Rationale: see ↓[clause 7.2](../requirements/MSA-7.2.md) of the contract.",
            ])]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "The policy.": "The policy. ↓[Passwords](../../etc/passwd), ↓[the scope](#scope) and ↓[a script](javascript:alert(1)).",
            ])]),
            // A link through a reference definition, at the link; evidence files have no page.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "Minutes.": "Minutes, with the ↓[extract][x].\n\n[x]: ../evidence/extract-2026-10.csv",
            ])]),
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "Notes.": "Notes.\n\n↓![Signed page](https://example.com/msa.png)\n\n↓![Diagram](diagram.png)",
            ])]),
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                "Published the objectives.": "Published the objectives.\n\n↓<div class=\"note\">\nSee the intranet.\n</div>\n\nAnd <b>bold</b>.",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "Rationale.": """
                    See the [policy](../policy.md), [clause 7.2](../requirements/msa.md#clause), the \
                    [functions](../evident.yml), the [review](../reviews/2026-11-10.md), \
                    [the vendor](https://example.com), [mail](mailto:desk@example.com) and <https://example.com/status>.

                    ![Trend](data:image/png;base64,iVBORw0KGgo=) [x]

                    ```markdown
                    [old](missing.md) <div>
                    ```

                    Write `[a](b.md)` or `<br>` to show them; \\[not a link](x.md).
                    """,
            ])]),
            RuleExample(["evident.yml": ExampleTree.configuration + "settings:\n  allow_raw_html: true\n",
                         "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["Minutes.": "Minutes <b>approved</b>."])]),
        ])

    package static func check(_ model: CheckModel) -> [Finding] {
        let content = model.content
        var targets = Targets(content)
        var findings: [Finding] = []
        func read(_ file: String, _ body: MarkdownBody, objective: String? = nil) {
            // The file's path inside the content folder, made at the body's first link.
            var relative: String?
            func from() -> String {
                if let relative { return relative }
                let made = LinkTarget.relative(file, root: content.root)
                relative = made
                return made
            }
            let found = MarkdownReferences.problems(in: body.text) { targets.keeps($0, $1, from: from()) }
            guard !found.references.isEmpty || found.rawHTML != nil else { return }
            var messages: [(at: MarkdownReferences.Position, text: String)] = []
            for reference in found.references {
                if let text = targets.problem(reference, from: from()) { messages.append((reference.position, text)) }
            }
            if let at = found.rawHTML, !model.settings.allowRawHTML {
                messages.append((at, rawHTML(tag(at: at, in: body.text))))
            }
            for (at, text) in messages.sorted(by: { $0.at < $1.at }) {
                findings.append(description.finding(text, at: SourceLocation(file: file, line: body.firstLine + at.line, column: at.column),
                                                    objective: objective))
            }
        }
        if let p = content.policy { read(p.file, p.body) }
        for s in content.requirements { read(s.file, s.body) }
        for o in content.objectives { read(o.file, o.body, objective: o.id?.value) }
        for r in content.reviews { read(r.file, r.body) }
        for c in content.communications { read(c.file, c.body) }
        return findings
    }

    /// What the site does with each destination, with the files it knows made once, when first needed.
    struct Targets {
        let content: ContentSet
        /// Content files with a page, as `LinkTarget.pageFiles` names them; made when first needed.
        var pageFiles: [String]?
        /// The same as a set; built at the first link to a file other than the two every tree has.
        var pages: Set<String>?

        mutating func files() -> [String] {
            if let pageFiles { return pageFiles }
            let made = LinkTarget.pageFiles(of: content).map(\.file)
            pageFiles = made
            return made
        }

        init(_ content: ContentSet) { self.content = content }

        /// Whether the site keeps a link or image to `destination`, written in `file`.
        mutating func keeps(_ kind: MarkdownReferences.Kind, _ destination: String, from file: String) -> Bool {
            if kind == .image { return LinkTarget.isInlineImage(destination) }
            switch LinkTarget.of(destination, from: file) {
            case .web: return true
            case let .file(path): return hasPage(path) || couldNotRead(path)
            case .fragment, .outside, .scheme: return false
            }
        }

        /// Why the site leaves `reference` out, or nil when it keeps it.
        mutating func problem(_ reference: MarkdownReferences.Reference, from file: String) -> String? {
            let destination = reference.destination
            if reference.kind == .image {
                return LinkTarget.isInlineImage(destination) ? nil : image(destination, target: LinkTarget.of(destination, from: file))
            }
            switch LinkTarget.of(destination, from: file) {
            case .web: return nil
            case .fragment: return fragment(destination)
            case .outside: return outside(destination)
            case let .scheme(scheme): return SyntaxLink.scheme(destination, scheme: scheme)
            case let .file(path):
                if hasPage(path) || couldNotRead(path) { return nil }
                // The file the link is in is never the one it meant: a "Superseded by" link written
                // before its successor exists would be offered the objective's own file.
                let meant = closest(to: path).flatMap { $0 == file ? nil : $0 }
                return noPage(destination, path: path, kind: kindOfFile(path), suggestion: meant.map { relativeLink(to: $0, from: file) })
            }
        }

        mutating func hasPage(_ path: String) -> Bool {
            if path == "policy.md" || path == "evident.yml" { return true }
            if pages == nil { pages = Set(files()) }
            return pages?.contains(path) ?? false
        }

        /// The files with no page that the tree has, each with what it is; made at the first link
        /// to a file without a page, so that a tree of dead links costs one look-up a link.
        var kinds: [String: String]?

        /// What a file without a page is, when evident knows it: nil for one the tree does not have.
        mutating func kindOfFile(_ path: String) -> String? {
            if kinds == nil {
                let root = content.root
                var kinds: [String: String] = [:]
                for file in content.measurementFiles { kinds[LinkTarget.relative(file.file, root: root)] = "a measurements file" }
                for c in content.communications { kinds[LinkTarget.relative(c.file, root: root)] = "a communication" }
                for file in content.evidenceFiles { kinds["evidence/" + file] = "an evidence file" }
                if content.risks != nil { kinds["risks.md"] = "the risk register" }
                self.kinds = kinds
            }
            return kinds?[path]
        }

        /// The files a loading finding is about, by the name findings give them.
        var unreadable: Set<String>?

        /// Whether `path` (inside the content folder) could not be read: its own finding says so.
        mutating func couldNotRead(_ path: String) -> Bool {
            if unreadable == nil { unreadable = Set(content.loadFindings.map(\.location.file)) }
            return unreadable?.contains(content.display(path)) ?? false
        }

        /// The files with a page by folder, made at the first finding that looks for one.
        var byFolder: [String: [String]]?

        /// The files with a page by name, made at the first finding that looks for one.
        var byName: [String: [String]]?

        /// The file with a page that `path` most likely meant: the one file of that name when
        /// there is one (a `../` too many or too few), else the closest name in its folder.
        mutating func closest(to path: String) -> String? {
            if byName == nil { byName = Dictionary(grouping: files(), by: { Self.name(of: $0) }) }
            if let same = byName?[Self.name(of: path)], same.count == 1 { return same.first }
            if byFolder == nil {
                byFolder = Dictionary(grouping: files().sorted(), by: { Self.folder(of: $0) })
            }
            return Suggestion.closest(to: path, in: byFolder?[Self.folder(of: path)] ?? [])
        }

        static func name(of path: String) -> String {
            path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(decoding: path.utf8[path.utf8.index(after: $0)...], as: UTF8.self) } ?? path
        }

        static func folder(of path: String) -> String {
            path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(decoding: path.utf8[..<$0], as: UTF8.self) } ?? ""
        }
    }

    /// `target` (relative to the content folder) as a link written in `file`: `../policy.md`.
    static func relativeLink(to target: String, from file: String) -> String {
        // On the UTF-8: a tree of dead links makes one of these a link.
        let slash = UInt8(ascii: "/")
        let from = file.utf8.split(separator: slash).dropLast(), to = target.utf8.split(separator: slash)
        var shared = 0
        while shared < from.count, shared + 1 < to.count,
              from[from.startIndex + shared].elementsEqual(to[to.startIndex + shared]) { shared += 1 }
        var out: [UInt8] = []
        for _ in shared..<from.count { out += Array("../".utf8) }
        for (k, part) in to.dropFirst(shared).enumerated() {
            if k > 0 { out.append(slash) }
            out += part
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The raw HTML at `position`: up to its first `>` on the line, at most 40 characters.
    static func tag(at position: MarkdownReferences.Position, in text: String) -> String {
        guard let line = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(position.line).first else { return "<" }
        let rest = line.unicodeScalars.dropFirst(max(position.column - 1, 0)).prefix(200)
        let end = rest.firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
        let tag = String(String.UnicodeScalarView(rest[..<end]))
        return tag.count > 40 ? String(tag.prefix(40)) + "…" : tag
    }

    // MARK: messages

    static let keeps = "The site keeps links to content files it makes a page for (policy.md, evident.yml, requirements files, objectives and reviews) and web and mail links."

    static func noPage(_ destination: String, path: String, kind: String?, suggestion: String?) -> String {
        let hint = suggestion.map { " Did you mean \(codeSpan($0))?" } ?? ""
        if let kind {
            return "This link leads to \(codeSpan(path)), \(kind), which the site makes no page for, so it shows the link's text without the link. Name the file in words, or link to a page of the site or to a web address.\(hint)"
        }
        let fix = suggestion.map { "Correct the path \(codeSpan(destination)): did you mean \(codeSpan($0))?" } ?? "Correct the path \(codeSpan(destination))."
        return "This link leads to \(codeSpan(path)), which is not in the content folder (renamed or removed?), so the site shows the link's text without the link. \(fix) \(keeps)"
    }

    static func fragment(_ destination: String) -> String {
        destination.isEmpty
            ? "This link has no destination, so the site shows its text without a link. Give it the file or web address it leads to, or remove the brackets."
            : "This link to \(codeSpan(destination)) leads nowhere on the site, which gives the headings of a body no anchors, so it shows the link's text without the link. Name the section in words, or link to a content file (its page)."
    }

    static func outside(_ destination: String) -> String {
        "This link to \(codeSpan(destination)) leads out of the content folder, which the site cannot follow, so it shows the link's text without the link. Link to a content file by its path from this file, or to a web address (https://…). \(keeps)"
    }

    static func scheme(_ destination: String, scheme: String) -> String {
        "This \(codeSpan(scheme + ":")) link (\(codeSpan(destination))) is never kept by the site, so it shows the link's text without the link. Only http:, https: and mailto: links are kept, and links to content files."
    }

    static func image(_ destination: String, target: LinkTarget) -> String {
        let why: String
        switch target {
        case .web: why = "the site makes no request outside itself, so the picture would be fetched from elsewhere whenever the page is read"
        case .file, .outside, .fragment: why = "the site carries no file but its own pages, so the picture would not be there"
        case .scheme: why = "only an inline picture (`data:image/png`, GIF, JPEG or WebP) is shown"
        }
        return "This image (\(codeSpan(destination))) is not shown: \(why). The page shows `[image: …]` with its alt text instead. Embed it as an inline `data:image/png;base64,…` image, or make it a link to the picture on a web server ([…](https://…)), which the reader can follow."
    }

    static func rawHTML(_ tag: String) -> String {
        "The site leaves out raw HTML, from this \(codeSpan(tag)) on (every tag in this body; this is the first). Write it in Markdown, or set `allow_raw_html: true` under `settings:` in evident.yml when every body is trusted."
    }
}
