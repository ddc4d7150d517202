import EvidentModel
import EvidentSupport
import Foundation

/// A file or folder in the content tree that evident does not read (SPEC 4.1 "Ignored files").
/// Reported while loading: by the walk for a folder on disk, from the path list for a revision.
package enum SyntaxIgnoredFile: Sendable {
    package static let description = RuleDescription(
        id: "syntax/ignored-file", name: "Ignored file", obligation: .syntax, defaultSeverity: .warning,
        summary: "A file in the content tree that evident does not read, or that the evidence pack leaves out (its name, a link, a leftover such as `Thumbs.db` or `~$report.docx`), or a row that names such a leftover as evidence, with what to do.",
        rationale: """
            An objective saved as `.markdown`, or minutes filed in `review/` instead of `reviews/`, is \
            silently missing from every check, the site and the pack, so the readiness report can pass \
            while the evidence an auditor asks for is not in it. evident reads `evident.yml`, `policy.md`, \
            `risks.md` and the folders of the content tree (`*.md` under objectives, requirements, reviews and \
            communications, `*.csv` under measurements, anything under evidence); anything else beside \
            them is reported once, with the name it was probably meant to have. Names that start with \
            `.` are never reported. What Windows, macOS, Office and browsers leave beside the files they \
            handle is named for what it is, wherever it is: `Thumbs.db`, `ehthumbs.db`, `desktop.ini`, \
            Finder's `Icon` (with a carriage return), Office's `~$` lock files and `~….tmp` working \
            files, and unfinished downloads (`.crdownload`, `.part`). Under `evidence/` the pack leaves \
            them out, since an auditor receiving them would ask what they are; a measurements row that \
            names one as evidence is reported at its `evidence` too, since its value would reach the \
            auditor without the evidence it claims. (Only names no one gives a document are on that \
            list: a backup copy such as `report.docx.bak` is packed.) In the folders evident reads, such \
            a file is never read, even when it ends `.md` or `.csv` (`~$OBJ-INC-01.csv`, while Excel \
            has the measurements open). `evident.yml`, `policy.md`, `risks.md` and the folders are read \
            by those names in lower case: `Policy.md` or `Objectives/`, which a Mac's or a Windows disk \
            opens by the lower-case name and Linux and git do not, would give another result on another \
            machine, so it is reported with the exact rename (and the objectives in such a folder count \
            as unread, not missing). A file evident reads, or an attachment under `evidence/`, whose \
            name holds a backslash or a control character (a tab, a line break) is reported too: the \
            pack cannot write that name safely, so it leaves the file out, and the auditor would not \
            receive a file the organisation holds. Such a folder is reported once, at the folder. So is a \
            name with a bidirectional control (U+202E and its kin), which makes `invoice<U+202E>fdp.exe` \
            read as `invoiceexe.pdf` in every listing of the pack, and a file whose path is another's but \
            for letter case (`Board-Pack.pdf` beside `board-pack.pdf`), which Windows and macOS extract \
            to one file: the pack carries the first in byte order and reports the other; and a file whose \
            path is a folder's but for letter case (`Q3` beside `q3/minutes.pdf`), which they cannot make \
            beside the folder: the pack carries the folder's files and reports the file. So is a name \
            with an accent decomposed (`é` as `e` and a combining accent, as macOS writes some names), \
            which tar on Windows and Linux extracts composed, under a name the pack's manifest does not \
            list. So is a name Windows cannot extract \
            as it is: one holding `<`, `>`, `:`, `"`, `|`, `?` or `*`, one ending with a dot or a space, \
            which Windows drops (`report.pdf.` would land on `report.pdf`), or a device name (`CON`, \
            `PRN`, `AUX`, `NUL`, `COM1`…`LPT9`, with any extension: `nul.txt`). So is a \
            pipe, socket or device under `evidence/`, which nothing reads and the pack leaves out, and a \
            file that is a link to another file inside the content folder (`evidence/alias.csv` -> \
            `2026-10/extract.csv`, or `policy.md` -> the signed copy under `evidence/`): `check` reads \
            through it, but the pack never carries a link, so a measurement naming it as evidence, or an \
            objective read through it, would reach the auditor without its file. It is reported at the \
            link, once; a row naming it as evidence is not reported again. (A link that leads out of \
            the content folder is reported where evident would read it, or by `monitored/evidence` at \
            the row that names it, or at the link when no row does.) A name that is not valid UTF-8 \
            names no file evident can open: under `evidence/` or beside the folders it is reported \
            here; in a folder of objectives, reviews, communications, requirements or measurements it is \
            that kind's syntax error, since a file left unread there would be missing from every rule.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-02.markdown": "↓" + ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            RuleExample(["measurements/OBJ-INC-01.xlsx": "↓period,value\n"]),
            RuleExample(["review/2026-11-20.md": ExampleTree.review], expecting: ["review"]),
            RuleExample(["polcy.md": "↓" + ExampleTree.policy]),
            // Read by macOS and Windows, whose disks ignore letter case; not by Linux or git.
            RuleExample(["Policy.md": "↓" + ExampleTree.policy], removing: ["policy.md"]),
            RuleExample(["Evidence/board-pack.pdf": "x"], expecting: ["Evidence"]),
            // Left by Windows, Office, Notepad or an editor: named for what it is.
            RuleExample(["objectives/Thumbs.db": "↓x", "objectives/~$OBJ-INC-01.docx": "↓x",
                         "objectives/OBJ-INC-02.md.txt": "↓" + ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            // Under `evidence/`: not evidence, so the pack leaves them out; a row that names one.
            RuleExample(["evidence/Thumbs.db": "↓x", "evidence/desktop.ini": "↓x", "evidence/Icon\r": "↓",
                         "evidence/2026-10/~WRL0001.tmp": "↓x", "evidence/board-report.pdf.crdownload": "↓x"]),
            RuleExample(["evidence/board-report.docx": "x", "evidence/~$board-report.docx": "↓x",
                         "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                             "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,↓~$board-report.docx",
                         ])]),
            // Excel's lock file while it has the measurements open: not read as measurements.
            RuleExample(["measurements/~$OBJ-INC-01.csv": "↓x"]),
            RuleExample(["evidence/board\tpack.pdf": "↓%PDF-1.4\n"]),
            RuleExample(["objectives/OBJ-INC-02\\draft.md": "↓" + ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            RuleExample(["evidence/2026\nQ3/survey.csv": "a\n", "evidence/2026\nQ3/minutes.pdf": "%PDF-1.4\n",
                          "evidence/2026\nQ3/sign-off\u{7}.pdf": "↓%PDF-1.4\n"],
                        expecting: ["evidence/2026\nQ3"]),
            RuleExample(["evidence/invoice\u{202E}fdp.exe": "↓MZ\n"]),
            RuleExample(["evidence/Board-Pack.pdf": "%PDF-1.4\n", "evidence/board-pack.pdf": "↓%PDF-1.4\n"]),
            RuleExample(["evidence/2026-10/extract.csv": "ticket,opened,restored\n"], expecting: ["evidence/alias.csv"],
                        links: ["evidence/alias.csv": "2026-10/extract.csv"]),
            RuleExample(["evidence/policy-signed.md": ExampleTree.policy], removing: ["policy.md"], expecting: ["policy.md"],
                        links: ["policy.md": "evidence/policy-signed.md"]),
        ],
        nonTriggering: [
            RuleExample(["README.md": "# Our objectives\n", "evidence/board-pack.pdf": "%PDF-1.4\n",
                         "objectives/.draft.swp": "x", ".git-keep": "", "objectives/.~lock.OBJ-INC-01.md#": "x",
                         "reviews/.DS_Store": "x"]),
            RuleExample(["evidence/Q3 board pack – final (v2) é.pdf": "%PDF-1.4\n"]),
            // Names someone may give evidence: packed as they are.
            RuleExample(["evidence/report.docx.bak": "x", "evidence/~draft.pdf": "x", "evidence/thumbs.db.csv": "x",
                         "evidence/minutes.part1.rar": "x", "evidence/Icon.png": "x"]),
            // Right-to-left letters, and names that differ in more than case.
            RuleExample(["evidence/\u{62A}\u{642}\u{631}\u{64A}\u{631}.pdf": "%PDF-1.4\n", "evidence/board-pack-v2.pdf": "%PDF-1.4\n",
                         "evidence/board-pack.pdf": "%PDF-1.4\n"]),
            // The link replaced by a copy of the file.
            RuleExample(["evidence/2026-10/extract.csv": "ticket,opened,restored\n", "evidence/alias.csv": "ticket,opened,restored\n"]),
            // A broken link is reported where it is read: as a file that cannot be read here.
            RuleExample([:], removing: ["objectives/OBJ-INC-01.md"], links: ["objectives/OBJ-INC-01.md": "OBJ-INC-01-draft.md"]),
        ])

    /// What a content tree's root holds; anything else there is ignored.
    static let rootFiles = ["evident.yml", "policy.md", "risks.md", "README.md"]

    /// The files at the root that evident reads.
    static let readRootFiles = ["evident.yml", "policy.md", "risks.md"]

    /// The finding for `relative` (inside the content root, with `/`), which the walk does not
    /// read, or nil when it is not to be reported. `isFolder`: a folder at the root. `topNames`:
    /// the names at the root, so that a name that differs from one evident reads only in letter
    /// case can be told to be merged into it when both are there.
    static func finding(_ relative: String, isFolder: Bool, display: String, folders: [(name: String, ending: String?)],
                        topNames: Set<String> = []) -> Finding? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else { return nil }
        if parts.count == 1 {
            guard !rootFiles.contains(first) else { return nil }
            let read = isFolder ? folders.map(\.name) : readRootFiles
            if let meant = read.first(where: { $0 != first && $0.lowercased() == first.lowercased() }) {
                return caseOnly(first, meant: meant, isFolder: isFolder, both: topNames.contains(meant), display: display)
            }
            if !isFolder, let leftover = leftover(first, ending: ".md") ?? leftover(first, ending: ".yml") {
                return description.finding("evident does not read \(codeSpan(first)): \(leftover)", at: .wholeFile(display))
            }
            let known = rootFiles + folders.map { $0.name + "/" }
            let shown = isFolder ? first + "/" : first
            let hint = Suggestion.closest(to: shown, in: known).map { " Did you mean \(codeSpan($0))?" } ?? ""
            let message = isFolder
                ? "evident does not read the folder \(codeSpan(shown)): a content tree holds \(folders.map { "`\($0.name)/`" }.joined(separator: ", ")).\(hint) Move its files where they belong, or out of the content folder."
                : "evident does not read \(codeSpan(shown)): at the top of a content tree it reads only `evident.yml`, `policy.md` and `risks.md`.\(hint) Rename or move the file, or take it out of the content folder."
            return description.finding(message, at: isFolder ? SourceLocation(file: display) : .wholeFile(display))
        }
        guard let folder = folders.first(where: { $0.name == first }), let ending = folder.ending,
              let name = parts.last, !name.lowercased().hasSuffix(ending) || LeftoverFile(name: name[...]) != nil else { return nil }
        if let leftover = leftover(name, ending: ending) {
            return description.finding("evident does not read \(codeSpan(name)): \(leftover)", at: .wholeFile(display))
        }
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let kind = ending == ".csv" ? "CSV files (`.csv`)" : "Markdown files ending `.md`"
        return description.finding(
            "evident does not read \(codeSpan(name)): in \(first)/ it reads only \(kind). Did you mean \(codeSpan((stem.isEmpty ? name : stem) + ending))?",
            at: .wholeFile(display))
    }

    /// The finding for `name` at the root, which is `meant` (a name evident reads) but for letter
    /// case: macOS and Windows open one by the other, Linux and git do not, so the same folder
    /// would give another result on another machine. `both`: `meant` is there too.
    static func caseOnly(_ name: String, meant: String, isFolder: Bool, both: Bool, display: String) -> Finding {
        let (shown, wanted) = isFolder ? (name + "/", meant + "/") : (name, meant)
        let what = isFolder ? "the folder " : ""
        let why = "the two names differ only in letter case, which macOS and Windows ignore and Linux and git do not, so the same content would be read on one machine and not on another."
        let fix = both
            ? " \(codeSpan(wanted)) is here too, and only one of them can exist on macOS or Windows: move what \(codeSpan(shown)) holds into \(codeSpan(wanted)), then delete \(codeSpan(shown))."
            : " Rename it \(codeSpan(wanted)), in exactly that case."
        return description.finding(
            "evident reads \(what)\(codeSpan(wanted)), not \(codeSpan(shown)): \(why)\(fix)",
            at: isFolder ? SourceLocation(file: display) : .wholeFile(display))
    }

    /// What a file that an operating system, an editor or an office suite leaves beside the files
    /// it handles is, and what to do with it; nil for any other name. `ending`: what the folder reads
    /// (a `LeftoverFile` whatever it is; the name of a file it reads with more after it).
    static func leftover(_ name: String, ending: String) -> String? {
        if let leftover = LeftoverFile(name: name[...]) { return leftover.advice }
        // `OBJ-1.md~`, `OBJ-1.md.bak`, `OBJ-1.md.txt` (Notepad's "Text Documents"): the name of a
        // file evident reads, with more after it.
        guard let range = name.range(of: ending, options: [.backwards, .caseInsensitive]), range.upperBound < name.endIndex,
              range.lowerBound > name.startIndex else { return nil }
        let rest = name[range.upperBound...].lowercased()
        guard let next = rest.first, next == "." || next == "~" || next == "#" else { return nil }
        // emacs's auto-save file wraps the name in `#`: `#OBJ-1.md#` is a copy of `OBJ-1.md`.
        let wrapped = rest == "#" && name.first == "#" && name.index(after: name.startIndex) < range.lowerBound
        let meant = String(name[(wrapped ? name.index(after: name.startIndex) : name.startIndex)..<range.upperBound])
        if rest == ".txt" {
            return "it is \(codeSpan(meant)) saved as a text document, with `.txt` added (which Windows hides by default). Rename it \(codeSpan(meant)) (in Notepad, save with \"All files\" as the type)."
        }
        if [".swp", ".swo", ".tmp", "#"].contains(rest) || rest.hasPrefix(".sb-") {
            return "it looks like an editor's working copy of \(codeSpan(meant)), left while the file is open or after a crash. Close the file in the editor; delete this copy if no editor has it open."
        }
        return "it looks like a backup copy of \(codeSpan(meant)). Delete it, or move it out of the content folder (evident reads only \(codeSpan(meant)))."
    }

    /// The finding for an attachment under `evidence/` that is `leftover`, which the pack leaves out.
    static func leftover(_ leftover: LeftoverFile, name: String, display: String) -> Finding {
        description.finding(
            "\(codeSpan(name)) is not evidence, so `evident pack` leaves it out: \(leftover.advice)",
            at: .wholeFile(display))
    }

    /// The finding for a measurements row whose `evidence` (at `location`) names an attachment that
    /// is `leftover`; `meant`: the closest attachment that is evidence, if any.
    package static func leftoverNamed(_ path: String, _ leftover: LeftoverFile, meant: String?, at location: SourceLocation,
                                      objective: String?) -> Finding {
        let hint = meant.map { " Did you mean \(codeSpan($0))?" } ?? ""
        return description.finding(
            "The evidence file \(codeSpan(path)) is not evidence: it is \(leftover.what), which `evident pack` leaves out, so the auditor would not receive it. Name the file that holds the evidence instead.\(hint)",
            at: location, objective: objective)
    }

    /// The finding for a folder or file named `name` (at `display`) that the evidence pack cannot
    /// carry under its name (`ContentWalker.packCarriesName`), saying which character to remove.
    static func unpackable(_ name: Substring, isFolder: Bool, display: String) -> Finding {
        let character = PackPath.unsafeCharacter(in: name)
        let what: String, why: String
        switch character {
        case "\\":
            what = "backslash"
            why = "which Windows reads as a folder separator when the pack is extracted"
        case "\n": (what, why) = ("line break", "which would split its line in the pack's manifest")
        case "\r": (what, why) = ("carriage return", "which would split its line in the pack's manifest")
        case "\t": (what, why) = ("tab", "a control character the pack's manifest does not hold")
        case let .some(scalar) where PackPath.windowsReserved.contains(scalar):
            what = "`\(Character(scalar))`"
            why = "which Windows does not allow in a name"
        case let .some(scalar) where PackPath.isDirectionControl(scalar):
            what = "direction control (U+\(codePointHex(scalar.value)))"
            why = "which makes the name read as another in every listing of the pack"
        case let .some(scalar):
            what = "control character (U+\(codePointHex(scalar.value)))"
            why = "which the pack's manifest does not hold"
        case .none:
            switch PackPath.windowsProblem(name) {
            case let .trailing(scalar):
                let (what, example) = scalar == "." ? ("dot", "`report.pdf.`") : ("space", "`report.pdf `")
                return windowsName(isFolder: isFolder, display: display, problem: "ends with a \(what)",
                                   why: "which Windows drops when the pack is extracted, so it would land on another name (\(example) on `report.pdf`)",
                                   fix: "without the \(what) at the end")
            case let .deviceName(stem):
                return windowsName(isFolder: isFolder, display: display, problem: "is \(codeSpan(stem)), a device name on Windows",
                                   why: "where extracting it opens the device instead of writing a file",
                                   fix: "so that the part before its first dot is not \(codeSpan(stem))")
            case .none where !PackPath.isComposed(name):
                return windowsName(isFolder: isFolder, display: display,
                                   problem: "has an accent decomposed (a letter, then a combining accent: NFD, as macOS writes some names)",
                                   why: "which tar on Windows and Linux (libarchive) extracts composed (NFC), under a name the pack's manifest does not list",
                                   fix: "with its accents composed: type the name again, or run `convmv -f utf-8 -t utf-8 --nfc --notest` on it")
            case .reservedCharacter, .none:
                what = "character"
                why = "which the pack cannot write safely"
            }
        }
        let message = isFolder
            ? "The evidence pack cannot carry the files in this folder: its name holds a \(what), \(why), so `evident pack` leaves every file in it out. Rename the folder without the \(what)."
            : "The evidence pack cannot carry this file: its name holds a \(what), \(why), so `evident pack` leaves it out. Rename the file without the \(what)."
        return description.finding(message, at: isFolder ? SourceLocation(file: display) : .wholeFile(display))
    }

    /// The finding for a folder or file whose name Windows or tar would extract under another name
    /// or not at all (`PackPath.windowsProblem`, `PackPath.isComposed`), which the pack therefore
    /// leaves out.
    private static func windowsName(isFolder: Bool, display: String, problem: String, why: String, fix: String) -> Finding {
        let message = isFolder
            ? "The evidence pack cannot carry the files in this folder: its name \(problem), \(why), so `evident pack` leaves every file in it out. Rename the folder \(fix)."
            : "The evidence pack cannot carry this file: its name \(problem), \(why), so `evident pack` leaves it out. Rename the file \(fix)."
        return description.finding(message, at: isFolder ? SourceLocation(file: display) : .wholeFile(display))
    }

    /// The finding for the file at `relative` that the pack leaves out because `kept` is the same
    /// name to Windows and macOS but for letter case: a file, or a folder (ending in `/`). (A name
    /// with an accent decomposed is left out for that, before names are compared.)
    static func twin(_ relative: String, of kept: String, display: String) -> Finding {
        guard kept.hasSuffix("/") else {
            return description.finding(
                "The evidence pack cannot carry this file beside \(codeSpan(kept)): the two paths differ only in letter case, which Windows and macOS take for one name, so extracting the pack there would write one file over the other. `evident pack` packs \(codeSpan(kept)), first in byte order, and leaves this one out. Rename one of them.",
                at: .wholeFile(display))
        }
        return description.finding(
            "The evidence pack cannot carry this file beside the folder \(codeSpan(kept)): their names differ only in letter case, which Windows and macOS take for one name, and a file and a folder cannot share one, so extracting the pack there would fail. `evident pack` packs the folder's files and leaves this one out. Rename the file or the folder.",
            at: .wholeFile(display))
    }

    /// The finding for a file that is a link to another file inside the content folder, which
    /// evident follows and the pack leaves out; at the link, at no line.
    static func linkInside(display: String) -> Finding {
        description.finding(
            "This file is a link to another file in the content folder: evident follows it, but `evident pack` never carries a link, so the auditor would not receive this file. Replace the link with the file it points to (or a copy of it).",
            at: SourceLocation(file: display))
    }

    /// The finding for a file or folder whose name is not valid UTF-8 (shown with `�` in place of
    /// the bytes): nothing can be opened by the name evident reads, so it is neither read nor packed.
    /// Under `rule`: the syntax rule of its kind where it may hold content the rules need.
    static func undecodable(display: String, rule: RuleDescription = description) -> Finding {
        rule.finding(
            "evident cannot read this file or folder: its name is not valid UTF-8 (shown here with � for the bytes it cannot decode), so it is neither checked nor packed. Rename it in UTF-8.",
            at: SourceLocation(file: display))
    }

    /// The finding for a pipe, socket or device under `evidence/`, which nothing reads and the pack
    /// leaves out.
    static func notRegular(display: String) -> Finding {
        description.finding(
            "This is not a regular file (a pipe, socket or device): evident never reads it, and `evident pack` leaves it out. Remove it from the content folder, or put the file it stands for in its place.",
            at: .wholeFile(display))
    }
}
