import EvidentModel
import EvidentSupport
import Foundation

/// Lists the files of a content tree by kind, sorted, without following links out of the tree.
package struct ContentWalker: Sendable {
    package enum Kind: Sendable {
        case configuration, policy, risks, requirement, objective, measurement, review, communication, evidence
    }

    package struct Entry: Sendable {
        package var kind: Kind
        /// Relative to the content root, with `/`.
        package var relative: String
        /// As diagnostics print it (relative to the current directory).
        var display: String
        /// The file's path on disk (root joined with `relative`); a string, not a URL.
        var path: String
        /// Whether the directory listing says this is a link (checked once, in `walk`).
        var isLink = false
        /// The bytes, for a tree held in memory; nil means read `path`.
        var data: Data? = nil
        /// git's id of `data`, for a revision: a file with the same path and id is parsed once.
        var object: String? = nil
        /// Set by `walk`: the path of the file that Windows and macOS take for this one (the same
        /// but for letter case), first in byte order, which alone is packed; or of the folder, ending
        /// in `/`, that they take for it, which is packed instead.
        var twin: String? = nil
    }

    /// The content folder's path, as given (links not resolved).
    let rootPath: String
    let rootReal: String
    let displayRoot: String
    /// Folders of the tree that exist but could not be listed, with the reason, filled by `walk`.
    package let unreadable = UnreadableFolders()

    package init(rootURL: URL, rootReal: String, displayRoot: String) {
        self.rootPath = rootURL.path
        self.rootReal = rootReal
        self.displayRoot = displayRoot
    }

    /// The files at the top of the tree, in walk order, and their kinds.
    private static let topFiles: [(String, Kind)] = [("evident.yml", .configuration), ("policy.md", .policy), ("risks.md", .risks)]

    /// Folders that hold each kind, and the file ending they take.
    private static let folders: [(String, Kind, String?)] = [
        ("requirements", .requirement, ".md"), ("objectives", .objective, ".md"),
        ("measurements", .measurement, ".csv"), ("reviews", .review, ".md"),
        ("communications", .communication, ".md"), ("evidence", .evidence, nil),
    ]

    func display(_ relative: String) -> String { Self.display(relative, under: displayRoot) }

    /// How a path inside the content folder is shown, the folder being shown as `displayRoot`.
    static func display(_ relative: String, under displayRoot: String) -> String {
        displayRoot.isEmpty || displayRoot == "." ? relative : joined(displayRoot, relative)
    }

    /// The entries, and findings for links that leave the tree.
    /// `kept`: `serve`'s cache, whose listings of folders in which nothing changed are used as they are.
    package func walk(kept: FolderCache? = nil) -> (entries: [Entry], findings: [Finding]) {
        var entries: [Entry] = []
        var findings: [Finding] = []
        for (name, kind) in Self.topFiles {
            let path = rootPath + "/" + name
            let link = isLink(path)
            if link || FileManager.default.fileExists(atPath: path) {
                entries.append(Entry(kind: kind, relative: name, display: display(name), path: path, isLink: link))
            }
        }
        for (folder, kind, ending) in Self.folders {
            // A linked folder is refused here as at any depth: listing it would read outside the tree.
            if isLink(rootPath + "/" + folder) {
                if isDirectory(rootPath + "/" + folder) { findings.append(Self.linkedFolder(kind: kind, display: display(folder))) }
                continue
            }
            collect(folder, kind: kind, ending: ending, into: &entries, findings: &findings, inParallel: true, kept: kept)
        }
        // A content folder that cannot be listed would look empty: no evident.yml, no objectives.
        let top: [(String, EntryType)]
        switch Self.list(rootPath) {
        case let .success(all): top = all
        case let .failure(failure):
            unreadable.add(displayRoot, reason: String(cString: strerror(failure.code)))
            top = []
        }
        let topNames = Set(top.map(\.0))
        for (name, type) in top where !Self.folders.contains(where: { $0.0 == name }) {
            if type == .undecodable {
                findings.append(SyntaxIgnoredFile.undecodable(display: display(name)))
                continue
            }
            let isFolder = type == .directory || (type == .link && isDirectory(rootPath + "/" + name))
            if let ignored = ignored(name, isFolder: isFolder, topNames: topNames) { findings.append(ignored) }
        }
        findings += unpacked(entries)
        findings += markTwins(&entries)
        // Links are checked once here so that no later stage can read outside the tree. (Only
        // when there is one: filtering copies every entry.)
        guard entries.contains(where: \.isLink) else { return (entries, findings) }
        entries = entries.filter { entry in
            guard entry.isLink else { return true }
            let real = URL(fileURLWithPath: entry.path).resolvingSymlinksInPath().path
            let inside = { (path: String) in path == rootReal || path.hasPrefix(rootReal + "/") }
            // A broken link resolves to itself; where it would lead decides. (A revision written
            // out alone leaves broken the links that reach the rest of the repository.)
            let brokenLeadingOut = entry.kind != .evidence && !Self.leadsToAFile(entry.path)
                && Self.linkTarget(entry.path).map { !inside($0) } == true
            if inside(real) && !brokenLeadingOut {
                // Followed here, left out of the pack: said once, at the link. (A broken link is
                // reported where it is read, or by `monitored/evidence`.)
                if Self.packExclusion(entry) == .link, Self.leadsToAFile(entry.path) {
                    findings.append(SyntaxIgnoredFile.linkInside(display: entry.display))
                }
                return true
            }
            if entry.kind != .evidence {
                let rule = ContentWalker.syntaxRule(for: entry.kind)
                findings.append(rule.finding(
                    "This file is a link to a file outside the content folder; evident does not follow it. Copy the file into the content folder instead.",
                    at: .wholeFile(entry.display)))
                return false
            }
            // Evidence links out of the tree are judged by `monitored/evidence`, at the row that
            // names them or else at the link.
            return true
        }
        return (entries, findings)
    }

    /// The kind of the file at `relative` (inside the content folder, with `/`), or nil when `walk`
    /// would not list it: for a tree listed otherwise (a git revision).
    package static func kind(of relative: String) -> Kind? {
        // On the bytes, without splitting the path: this runs for every file of two revisions.
        var first: Substring?
        var components = 0
        var componentStart = relative.utf8.startIndex
        var index = componentStart
        while true {
            let atEnd = index == relative.utf8.endIndex
            if atEnd || relative.utf8[index] == UInt8(ascii: "/") {
                // No empty names, no hidden files or folders.
                guard index > componentStart, relative.utf8[componentStart] != UInt8(ascii: ".") else { return nil }
                if first == nil { first = relative[componentStart..<index] }
                components += 1
                if atEnd { break }
                componentStart = relative.utf8.index(after: index)
            }
            index = relative.utf8.index(after: index)
        }
        guard let first else { return nil }
        if components == 1 { return topFiles.first { $0.0 == first }?.1 }
        guard let (_, kind, ending) = folders.first(where: { $0.0 == first }) else { return nil }
        if let ending, !hasSuffix(relative, ending) || LeftoverFile(path: relative) != nil { return nil }
        return kind
    }

    /// Where `walk` lists a path: the top files, then folder by folder, names sorted at each level
    /// (so `a/b.md` comes before `a.md`). The rank is made once per path, then compared.
    struct WalkOrder: Comparable {
        let rank: Int
        let path: String
        /// Checked once per path, not at every comparison of a sort.
        let isASCII: Bool

        init(_ relative: String) {
            path = relative
            isASCII = relative.utf8.allSatisfy { $0 < 0x80 }
            let first = relative.prefix { $0 != "/" }
            if relative == first, let top = ContentWalker.topFiles.firstIndex(where: { $0.0 == first }) {
                rank = top
            } else {
                rank = ContentWalker.topFiles.count + (ContentWalker.folders.firstIndex { $0.0 == first } ?? ContentWalker.folders.count)
            }
        }

        static func < (a: WalkOrder, b: WalkOrder) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            guard a.isASCII && b.isASCII else {
                return a.path.split(separator: "/").lexicographicallyPrecedes(b.path.split(separator: "/"))
            }
            return asciiPrecedes(a.path, b.path)
        }

        /// Name by name, for ASCII paths: their bytes compared with `/` below every other byte (a
        /// name that is a prefix of another ends first). Other paths compare their names as strings.
        private static func asciiPrecedes(_ a: String, _ b: String) -> Bool {
            var a = a, b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    for (p, q) in zip(x, y) where p != q {
                        return (p == UInt8(ascii: "/") ? 0 : p) < (q == UInt8(ascii: "/") ? 0 : q)
                    }
                    return x.count < y.count
                }
            }
        }
    }

    /// `syntax/ignored-file` for `relative`, which the walk does not read (nil: not reported).
    /// `topNames`: the names at the root of the tree.
    func ignored(_ relative: String, isFolder: Bool, topNames: Set<String> = []) -> Finding? {
        SyntaxIgnoredFile.finding(relative, isFolder: isFolder, display: display(relative),
                                  folders: Self.folders.map { (name: $0.0, ending: $0.2) }, topNames: topNames)
    }

    /// Where the evidence pack puts the file at `relative` (inside the content folder, with `/`).
    package static func packPath(of relative: String) -> String {
        ContentLoader.publishedRoot + "/" + relative
    }

    /// Whether the evidence pack can carry the file at `relative` under its name: the one test the
    /// pack makes of a name, and `syntax/ignored-file` reports.
    package static func packCarriesName(_ relative: String) -> Bool {
        PackPath.isWritable(packPath(of: relative))
    }

    /// Why the evidence pack leaves out a file the walk lists, before it opens it.
    package enum PackExclusion: Sendable, Equatable {
        /// What an operating system, office suite or browser leaves beside files: not evidence.
        case leftover(LeftoverFile)
        /// Its name, or a folder's above it (`packCarriesName`).
        case name
        /// It is a link, wherever it leads.
        case link
        /// An attachment outside `evidence/`.
        case outsideEvidence
        /// Its path is this one's but for letter case or Unicode normalisation (`markTwins`).
        case twin(String)
    }

    /// What the pack leaves out of the walk's `entry` (nil: it packs the file): the one test the
    /// pack makes of a listed file, and the one the walk reports from (`syntax/ignored-file`).
    package static func packExclusion(_ entry: Entry) -> PackExclusion? {
        // Named for what it is even when its name is unsafe too (`Icon` and a carriage return).
        if let leftover = LeftoverFile(path: entry.relative) { return .leftover(leftover) }
        if !packCarriesName(entry.relative) { return .name }
        if entry.kind == .evidence, !entry.relative.hasPrefix("evidence/") { return .outsideEvidence }
        if let twin = entry.twin { return .twin(twin) }
        return entry.isLink ? .link : nil
    }

    /// `syntax/ignored-file` for the listed `entries` the pack leaves out by their names: the
    /// leftovers, named as such, then the others whose names it cannot carry.
    func unpacked(_ entries: [Entry]) -> [Finding] {
        let named = Self.leftOutByName(entries)
        return leftovers(named) + unpackable(named.compactMap { LeftoverFile(path: $0.relative) == nil ? $0.relative : nil })
    }

    /// The entries, in order, that are leftovers or whose names the pack cannot carry: those
    /// `leftovers` and `unpackable` report from, and no other. The test runs for every file the
    /// walk lists before any is parsed, so it runs on every core, a run of entries each.
    static func leftOutByName(_ entries: [Entry]) -> [Entry] {
        let run = 1024
        let starts = Array(stride(from: 0, to: entries.count, by: run))
        let found = parallelMap(starts) { start in
            entries[start..<min(start + run, entries.count)].filter {
                LeftoverFile(path: $0.relative) != nil || !packCarriesName($0.relative)
            }
        }
        return found.flatMap { $0 }
    }

    /// `syntax/ignored-file` for the attachments among `entries` that are leftovers
    /// (`LeftoverFile`), which the pack leaves out (`packExclusion`'s first test): the walk lists no
    /// other file of that name.
    private func leftovers(_ entries: [Entry]) -> [Finding] {
        entries.compactMap { entry in
            guard let leftover = LeftoverFile(path: entry.relative) else { return nil }
            let name = entry.relative.split(separator: "/").last.map(String.init) ?? entry.relative
            return SyntaxIgnoredFile.leftover(leftover, name: name, display: entry.display)
        }
    }

    /// `syntax/ignored-file` for the files at `relatives` (as the walk lists them) whose name the
    /// pack cannot carry: at each folder (once) and file whose own name is a cause.
    private func unpackable(_ relatives: [String]) -> [Finding] {
        var findings: [Finding] = [], folders: Set<String> = []
        for relative in relatives where !Self.packCarriesName(relative) {
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            var named = false
            for end in parts.indices where !Self.packCarriesName(String(parts[end])) {
                named = true
                let isFolder = end < parts.count - 1
                let path = parts[...end].joined(separator: "/")
                if !isFolder || folders.insert(path).inserted {
                    findings.append(SyntaxIgnoredFile.unpackable(parts[end], isFolder: isFolder, display: display(path)))
                }
            }
            if !named, let name = parts.last {
                findings.append(SyntaxIgnoredFile.unpackable(name, isFolder: false, display: display(relative)))
            }
        }
        return findings
    }

    /// Marks each entry whose path is another's but for letter case or Unicode normalisation (equal
    /// lower-cased, as Swift's `==` compares: canonically), which Windows and macOS extract to one
    /// file, keeping the first in byte order; and each whose path is a folder's but for letter case
    /// (`Q3` beside `q3/a.pdf`), a file they cannot make beside that folder. `syntax/ignored-file`
    /// at each one marked.
    func markTwins(_ entries: inout [Entry]) -> [Finding] {
        // Runs on one core before the parsing, for every file: paths are told apart by a hash of
        // their folded form, made without a new string, and compared whole only when hashes meet.
        var first: [UInt64: Int] = [:], unhashed: [String: Int] = [:]
        first.reserveCapacity(entries.count)
        var groups: [Int: [Int]] = [:]
        // The folders that hold files, each once (a folder met again has its parents in already),
        // by the hash of its folded path. Files of one folder come one after the other: a folder
        // equal to the last one is passed over, unhashed.
        var folders: [UInt64: [String]] = [:], listed = Set<String>(), last: [UInt8] = []
        let slash = UInt8(ascii: "/")
        for entry in entries {
            var path = entry.relative
            let met = path.withUTF8 { bytes -> String? in
                var end = bytes.count
                while end > 0, bytes[end - 1] != slash { end -= 1 }
                guard end > 1 else { return nil }
                let folder = UnsafeBufferPointer(rebasing: bytes[..<(end - 1)])
                if folder.count == last.count, last.withUnsafeBufferPointer({ seen in
                    guard let a = seen.baseAddress, let b = folder.baseAddress else { return false }
                    return memcmp(a, b, folder.count) == 0
                }) {
                    return nil
                }
                last = Array(folder)
                return String(decoding: folder, as: UTF8.self)
            }
            guard var folder = met else { continue }
            while listed.insert(folder).inserted {
                folders[Self.foldedHash(folder), default: []].append(folder)
                guard let up = folder.utf8.lastIndex(of: slash) else { break }
                folder = String(folder[..<up])
            }
        }
        var findings: [Finding] = []
        for index in entries.indices {
            let path = entries[index].relative
            let key = Self.foldedHash(path)
            if let folder = folders[key]?.first(where: { Self.folded($0) == Self.folded(path) }), Self.packCarriesName(path) {
                entries[index].twin = folder + "/"
                findings.append(SyntaxIgnoredFile.twin(path, of: folder + "/", display: entries[index].display))
                continue
            }
            guard let earlier = first[key] else {
                first[key] = index
                continue
            }
            let name = Self.folded(path)
            if Self.folded(entries[earlier].relative) == name {
                groups[earlier, default: [earlier]].append(index)
            } else if let met = unhashed[name] {
                // Hashes that meet without the names meeting: such a path is found by its name.
                groups[met, default: [met]].append(index)
            } else {
                unhashed[name] = index
            }
        }
        for group in groups.keys.sorted().compactMap({ groups[$0] }) {
            // A name the pack cannot carry, or a leftover, is left out for that already.
            let sorted = group.filter { Self.packCarriesName(entries[$0].relative) && LeftoverFile(path: entries[$0].relative) == nil }
                .sorted { PackPath.precedes(entries[$0].relative, entries[$1].relative) }
            guard let kept = sorted.first else { continue }
            for index in sorted.dropFirst() {
                entries[index].twin = entries[kept].relative
                findings.append(SyntaxIgnoredFile.twin(entries[index].relative, of: entries[kept].relative, display: entries[index].display))
            }
        }
        return findings
    }

    /// `path` lower-cased and canonically composed (NFC): two paths Swift's `==` holds equal but
    /// for letter case fold to equal strings, and one that folds to ASCII folds to its bytes.
    static func folded(_ path: String) -> String {
        var text = path
        let ascii: String? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return ascii ?? path.lowercased().precomposedStringWithCanonicalMapping
    }

    /// A hash of `folded(path)`: FNV-1a of its bytes when it is ASCII (nearly every path, hashed in
    /// place), else Swift's hash of the folded string.
    static func foldedHash(_ path: String) -> UInt64 {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)) &* 0x100_0000_01B3
            }
            return hash
        }
        var text = path
        if let hash = text.withUTF8(fnv) { return hash }
        var folded = folded(path)
        return folded.withUTF8(fnv) ?? UInt64(bitPattern: Int64(folded.hashValue))
    }

    /// `syntax/ignored-file` for the paths of a tree listed otherwise (a git revision) that `kind(of:)`
    /// does not take: a folder at the root once, any other file on its own.
    func ignored(amongst paths: [String]) -> [Finding] {
        var findings: [Finding] = [], folders: Set<String> = []
        // Made only when a path is reported: this runs for every file of two revisions.
        var names: Set<String>?
        func topNames() -> Set<String> {
            let made = names ?? Set(paths.map { String($0.prefix { $0 != "/" }) })
            names = made
            return made
        }
        for path in paths where Self.kind(of: path) == nil {
            let first = String(path.prefix { $0 != "/" })
            let isRootFolder = first.count < path.count && !Self.folders.contains { $0.0 == first }
            if isRootFolder {
                guard folders.insert(first).inserted, let f = ignored(first, isFolder: true, topNames: topNames()) else { continue }
                findings.append(f)
            } else if let f = ignored(path, isFolder: false, topNames: topNames()) {
                findings.append(f)
            }
        }
        return findings
    }

    /// What `walk` reports for files of a listing made elsewhere (a git revision) whose path has a
    /// part that is not UTF-8: `part` is the first such (from 0), and `path` shows its bytes as `�`;
    /// `listed` are the listing's other paths. As on disk: once at that part, with its kind's rule
    /// inside a kind folder and a warning under `evidence/` or at the top; nothing inside a hidden
    /// folder; inside a top folder `walk` does not enter, that folder, unless a path in `listed`
    /// has it reported already (`ignored(amongst:)`).
    package func undecodable(_ files: [(path: String, part: Int)], besides listed: [String]) -> [Finding] {
        var findings: [Finding] = [], reported: Set<String> = []
        for (path, part) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            // A part counted past the path (a count that was capped) is taken as its last.
            guard part >= 0, !parts.isEmpty else { continue }
            let part = min(part, parts.count - 1)
            var rule = SyntaxIgnoredFile.description
            if part > 0 {
                guard let folder = Self.folders.first(where: { $0.0 == parts[0] }) else {
                    let top = String(parts[0])
                    if reported.insert(top).inserted, !listed.contains(where: { $0.hasPrefix(top + "/") }),
                       let finding = ignored(top, isFolder: true) {
                        findings.append(finding)
                    }
                    continue
                }
                if parts[1...part].contains(where: { $0.hasPrefix(".") }) { continue }
                rule = Self.undecodableRule(in: folder.1)
            }
            let relative = parts[...part].joined(separator: "/")
            guard reported.insert(relative).inserted else { continue }
            findings.append(SyntaxIgnoredFile.undecodable(display: display(relative), rule: rule))
        }
        return findings
    }

    /// The rule of a name that is not UTF-8 inside a kind's folder: an objective, review or register
    /// left unread would leave a pass with it missing, an error of its kind; an attachment the pack
    /// leaves out is `syntax/ignored-file`'s warning.
    static func undecodableRule(in kind: Kind) -> RuleDescription {
        kind == .evidence ? SyntaxIgnoredFile.description : syntaxRule(for: kind)
    }

    static func syntaxRule(for kind: Kind) -> RuleDescription {
        switch kind {
        case .configuration: SyntaxConfig.description
        case .measurement: SyntaxCSV.description
        default: SyntaxFrontMatter.description
        }
    }

    private static func linkedFolder(kind: Kind, display: String) -> Finding {
        syntaxRule(for: kind).finding(
            "This folder is a link; evident does not follow linked folders. Move the files into the content folder.",
            at: .wholeFile(display))
    }

    /// Where the link at `path` points, as an absolute path with `.` and `..` resolved by name from
    /// the real folder that holds the link; nil when it is not a link.
    private static func linkTarget(_ path: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        if target.hasPrefix("/") { return URL(fileURLWithPath: target).standardized.path }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(target).standardized.path
    }

    /// Whether the link at `path` leads to something that exists (not a broken link).
    private static func leadsToAFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// `inParallel`: the subfolders of this folder are listed on every core, each serially
    /// inside, so that no core waits while another lists the tree.
    /// `kept`: listings kept from the last walk. One holding a link is never kept: what a link
    /// points to can change without a change reported here. Returns whether this one holds a link.
    @discardableResult
    private func collect(_ relative: String, kind: Kind, ending: String?, into entries: inout [Entry],
                         findings: inout [Finding], inParallel: Bool = false, kept: FolderCache?) -> Bool {
        guard let kept else {
            // Straight into the caller's arrays: an entry is six strings, each copy counts six references.
            return list(relative, kind: kind, ending: ending, into: &entries, findings: &findings, inParallel: inParallel, kept: nil)
        }
        if let done = kept.listing(of: relative) {
            entries += done.entries
            findings += done.findings
            return false
        }
        var listed: [Entry] = [], found: [Finding] = []
        let holdsLink = list(relative, kind: kind, ending: ending, into: &listed, findings: &found, inParallel: inParallel, kept: kept)
        if !holdsLink { kept.store(listing: (listed, found), of: relative) }
        entries += listed
        findings += found
        return holdsLink
    }

    /// What `collect` gives for `relative`, listed from the disk (its subfolders through
    /// `collect`); whether it holds a link.
    private func list(_ relative: String, kind: Kind, ending: String?, into entries: inout [Entry],
                      findings: inout [Finding], inParallel: Bool, kept: FolderCache?) -> Bool {
        let path = rootPath + "/" + relative
        let listing: [(String, EntryType)]
        switch Self.list(path) {
        case let .success(all): listing = all.filter { !$0.0.hasPrefix(".") }
        case let .failure(failure):
            // A missing kind folder is normal; any other failure would drop its files silently.
            if failure.code != ENOENT { unreadable.add(display(relative), reason: String(cString: strerror(failure.code))) }
            return true
        }
        var holdsLink = listing.contains { $0.1 == .link }
        var walked: [String: (entries: [Entry], findings: [Finding], holdsLink: Bool)] = [:]
        let subfolders = listing.compactMap { $0.1 == .directory ? $0.0 : nil }
        if inParallel, subfolders.count > 1 {
            let results = parallelMap(subfolders) { name -> (entries: [Entry], findings: [Finding], holdsLink: Bool) in
                var entries: [Entry] = [], findings: [Finding] = []
                let link = collect(relative + "/" + name, kind: kind, ending: ending, into: &entries, findings: &findings, kept: kept)
                return (entries, findings, link)
            }
            walked = Dictionary(zip(subfolders, results)) { first, _ in first }
        }
        for (name, type) in listing {
            let childRelative = Self.joined(relative, name)
            let childPath = Self.joined(path, name)
            if type == .undecodable {
                findings.append(SyntaxIgnoredFile.undecodable(display: display(childRelative), rule: Self.undecodableRule(in: kind)))
            } else if type == .directory, let done = walked[name] {
                entries += done.entries
                findings += done.findings
                holdsLink = holdsLink || done.holdsLink
            } else if type == .directory {
                if collect(childRelative, kind: kind, ending: ending, into: &entries, findings: &findings, kept: kept) { holdsLink = true }
            } else if type == .link, isDirectory(childPath) {
                // Linked folders are not followed: they can loop, and can leave the tree.
                findings.append(Self.linkedFolder(kind: kind, display: display(childRelative)))
            } else if ending.map({ Self.hasSuffix(name, $0) && LeftoverFile(name: name[...]) == nil }) ?? true {
                entries.append(Entry(kind: kind, relative: childRelative, display: display(childRelative), path: childPath,
                                     isLink: type == .link))
                // Other kinds are read, which reports it; an attachment is not, and the pack leaves it out.
                if type == .special, kind == .evidence {
                    findings.append(SyntaxIgnoredFile.notRegular(display: display(childRelative)))
                }
            } else if let ignored = ignored(childRelative, isFolder: false) {
                findings.append(ignored)
            }
        }
        return holdsLink
    }

    /// Whether `name` ends with `ending` (lowercase ASCII), ignoring ASCII case, without making a
    /// lowercased copy of every name. (Lowercasing any other character never gives `.`, `c`, `d`,
    /// `m`, `s` or `v`, so this is what `lowercased().hasSuffix` answered.)
    private static func hasSuffix(_ name: String, _ ending: String) -> Bool {
        var name = name, ending = ending
        return name.withUTF8 { n in
            ending.withUTF8 { e in
                guard n.count >= e.count else { return false }
                let tail = n.count - e.count
                for i in e.indices {
                    let byte = n[tail + i]
                    if byte != e[i], !(byte >= 65 && byte <= 90 && byte + 32 == e[i]) { return false }
                }
                return true
            }
        }
    }

    /// `a/b`, its bytes put together on the stack and decoded once: a `String` checks its capacity,
    /// uniqueness and encoding at every append, and the walk joins three paths for every file.
    private static func joined(_ a: String, _ b: String) -> String {
        var a = a, b = b
        let count = a.utf8.count + 1 + b.utf8.count
        return a.withUTF8 { first in
            b.withUTF8 { second in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { out in
                    var end = out.initialize(fromContentsOf: first)
                    out[end] = UInt8(ascii: "/")
                    end += 1
                    end += UnsafeMutableBufferPointer(rebasing: out[end...]).initialize(fromContentsOf: second)
                    return String(decoding: UnsafeBufferPointer(rebasing: out[..<end]), as: UTF8.self)
                }
            }
        }
    }

    /// `special`: a pipe, socket or device; `undecodable`: a name that is not UTF-8, by which
    /// nothing can be opened.
    private enum EntryType { case directory, link, special, undecodable, other }

    /// A folder's entries, sorted by name, with their type from `readdir`: no `lstat` per file;
    /// `opendir`'s errno when it cannot be listed.
    private static func list(_ path: String) -> Result<[(String, EntryType)], Errno> {
        guard let dir = opendir(path) else { return .failure(Errno(errno)) }
        defer { closedir(dir) }
        var out: [(String, EntryType)] = []
        for (name, direntType, isUTF8) in directoryEntries(dir) {
            var type: EntryType
            switch direntType {
            case _ where !isUTF8: type = .undecodable
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .link
            case Int32(DT_FIFO), Int32(DT_SOCK), Int32(DT_CHR), Int32(DT_BLK): type = .special
            case Int32(DT_UNKNOWN):
                // Some file systems do not fill d_type; ask for this entry only.
                var info = stat()
                let full = path + "/" + name
                guard lstat(full, &info) == 0 else { continue }
                let mode = info.st_mode & S_IFMT
                type = mode == S_IFDIR ? .directory : mode == S_IFLNK ? .link
                    : mode == S_IFIFO || mode == S_IFSOCK || mode == S_IFCHR || mode == S_IFBLK ? .special : .other
            default: type = .other
            }
            out.append((name, type))
        }
        return .success(out.sorted { $0.0 < $1.0 })
    }

    struct Errno: Error, Equatable {
        let code: Int32
        init(_ code: Int32) { self.code = code }
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// The folders a walk could not list, from every core that lists.
package final class UnreadableFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [(path: String, reason: String)] = []

    func add(_ path: String, reason: String) {
        lock.withLock { found.append((path, reason)) }
    }

    /// The first in path order, so the message is the same on every run.
    package var first: (path: String, reason: String)? {
        lock.withLock { found.min { $0.path < $1.path } }
    }
}
