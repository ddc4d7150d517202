import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

/// An evidence path that does not exist, or that leaves `content/evidence/`, and an attachment that
/// links out of the content folder or nowhere (a link that stays inside is the walk's finding).
enum MonitoredEvidence: Rule {
    static let description = RuleDescription(
        id: "monitored/evidence", name: "Evidence attachment", obligation: .monitored, defaultSeverity: .error,
        summary: "An evidence path that does not exist (or only in another letter case or Unicode form), names an empty file or a folder, or leaves `content/evidence/` (absolute, `..`, or through a link out of the content folder); an attachment no row names that is such a link, or a broken one.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and an auditor samples measured values and asks \
            for the data behind them. The `evidence` column of a measurement names that extract or \
            screenshot, relative to content/evidence/, and the evidence pack carries the folder. A path to a \
            file that is not there is a claim without evidence, and so is an empty file (0 bytes), which is \
            what a failed export or save leaves: an auditor who opens it finds nothing. So is one that names it in another letter \
            case (`Extract.CSV` for `extract.csv`): a Mac's or a Windows disk opens the file by that name, \
            Linux, git and the auditor's unzip do not, so it is reported on every machine. So is one whose \
            accented letters are composed where the file's name has them decomposed, as macOS writes file \
            names (`ü` as `u` and a combining mark), or the other way round: the two look the same. A path that leaves the folder (absolute, \
            with `..`, or through a link to elsewhere) points at a file the pack does not carry and that \
            may change or vanish, so the value cannot be verified from the pack. An attachment that is \
            such a link (or a broken one) and that no row names is reported at the link, since the pack \
            leaves it out too. A link that stays inside the content folder is left out of the pack as \
            well, and is reported once, at the link, by `syntax/ignored-file` (a linked folder by its own \
            finding); a row naming it is not reported again.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓extract-2026-11.csv",
            ])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓/srv/exports/extract-2026-10.csv",
            ])]),
            // The file is there in another letter case, which only a Mac's or a Windows disk would open.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓Extract-2026-10.CSV",
            ])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓../evident.yml",
            ])]),
            // An attachment that links to nothing (the extract it stood for was moved), named by no row.
            RuleExample([:], expecting: ["evidence/extract-2026-09.csv"], links: ["evidence/extract-2026-09.csv": "exports/2026-09.csv"]),
            // The file's name has its `ü` decomposed, as macOS writes it; the row has it composed.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓Verf\u{FC}gbarkeit.csv",
                ]),
                "evidence/Verfu\u{308}gbarkeit.csv": "ticket,opened,restored\n",
            ]),
            // The export failed and left an empty file.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓2026/october/extract.csv",
                ]),
                "evidence/2026/october/extract.csv": "",
            ]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements]),
            // An extract with its header and no row is not empty: the period had no tickets.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,2026/october/extract.csv",
                ]),
                "evidence/2026/october/extract.csv": "ticket,opened,restored\n",
            ]),

            // A link inside the content folder: `syntax/ignored-file` reports it at the link.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,alias.csv",
            ])], links: ["evidence/alias.csv": "extract-2026-10.csv"]),
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,Verf\u{FC}gbarkeit.csv",
                ]),
                "evidence/Verf\u{FC}gbarkeit.csv": "ticket,opened,restored\n",
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let folder = model.content.rootPath + "/evidence"
        let folderReal = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let rootReal = URL(fileURLWithPath: model.content.rootPath).resolvingSymlinksInPath().path
        let shown = model.content.root == "." ? "evidence/" : model.content.root + "/evidence/"
        var findings: [Finding] = []
        var named: Set<String> = []
        // The attachments by exact name, and by name in lower case: made for the first row that
        // names evidence.
        var byName: (exact: Set<String>, lower: [String: String])?
        func otherCase(of path: String) -> String? {
            let names = byName ?? (Set(model.content.evidenceFiles),
                                   Dictionary(model.content.evidenceFiles.map { ($0.lowercased(), $0) }, uniquingKeysWith: min))
            byName = names
            guard !names.exact.contains(path), let actual = names.lower[path.lowercased()], actual != path else { return nil }
            return actual
        }
        // By position, reading a stored cell: only rows that name evidence are copied.
        for file in model.content.measurementFiles {
            let rows = file.rows
            for i in rows.indices where rows[i].evidencePath != nil {
                let m = rows[i]
                guard let evidence = m.evidence else { continue }
                let path = evidence.value
                if !model.content.evidenceLinks.isEmpty { named.insert(Measurement.evidenceFile(path)) }
                let problem: String?
                if isAbsolute(path) {
                    problem = absolute(path, folder: shown)
                } else if path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") {
                    problem = leaves(path, folder: shown)
                } else if let actual = otherCase(of: Measurement.evidenceFile(path)) {
                    // A Mac's or a Windows disk opens it by this name too; Linux, git and the auditor's unzip do not.
                    problem = letterCase(path, actual: actual, folder: shown)
                } else {
                    let full = folder + "/" + path
                    var info = stat()
                    if stat(full, &info) != 0 {
                        // A broken link is missing too: stat follows links. Swift compares
                        // Strings by canonical equivalence, the file system by bytes: a name equal
                        // but of other scalars has its accents composed on one side only.
                        let wanted = Measurement.evidenceFile(path)
                        if let actual = model.content.evidenceFiles.first(where: { $0 == wanted && !$0.unicodeScalars.elementsEqual(wanted.unicodeScalars) }) {
                            problem = unicodeForm(path, actual: actual, folder: shown)
                        } else {
                            problem = missing(path, folder: shown, suggestion: Suggest.closest(to: path, in: model.content.evidenceFiles))
                        }
                    } else if case let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path,
                              real != folderReal, !isInside(real, folderReal) {
                        // (`.` is the evidence folder itself: a folder, not a link out of it.) A link that
                        // stays in the content folder is the walk's finding, at the link.
                        problem = real == rootReal || isInside(real, rootReal) ? nil : linkLeaves(path, folder: shown)
                    } else if info.st_mode & S_IFMT == S_IFDIR {
                        problem = folderNotFile(path, folder: shown)
                    } else if info.st_size == 0 {
                        problem = empty(path, folder: shown)
                    } else {
                        problem = nil
                    }
                }
                if let problem {
                    findings.append(description.finding(problem, at: evidence.location, objective: m.objective.value))
                }
            }
        }
        // An attachment link no row names, which leads out of the content folder or nowhere: the
        // pack leaves it out, and nothing else says so. (One that stays inside, or whose name the
        // pack cannot carry, is the walk's.)
        for link in model.content.evidenceLinks where !named.contains(link) && ContentWalker.packCarriesName("evidence/" + link) {
            let full = folder + "/" + link
            var info = stat()
            let broken = stat(full, &info) != 0
            let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            guard broken || (real != rootReal && !isInside(real, rootReal)) else { continue }
            findings.append(description.finding(unnamedLink(broken: broken), at: SourceLocation(file: model.content.display("evidence/" + link))))
        }
        return findings
    }

    /// `/x`, `\x`, or a Windows drive (`C:`), which would name a file outside any content tree.
    static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.hasPrefix("~/") { return true }
        let c = Array(path.prefix(2))
        return c.count == 2 && c[0].isASCII && c[0].isLetter && c[1] == ":"
    }

    private static func isInside(_ real: String, _ folderReal: String) -> Bool {
        real.hasPrefix(folderReal + "/")
    }

    // MARK: messages

    static func missing(_ path: String, folder: String, suggestion: String?) -> String {
        // A link copied from a spreadsheet's cell (SharePoint, a dashboard): not a file the pack can carry.
        if let scheme = ["https://", "http://", "file://"].first(where: { path.lowercased().hasPrefix($0) }) {
            return "The evidence \(codeSpan(path)) is a \(scheme == "file://" ? "file address" : "web address"), not a file in \(codeSpan(folder)): the evidence pack carries evidence files, so an auditor can open them offline. Save a copy under \(codeSpan(folder)) and write its path, relative to that folder, in this cell; a link can go in `note`."
        }
        let hint = suggestion.map { " Did you mean \(codeSpan($0))?" } ?? ""
        return "The evidence file \(codeSpan(path)) does not exist in \(codeSpan(folder)).\(hint) Add the file there, or correct the path, which is relative to that folder."
    }

    static func letterCase(_ path: String, actual: String, folder: String) -> String {
        "The evidence file is named \(codeSpan(actual)) in \(codeSpan(folder)), not \(codeSpan(path)): a Mac's or a Windows disk opens it by either name, but Linux, git and the auditor's unzip of the pack do not, so the check would differ from machine to machine. Write the name as the file has it."
    }

    static func unicodeForm(_ path: String, actual: String, folder: String) -> String {
        let pathComposed = path.unicodeScalars.elementsEqual(path.precomposedStringWithCanonicalMapping.unicodeScalars)
        let fix = pathComposed
            ? "Rename the file to the name as this row writes it (`convmv -f utf-8 -t utf-8 --nfc --notest` renames it in place)."
            : "Type the path in this row again, so that its letters are composed as the file's name has them."
        return "The evidence file \(codeSpan(actual)) in \(codeSpan(folder)) has its accented letters \(pathComposed ? "decomposed (a letter then a combining mark, as macOS writes file names)" : "composed"), and this path has them \(pathComposed ? "composed" : "decomposed (a letter then a combining mark)"): the two look the same, and a Mac opens the file by either, but Linux, git and the auditor's unzip of the pack do not. \(fix)"
    }

    static func absolute(_ path: String, folder: String) -> String {
        "The evidence path \(codeSpan(path)) is absolute, so the evidence pack cannot carry the file. Copy the file into \(codeSpan(folder)) and write its path relative to that folder."
    }

    static func leaves(_ path: String, folder: String) -> String {
        "The evidence path \(codeSpan(path)) uses `..` to leave the evidence folder, so the evidence pack cannot carry the file. Copy the file into \(codeSpan(folder)) and write its path relative to that folder."
    }

    static func linkLeaves(_ path: String, folder: String) -> String {
        "The evidence file \(codeSpan(path)) is a link to a file outside \(codeSpan(folder)), which the evidence pack does not carry. Replace the link with a copy of the file."
    }

    static func unnamedLink(broken: Bool) -> String {
        let leads = broken ? "a file that does not exist" : "a file outside the content folder"
        return "This file is a link to \(leads), so `evident pack` leaves it out and the auditor would not receive it. Replace the link with a copy of the file, or remove it."
    }

    static func empty(_ path: String, folder: String) -> String {
        "The evidence file \(codeSpan(path)) in \(codeSpan(folder)) is empty (0 bytes), so it shows nothing an auditor could sample: an export or a save that failed leaves such a file. Save the evidence again; if this value has none, leave the cell empty."
    }

    static func folderNotFile(_ path: String, folder: String) -> String {
        "The evidence path \(codeSpan(path)) is a folder; name the file in \(codeSpan(folder)) that holds the evidence."
    }
}
