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

/// A file's name by its bytes. Swift's `String` equality is canonical: it takes a name whose accents
/// are written otherwise (composed, decomposed) for the same name, which git and the disk do not.
package struct ExactName: Hashable, Sendable, ExpressibleByStringLiteral {
    package let name: String
    private let bytes: [UInt8]

    package init(_ name: String) {
        self.name = name
        bytes = Array(name.utf8)
    }

    package init(stringLiteral name: String) { self.init(name) }

    package static func == (a: Self, b: Self) -> Bool { a.bytes == b.bytes }
    package func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

/// The evidence files of two sides compared by what they hold, not only by name: each rule reads
/// only whether a file is there and whether it is empty, so a file replaced by another of the same
/// name changes no finding and no row, and only this shows it.
enum EvidenceChanges {
    /// Replaced first, then added, then removed, each in path order.
    static func compare(base: DiffSide, head: DiffSide, pastBefore: Day) -> [ContentDiff.EvidenceChange] {
        let (shared, added, removed) = pair(base.model.content.evidenceFiles, head.model.content.evidenceFiles)
        let same = parallelMap(shared) { sameFile($0.0, $0.1, base: base, head: head) }
        let namedBefore = naming(base), namedAfter = naming(head)
        // `old`, `new`: the name as BASE and as HEAD spell it.
        func change(_ kind: ContentDiff.EvidenceChange.Kind, _ old: String, _ new: String) -> ContentDiff.EvidenceChange {
            let side = kind == .removed ? base : head
            let before = namedBefore[ExactName(old)] ?? []
            let file = Relabel(from: [side.loadedRealRoot], to: side.shownRoot).path(side.model.content.display("evidence/" + (kind == .removed ? old : new)))
            return ContentDiff.EvidenceChange(kind: kind, file: file, namedBy: kind == .removed ? before : namedAfter[ExactName(new)] ?? [],
                                              behindPastValue: kind != .added && before.contains { $0.period.end < pastBefore })
        }
        let replaced = zip(shared, same).compactMap { names, same in same ? nil : names }
        return replaced.map { change(.replaced, $0.0, $0.1) }
            + added.map { change(.added, $0, $0) } + removed.map { change(.removed, $0, $0) }
    }

    /// BASE's names paired with HEAD's, each side's own spelling, and those of one side only, in
    /// path order. A name pairs with the same bytes; else with the one way the other side spells it
    /// when accents are written otherwise (composed on one side, decomposed on the other) and each
    /// side has no other. Swift's `==` alone would pair a file with either spelling, and one
    /// replaced could hide behind the old bytes kept under the other spelling.
    static func pair(_ old: [String], _ new: [String]) -> (shared: [(String, String)], added: [String], removed: [String]) {
        let exactOld = Set(old.map { ExactName($0) }), exactNew = Set(new.map { ExactName($0) })
        // By name as Swift compares strings (canonically): the spellings of each.
        let spellingsOld = Dictionary(grouping: old) { $0 }, spellingsNew = Dictionary(grouping: new) { $0 }
        var shared: [(String, String)] = [], added: [String] = [], removed: [String] = []
        for name in old {
            if exactNew.contains(ExactName(name)) {
                shared.append((name, name))
            } else if spellingsOld[name]?.count == 1, let other = spellingsNew[name], other.count == 1 {
                shared.append((name, other[0]))
            } else {
                removed.append(name)
            }
        }
        for name in new where !exactOld.contains(ExactName(name)) && !(spellingsNew[name]?.count == 1 && spellingsOld[name]?.count == 1) {
            added.append(name)
        }
        return (shared.sorted { $0.1 < $1.1 }, added.sorted(), removed.sorted())
    }

    /// Whether the file `a` of BASE and `b` of HEAD (paths relative to `evidence/`) hold the same:
    /// git's ids for two revisions; git's own comparison for the working tree and a revision
    /// (through its filters); otherwise the bytes on disk, hashed as git would for a revision.
    static func sameFile(_ a: String, _ b: String, base: DiffSide, head: DiffSide) -> Bool {
        switch (base.evidenceObjects, head.evidenceObjects) {
        case let (before?, after?):
            return before[ExactName(a)] != nil && before[ExactName(a)] == after[ExactName(b)]
        case let (before?, nil):
            return matches(before[ExactName(a)], disk: head, b)
        case let (nil, after?):
            return matches(after[ExactName(b)], disk: base, a)
        case (nil, nil):
            return sameOnDisk(base.loadedRealRoot + "/evidence/" + a, head.loadedRealRoot + "/evidence/" + b)
        }
    }

    /// Whether the file `path` of a folder side holds what git stores as `object` in the other.
    private static func matches(_ object: String?, disk: DiffSide, _ path: String) -> Bool {
        if let changed = disk.evidenceChanged {
            switch changed[ExactName(path)] {
            case nil: return true
            // No longer tracked, or not looked at by git, yet on disk: git cannot say, the bytes can.
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
    /// `monitored/evidence` resolves it (by its bytes, as the disk opens it).
    private static func naming(_ side: DiffSide) -> [ExactName: [ContentDiff.EvidenceChange.Naming]] {
        let relabel = Relabel(from: [side.loadedRealRoot], to: side.shownRoot)
        var out: [ExactName: [ContentDiff.EvidenceChange.Naming]] = [:]
        for file in side.model.content.measurementFiles {
            for row in file.rows {
                guard let evidence = row.evidence else { continue }
                var location = evidence.location
                location.file = relabel.path(location.file)
                out[ExactName(Measurement.evidenceFile(evidence.value)), default: []].append(.init(objective: row.objectiveID, period: row.periodValue, location: location))
            }
        }
        return out
    }
}
