import Foundation
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// A content tree in a fresh temporary folder, written from a dictionary of path → text.
struct TemporaryTree {
    let url: URL
    var path: String { url.path }

    /// `links`: path → target, relative to the link's folder (a rule example's `links`).
    init(_ files: [String: String], removing: [String] = [], links: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("evident-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (relative, text) in files where !removing.contains(relative) {
            try write(relative, Data(text.utf8))
        }
        for (relative, target) in links {
            let link = url.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target)
        }
    }

    /// The tree of a rule example: its files over the example tree, less those it removes, and its links.
    init(_ example: RuleExample) throws {
        try self.init(PreparedExample(example).files, removing: example.removing, links: example.links)
    }

    func write(_ relative: String, _ data: Data) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// The display path of a file in the tree, as findings print it.
    func display(_ relative: String) -> String { ContentLoader.displayPath(path) + "/" + relative }

    /// Loads and checks the tree.
    /// `published`: paths under `content/`, as `pack` and `build` load them, not the temporary folder's.
    func check(asOf: String = ExampleTree.asOf, published: Bool = false) throws -> CheckResult {
        let content = try ContentLoader.load(directory: path, displayRoot: published ? ContentLoader.publishedRoot : nil)
        guard let day = Day(iso: asOf) else { throw CocoaError(.formatting) }
        return Checker.check(content, asOf: day)
    }
}

/// A rule example made concrete: the tree with markers removed, and where the markers were.
struct PreparedExample {
    var files: [String: String] = [:]
    var expected: Set<String> = []

    init(_ example: RuleExample) {
        expected = Set(example.expecting.map { "\($0):0:0" })
        var merged = ExampleTree.base
        for (path, text) in example.files { merged[path] = text }
        for (path, text) in merged {
            var clean = ""
            var line = 1
            var column = 1
            for ch in text {
                if ch == RuleExample.marker {
                    expected.insert("\(path):\(line):\(column)")
                    continue
                }
                clean.append(ch)
                if ch == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            files[path] = clean
        }
    }
}
