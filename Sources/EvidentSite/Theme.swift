import Crypto
import EvidentSupport
import Foundation
import Mustache

/// The templates and assets a site is rendered with: the default theme embedded in the binary,
/// with a project's folder laid over it file by file. Templates are parsed and checked once, when
/// the theme is made, so that a broken or missing template stops the build before anything is
/// written, with the file's name in the message.
package struct Theme: Sendable {
    /// A template that does not parse, or names a template that does not exist.
    package struct Failure: Error, CustomStringConvertible, Equatable {
        /// The template file as the user knows it: `templates/pages/objective.mustache`.
        package var file: String
        package var line: Int?
        var message: String
        /// In characters from 1, as editors count them; only with a line.
        package var column: Int? = nil

        package var description: String {
            "\(file)\(line.map { ":\($0)" } ?? "")\(line != nil ? column.map { ":\($0)" } ?? "" : ""): \(message)"
        }
    }

    /// The templates every site needs, by name (their path under `templates/` without `.mustache`).
    static let pageTemplates = [
        "pages/index", "pages/register", "pages/objective", "pages/policy", "pages/requirements",
        "pages/functions", "pages/metrics", "pages/reviews", "pages/review", "pages/changes",
        "pages/readiness", "pages/owners",
    ]

    /// The partials the layout and every page name.
    static let sharedPartials = ["partials/badge", "partials/header", "partials/footer"]

    static let templateExtension = ".mustache"

    /// Every template is parsed with this pragma on a line of its own in front (a standalone tag,
    /// so it adds no output; messages take its line off again): `{{…}}` then escapes with
    /// `HTMLText.escape`, the same five entities as swift-mustache's HTML escaper, and the
    /// compiled walk (`CompiledTemplates`) can tell that it escapes as Mustache would.
    static let pragma = "{{% CONTENT_TYPE: EVIDENT_HTML }}\n"

    struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    private static let contentTypeRegistered: Bool = {
        MustacheContentTypes.register(EscapedHTML(), named: "EVIDENT_HTML")
        return true
    }()

    /// Template name → text.
    let templates: [String: String]
    /// Path under `templates/` (always `assets/…`) → bytes, copied to the site as they are.
    package let assets: [String: Data]
    /// Template name → the file it came from, for messages.
    let origins: [String: String]
    let library: MustacheLibrary
    /// The templates as the site renders them (`CompiledTemplates`).
    package let compiled: CompiledTemplates
    /// Whether pages go through `compiled` where it accepts them; tests turn it off to compare
    /// with Mustache alone.
    var rendersCompiled = true
    /// The files of the folder whose built-in version changed after `init --templates` copied
    /// them (by the folder's `copyRecord`), each as `build` notes it.
    var outdated: [String] = []
    /// The files of the overrides folder that are not the built-in theme's, by path under
    /// `templates/`: what made the pages differ from the built-in theme's (the pack's guide lists them).
    package private(set) var changedFiles: [String: Data] = [:]
    /// The names the pages rendered with this theme read in vain (`warnings()`).
    let unknownNames = UnknownNames()

    /// The hidden file `init --templates` writes beside the copy (hidden files are not part of
    /// the theme): the version, then each file's SHA-256 as written and its path.
    static let copyRecord = ".evident-theme"

    /// The files `init --templates` writes: the embedded theme and its `copyRecord`.
    static func filesToCopy() -> [String: Data] {
        let files = embeddedFiles()
        var record = "# evident \(Evident.version) wrote this theme (evident init --templates). Each line below: the\n"
            + "# SHA-256 of a file as it was written, then its path. evident build notes a file you keep\n"
            + "# whose built-in version has changed since; delete its line once your copy has caught up.\n"
            + "evident \(Evident.version)\n"
        for path in files.keys.sorted() { record += "\(digest(files[path] ?? Data()))  \(path)\n" }
        var out = files
        out[copyRecord] = Data(record.utf8)
        return out
    }

    static func digest(_ data: Data) -> String { Hex.lowercase(SHA256.hash(data: data)) }

    /// The notes for the files of `overrides` (path → the file as shown) that `record` lists with
    /// another digest than the built-in file's now: the built-in one changed after the copy.
    /// Only templates and assets are theirs to note (not this README). `shown`: the record as named.
    static func outdated(record: String, shown: String, overrides: [String: String], builtIn: [String: Data]) -> [String] {
        var version = "an earlier version"
        var notes: [String] = []
        for line in record.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("evident ") {
                version = "evident " + line.dropFirst("evident ".count).trimmed
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else { continue }
            let path = parts[1].trimmed
            guard path.hasSuffix(templateExtension) || path.hasPrefix("assets/") else { continue }
            guard let file = overrides[path], let now = builtIn[path], digest(now) != parts[0].lowercased() else { continue }
            notes.append("\(file) was copied from \(version)'s theme, and this evident's \(path) has changed since: "
                + "compare the two (templates/README.md, \"Upgrading evident under your templates\"), then delete its line from \(shown).")
        }
        return notes
    }

    /// The default theme alone.
    static func embedded() throws -> Theme {
        try Theme(files: embeddedFiles(), origins: [:])
    }

    /// The embedded theme's files as bytes, path under `templates/` → contents.
    package static func embeddedFiles() -> [String: Data] {
        EmbeddedTheme.files.mapValues { Data($0.utf8) }
    }

    /// The default theme with every file of `folder` (when given) replacing or adding to it.
    package static func load(overridesFrom folder: String?) throws -> Theme {
        var files = embeddedFiles()
        var origins: [String: String] = [:]
        let builtIn = files
        if let folder {
            for (path, data) in try readFolder(folder) {
                files[path] = data
                origins[path] = displayPath(folder, path)
            }
        }
        var theme = try Theme(files: files, origins: origins)
        theme.changedFiles = origins.keys.reduce(into: [:]) { changed, path in
            if let data = files[path], builtIn[path] != data { changed[path] = data }
        }
        if let folder, let record = readRecord(URL(fileURLWithPath: folder).appendingPathComponent(copyRecord).path) {
            theme.outdated = outdated(record: record, shown: displayPath(folder, copyRecord), overrides: origins, builtIn: builtIn)
        }
        return theme
    }

    /// `files`: path under `templates/` → bytes. `origins`: path → the file it was read from
    /// (paths not listed are named as the built-in theme's).
    package init(files: [String: Data], origins: [String: String]) throws {
        var templates: [String: String] = [:]
        var assets: [String: Data] = [:]
        var names: [String: String] = [:]
        for path in files.keys.sorted() {
            guard let data = files[path] else { continue }
            let origin = origins[path] ?? "templates/\(path) (built-in theme)"
            if path.hasPrefix("assets/") {
                assets[path] = data
            } else if path.hasSuffix(Self.templateExtension) {
                guard let text = String(data: data, encoding: .utf8) else {
                    guard let bad = Self.firstInvalidUTF8(data) else {
                        throw Failure(file: origin, line: nil, message: "is not UTF-8 text; save it as UTF-8.")
                    }
                    throw Failure(file: origin, line: bad.line,
                                  message: "is not UTF-8 text: the byte \(bad.byte) here starts no UTF-8 character; save the file as UTF-8.",
                                  column: bad.column)
                }
                let name = String(path.dropLast(Self.templateExtension.count))
                templates[name] = text
                names[name] = origin
            }
        }
        _ = Self.contentTypeRegistered
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        var references: [String: [TemplateReferences.Reference]] = [:]
        for name in templates.keys.sorted() {
            guard let text = templates[name], let origin = names[name] else { continue }
            do {
                let template = try MustacheTemplate(string: Self.pragma + text)
                library.register(template, named: name)
                parsed[name] = template
            } catch let error as MustacheTemplate.ParserError {
                if let (tag, message) = Self.sections(error.error, in: text) {
                    throw Failure(file: origin, line: tag.line, message: message, column: tag.column)
                }
                if let open = TemplateReferences.unterminated(text) {
                    throw Failure(file: origin, line: open.line,
                                  message: "the template does not parse: \(codeSpan(open.opening)) is never ended; close it with \(codeSpan(open.closing)).",
                                  column: open.column)
                }
                throw Failure(file: origin, line: max(1, error.context.lineNumber - 1),
                              message: "the template does not parse (\(Self.explain(error.error))) near \(codeSpan(error.context.line.trimmed)).",
                              column: error.context.columnNumber)
            } catch {
                throw Failure(file: origin, line: nil, message: "the template does not parse (\(error)).")
            }
            let named = TemplateReferences.scan(text)
            for reference in named where templates[reference.name] == nil {
                let hint = Suggestion.closest(to: reference.name, in: templates.keys.sorted()).map { "; did you mean \(codeSpan($0))?" } ?? "."
                throw Failure(file: origin, line: reference.line,
                              message: "names the template `\(reference.name)`, but there is no \(reference.name)\(Self.templateExtension) in the theme\(hint)",
                              column: reference.column)
            }
            references[name] = named
        }
        if let (loop, reference) = Self.firstLoop(references), let origin = names[loop[loop.count - 2]] {
            throw Failure(file: origin, line: reference.line,
                          message: "includes itself (\(loop.map { "`\($0)`" }.joined(separator: " → "))): evident's values do not nest, "
                              + "so a template that names itself would never end.",
                          column: reference.column)
        }
        for page in Self.pageTemplates + Self.sharedPartials where templates[page] == nil {
            throw Failure(file: "templates/\(page)\(Self.templateExtension)", line: nil,
                          message: "is missing: every site needs this page template.")
        }
        self.templates = templates
        self.assets = assets
        self.origins = names
        self.library = library
        self.compiled = CompiledTemplates(parsed, texts: templates)
    }

    /// The first template, by name, that names itself through partials and parents: the names
    /// from it back to it, and the reference that closes the loop.
    static func firstLoop(_ references: [String: [TemplateReferences.Reference]]) -> ([String], TemplateReferences.Reference)? {
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) -> ([String], TemplateReferences.Reference)? {
            path.append(name)
            defer { path.removeLast() }
            for reference in references[name] ?? [] {
                if let start = path.firstIndex(of: reference.name) { return (Array(path[start...]) + [reference.name], reference) }
                guard !done.contains(reference.name) else { continue }
                if let loop = visit(reference.name) { return loop }
            }
            done.insert(name)
            return nil
        }
        for name in references.keys.sorted() where !done.contains(name) {
            if let loop = visit(name) { return loop }
        }
        return nil
    }

    /// Renders the template `name` with `context` as UTF-8: what Mustache writes for it, through
    /// `CompiledTemplates` when it accepts the template and the values.
    func render(_ name: String, _ context: View) throws -> TextBuffer {
        if rendersCompiled {
            do {
                return try compiled.render(name, context, unknown: unknownNames)
            } catch is CompiledTemplates.Unsupported {
                // Mustache renders it below.
            } catch let error as CompiledTemplates.TooDeep {
                let loop = error.chain.suffix(6).map { "`\($0)`" }.joined(separator: " → ")
                throw Failure(file: origins[name] ?? "templates/\(name)\(Self.templateExtension) (built-in theme)", line: nil,
                              message: "nests partials and blocks more than \(CompiledTemplates.maximumNesting) deep (… → \(loop)): "
                                  + "a partial or block includes itself without end.")
            }
        }
        return TextBuffer(try mustache(name, context))
    }

    /// `render(_:_:)` through swift-mustache alone.
    package func mustache(_ name: String, _ context: View) throws -> String {
        guard let out = library.render(context.mustacheValue, withTemplate: name) else {
            throw Failure(file: origins[name] ?? "templates/\(name)\(Self.templateExtension)", line: nil,
                          message: "is missing from the theme.")
        }
        return out
    }

    /// A `--templates` folder that is not there: a mistyped option.
    package static func notAFolder(_ folder: String) -> Failure {
        Failure(file: folder, line: nil, message: "is not a folder of templates. Name the folder of your theme's templates "
                + "(`evident init --templates` writes a copy of the built-in theme), or leave out --templates for the built-in theme.")
    }

    /// Every file of a theme folder, path under it → bytes; hidden files are left out. A link is
    /// refused, as in the content: what it points to may be outside the folder.
    static func readFolder(_ folder: String) throws -> [String: Data] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw notAFolder(folder)
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey],
                                         options: [.skipsHiddenFiles]) else {
            throw Failure(file: folder, line: nil, message: "cannot be read.")
        }
        var out: [String: Data] = [:]
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
            if values?.isSymbolicLink == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
                throw Failure(file: displayPath(folder, relative), line: nil,
                              message: "is a link; evident does not follow links in the theme. Put a copy of the file here.")
            }
            if values?.isDirectory == true { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root.path + "/") else { continue }
            let relative = String(full.dropFirst(root.path.count + 1))
            out[relative] = try readFile(full, display: displayPath(folder, relative))
        }
        return out
    }

    /// The most a theme file may hold: far above any template, stylesheet, logo or web font.
    static let maximumFileBytes = 64 << 20

    /// The bytes of the theme file at `path`, refused unless it is a plain file (a pipe would hold
    /// the build forever, a device has no end) of at most `maximumFileBytes`; the type and size
    /// are those of the file opened, so a file swapped in after the listing is refused too.
    static func readFile(_ path: String, display: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let message = errno == ELOOP
                ? "is a link; evident does not follow links in the theme. Put a copy of the file here."
                : "cannot be read: \(String(cString: strerror(errno)))."
            throw Failure(file: display, line: nil, message: message)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(file: display, line: nil, message: "cannot be read.") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(file: display, line: nil,
                          message: "is not a regular file (a pipe, socket or device); the theme holds only files. Remove it.")
        }
        guard info.st_size <= maximumFileBytes else {
            throw Failure(file: display, line: nil,
                          message: "holds \((Int(info.st_size) + (1 << 20) - 1) >> 20) MB; a theme file may hold at most \(maximumFileBytes >> 20) MB.")
        }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        while filled < data.count {
            let n = data.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { Foundation.read(fd, $0 + filled, buffer.count - filled) } ?? 0
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(file: display, line: nil, message: "cannot be read: \(String(cString: strerror(errno))).")
            }
            if n == 0 { break }
            filled += n
        }
        // A file that shrank while it was read is taken as far as it went.
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    /// The copy record's text: a regular file (not a link) of UTF-8 under 1 MiB, else nil.
    static func readRecord(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, size < 1 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    static func displayPath(_ folder: String, _ relative: String) -> String {
        var base = folder
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base == "." ? relative : "\(base)/\(relative)"
    }

    /// A section closed with another name, or never closed, said with both of its ends and their
    /// lines (the parser names neither); nil for other errors, or when the tags look balanced.
    static func sections(_ error: Error, in text: String) -> (tag: TemplateReferences.Tag, message: String)? {
        guard let e = error as? MustacheTemplate.Error, let found = TemplateReferences.unbalanced(text) else { return nil }
        func tag(_ t: TemplateReferences.Tag, _ sigil: Character? = nil) -> String { codeSpan(t.written(sigil)) }
        switch (e, found.open, found.close) {
        case (.sectionCloseNameIncorrect, let open?, let close?):
            return (close, "the template does not parse: \(tag(close)) closes \(tag(open)), opened on line \(open.line). "
                + "Close \(tag(open)) with \(tag(open, "/")) first, or name the section you meant to close.")
        case (.sectionCloseNameIncorrect, nil, let close?):
            return (close, "the template does not parse: \(tag(close)) closes a section that is not open.")
        case (.expectedSectionEnd, let open?, nil):
            return (open, "the template does not parse: \(tag(open)) is never closed; add \(tag(open, "/")) where it ends.")
        default:
            return nil
        }
    }

    /// Where the first byte that is not UTF-8 is: its line and column (in characters, counting
    /// the valid text before it), and the byte as `0xFF`; nil when every byte is.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int, byte: String)? {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                let before = String(decoding: data.prefix(offset), as: UTF8.self)
                let lines = before.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                let byte = data.dropFirst(offset).first.map { String(format: "0x%02X", $0) } ?? "?"
                return (lines.count, (lines.last?.count ?? 0) + 1, byte)
            }
        }
    }

    static func explain(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a block cannot take a transform"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: return "only blocks may appear inside a parent tag"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a pragma is malformed or unknown"
        }
    }
}
