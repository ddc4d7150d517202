import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

extension ContentDiff {
    /// A file under `evidence/` added, removed, or replaced by another of the same name.
    package struct EvidenceChange: Sendable, Equatable {
        package enum Kind: String, Sendable, CaseIterable {
            case replaced, added, removed
        }

        /// A measurement row whose `evidence` cell names the file.
        package struct Naming: Sendable, Equatable {
            var objective: String
            var period: Period
            /// The `evidence` cell, as shown.
            var location: SourceLocation
        }

        package var kind: Kind
        /// As shown: `content/evidence/extract-2026-09.csv`.
        package var file: String
        /// The rows that name it: HEAD's, and BASE's for a file removed.
        var namedBy: [Naming]
        /// Named in BASE by the row of a period that had ended before BASE (`pastBefore`): the
        /// evidence behind a value already reported is replaced or removed.
        var behindPastValue: Bool
    }
}

/// The evidence files of two sides compared by what they hold, not only by name: each rule reads
/// only whether a file is there and whether it is empty, so a file replaced by another of the same
/// name changes no finding and no row, and only this shows it.
enum EvidenceChanges {
    /// Replaced first, then added, then removed, each in path order.
    static func compare(base: DiffSide, head: DiffSide, pastBefore: Day) -> [ContentDiff.EvidenceChange] {
        // By name as Swift compares strings (canonically), holding each side's own spelling, which
        // is the one its disk or its tree knows.
        let old = Dictionary(base.model.content.evidenceFiles.map { ($0, $0) }) { first, _ in first }
        let new = Dictionary(head.model.content.evidenceFiles.map { ($0, $0) }) { first, _ in first }
        let shared = old.keys.filter { new[$0] != nil }.sorted()
        let same = parallelMap(shared) { name in
            guard let a = old[name], let b = new[name] else { return false }
            return sameFile(a, b, base: base, head: head)
        }
        let namedBefore = naming(base), namedAfter = naming(head)
        func change(_ kind: ContentDiff.EvidenceChange.Kind, _ name: String) -> ContentDiff.EvidenceChange {
            let side = kind == .removed ? base : head
            let before = namedBefore[normalized(name)] ?? []
            let file = Relabel(from: [side.loadedRealRoot], to: side.shownRoot).path(side.model.content.display("evidence/" + name))
            return ContentDiff.EvidenceChange(kind: kind, file: file, namedBy: kind == .removed ? before : namedAfter[normalized(name)] ?? [],
                                              behindPastValue: kind != .added && before.contains { $0.period.end < pastBefore })
        }
        return zip(shared, same).filter { !$0.1 }.map { change(.replaced, $0.0) }
            + new.keys.filter { old[$0] == nil }.sorted().map { change(.added, $0) }
            + old.keys.filter { new[$0] == nil }.sorted().map { change(.removed, $0) }
    }

    /// Whether the file `a` of BASE and `b` of HEAD (paths relative to `evidence/`) hold the same:
    /// git's ids for two revisions; git's own comparison for the working tree and a revision
    /// (through its filters); otherwise the bytes on disk, hashed as git would for a revision.
    static func sameFile(_ a: String, _ b: String, base: DiffSide, head: DiffSide) -> Bool {
        switch (base.evidenceObjects, head.evidenceObjects) {
        case let (before?, after?):
            return before[a] != nil && before[a] == after[b]
        case let (before?, nil):
            return matches(before[a], disk: head, b)
        case let (nil, after?):
            return matches(after[b], disk: base, a)
        case (nil, nil):
            return sameOnDisk(base.loadedRealRoot + "/evidence/" + a, head.loadedRealRoot + "/evidence/" + b)
        }
    }

    /// Whether the file `path` of a folder side holds what git stores as `object` in the other.
    private static func matches(_ object: String?, disk: DiffSide, _ path: String) -> Bool {
        if let changed = disk.evidenceChanged {
            switch changed[path] {
            case nil: return true
            // No longer tracked, yet on disk: git cannot say, the bytes can.
            case "D": break
            default: return false
            }
        }
        guard let object, let format = GitObjectFormat(objectID: object),
              let id = blobID(disk.loadedRealRoot + "/evidence/" + path, format: format) else { return false }
        return id == object
    }

    /// git's id of the file at `path` (of a link: of its target's path, as git stores a link);
    /// nil when it cannot be read.
    static func blobID(_ path: String, format: GitObjectFormat) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFLNK {
            return (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { format.blobID(Data($0.utf8)) }
        }
        return (try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)).map(format.blobID)
    }

    /// Two files on disk: the same bytes, or links to the same place.
    private static func sameOnDisk(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard lstat(a, &first) == 0, lstat(b, &second) == 0 else { return false }
        let links = (first.st_mode & S_IFMT == S_IFLNK, second.st_mode & S_IFMT == S_IFLNK)
        if links.0 || links.1 {
            let fm = FileManager.default
            return links.0 && links.1 && (try? fm.destinationOfSymbolicLink(atPath: a)) == (try? fm.destinationOfSymbolicLink(atPath: b))
        }
        guard first.st_size == second.st_size,
              let x = try? Data(contentsOf: URL(fileURLWithPath: a), options: .alwaysMapped),
              let y = try? Data(contentsOf: URL(fileURLWithPath: b), options: .alwaysMapped) else { return false }
        return x == y
    }

    /// The rows that name each evidence file, by its path relative to `evidence/` as
    /// `monitored/evidence` resolves it.
    private static func naming(_ side: DiffSide) -> [String: [ContentDiff.EvidenceChange.Naming]] {
        let relabel = Relabel(from: [side.loadedRealRoot], to: side.shownRoot)
        var out: [String: [ContentDiff.EvidenceChange.Naming]] = [:]
        for file in side.model.content.measurementFiles {
            for row in file.rows {
                guard let evidence = row.evidence else { continue }
                var location = evidence.location
                location.file = relabel.path(location.file)
                out[normalized(evidence.value), default: []].append(.init(objective: row.objectiveID, period: row.periodValue, location: location))
            }
        }
        return out
    }

    /// `./a/./b.csv` as `a/b.csv`.
    private static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
