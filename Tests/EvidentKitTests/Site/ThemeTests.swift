import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// The theme: the embedded copy is the repository's `templates/`, a project folder overrides it
/// file by file, and a missing or broken template stops the build with the file's name.
@Suite struct ThemeTests {
    private func folder(_ files: [String: String]) throws -> TemporaryTree { try TemporaryTree(files) }

    private func failure(_ body: () throws -> Theme) -> Theme.Failure? {
        do {
            _ = try body()
            return nil
        } catch let failure as Theme.Failure {
            return failure
        } catch {
            return nil
        }
    }

    /// `scripts/embed-theme.py` regenerates EmbeddedTheme.swift; this fails when someone forgot to.
    @Test func embeddedThemeIsTheTemplatesFolder() throws {
        let templates = SiteTestSupport.repository.appendingPathComponent("templates").path
        let onDisk = try Theme.readFolder(templates).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(onDisk.keys.sorted() == EmbeddedTheme.files.keys.sorted(),
                "templates/ and EmbeddedTheme.swift list different files: run python3 scripts/embed-theme.py")
        for (path, text) in onDisk {
            #expect(EmbeddedTheme.files[path] == text, "templates/\(path) differs from its embedded copy: run python3 scripts/embed-theme.py")
        }
    }

    @Test func theEmbeddedThemeHasEveryPage() throws {
        let theme = try Theme.embedded()
        for page in Theme.pageTemplates { #expect(theme.templates[page] != nil, "\(page)") }
        #expect(theme.assets["assets/style.css"] != nil && theme.assets["assets/evident.js"] != nil)
    }

    /// A link in the theme folder is named as a link, not left out unseen (which made a partial
    /// linked from elsewhere "missing from the theme"); nothing is read where it points.
    @Test func aLinkInTheThemeIsRefusedNamingIt() throws {
        let tree = try folder(["layout.mustache": "{{> partials/pw}}"])
        defer { tree.remove() }
        let partials = tree.url.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: partials.appendingPathComponent("pw.mustache").path,
                                                   withDestinationPath: "/etc/passwd")
        let found = failure { try Theme.load(overridesFrom: tree.path) }
        #expect(found?.file == tree.path + "/partials/pw.mustache")
        #expect(found?.message == "is a link; evident does not follow links in the theme. Put a copy of the file here.")
    }

    /// A pipe in the theme folder stops the build naming it, at once: it was left out unseen, so a
    /// page template made a pipe by mistake was built from the built-in one without a word, and a
    /// pipe swapped in after the listing held the build forever. A plain file beside it is read.
    @Test(.timeLimit(.minutes(5))) func aPipeInTheThemeIsRefusedNamingIt() throws {
        let tree = try folder(["assets/site.css": "body { color: black }\n"])
        defer { tree.remove() }
        try FileManager.default.createDirectory(at: tree.url.appendingPathComponent("pages"), withIntermediateDirectories: true)
        let pipe = tree.path + "/pages/index.mustache"
        #expect(mkfifo(pipe, 0o600) == 0)
        let found = failure { try Theme.load(overridesFrom: tree.path) }
        #expect(found?.file == pipe)
        #expect(found?.message == "is not a regular file (a pipe, socket or device); the theme holds only files. Remove it.")
        // Read directly, as a file swapped in after the listing would be: refused, not waited on.
        #expect(throws: Theme.Failure.self) { try Theme.readFile(pipe, display: pipe) }
        #expect(try Theme.readFile(tree.path + "/assets/site.css", display: "site.css") == Data("body { color: black }\n".utf8))

        try FileManager.default.removeItem(atPath: pipe)
        let theme = try Theme.load(overridesFrom: tree.path)
        #expect(theme.assets["assets/site.css"] == Data("body { color: black }\n".utf8))
    }

    @Test func aThemeFileTooLargeIsRefusedNamingIt() throws {
        let tree = try folder(["layout.mustache": "x"])
        defer { tree.remove() }
        let big = tree.path + "/assets/huge.woff2"
        try FileManager.default.createDirectory(at: tree.url.appendingPathComponent("assets"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, off_t(Theme.maximumFileBytes + 1)) == 0)
        let found = failure { try Theme.load(overridesFrom: tree.path) }
        #expect(found?.file == big)
        #expect(found?.message == "holds 65 MB; a theme file may hold at most 64 MB.")
    }

    @Test func aMissingPartialIsAnErrorNamingTheFileAndLine() throws {
        let tree = try folder(["partials/footer.mustache": "<footer>\n{{> partials/colophon}}\n</footer>\n"])
        defer { tree.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.file == "\(tree.path)/partials/footer.mustache")
        #expect(found.line == 2)
        #expect(found.message.contains("`partials/colophon`"))
        #expect(found.message.hasSuffix("in the theme."), "no template is near enough to guess")
        #expect(found.column == 1)
        #expect(found.description.hasPrefix("\(tree.path)/partials/footer.mustache:2:1: "))
    }

    /// Every message that names a line names its column too, in characters as an editor counts
    /// them (a `\r\n` ends a line; `é` is one column), so that an author finds the tag.
    @Test func messagesNameTheColumnOfTheTag() throws {
        let tree = try folder(["partials/header.mustache": "<header>\r\n  <p>é {{> partials/heade}}</p>\r\n</header>\r\n",
                               "partials/footer.mustache": "<footer>\n  <ul>{{#nav}}<li>{{label}}</li>{{/navs}}</ul>\n</footer>\n"])
        defer { tree.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.description.hasPrefix("\(tree.path)/partials/footer.mustache:2:33: the template does not parse: `{{/navs}}` closes `{{#nav}}`"),
                "\(found.description)")
        try Data("<footer></footer>\n".utf8).write(to: tree.url.appendingPathComponent("partials/footer.mustache"))
        let partial = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(partial.description == "\(tree.path)/partials/header.mustache:2:8: names the template `partials/heade`, but there is no partials/heade.mustache in the theme; did you mean `partials/header`?")
        #expect(TemplateReferences.scan("a\r\n\r\n {{>x}}") == [TemplateReferences.Reference(name: "x", line: 3, column: 2)])
    }

    /// A tag never ended (`{{title`, a comment, a triple mustache) is named with where it opens,
    /// not the parser's "overflow" at the end of the file.
    @Test func aTagNeverEndedIsNamedWhereItOpens() throws {
        for (text, opening, closing, line, column) in [
            ("<p>\n  <b>{{site.title</b>\n</p>\n", "{{site.title</b>", "}}", 2, 6),
            ("{{! a note\n<p></p>\n", "{{! a note", "}}", 1, 1),
            ("<div>{{{body}}</div>\n", "{{{body}}</div>", "}}}", 1, 6),
            ("{{=<% %>=}}\n<%title\n", "<%title", "%>", 2, 1),
        ] {
            let tree = try folder(["partials/footer.mustache": text])
            defer { tree.remove() }
            let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
            #expect(found.line == line && found.column == column, "\(found.description)")
            #expect(found.message == "the template does not parse: `\(opening)` is never ended; close it with `\(closing)`.", "\(found.message)")
        }
        #expect(TemplateReferences.unterminated("{{a}} {{{b}}} {{! c }} {{=<% %>=}} <%d%>") == nil)
    }

    /// `init --templates` records each file's digest beside the copy; `build` notes a file kept
    /// whose built-in version has changed since, and nothing for a copy as fresh as the theme.
    @Test func anOverrideCopiedFromAnOlderThemeIsNoted() throws {
        let copy = Theme.filesToCopy()
        let header = try #require(EmbeddedTheme.files["partials/header.mustache"])
        let record = try #require(copy[Theme.copyRecord].map { String(decoding: $0, as: UTF8.self) })
        #expect(record.contains("\n\(Theme.digest(Data(header.utf8)))  partials/header.mustache\n"))
        let fresh = try folder(["partials/header.mustache": header,
                                Theme.copyRecord: record])
        defer { fresh.remove() }
        #expect(try Theme.load(overridesFrom: fresh.path).outdated.isEmpty)

        // The same record as an older evident would have written it: another header.
        let older = record.replacingOccurrences(of: "evident \(Evident.version)\n", with: "evident 0.0.9\n")
            .replacingOccurrences(of: Theme.digest(Data(header.utf8)),
                                  with: Theme.digest(Data("<header>before</header>\n".utf8)))
        let stale = try folder(["partials/header.mustache": "<header class=\"intranet\">{{site.title}}</header>\n",
                                "partials/footer.mustache": "<footer></footer>\n", Theme.copyRecord: older])
        defer { stale.remove() }
        let notes = try Theme.load(overridesFrom: stale.path).outdated
        #expect(notes == ["\(stale.path)/partials/header.mustache was copied from evident 0.0.9's theme, and this evident's partials/header.mustache has changed since: compare the two (templates/README.md, \"Upgrading evident under your templates\"), then delete its line from \(stale.path)/.evident-theme."])
        // Not copied by init (no record), or a record that is not one: nothing to say.
        #expect(Theme.outdated(record: "", shown: "r", overrides: ["partials/header.mustache": "x"], builtIn: Theme.embeddedFiles()).isEmpty)
        #expect(Theme.outdated(record: "zz  partials/header.mustache\n", shown: "r", overrides: ["partials/header.mustache": "x"],
                               builtIn: Theme.embeddedFiles()).isEmpty)
        // This README is not part of the theme: a kept copy of it is not noted.
        #expect(Theme.outdated(record: "\(String(repeating: "0", count: 64))  README.md\n", shown: "r", overrides: ["README.md": "x"],
                               builtIn: Theme.embeddedFiles()).isEmpty)
    }

    /// A template that is not UTF-8 is named with the line and column of its first bad byte.
    @Test func aTemplateThatIsNotUTF8NamesItsFirstBadByte() throws {
        let tree = try folder([:])
        defer { tree.remove() }
        let partials = tree.url.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try Data("<footer>\n  <p>Café \u{2014} ".utf8 + [0xE9] + Data("t\u{E9}</p>\n".utf8))
            .write(to: partials.appendingPathComponent("footer.mustache"))
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.description == "\(tree.path)/partials/footer.mustache:2:13: is not UTF-8 text: the byte 0xE9 here starts no UTF-8 character; save the file as UTF-8.")
        #expect(Theme.firstInvalidUTF8(Data("ok\n".utf8)) == nil)
    }

    @Test func aMissingParentIsAnErrorToo() throws {
        let tree = try folder(["pages/owners.mustache": "{{<frame}}{{$main}}Owners{{/main}}{{/frame}}\n"])
        defer { tree.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.file.hasSuffix("pages/owners.mustache") && found.message.contains("`frame`"))
    }

    /// A template that includes itself would never end: refused when the theme is read, with the
    /// loop and the line that closes it.
    @Test func aPartialThatIncludesItselfIsRefused() throws {
        let tree = try folder(["partials/link.mustache": "<a>\n{{> partials/badge}}</a>\n",
                               "partials/badge.mustache": "{{#kind}}{{> partials/link}}{{/kind}}\n"])
        defer { tree.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.file == "\(tree.path)/partials/link.mustache")
        #expect(found.line == 2)
        #expect(found.message.contains("`partials/badge` → `partials/link` → `partials/badge`"), "\(found.message)")
        #expect(Theme.firstLoop(["a": [.init(name: "b", line: 1)], "b": [.init(name: "c", line: 3)]]) == nil)
    }

    /// A parent's block that holds a block of its own name expands itself: the walk stops it and
    /// the build fails naming the page, instead of running out of stack.
    @Test func aBlockThatExpandsItselfFailsTheBuild() throws {
        var files = Theme.embeddedFiles()
        files["frame.mustache"] = Data("[{{$b}}default{{/b}}]".utf8)
        files["middle.mustache"] = Data("{{<frame}}{{$b}}again {{> partials/again}}{{/b}}{{/frame}}".utf8)
        files["partials/again.mustache"] = Data("{{$b}}{{/b}}".utf8)
        files["pages/owners.mustache"] = Data("{{<middle}}{{/middle}}".utf8)
        let theme = try Theme(files: files, origins: [:])
        let found = try #require(failure { _ = try theme.render("pages/owners", ["a": "x"]); return theme })
        #expect(found.file == "templates/pages/owners.mustache (built-in theme)")
        #expect(found.message.contains("`partials/again` → `$b` → `partials/again`"), "\(found.message)")
    }

    @Test func partialsAreFoundAfterADelimiterChangeAndNotInComments() throws {
        let text = "{{! {{> not/a/partial}} }}\n{{=<% %>=}}\n<%> partials/gone %>\n"
        #expect(TemplateReferences.scan(text) == [TemplateReferences.Reference(name: "partials/gone", line: 3, column: 1)])
        #expect(TemplateReferences.scan("{{{> x}}} {{>*dynamic}} {{>  partials/a }}").map(\.name) == ["partials/a"])
    }

    @Test func aTemplateThatDoesNotParseNamesItsFile() throws {
        let tree = try folder(["pages/metrics.mustache": "{{<layout}}{{$main}}\n{{#metrics}}\n{{/main}}{{/layout}}\n"])
        defer { tree.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: tree.path) })
        #expect(found.file == "\(tree.path)/pages/metrics.mustache")
        #expect(found.message.contains("does not parse"))
        #expect(found.line == 3, "the line where the parser gave up, counted in the file as written")
    }

    /// A section closed with another name is said with both ends and their lines: the parser
    /// gives up at a later close (the page's `{{/main}}`), far from the section left open.
    @Test func aSectionLeftOpenIsNamedWithItsLine() throws {
        let unclosed = try folder(["pages/policy.mustache":
            "{{<layout}}\n{{$main}}\n<ul>\n{{#statements}}<li>{{text}}</li>\n</ul>\n{{/main}}\n{{/layout}}\n"])
        defer { unclosed.remove() }
        let found = try #require(failure { try Theme.load(overridesFrom: unclosed.path) })
        #expect(found.description == "\(unclosed.path)/pages/policy.mustache:6:1: the template does not parse: `{{/main}}` closes `{{#statements}}`, opened on line 4. Close `{{#statements}}` with `{{/statements}}` first, or name the section you meant to close.")

        let misspelt = try folder(["partials/link.mustache": "{{! a link }}\n{{=<% %>=}}\n<%#href%><a><%text%></a><%/hrefs%>\n"])
        defer { misspelt.remove() }
        let other = try #require(failure { try Theme.load(overridesFrom: misspelt.path) })
        #expect(other.line == 3)
        #expect(other.message == "the template does not parse: `<%/hrefs%>` closes `<%#href%>`, opened on line 3. Close `<%#href%>` with `<%/href%>` first, or name the section you meant to close.")

        let stray = try folder(["partials/link.mustache": "{{text}}\n{{/href}}\n"])
        defer { stray.remove() }
        let closing = try #require(failure { try Theme.load(overridesFrom: stray.path) })
        #expect(closing.line == 2)
        #expect(closing.message == "the template does not parse: `{{/href}}` closes a section that is not open.")

        let never = try folder(["partials/link.mustache": "{{#href}}\n<a>{{text}}</a>\n"])
        defer { never.remove() }
        let open = try #require(failure { try Theme.load(overridesFrom: never.path) })
        #expect(open.line == 1)
        #expect(open.message == "the template does not parse: `{{#href}}` is never closed; add `{{/href}}` where it ends.")
    }

    @Test func aThemeWithoutAPageTemplateIsRefused() throws {
        var files = Theme.embeddedFiles()
        files["pages/owners.mustache"] = nil
        let found = try #require(failure { try Theme(files: files, origins: [:]) })
        #expect(found.file == "templates/pages/owners.mustache")
    }

    /// One file of a project folder replaces its built-in copy; every other file stays built in.
    @Test func aProjectFolderOverridesOneTemplate() throws {
        let tree = try folder([
            "partials/footer.mustache": "<footer class=\"site-footer\"><p>Intranet of {{site.organization}}</p></footer>\n",
            "assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ".DS_Store": "junk",
        ])
        defer { tree.remove() }
        let theme = try Theme.load(overridesFrom: tree.path)
        let content = try TemporaryTree(ExampleTree.base)
        defer { content.remove() }
        let site = try SiteBuilder.build(result: content.check(), theme: theme)
        let index = String(decoding: try #require(site["index.html"]), as: UTF8.self)
        #expect(index.contains("<p>Intranet of Example Services</p>"))
        #expect(!index.contains("Generated by evident"))
        #expect(index.contains("<nav class=\"site-nav\""), "the header still comes from the built-in theme")
        #expect(site["assets/logo.svg"] != nil && site["assets/style.css"] == Data(EmbeddedTheme.files["assets/style.css"]?.utf8 ?? "".utf8))
        #expect(site[".DS_Store"] == nil && site["assets/.DS_Store"] == nil)
    }

    /// A register row is an objective row (templates/README.md) and more: a theme that links the
    /// owner or shows the state, as other lists of objectives can, gets them in the register too,
    /// not a blank from a name the row lacks.
    @Test func aRegisterRowHasEveryValueOfAnObjectiveRow() throws {
        let tree = try folder(["partials/register-row.mustache":
            "<tr><td>{{id}}|{{#ownerHref}}<a href=\"{{root}}{{.}}\">{{owner}}</a>{{/ownerHref}}|{{#state}}{{label}}{{/state}}|{{#isActive}}active{{/isActive}}|{{level}}|{{levelID}}</td></tr>\n"])
        defer { tree.remove() }
        let theme = try Theme.load(overridesFrom: tree.path)
        let content = try TemporaryTree(ExampleTree.base)
        defer { content.remove() }
        let site = try SiteBuilder.build(result: content.check(), theme: theme)
        let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
        #expect(register.contains("<tr><td>OBJ-INC-01|<a href=\"owners.html#owner-incident-process-owner\">Incident Process Owner</a>|On target|active|Process|process</td></tr>"),
                "\(register)")
    }

    @Test func valuesAreEscapedForTextAndAttributes() throws {
        let theme = try Theme.embedded()
        let html = try theme.render("partials/badge", ["kind": "a\"b'c", "label": "<x>&", "icon": "i"]).text
        #expect(html.contains("badge-a&quot;b&#39;c"))
        #expect(html.contains("&lt;x&gt;&amp;"))
        // In sections and partials too, not only at the top of a template.
        let row = try theme.render("partials/findings", ["findings": ["rows": [["anchor": "finding-1", "severity": ["kind": "k", "label": "S", "icon": "i"],
                                                                              "rule": "r\"", "messageParts": [["text": "<m>", "code": false]],
                                                                              "location": "<l>", "objective": false]]]]).text
        #expect(row.contains("<code>r&quot;</code>") && row.contains("&lt;l&gt;") && row.contains("<td>&lt;m&gt;</td>"))
    }
}
