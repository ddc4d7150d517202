import EvidentLoad
import EvidentModel
import EvidentSupport

/// A link, image or raw HTML in a Markdown body that the site leaves out.
enum SyntaxLink: Rule {
    package static let description = RuleDescription(
        id: "syntax/link", name: "Link, image or HTML the site leaves out", obligation: .syntax, defaultSeverity: .warning,
        summary: "A link in a Markdown body to no content file with a page (a renamed file, a path out of the content folder, a `#section`), an image that is not an inline picture, or raw HTML without `allow_raw_html`: the site shows the text without it.",
        rationale: """
            A body is written beside its content file, so `[the contract](../requirements/msa.md)` \
            leads to that file, and on the site to its page. The site keeps only what it can keep \
            inside itself: a link to a content file it makes a page for (`policy.md`, `evident.yml`, \
            a requirements file, an objective, a review), a web or mail link, an image embedded as \
            `data:image/png` (or GIF, JPEG, WebP), and raw HTML only with `allow_raw_html: true`. \
            Anything else is shown as its text, without a word of warning on the page, so an auditor \
            reads a rationale with a dead reference. This rule reports each such link, at its `[` \
            (a reference link at its definition), naming where it leads and the closest file that \
            has a page; each image the site will not show; and a body's first raw HTML. A link to a \
            file that could not be read is left to that file's own finding. The Markdown is read \
            without being rendered, skipping code blocks and code spans, as cmark-gfm reads it.
            """,
        triggering: [
            // A requirements file renamed after the link was written.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "Rationale.": "Rationale: see ↓[clause 7.2](../requirements/MSA-7.2.md) of the contract.",
            ])]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "The policy.": "The policy. ↓[Passwords](../../etc/passwd), ↓[the scope](#scope) and ↓[a script](javascript:alert(1)).",
            ])]),
            // A reference link, at its definition; evidence files have no page.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "Minutes.": "Minutes, with the [extract][x].\n\n↓[x]: ../evidence/extract-2026-10.csv",
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
            let scan = MarkdownReferences.scan(body.text)
            guard !scan.references.isEmpty || scan.rawHTML != nil else { return }
            var messages: [(offset: Int, text: String)] = []
            if !scan.references.isEmpty {
                let from = LinkTarget.relative(file, root: content.root)
                for reference in scan.references {
                    if let text = targets.problem(reference, from: from) { messages.append((reference.offset, text)) }
                }
            }
            if let at = scan.rawHTML, !model.settings.allowRawHTML {
                messages.append((at, rawHTML(tag(at: at, in: body.text))))
            }
            for (offset, text) in messages.sorted(by: { $0.offset < $1.offset }) {
                let (line, column) = MarkdownReferences.position(of: offset, in: body.text)
                findings.append(description.finding(text, at: SourceLocation(file: file, line: body.firstLine + line, column: column),
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
        /// Content files with a page; built at the first link to a file other than the two every tree has.
        var pages: Set<String>?

        init(_ content: ContentSet) { self.content = content }

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
                if hasPage(path) || content.couldNotRead(path) { return nil }
                return noPage(destination, path: path, kind: kindOfFile(path), suggestion: closest(to: path).map { relativeLink(to: $0, from: file) })
            }
        }

        mutating func hasPage(_ path: String) -> Bool {
            if path == "policy.md" || path == "evident.yml" { return true }
            if pages == nil { pages = Set(LinkTarget.pageFiles(of: content).map(\.file)) }
            return pages?.contains(path) ?? false
        }

        /// What a file without a page is, when evident knows it: nil for one the tree does not have.
        func kindOfFile(_ path: String) -> String? {
            let root = content.root
            if path == "risks.md", content.risks != nil { return "the risk register" }
            if path.hasPrefix("evidence/"), content.evidenceFiles.contains(String(path.dropFirst("evidence/".count))) { return "an evidence file" }
            if content.communications.contains(where: { LinkTarget.relative($0.file, root: root) == path }) { return "a communication" }
            if content.measurementFiles.contains(where: { LinkTarget.relative($0.file, root: root) == path }) { return "a measurements file" }
            return nil
        }

        /// The files with a page by folder, made at the first finding that looks for one.
        var byFolder: [String: [String]]?

        /// The file with a page whose path is closest to `path`, among those of its folder.
        mutating func closest(to path: String) -> String? {
            if byFolder == nil {
                byFolder = Dictionary(grouping: LinkTarget.pageFiles(of: content).map(\.file).sorted(), by: { Self.folder(of: $0) })
            }
            return Suggestion.closest(to: path, in: byFolder?[Self.folder(of: path)] ?? [])
        }

        static func folder(of path: String) -> String {
            path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        }
    }

    /// `target` (relative to the content folder) as a link written in `file`: `../policy.md`.
    static func relativeLink(to target: String, from file: String) -> String {
        var from = file.split(separator: "/").dropLast().map(String.init)
        var to = target.split(separator: "/").map(String.init)
        while let a = from.first, let b = to.first, to.count > 1, a == b {
            from.removeFirst()
            to.removeFirst()
        }
        return (Array(repeating: "..", count: from.count) + to).joined(separator: "/")
    }

    /// The raw HTML at `offset`: up to its first `>` on the line, at most 40 characters.
    static func tag(at offset: Int, in text: String) -> String {
        let bytes = text.utf8.dropFirst(offset).prefix(200)
        let end = bytes.firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\n") })
        let tag = String(decoding: end.map { bytes[...$0] } ?? bytes[...], as: UTF8.self)
        return tag.count > 40 ? String(tag.prefix(40)) + "…" : tag
    }

    // MARK: messages

    static let keeps = "The site keeps links to content files it makes a page for (policy.md, evident.yml, requirements files, objectives and reviews) and web and mail links."

    static func noPage(_ destination: String, path: String, kind: String?, suggestion: String?) -> String {
        let hint = suggestion.map { " Did you mean \(codeSpan($0))?" } ?? ""
        if let kind {
            return "This link leads to \(codeSpan(path)), \(kind), which the site makes no page for, so it shows the link's text without the link. Name the file in words, or link to a page of the site or to a web address.\(hint)"
        }
        return "This link leads to \(codeSpan(path)), which is not in the content folder (renamed or removed?), so the site shows the link's text without the link.\(hint) Correct the path in \(codeSpan(destination)). \(keeps)"
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
